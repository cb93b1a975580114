//! Slices, concatenation, comparison and `index` of lists and tuples
//! without copying whole operands (`vm/subscript.rs`'s list slice,
//! `vm/ops.rs`'s `+`, `vm/compare.rs`'s tuple comparison,
//! `builtins/list_methods.rs`'s `index`), under every GIL mode, against
//! what `python3` 3.11 prints: slices of every shape, bounds whose
//! `__index__` grows or shrinks the list before its length is read (as
//! CPython's `PySlice_Unpack` then `PySlice_AdjustIndices`), list
//! subclasses, `a + a`, a list plus a tuple, `list.index` calling `repr`
//! only for its error, `tuple.index` with bounds, tuple comparisons whose
//! items' `__eq__` is Python code or raises, nqueens' rotation.

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
