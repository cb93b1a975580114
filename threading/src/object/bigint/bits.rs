//! # Bits: `<< >> & | ^ ~`, `bit_length`, `bit_count`
//!
//! Python's ints behave as if stored in infinite two's complement: `-1` is
//! an endless row of ones, `-6 & 0xff == 0xfa`, `~x == -x - 1`, and `>>`
//! rounds toward minus infinity (`-5 >> 1 == -3`). CPython's
//! `long_bitwise` materialises the complement of each negative operand.
//! This file never builds complements; it rewrites each operation into
//! magnitude operations through one identity:
//!
//! ```text
//!   for x < 0:  x == ~m  where  m = |x| − 1 ≥ 0      (~m == −m − 1)
//!
//!   a ≥ 0, b = ~mb:   a & b = a & !mb            a | b = ~(mb & !a)
//!                     a ^ b = ~(a ^ mb)
//!   a = ~ma, b = ~mb: a & b = ~(ma | mb)         a | b = ~(ma & mb)
//!                     a ^ b = ma ^ mb
//!   and  ~m as a value is −(m + 1)
//! ```
//!
//! so every case is an `and`, `or`, `xor` or `and-not` of non-negative
//! magnitudes, plus at most one ±1 on each side. The same identity gives
//! the floor right shift of a negative: `x >> s == ~(m >> s)`.
//!
//! Shift counts: negative ones raise `ValueError`; a left shift whose
//! result would exceed [`MAX_BITS`] raises `MemoryError` up front (and
//! `OverflowError: too many digits in integer` where CPython cannot even
//! count the digits, as in `1 << 2**100`); a huge right shift gives 0 or
//! −1.
//!
//! Needs `limbs.rs`, `error.rs` and the type in `mod.rs`.

use super::error::BigIntError;
use super::{limbs, BigInt, Sign, MAX_BITS};
use std::ops::{BitAnd, BitOr, BitXor, Not};

/// CPython's `MAX_LONG_DIGITS` on 64-bit builds: 30-bit digits that fit in
/// a `Py_ssize_t`-sized allocation. Beyond it a left shift is an
/// `OverflowError` instead of a `MemoryError`.
const CPYTHON_MAX_DIGITS: u64 = (i64::MAX as u64 - 24) / 4;

/// One of Python's three binary bit operators.
#[derive(Clone, Copy)]
enum PyBitOp {
    /// `a & b`.
    And,
    /// `a | b`.
    Or,
    /// `a ^ b`.
    Xor,
}

/// A magnitude-level bitwise operation on non-negative operands.
#[derive(Clone, Copy)]
enum BitOp {
    /// `x & y`.
    And,
    /// `x | y`.
    Or,
    /// `x ^ y`.
    Xor,
    /// `x & !y`.
    AndNot,
}

/// `x OP y` for non-negative magnitudes, trimmed.
fn combine(x: &[u64], y: &[u64], op: BitOp) -> Vec<u64> {
    let len = match op {
        BitOp::And => x.len().min(y.len()),
        BitOp::AndNot => x.len(),
        BitOp::Or | BitOp::Xor => x.len().max(y.len()),
    };
    let mut out: Vec<u64> = (0..len)
        .map(|i| {
            let (a, b) = (
                x.get(i).copied().unwrap_or(0),
                y.get(i).copied().unwrap_or(0),
            );
            match op {
                BitOp::And => a & b,
                BitOp::Or => a | b,
                BitOp::Xor => a ^ b,
                BitOp::AndNot => a & !b,
            }
        })
        .collect();
    limbs::trim(&mut out);
    out
}

/// `|x| − 1` for a negative `x`: the `m` with `x == ~m`.
fn complement_magnitude(x: &BigInt) -> Vec<u64> {
    let mut m = x.mag.clone();
    limbs::sub_small(&mut m, 1);
    m
}

/// The value `~m == −(m + 1)` for a non-negative magnitude `m`.
fn not_of(mut m: Vec<u64>) -> BigInt {
    limbs::add_small(&mut m, 1);
    BigInt::from_parts(Sign::Minus, m)
}

impl BigInt {
    /// `n.bit_length()`: bits of `|n|`, 0 for 0.
    pub fn bit_length(&self) -> u64 {
        limbs::bit_length(&self.mag)
    }

    /// `n.bit_count()`: set bits of `|n|`.
    pub fn bit_count(&self) -> u64 {
        self.mag
            .iter()
            .map(|limb| u64::from(limb.count_ones()))
            .sum()
    }

    /// `n << count` with Python's errors.
    pub fn shl(&self, count: &BigInt) -> Result<BigInt, BigIntError> {
        if count.is_negative() {
            return Err(BigIntError::NegativeShift);
        }
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        match count.to_u64() {
            Some(bits) => self.shl_bits(bits),
            None => Err(BigIntError::TooManyDigits),
        }
    }

    /// `n << bits` for a known non-negative count (the interpreter's
    /// overflow path from `i64 << small`).
    pub fn shl_bits(&self, bits: u64) -> Result<BigInt, BigIntError> {
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        let result_bits = self.bit_length().saturating_add(bits);
        if bits / 30 + result_bits / 30 + 1 > CPYTHON_MAX_DIGITS {
            return Err(BigIntError::TooManyDigits);
        }
        if result_bits > MAX_BITS {
            return Err(BigIntError::ResultTooLarge);
        }
        Ok(BigInt::from_parts(
            self.sign,
            limbs::shl(&self.mag, bits as usize),
        ))
    }

    /// `n >> count` (floor: toward minus infinity) with Python's errors.
    pub fn shr(&self, count: &BigInt) -> Result<BigInt, BigIntError> {
        if count.is_negative() {
            return Err(BigIntError::NegativeShift);
        }
        Ok(self.shr_bits(count.to_u64().unwrap_or(u64::MAX)))
    }

    /// `n >> bits` for a known non-negative count.
    pub fn shr_bits(&self, bits: u64) -> BigInt {
        let bits = usize::try_from(bits).unwrap_or(usize::MAX);
        match self.sign {
            Sign::Zero => BigInt::zero(),
            Sign::Plus => BigInt::from_parts(Sign::Plus, limbs::shr(&self.mag, bits)),
            // x = ~m, so x >> s = ~(m >> s).
            Sign::Minus => not_of(limbs::shr(&complement_magnitude(self), bits)),
        }
    }

    /// `~n == -n - 1`.
    pub fn not(&self) -> BigInt {
        match self.sign {
            Sign::Minus => BigInt::from_parts(Sign::Plus, complement_magnitude(self)),
            _ => not_of(self.mag.clone()),
        }
    }

    /// `a & b`, `a | b` or `a ^ b` under the identities in the module docs.
    fn bitwise(&self, other: &BigInt, op: PyBitOp) -> BigInt {
        use BitOp::{And, AndNot, Or, Xor};
        let positive = |mag| BigInt::from_parts(Sign::Plus, mag);
        match (self.is_negative(), other.is_negative()) {
            (false, false) => {
                let op = match op {
                    PyBitOp::And => And,
                    PyBitOp::Or => Or,
                    PyBitOp::Xor => Xor,
                };
                positive(combine(&self.mag, &other.mag, op))
            }
            (true, true) => {
                let (ma, mb) = (complement_magnitude(self), complement_magnitude(other));
                match op {
                    PyBitOp::And => not_of(combine(&ma, &mb, Or)),
                    PyBitOp::Or => not_of(combine(&ma, &mb, And)),
                    PyBitOp::Xor => positive(combine(&ma, &mb, Xor)),
                }
            }
            (a_negative, _) => {
                // One negative: call it b = ~mb, the other a >= 0.
                let (a, b) = if a_negative {
                    (other, self)
                } else {
                    (self, other)
                };
                let mb = complement_magnitude(b);
                match op {
                    PyBitOp::And => positive(combine(&a.mag, &mb, AndNot)),
                    PyBitOp::Or => not_of(combine(&mb, &a.mag, AndNot)),
                    PyBitOp::Xor => not_of(combine(&a.mag, &mb, Xor)),
                }
            }
        }
    }
}

impl BitAnd<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitand(self, rhs: &BigInt) -> BigInt {
        self.bitwise(rhs, PyBitOp::And)
    }
}

impl BitOr<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitor(self, rhs: &BigInt) -> BigInt {
        self.bitwise(rhs, PyBitOp::Or)
    }
}

impl BitXor<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitxor(self, rhs: &BigInt) -> BigInt {
        self.bitwise(rhs, PyBitOp::Xor)
    }
}

impl Not for &BigInt {
    type Output = BigInt;
    fn not(self) -> BigInt {
        BigInt::not(self)
    }
}
