//! Cross-model tests: the same workload through every model, and the
//! structural facts that make each model what it is — counted, never timed.
//!
//! - Results: any batch of CPU tasks gives the sequential reference's
//!   results in MiniPy threads, in a process pool, on the event loop, and in
//!   CPython (when `python3` is present).
//! - Under a GIL (new or old) at most one MiniPy thread runs bytecode at any
//!   instant (the interpreter's `max_holders` counter), and the GIL passes
//!   from thread to thread (its `switches` counter).
//! - A pool on two or more cores runs tasks in at least two processes at the
//!   same time (a counter in shared memory); on one core the test says
//!   loudly that it skipped.
//! - The event loop has every sleeper in flight at once. (That it polls
//!   every task on one OS thread needs no test: the tasks hold `Rc`s, which
//!   are not `Send`, so the compiler already proves it.)

use common::props;
use common::CpuTask;
use multiprocessing::{Pool, Value};
use proptest::prelude::*;
use std::cell::Cell;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// A MiniPy program computing every task in a thread of its own and
/// printing the results as a list.
fn minipy_batch(tasks: &[CpuTask]) -> String {
    let mut src = format!(
        "{}\n{}\n{}\nimport threading\n\nresults = [0] * {}\n\n\ndef run(i):\n",
        common::cpu::COUNT_SRC,
        common::cpu::COUNT_PRIMES_SRC,
        common::cpu::COLLATZ_SRC,
        tasks.len()
    );
    if tasks.is_empty() {
        src.push_str("    pass\n");
    }
    for (i, task) in tasks.iter().enumerate() {
        let _ = write!(
            src,
            "    if i == {i}:\n        results[{i}] = {}\n",
            task.minipy_call()
        );
    }
    src.push_str(
        "\n\nthreads = [threading.Thread(target=run, args=(i,)) for i in range(len(results))]\n\
         for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(results)\n",
    );
    src
}

/// Parses `[1, 2, 3]` as printed by MiniPy or CPython.
fn parse_list(stdout: &str) -> Vec<u64> {
    serde_json::from_str(stdout.trim()).expect("a printed list of ints")
}

fn run_native(task: CpuTask) -> u64 {
    task.run()
}

proptest! {
    #![proptest_config(props::config(8))]

    #[test]
    fn the_same_batch_gives_the_same_results_in_every_model(tasks in props::cpu_batch()) {
        let source = minipy_batch(&tasks);

        let out = Interpreter::new(Config { capture: true, ..Config::default() })
            .run_source("batch.py", &source);
        prop_assert_eq!(out.exit_code, 0, "{}", out.stderr);
        props::cpu_batch_matches_reference(&tasks, &parse_list(&out.stdout))?;

        let pool = Pool::new(2).expect("a pool");
        let pooled: Vec<u64> = pool
            .map(run_native, tasks.clone(), Some(3))
            .expect("map")
            .into_iter()
            .map(|r| r.expect("no task fails"))
            .collect();
        props::cpu_batch_matches_reference(&tasks, &pooled)?;

        let looped = asyncio::run({
            let tasks = tasks.clone();
            async move {
                let handles: Vec<_> = tasks
                    .into_iter()
                    .map(|t| asyncio::spawn(async move { t.run() }))
                    .collect();
                let mut results = Vec::new();
                for h in handles {
                    results.push(h.await.expect("no task fails"));
                }
                results
            }
        })
        .expect("the loop runs");
        props::cpu_batch_matches_reference(&tasks, &looped)?;

        if let Some(out) = common::measure::python::run_source(&source, &[]) {
            prop_assert!(out.status.success());
            let printed = String::from_utf8_lossy(&out.stdout);
            props::cpu_batch_matches_reference(&tasks, &parse_list(&printed))?;
        }
    }
}

#[test]
fn under_a_gil_at_most_one_thread_runs_bytecode_at_any_instant() {
    let tasks = vec![CpuTask::Count { n: 200_000 }; 4];
    let source = minipy_batch(&tasks);
    for preset in ["3.12", "2.7", "3.9"] {
        let config = Config {
            gil: GilConfig::preset(preset).expect("a preset"),
            capture: true,
        };
        let out = Interpreter::new(config).run_source("gil.py", &source);
        assert_eq!(out.exit_code, 0, "{preset}: {}", out.stderr);
        assert_eq!(parse_list(&out.stdout), vec![200_000; 4], "{preset}");
        assert_eq!(out.max_holders, 1, "{preset}: two threads inside the GIL");
        // The GIL changed hands: each of the four threads took it from
        // another holder at least once (its first take is a switch), and
        // every registered thread did take it.
        assert!(
            out.stats.switches >= 4,
            "{preset}: the GIL passed between threads only {} times",
            out.stats.switches
        );
        assert!(out.stats.threads.len() >= 5, "{preset}: main + 4 threads");
        assert!(
            out.stats.threads.iter().all(|t| t.takes >= 1),
            "{preset}: a thread never held the GIL: {:?}",
            out.stats.threads
        );
    }
}

/// `(tasks inside now, most ever inside at once)`, in memory shared with
/// the pool's workers (created before the pool forks them).
fn inside() -> &'static Value<(i64, i64)> {
    static INSIDE: OnceLock<Value<(i64, i64)>> = OnceLock::new();
    INSIDE.get_or_init(|| Value::new((0, 0)).expect("shared memory"))
}

/// Pool task: enter, wait (bounded) until another task is inside too,
/// leave; returns the most tasks seen inside at once.
fn overlap_task(_: u32) -> i64 {
    inside().with_lock(|(now, most)| {
        *now += 1;
        *most = (*most).max(*now);
    });
    // A watchdog, not a synchronisation: the wait ends as soon as the other
    // worker is inside; the deadline only stops a broken pool from hanging.
    let deadline = Instant::now() + Duration::from_secs(30);
    while inside().get().1 < 2 && Instant::now() < deadline {
        std::thread::yield_now();
    }
    inside().with_lock(|(now, _)| *now -= 1);
    inside().get().1
}

#[test]
fn a_pool_runs_tasks_in_two_processes_at_the_same_time() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 {
        eprintln!(
            "\n**************************************************************\n\
             SKIPPED a_pool_runs_tasks_in_two_processes_at_the_same_time:\n\
             this machine gives the tests {cores} core; two processes at the\n\
             same instant need two. Nothing was checked.\n\
             **************************************************************\n"
        );
        return;
    }
    inside().set((0, 0));
    // Fork: the workers must inherit the shared `Value` made above (the
    // crate's default forkserver starts workers from a fresh image).
    let pool = Pool::builder()
        .processes(2)
        .start_method(multiprocessing::StartMethod::Fork)
        .build()
        .expect("a pool");
    let most = pool
        .map(overlap_task, 0..4, Some(1))
        .expect("map")
        .into_iter()
        .map(|r| r.expect("no task fails"))
        .max();
    assert_eq!(most, Some(2), "two workers were never inside at once");
    assert_eq!(inside().get().0, 0, "every task left");
}

#[test]
fn the_loop_has_every_sleeper_in_flight_at_once() {
    const SLEEPERS: usize = 2_000;
    let (finished, most) = asyncio::run(async {
        let finished = Rc::new(Cell::new(0usize));
        let in_flight = Rc::new(Cell::new(0usize));
        let most = Rc::new(Cell::new(0usize));
        let tasks: Vec<_> = (0..SLEEPERS)
            .map(|_| {
                let (finished, in_flight, most) =
                    (finished.clone(), in_flight.clone(), most.clone());
                asyncio::spawn(async move {
                    in_flight.set(in_flight.get() + 1);
                    most.set(most.get().max(in_flight.get()));
                    asyncio::sleep(Duration::from_millis(5)).await;
                    in_flight.set(in_flight.get() - 1);
                    finished.set(finished.get() + 1);
                })
            })
            .collect();
        for t in tasks {
            t.await.expect("a sleeper finishes");
        }
        (finished.get(), most.get())
    })
    .expect("the loop runs");
    assert_eq!(finished, SLEEPERS, "every sleeper finished exactly once");
    assert_eq!(most, SLEEPERS, "not every sleeper was in flight at once");
}
