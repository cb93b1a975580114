//! # `int(s, base)`: Python's integer parser
//!
//! The grammar CPython's `PyLong_FromString` accepts, in order:
//!
//! ```text
//!   [spaces] [+|-] [0x|0o|0b [_]] digit ( [_] digit )* [spaces]
//!
//!   base 0:   the prefix picks 16/8/2, else 10, and a decimal with a
//!             leading 0 must be all zeros ("00", "0_0"; not "010")
//!   base 16/8/2: the matching prefix is optional ("0x1f" with base 16)
//!   underscores: single, between digits or right after a prefix
//! ```
//!
//! Text (`int(str)`) first goes through CPython's
//! `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII passes through, a
//! non-ASCII Unicode space (`'\u2003'`) becomes a space, a non-ASCII
//! decimal digit (`'٣'`, `'𝟏'`) its ASCII digit, anything else non-ASCII an
//! invalid byte. Then only ASCII whitespace (`' '`, `\t`–`\r`) counts as
//! space: `int("\x1c5")` is refused although `"\x1c".isspace()`. Bytes
//! (`int(b"12")`) skip the first step.
//!
//! Errors, in CPython's order: a malformed prefix or underscore is
//! "invalid literal"; then, for bases that are not powers of two, more
//! than the limit's digits (4300; leading zeros count, underscores do not)
//! is the digit-limit `ValueError` — even if junk follows the digits;
//! then missing digits, a non-zero "010" in base 0, or trailing junk are
//! "invalid literal". The message quotes the original text and base.
//!
//! Cost: power-of-two bases pack bits, linear; other bases multiply the
//! accumulated magnitude by `base**k` for a chunk of `k` digits at a time
//! (19 decimal digits per step), quadratic and bounded by the limit.
//!
//! Needs `limbs.rs`, `error.rs`, the text limit in `text.rs` and the type
//! in `mod.rs`.

use super::error::{BigIntError, LiteralText};
use super::text::DEFAULT_MAX_STR_DIGITS;
use super::{limbs, BigInt, Sign};

/// The code point of DIGIT ZERO of each run of ten Unicode decimal digits
/// (general category Nd), Unicode 14.0 as in CPython 3.11's
/// `unicodedata`. Generated with
/// `[c for c in range(0x110000) if unicodedata.decimal(chr(c), -1) == 0]`;
/// `tests/bigint_text.rs` checks it against live `python3`.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a Unicode decimal digit, if `c` is one.
pub fn unicode_decimal_value(c: char) -> Option<u32> {
    let code = u32::from(c);
    let run = DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *DECIMAL_ZEROS.get(run.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// Python's `str.isspace()`: Rust's `White_Space` plus the ASCII
/// separators `\x1c`–`\x1f`, which Python also counts.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Whitespace as CPython's byte parser sees it (`Py_ISSPACE`).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// A digit's value in bases up to 36 (`_PyLong_DigitValue`); 37 for
/// anything else, which no base accepts.
fn digit_value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        b'a'..=b'z' => u32::from(byte - b'a') + 10,
        b'A'..=b'Z' => u32::from(byte - b'A') + 10,
        _ => 37,
    }
}

/// Why the ASCII parser stopped (the caller attaches the original text).
enum Refusal {
    /// "invalid literal for int() ...".
    Invalid,
    /// More digits than the limit.
    DigitsLimit {
        /// Digits counted before the scan stopped.
        digits: usize,
    },
}

/// The parser proper, on ASCII bytes with whitespace already normalised.
fn parse_ascii(text: &[u8], base: u32, max_digits: usize) -> Result<BigInt, Refusal> {
    let mut pos = 0;
    let peek = |at: usize| text.get(at).copied().unwrap_or(0);
    while is_ascii_space(peek(pos)) {
        pos += 1;
    }
    let sign = match peek(pos) {
        b'-' => {
            pos += 1;
            Sign::Minus
        }
        b'+' => {
            pos += 1;
            Sign::Plus
        }
        _ => Sign::Plus,
    };

    // Base 0: the prefix decides; "0…" without one must be all zeros.
    let prefix_letter = peek(pos + 1).to_ascii_lowercase();
    let mut zero_only = false;
    let base = match (base, peek(pos)) {
        (0, b'0') => match prefix_letter {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => {
                zero_only = true;
                10
            }
        },
        (0, _) => 10,
        (explicit, _) => explicit,
    };
    let has_prefix =
        peek(pos) == b'0' && matches!((base, prefix_letter), (16, b'x') | (8, b'o') | (2, b'b'));
    if has_prefix {
        pos += 2;
        if peek(pos) == b'_' {
            pos += 1; // one underscore may follow the prefix
        }
    }
    if peek(pos) == b'_' {
        return Err(Refusal::Invalid);
    }

    // Scan digits and single underscores.
    let start = pos;
    let mut digits = 0usize;
    let mut previous = 0u8;
    while digit_value(peek(pos)) < base || peek(pos) == b'_' {
        if peek(pos) == b'_' {
            if previous == b'_' {
                return Err(Refusal::Invalid);
            }
        } else {
            digits += 1;
        }
        previous = peek(pos);
        pos += 1;
    }
    if previous == b'_' {
        return Err(Refusal::Invalid);
    }
    if !base.is_power_of_two() && max_digits > 0 && digits > max_digits {
        return Err(Refusal::DigitsLimit { digits });
    }
    let digit_bytes = text[start..pos].iter().copied().filter(|&b| b != b'_');
    let magnitude = if base.is_power_of_two() {
        pack_bits(digit_bytes, digits, base.trailing_zeros())
    } else {
        accumulate(digit_bytes, base)
    };

    if digits == 0 || (zero_only && !magnitude.is_empty()) {
        return Err(Refusal::Invalid);
    }
    while is_ascii_space(peek(pos)) {
        pos += 1;
    }
    if pos != text.len() {
        return Err(Refusal::Invalid);
    }
    Ok(BigInt::from_parts(sign, magnitude))
}

/// Power-of-two bases: each digit is `bits` bits, placed from the least
/// significant (last) digit up.
fn pack_bits(digits: impl DoubleEndedIterator<Item = u8>, count: usize, bits: u32) -> Vec<u64> {
    let mut mag = vec![0u64; (count * bits as usize).div_ceil(64)];
    for (index, byte) in digits.rev().enumerate() {
        let value = u64::from(digit_value(byte));
        let position = index * bits as usize;
        mag[position / 64] |= value << (position % 64);
        let spill = (position % 64) as u32 + bits;
        if spill > 64 {
            mag[position / 64 + 1] |= value >> (64 - position % 64);
        }
    }
    limbs::trim(&mut mag);
    mag
}

/// Other bases: multiply in `base**k` for chunks of `k` digits, the largest
/// `k` whose chunk still fits in a `u64`.
fn accumulate(digits: impl Iterator<Item = u8>, base: u32) -> Vec<u64> {
    let base = u64::from(base);
    let mut mag = Vec::new();
    let (mut chunk, mut chunk_scale) = (0u64, 1u64);
    for byte in digits {
        chunk = chunk * base + u64::from(digit_value(byte));
        chunk_scale *= base;
        if chunk_scale.checked_mul(base).is_none() {
            limbs::mul_small_add(&mut mag, chunk_scale, chunk);
            (chunk, chunk_scale) = (0, 1);
        }
    }
    if chunk_scale > 1 {
        limbs::mul_small_add(&mut mag, chunk_scale, chunk);
    }
    mag
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: spaces to `' '`,
/// decimal digits to ASCII, other non-ASCII to an invalid byte.
fn transform_to_ascii(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8 // as CPython: ASCII passes through, so "\x1c5" stays invalid
            } else if is_python_space(c) {
                b' '
            } else if let Some(value) = unicode_decimal_value(c) {
                b'0' + value as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// `int()`'s base rule: 0 (guess from the prefix) or 2..=36.
fn checked_base(base: i64) -> Result<u32, BigIntError> {
    match base {
        0 | 2..=36 => Ok(base as u32),
        _ => Err(BigIntError::BadBase),
    }
}

impl BigInt {
    /// `int(text, base)` under a digit limit (`0` means none).
    /// `base` is 0 or 2..=36, anything else raises `ValueError` as
    /// CPython's does.
    pub fn parse_limited(
        text: &str,
        base: i64,
        max_str_digits: usize,
    ) -> Result<BigInt, BigIntError> {
        let base = checked_base(base)?;
        parse_ascii(&transform_to_ascii(text), base, max_str_digits).map_err(
            |refusal| match refusal {
                Refusal::Invalid => BigIntError::InvalidLiteral {
                    base,
                    text: LiteralText::Str(text.to_string()),
                },
                Refusal::DigitsLimit { digits } => BigIntError::ParseDigitsLimit {
                    limit: max_str_digits,
                    digits,
                },
            },
        )
    }

    /// `int(text, base)` with CPython's default limit of 4300 digits.
    pub fn parse(text: &str, base: i64) -> Result<BigInt, BigIntError> {
        BigInt::parse_limited(text, base, DEFAULT_MAX_STR_DIGITS)
    }

    /// `int(some_bytes, base)` with CPython's default limit: ASCII only.
    pub fn parse_bytes(bytes: &[u8], base: i64) -> Result<BigInt, BigIntError> {
        BigInt::parse_bytes_limited(bytes, base, DEFAULT_MAX_STR_DIGITS)
    }

    /// `int(some_bytes, base)` under a digit limit (`0` means none).
    pub fn parse_bytes_limited(
        bytes: &[u8],
        base: i64,
        max_str_digits: usize,
    ) -> Result<BigInt, BigIntError> {
        let base = checked_base(base)?;
        parse_ascii(bytes, base, max_str_digits).map_err(|refusal| match refusal {
            Refusal::Invalid => BigIntError::InvalidLiteral {
                base,
                text: LiteralText::Bytes(bytes.to_vec()),
            },
            Refusal::DigitsLimit { digits } => BigIntError::ParseDigitsLimit {
                limit: max_str_digits,
                digits,
            },
        })
    }
}
