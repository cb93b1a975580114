//! `int(x)` and `float(x)` of an int or float built by `CALL` itself
//! (`vm/call.rs`, `builtins/numbers.rs`, `convert_scalar`) and their
//! fallbacks, under every GIL mode, against what `python3` 3.11 prints:
//! truncation toward zero, `-0.5`, bools, floats past 64 bits, NaN and
//! the infinities (the plain path raises), big ints, strings and a base,
//! ints past 2**53 rounded to a float, objects with `__int__`/`__float__`,
//! bad argument types, and `int` called through another name.

mod eras;

const CONVERSIONS: &str = r#"vals = [int(x) for x in (3, -3, 2.9, -2.9, 0.0, -0.5, 1e18, True, False)]
print(vals)
for bad in (float("nan"), float("inf"), float("-inf")):
    try:
        int(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(int(1e19), int(-1e30), int(2**70), int("42"), int(" 7 "), int("ff", 16))
print([float(x) for x in (3, -3, 2**53 + 1, 2.5, True)], float(2**70), float("1e3"))
try:
    float(2**2000)
except OverflowError as e:
    print("OverflowError", e)
class Num:
    def __int__(self):
        return 9
    def __float__(self):
        return 9.5
print(int(Num()), float(Num()), int(x=5) if False else int())
try:
    int(None)
except TypeError as e:
    print("TypeError", e)
try:
    float([1])
except TypeError as e:
    print("TypeError", e)
int_ = int
print(int_(7.7), float(int_(7.7)), type(float(7)).__name__, type(int(7.0)).__name__)
"#;

/// What python3 3.11 prints for [CONVERSIONS].
const CONVERSIONS_SAY: &str = "[3, -3, 2, -2, 0, 0, 1000000000000000000, 1, 0]\n\
ValueError cannot convert float NaN to integer\n\
OverflowError cannot convert float infinity to integer\n\
OverflowError cannot convert float infinity to integer\n\
10000000000000000000 -1000000000000000019884624838656 1180591620717411303424 42 7 255\n\
[3.0, -3.0, 9007199254740992.0, 2.5, 1.0] 1.1805916207174113e+21 1000.0\n\
OverflowError int too large to convert to float\n\
9 9.5 0\n\
TypeError int() argument must be a string, a bytes-like object or a real number, not 'NoneType'\n\
TypeError float() argument must be a string or a real number, not 'list'\n\
7 7.0 float int\n\
";

#[test]
fn int_and_float_calls_match_python_in_every_mode() {
    eras::assert_prints("conversions.py", CONVERSIONS, CONVERSIONS_SAY);
}
