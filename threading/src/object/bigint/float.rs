//! # Ints and floats: `float(n)`, `int(f)`, `a / b`, `n < f`
//!
//! Each conversion is *correctly rounded* (round half to even), as
//! CPython's, so `float(2**53 + 1) == 9007199254740992.0` and
//! `(10**400 + 1) / 10**399 == 10.0` exactly as CPython prints them.
//!
//! **`float(n)`** (`PyLong_AsDouble`): take the top 64 bits of `|n|`, OR a
//! "sticky" 1 into the lowest of them if any bit below was set, and let the
//! hardware's `u64 → f64` conversion (itself round-half-even) round that;
//! the sticky bit breaks exact ties the right way. Then scale by a power of
//! two, which is exact. Past 2**1024 (after rounding): `OverflowError`.
//!
//! **`a / b`** (`long_true_divide`): never converts `a` and `b` to floats
//! (that would round twice). It shifts `a` so that the integer quotient
//! `x = a·2**-shift // b` has 55 or 56 bits, two or three more than a
//! double's 53 (in the subnormal range, two or three more than the bits
//! that range keeps, so nothing is rounded twice), notes whether
//! anything was lost (shifted-out bits or a remainder: "inexact"), rounds
//! `x` to 53 bits half-to-even by hand, and scales by `2**shift`, which is
//! exact. The fast path beside it: both operands below 2**53 convert
//! exactly, so one hardware division is already correctly rounded.
//!
//! **`int(f)`** truncates toward zero (`float.__trunc__`); NaN and the
//! infinities raise. **`n < f`** compares exactly, never through a rounded
//! `float(n)`, as CPython's `float_richcompare` does.
//!
//! Needs `limbs.rs`, `div.rs`, `error.rs` and the type in `mod.rs`.

use super::error::{BigIntError, ZeroDivisionKind};
use super::{div, limbs, BigInt, Sign};
use std::cmp::Ordering;

/// Bits in a double's significand (C's `DBL_MANT_DIG`).
const MANT_DIG: i64 = 53;
/// One past the largest binary exponent of a finite double (`DBL_MAX_EXP`).
const MAX_EXP: i64 = 1024;
/// The smallest normal double is `2**(MIN_EXP - 1)` (`DBL_MIN_EXP`).
const MIN_EXP: i64 = -1021;

/// `2**exp` for an exponent in the normal range, built from its bits.
fn pow2(exp: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&exp));
    f64::from_bits(((exp + 1023) as u64) << 52)
}

/// `x · 2**exp` without intermediate rounding, when the result is
/// representable (C's `ldexp` for the cases `long_true_divide` produces:
/// `x < 2**57`, result finite, possibly subnormal).
fn ldexp_exact(mut x: f64, mut exp: i64) -> f64 {
    if exp < -1022 {
        // x < 2**57, so x · 2**-1022 is still normal and exact.
        x *= pow2(-1022);
        exp += 1022;
    }
    x * pow2(exp)
}

/// Applies a sign to a non-negative float.
fn signed(value: f64, negative: bool) -> f64 {
    if negative {
        -value
    } else {
        value
    }
}

impl BigInt {
    /// `float(n)`, correctly rounded; `OverflowError` past the largest
    /// double.
    pub fn to_f64(&self) -> Result<f64, BigIntError> {
        let bits = limbs::bit_length(&self.mag);
        let magnitude = if bits <= 64 {
            // The u64 → f64 conversion rounds half to even by itself.
            self.mag.first().map_or(0.0, |&limb| limb as f64)
        } else if bits > MAX_EXP as u64 {
            return Err(BigIntError::TooLargeForFloat);
        } else {
            let shift = bits - 64;
            let mut top = limbs::shr(&self.mag, shift as usize)[0];
            if limbs::any_low_bits(&self.mag, shift as usize) {
                top |= 1; // sticky: below the rounding point, so only ties change
            }
            let scaled = top as f64 * pow2(shift as i64);
            if scaled.is_infinite() {
                return Err(BigIntError::TooLargeForFloat);
            }
            scaled
        };
        Ok(signed(magnitude, self.is_negative()))
    }

    /// `int(f)`: truncation toward zero.
    pub fn from_f64(value: f64) -> Result<BigInt, BigIntError> {
        if value.is_nan() {
            return Err(BigIntError::FloatNan);
        }
        if value.is_infinite() {
            return Err(BigIntError::FloatInfinity);
        }
        let truncated = value.trunc();
        if truncated == 0.0 {
            return Ok(BigInt::zero());
        }
        // |truncated| >= 1 is normal: significand with its hidden bit,
        // times 2**(biased exponent - 1075).
        let raw = truncated.to_bits();
        let significand = (raw & ((1 << 52) - 1)) | (1 << 52);
        let exponent = ((raw >> 52) & 0x7ff) as i64 - 1075;
        let magnitude = if exponent >= 0 {
            limbs::shl(&[significand], exponent as usize)
        } else {
            vec![significand >> -exponent] // exact: truncated is an integer
        };
        let sign = if value < 0.0 { Sign::Minus } else { Sign::Plus };
        Ok(BigInt::from_parts(sign, magnitude))
    }

    /// Python's `a / b` for ints: the correctly rounded `float` quotient.
    pub fn true_div(&self, divisor: &BigInt) -> Result<f64, BigIntError> {
        if divisor.is_zero() {
            return Err(BigIntError::ZeroDivision(ZeroDivisionKind::TrueDivide));
        }
        let negative = self.is_negative() != divisor.is_negative();
        if self.is_zero() {
            return Ok(signed(0.0, negative));
        }
        let a_bits = limbs::bit_length(&self.mag) as i64;
        let b_bits = limbs::bit_length(&divisor.mag) as i64;

        // Fast path: both exactly representable, one correctly rounded
        // hardware division.
        if a_bits <= MANT_DIG && b_bits <= MANT_DIG {
            let quotient = self.mag[0] as f64 / divisor.mag[0] as f64;
            return Ok(signed(quotient, negative));
        }

        // 2**(diff-1) < a/b < 2**(diff+1): rule out sure overflow and
        // sure underflow first.
        let diff = a_bits - b_bits;
        if diff > MAX_EXP {
            return Err(BigIntError::QuotientTooLargeForFloat);
        }
        if diff < MIN_EXP - MANT_DIG - 1 {
            return Ok(signed(0.0, negative));
        }

        // x = floor(|a| · 2**-shift / |b|) gets 55 or 56 bits (more near
        // the subnormal range, where fewer are kept).
        let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
        let (shifted, mut inexact) = if shift <= 0 {
            (limbs::shl(&self.mag, (-shift) as usize), false)
        } else {
            (
                limbs::shr(&self.mag, shift as usize),
                limbs::any_low_bits(&self.mag, shift as usize),
            )
        };
        let (quotient, remainder) = div::divrem(&shifted, &divisor.mag);
        inexact |= !remainder.is_empty();
        let x_bits = limbs::bit_length(&quotient) as i64;
        debug_assert!(
            quotient.len() == 1,
            "the scaled quotient has at most 57 bits"
        );

        // Round away the extra bits, half to even, in the one limb.
        let extra_bits = x_bits.max(MIN_EXP - shift) - MANT_DIG;
        debug_assert!(extra_bits == 2 || extra_bits == 3);
        let mask = 1u64 << (extra_bits - 1);
        let mut low = quotient[0] | u64::from(inexact);
        if low & mask != 0 && low & (3 * mask - 1) != 0 {
            low += mask;
        }
        low &= !(2 * mask - 1);
        let x = low as f64; // exact: at most 54 significant bits after rounding

        // Overflow check before scaling (rounding may have carried into a
        // new top bit).
        if shift + x_bits >= MAX_EXP && (shift + x_bits > MAX_EXP || x == 2f64.powi(x_bits as i32))
        {
            return Err(BigIntError::QuotientTooLargeForFloat);
        }
        Ok(signed(ldexp_exact(x, shift), negative))
    }

    /// Compares exactly with a float: `None` when `f` is NaN (every
    /// comparison with NaN is false).
    pub fn cmp_f64(&self, value: f64) -> Option<Ordering> {
        if value.is_nan() {
            return None;
        }
        if value.is_infinite() {
            return Some(if value > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let whole = value.trunc();
        let whole_int = BigInt::from_f64(whole).ok()?;
        match self.cmp(&whole_int) {
            Ordering::Equal => Some(0.0.partial_cmp(&(value - whole))?),
            unequal => Some(unequal),
        }
    }
}
