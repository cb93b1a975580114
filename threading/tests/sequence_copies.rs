//! Slices, concatenation, comparison and `index` of lists and tuples
//! without copying whole operands (`vm/subscript.rs`'s list slice,
//! `vm/ops.rs`'s `+`, `vm/compare.rs`'s tuple comparison,
//! `builtins/list_methods.rs`'s `index`), under every GIL mode, against
//! what `python3` 3.11 prints: slices of every shape, bounds whose
//! `__index__` grows or shrinks the list before its length is read (as
//! CPython's `PySlice_Unpack` then `PySlice_AdjustIndices`), list
//! subclasses, `a + a`, a list plus a tuple, `list.index` calling `repr`
//! only for its error, `tuple.index` with bounds, tuple comparisons whose
//! items' `__eq__` is Python code or raises, nqueens' rotation; slice
//! assignment from a temporary list (moved), a shared one (copied), a
//! tuple or a generator, and bounds the plain path must take; `+` of a
//! temporary list (appended to) and of lists that must stay as they are.

mod eras;

const SEQUENCES: &str = r#"xs = [0, 1, 2, 3, 4, 5, 6, 7]
print(xs[2:], xs[:3], xs[::-1], xs[1:7:2], xs[-3:], xs[5:2], xs[::3], xs[100:], xs[-100:2])
class Grow:
    def __index__(self):
        xs.append(len(xs))
        return 6
print(xs[2:Grow()], len(xs))
class Shrink:
    def __index__(self):
        del xs[3:]
        return 1
print(xs[Shrink():], xs)
class L(list):
    pass
print(type(L([1, 2])[0:1]).__name__, L([1]) + [2], type(L([1]) + [2]).__name__)
a = [1, 2]
print(a + a, a + [], [] + [], (1,) + (2, 3), () + ())
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
class Noisy:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Noisy) and self.v == other.v
    def __repr__(self):
        print("repr called")
        return "Noisy(%d)" % self.v
ns = [Noisy(1), Noisy(2)]
print(ns.index(Noisy(2)))
try:
    ns.index(Noisy(3))
except ValueError as e:
    print("ValueError", e)
t = (1, "a", 2.5, None)
print(t.index(2.5), t.index("a", 1, 3))
try:
    t.index(7)
except ValueError as e:
    print("ValueError", e)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, (2, 3)) > (1, (2, 2)), (Noisy(1),) == (Noisy(1),), () == ())
class Bad:
    def __eq__(self, other):
        raise KeyError("eq")
try:
    (Bad(),) == (Bad(),)
except KeyError as e:
    print("KeyError", e)
indices = list(range(6))
for i in range(5):
    indices[i:] = indices[i + 1:] + indices[i:i + 1]
print(indices)
"#;

/// What python3 3.11 prints for [`SEQUENCES`].
const SEQUENCES_SAY: &str = "[2, 3, 4, 5, 6, 7] [0, 1, 2] [7, 6, 5, 4, 3, 2, 1, 0] [1, 3, 5] [5, 6, 7] [] [0, 3, 6] [] [0, 1]\n\
[2, 3, 4, 5] 9\n\
[1, 2] [0, 1, 2]\n\
list [1, 2] list\n\
[1, 2, 1, 2] [1, 2] [] (1, 2, 3) ()\n\
TypeError can only concatenate list (not \"tuple\") to list\n\
1\n\
repr called\n\
ValueError Noisy(3) is not in list\n\
2 1\n\
ValueError tuple.index(x): x not in tuple\n\
True True True True True\n\
KeyError 'eq'\n\
[1, 3, 5, 2, 0, 4]\n\
";

#[test]
fn sequence_slices_and_concatenation_match_python_in_every_mode() {
    eras::assert_prints("sequences.py", SEQUENCES, SEQUENCES_SAY);
}

/// Slice assignment from every kind of source — a temporary list (its
/// items moved, `subscript.rs`'s fast path), a list still held elsewhere
/// or the target itself (copied), a tuple, a generator — and slice bounds
/// the fast path leaves to the plain one (bools, ints past 64 bits,
/// `__index__`, a zero step, a float).
const ASSIGN: &str = r#"xs = [0, 1, 2, 3, 4, 5]
xs[:3] = xs[2::-1]
print(xs)
b = [7, 8]
alias = b
xs[1:3] = b
b.append(9)
print(xs, alias, b is alias)
xs[:] = xs
print(xs)
xs[2:4] = [10, 11, 12, 13]
print(xs)
xs[1:5] = (20, 21)
print(xs)
xs[::2] = [x * 2 for x in range(len(xs[::2]))]
print(xs)
try:
    xs[::2] = [1, 2, 3, 4, 5, 6, 7, 8]
except ValueError as e:
    print("ValueError", e)
print(xs)
xs[0:2] = (y for y in "ab")
print(xs)
nested = [[1], [2]]
xs[:2] = [nested[0], nested]
print(xs[:2], nested)
print(xs[True:], xs[False:2], xs[:True])
print(xs[2**70:], xs[-2**70:1], xs[:2**70][:2])
class Two:
    def __index__(self):
        return 2
print(xs[Two():], xs[:Two()], xs[::Two()])
for bad in (0, None):
    try:
        print(xs[::0] if bad == 0 else xs[None:None:None][:1])
    except ValueError as e:
        print("ValueError", e)
try:
    xs[1.5:]
except TypeError as e:
    print("TypeError", e)
try:
    xs[::0] = []
except ValueError as e:
    print("ValueError", e)
r = list(range(8))
for k in (3, 5, 7, 2):
    r[:k + 1] = r[k::-1]
print(r)
print("abcdef"[1:4], "abcdef"[::-2], (1, 2, 3, 4)[1:3], range(10)[2:8:3], b"hello"[1:3])
"#;

/// What python3 3.11 prints for [`ASSIGN`].
const ASSIGN_SAY: &str = "[2, 1, 0, 3, 4, 5]\n\
[2, 7, 8, 3, 4, 5] [7, 8, 9] True\n\
[2, 7, 8, 3, 4, 5]\n\
[2, 7, 10, 11, 12, 13, 4, 5]\n\
[2, 20, 21, 13, 4, 5]\n\
[0, 20, 2, 13, 4, 5]\n\
ValueError attempt to assign sequence of size 8 to extended slice of size 3\n\
[0, 20, 2, 13, 4, 5]\n\
['a', 'b', 2, 13, 4, 5]\n\
[[1], [[1], [2]]] [[1], [2]]\n\
[[[1], [2]], 2, 13, 4, 5] [[1], [[1], [2]]] [[1]]\n\
[] [[1]] [[1], [[1], [2]]]\n\
[2, 13, 4, 5] [[1], [[1], [2]]] [[1], 2, 4]\n\
ValueError slice step cannot be zero\n\
[[1]]\n\
TypeError slice indices must be integers or None or have an __index__ method\n\
ValueError slice step cannot be zero\n\
[3, 6, 7, 2, 1, 0, 4, 5]\n\
bcd fdb (2, 3) range(2, 8, 3) b'el'\n\
";

#[test]
fn slice_assignment_sources_and_bounds_match_python_in_every_mode() {
    eras::assert_prints("assign.py", ASSIGN, ASSIGN_SAY);
}

/// `list + list` whose left operand is a temporary (`ops.rs`'s fast path
/// appends to it) beside every case that must build a new list: a left
/// operand still named (`keep + [6]`), `a + a`, a subclass on either side
/// (its `__radd__` first), a tuple on the right, `sum` of lists.
const CONCAT: &str = r#"a = [1, 2]
b = a[:] + [3]
print(a, b)
c = a + a
print(a, c)
d = a[:1] + a
print(a, d)
e = [x for x in a] + a[1:] + [9] + []
print(a, e)
keep = [5]
f = keep + [6]
print(keep, f, f is keep)
class L(list):
    def __radd__(self, other):
        return "radd " + repr(other)
print([0] + L([1]))
print(L([1]) + [2], type(L([1]) + [2]).__name__)
g = [[0]] + [[1]]
g[0].append(7)
print(g)
nested = [[1]]
h = nested[:] + nested
h[0].append(2)
print(nested, h)
try:
    [1][:] + (2,)
except TypeError as e:
    print("TypeError", e)
print(sum([[1], [2], [3]], []))
rot = list(range(6))
for i in range(5):
    rot[i:] = rot[i + 1:] + rot[i:i + 1]
print(rot)
"#;

/// What python3 3.11 prints for [`CONCAT`].
const CONCAT_SAY: &str = "[1, 2] [1, 2, 3]\n\
[1, 2] [1, 2, 1, 2]\n\
[1, 2] [1, 1, 2]\n\
[1, 2] [1, 2, 2, 9]\n\
[5] [5, 6] False\n\
radd [0]\n\
[1, 2] list\n\
[[0, 7], [1]]\n\
[[1, 2]] [[1, 2], [1, 2]]\n\
TypeError can only concatenate list (not \"tuple\") to list\n\
[1, 2, 3]\n\
[1, 3, 5, 2, 0, 4]\n\
";

#[test]
fn list_concatenation_of_temporaries_matches_python_in_every_mode() {
    eras::assert_prints("concat.py", CONCAT, CONCAT_SAY);
}
