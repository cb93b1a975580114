//! # Magnitudes: unsigned arithmetic on little-endian `u64` limb slices
//!
//! The bottom layer of `BigInt`: everything here works on `|n|` only, as
//! CPython's `x_add`/`x_sub`/`v_lshift` do on digit arrays. A magnitude is
//! a `[u64]` whose limb `i` weighs `2**(64*i)`. Functions that return or
//! grow a `Vec` leave it *trimmed* (no most-significant zero limb), the
//! representation invariant of `mod.rs`; the `_into` functions work on
//! fixed-size windows of a larger buffer and may see zero limbs anywhere.
//!
//! Carries: `overflowing_add` gives the carry out of a limb; a carry or
//! borrow is always 0 or 1. Needs only std; no sibling file.

use std::cmp::Ordering;

/// Drops most-significant zero limbs (restores the trim invariant).
pub fn trim(mag: &mut Vec<u64>) {
    while mag.last() == Some(&0) {
        mag.pop();
    }
}

/// Returns the slice without its most-significant zero limbs.
pub fn trimmed(mag: &[u64]) -> &[u64] {
    let len = mag.iter().rposition(|&limb| limb != 0).map_or(0, |i| i + 1);
    &mag[..len]
}

/// Compares two trimmed magnitudes: longer is larger, else the first
/// differing limb from the top decides. No allocation.
pub fn cmp(a: &[u64], b: &[u64]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x.cmp(y);
        }
    }
    Ordering::Equal
}

/// `dst += src` within `dst`'s window (`dst.len() >= src.len()`); the
/// carry ripples up through `dst` and the carry out of its top is returned.
pub fn add_into(dst: &mut [u64], src: &[u64]) -> bool {
    debug_assert!(dst.len() >= src.len());
    let mut carry = false;
    for (d, &s) in dst.iter_mut().zip(src) {
        let (sum, c1) = d.overflowing_add(s);
        let (sum, c2) = sum.overflowing_add(u64::from(carry));
        *d = sum;
        carry = c1 | c2;
    }
    if carry {
        for d in dst[src.len()..].iter_mut() {
            let (sum, overflow) = d.overflowing_add(1);
            *d = sum;
            if !overflow {
                return false;
            }
        }
    }
    carry
}

/// `dst -= src` within `dst`'s window; returns the borrow out of the top
/// (true when `src > dst`, and `dst` then holds the 2**(64*len) complement).
pub fn sub_into(dst: &mut [u64], src: &[u64]) -> bool {
    debug_assert!(dst.len() >= src.len());
    let mut borrow = false;
    for (d, &s) in dst.iter_mut().zip(src) {
        let (diff, b1) = d.overflowing_sub(s);
        let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
        *d = diff;
        borrow = b1 | b2;
    }
    if borrow {
        for d in dst[src.len()..].iter_mut() {
            let (diff, underflow) = d.overflowing_sub(1);
            *d = diff;
            if !underflow {
                return false;
            }
        }
    }
    borrow
}

/// `a += b` on a growable magnitude (in place, as `x += y` wants).
pub fn add_assign(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    if add_into(a, b) {
        a.push(1);
    }
}

/// `a -= b`, requiring `a >= b`.
pub fn sub_assign(a: &mut Vec<u64>, b: &[u64]) {
    let borrow = sub_into(a, b);
    assert!(!borrow, "BigInt invariant: sub_assign needs a >= b");
    trim(a);
}

/// `a = b - a`, requiring `b >= a` (the in-place form of "subtract the
/// other way round" that signed addition needs).
pub fn rsub_assign(a: &mut Vec<u64>, b: &[u64]) {
    debug_assert!(b.len() >= a.len());
    a.resize(b.len(), 0);
    let mut borrow = false;
    for (d, &s) in a.iter_mut().zip(b) {
        let (diff, b1) = s.overflowing_sub(*d);
        let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
        *d = diff;
        borrow = b1 | b2;
    }
    assert!(!borrow, "BigInt invariant: rsub_assign needs b >= a");
    trim(a);
}

/// `a += small` (in place).
pub fn add_small(a: &mut Vec<u64>, small: u64) {
    if a.is_empty() {
        if small != 0 {
            a.push(small);
        }
        return;
    }
    if add_into(a, &[small]) {
        a.push(1);
    }
}

/// `a -= small`, requiring `a >= small`.
pub fn sub_small(a: &mut Vec<u64>, small: u64) {
    if small != 0 {
        sub_assign(a, &[small]);
    }
}

/// `a = a * factor + addend` (in place): the inner step of parsing digits.
pub fn mul_small_add(a: &mut Vec<u64>, factor: u64, addend: u64) {
    let mut carry = u128::from(addend);
    for limb in a.iter_mut() {
        let wide = u128::from(*limb) * u128::from(factor) + carry;
        *limb = wide as u64;
        carry = wide >> 64;
    }
    if carry != 0 {
        a.push(carry as u64);
    }
    trim(a);
}

/// `mag << bits` as a new magnitude of `mag.len() + bits/64 + 1` limbs,
/// trimmed.
pub fn shl(mag: &[u64], bits: usize) -> Vec<u64> {
    let (limb_shift, bit_shift) = (bits / 64, bits % 64);
    let mut out = vec![0u64; mag.len() + limb_shift + 1];
    if bit_shift == 0 {
        out[limb_shift..limb_shift + mag.len()].copy_from_slice(mag);
    } else {
        let mut carry = 0u64;
        for (i, &limb) in mag.iter().enumerate() {
            out[limb_shift + i] = (limb << bit_shift) | carry;
            carry = limb >> (64 - bit_shift);
        }
        out[limb_shift + mag.len()] = carry;
    }
    trim(&mut out);
    out
}

/// `mag >> bits` (truncating), trimmed.
pub fn shr(mag: &[u64], bits: usize) -> Vec<u64> {
    let (limb_shift, bit_shift) = (bits / 64, bits % 64);
    if limb_shift >= mag.len() {
        return Vec::new();
    }
    let source = &mag[limb_shift..];
    let mut out = Vec::with_capacity(source.len());
    if bit_shift == 0 {
        out.extend_from_slice(source);
    } else {
        for (i, &limb) in source.iter().enumerate() {
            let high = source
                .get(i + 1)
                .map_or(0, |&next| next << (64 - bit_shift));
            out.push((limb >> bit_shift) | high);
        }
    }
    trim(&mut out);
    out
}

/// Whether any of the low `bits` bits of `mag` is set (the "sticky" bit of
/// a rounding right shift).
pub fn any_low_bits(mag: &[u64], bits: usize) -> bool {
    let (whole, partial) = (bits / 64, bits % 64);
    if mag.iter().take(whole).any(|&limb| limb != 0) {
        return true;
    }
    partial != 0
        && mag
            .get(whole)
            .is_some_and(|&limb| limb & ((1 << partial) - 1) != 0)
}

/// The number of significant bits of a trimmed magnitude (0 for zero).
pub fn bit_length(mag: &[u64]) -> u64 {
    match mag.last() {
        None => 0,
        Some(&top) => 64 * (mag.len() as u64 - 1) + u64::from(64 - top.leading_zeros()),
    }
}
