//! `BigInt` against itself: algebraic identities that need no oracle.
//!
//! These run with or without `python3` and reach sizes the CPython battery
//! does not: operands of 30–120 limbs put multiplication through Karatsuba
//! and its lopsided split, and Knuth's division through long quotients. The
//! identities tie the operations together (`q·b + r == a`, `(a·b) // b ==
//! a`, `a << s == a · 2**s`, text and byte round trips), so a bug in one
//! shows up against the others. Case counts: `PROPTEST_CASES` raises them.

mod bigint_support;

use bigint_support::bigint::{BigInt, ByteOrder, Signedness};
use bigint_support::{from_limbs, operand};
use common::props;
use proptest::prelude::*;
use std::cmp::Ordering;

fn limbs(range: std::ops::Range<usize>) -> impl Strategy<Value = BigInt> {
    let limb = prop_oneof![
        3 => any::<u64>(),
        1 => Just(u64::MAX),
        1 => Just(0u64),
        1 => Just(1u64 << 63),
    ];
    (prop::collection::vec(limb, range), any::<bool>())
        .prop_map(|(limbs, negative)| from_limbs(&limbs, negative))
}

/// Long operands: enough limbs for Karatsuba (cutoff 32) and lopsided splits.
fn long_operand() -> impl Strategy<Value = BigInt> {
    prop_oneof![limbs(30..70), limbs(70..130), operand()]
}

fn big(text: &str) -> BigInt {
    BigInt::parse(text, 0).expect("a valid literal")
}

/// Checks Python's floor-division contract for one pair.
fn check_divmod(a: &BigInt, b: &BigInt) -> Result<(), TestCaseError> {
    let (q, r) = a.divmod(b).expect("b != 0");
    prop_assert_eq!(&(&q * b) + &r, a.clone(), "q*b + r == a");
    prop_assert!(r.abs() < b.abs(), "|r| < |b|");
    prop_assert!(
        r.is_zero() || r.is_negative() == b.is_negative(),
        "r takes b's sign"
    );
    Ok(())
}

proptest! {
    #![proptest_config(props::config(64))]

    #[test]
    fn division_inverts_multiplication(a in long_operand(), b in long_operand(), c in operand()) {
        prop_assume!(!b.is_zero());
        check_divmod(&a, &b)?;
        // (a·b + r) // b == a for any 0 <= r < |b|.
        let r = c.abs().mod_floor(&b.abs()).expect("b != 0");
        let product = &(&a * &b) + &r;
        let (q, rem) = product.divmod(&b.abs()).expect("b != 0");
        prop_assert_eq!(q, &a * &BigInt::from(if b.is_negative() { -1i64 } else { 1 }));
        prop_assert_eq!(rem, r);
    }

    #[test]
    fn division_by_one_limb(a in long_operand(), d in prop_oneof![
        any::<u64>(), Just(1u64), Just(10_000_000_000_000_000_000u64), Just(u64::MAX),
        (0u32..64).prop_map(|k| 1u64 << k), (0u32..64).prop_map(|k| (1u64 << k) | 1),
    ]) {
        prop_assume!(d != 0);
        check_divmod(&a, &BigInt::from(d))?;
        check_divmod(&a, &-BigInt::from(d))?;
    }

    #[test]
    fn multiplication_is_commutative_and_distributive(a in long_operand(), b in long_operand(), c in long_operand()) {
        prop_assert_eq!(&a * &b, &b * &a);
        prop_assert_eq!(&a * &(&b + &c), &(&a * &b) + &(&a * &c));
        prop_assert_eq!(&(&a + &b) - &b, a.clone());
    }

    #[test]
    fn shifts_are_multiplication_and_floor_division(a in long_operand(), s in 0u64..700) {
        let power = BigInt::one().shl_bits(s).expect("small");
        prop_assert_eq!(a.shl_bits(s).expect("small"), &a * &power);
        prop_assert_eq!(a.shr_bits(s), a.div_floor(&power).expect("non-zero"));
    }

    #[test]
    fn bitwise_identities(a in long_operand(), b in long_operand()) {
        prop_assert_eq!(&a ^ &b, &(&a | &b) - &(&a & &b));
        prop_assert_eq!(!&!&a, a.clone());
        prop_assert_eq!(!&a, &-&a - &BigInt::one());
        prop_assert_eq!(&a & &!&a, BigInt::zero());
        prop_assert_eq!(&a | &!&a, -BigInt::one());
    }

    #[test]
    fn text_round_trips(a in long_operand()) {
        prop_assert_eq!(BigInt::parse_limited(&a.to_string(), 10, 0).expect("valid"), a.clone());
        prop_assert_eq!(big(&a.to_hex()), a.clone());
        prop_assert_eq!(big(&a.to_oct()), a.clone());
        prop_assert_eq!(big(&a.to_bin()), a.clone());
    }

    #[test]
    fn byte_and_word_round_trips(a in long_operand(), extra in 0usize..3) {
        let n = (a.bit_length() as usize + 8) / 8 + extra; // room for the sign bit
        for order in [ByteOrder::Big, ByteOrder::Little] {
            let bytes = a.to_bytes(n, order, Signedness::Signed).expect("fits");
            prop_assert_eq!(BigInt::from_bytes(&bytes, order, Signedness::Signed), a.clone());
        }
        prop_assert_eq!(BigInt::from_u32_words_le(&a.abs_u32_words_le()), a.abs());
    }

    #[test]
    fn small_values_agree_with_native_arithmetic(x in any::<i64>(), y in any::<i64>()) {
        let (a, b) = (BigInt::from(x), BigInt::from(y));
        prop_assert_eq!(a.to_i64(), Some(x));
        prop_assert_eq!((&a * &b).to_i128(), Some(i128::from(x) * i128::from(y)));
        prop_assert_eq!(a.cmp_i64(y), x.cmp(&y));
        // i64 → f64 rounds half to even, as float(int) must.
        prop_assert_eq!(a.to_f64().expect("finite"), x as f64);
        if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 && y != 0 {
            prop_assert_eq!(a.true_div(&b).expect("y != 0"), x as f64 / y as f64);
        }
        let modulus = (1i128 << 61) - 1;
        let expected_hash = match i128::from(x).signum() * (i128::from(x).abs() % modulus) {
            -1 => -2,
            h => h as i64,
        };
        prop_assert_eq!(a.py_hash(), expected_hash);
        // y as f64 is an integer that i128 holds exactly.
        let rounded_y = y as f64;
        prop_assert_eq!(a.cmp_f64(rounded_y), Some(i128::from(x).cmp(&(rounded_y as i128))));
        // A fractional float: y + 0.5 is exact below 2**52.
        if y.unsigned_abs() < 1 << 52 {
            let expected = if x <= y { Ordering::Less } else { Ordering::Greater };
            prop_assert_eq!(a.cmp_f64(y as f64 + 0.5), Some(expected));
        }
    }
}

/// Operand pairs for which Knuth's quotient estimate is one too large and
/// the add-back step (D6) runs; found by simulating the algorithm on
/// 64-bit limbs.
#[test]
fn knuth_d_add_back_cases() {
    let cases = [
        (
            "0x7fffffffffffffff80000000000000000000000000000000faef7b9854ebef65bf4e72cb157f2cc4",
            "0x800000000000000000000000000000000000000000000001",
        ),
        (
            "0x7fffffffffffffff800000000000000080000000000000007fffffffffffffff0000000000000000",
            "0x17fffffffffffffffffffffffffffffff",
        ),
        (
            "0xffffffffffffffffffffffffffffffff70c1dca1756b72897fffffffffffffff",
            "0xffffffffffffffffffffffffffffffff8000000000000000",
        ),
    ];
    for (u, v) in cases {
        for (a, b) in [(big(u), big(v)), (-big(u), big(v)), (big(u), -big(v))] {
            check_divmod(&a, &b).unwrap_or_else(|e| panic!("{a:?} divmod {b:?}: {e}"));
        }
    }
}

/// Bases whose powers never grow answer any exponent; others are sized
/// before computing.
#[test]
fn huge_exponents_and_shifts_are_answered_or_refused_up_front() {
    let huge = BigInt::one().shl_bits(100).expect("small");
    assert_eq!(BigInt::zero().pow(&huge), Ok(BigInt::zero()));
    assert_eq!(BigInt::one().pow(&huge), Ok(BigInt::one()));
    assert_eq!((-BigInt::one()).pow(&huge), Ok(BigInt::one()));
    assert_eq!(
        (-BigInt::one()).pow(&(&huge + &BigInt::one())),
        Ok(-BigInt::one())
    );
    let two = BigInt::from(2u64);
    assert_eq!(two.pow(&huge).unwrap_err().python_type(), "MemoryError");
    assert_eq!(
        two.pow(&BigInt::from(1u64 << 40))
            .unwrap_err()
            .python_type(),
        "MemoryError"
    );
    assert_eq!(
        two.pow(&BigInt::from(-1i64)).unwrap_err().python_type(),
        "ValueError"
    );
    assert_eq!(two.shl(&huge).unwrap_err().python_type(), "OverflowError");
    assert_eq!(
        two.shl(&BigInt::from(1u64 << 63))
            .unwrap_err()
            .python_type(),
        "MemoryError"
    );
    assert_eq!(BigInt::zero().shl(&huge), Ok(BigInt::zero()));
    assert_eq!(two.shr(&huge), Ok(BigInt::zero()));
    assert_eq!((-two).shr(&huge), Ok(-BigInt::one()));
}
