//! # Multiplying magnitudes: schoolbook, then Karatsuba for long operands
//!
//! [`mul`] is what `a * b` costs. Three algorithms, picked by size, as in
//! CPython's `k_mul` (`Objects/longobject.c`):
//!
//! ```text
//!   shorter operand < KARATSUBA_CUTOFF limbs   schoolbook, O(n·m)
//!   longer ≥ 2 × shorter                       lopsided: cut the longer into
//!                                              shorter-sized slices, multiply
//!                                              each (recursively), add them up
//!   otherwise                                  Karatsuba, O(n^1.585):
//!       a = a1·B^h + a0,  b = b1·B^h + b0      (B = 2**64, h = half the limbs)
//!       z0 = a0·b0,  z2 = a1·b1,  z1 = (a0+a1)(b0+b1) − z0 − z2
//!       a·b = z2·B^2h + z1·B^h + z0            three half-size products, not four
//! ```
//!
//! The plain path first: [`schoolbook_into`] is the definition of
//! multiplication, one row of `u64 × u64 → u128` multiply-adds per limb of
//! the shorter operand. Karatsuba is the fast path beside it; below the
//! cutoff its extra additions cost more than the saved multiplication.
//! The cutoff (32 limbs = 2048 bits) matches CPython's 70 thirty-bit digits
//! in bits; it was not tuned on this machine.
//!
//! Road not taken: a dedicated squaring routine (about 1.5× faster for
//! `a * a`, which `**` uses) and Toom-3/FFT for huge operands; the 4300-digit
//! `str()` limit means programs rarely build ints where those would pay.
//!
//! Every `_into` function writes into a zeroed window of at least
//! `a.len() + b.len()` limbs. Needs only `limbs.rs`.

use super::limbs;

/// Below this many limbs in the shorter operand, schoolbook wins.
pub const KARATSUBA_CUTOFF: usize = 32;

/// `a * b` as a trimmed magnitude.
pub fn mul(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (a, b) = (limbs::trimmed(a), limbs::trimmed(b));
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u64; a.len() + b.len()];
    mul_into(&mut out, a, b);
    limbs::trim(&mut out);
    out
}

/// `out = a * b`; `out` is zeroed and has at least `a.len() + b.len()` limbs.
fn mul_into(out: &mut [u64], a: &[u64], b: &[u64]) {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return;
    }
    if short.len() < KARATSUBA_CUTOFF {
        schoolbook_into(out, long, short);
    } else if 2 * short.len() <= long.len() {
        lopsided_into(out, long, short);
    } else {
        karatsuba_into(out, long, short);
    }
}

/// `out[..a.len()] += a * factor`; returns the limb that carries out.
fn add_mul_limb(out: &mut [u64], a: &[u64], factor: u64) -> u64 {
    let mut carry = 0u64;
    for (o, &limb) in out.iter_mut().zip(a) {
        let wide = u128::from(limb) * u128::from(factor) + u128::from(*o) + u128::from(carry);
        *o = wide as u64;
        carry = (wide >> 64) as u64;
    }
    carry
}

/// The plain path: one multiply-add row per limb of `short`.
/// `out` is zeroed, so row `i`'s carry lands in the still-empty limb
/// `i + long.len()`.
fn schoolbook_into(out: &mut [u64], long: &[u64], short: &[u64]) {
    for (i, &factor) in short.iter().enumerate() {
        if factor != 0 {
            out[i + long.len()] = add_mul_limb(&mut out[i..], long, factor);
        }
    }
}

/// `long` is at least twice as long as `short`: multiply `short` by
/// successive `short`-sized slices of `long` (each a balanced product that
/// Karatsuba handles well) and add each partial product at its offset,
/// as CPython's `k_lopsided_mul`.
fn lopsided_into(out: &mut [u64], long: &[u64], short: &[u64]) {
    let mut partial = vec![0u64; 2 * short.len()];
    for (chunk_index, chunk) in long.chunks(short.len()).enumerate() {
        let width = chunk.len() + short.len();
        partial[..width].fill(0);
        mul_into(&mut partial[..width], chunk, short);
        let carry = limbs::add_into(&mut out[chunk_index * short.len()..], &partial[..width]);
        debug_assert!(!carry, "a partial product fits in the output");
    }
}

/// Karatsuba's three half-size products (see the module docs);
/// `short.len() > long.len() / 2`, so both halves of `short` are non-empty.
fn karatsuba_into(out: &mut [u64], long: &[u64], short: &[u64]) {
    let half = long.len() / 2;
    let (a0, a1) = long.split_at(half);
    let (b0, b1) = short.split_at(half);

    // z0 = a0·b0 into out[0..2h] and z2 = a1·b1 into out[2h..]: the two
    // windows do not overlap, and out is zeroed, as mul_into requires.
    let (low, high) = out.split_at_mut(2 * half);
    mul_into(low, a0, b0);
    mul_into(high, a1, b1);

    // z1 = (a0 + a1)(b0 + b1) − z0 − z2, never negative.
    let sum_a = sum(a0, a1);
    let sum_b = sum(b0, b1);
    let mut z1 = vec![0u64; sum_a.len() + sum_b.len()];
    mul_into(&mut z1, &sum_a, &sum_b);
    let borrow_z0 = limbs::sub_into(&mut z1, limbs::trimmed(&out[..2 * half]));
    let borrow_z2 = limbs::sub_into(&mut z1, limbs::trimmed(&out[2 * half..]));
    debug_assert!(
        !borrow_z0 && !borrow_z2,
        "Karatsuba's middle term is non-negative"
    );

    let carry = limbs::add_into(&mut out[half..], limbs::trimmed(&z1));
    debug_assert!(!carry, "the product fits in a.len() + b.len() limbs");
}

/// `x + y` as a new vector one limb longer than the longer input.
fn sum(x: &[u64], y: &[u64]) -> Vec<u64> {
    let (longer, shorter) = if x.len() >= y.len() { (x, y) } else { (y, x) };
    let mut out = Vec::with_capacity(longer.len() + 1);
    out.extend_from_slice(longer);
    out.push(0);
    limbs::add_into(&mut out, shorter);
    out
}
