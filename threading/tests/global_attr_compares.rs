//! `TOS cmp G.name` decided on a class global's cached attribute for the
//! conditional jump after it (`vm/global_jump.rs`:
//! `LOAD_GLOBAL_ATTR_COMPARE_JUMP`) and every fallback, under every GIL era
//! (3.9 runs the unquickened ops), against what `python3` 3.11 prints for
//! the same program: class attributes that are ints, floats, strs, big
//! ints, `None`, instances with and without `__eq__`/`__lt__`, compared
//! with `==`, `!=`, `<` and `>=` against every kind of value (unordered
//! pairs raising `TypeError` or the dunder's own error, caught); the class
//! attribute rebound mid-loop (to another int, to a str), the global
//! rebound to another class and to an instance; the global deleted
//! (`NameError`); and a jump that lands in the middle of the fused
//! sequence.

mod eras;

/// The fast paths and fallbacks, printed.
const PROGRAM: &str = r###"class Direction:
    NONE = 0
    FORWARD = 1
    BACKWARD = -1
    HALF = 0.5
    NAME = "fwd"
    BIG = 2**70
    NOTHING = None

class Strength:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Strength) and self.v == other.v
    def __lt__(self, other):
        return self.v < other.v
Strength.REQUIRED = Strength(0)
Strength.WEAK = Strength(5)

class Plain:
    pass
Plain.ONE = Plain()

def decide(x):
    out = []
    if x == Direction.FORWARD: out.append("eqF")
    if x != Direction.NONE: out.append("neN")
    try:
        if x < Direction.FORWARD: out.append("ltF")
        if not x >= Direction.BACKWARD: out.append("ngeB")
    except (TypeError, AttributeError) as e:
        out.append(type(e).__name__)
    if x == Direction.HALF: out.append("eqH")
    if x == Direction.NAME: out.append("eqName")
    if x == Direction.BIG: out.append("eqBig")
    if x == Direction.NOTHING: out.append("eqNone")
    if x == Strength.REQUIRED: out.append("eqReq")
    if x == Plain.ONE: out.append("eqOne")
    return " ".join(out)

values = [0, 1, -1, 2, 0.5, 1.0, float("nan"), "fwd", "x", 2**70, None, True, False,
          Strength(0), Strength(5), Plain.ONE, Plain(), (1,)]
for v in values:
    print(repr(v) if not isinstance(v, (Strength, Plain)) else type(v).__name__, "|", decide(v))

def ordering_errors():
    out = []
    for x in ["s", 1, None]:
        try:
            if x < Direction.FORWARD:
                out.append("lt")
            else:
                out.append("ge")
        except TypeError as e:
            out.append(str(e))
    return out
print(ordering_errors())

# The class attribute rebound mid-loop, and the global rebound to a non-class.
def rebinding(n):
    global Direction
    seen = []
    saved = Direction
    for i in range(n):
        if i == 2:
            Direction.FORWARD = 2
        if i == 4:
            Direction.FORWARD = "two"
        if i == 6:
            Direction = type("Direction", (), {"FORWARD": 3})
        seen.append(i if i % 3 == Direction.FORWARD else -i)
        if i % 3 == Direction.FORWARD:
            seen.append("hit")
    Direction = saved
    Direction.FORWARD = 1
    return seen
print(rebinding(9))

class Holder:
    FORWARD = 1
def not_a_class():
    global Direction
    saved = Direction
    Direction = Holder()
    r = []
    for x in (1, 2):
        if x == Direction.FORWARD:
            r.append("instance attr")
    Direction = saved
    return r
print(not_a_class())

def deleted():
    global Direction
    saved = Direction
    del Direction
    try:
        if 1 == Direction.FORWARD:
            return "no"
    except NameError as e:
        return "caught " + str(e)
    finally:
        Direction = saved
print(deleted())

def middle(flag):
    r = []
    for x in (0, 1, 2):
        if (x if flag else x + 1) == Direction.FORWARD:
            r.append(x)
    return r
print(middle(True), middle(False))
"###;

/// What `python3` 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"0 | ltF
1 | eqF neN
-1 | neN ltF
2 | neN
0.5 | neN ltF eqH
1.0 | eqF neN
nan | neN ngeB
'fwd' | neN TypeError eqName
'x' | neN TypeError
1180591620717411303424 | neN eqBig
None | neN TypeError eqNone
True | eqF neN
False | ltF
Strength | neN AttributeError eqReq
Strength | neN AttributeError
Plain | neN TypeError eqOne
Plain | neN TypeError
(1,) | neN TypeError
["'<' not supported between instances of 'str' and 'int'", 'ge', "'<' not supported between instances of 'NoneType' and 'int'"]
[0, 1, 'hit', 2, 'hit', -3, -4, -5, -6, -7, -8]
['instance attr']
caught name 'Direction' is not defined
[1] [0]
"###;

#[test]
fn global_attr_compares_match_python_in_every_mode() {
    eras::assert_prints("global_attr_compares.py", PROGRAM, PYTHON_SAYS);
}
