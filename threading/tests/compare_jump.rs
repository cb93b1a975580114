//! A compare or `is` fused with the conditional jump that consumes it
//! (`vm/compare_jump.rs`: `FUSED_COMPARE_JUMP`, `FUSED_IS_JUMP`,
//! `FUSED_CONST_IS_JUMP`) and every fallback, under every GIL era (3.9
//! runs the unquickened ops), against what `python3` 3.11 prints for the
//! same programs: ints, floats (NaN, infinities, an int beyond 2**53
//! against a float, exactly), strs (identity, content, code-point order),
//! big ints, bools and containers (plain path); user `__lt__`/`__eq__`
//! returning non-bools (a tuple, a list, an int, a str); a result whose
//! `__bool__` raises (the traceback's line numbers); comparisons raising
//! `TypeError`; `is`/`is not` against None, True, False and objects; jumps
//! that land in the middle of a fused sequence (a conditional operand,
//! `continue` back to a `while` test).

mod eras;

/// The fast paths and fallbacks, printed.
const PROGRAM: &str = r###"import sys
def tests(a, b):
    out = []
    if a < b: out.append("<")
    if a <= b: out.append("<=")
    if a > b: out.append(">")
    if a >= b: out.append(">=")
    if a == b: out.append("==")
    if a != b: out.append("!=")
    if not a < b: out.append("not <")
    if not a == b: out.append("not ==")
    return " ".join(out)

def tests_attrs(a, b):
    box = Box(a, b)
    out = []
    if box.a < box.b: out.append("<")
    if box.a <= box.b: out.append("<=")
    if box.a > box.b: out.append(">")
    if box.a >= box.b: out.append(">=")
    if box.a == box.b: out.append("==")
    if box.a != box.b: out.append("!=")
    if not box.a < box.b: out.append("not <")
    if not box.a == box.b: out.append("not ==")
    return " ".join(out)

# Operands read from attributes: the COMPARE_OP follows a LOAD_ATTR, so
# no LOAD_FAST/LOAD_CONST fusion takes it first.
class Box:
    def __init__(self, a, b):
        self.a = a
        self.b = b

pairs = [
    (1, 2), (2, 2), (-5, 3),
    (1.5, 2.5), (2.5, 2.5), (float("nan"), 1.0), (float("nan"), float("nan")),
    (1, 1.0), (2.5, 2), (3, 2.5), (2**53 + 1, 2.0**53), (2.0**53, 2**53 + 1),
    (float("inf"), 2**62), (-(2**63), -9.3e18), (1, float("nan")),
    ("abc", "abd"), ("abc", "abc"), ("", "a"), ("é", "z"), ("z", "é"), ("\U0001f600", "\uffff"),
    (2**62, 2**63), (2**64, 2**64), (-(2**70), 5), (2**70, 2.0**70),
    (True, 1), (False, 0.0), ((1, 2), (1, 3)), ([1], [1]), (b"a", b"b"),
]
for a, b in pairs:
    print(repr(a), repr(b), "|", tests(a, b), "|", tests_attrs(a, b))

s = "x" * 3
t = "".join(["x", "x", "x"])
print(tests(s, t), "|", tests(s, s), "|", tests_attrs(s, t), "|", tests_attrs(s, s))

# Ints that overflow 64 bits mid-loop, then compare.
def grow():
    x = 1
    n = 0
    while x < 2**80:
        x = x * 3
        n += 1
    return n, x > 2**79, x != 2**80

print(grow())

# User comparisons returning non-bools.
class Odd:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return (self.v,) if self.v < other else ()
    def __eq__(self, other):
        return [self.v] if self.v == other else []
    def __gt__(self, other):
        return self.v - other
    __hash__ = None

ONE = 1
TWO = 2
for v in [0, 1, 2]:
    o = Odd(v)
    r = []
    if o < ONE: r.append("lt")
    if not o < ONE: r.append("not lt")
    if o == ONE: r.append("eq")
    if o != ONE: r.append("ne")
    if o > ONE: r.append("gt")
    if o < 1: r.append("lt const")
    while o < TWO:
        o = Odd(o.v + 1)
        r.append("step")
    print(v, r)

class Reflected:
    def __gt__(self, other):
        return "yes"
print("reflected", "y" if 3 < Reflected() else "n", "y" if ONE < Reflected() else "n")

class BadBool:
    def __bool__(self):
        raise ValueError("no truth")

class GivesBad:
    def __lt__(self, other):
        return BadBool()

def bad_truth(x):
    if x < ONE:
        return "taken"
    return "not taken"

try:
    bad_truth(GivesBad())
except ValueError as e:
    tb = sys.exc_info()[2]
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    print("ValueError", e, lines)

def bad_compare(x, y):
    n = 0
    if x < y[0]:
        n += 1
    return n

for x, y in [(1, "a"), ("a", 1), (None, 0), (1.5, "b"), ([1], (1,))]:
    try:
        bad_compare(x, [y])
    except TypeError as e:
        tb = sys.exc_info()[2]
        lines = []
        while tb is not None:
            lines.append(tb.tb_lineno)
            tb = tb.tb_next
        print("TypeError", e, lines)

# Identity.
def ident(x, y):
    r = []
    if x is None: r.append("None")
    if x is not None: r.append("not None")
    if x is True: r.append("True")
    if x is not False: r.append("not False")
    if x is y: r.append("is y")
    if x is not y: r.append("is not y")
    if not x is None: r.append("not (is None)")
    while x is not None:
        r.append("loop")
        x = None
    return r

# The same through attributes: LOAD_ATTR, then LOAD_CONST; IS_OP; jump.
def ident_attrs(x, y):
    box = Box(x, y)
    r = []
    if box.a is None: r.append("None")
    if box.a is not None: r.append("not None")
    if box.a is True: r.append("True")
    if box.a is box.b: r.append("is b")
    if not box.a is box.b: r.append("not is b")
    while box.a is not None:
        r.append("loop")
        box.a = None
    return r

def unbound(flag):
    if flag:
        x = 1
    if x is None:
        return "None"
    return "bound"

print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)

sentinel = object()
for x, y in [(None, None), (True, True), (False, None), (0, False), (sentinel, sentinel),
             (sentinel, object()), ("s", "s"), (7, 7), ((), ())]:
    print(ident(x, y), ident_attrs(x, y))

# Jumps into the middle of a fused sequence.
def middle(x, y, c):
    if x is (y if c else None):
        return "same"
    return "differ"

print(middle(None, 1, False), middle(None, 1, True), middle(1, 1, True), middle(1, 1, False))

def middle_cmp(a, b, c, d):
    if a < (b if c else d):
        return "lt"
    return "ge"

print(middle_cmp(1, 2, True, 0), middle_cmp(1, 2, False, 0), middle_cmp(1.5, "x", False, 2.5),
      middle_cmp("a", "b", True, "c"))

def loop_continue(a, b):
    seen = []
    while a < b:
        a += 1
        if a % 2:
            continue
        seen.append(a)
    while a > 0.5:
        a = a / 2
        if a > 3:
            continue
        seen.append(a)
    return seen

print(loop_continue(0, 9))

def strings(words):
    n = 0
    for w in words:
        if w == "go":
            n += 1
        elif w != "stop" and w < "m":
            n += 10
    return n

print(strings(["go", "stop", "a", "z", "go", "b"]))
"###;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"1 2 | < <= != not == | < <= != not ==
2 2 | <= >= == not < | <= >= == not <
-5 3 | < <= != not == | < <= != not ==
1.5 2.5 | < <= != not == | < <= != not ==
2.5 2.5 | <= >= == not < | <= >= == not <
nan 1.0 | != not < not == | != not < not ==
nan nan | != not < not == | != not < not ==
1 1.0 | <= >= == not < | <= >= == not <
2.5 2 | > >= != not < not == | > >= != not < not ==
3 2.5 | > >= != not < not == | > >= != not < not ==
9007199254740993 9007199254740992.0 | > >= != not < not == | > >= != not < not ==
9007199254740992.0 9007199254740993 | < <= != not == | < <= != not ==
inf 4611686018427387904 | > >= != not < not == | > >= != not < not ==
-9223372036854775808 -9.3e+18 | > >= != not < not == | > >= != not < not ==
1 nan | != not < not == | != not < not ==
'abc' 'abd' | < <= != not == | < <= != not ==
'abc' 'abc' | <= >= == not < | <= >= == not <
'' 'a' | < <= != not == | < <= != not ==
'é' 'z' | > >= != not < not == | > >= != not < not ==
'z' 'é' | < <= != not == | < <= != not ==
'😀' '\uffff' | > >= != not < not == | > >= != not < not ==
4611686018427387904 9223372036854775808 | < <= != not == | < <= != not ==
18446744073709551616 18446744073709551616 | <= >= == not < | <= >= == not <
-1180591620717411303424 5 | < <= != not == | < <= != not ==
1180591620717411303424 1.1805916207174113e+21 | <= >= == not < | <= >= == not <
True 1 | <= >= == not < | <= >= == not <
False 0.0 | <= >= == not < | <= >= == not <
(1, 2) (1, 3) | < <= != not == | < <= != not ==
[1] [1] | <= >= == not < | <= >= == not <
b'a' b'b' | < <= != not == | < <= != not ==
<= >= == not < | <= >= == not < | <= >= == not < | <= >= == not <
(51, True, True)
0 ['lt', 'ne', 'gt', 'lt const', 'step', 'step']
1 ['not lt', 'eq', 'step']
2 ['not lt', 'ne', 'gt']
reflected y y
ValueError no truth [108, 103, 96]
TypeError '<' not supported between instances of 'int' and 'str' [125, 119]
TypeError '<' not supported between instances of 'str' and 'int' [125, 119]
TypeError '<' not supported between instances of 'NoneType' and 'int' [125, 119]
TypeError '<' not supported between instances of 'float' and 'str' [125, 119]
TypeError '<' not supported between instances of 'list' and 'tuple' [125, 119]
bound
UnboundLocalError cannot access local variable 'x' where it is not associated with a value
['None', 'not False', 'is y'] ['None', 'is b']
['not None', 'True', 'not False', 'is y', 'not (is None)', 'loop'] ['not None', 'True', 'is b', 'loop']
['not None', 'is not y', 'not (is None)', 'loop'] ['not None', 'not is b', 'loop']
['not None', 'not False', 'is not y', 'not (is None)', 'loop'] ['not None', 'not is b', 'loop']
['not None', 'not False', 'is y', 'not (is None)', 'loop'] ['not None', 'is b', 'loop']
['not None', 'not False', 'is not y', 'not (is None)', 'loop'] ['not None', 'not is b', 'loop']
['not None', 'not False', 'is y', 'not (is None)', 'loop'] ['not None', 'is b', 'loop']
['not None', 'not False', 'is y', 'not (is None)', 'loop'] ['not None', 'is b', 'loop']
['not None', 'not False', 'is y', 'not (is None)', 'loop'] ['not None', 'is b', 'loop']
same differ same differ
lt ge lt lt
[2, 4, 6, 8, 2.25, 1.125, 0.5625, 0.28125]
22
"###;

/// An uncaught `TypeError` from a fused compare: its traceback must name
/// the compare's line and mark it as python3 does.
const RAISES: &str = r###"class BadBool:
    def __bool__(self):
        raise ValueError("no truth")

class GivesBad:
    def __lt__(self, other):
        return BadBool()

def compare(x, y):
    total = 0
    while x < y[0]:
        total += 1
        x += 1
    return total

ONE = 1

def truth(x):
    if x < ONE:
        return "no"
    return "yes"

print(compare(1, [3]), truth(0))
try:
    truth(GivesBad())
except ValueError as e:
    print("caught", e)
compare(1.5, ["3"])
"###;

/// What python3 3.11 prints for [`RAISES`] on stdout.
const RAISES_STDOUT: &str = r###"2 no
caught no truth
"###;

/// What python3 3.11 prints for [`RAISES`] on stderr (run as
/// `cmp_error.py`; python3 shows the absolute path it was given).
const RAISES_STDERR: &str = r###"Traceback (most recent call last):
  File "cmp_error.py", line 28, in <module>
    compare(1.5, ["3"])
  File "cmp_error.py", line 11, in compare
    while x < y[0]:
          ^^^^^^^^
TypeError: '<' not supported between instances of 'float' and 'str'
"###;

#[test]
fn fused_compare_and_is_jumps_match_python_in_every_mode() {
    eras::assert_prints("compare_jump.py", PROGRAM, PYTHON_SAYS);
}

#[test]
fn fused_compare_error_traceback_matches_python_in_every_mode() {
    eras::assert_fails("cmp_error.py", RAISES, 1, RAISES_STDOUT, RAISES_STDERR);
}
