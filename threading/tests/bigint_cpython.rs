//! `BigInt` against CPython, property by property.
//!
//! Random operands up to ~1200 bits (see `bigint_support::operand`) go to
//! one live `python3` in batches; every result of the battery (`+ - * // %
//! divmod ** pow(a, b, m) << >> & | ^ ~ - abs str() hash() float() /
//! bit_length` comparisons, `to_bytes`/`from_bytes`, `hex/oct/bin`,
//! int–float comparison, `int(float)`) must be the same text, and every
//! exception the same class and message. `int(text, base)` is checked the
//! same way on generated texts (prefixes, underscores, signs, Unicode
//! digits and spaces, junk, texts around the 4300-digit limit).
//!
//! Without `python3` the battery falls back to Rust's `i128` on operands
//! that fit an `i64` (so that every result fits an `i128`) and says that
//! the live check was skipped. Case counts: `PROPTEST_CASES` raises them.

mod bigint_support;

use bigint_support::bigint::{BigInt, ByteOrder, Signedness};
use bigint_support::{err, f, h, operand, t, with_oracle, BATTERY_FIELDS};
use common::props;
use proptest::prelude::*;
use std::cmp::Ordering;

fn sign_of(order: Ordering) -> String {
    (order as i8).to_string()
}

fn hex_bytes(bytes: Vec<u8>) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The battery in Rust, field for field as the oracle's `battery()`.
fn battery(a: &BigInt, b: &BigInt, c: &BigInt) -> Vec<String> {
    let small = |modulus: u64| {
        b.abs()
            .mod_floor(&BigInt::from(modulus))
            .expect("non-zero modulus")
            .to_u64()
            .expect("small")
    };
    let (e, s) = (small(50), small(1000));
    let fc = if c.bit_length() <= 1000 {
        c.to_f64().expect("below 2**1000")
    } else {
        1e300
    };
    let n = (a.bit_length() as usize).div_ceil(8);
    let power = a.pow(&BigInt::from(e)).expect("small power");
    let abs_bytes = a
        .abs()
        .to_bytes(n, ByteOrder::Big, Signedness::Unsigned)
        .expect("fits");
    vec![
        h(&(a + b)),
        h(&(a - b)),
        h(&(a * b)),
        t(a.div_floor(b), |q| h(&q)),
        t(a.mod_floor(b), |r| h(&r)),
        t(a.divmod(b), |(q, r)| format!("{},{}", h(&q), h(&r))),
        h(&power),
        t(a.pow_mod(b, c), |r| h(&r)),
        h(&a.shl_bits(s).expect("small shift")),
        h(&a.shr_bits(s)),
        h(&(a & b)),
        h(&(a | b)),
        h(&(a ^ b)),
        h(&!a),
        h(&-a),
        h(&a.abs()),
        t(power.to_str(), |text| text),
        a.py_hash().to_string(),
        t(a.to_f64(), f),
        t(a.true_div(b), f),
        a.bit_length().to_string(),
        sign_of(a.cmp(b)),
        t(
            a.to_bytes(n, ByteOrder::Little, Signedness::Signed),
            hex_bytes,
        ),
        h(&BigInt::from_bytes(
            &abs_bytes,
            ByteOrder::Big,
            Signedness::Signed,
        )),
        a.to_hex(),
        a.to_oct(),
        a.to_bin(),
        a.to_str().expect("a few hundred digits"),
        sign_of(a.cmp_f64(fc).expect("not NaN")),
        t(BigInt::from_f64(fc), |i| h(&i)),
    ]
}

/// Compares one answer: exact under 3.11; other versions word some
/// messages differently, so there only the exception class must match.
fn same(ours: &str, python: &str, is_311: bool) -> bool {
    let class = |s: &str| s.split(':').next().unwrap_or("").to_string();
    ours == python || (!is_311 && ours.starts_with('!') && class(ours) == class(python))
}

/// The fallback without python3: `i128` results for operands in `i64`.
fn battery_against_i128(a: &BigInt, b: &BigInt) -> Result<(), TestCaseError> {
    let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) else {
        return Ok(());
    };
    let (x, y) = (i128::from(x), i128::from(y));
    let big = BigInt::from;
    prop_assert_eq!(a + b, big(x + y));
    prop_assert_eq!(a - b, big(x - y));
    prop_assert_eq!(a * b, big(x * y));
    if y != 0 {
        let (q, r) = (x.div_euclid(y), x.rem_euclid(y));
        // Euclid's remainder is never negative; Python's has y's sign.
        let (q, r) = if r != 0 && y < 0 {
            (q + 1, r + y)
        } else {
            (q, r)
        };
        prop_assert_eq!(a.divmod(b).expect("y != 0"), (big(q), big(r)));
    }
    prop_assert_eq!(a & b, big(x & y));
    prop_assert_eq!(a | b, big(x | y));
    prop_assert_eq!(a ^ b, big(x ^ y));
    prop_assert_eq!(!a, big(!x));
    let s = (y.unsigned_abs() % 60) as u64;
    prop_assert_eq!(a.shl_bits(s).expect("small"), big(x << s));
    prop_assert_eq!(a.shr_bits(s), big(x >> s));
    prop_assert_eq!(a.to_str().expect("short"), x.to_string());
    prop_assert_eq!(BigInt::parse(&x.to_string(), 10).expect("valid"), big(x));
    prop_assert_eq!(a.cmp(b), x.cmp(&y));
    prop_assert_eq!(
        a.bit_length(),
        u64::from(128 - x.unsigned_abs().leading_zeros())
    );
    Ok(())
}

/// Generated `int()` input: a text and a base, some invalid on purpose.
fn int_text() -> impl Strategy<Value = (String, i64)> {
    let space = prop::sample::select(vec!["", "", " ", "\t", "\n ", "\u{a0}", "\u{2003}", "\x1c"]);
    let sign = prop::sample::select(vec!["", "", "-", "+", "+-"]);
    let prefix = prop::sample::select(vec![
        "", "", "", "0x", "0X", "0o", "0b", "0B", "0", "0_", "0x_",
    ]);
    let digit = prop::sample::select(vec![
        "0", "1", "2", "7", "8", "9", "a", "f", "F", "z", "Z", "_", "_", "٣", "𝟏", "?",
    ]);
    let digits = prop_oneof![
        8 => prop::collection::vec(digit, 0..40).prop_map(|d| d.concat()),
        1 => (4290usize..4310, any::<bool>())
            .prop_map(|(n, junk)| "7".repeat(n) + if junk { "x" } else { "" }),
    ];
    let base = prop::sample::select(vec![0i64, 0, 10, 10, 16, 2, 8, 36, 3, 7, 1, 37, -1]);
    (space.clone(), sign, prefix, digits, space, base).prop_map(
        |(lead, sign, prefix, digits, trail, base)| {
            (format!("{lead}{sign}{prefix}{digits}{trail}"), base)
        },
    )
}

proptest! {
    #![proptest_config(props::config(12))]

    #[test]
    fn battery_matches_cpython(batch in prop::collection::vec((operand(), operand(), operand()), 24)) {
        let requests: Vec<String> = batch
            .iter()
            .map(|(a, b, c)| format!("B {} {} {}", h(a), h(b), h(c)))
            .collect();
        match with_oracle(|oracle| (oracle.ask(&requests), oracle.is_311)) {
            Some((answers, is_311)) => {
                for ((a, b, c), answer) in batch.iter().zip(&answers) {
                    let python: Vec<&str> = answer.split('\t').collect();
                    prop_assert_eq!(python.len(), BATTERY_FIELDS.len(), "oracle answer: {}", answer);
                    for ((name, ours), theirs) in BATTERY_FIELDS.iter().zip(battery(a, b, c)).zip(python) {
                        prop_assert!(
                            same(&ours, theirs, is_311),
                            "{} with a={:?} b={:?} c={:?}:\n ours   {}\n python {}",
                            name, a, b, c, ours, theirs
                        );
                    }
                }
            }
            None => {
                for (a, b, _) in &batch {
                    battery_against_i128(a, b)?;
                }
            }
        }
    }

    #[test]
    fn int_of_text_matches_cpython(batch in prop::collection::vec(int_text(), 32)) {
        let mut requests = Vec::new();
        for (text, base) in &batch {
            let utf8: String = text.bytes().map(|b| format!("{b:02x}")).collect();
            requests.push(format!("P {base} {utf8}"));
            requests.push(format!("Q {base} {utf8}"));
        }
        let Some((answers, is_311)) = with_oracle(|oracle| (oracle.ask(&requests), oracle.is_311)) else {
            return Ok(());
        };
        for ((text, base), pair) in batch.iter().zip(answers.chunks(2)) {
            let from_str = t(BigInt::parse(text, *base), |n| h(&n));
            let from_bytes = t(BigInt::parse_bytes(text.as_bytes(), *base), |n| h(&n));
            prop_assert!(same(&from_str, &pair[0], is_311),
                "int({:?}, {}):\n ours   {}\n python {}", text, base, from_str, pair[0]);
            prop_assert!(same(&from_bytes, &pair[1], is_311),
                "int({:?}.encode(), {}):\n ours   {}\n python {}", text, base, from_bytes, pair[1]);
        }
    }
}

/// The error renderer itself, so a broken `err` cannot hide differences.
#[test]
fn errors_render_as_the_oracle_prints_them() {
    let e = BigInt::one().div_floor(&BigInt::zero()).unwrap_err();
    assert_eq!(
        err(&e),
        "!ZeroDivisionError:integer division or modulo by zero"
    );
}
