//! Faults, handled better than CPython: workers SIGKILLed at random points
//! of a 1,000-task map. Every task ends `Ok` or `WorkerDied`, none is lost,
//! nothing hangs (a watchdog fails the test instead), no zombie remains, and
//! the fd count returns to its baseline. The kills are counted as the pool
//! reported them: every `WorkerDied` names a worker we killed, no kill fails
//! more than the one task its worker was running, and when a failure is
//! reported the dead worker is already out of `worker_pids()` and replaced.
//!
//! One `#[test]` runs the cases one after another: the fd-count check needs
//! a process where no other test opens fds at the same time.

mod support;

use multiprocessing::{Error, ExitCause, Pool, StartMethod, Transport};
use std::collections::BTreeSet;
use std::time::Duration;

/// A task that takes a millisecond (a nap, not CPU, so two workers do not
/// load the machine): a worker's window of 128 chunks is over 100 ms of
/// work, so while chunks remain queued, every worker holds some.
fn slow_square(x: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(1));
    x * x
}

/// What the pool showed when it reported a worker's death.
struct Reported {
    /// The dead worker.
    pid: i32,
    /// `worker_pids()` right then.
    pids_then: Vec<i32>,
}

/// Runs a 1,000-task map, killing a random current worker (never one
/// already killed) after every 100 results while at least 300 remain.
/// Returns the results, every pid the pool ever had, the victims, and what
/// the pool showed as each death was reported.
fn map_under_fire(
    method: StartMethod,
    transport: Transport,
    seed: u64,
) -> (
    Vec<multiprocessing::Result<u64>>,
    BTreeSet<i32>,
    BTreeSet<i32>,
    Vec<Reported>,
) {
    let pool = Pool::builder()
        .processes(2)
        .start_method(method)
        .transport(transport)
        .build()
        .unwrap();
    let mut seen: BTreeSet<i32> = pool.worker_pids().into_iter().collect();
    let mut results = Vec::with_capacity(1000);
    let mut rng = seed;
    let mut victims = BTreeSet::new();
    let mut reported = Vec::new();
    for (i, r) in pool
        .imap(slow_square, 0..1000u64, Some(1))
        .unwrap()
        .enumerate()
    {
        if let Err(Error::WorkerDied { pid, .. }) = &r {
            reported.push(Reported {
                pid: *pid,
                pids_then: pool.worker_pids(),
            });
        }
        results.push(r);
        if (i + 1) % 100 == 0 && 1000 - (i + 1) >= 300 {
            let pids: Vec<i32> = pool
                .worker_pids()
                .into_iter()
                .filter(|pid| !victims.contains(pid))
                .collect();
            seen.extend(&pids);
            if pids.is_empty() {
                continue; // replacements are being started
            }
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let victim = pids[(rng >> 33) as usize % pids.len()];
            // Our own child (fork start method), not yet reaped by the pool
            // (it is alive: nobody else kills it), so its pid is its own.
            nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(victim),
                nix::sys::signal::Signal::SIGKILL,
            )
            .expect("the victim is alive");
            victims.insert(victim);
        }
    }
    seen.extend(pool.worker_pids());
    drop(pool); // terminate + reap
    (results, seen, victims, reported)
}

#[test]
fn sigkilled_workers_lose_no_task_leave_no_zombie_and_no_fd() {
    let baseline = support::fd_count();
    let cases = [
        (StartMethod::Fork, Transport::Pipe),
        (StartMethod::Fork, Transport::IpcChannel),
    ];
    for (seed, (method, transport)) in cases.into_iter().enumerate() {
        let (results, seen, victims, reported) =
            support::watchdog(Duration::from_secs(120), move || {
                map_under_fire(method, transport, seed as u64 + 1)
            });
        assert_eq!(results.len(), 1000, "{method:?}/{transport:?}: tasks lost");
        let mut died = 0;
        for (x, r) in results.iter().enumerate() {
            match r {
                Ok(v) => assert_eq!(*v, (x * x) as u64),
                Err(Error::WorkerDied {
                    cause: ExitCause::Signal(9),
                    ..
                }) => died += 1,
                Err(other) => panic!("task {x}: unexpected {other:?}"),
            }
        }
        let kills = victims.len();
        // As the pool reported them: each failure names one of our victims,
        // once (a kill fails only the task its worker was running), and the
        // first victim held work (killed with 900 tasks to go, over 600 of
        // them still queued behind both workers' windows).
        let named: BTreeSet<i32> = reported.iter().map(|r| r.pid).collect();
        assert_eq!(named.len(), died, "a kill failed more than one task");
        assert!(
            named.is_subset(&victims),
            "{named:?} not all in {victims:?}"
        );
        assert!(
            (1..=kills).contains(&died),
            "{died} failed tasks for {kills} kills"
        );
        // When a death was reported, the pool had already replaced the worker.
        for r in &reported {
            assert!(!r.pids_then.contains(&r.pid), "{} still listed", r.pid);
            assert!(r.pids_then.len() >= 2, "not replaced: {:?}", r.pids_then);
        }
        for pid in &seen {
            assert!(support::is_reaped(*pid), "worker {pid} left unreaped");
        }
    }
    let after = support::fd_count();
    assert_eq!(after, baseline, "fds: {baseline} before, {after} after");
}
