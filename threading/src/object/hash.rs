//! CPython's hash functions for numbers and tuples, bit for bit, because a
//! program can print `hash(1.5)` or `hash((1, 2))` and because the order
//! in which a `set` of ints iterates follows from their hashes.
//!
//! ```text
//!   hash(int)   = n mod (2**61 - 1), signed          hash(-1) == -2
//!   hash(float) = the rational value mod (2**61 - 1)  hash(1.5) == hash(3/2)
//!   hash(tuple) = xxHash-style lanes over the items' hashes
//! ```
//!
//! Numeric hashes agree across types (`hash(2) == hash(2.0) == hash(True)`),
//! which is what lets `1`, `1.0` and `True` be the same dict key. `-1` is
//! never a hash: CPython reserves it for "error", and maps it to `-2`.
//!
//! Python equivalent: `Python/pyhash.c` (`_Py_HashDouble`),
//! `Objects/longobject.c` (`long_hash`), `Objects/tupleobject.c`
//! (`tuplehash`), `Objects/setobject.c` (`frozenset_hash`). Needs only std.

/// Bits of the hash modulus (`sys.hash_info.modulus == 2**61 - 1`).
pub const HASH_BITS: u32 = 61;
/// The modulus: the Mersenne prime 2**61 - 1.
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `hash(float('inf'))`.
pub const HASH_INF: i64 = 314_159;

/// `hash(n)` for an int that fits in 64 bits.
#[inline]
pub fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if n < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(x)` for a finite or infinite float; `None` for NaN, whose hash
/// is its identity in CPython ≥ 3.10 (the caller supplies it).
pub fn hash_f64(v: f64) -> Option<i64> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    // Process 28 bits of the mantissa at a time, reducing as we go.
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    // Multiply by 2**e, i.e. rotate within the 61-bit field.
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    };
    let e = e as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    Some(if h == -1 { -2 } else { h })
}

/// C's `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (or `m == 0`).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::powi(2.0, 64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m_bits = (bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52);
    (f64::from_bits(m_bits), e)
}

/// xxHash primes CPython's `tuplehash` uses (64-bit builds).
const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
/// See [`XXPRIME_1`].
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
/// See [`XXPRIME_1`].
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(t)` of a tuple from its items' hashes.
pub fn hash_tuple(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = item_hashes.len() as u64;
    let mut acc = XXPRIME_5;
    for lane in item_hashes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    // Add the length, mangled to keep the historical value of hash(()).
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// CPython's `_shuffle_bits`, which spreads an entry hash before the
/// order-independent xor of `frozenset_hash`.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(frozenset)` from its table: every slot's hash (0 for empty
/// slots, -1 for dummies, as `frozenset_hash` reads them), and the count
/// of active entries.
pub fn hash_frozenset(slot_hashes: impl Iterator<Item = i64>, used: usize) -> i64 {
    let mut h: u64 = 0;
    for s in slot_hashes {
        h ^= shuffle_bits(s as u64);
    }
    h ^= ((used as u64) + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    if h == u64::MAX {
        return 590_923_713;
    }
    h as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_hash_like_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_i64((1 << 61) - 1), 0);
        assert_eq!(hash_i64(i64::MIN), -4);
        assert_eq!(hash_i64((1 << 62) + 5), 7);
    }

    #[test]
    fn floats_hash_like_cpython() {
        assert_eq!(hash_f64(1.5), Some(1_152_921_504_606_846_977));
        assert_eq!(hash_f64(-0.5), Some(-1_152_921_504_606_846_976));
        assert_eq!(hash_f64(1e300), Some(1_224_995_262_755_759_164));
        assert_eq!(hash_f64(0.1), Some(230_584_300_921_369_408));
        assert_eq!(hash_f64(2.0), Some(2));
        assert_eq!(hash_f64(f64::INFINITY), Some(HASH_INF));
    }

    #[test]
    fn tuples_hash_like_cpython() {
        assert_eq!(hash_tuple([1, 2].into_iter()), -3_550_055_125_485_641_917);
        assert_eq!(hash_tuple([].into_iter()), 5_740_354_900_026_072_187);
        assert_eq!(hash_tuple([1].into_iter()), -6_644_214_454_873_602_895);
        let inner = hash_tuple([1, 2].into_iter());
        assert_eq!(hash_tuple([inner, 3].into_iter()), -333_907_151_259_015_829);
    }
}
