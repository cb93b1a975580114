//! # Powers: `a ** b` and `pow(a, b, m)`
//!
//! Both by left-to-right binary exponentiation: walk the exponent's bits
//! from the top, square for every bit and multiply by the base for every
//! set bit (`x**13`: 13 = 0b1101 → x, x², x³, x⁶, x¹², x¹³). The modular form
//! reduces after every product, so intermediate values stay below m².
//! CPython's `long_pow` does the same for short exponents and switches to
//! 5-ary windows for long ones (fewer multiplications); here the plain
//! binary method is kept for every size: road not taken, labelled.
//!
//! Before computing, `**` sizes its result: `|a| ≥ 2` raised to `b` has at
//! least `(bit_length(a) − 1)·b + 1` bits, and anything over
//! [`MAX_BITS`] is refused with `MemoryError` (where CPython would grind
//! until `malloc` fails). Bases 0, 1 and −1 are answered for any exponent,
//! and a power-of-two base is a shift (the fast path beside the loop; the
//! `2 ** 64` of a thousand programs).
//!
//! `pow(a, -b, m)` (Python ≥ 3.8) is `pow(inverse(a) mod m, b, m)`, the
//! inverse by the extended Euclidean algorithm.
//!
//! Needs `limbs.rs`, `mul.rs`, `div.rs`, `error.rs`, the signed layer in
//! `arith.rs` and the type in `mod.rs`.

use super::error::BigIntError;
use super::{div, limbs, mul, BigInt, Sign, MAX_BITS};

impl BigInt {
    /// Python's `a ** b` for `b >= 0`.
    ///
    /// A negative exponent gives `Err(BigIntError::NegativeExponent)`:
    /// not an exception but a signal that Python's result is a `float`
    /// (`2 ** -1 == 0.5`), which the interpreter computes itself.
    pub fn pow(&self, exponent: &BigInt) -> Result<BigInt, BigIntError> {
        match exponent.sign {
            Sign::Minus => return Err(BigIntError::NegativeExponent),
            Sign::Zero => return Ok(BigInt::one()),
            Sign::Plus => {}
        }
        // Bases whose powers never grow: 0, 1, -1, for any exponent.
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        if self.mag == [1] {
            let negative = self.sign == Sign::Minus && exponent.is_odd();
            return Ok(if negative {
                -BigInt::one()
            } else {
                BigInt::one()
            });
        }
        let result_sign = if self.sign == Sign::Minus && exponent.is_odd() {
            Sign::Minus
        } else {
            Sign::Plus
        };
        // |a| >= 2: the result has at least (bits(a) - 1)·b + 1 bits.
        let exponent = exponent.to_u64().ok_or(BigIntError::ResultTooLarge)?;
        let base_bits = limbs::bit_length(&self.mag);
        let min_result_bits = (base_bits - 1).saturating_mul(exponent).saturating_add(1);
        if min_result_bits > MAX_BITS {
            return Err(BigIntError::ResultTooLarge);
        }

        // Fast path: |a| == 2**k, so |a|**b == 1 << (k·b).
        if self.mag.iter().map(|limb| limb.count_ones()).sum::<u32>() == 1 {
            let shift = (base_bits - 1) * exponent;
            return Ok(BigInt::from_parts(
                result_sign,
                limbs::shl(&[1], shift as usize),
            ));
        }

        // The plain path: square and multiply, from the exponent's top bit.
        let mut result = self.mag.clone();
        for bit in (0..63 - exponent.leading_zeros()).rev() {
            result = mul::mul(&result, &result);
            if exponent >> bit & 1 == 1 {
                result = mul::mul(&result, &self.mag);
            }
        }
        Ok(BigInt::from_parts(result_sign, result))
    }

    /// Python's three-argument `pow(a, b, m)`: `a**b % m` without building
    /// `a**b`; a negative `b` uses the inverse of `a` modulo `m`. The result
    /// has `m`'s sign, as `%` does.
    pub fn pow_mod(&self, exponent: &BigInt, modulus: &BigInt) -> Result<BigInt, BigIntError> {
        if modulus.is_zero() {
            return Err(BigIntError::PowModulusZero);
        }
        let m = modulus.abs();
        if m.mag == [1] {
            return Ok(BigInt::zero());
        }
        // Reduce the base into [0, m); a negative exponent inverts it.
        let mut base = self.mod_floor(&m)?;
        if exponent.is_negative() {
            base = mod_inverse(&base, &m).ok_or(BigIntError::NotInvertible)?;
        }

        let mut result: Vec<u64> = vec![1];
        let reduce = |value: Vec<u64>| div::divrem(&value, &m.mag).1;
        for limb in exponent.mag.iter().rev() {
            for bit in (0..64).rev() {
                result = reduce(mul::mul(&result, &result));
                if limb >> bit & 1 == 1 {
                    result = reduce(mul::mul(&result, &base.mag));
                }
            }
        }
        let result = BigInt::from_parts(Sign::Plus, result);
        // The remainder takes the modulus's sign: r in (m, 0] for m < 0.
        if modulus.is_negative() && !result.is_zero() {
            Ok(&result - &m)
        } else {
            Ok(result)
        }
    }
}

/// The inverse of `a` modulo `m` (`0 <= a < m`, `m > 1`), if
/// `gcd(a, m) == 1`: the extended Euclidean algorithm, keeping only the
/// coefficient of `a`.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        // r != 0, so divmod cannot fail.
        let (quotient, remainder) = old_r.divmod(&r).ok()?;
        old_r = std::mem::replace(&mut r, remainder);
        let next_s = &old_s - &(&quotient * &s);
        old_s = std::mem::replace(&mut s, next_s);
    }
    if old_r.mag != [1] {
        return None;
    }
    old_s.mod_floor(m).ok()
}
