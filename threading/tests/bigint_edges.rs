//! `BigInt` at the edges, against live CPython: every exception message,
//! the 4300-digit limits on both sides of the boundary, `int()`'s grammar
//! corners, hashing around the modulus, bytes around the sign bit, and
//! true division / `float()` where rounding is hardest (ties, the largest
//! double, the subnormal range).
//!
//! Each case is a Python expression and the same computation in Rust,
//! rendered alike (ints in hex, floats as their bits, exceptions as
//! `!Type:message`). Skipped, with a note, when python3 is absent: the
//! offline checks are `bigint_identities.rs` and the `i128` fallback of
//! `bigint_cpython.rs`.

mod bigint_support;

use bigint_support::bigint::{BigInt, BigIntError, ByteOrder, Signedness};
use bigint_support::{f, h, t, with_oracle};
use common::props;
use proptest::prelude::*;

/// An int literal as Python reads it (`0x…`, `-12`, `1_000`).
fn n(literal: &str) -> BigInt {
    BigInt::parse(literal, 0).expect("a valid literal")
}

/// `10**k` and `2**k`.
fn ten(k: u64) -> BigInt {
    BigInt::from(10u64)
        .pow(&BigInt::from(k))
        .expect("small power")
}
fn two(k: u64) -> BigInt {
    BigInt::one().shl_bits(k).expect("small shift")
}

fn hx(value: BigInt) -> String {
    h(&value)
}

fn bytes_hex(bytes: Vec<u8>) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Sends `(python expression, our rendering)` pairs and compares.
fn check_against_cpython(cases: &[(String, String)]) {
    let requests: Vec<String> = cases
        .iter()
        .map(|(expr, _)| {
            format!(
                "E {}",
                expr.bytes().map(|b| format!("{b:02x}")).collect::<String>()
            )
        })
        .collect();
    let Some((answers, is_311)) = with_oracle(|oracle| (oracle.ask(&requests), oracle.is_311))
    else {
        return;
    };
    let mut failures = Vec::new();
    for ((expr, ours), theirs) in cases.iter().zip(&answers) {
        let class = |s: &str| s.split(':').next().unwrap_or("").to_string();
        let same =
            ours == theirs || (!is_311 && ours.starts_with('!') && class(ours) == class(theirs));
        if !same {
            failures.push(format!("{expr}\n  ours   {ours}\n  python {theirs}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Shorthand: a case from an expression and a result already rendered.
fn case(expr: impl Into<String>, ours: String) -> (String, String) {
    (expr.into(), ours)
}

#[test]
fn messages_and_limits_match_cpython() {
    let one = BigInt::one();
    let zero = BigInt::zero();
    let parse = |text: &str, base: i64| t(BigInt::parse(text, base), hx);
    let cases = vec![
        // Division by zero, three wordings.
        case(
            "divmod(1, 0)",
            t(one.divmod(&zero), |(q, r)| format!("{},{}", h(&q), h(&r))),
        ),
        case("1 // 0", t(one.div_floor(&zero), hx)),
        case("1 % 0", t(one.mod_floor(&zero), hx)),
        case("1 / 0", t(one.true_div(&zero), f)),
        case("10**400 / 0", t(ten(400).true_div(&zero), f)),
        // pow.
        case("pow(2, 3, 0)", t(n("2").pow_mod(&n("3"), &zero), hx)),
        case("pow(2, -1, 4)", t(n("2").pow_mod(&n("-1"), &n("4")), hx)),
        case("pow(3, -1, 7)", t(n("3").pow_mod(&n("-1"), &n("7")), hx)),
        case(
            "pow(-3, -5, -7)",
            t(n("-3").pow_mod(&n("-5"), &n("-7")), hx),
        ),
        case("pow(5, -2, 1)", t(n("5").pow_mod(&n("-2"), &one), hx)),
        case("pow(6, -1, -1)", t(n("6").pow_mod(&n("-1"), &n("-1")), hx)),
        case("0 ** 0", t(zero.pow(&zero), hx)),
        case("(-2) ** 63", t(n("-2").pow(&n("63")), hx)),
        case("(-3) ** 41", t(n("-3").pow(&n("41")), hx)),
        // Shifts.
        case("1 << -1", t(one.shl(&n("-1")), hx)),
        case("1 >> -1", t(one.shr(&n("-1")), hx)),
        case("1 << (1 << 100)", t(one.shl(&two(100)), hx)),
        case("0 << (1 << 100)", t(zero.shl(&two(100)), hx)),
        case("-1 >> (1 << 100)", t(n("-1").shr(&two(100)), hx)),
        case("-5 >> 1", t(n("-5").shr(&one), hx)),
        case("-(2**64) >> 64", t((-two(64)).shr(&n("64")), hx)),
        case(
            "(-(2**64) - 1) >> 64",
            t((&-two(64) - &one).shr(&n("64")), hx),
        ),
        // Bit operations on negatives.
        case("~(2**64)", hx(!&two(64))),
        case("-(2**64) & 0xff", hx(&-two(64) & &n("0xff"))),
        case("-(2**64) | 1", hx(&-two(64) | &one)),
        case("-(2**64) ^ -1", hx(&-two(64) ^ &n("-1"))),
        case(
            "-(2**64 + 3) & -(2**65 + 5)",
            hx(&-&(&two(64) + &n("3")) & &-&(&two(65) + &n("5"))),
        ),
        case(
            "(-(2**64)).bit_count()",
            hx(BigInt::from((-two(64)).bit_count())),
        ),
        // str() and int() limits, each side of the boundary.
        case("str(10**4300 - 1)", t((&ten(4300) - &one).to_str(), |s| s)),
        case(
            "str(-(10**4300 - 1))",
            t((-&(&ten(4300) - &one)).to_str(), |s| s),
        ),
        case("str(10**4300)", t(ten(4300).to_str(), |s| s)),
        case("str(-10**4300)", t((-ten(4300)).to_str(), |s| s)),
        case("str(2**20000)", t(two(20000).to_str(), |s| s)),
        case("int('1' * 4300)", parse(&"1".repeat(4300), 10)),
        case(
            "int('-' + '1' * 4301)",
            parse(&format!("-{}", "1".repeat(4301)), 10),
        ),
        case("int('0' * 4301)", parse(&"0".repeat(4301), 10)),
        case(
            "int('1' * 4301 + '_x')",
            parse(&format!("{}_x", "1".repeat(4301)), 10),
        ),
        case("int('1' * 4301, 16)", parse(&"1".repeat(4301), 16)),
        case("int('1' * 4301, 36)", parse(&"1".repeat(4301), 36)),
        case(
            "len(hex(2**20000))",
            hx(BigInt::from(two(20000).to_hex().len())),
        ),
        // int() grammar corners and messages.
        case("int('x' * 300)", parse(&"x".repeat(300), 10)),
        case("int(\"it's\")", parse("it's", 10)),
        case("int('0x', 0)", parse("0x", 0)),
        case("int('', 10)", parse("", 10)),
        case("int('   ', 10)", parse("   ", 10)),
        case("int('1', 1)", parse("1", 1)),
        case("int('1', 37)", parse("1", 37)),
        case("int('1', -5)", parse("1", -5)),
        case("int(b'\\xff1')", t(BigInt::parse_bytes(b"\xff1", 10), hx)),
        case("int(b'1\\x00')", t(BigInt::parse_bytes(b"1\x00", 10), hx)),
        case("int(b' 12 ')", t(BigInt::parse_bytes(b" 12 ", 10), hx)),
        case("int('\\u00e91')", parse("é1", 10)),
        case("int('\\u0663\\u0664')", parse("٣٤", 10)),
        case(
            "int('\\u2003 42 \\u3000')",
            parse("\u{2003} 42 \u{3000}", 10),
        ),
        case("int('0_7', 0)", parse("0_7", 0)),
        case("int('0_0', 0)", parse("0_0", 0)),
        case("int('0o_17', 0)", parse("0o_17", 0)),
        case("int('0B1_0', 0)", parse("0B1_0", 0)),
        case("int('0x_', 16)", parse("0x_", 16)),
        case("int('-0X_fF', 16)", parse("-0X_fF", 16)),
        case("int('zz', 36)", parse("zz", 36)),
        // float(int) and int(float).
        case(
            "float(2**1024 - 2**970)",
            t((&two(1024) - &two(970)).to_f64(), f),
        ),
        case(
            "float(2**1024 - 2**970 - 1)",
            t((&(&two(1024) - &two(970)) - &one).to_f64(), f),
        ),
        case(
            "float(-(2**1023 * 3))",
            t((-&(&two(1023) * &n("3"))).to_f64(), f),
        ),
        case("float(2**53 + 1)", t((&two(53) + &one).to_f64(), f)),
        case("float(2**53 + 3)", t((&two(53) + &n("3")).to_f64(), f)),
        case("float(2**80 + 2**27)", t((&two(80) + &two(27)).to_f64(), f)),
        case(
            "float(2**80 + 2**27 + 1)",
            t((&(&two(80) + &two(27)) + &one).to_f64(), f),
        ),
        case("int(1e300)", t(BigInt::from_f64(1e300), hx)),
        case("int(-2.5)", t(BigInt::from_f64(-2.5), hx)),
        case("int(-0.9)", t(BigInt::from_f64(-0.9), hx)),
        case("int(2.0**64)", t(BigInt::from_f64(2f64.powi(64)), hx)),
        case("int(float('nan'))", t(BigInt::from_f64(f64::NAN), hx)),
        case(
            "int(float('-inf'))",
            t(BigInt::from_f64(f64::NEG_INFINITY), hx),
        ),
        // True division at the ends of the double range.
        case("0 / -5", t(zero.true_div(&n("-5")), f)),
        case("-1 / 10**400", t(n("-1").true_div(&ten(400)), f)),
        case("1 / 2**1074", t(one.true_div(&two(1074)), f)),
        case("1 / 2**1075", t(one.true_div(&two(1075)), f)),
        case("3 / 2**1076", t(n("3").true_div(&two(1076)), f)),
        case(
            "(2**1075 + 1) / 2**2149",
            t((&two(1075) + &one).true_div(&two(2149)), f),
        ),
        case("2**1100 / 2**80", t(two(1100).true_div(&two(80)), f)),
        case(
            "(2**1024 - 2**970) / 1",
            t((&two(1024) - &two(970)).true_div(&one), f),
        ),
        case(
            "(2**1024 - 2**971) / 1",
            t((&two(1024) - &two(971)).true_div(&one), f),
        ),
        case(
            "(10**400 + 1) / 10**399",
            t((&ten(400) + &one).true_div(&ten(399)), f),
        ),
        // hash() around the modulus 2**61 - 1.
        case("hash(-1)", hx(BigInt::from(n("-1").py_hash()))),
        case(
            "hash(2**61 - 1)",
            hx(BigInt::from((&two(61) - &one).py_hash())),
        ),
        case(
            "hash(2**61 - 2)",
            hx(BigInt::from((&two(61) - &n("2")).py_hash())),
        ),
        case("hash(-(2**61))", hx(BigInt::from((-two(61)).py_hash()))),
        case(
            "hash(-(2**61) - 1)",
            hx(BigInt::from((&-two(61) - &one).py_hash())),
        ),
        case(
            "hash(2**64 * 5 - 1)",
            hx(BigInt::from((&(&two(64) * &n("5")) - &one).py_hash())),
        ),
        // Bytes around the sign bit.
        case(
            "(2**64).to_bytes(8, 'big')",
            t(
                two(64).to_bytes(8, ByteOrder::Big, Signedness::Unsigned),
                bytes_hex,
            ),
        ),
        case(
            "(-129).to_bytes(1, 'big', signed=True)",
            t(
                n("-129").to_bytes(1, ByteOrder::Big, Signedness::Signed),
                bytes_hex,
            ),
        ),
        case(
            "(-128).to_bytes(1, 'big', signed=True)",
            t(
                n("-128").to_bytes(1, ByteOrder::Big, Signedness::Signed),
                bytes_hex,
            ),
        ),
        case(
            "(128).to_bytes(1, 'big', signed=True)",
            t(
                n("128").to_bytes(1, ByteOrder::Big, Signedness::Signed),
                bytes_hex,
            ),
        ),
        case(
            "(-1).to_bytes(1, 'big')",
            t(
                n("-1").to_bytes(1, ByteOrder::Big, Signedness::Unsigned),
                bytes_hex,
            ),
        ),
        case(
            "(0).to_bytes(0, 'big')",
            t(
                zero.to_bytes(0, ByteOrder::Big, Signedness::Unsigned),
                bytes_hex,
            ),
        ),
        case(
            "(-(2**64)).to_bytes(9, 'little', signed=True)",
            t(
                (-two(64)).to_bytes(9, ByteOrder::Little, Signedness::Signed),
                bytes_hex,
            ),
        ),
        case(
            "int.from_bytes(b'', 'big', signed=True)",
            hx(BigInt::from_bytes(b"", ByteOrder::Big, Signedness::Signed)),
        ),
        case(
            "int.from_bytes(b'\\x80\\x00', 'little', signed=True)",
            hx(BigInt::from_bytes(
                b"\x80\x00",
                ByteOrder::Little,
                Signedness::Signed,
            )),
        ),
        case(
            "int.from_bytes(b'\\x00\\x80', 'little', signed=True)",
            hx(BigInt::from_bytes(
                b"\x00\x80",
                ByteOrder::Little,
                Signedness::Signed,
            )),
        ),
        // Formatting.
        case("hex(-255)", n("-255").to_hex()),
        case("oct(-8)", n("-8").to_oct()),
        case("bin(0)", zero.to_bin()),
        case("oct(2**64 - 1)", (&two(64) - &one).to_oct()),
        case("bin(-(2**64))", (-two(64)).to_bin()),
    ];
    check_against_cpython(&cases);
}

/// Quotients and conversions where correct rounding is hardest.
fn rounding_case() -> impl Strategy<Value = (String, String)> {
    let small = (1u64..u64::MAX, any::<bool>()).prop_map(|(v, negative)| {
        let v = BigInt::from(v);
        if negative {
            -v
        } else {
            v
        }
    });
    let wide = |bits: std::ops::Range<u64>| {
        (bits, any::<u64>(), any::<u64>()).prop_map(|(k, x, y)| {
            &(&two(k) + &(&BigInt::from(x) * &BigInt::from(y))) + &BigInt::from(x)
        })
    };
    prop_oneof![
        // Subnormal quotients and underflow to zero.
        (small.clone(), wide(1000..1150))
            .prop_map(|(a, b)| { (format!("{} / {}", h(&a), h(&b)), t(a.true_div(&b), f)) }),
        // Near the largest double and overflow.
        (wide(1010..1090), small)
            .prop_map(|(a, b)| { (format!("{} / {}", h(&a), h(&b)), t(a.true_div(&b), f)) }),
        // Ties and near-ties of float(int): 2**53 + k shifted, ± 1.
        (0u64..8, 1u64..1000, -1i64..=1).prop_map(|(k, shift, d)| {
            let top = &two(53) + &BigInt::from(k);
            let v = &top.shl_bits(shift).expect("small") + &BigInt::from(d);
            (format!("float({})", h(&v)), t(v.to_f64(), f))
        }),
    ]
}

proptest! {
    #![proptest_config(props::config(8))]

    #[test]
    fn rounding_edges_match_cpython(batch in prop::collection::vec(rounding_case(), 64)) {
        check_against_cpython(&batch);
    }
}

/// `message_with` lets the interpreter supply its own `repr()`.
#[test]
fn message_with_uses_the_callers_repr() {
    let e = BigInt::parse("x\u{ad}", 10).unwrap_err();
    assert_eq!(
        e.message_with(&|s: &str| format!("<{s}>")),
        "invalid literal for int() with base 10: <x\u{ad}>"
    );
    assert!(matches!(e, BigIntError::InvalidLiteral { base: 10, .. }));
}
