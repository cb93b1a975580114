//! A counter in shared memory, incremented by 4 processes: without its lock
//! updates are lost, with it none are.
//!
//! ```text
//! cargo run --release -p multiprocessing --example shared_counter
//! ```
//!
//! Python equivalent:
//! ```python
//! counter = Value("i", 0)
//! def unsafe(c):
//!     for _ in range(N): c.value += 1          # read, then write: a gap
//! def safe(c):
//!     for _ in range(N):
//!         with c.get_lock(): c.value += 1      # one locked step
//! ```
//! Unlike threads under the GIL, processes really run at the same time, so
//! the unlocked version loses updates even in CPython.

use multiprocessing::{Process, Value};

/// Increments per process.
const N: u64 = 1_000_000;
/// Processes.
const PROCS: u64 = 4;

/// Runs `PROCS` children doing `body(counter)` and returns the final count.
fn run(body: fn(&Value<u64>)) -> multiprocessing::Result<u64> {
    let counter = Value::new(0u64)?;
    let mut children = Vec::new();
    for _ in 0..PROCS {
        let c = counter.clone();
        let mut p = Process::new(move || body(&c));
        p.start()?;
        children.push(p);
    }
    for p in &mut children {
        p.join(None)?;
    }
    Ok(counter.get())
}

/// `c.value += 1` without the lock around the pair: get, then set.
fn unlocked(c: &Value<u64>) {
    for _ in 0..N {
        c.set(c.get() + 1);
    }
}

/// The read-modify-write under the value's lock.
fn locked(c: &Value<u64>) {
    for _ in 0..N {
        c.with_lock(|v| *v += 1);
    }
}

fn main() -> multiprocessing::Result<()> {
    let expected = N * PROCS;
    let lost = run(unlocked)?;
    println!(
        "without the lock: {lost} of {expected} ({} updates lost, {:.1} %)",
        expected - lost,
        100.0 * (expected - lost) as f64 / expected as f64
    );
    let kept = run(locked)?;
    println!(
        "with the lock:    {kept} of {expected} ({} lost)",
        expected - kept
    );
    Ok(())
}
