//! # Dividing magnitudes: Knuth's algorithm D
//!
//! [`divrem`] computes `(u // v, u % v)` for magnitudes, the engine under
//! `//`, `%`, `divmod`, `pow(a, b, m)`, `str()` and `a / b`. It is long
//! division in base 2**64 (Knuth, TAOCP vol. 2, §4.3.1, Algorithm D), as
//! CPython's `x_divrem`:
//!
//! ```text
//!   D1 normalise: shift u and v left until v's top limb has its high bit
//!      set (this makes the quotient-digit guess below off by at most 2)
//!   for each quotient limb, from the top:
//!   D3 guess qhat = (top two limbs of the running remainder) / (top limb
//!      of v), then lower it while qhat · v[n-2] shows it is too big
//!   D4 multiply and subtract: remainder -= qhat · v · B^j
//!   D6 if that went negative (rare: probability ~2/B), qhat was one too
//!      big: add v back once and decrement qhat
//!   D8 un-normalise the remainder
//! ```
//!
//! Division by a single limb ([`divrem_limb_in_place`]) needs no guessing:
//! one 128-by-64-bit division per limb; it is also what `str()` uses to
//! peel off 19 decimal digits at a time. Cost: O(len(u)·len(v)).
//!
//! **Fast path: division by an invariant limb** (Möller and Granlund,
//! "Improved division by invariant integers", 2011). Rust's `u128 / u64`
//! is a call into a runtime routine, tens of cycles each. When the same
//! divisor is used for many limbs (every limb of a single-limb division,
//! every quotient limb of algorithm D), [`Reciprocal`] computes
//! `⌊(2**128 − 1) / d⌋ − 2**64` once and then divides with two multiplies
//! and a few adds and compares. It needs `d`'s top bit set: algorithm D
//! normalises anyway, and the single-limb path shifts the dividend on the
//! fly. The plain `u128` division stays beside it for one-limb dividends
//! (where computing the reciprocal would cost as much as the division).
//!
//! Road not taken: Burnikel–Ziegler recursive division (sub-quadratic, pays
//! off only for operands of thousands of limbs).
//!
//! Needs only `limbs.rs`.

use super::limbs;
use std::cmp::Ordering;

/// `(u // v, u % v)` for magnitudes; `v` must be non-zero (the signed layer
/// raises `ZeroDivisionError` before calling). Both results are trimmed.
pub fn divrem(u: &[u64], v: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let (u, v) = (limbs::trimmed(u), limbs::trimmed(v));
    assert!(
        !v.is_empty(),
        "BigInt invariant: divrem by a zero magnitude"
    );
    if limbs::cmp(u, v) == Ordering::Less {
        return (Vec::new(), u.to_vec());
    }
    if v.len() == 1 {
        let mut quotient = u.to_vec();
        let remainder = divrem_limb_in_place(&mut quotient, v[0]);
        limbs::trim(&mut quotient);
        let remainder = if remainder == 0 {
            Vec::new()
        } else {
            vec![remainder]
        };
        return (quotient, remainder);
    }
    knuth_d(u, v)
}

/// A normalised divisor (top bit set) with its precomputed reciprocal.
#[derive(Clone, Copy)]
struct Reciprocal {
    /// The divisor `d`, `d >= 2**63`.
    divisor: u64,
    /// `⌊(2**128 − 1) / d⌋ − 2**64` (fits in 64 bits because `d >= 2**63`).
    inverse: u64,
}

impl Reciprocal {
    fn new(divisor: u64) -> Reciprocal {
        debug_assert!(divisor >> 63 == 1, "Reciprocal needs a normalised divisor");
        // u128::MAX / d is in [2**64, 2**65): dropping bit 64 subtracts 2**64.
        let inverse = (u128::MAX / u128::from(divisor)) as u64;
        Reciprocal { divisor, inverse }
    }

    /// `(high·2**64 + low) divmod d` for `high < d`: Möller–Granlund's
    /// algorithm 4. The estimate from the reciprocal is at most one too
    /// small or one too large, fixed by the two branches.
    fn div_2by1(self, high: u64, low: u64) -> (u64, u64) {
        debug_assert!(high < self.divisor);
        // (q1, q0) = inverse·high + (high, low), modulo 2**128 as in the paper.
        let product = (u128::from(self.inverse) * u128::from(high))
            .wrapping_add((u128::from(high) << 64) | u128::from(low));
        let mut quotient = ((product >> 64) as u64).wrapping_add(1);
        let mut remainder = low.wrapping_sub(quotient.wrapping_mul(self.divisor));
        if remainder > product as u64 {
            quotient = quotient.wrapping_sub(1);
            remainder = remainder.wrapping_add(self.divisor);
        }
        if remainder >= self.divisor {
            quotient += 1;
            remainder -= self.divisor;
        }
        (quotient, remainder)
    }
}

/// `u //= divisor` in place, returning `u % divisor`.
pub fn divrem_limb_in_place(u: &mut [u64], divisor: u64) -> u64 {
    assert!(divisor != 0, "BigInt invariant: division by a zero limb");
    if u.len() < 2 {
        return divrem_limb_plain(u, divisor);
    }
    // Fast path: divide u·2**s by d·2**s (same quotient), producing the
    // shifted dividend's limbs on the fly from the top; the remainder
    // comes out scaled by 2**s.
    let shift = divisor.leading_zeros();
    let reciprocal = Reciprocal::new(divisor << shift);
    let shifted_limb = |limb: u64, lower: u64| {
        if shift == 0 {
            limb
        } else {
            (limb << shift) | (lower >> (64 - shift))
        }
    };
    let top = u[u.len() - 1];
    let mut remainder = if shift == 0 { 0 } else { top >> (64 - shift) };
    for i in (0..u.len()).rev() {
        let lower = if i > 0 { u[i - 1] } else { 0 };
        let (quotient, rest) = reciprocal.div_2by1(remainder, shifted_limb(u[i], lower));
        u[i] = quotient;
        remainder = rest;
    }
    remainder >> shift
}

/// The plain path: each step divides the 128-bit `(remainder, limb)` by
/// `divisor` with Rust's `u128` division.
fn divrem_limb_plain(u: &mut [u64], divisor: u64) -> u64 {
    let divisor = u128::from(divisor);
    let mut remainder = 0u128;
    for limb in u.iter_mut().rev() {
        let current = (remainder << 64) | u128::from(*limb);
        let quotient = current / divisor;
        *limb = quotient as u64;
        remainder = current - quotient * divisor;
    }
    remainder as u64
}

/// Algorithm D for `v.len() >= 2` and `u >= v` (both trimmed).
fn knuth_d(u: &[u64], v: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let n = v.len();
    let m = u.len() - n;

    // D1: normalise so that v's top limb has its high bit set. `un` gets an
    // extra top limb for the bits shifted out of u.
    let shift = v[n - 1].leading_zeros() as usize;
    let vn = limbs::shl(v, shift);
    debug_assert_eq!(vn.len(), n);
    let mut un = limbs::shl(u, shift);
    un.resize(u.len() + 1, 0);

    let v_top = u128::from(vn[n - 1]);
    let v_next = u128::from(vn[n - 2]);
    let reciprocal = Reciprocal::new(vn[n - 1]);
    let mut quotient = vec![0u64; m + 1];

    for j in (0..=m).rev() {
        // D3: estimate the quotient limb from the top two limbs of the
        // running remainder. Invariant: un[j + n] <= vn[n - 1].
        let (mut qhat, mut rhat) = if un[j + n] as u128 >= v_top {
            // The true guess is ≥ B; clamp to B − 1. Its remainder is
            // top − (B − 1)·v_top = un[j + n − 1] + v_top.
            (u64::MAX, u128::from(un[j + n - 1]) + v_top)
        } else {
            let (q, r) = reciprocal.div_2by1(un[j + n], un[j + n - 1]);
            (q, u128::from(r))
        };
        // Refine with the next limb: at most two corrections (Knuth's
        // theorem B); stop once rhat no longer fits a limb, because then
        // the test below cannot succeed.
        while rhat >> 64 == 0
            && u128::from(qhat) * v_next > ((rhat << 64) | u128::from(un[j + n - 2]))
        {
            qhat -= 1;
            rhat += v_top;
        }

        // D4: un[j ..= j + n] -= qhat · vn.
        let negative = sub_mul_limb(&mut un[j..=j + n], &vn, qhat);

        // D6: the estimate was one too large; add vn back once.
        if negative {
            qhat -= 1;
            let carry = limbs::add_into(&mut un[j..j + n], &vn);
            un[j + n] = un[j + n].wrapping_add(u64::from(carry));
        }
        quotient[j] = qhat;
    }

    // D8: the remainder is the low n limbs, shifted back.
    let remainder = limbs::shr(&un[..n], shift);
    limbs::trim(&mut quotient);
    (quotient, remainder)
}

/// `window -= factor · v` where `window` has `v.len() + 1` limbs; returns
/// whether the result went below zero (then `window` holds it modulo
/// `B^(v.len()+1)`, which the add-back step repairs).
fn sub_mul_limb(window: &mut [u64], v: &[u64], factor: u64) -> bool {
    let mut carry = 0u64; // high limb of the running product
    let mut borrow = false;
    for (w, &limb) in window.iter_mut().zip(v) {
        let product = u128::from(factor) * u128::from(limb) + u128::from(carry);
        carry = (product >> 64) as u64;
        let (diff, b1) = w.overflowing_sub(product as u64);
        let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
        *w = diff;
        borrow = b1 | b2;
    }
    let top = &mut window[v.len()];
    let (diff, b1) = top.overflowing_sub(carry);
    let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
    *top = diff;
    b1 | b2
}
