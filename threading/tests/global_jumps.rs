//! A module global tested by the conditional jump that consumes it
//! (`vm/global_jump.rs`: `FUSED_GLOBAL_JUMP`, `FUSED_GLOBAL_COMPARE_JUMP`)
//! and every fallback, under every GIL era (3.9 runs the unquickened ops),
//! against what `python3` 3.11 prints for the same programs: the truth of
//! every kind of value (scalars in place; containers, instances with
//! `__bool__`/`__len__`, classes and functions on the plain path); a global
//! rebound mid-loop; compares against a global (ints, floats, NaN, strs,
//! big ints, tuples, `None`, a user `__eq__` returning a non-bool, a
//! `TypeError`, an `__eq__` that raises); a `__bool__` that raises; a
//! deleted global (`NameError`, caught and uncaught, with python3's
//! traceback); a builtin shadowed by a global and un-shadowed; jumps that
//! land in the middle of a fused sequence; and a thread rebinding a global
//! that another thread tests.

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

class OddEq:
    def __init__(self, answer):
        self.answer = answer
    def __eq__(self, other):
        return self.answer
    def __lt__(self, other):
        return self.answer

class BadEq:
    def __eq__(self, other):
        raise KeyError("no eq")

FLAG = False

def truth():
    out = []
    if FLAG: out.append("if")
    if not FLAG: out.append("not")
    out.append("T" if FLAG else "F")
    return " ".join(out)

values = [False, True, 0, 1, -1, 0.0, 0.5, float("nan"), "", "x", None, (), (1,),
          b"", b"a", 2**70, [], [0], {}, {1: 2}, set(), {3}, bytearray(), range(0),
          range(2), Truthy(True), Truthy(False), Sized(0), Sized(4), Truthy, len, truth]
for v in values:
    FLAG = v
    print(type(v).__name__, truth())

# The global rebound mid-loop, from inside the loop.
def rebinding(n):
    global FLAG
    seen = []
    for i in range(n):
        if FLAG:
            seen.append(i)
        FLAG = i % 3 == 0 if i < 6 else [i] if i < 8 else ""
    return seen

FLAG = 0
print(rebinding(10))

EMPTY = 0

def compares(x):
    out = []
    if x == EMPTY: out.append("==")
    if x != EMPTY: out.append("!=")
    if x < EMPTY: out.append("<")
    if not x <= EMPTY: out.append("not <=")
    if x > EMPTY: out.append(">")
    if x >= EMPTY: out.append(">=")
    return " ".join(out)

pairs = [(0, 0), (1, 0), (-1, 0), (0.0, 0), (0.5, 0), (0, 0.5), (2.5, 2.5),
         (float("nan"), 1.0), (1, float("nan")), (2**53 + 1, 2.0**53),
         ("a", "a"), ("a", "b"), ("é", "z"), ("x" * 3, "".join(["x"] * 3)),
         (True, 1), (2**70, 2**70), (2**70, 1), ((1,), (1,)), ([1], [2])]
for x, e in pairs:
    EMPTY = e
    print(repr(x), repr(e), "|", compares(x))

def eq_only(x):
    out = []
    if x == EMPTY: out.append("==")
    if x != EMPTY: out.append("!=")
    return " ".join(out) or "-"

for x, e in [(1, "1"), ("1", 1), (None, None), (None, 0), (1, None), (len, len),
             (1, OddEq([])), (1, OddEq("yes")), (1, OddEq(0)), (1, OddEq((0,))),
             (OddEq([]), 1), (OddEq(2), 1)]:
    EMPTY = e
    print(type(x).__name__, type(e).__name__, "|", eq_only(x))

# Orderings that raise TypeError, and __eq__ that raises.
EMPTY = "s"
try:
    compares(1)
except TypeError as e:
    print("TypeError", e)
EMPTY = BadEq()
try:
    eq_only(1)
except KeyError as e:
    print("KeyError", e)

# A __bool__ that raises, on the global itself and on a compare's answer.
FLAG = BadBool()
try:
    truth()
except ValueError as e:
    print("ValueError", e, sys.exc_info()[2].tb_next.tb_lineno)
EMPTY = OddEq(BadBool())
try:
    eq_only(1)
except ValueError as e:
    print("ValueError", e, sys.exc_info()[2].tb_next.tb_lineno)

# Deleted: NameError, then rebound.
del FLAG
try:
    truth()
except NameError as e:
    print("NameError", e, sys.exc_info()[2].tb_next.tb_lineno)
del EMPTY
try:
    eq_only(1)
except NameError as e:
    print("NameError", e, sys.exc_info()[2].tb_next.tb_lineno)
FLAG = 1
EMPTY = 1
print(truth(), eq_only(1))

# A builtin shadowed by a global, then un-shadowed.
def builtin_tests(x):
    out = []
    if abs: out.append("abs")
    if x == abs: out.append("x==abs")
    if not abs: out.append("not abs")
    return " ".join(out) or "-"

print(builtin_tests(0))
abs = 0
print(builtin_tests(0))
abs = ""
print(builtin_tests(""))
del abs
print(builtin_tests(0), builtin_tests(len), builtin_tests(abs))

# Jumps that land in the middle of a fused sequence.
OTHER = 3
def middles(c, x, y):
    out = []
    if (y if c else FLAG): out.append("t")
    if x == (y if c else OTHER): out.append("eq")
    if x < (y if c else OTHER): out.append("lt")
    return " ".join(out) or "-"

FLAG = 0
for c, x, y in [(True, 3, 3), (False, 3, 0), (True, 1, 0), (False, 1, 1), (False, 4, 4), (True, "a", "a")]:
    print(middles(c, x, y))
FLAG = "yes"
print(middles(False, 3, 0))

# A while loop against a global bound.
LIMIT = 5
def count():
    i = 0
    n = 0
    while i < LIMIT:
        i += 1
        if i == OTHER:
            continue
        n += i
    return n

print(count())
LIMIT = 7.5
print(count())

# Threads rebinding a global another thread tests (every era): the reader
# sees only values that were stored.
import threading
G = 1
def writer():
    global G
    for i in range(3000):
        G = 1 if i % 2 else 2
    G = 1

def reader(counts):
    # Each test reads G once: it is 1 or 2 whenever it is read, so both
    # counts are 3000 whatever the interleaving (two reads of G in one
    # test, as `G == 1 ... elif G == 2` makes, could see two values).
    for i in range(3000):
        if 0 < G:
            counts[0] += 1
        if G:
            counts[1] += 1

counts = [0, 0]
ts = [threading.Thread(target=writer), threading.Thread(target=reader, args=(counts,))]
for t in ts: t.start()
for t in ts: t.join()
print(counts)
"###;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"bool not F
bool if T
int not F
int if T
int if T
float not F
float if T
float if T
str not F
str if T
NoneType not F
tuple not F
tuple if T
bytes not F
bytes if T
int if T
list not F
list if T
dict not F
dict if T
set not F
set if T
bytearray not F
range not F
range if T
Truthy if T
Truthy not F
Sized not F
Sized if T
type if T
builtin_function_or_method if T
function if T
[1, 4, 7, 8]
0 0 | == >=
1 0 | != not <= > >=
-1 0 | != <
0.0 0 | == >=
0.5 0 | != not <= > >=
0 0.5 | != <
2.5 2.5 | == >=
nan 1.0 | != not <=
1 nan | != not <=
9007199254740993 9007199254740992.0 | != not <= > >=
'a' 'a' | == >=
'a' 'b' | != <
'é' 'z' | != not <= > >=
'xxx' 'xxx' | == >=
True 1 | == >=
1180591620717411303424 1180591620717411303424 | == >=
1180591620717411303424 1 | != not <= > >=
(1,) (1,) | == >=
[1] [2] | != <
int str | !=
str int | !=
NoneType NoneType | ==
NoneType int | !=
int NoneType | !=
builtin_function_or_method builtin_function_or_method | ==
int OddEq | !=
int OddEq | ==
int OddEq | !=
int OddEq | ==
OddEq int | !=
OddEq int | ==
TypeError '<' not supported between instances of 'int' and 'str'
KeyError 'no eq'
ValueError no truth 35
ValueError no truth 82
NameError name 'FLAG' is not defined 35
NameError name 'EMPTY' is not defined 82
if T ==
abs
x==abs not abs
x==abs not abs
abs abs abs x==abs
t eq
eq
-
lt
-
t eq
t eq
12
33
[3000, 3000]
"###;

/// An uncaught `NameError` from `x == MARKER` once `MARKER` is deleted.
const NAME_ERROR: &str = r###"MARKER = 1

def check(x):
    if x == MARKER:
        return "same"
    return "differ"

def flagged():
    if MARKER:
        return "set"
    return "unset"

print(check(1), flagged())
del MARKER
try:
    flagged()
except NameError as e:
    print("caught", e)
check(2)
"###;

/// What python3 3.11 prints for [`NAME_ERROR`] on stdout.
const NAME_ERROR_STDOUT: &str = r###"same set
caught name 'MARKER' is not defined
"###;

/// What python3 3.11 prints for [`NAME_ERROR`] on stderr (run as
/// `name_error.py`; python3 shows the path it was given).
const NAME_ERROR_STDERR: &str = r###"Traceback (most recent call last):
  File "name_error.py", line 19, in <module>
    check(2)
  File "name_error.py", line 4, in check
    if x == MARKER:
            ^^^^^^
NameError: name 'MARKER' is not defined
"###;

/// An uncaught `NameError` from `if TRACING:` once `TRACING` is deleted.
const FLAG_ERROR: &str = r###"TRACING = True

def step(n):
    total = 0
    for i in range(n):
        if TRACING:
            total += i
    return total

print(step(4))
del TRACING
step(1)
"###;

/// What python3 3.11 prints for [`FLAG_ERROR`] on stdout.
const FLAG_ERROR_STDOUT: &str = r###"6
"###;

/// What python3 3.11 prints for [`FLAG_ERROR`] on stderr (run as
/// `flag_error.py`).
const FLAG_ERROR_STDERR: &str = r###"Traceback (most recent call last):
  File "flag_error.py", line 12, in <module>
    step(1)
  File "flag_error.py", line 6, in step
    if TRACING:
       ^^^^^^^
NameError: name 'TRACING' is not defined
"###;

#[test]
fn global_jumps_match_python_in_every_mode() {
    eras::assert_prints("global_jumps.py", PROGRAM, PYTHON_SAYS);
}

#[test]
fn deleted_global_in_a_compare_raises_as_python_in_every_mode() {
    eras::assert_fails(
        "name_error.py",
        NAME_ERROR,
        1,
        NAME_ERROR_STDOUT,
        NAME_ERROR_STDERR,
    );
}

#[test]
fn deleted_global_in_a_test_raises_as_python_in_every_mode() {
    eras::assert_fails(
        "flag_error.py",
        FLAG_ERROR,
        1,
        FLAG_ERROR_STDOUT,
        FLAG_ERROR_STDERR,
    );
}
