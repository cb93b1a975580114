//! Shared by the `tests/bigint*.rs` files: the leaf itself (compiled alone,
//! which proves it needs nothing but std), a live CPython oracle, and
//! proptest strategies for operands.
//!
//! The oracle is ONE `python3` process per test binary, started on first
//! use and fed batches over a pipe: the test writes every request line of
//! a batch and then `END`; Python answers one line per request only after
//! `END`, so neither side can fill a pipe while the other is still writing.
//! Requests (operands travel in hex, which both sides format the same way
//! without a digit limit):
//!
//! - `B a b c`: the arithmetic battery on `a`, `b` (and `c` as a modulus),
//!   answered as tab-separated fields in the order of [`BATTERY_FIELDS`];
//! - `P base hexutf8`: `int(text, base)` for a `str`;
//! - `Q base hexbytes`: `int(data, base)` for `bytes`;
//! - `E hexutf8`: evaluate a Python expression, rendered by `render()`
//!   (ints in hex, floats as bits, tuples joined by commas).
//!
//! An exception comes back as `!Type:message`.

#![allow(dead_code)]

// The leaf's re-exports are its API for the interpreter; not every test
// binary uses all of them.
#[allow(unused_imports)]
#[path = "../../src/object/bigint/mod.rs"]
pub mod bigint;

use bigint::BigInt;
use proptest::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// The oracle's program: the project's own, evaluated by CPython 3.11.
const ORACLE_SOURCE: &str = r#"
import sys, struct
def h(x): return hex(x)
def f(x): return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
def render(x):
    if isinstance(x, bool) or isinstance(x, str):
        return str(x)
    if isinstance(x, int):
        return h(x)
    if isinstance(x, float):
        return f(x)
    if isinstance(x, bytes):
        return x.hex()
    return ','.join(map(render, x))
def t(fn):
    try:
        return str(fn())
    except Exception as e:
        return '!' + type(e).__name__ + ':' + str(e)
def battery(a, b, c):
    e, s = abs(b) % 50, abs(b) % 1000
    fb = float(c) if abs(c) < 2**1000 else 1e300
    n = (a.bit_length() + 7) // 8
    return [h(a + b), h(a - b), h(a * b), t(lambda: h(a // b)), t(lambda: h(a % b)),
            t(lambda: ','.join(map(h, divmod(a, b)))), h(a ** e), t(lambda: h(pow(a, b, c))),
            h(a << s), h(a >> s), h(a & b), h(a | b), h(a ^ b), h(~a), h(-a), h(abs(a)),
            t(lambda: str(a ** e)), str(hash(a)), t(lambda: f(float(a))), t(lambda: f(a / b)),
            str(a.bit_length()), str((a > b) - (a < b)),
            t(lambda: a.to_bytes(n, 'little', signed=True).hex()),
            h(int.from_bytes(abs(a).to_bytes(n, 'big'), 'big', signed=True)),
            hex(a), oct(a), bin(a), str(a), str((a > fb) - (a < fb)), h(int(fb))]
pending = []
for line in sys.stdin:
    line = line.rstrip('\n')
    if line != 'END':
        pending.append(line)
        continue
    for request in pending:
        kind, *args = request.split(' ')
        if kind == 'B':
            a, b, c = (int(x, 16) for x in args)
            print('\t'.join(battery(a, b, c)))
        elif kind == 'P':
            text = bytes.fromhex(args[1]).decode('utf-8')
            print(t(lambda: h(int(text, int(args[0])))))
        elif kind == 'E':
            expr = bytes.fromhex(args[0]).decode('utf-8')
            print(t(lambda: render(eval(expr))))
        elif kind == 'Q':
            print(t(lambda: h(int(bytes.fromhex(args[1]), int(args[0])))))
        else:
            print('!bad request')
    pending.clear()
    sys.stdout.flush()
"#;

/// The names of the battery's fields, in the order Python answers them.
pub const BATTERY_FIELDS: [&str; 30] = [
    "a + b",
    "a - b",
    "a * b",
    "a // b",
    "a % b",
    "divmod(a, b)",
    "a ** e",
    "pow(a, b, c)",
    "a << s",
    "a >> s",
    "a & b",
    "a | b",
    "a ^ b",
    "~a",
    "-a",
    "abs(a)",
    "str(a ** e)",
    "hash(a)",
    "float(a)",
    "a / b",
    "a.bit_length()",
    "cmp(a, b)",
    "a.to_bytes(n, 'little', signed=True)",
    "int.from_bytes(abs(a).to_bytes(n, 'big'), 'big', signed=True)",
    "hex(a)",
    "oct(a)",
    "bin(a)",
    "str(a)",
    "cmp(a, float(c))",
    "int(float(c))",
];

/// A running `python3` answering batches.
pub struct Oracle {
    /// The interpreter process (killed when the test binary exits: its
    /// stdin closes and the loop ends).
    _child: Child,
    /// Where requests go.
    stdin: ChildStdin,
    /// Where answers come from, a line per request.
    stdout: BufReader<ChildStdout>,
    /// Whether this is CPython 3.11, whose messages the leaf reproduces;
    /// other versions are compared on exception types only.
    pub is_311: bool,
}

impl Oracle {
    fn start() -> Option<Oracle> {
        let python = common::measure::python::python3()?;
        let version = Command::new(&python)
            .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
            .output()
            .ok()?;
        let is_311 = String::from_utf8_lossy(&version.stdout).trim() == "True";
        let mut child = Command::new(&python)
            .args(["-c", ORACLE_SOURCE])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        Some(Oracle {
            _child: child,
            stdin,
            stdout,
            is_311,
        })
    }

    /// Sends a batch and returns one answer line per request.
    pub fn ask(&mut self, requests: &[String]) -> Vec<String> {
        for request in requests {
            writeln!(self.stdin, "{request}").expect("write to the python3 oracle");
        }
        writeln!(self.stdin, "END").expect("write to the python3 oracle");
        self.stdin.flush().expect("flush the python3 oracle");
        requests
            .iter()
            .map(|_| {
                let mut line = String::new();
                let read = self
                    .stdout
                    .read_line(&mut line)
                    .expect("read the python3 oracle");
                assert!(read > 0, "the python3 oracle exited early");
                line.trim_end_matches('\n').to_string()
            })
            .collect()
    }
}

/// Runs `f` with the shared oracle, or returns `None` (after printing that
/// the live check is skipped) when `python3` is absent.
pub fn with_oracle<R>(f: impl FnOnce(&mut Oracle) -> R) -> Option<R> {
    static ORACLE: OnceLock<Mutex<Option<Oracle>>> = OnceLock::new();
    let mutex = ORACLE.get_or_init(|| {
        let oracle = Oracle::start();
        if oracle.is_none() {
            eprintln!("note: python3 not found: the live CPython check is skipped");
        }
        Mutex::new(oracle)
    });
    let mut guard = mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.as_mut().map(f)
}

/// `hex(n)` as Python prints it.
pub fn h(n: &BigInt) -> String {
    n.to_hex()
}

/// A float's bits in hex, as the oracle's `f()`.
pub fn f(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

/// An error as the oracle prints it: `!Type:message`.
pub fn err(e: &bigint::BigIntError) -> String {
    format!("!{}:{}", e.python_type(), e)
}

/// `Ok` rendered with `show`, `Err` as the oracle renders exceptions.
pub fn t<T>(result: Result<T, bigint::BigIntError>, show: impl FnOnce(T) -> String) -> String {
    match result {
        Ok(value) => show(value),
        Err(e) => err(&e),
    }
}

/// A limb with the values that stress carries, borrows and Knuth's
/// quotient estimate more often than uniform random limbs would.
fn limb() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => any::<u64>(),
        1 => Just(0u64),
        1 => Just(u64::MAX),
        1 => Just(1u64 << 63),
        1 => Just((1u64 << 63) - 1),
        1 => Just(1u64),
    ]
}

/// A signed value from limbs (least significant first).
pub fn from_limbs(limbs: &[u64], negative: bool) -> BigInt {
    let magnitude = limbs.iter().rev().fold(BigInt::zero(), |acc, &limb| {
        &acc.shl_bits(64).expect("small shift") + &BigInt::from(limb)
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Operands up to ~1200 bits (~360 digits): small ints, values near powers
/// of two, and random limb patterns.
pub fn operand() -> impl Strategy<Value = BigInt> {
    prop_oneof![
        2 => any::<i64>().prop_map(BigInt::from),
        1 => (-300i64..300).prop_map(BigInt::from),
        1 => (0u64..1100, -3i64..=3, any::<bool>()).prop_map(|(k, d, negative)| {
            let v = &BigInt::one().shl_bits(k).expect("small shift") + &BigInt::from(d);
            if negative { -v } else { v }
        }),
        4 => (prop::collection::vec(limb(), 1..17), any::<bool>())
            .prop_map(|(limbs, negative)| from_limbs(&limbs, negative)),
        1 => (prop::collection::vec(limb(), 15..19), any::<bool>())
            .prop_map(|(limbs, negative)| from_limbs(&limbs, negative)),
    ]
}
