//! Faults, handled better than CPython: workers SIGKILLed at random points
//! of a 1,000-task map. Every task ends `Ok` or `WorkerDied`, none is lost,
//! nothing hangs (a watchdog fails the test instead), no zombie remains, and
//! the fd count returns to its baseline.
//!
//! One `#[test]` runs the cases one after another: the fd-count check needs
//! a process where no other test opens fds at the same time.

mod support;

use multiprocessing::{Error, ExitCause, Pool, StartMethod, Transport};
use std::collections::BTreeSet;
use std::time::Duration;

/// A task with a little CPU work, so workers always hold some.
fn slow_square(x: u64) -> u64 {
    common::cpu::count(20_000);
    x * x
}

/// Runs a 1,000-task map, killing a random current worker after every 100
/// results while at least 300 remain (so the victim provably holds tasks:
/// every worker's window is full then). Returns the results and every pid
/// the pool ever had.
fn map_under_fire(
    method: StartMethod,
    transport: Transport,
    seed: u64,
) -> (Vec<multiprocessing::Result<u64>>, BTreeSet<i32>, usize) {
    let pool = Pool::builder()
        .processes(2)
        .start_method(method)
        .transport(transport)
        .build()
        .unwrap();
    let mut seen: BTreeSet<i32> = pool.worker_pids().into_iter().collect();
    let mut results = Vec::with_capacity(1000);
    let mut rng = seed;
    let mut kills = 0;
    for (i, r) in pool
        .imap(slow_square, 0..1000u64, Some(1))
        .unwrap()
        .enumerate()
    {
        results.push(r);
        if (i + 1) % 100 == 0 && 1000 - (i + 1) >= 300 {
            let pids = pool.worker_pids();
            seen.extend(&pids);
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let victim = pids[(rng >> 33) as usize % pids.len()];
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(victim),
                nix::sys::signal::Signal::SIGKILL,
            );
            kills += 1;
        }
    }
    seen.extend(pool.worker_pids());
    drop(pool); // terminate + reap
    (results, seen, kills)
}

#[test]
fn sigkilled_workers_lose_no_task_leave_no_zombie_and_no_fd() {
    let baseline = support::fd_count();
    let cases = [
        (StartMethod::Fork, Transport::Pipe),
        (StartMethod::Fork, Transport::IpcChannel),
    ];
    for (seed, (method, transport)) in cases.into_iter().enumerate() {
        let (results, seen, kills) = support::watchdog(Duration::from_secs(120), move || {
            map_under_fire(method, transport, seed as u64 + 1)
        });
        assert_eq!(results.len(), 1000, "{method:?}/{transport:?}: tasks lost");
        let mut died = 0;
        for (x, r) in results.iter().enumerate() {
            match r {
                Ok(v) => assert_eq!(*v, (x * x) as u64),
                Err(Error::WorkerDied {
                    cause: ExitCause::Signal(9),
                    pid,
                }) => {
                    assert!(seen.contains(pid));
                    died += 1;
                }
                Err(other) => panic!("task {x}: unexpected {other:?}"),
            }
        }
        assert!(
            kills > 0 && died > 0,
            "{method:?}/{transport:?}: {kills} kills, {died} failed tasks"
        );
        for pid in &seen {
            assert!(support::is_reaped(*pid), "worker {pid} left unreaped");
        }
    }
    let after = support::fd_count();
    assert_eq!(after, baseline, "fds: {baseline} before, {after} after");
}
