//! Where a GIL switch splits `counter += 1`: four threads each add 1,000,000
//! to a global counter, under each CPython era's GIL.
//!
//! ```text
//! cargo run --release -p threading --example race
//! ```
//!
//! | run | what happens |
//! |---|---|
//! | 3.9 (`every-instruction`) | a switch can land between `LOAD_GLOBAL` and `STORE_GLOBAL`: updates lost |
//! | 3.12 (`calls-and-backward-jumps`) | no check point inside `counter += 1`: nothing lost |
//! | 3.12, `counter = plus_one(counter)` | the `CALL` is a check point: updates lost again |
//! | 3.13t (no GIL) | true parallelism: updates lost |
//! | 3.13t with a `Lock` | nothing lost |
//!
//! `minipy --dis` on the program shows the four instructions of
//! `counter += 1`.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// Increments per thread (4 threads). Long enough that each thread's loop
/// outlasts several 5 ms switch intervals: a thread that finishes its
/// loop inside its first interval is never switched out mid-update (real
/// GIL behaviour, CPython's too), and at 200,000 MiniPy's faster loop
/// (~5 ms a thread) lost nothing under 3.9 in most runs.
pub const N: i64 = 1_000_000;

/// The MiniPy (and Python) program: 4 threads run `body` N times each, then
/// the counter is printed.
pub fn program(body: &str, with_lock: bool) -> String {
    let body = if with_lock {
        format!("with lock:\n            {body}")
    } else {
        body.to_string()
    };
    format!(
        "import threading\ncounter = 0\nlock = threading.Lock()\n\
def plus_one(x):\n    return x + 1\n\
def work(n):\n    global counter\n    for _ in range(n):\n        {body}\n\
ts = [threading.Thread(target=work, args=({N},)) for _ in range(4)]\n\
for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(counter)\n"
    )
}

/// Lost updates of `body` under `preset`.
pub fn lost_updates(preset: &str, body: &str, with_lock: bool) -> i64 {
    let gil = GilConfig::preset(preset).expect("known preset");
    let out = Interpreter::new(Config { gil, capture: true })
        .run_source("race.py", &program(body, with_lock));
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    4 * N
        - out
            .stdout
            .trim()
            .parse::<i64>()
            .expect("the program prints the counter")
}

fn main() {
    println!(
        "4 threads x {N} increments of a global counter (expected {}):",
        4 * N
    );
    for (label, preset, body, lock) in [
        ("3.9   counter += 1", "3.9", "counter += 1", false),
        ("3.12  counter += 1", "3.12", "counter += 1", false),
        (
            "3.12  counter = plus_one(counter)",
            "3.12",
            "counter = plus_one(counter)",
            false,
        ),
        ("3.13t counter += 1", "3.13t", "counter += 1", false),
        (
            "3.13t with lock: counter += 1",
            "3.13t",
            "counter += 1",
            true,
        ),
    ] {
        let lost = lost_updates(preset, body, lock);
        println!(
            "  {label:<36} lost {lost:>7} ({:.1} %)",
            100.0 * lost as f64 / (4 * N) as f64
        );
    }
}
