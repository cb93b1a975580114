//! # The exceptions a big-int operation can raise, with CPython's messages
//!
//! Every fallible `BigInt` operation returns `Result<_, BigIntError>`. The
//! interpreter turns an error into a Python exception: the class is
//! [`BigIntError::python_type`], the text is [`BigIntError::message_with`]
//! (or `to_string()`), both exactly as CPython 3.11 raises them from
//! `Objects/longobject.c` and `Objects/floatobject.c`. The messages were
//! checked against `python3` 3.11 and are compared with it again by
//! `tests/bigint_text.rs`.
//!
//! Why one enum with a variant per message rather than `(kind, String)`:
//! callers branch on a few variants (a `ZeroDivision` inside `divmod`, an
//! `InvalidLiteral` that the lexer turns into a `SyntaxError`), and the
//! messages stay in one place.
//!
//! Needs only std; no sibling file.

use std::fmt;

/// Which operator divided by zero: CPython words the three differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZeroDivisionKind {
    /// `a // 0` and `divmod(a, 0)`.
    FloorDivide,
    /// `a % 0`.
    Modulo,
    /// `a / 0`.
    TrueDivide,
}

/// The text `int()` refused, kept as given so the message can show its
/// `repr()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralText {
    /// `int(some_str, base)`: shown as a `str` repr, `'...'`.
    Str(String),
    /// `int(some_bytes, base)`: shown as a `bytes` repr, `b'...'`.
    Bytes(Vec<u8>),
}

/// A failed `int` operation: one variant per CPython message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BigIntError {
    /// `ZeroDivisionError`.
    ZeroDivision(ZeroDivisionKind),
    /// `ValueError: pow() 3rd argument cannot be 0`.
    PowModulusZero,
    /// `ValueError: base is not invertible for the given modulus`
    /// (`pow(a, -n, m)` with `gcd(a, m) != 1`).
    NotInvertible,
    /// `ValueError: negative shift count`.
    NegativeShift,
    /// `OverflowError: too many digits in integer` (a shift count too large
    /// even to count the result's digits, as `1 << 2**100`).
    TooManyDigits,
    /// `MemoryError` (empty message): a result above [`super::MAX_BITS`].
    ResultTooLarge,
    /// Not an exception: `int ** negative int` is a `float` in Python
    /// (`2 ** -1 == 0.5`), which the interpreter computes itself. Reported
    /// as a `ValueError` only if a caller forgets to take that path.
    NegativeExponent,
    /// `OverflowError: int too large to convert to float`.
    TooLargeForFloat,
    /// `OverflowError: integer division result too large for a float`.
    QuotientTooLargeForFloat,
    /// `ValueError: cannot convert float NaN to integer`.
    FloatNan,
    /// `OverflowError: cannot convert float infinity to integer`.
    FloatInfinity,
    /// `ValueError: int() base must be >= 2 and <= 36, or 0`.
    BadBase,
    /// `ValueError: invalid literal for int() with base B: '...'`.
    InvalidLiteral {
        /// The base as the caller passed it (0 stays 0, as in CPython).
        base: u32,
        /// The whole text as given.
        text: LiteralText,
    },
    /// `ValueError` from `int(s)` on more than the limit's decimal digits.
    ParseDigitsLimit {
        /// The limit in force (4300 by default).
        limit: usize,
        /// How many digits the text has (underscores not counted).
        digits: usize,
    },
    /// `ValueError` from `str(n)` when `n` has more decimal digits than the
    /// limit (CPython's message does not say how many).
    StrDigitsLimit {
        /// The limit in force (4300 by default).
        limit: usize,
    },
    /// `OverflowError: int too big to convert` (`to_bytes` too short).
    TooBigForBytes,
    /// `OverflowError: can't convert negative int to unsigned`.
    NegativeToUnsigned,
}

impl BigIntError {
    /// The Python exception class this error raises.
    pub fn python_type(&self) -> &'static str {
        match self {
            BigIntError::ZeroDivision(_) => "ZeroDivisionError",
            BigIntError::ResultTooLarge => "MemoryError",
            BigIntError::TooManyDigits
            | BigIntError::TooLargeForFloat
            | BigIntError::QuotientTooLargeForFloat
            | BigIntError::FloatInfinity
            | BigIntError::TooBigForBytes
            | BigIntError::NegativeToUnsigned => "OverflowError",
            BigIntError::PowModulusZero
            | BigIntError::NotInvertible
            | BigIntError::NegativeShift
            | BigIntError::NegativeExponent
            | BigIntError::FloatNan
            | BigIntError::BadBase
            | BigIntError::InvalidLiteral { .. }
            | BigIntError::ParseDigitsLimit { .. }
            | BigIntError::StrDigitsLimit { .. } => "ValueError",
        }
    }

    /// The message, with `repr_str` rendering the `str` in an
    /// `InvalidLiteral` message (the interpreter passes its own `repr()`,
    /// which knows every Unicode character's printability). Like CPython's
    /// `%.200R`, the repr is cut to 200 characters.
    pub fn message_with(&self, repr_str: &dyn Fn(&str) -> String) -> String {
        match self {
            BigIntError::ZeroDivision(ZeroDivisionKind::FloorDivide) => {
                "integer division or modulo by zero".into()
            }
            BigIntError::ZeroDivision(ZeroDivisionKind::Modulo) => "integer modulo by zero".into(),
            BigIntError::ZeroDivision(ZeroDivisionKind::TrueDivide) => "division by zero".into(),
            BigIntError::PowModulusZero => "pow() 3rd argument cannot be 0".into(),
            BigIntError::NotInvertible => "base is not invertible for the given modulus".into(),
            BigIntError::NegativeShift => "negative shift count".into(),
            BigIntError::TooManyDigits => "too many digits in integer".into(),
            BigIntError::ResultTooLarge => String::new(),
            BigIntError::NegativeExponent => {
                "negative exponent: the result is a float, not an int".into()
            }
            BigIntError::TooLargeForFloat => "int too large to convert to float".into(),
            BigIntError::QuotientTooLargeForFloat => {
                "integer division result too large for a float".into()
            }
            BigIntError::FloatNan => "cannot convert float NaN to integer".into(),
            BigIntError::FloatInfinity => "cannot convert float infinity to integer".into(),
            BigIntError::BadBase => "int() base must be >= 2 and <= 36, or 0".into(),
            BigIntError::InvalidLiteral { base, text } => {
                let repr = match text {
                    LiteralText::Str(s) => repr_str(s),
                    LiteralText::Bytes(b) => repr_bytes(b),
                };
                let cut: String = repr.chars().take(200).collect();
                format!("invalid literal for int() with base {base}: {cut}")
            }
            BigIntError::ParseDigitsLimit { limit, digits } => format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: \
                 value has {digits} digits; use sys.set_int_max_str_digits() \
                 to increase the limit"
            ),
            BigIntError::StrDigitsLimit { limit } => format!(
                "Exceeds the limit ({limit} digits) for integer string conversion; \
                 use sys.set_int_max_str_digits() to increase the limit"
            ),
            BigIntError::TooBigForBytes => "int too big to convert".into(),
            BigIntError::NegativeToUnsigned => "can't convert negative int to unsigned".into(),
        }
    }
}

impl fmt::Display for BigIntError {
    /// The message with this file's own `str` repr ([`repr_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_with(&repr_str))
    }
}

impl std::error::Error for BigIntError {}

/// Python's quote choice: `'` unless the text has a `'` and no `"`.
fn quote_for(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

/// Python's `repr()` of a `str`, exact for ASCII text. Simplification:
/// non-ASCII characters are kept unless Rust calls them control characters
/// or whitespace; CPython also escapes the other non-printable categories
/// (format characters, unassigned code points), which needs Unicode tables
/// this leaf does not carry. The interpreter passes its full repr to
/// [`BigIntError::message_with`].
pub fn repr_str(text: &str) -> String {
    let quote = quote_for(text.contains('\''), text.contains('"'));
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if c.is_control() || (!c.is_ascii() && c.is_whitespace()) => {
                let code = u32::from(c);
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xffff {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c if !c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\x{:02x}", u32::from(c))),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of a `bytes` object (exact: bytes have no Unicode).
pub fn repr_bytes(bytes: &[u8]) -> String {
    let quote = quote_for(bytes.contains(&b'\''), bytes.contains(&b'"'));
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if char::from(b) == quote => {
                out.push('\\');
                out.push(char::from(b));
            }
            b' '..=b'~' => out.push(char::from(b)),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}
