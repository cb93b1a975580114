//! # Signed arithmetic: `+ - *` and Python's floor division
//!
//! The sign layer over the magnitude files (`limbs.rs`, `mul.rs`,
//! `div.rs`), as CPython's `long_add`/`long_sub`/`long_mul`/`l_divmod`.
//!
//! Addition of opposite signs is a magnitude subtraction of the smaller
//! from the larger, keeping the larger's sign. `+=` and `-=` work in place
//! on the left operand's limbs (`x += y` in a loop reuses one buffer).
//!
//! Floor division. Knuth's algorithm divides magnitudes, which truncates
//! toward zero; Python floors. The fix-up, as `l_divmod` does it:
//!
//! ```text
//!   a = q·b + r with |r| < |b|, r having a's sign        (truncation)
//!   if r != 0 and sign(r) != sign(b):   q -= 1,  r += b   (floor)
//!
//!    a    b    trunc q, r     floor q, r  (Python: a // b, a % b)
//!    7    2      3,  1          3,  1
//!   -7    2     -3, -1         -4,  1
//!    7   -2     -3,  1         -4, -1
//!   -7   -2      3, -1          3, -1
//! ```
//!
//! Needs `limbs.rs`, `mul.rs`, `div.rs`, `error.rs` and the type in `mod.rs`.

use super::error::{BigIntError, ZeroDivisionKind};
use super::{div, limbs, mul, BigInt, Sign};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub, SubAssign};

impl BigInt {
    /// `self += sign·mag` in place: the one routine behind `+` and `-`.
    fn add_signed_in_place(&mut self, sign: Sign, mag: &[u64]) {
        if sign == Sign::Zero {
            return;
        }
        if self.sign == Sign::Zero {
            self.sign = sign;
            self.mag.clear();
            self.mag.extend_from_slice(mag);
            return;
        }
        if self.sign == sign {
            limbs::add_assign(&mut self.mag, mag);
            return;
        }
        match limbs::cmp(&self.mag, mag) {
            Ordering::Equal => *self = BigInt::zero(),
            Ordering::Greater => limbs::sub_assign(&mut self.mag, mag),
            Ordering::Less => {
                limbs::rsub_assign(&mut self.mag, mag);
                self.sign = sign;
            }
        }
    }

    /// `abs(n)`.
    pub fn abs(&self) -> BigInt {
        let mut out = self.clone();
        if out.sign == Sign::Minus {
            out.sign = Sign::Plus;
        }
        out
    }

    /// Truncating division of magnitudes with signs attached:
    /// `(q, r)` with `q` rounded toward zero and `r` taking `self`'s sign.
    fn divrem_truncating(&self, divisor: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = div::divrem(&self.mag, &divisor.mag);
        (
            BigInt::from_parts(self.sign.times(divisor.sign), q),
            BigInt::from_parts(self.sign, r),
        )
    }

    /// Python's `divmod(a, b)`: `(a // b, a % b)` with the floor rule.
    pub fn divmod(&self, divisor: &BigInt) -> Result<(BigInt, BigInt), BigIntError> {
        if divisor.is_zero() {
            return Err(BigIntError::ZeroDivision(ZeroDivisionKind::FloorDivide));
        }
        let (mut quotient, mut remainder) = self.divrem_truncating(divisor);
        if !remainder.is_zero() && remainder.sign != divisor.sign {
            quotient -= &BigInt::one();
            remainder += divisor;
        }
        Ok((quotient, remainder))
    }

    /// Python's `a // b` (floor).
    pub fn div_floor(&self, divisor: &BigInt) -> Result<BigInt, BigIntError> {
        self.divmod(divisor).map(|(quotient, _)| quotient)
    }

    /// Python's `a % b` (the result has the divisor's sign).
    pub fn mod_floor(&self, divisor: &BigInt) -> Result<BigInt, BigIntError> {
        if divisor.is_zero() {
            return Err(BigIntError::ZeroDivision(ZeroDivisionKind::Modulo));
        }
        self.divmod(divisor).map(|(_, remainder)| remainder)
    }
}

impl AddAssign<&BigInt> for BigInt {
    fn add_assign(&mut self, rhs: &BigInt) {
        self.add_signed_in_place(rhs.sign, &rhs.mag);
    }
}

impl SubAssign<&BigInt> for BigInt {
    fn sub_assign(&mut self, rhs: &BigInt) {
        self.add_signed_in_place(rhs.sign.flip(), &rhs.mag);
    }
}

impl MulAssign<&BigInt> for BigInt {
    fn mul_assign(&mut self, rhs: &BigInt) {
        *self = &*self * rhs;
    }
}

impl Add<&BigInt> for &BigInt {
    type Output = BigInt;
    fn add(self, rhs: &BigInt) -> BigInt {
        // Copy the longer operand into a buffer with room for the carry
        // limb, so the sum never reallocates, then add in place.
        let (longer, shorter) = if self.mag.len() >= rhs.mag.len() {
            (self, rhs)
        } else {
            (rhs, self)
        };
        let mut mag = Vec::with_capacity(longer.mag.len() + 1);
        mag.extend_from_slice(&longer.mag);
        let mut out = BigInt {
            sign: longer.sign,
            mag,
        };
        out.add_signed_in_place(shorter.sign, &shorter.mag);
        out
    }
}

impl Sub<&BigInt> for &BigInt {
    type Output = BigInt;
    fn sub(self, rhs: &BigInt) -> BigInt {
        let mut out = self.clone();
        out -= rhs;
        out
    }
}

impl Mul<&BigInt> for &BigInt {
    type Output = BigInt;
    fn mul(self, rhs: &BigInt) -> BigInt {
        let sign = self.sign.times(rhs.sign);
        if sign == Sign::Zero {
            return BigInt::zero();
        }
        BigInt::from_parts(sign, mul::mul(&self.mag, &rhs.mag))
    }
}

impl Add for BigInt {
    type Output = BigInt;
    fn add(mut self, rhs: BigInt) -> BigInt {
        self += &rhs;
        self
    }
}

impl Sub for BigInt {
    type Output = BigInt;
    fn sub(mut self, rhs: BigInt) -> BigInt {
        self -= &rhs;
        self
    }
}

impl Mul for BigInt {
    type Output = BigInt;
    fn mul(self, rhs: BigInt) -> BigInt {
        &self * &rhs
    }
}

impl Neg for BigInt {
    type Output = BigInt;
    fn neg(mut self) -> BigInt {
        self.sign = self.sign.flip();
        self
    }
}

impl Neg for &BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        -self.clone()
    }
}
