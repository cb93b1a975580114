//! A worker killed mid-map, and the pool healing — where CPython hangs.
//!
//! ```text
//! cargo run -p multiprocessing --example worker_killed
//! ```
//!
//! In CPython, `Pool.map` never returns if a worker is killed while holding
//! a task (bpo-22393): the result handler waits for a result that will not
//! come. Here the handler watches each worker's pidfd: when one dies, the
//! one task it was running fails with `WorkerDied { pid, cause: Signal(9) }`,
//! the tasks it had queued go to the other workers, a replacement starts,
//! and everything else completes normally (the results the dead worker had
//! finished were already in its result ring).

use multiprocessing::{Error, Pool};

/// A task with some CPU work, so workers are busy when the kill lands.
fn slow_square(x: u64) -> u64 {
    common::cpu::count(2_000_000);
    x * x
}

fn main() -> multiprocessing::Result<()> {
    let pool = Pool::new(2)?;
    let before = pool.worker_pids();
    println!("workers: {before:?}");
    let mut ok = 0;
    let mut died = Vec::new();
    for (i, result) in pool.imap(slow_square, 0..400u64, Some(1))?.enumerate() {
        if i == 50 {
            println!("after 50 results: SIGKILL to worker {}", before[0]);
            nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(before[0]),
                nix::sys::signal::Signal::SIGKILL,
            )?;
        }
        match result {
            Ok(_) => ok += 1,
            Err(Error::WorkerDied { pid, cause }) => died.push((i, pid, cause)),
            Err(other) => return Err(other),
        }
    }
    println!("{ok} tasks Ok, {} failed with WorkerDied", died.len());
    if let (Some(first), Some(last)) = (died.first(), died.last()) {
        println!(
            "  task {}..={} was running in worker {} ({})",
            first.0, last.0, first.1, first.2
        );
    }
    println!(
        "workers now: {:?} (a replacement was started)",
        pool.worker_pids()
    );
    let again = pool.map(slow_square, 0..10u64, None)?;
    println!(
        "a new map after the fault: {} of 10 Ok",
        again.iter().filter(|r| r.is_ok()).count()
    );
    Ok(())
}
