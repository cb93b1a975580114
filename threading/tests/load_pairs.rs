//! The leftover loads, paired (`compiler/load_pairs.rs`: `FUSED_LOAD_LOAD`,
//! `FUSED_LOAD_CALL[_METHOD]`, `FUSED_FAST_JUMP`), and every fallback,
//! under every GIL era (3.9 runs the unquickened ops), against what
//! `python3` 3.11 prints for the same programs: a local's truth for every
//! kind of value (numbers, strs, containers and views in place; instances
//! with `__bool__`/`__len__`, a `__bool__` that raises, on the plain path);
//! a local rebound mid-loop between those kinds; locals and constants
//! pushed in pairs in every order; a jump that lands on the second load of
//! a pair; a load then a call of every kind of callable (Python functions
//! with and without defaults, bound methods, static methods, natives,
//! classes, keywords); an unbound local as the second of a pair, as the
//! tested local and as a call's argument (caught, and uncaught with
//! python3's traceback, which names the second load's line); pairs in a
//! resumed generator frame.

mod eras;

/// The fast paths and fallbacks, printed.
const PROGRAM: &str = r###"import sys

class Truthy:
    def __init__(self, answer):
        self.answer = answer
    def __bool__(self):
        return self.answer

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

class BadBool:
    def __bool__(self):
        raise ValueError("no truth")

class Box:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def add(self, a, b=0):
        return self.v + a + b
    @staticmethod
    def twice(x):
        return 2 * x

# LOAD x; POP_JUMP_IF_*: every kind of truth a local can have.
def truth(v):
    out = []
    if v: out.append("if")
    if not v: out.append("not")
    while v:
        out.append("while")
        break
    return " ".join(out)

values = [False, True, 0, 1, -1, 0.0, 0.5, float("nan"), "", "x", None, (), (1,),
          b"", b"a", 2**70, -2**70, [], [0], {}, {1: 2}, set(), {3}, frozenset(),
          bytearray(), bytearray(b"z"), range(0), range(2), {}.keys(), {1: 1}.values(),
          Truthy(True), Truthy(False), Sized(0), Sized(4), Truthy, len, truth]
for v in values:
    print(type(v).__name__, truth(v))

def bad_truth(v):
    try:
        if v:
            return "yes"
        return "no"
    except ValueError as e:
        return "caught " + str(e)
print(bad_truth(BadBool()))

# A local rebound mid-loop, tested by the fused jump each time round.
def rebinding(n):
    seen = []
    flag = 0
    for i in range(n):
        if flag:
            seen.append(i)
        flag = i % 3 == 0 if i < 6 else [i] if i < 8 else Sized(i % 2) if i < 10 else ""
    return seen
print(rebinding(12))

# LOAD x; LOAD y (locals and constants in every order), pushed in order.
def pairs(a, b):
    t = (a, b, 3, a, "k", b, None, a)
    u = [b, a]
    return t, u, a - b, b - a
print(pairs(7, 2))
print(pairs("p", "q") if False else pairs(1.5, 0.25))

# A jump that lands on the second load of a pair.
def middle(c, x, y):
    r = []
    for k in range(3):
        r.append((x if c else y, y, k))
        c = not c
    return r
print(middle(True, "x", "y"))

# LOAD x; CALL n / CALL_METHOD n: every kind of callable.
def calls(b, f, n):
    out = []
    out.append(b.get())
    out.append(b.add(n))
    out.append(b.add(n, n))
    out.append(f(n))
    out.append(len(n * "ab"))
    out.append(Box.twice(n))
    out.append(b.twice(n))
    out.append(str(n))
    out.append(Box(n).get())
    out.append(max(n, 3))
    out.append(sorted([3, n, 1], key=abs))
    m = b.add
    out.append(m(n))
    return out
print(calls(Box(10), lambda x: x * 7, 4))
print(calls(Box(0.5), abs, -2))

# A call whose argument's load raises (an unbound local), and a call that
# raises, each caught; and a pair whose second load is unbound.
def unbound_arg(flag):
    if flag:
        z = 1
    try:
        return len(z)
    except UnboundLocalError as e:
        return "caught " + str(e)
print(unbound_arg(False))

def unbound_pair(flag):
    if flag:
        w = 1
    v = 2
    try:
        return (v, w)
    except UnboundLocalError as e:
        return "caught " + str(e)
print(unbound_pair(False), unbound_pair(True))

def raising_call(xs):
    try:
        return xs.index(99)
    except ValueError as e:
        return "caught " + str(e)
print(raising_call([1, 2]))

# Generators: the pairs inside a resumed frame.
def gen(a, b):
    while a:
        yield (a, b)
        a -= 1
print(list(gen(3, "g")))
print(sys.version_info[:1] >= (3,))
"###;

/// What `python3` 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"bool not
bool if while
int not
int if while
int if while
float not
float if while
float if while
str not
str if while
NoneType not
tuple not
tuple if while
bytes not
bytes if while
int if while
int if while
list not
list if while
dict not
dict if while
set not
set if while
frozenset not
bytearray not
bytearray if while
range not
range if while
dict_keys not
dict_values if while
Truthy if while
Truthy not
Sized not
Sized if while
type if while
builtin_function_or_method if while
function if while
caught no truth
[1, 4, 7, 8, 10]
((7, 2, 3, 7, 'k', 2, None, 7), [2, 7], 5, -5)
((1.5, 0.25, 3, 1.5, 'k', 0.25, None, 1.5), [0.25, 1.5], 1.25, -1.25)
[('x', 'y', 0), ('y', 'y', 1), ('x', 'y', 2)]
[10, 14, 18, 28, 8, 8, 8, '4', 4, 4, [1, 3, 4], 14]
[0.5, -1.5, -3.5, 2, 0, -4, -4, '-2', -2, 3, [1, -2, 3], -1.5]
caught cannot access local variable 'z' where it is not associated with a value
caught cannot access local variable 'w' where it is not associated with a value (2, 1)
caught 99 is not in list
[(3, 'g'), (2, 'g'), (1, 'g')]
True
"###;

/// Unbound locals in each pair, caught, then one uncaught.
const UNBOUND: &str = r###"def pair(flag):
    if flag:
        w = 1
    v = 2
    return (v,
            w)

def jump(flag):
    if flag:
        w = 1
    if w:
        return 1

def call(flag):
    if flag:
        w = 1
    return len(
        w)

for fn in (pair, jump, call):
    try:
        fn(False)
    except UnboundLocalError as e:
        print(fn.__name__, e)
print(pair(True), jump(True))
pair(False)
"###;

/// What `python3` 3.11 prints for [`UNBOUND`] (run as `pairs_error.py`).
const UNBOUND_STDOUT: &str = r###"pair cannot access local variable 'w' where it is not associated with a value
jump cannot access local variable 'w' where it is not associated with a value
call cannot access local variable 'w' where it is not associated with a value
(2, 1) 1
"###;

/// Its traceback: the error is the second load's, on its own line.
const UNBOUND_STDERR: &str = r###"Traceback (most recent call last):
  File "pairs_error.py", line 26, in <module>
    pair(False)
  File "pairs_error.py", line 6, in pair
    w)
    ^
UnboundLocalError: cannot access local variable 'w' where it is not associated with a value
"###;

#[test]
fn load_pairs_match_python_in_every_mode() {
    eras::assert_prints("load_pairs.py", PROGRAM, PYTHON_SAYS);
}

#[test]
fn unbound_locals_in_pairs_raise_as_python_in_every_mode() {
    eras::assert_fails("pairs_error.py", UNBOUND, 1, UNBOUND_STDOUT, UNBOUND_STDERR);
}
