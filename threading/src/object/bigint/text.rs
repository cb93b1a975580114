//! # Ints as text: `str()`, `hex()`, `oct()`, `bin()`, and the digit limit
//!
//! **Decimal** (`long_to_decimal_string`): divide the magnitude by 10**19
//! (the largest power of ten in a limb) over and over; each remainder is 19
//! digits, least significant chunk first. That is quadratic in the number
//! of limbs, which CPython 3.11 bounds: `str()` of an int with more than
//! [`DEFAULT_MAX_STR_DIGITS`] (4300) decimal digits raises `ValueError`
//! (CVE-2020-10735: quadratic conversion as a denial of service). The check
//! is on the exact digit count, as CPython's; an int whose bit length
//! already guarantees too many digits is refused before any division.
//! Road not taken: divide-and-conquer conversion (sub-quadratic), which the
//! limit makes unnecessary.
//!
//! **Powers of two** (`long_format_binary`): `hex()`, `oct()`, `bin()` read
//! the digits straight off the bits, linear time, no limit.
//!
//! `Display` (and `Debug`) print the decimal value *without* the limit: they
//! are for Rust callers; the interpreter's `str()` is
//! [`BigInt::to_str_limited`].
//!
//! Needs `limbs.rs`, `div.rs`, `error.rs` and the type in `mod.rs`.

use super::error::BigIntError;
use super::{div, limbs, BigInt};
use std::fmt;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// 10**19: the largest power of ten below 2**64.
const DECIMAL_CHUNK: u64 = 10_000_000_000_000_000_000;
/// The digits in one [`DECIMAL_CHUNK`] remainder.
const DECIMAL_CHUNK_DIGITS: usize = 19;

/// The decimal digits of a magnitude (no sign), `"0"` for zero.
fn decimal_digits(mag: &[u64]) -> String {
    if mag.is_empty() {
        return "0".into();
    }
    let mut work = mag.to_vec();
    let mut chunks = Vec::with_capacity(work.len() * 64 / 63 + 1);
    while !work.is_empty() {
        chunks.push(div::divrem_limb_in_place(&mut work, DECIMAL_CHUNK));
        limbs::trim(&mut work);
    }
    let mut out = String::with_capacity(chunks.len() * DECIMAL_CHUNK_DIGITS);
    let mut from_top = chunks.iter().rev();
    if let Some(top) = from_top.next() {
        out.push_str(&top.to_string()); // the top chunk without leading zeros
    }
    for chunk in from_top {
        out.push_str(&format!("{chunk:019}"));
    }
    out
}

/// The digits of a magnitude in base `2**bits_per_digit` (1, 3 or 4 bits:
/// binary, octal, hex), most significant first, `"0"` for zero.
fn power_of_two_digits(mag: &[u64], bits_per_digit: u64, uppercase: bool) -> String {
    let total_bits = limbs::bit_length(mag);
    if total_bits == 0 {
        return "0".into();
    }
    let alphabet: &[u8; 16] = if uppercase {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let digit_count = total_bits.div_ceil(bits_per_digit);
    let mask = (1u64 << bits_per_digit) - 1;
    let bit_at = |position: u64| -> u64 {
        let limb = mag.get((position / 64) as usize).copied().unwrap_or(0);
        limb >> (position % 64) & 1
    };
    (0..digit_count)
        .rev()
        .map(|digit_index| {
            let low_bit = digit_index * bits_per_digit;
            // A digit may straddle two limbs (octal), so gather it bit by
            // bit when it does; whole-limb digits take the fast road.
            let value = if low_bit % 64 + bits_per_digit <= 64 {
                let limb = mag.get((low_bit / 64) as usize).copied().unwrap_or(0);
                limb >> (low_bit % 64) & mask
            } else {
                (0..bits_per_digit).fold(0, |acc, i| acc | bit_at(low_bit + i) << i)
            };
            char::from(alphabet[value as usize])
        })
        .collect()
}

impl BigInt {
    /// `str(n)` under a digit limit (`0` means none, as
    /// `sys.set_int_max_str_digits(0)`); CPython's `ValueError` past it.
    pub fn to_str_limited(&self, max_str_digits: usize) -> Result<String, BigIntError> {
        if max_str_digits > 0 {
            // Early out: n ≥ 2**(bits−1) has at least
            // floor((bits−1)·log10(2)) + 1 digits.
            let bits = self.bit_length();
            let min_digits = (bits.saturating_sub(1) as f64 * std::f64::consts::LOG10_2) as u64 + 1;
            if min_digits > max_str_digits as u64 + 1 {
                return Err(BigIntError::StrDigitsLimit {
                    limit: max_str_digits,
                });
            }
        }
        let digits = decimal_digits(&self.mag);
        if max_str_digits > 0 && digits.len() > max_str_digits {
            return Err(BigIntError::StrDigitsLimit {
                limit: max_str_digits,
            });
        }
        Ok(if self.is_negative() {
            format!("-{digits}")
        } else {
            digits
        })
    }

    /// `str(n)` with CPython's default limit of 4300 digits.
    pub fn to_str(&self) -> Result<String, BigIntError> {
        self.to_str_limited(DEFAULT_MAX_STR_DIGITS)
    }

    /// The digits of `|n|` in base 2, 8 or 16 with no sign and no prefix
    /// (what `format(n, 'b'/'o'/'x'/'X')` lays out). Other radixes are a
    /// caller bug and panic.
    pub fn abs_digits_pow2(&self, radix: u32, uppercase: bool) -> String {
        let bits_per_digit = match radix {
            2 => 1,
            8 => 3,
            16 => 4,
            _ => panic!("abs_digits_pow2: radix {radix} is not 2, 8 or 16"),
        };
        power_of_two_digits(&self.mag, bits_per_digit, uppercase)
    }

    /// With sign and prefix, as `hex()`, `oct()` and `bin()` print.
    fn prefixed(&self, radix: u32, prefix: &str) -> String {
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}{prefix}{}", self.abs_digits_pow2(radix, false))
    }

    /// `hex(n)`: `hex(-255) == '-0xff'`.
    pub fn to_hex(&self) -> String {
        self.prefixed(16, "0x")
    }

    /// `oct(n)`: `oct(8) == '0o10'`.
    pub fn to_oct(&self) -> String {
        self.prefixed(8, "0o")
    }

    /// `bin(n)`: `bin(-5) == '-0b101'`.
    pub fn to_bin(&self) -> String {
        self.prefixed(2, "0b")
    }
}

impl fmt::Display for BigInt {
    /// The decimal value with no digit limit (for Rust callers; see the
    /// module docs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = decimal_digits(&self.mag);
        f.pad_integral(!self.is_negative(), "", &digits)
    }
}

impl fmt::LowerHex for BigInt {
    /// Hex digits of the value (`{:x}`; `{:#x}` adds `0x`, like `hex()`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad_integral(!self.is_negative(), "0x", &self.abs_digits_pow2(16, false))
    }
}
