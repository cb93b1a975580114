//! # `BigInt`: Python's arbitrary-precision `int`, std only
//!
//! MiniPy keeps small ints inline as `i64` and promotes to a `BigInt` when an
//! operation overflows (and demotes again with [`BigInt::to_i64`]). This
//! directory is the whole big-int half of Python's `int`, the counterpart of
//! CPython's `Objects/longobject.c`: arithmetic with Python's floor-division
//! and sign rules, infinite two's-complement bit operations, correctly
//! rounded conversion to `float`, `int(s, base)` and `str()` with CPython
//! 3.11's 4300-digit limit, `hash()`, `to_bytes`/`from_bytes`.
//!
//! ## Representation
//!
//! ```text
//!   -(2**64 + 5)  ==  BigInt { sign: Minus, mag: [5, 1] }
//!                                            limb 0 ─┘  └─ limb 1 (× 2**64)
//! ```
//!
//! Sign and magnitude, the magnitude as little-endian `u64` limbs, products
//! and quotients of two limbs computed in `u128`. Invariants every function
//! keeps (and relies on):
//!
//! 1. `mag` has no trailing (most significant) zero limb;
//! 2. `sign == Sign::Zero` exactly when `mag` is empty.
//!
//! So every value has one representation: `==` and `cmp` compare fields
//! without normalising and without allocating.
//!
//! Why `u64` limbs, not CPython's 30-bit digits in `u32`: a 64×64→128-bit
//! multiply is one instruction on the machines this runs on, so a `u64` limb
//! does four times the work of a `u32` one per multiply in schoolbook
//! multiplication and Knuth's division. CPython keeps 2 spare bits per digit
//! to delay carries in C without a wider type; Rust's `overflowing_add` and
//! `u128` make that unnecessary. The cost: the 128-by-64-bit division in
//! Knuth's algorithm D goes through the compiler's `u128` division routine
//! (which uses the hardware `div` on x86-64).
//!
//! ## Files, bottom-up (each imports only files above it in this list)
//!
//! | file | mechanism | CPython |
//! |---|---|---|
//! | `error.rs` | [`BigIntError`]: the exceptions, with CPython's messages | `PyErr_SetString` calls |
//! | `limbs.rs` | unsigned limb-slice add, subtract, compare, shift | `x_add`, `x_sub`, `v_lshift` |
//! | `mul.rs` | schoolbook and Karatsuba multiplication | `x_mul`, `k_mul`, `k_lopsided_mul` |
//! | `div.rs` | Knuth's algorithm D, division by one limb | `x_divrem`, `inplace_divrem1` |
//! | this file | the type, comparison, small-int conversion | `PyLongObject`, `long_richcompare` |
//! | `arith.rs` | signed `+ - *`, floor `// % divmod`, the operator traits | `long_add`, `l_divmod` |
//! | `pow.rs` | `**`, `pow(a, b, m)`, modular inverse | `long_pow` |
//! | `bits.rs` | `<< >> & \| ^ ~`, `bit_length`, `bit_count` | `long_lshift`, `long_bitwise` |
//! | `float.rs` | `float(n)`, `int(f)`, `a / b`, int–float comparison | `PyLong_AsDouble`, `long_true_divide` |
//! | `convert.rs` | `to_bytes`/`from_bytes`, 32-bit words, `hash()` | `_PyLong_AsByteArray`, `long_hash` |
//! | `text.rs` | `str()`, `hex()`, `oct()`, `bin()`, the digit limit | `long_to_decimal_string`, `long_format_binary` |
//! | `parse.rs` | `int(s, base)` with `_` and Unicode digits | `PyLong_FromString` |
//!
//! Nothing here imports anything from the rest of the crate: the directory
//! needs only std and can be copied out alone (`tests/bigint*.rs` compile
//! it that way).
//!
//! ## Where this differs from CPython (and why)
//! - **Size cap.** CPython lets `2 ** 10**12` run until memory is exhausted.
//!   Here `**` and `<<` refuse results above [`MAX_BITS`] bits with
//!   `MemoryError` before computing anything, so one line of a student's
//!   program cannot take the machine down. Below the cap, results are
//!   CPython's.
//! - **`int(s)` error messages** need Python's `repr()` of the string; the
//!   built-in one here is exact for ASCII, and
//!   [`BigIntError::message_with`] lets the interpreter supply its own.

mod arith;
mod bits;
mod convert;
mod div;
mod error;
mod float;
mod limbs;
mod mul;
mod parse;
mod pow;
mod text;

pub use convert::{ByteOrder, Signedness};
pub use error::{BigIntError, LiteralText, ZeroDivisionKind};
pub use text::DEFAULT_MAX_STR_DIGITS;

use std::cmp::Ordering;

/// The largest result, in bits, that `**` and `<<` will build (2**32 bits,
/// 512 MiB of limbs); larger ones raise `MemoryError` up front.
/// Simplification: CPython has no such cap and fails only when `malloc`
/// does, after possibly minutes of work.
pub const MAX_BITS: u64 = 1 << 32;

/// The sign of a [`BigInt`]: a named state rather than a `negative: bool`,
/// so that zero has exactly one representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sign {
    /// Less than zero.
    Minus,
    /// Exactly zero; the magnitude is then empty.
    Zero,
    /// Greater than zero.
    Plus,
}

impl Sign {
    /// The sign of a product or quotient of two values with these signs.
    fn times(self, other: Sign) -> Sign {
        match (self, other) {
            (Sign::Zero, _) | (_, Sign::Zero) => Sign::Zero,
            (a, b) if a == b => Sign::Plus,
            _ => Sign::Minus,
        }
    }

    /// The opposite sign (zero stays zero).
    fn flip(self) -> Sign {
        match self {
            Sign::Minus => Sign::Plus,
            Sign::Zero => Sign::Zero,
            Sign::Plus => Sign::Minus,
        }
    }
}

/// An arbitrary-precision signed integer with Python's `int` semantics.
///
/// Equality, ordering and `std::hash::Hash` are by value (the representation
/// is canonical, see the module docs). Python's own `hash()` is
/// [`BigInt::py_hash`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigInt {
    /// Minus, Zero or Plus; `Zero` exactly when `mag` is empty.
    sign: Sign,
    /// |n| as little-endian `u64` limbs with no most-significant zero limb.
    mag: Vec<u64>,
}

impl BigInt {
    /// Zero.
    pub const fn zero() -> BigInt {
        BigInt {
            sign: Sign::Zero,
            mag: Vec::new(),
        }
    }

    /// One.
    pub fn one() -> BigInt {
        BigInt::from(1u64)
    }

    /// Builds a value from a sign and a magnitude that may carry leading
    /// zero limbs; restores both invariants. A `Zero` sign with a non-zero
    /// magnitude is a caller bug and panics.
    pub(crate) fn from_parts(sign: Sign, mut mag: Vec<u64>) -> BigInt {
        limbs::trim(&mut mag);
        if mag.is_empty() {
            return BigInt::zero();
        }
        assert!(
            sign != Sign::Zero,
            "BigInt invariant: a non-zero magnitude needs a sign"
        );
        BigInt { sign, mag }
    }

    /// The sign.
    pub fn sign(&self) -> Sign {
        self.sign
    }

    /// `n == 0`.
    pub fn is_zero(&self) -> bool {
        self.sign == Sign::Zero
    }

    /// `n < 0`.
    pub fn is_negative(&self) -> bool {
        self.sign == Sign::Minus
    }

    /// `n % 2 == 1` (for negative `n` too, as Python's parity).
    pub fn is_odd(&self) -> bool {
        self.mag.first().is_some_and(|low| low & 1 == 1)
    }

    /// |n| as little-endian `u64` limbs (empty for zero).
    pub fn magnitude(&self) -> &[u64] {
        &self.mag
    }

    /// The value as an `i64` if it fits: the interpreter's demotion test.
    pub fn to_i64(&self) -> Option<i64> {
        match (self.sign, self.mag.as_slice()) {
            (Sign::Zero, _) => Some(0),
            (Sign::Plus, &[m]) => i64::try_from(m).ok(),
            (Sign::Minus, &[m]) if m <= 1 << 63 => Some((m as i64).wrapping_neg()),
            _ => None,
        }
    }

    /// The value as an `i128` if it fits.
    pub fn to_i128(&self) -> Option<i128> {
        let magnitude: u128 = match self.mag.as_slice() {
            [] => 0,
            &[lo] => u128::from(lo),
            &[lo, hi] => u128::from(hi) << 64 | u128::from(lo),
            _ => return None,
        };
        match self.sign {
            Sign::Minus if magnitude <= 1 << 127 => Some((magnitude as i128).wrapping_neg()),
            Sign::Minus => None,
            _ => i128::try_from(magnitude).ok(),
        }
    }

    /// The value as a `u64` if it is in `0..2**64` (shift counts, exponents,
    /// lengths).
    pub fn to_u64(&self) -> Option<u64> {
        match (self.sign, self.mag.as_slice()) {
            (Sign::Zero, _) => Some(0),
            (Sign::Plus, &[m]) => Some(m),
            _ => None,
        }
    }

    /// Compares with an `i64` without building a `BigInt` (no allocation):
    /// the interpreter's mixed `BigInt < small int` path.
    pub fn cmp_i64(&self, other: i64) -> Ordering {
        let other_sign = other.cmp(&0);
        let self_sign = match self.sign {
            Sign::Minus => Ordering::Less,
            Sign::Zero => Ordering::Equal,
            Sign::Plus => Ordering::Greater,
        };
        if self_sign != other_sign || self.is_zero() {
            return self_sign.cmp(&other_sign);
        }
        let by_magnitude = match self.mag.as_slice() {
            &[m] => m.cmp(&other.unsigned_abs()),
            _ => Ordering::Greater,
        };
        if self.is_negative() {
            by_magnitude.reverse()
        } else {
            by_magnitude
        }
    }
}

impl Default for BigInt {
    fn default() -> BigInt {
        BigInt::zero()
    }
}

impl Ord for BigInt {
    /// Sign first, then magnitude (reversed for negatives): no allocation.
    fn cmp(&self, other: &BigInt) -> Ordering {
        match self.sign.cmp(&other.sign) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        let by_magnitude = limbs::cmp(&self.mag, &other.mag);
        if self.sign == Sign::Minus {
            by_magnitude.reverse()
        } else {
            by_magnitude
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<u64> for BigInt {
    fn from(value: u64) -> BigInt {
        BigInt::from_parts(Sign::Plus, vec![value])
    }
}

impl From<i64> for BigInt {
    fn from(value: i64) -> BigInt {
        let sign = if value < 0 { Sign::Minus } else { Sign::Plus };
        BigInt::from_parts(sign, vec![value.unsigned_abs()])
    }
}

impl From<u128> for BigInt {
    fn from(value: u128) -> BigInt {
        BigInt::from_parts(Sign::Plus, vec![value as u64, (value >> 64) as u64])
    }
}

impl From<i128> for BigInt {
    fn from(value: i128) -> BigInt {
        let sign = if value < 0 { Sign::Minus } else { Sign::Plus };
        let magnitude = value.unsigned_abs();
        BigInt::from_parts(sign, vec![magnitude as u64, (magnitude >> 64) as u64])
    }
}

impl From<u32> for BigInt {
    fn from(value: u32) -> BigInt {
        BigInt::from(u64::from(value))
    }
}

impl From<i32> for BigInt {
    fn from(value: i32) -> BigInt {
        BigInt::from(i64::from(value))
    }
}

impl From<usize> for BigInt {
    fn from(value: usize) -> BigInt {
        BigInt::from(value as u64)
    }
}

impl std::fmt::Debug for BigInt {
    /// Debug output is the decimal value (no digit limit), as `repr(n)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}
