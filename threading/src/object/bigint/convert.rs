//! # Bytes, 32-bit words and `hash()`
//!
//! - **`int.to_bytes` / `int.from_bytes`** (`_PyLong_AsByteArray`,
//!   `_PyLong_FromByteArray`): a fixed number of bytes, big- or
//!   little-endian, unsigned or two's complement. A negative value in
//!   `length` signed bytes is `2**(8·length) − |n|`, which fits when
//!   `|n| ≤ 2**(8·length − 1)`.
//! - **32-bit words** of `|n|`, least significant first: how CPython's
//!   `random.seed(n)` feeds an int to MT19937's `init_by_array`, and how
//!   `getrandbits(k)` assembles its result (`modules/random/mt19937.rs`).
//! - **`hash(n)`** (`long_hash`): `n mod (2**61 − 1)` with `n`'s sign, and
//!   −1 (CPython's error marker) mapped to −2. Since `2**64 ≡ 2**3` modulo
//!   the Mersenne prime `2**61 − 1`, the limbs fold in from the top as
//!   `acc = (acc · 8 + limb) mod P`, in `u128`. Equal ints and floats hash
//!   alike because `float.__hash__` reduces modulo the same prime.
//!
//! Needs `limbs.rs`, `error.rs` and the type in `mod.rs`.

use super::error::BigIntError;
use super::{limbs, BigInt, Sign};

/// `int.to_bytes`/`from_bytes`'s `byteorder`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteOrder {
    /// `'big'`: most significant byte first (the default since 3.11).
    Big,
    /// `'little'`: least significant byte first.
    Little,
}

/// `int.to_bytes`/`from_bytes`'s `signed=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signedness {
    /// `signed=False`: the bytes are `|n|`; negatives are refused.
    Unsigned,
    /// `signed=True`: two's complement.
    Signed,
}

/// The Mersenne prime `2**61 − 1`: CPython's `_PyHASH_MODULUS` on 64-bit
/// builds.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

impl BigInt {
    /// `int.from_bytes(bytes, byteorder, signed=...)`.
    pub fn from_bytes(bytes: &[u8], order: ByteOrder, signedness: Signedness) -> BigInt {
        // Work little-endian: byte i weighs 2**(8·i).
        let little: Vec<u8> = match order {
            ByteOrder::Little => bytes.to_vec(),
            ByteOrder::Big => bytes.iter().rev().copied().collect(),
        };
        let mag: Vec<u64> = little
            .chunks(8)
            .map(|chunk| {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(word)
            })
            .collect();
        let value = BigInt::from_parts(Sign::Plus, mag);
        let negative =
            signedness == Signedness::Signed && little.last().is_some_and(|&top| top & 0x80 != 0);
        if negative {
            // Two's complement: the value is bytes − 2**(8·len).
            let modulus = BigInt::from_parts(Sign::Plus, limbs::shl(&[1], 8 * little.len()));
            &value - &modulus
        } else {
            value
        }
    }

    /// `n.to_bytes(length, byteorder, signed=...)`.
    pub fn to_bytes(
        &self,
        length: usize,
        order: ByteOrder,
        signedness: Signedness,
    ) -> Result<Vec<u8>, BigIntError> {
        if self.is_negative() && signedness == Signedness::Unsigned {
            return Err(BigIntError::NegativeToUnsigned);
        }
        // The magnitude (or, for a negative, its 2**(8·length) complement)
        // as little-endian bytes, checked to fit.
        let bits = self.bit_length();
        let available = 8 * length as u64;
        let fits = match (self.sign, signedness) {
            (Sign::Zero, _) => true,
            (Sign::Plus, Signedness::Unsigned) => bits <= available,
            (Sign::Plus, Signedness::Signed) => bits < available,
            // |n| <= 2**(8·length − 1): fewer bits, or exactly a power of two.
            (Sign::Minus, _) => bits < available || (bits == available && self.bit_count() == 1),
        };
        if !fits {
            return Err(BigIntError::TooBigForBytes);
        }
        let mut little: Vec<u8> = self
            .mag
            .iter()
            .flat_map(|limb| limb.to_le_bytes())
            .chain(std::iter::repeat(0))
            .take(length)
            .collect();
        if self.is_negative() {
            // Two's complement in place: invert every byte, then add one.
            for byte in little.iter_mut() {
                *byte = !*byte;
            }
            for byte in little.iter_mut() {
                let (sum, carry) = byte.overflowing_add(1);
                *byte = sum;
                if !carry {
                    break;
                }
            }
        }
        if order == ByteOrder::Big {
            little.reverse();
        }
        Ok(little)
    }

    /// `|n|` as 32-bit words, least significant first, without trailing
    /// zero words (empty for zero). CPython's `random.seed(n)` passes these
    /// (or `[0]` for zero) to MT19937's `init_by_array`.
    pub fn abs_u32_words_le(&self) -> Vec<u32> {
        let mut words: Vec<u32> = self
            .mag
            .iter()
            .flat_map(|&limb| [limb as u32, (limb >> 32) as u32])
            .collect();
        while words.last() == Some(&0) {
            words.pop();
        }
        words
    }

    /// The non-negative int whose 32-bit words, least significant first,
    /// are `words`: how `getrandbits(k)` builds its result.
    pub fn from_u32_words_le(words: &[u32]) -> BigInt {
        let mag = words
            .chunks(2)
            .map(|pair| u64::from(pair[0]) | pair.get(1).map_or(0, |&high| u64::from(high) << 32))
            .collect();
        BigInt::from_parts(Sign::Plus, mag)
    }

    /// Python's `hash(n)`.
    pub fn py_hash(&self) -> i64 {
        let modulus = u128::from(HASH_MODULUS);
        let residue = self
            .mag
            .iter()
            .rev()
            .fold(0u128, |acc, &limb| (acc * 8 + u128::from(limb)) % modulus)
            as i64;
        match self.sign {
            Sign::Minus if residue == 1 => -2,
            Sign::Minus => -residue,
            _ => residue,
        }
    }
}
