//! `int(text)` in base 10 read straight into an `i64` for a short plain
//! decimal (`builtins/numbers.rs`, `small_decimal`, reached from `CALL`'s
//! `convert_scalar` and from the constructor) and `str(i)` of an int
//! written by `convert_scalar`, with every case that must take the plain
//! path instead, and Python's answers (the expected text is what `python3`
//! 3.11 prints for the same program) under every GIL era: signs, leading
//! zeros, the 18-digit edge, `i64`'s bounds and past them (big ints),
//! whitespace, underscores, non-ASCII digits, every malformed text's
//! ValueError, other bases, the digit limit lowered to its minimum; `str`
//! of `i64`'s bounds, of a big int, a bool, a float, a string, None and a
//! tuple.

mod eras;

const INT_PARSE: &str = r#"import sys


def main():
    cases = ["0", "-0", "+5", "007", "123456789012345678", "-123456789012345678",
             "999999999999999999", "1234567890123456789", "9223372036854775807",
             "-9223372036854775808", "9223372036854775808", "12345678901234567890123",
             " 42", "42 ", "\t-7\n", "1_000", "+1_2", "\u0663\u0664", "4\u0662"]
    for text in cases:
        v = int(text)
        print(repr(text), v, type(v).__name__, v + 1)
    bad = ["", "-", "+", "1__0", "_1", "1_", "12a", "0x10", "- 1", "1e3", "--1", "١_"]
    for text in bad:
        try:
            int(text)
        except ValueError as e:
            print("ValueError", e)
    print(int("12", 10), int("012", 10), int("12", 0), int("ff", 16), int("-101", 2))
    try:
        int("012", 0)
    except ValueError as e:
        print("ValueError", e)
    total = 0
    for i in range(-500, 500):
        total += int(str(i * 7919))
    print(total)
    for v in [0, 7, -7, 10, -10, 9223372036854775807, -9223372036854775807 - 1,
              9223372036854775808, True, False, 2.5, -0.0, "s", None, (1,)]:
        print(repr(str(v)), type(str(v)).__name__)
    print(str(-123) + "|" + str(4000000000) + "|" + str(int(str(-42))))
    sys.set_int_max_str_digits(640)
    try:
        int("1" * 641)
    except ValueError as e:
        print("ValueError", str(e)[:60])
    print(int("1" * 18) + 1, len(str(int("9" * 640))))


main()
"#;

const INT_PARSE_WANT: &str = r#"'0' 0 int 1
'-0' 0 int 1
'+5' 5 int 6
'007' 7 int 8
'123456789012345678' 123456789012345678 int 123456789012345679
'-123456789012345678' -123456789012345678 int -123456789012345677
'999999999999999999' 999999999999999999 int 1000000000000000000
'1234567890123456789' 1234567890123456789 int 1234567890123456790
'9223372036854775807' 9223372036854775807 int 9223372036854775808
'-9223372036854775808' -9223372036854775808 int -9223372036854775807
'9223372036854775808' 9223372036854775808 int 9223372036854775809
'12345678901234567890123' 12345678901234567890123 int 12345678901234567890124
' 42' 42 int 43
'42 ' 42 int 43
'\t-7\n' -7 int -6
'1_000' 1000 int 1001
'+1_2' 12 int 13
'٣٤' 34 int 35
'4٢' 42 int 43
ValueError invalid literal for int() with base 10: ''
ValueError invalid literal for int() with base 10: '-'
ValueError invalid literal for int() with base 10: '+'
ValueError invalid literal for int() with base 10: '1__0'
ValueError invalid literal for int() with base 10: '_1'
ValueError invalid literal for int() with base 10: '1_'
ValueError invalid literal for int() with base 10: '12a'
ValueError invalid literal for int() with base 10: '0x10'
ValueError invalid literal for int() with base 10: '- 1'
ValueError invalid literal for int() with base 10: '1e3'
ValueError invalid literal for int() with base 10: '--1'
ValueError invalid literal for int() with base 10: '١_'
12 12 12 255 -5
ValueError invalid literal for int() with base 0: '012'
-3959500
'0' str
'7' str
'-7' str
'10' str
'-10' str
'9223372036854775807' str
'-9223372036854775808' str
'9223372036854775808' str
'True' str
'False' str
'2.5' str
'-0.0' str
's' str
'None' str
'(1,)' str
-123|4000000000|-42
ValueError Exceeds the limit (640 digits) for integer string conversion
111111111111111112 640
"#;

#[test]
fn int_of_a_short_decimal_falls_back_with_python_results() {
    eras::assert_prints("int_parse.py", INT_PARSE, INT_PARSE_WANT);
}
