// The pool test suite, written once and instantiated per start method and
// transport (`pool_suite!(name, StartMethod::..., Transport::...)`), so
// every combination passes the very same tests. Included with `include!`.

/// Task functions the suites use (plain `fn` items: they travel by reference).
pub mod tasks {
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Runs a common CPU task.
    pub fn run_cpu(task: common::cpu::CpuTask) -> u64 {
        task.run()
    }
    /// Negates.
    pub fn negate(x: i64) -> i64 {
        -x
    }
    /// Squares.
    pub fn square(x: i64) -> i64 {
        x * x
    }
    /// Identity on ids.
    pub fn id(x: usize) -> usize {
        x
    }
    /// Adds (for starmap).
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }
    /// Always panics.
    pub fn always_panics(x: u32) -> u32 {
        panic!("task {x} panics on purpose")
    }
    /// Sleeps: a task that is still running when the test looks.
    pub fn nap_ms(ms: u64) -> u64 {
        std::thread::sleep(std::time::Duration::from_millis(ms));
        ms
    }
    /// Announces "started" by writing its pid into the FIFO at `path`,
    /// then sleeps `30 s`: a task provably held by a worker when the test
    /// acts (the test blocks reading the FIFO; no sleep on its side).
    pub fn announce_then_nap(path: String) -> u64 {
        if let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(&path) {
            let _ = std::io::Write::write_all(&mut fifo, &std::process::id().to_le_bytes());
        }
        nap_ms(30_000)
    }
    /// A fresh FIFO path and a function that blocks until a task announced
    /// itself through it.
    pub fn fifo() -> (String, impl FnOnce() -> i32) {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "mp-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
        let reader_path = path.clone();
        let wait = move || {
            let mut fifo = std::fs::File::open(&reader_path).expect("open fifo");
            let mut pid = [0u8; 4];
            std::io::Read::read_exact(&mut fifo, &mut pid).expect("task announced itself");
            let _ = std::fs::remove_file(&reader_path);
            u32::from_le_bytes(pid) as i32
        };
        (path.to_string_lossy().into_owned(), wait)
    }
    /// The worker's pid.
    pub fn worker_pid(_: u32) -> u32 {
        std::process::id()
    }
    /// Set by the initializer, in each worker's own memory.
    pub static INIT_VALUE: AtomicU64 = AtomicU64::new(0);
    /// The initializer.
    pub fn init(v: u64) {
        INIT_VALUE.store(v, Ordering::Relaxed);
    }
    /// Reads what the initializer stored.
    pub fn read_init(_: u8) -> u64 {
        INIT_VALUE.load(Ordering::Relaxed)
    }
    /// An initializer that panics.
    pub fn bad_init(_: u8) {
        panic!("initializer fails on purpose");
    }
    /// Identity on bytes.
    pub fn one(x: u8) -> u8 {
        x
    }
    /// Ends the worker with exit code 7 mid-task.
    pub fn exit_seven(_: u8) -> u8 {
        // SAFETY: ends the worker process at once; nothing runs after.
        unsafe { libc::_exit(7) }
    }
}

macro_rules! pool_suite {
    ($name:ident, $method:expr, $transport:expr) => {
        mod $name {
            use super::tasks::*;
            use common::props;
            use multiprocessing::{Error, ExitCause, Pool, PoolBuilder};
            use proptest::prelude::*;
            use std::time::Duration;

            /// A builder with this suite's start method and transport.
            fn builder(n: usize) -> PoolBuilder {
                Pool::builder().processes(n).start_method($method).transport($transport)
            }

            /// A pool of `n` workers.
            fn pool(n: usize) -> Pool {
                builder(n).build().expect("pool starts")
            }

            /// Unwraps every result.
            fn oks<T: std::fmt::Debug>(v: Vec<multiprocessing::Result<T>>) -> Vec<T> {
                v.into_iter().map(|r| r.expect("task ok")).collect()
            }

            proptest! {
                #![proptest_config(props::config(6))]

                #[test]
                fn map_equals_the_sequential_reference(
                    batch in props::cpu_batch(),
                    workers in props::worker_count(),
                    chunk in props::chunk_size(),
                    default_chunk in any::<bool>(),
                ) {
                    let expected: Vec<u64> = batch.iter().map(|t| t.run()).collect();
                    let p = pool(workers);
                    let chunksize = if default_chunk { None } else { Some(chunk) };
                    let got = oks(p.map(run_cpu, batch, chunksize).unwrap());
                    props::matches_reference(&expected, &got)?;
                }

                #[test]
                fn imap_keeps_input_order(inputs in props::inputs(), chunk in props::chunk_size()) {
                    let expected: Vec<i64> = inputs.iter().map(|x| -x).collect();
                    let p = pool(2);
                    let got: Vec<i64> = p.imap(negate, inputs, Some(chunk)).unwrap().map(|r| r.unwrap()).collect();
                    props::matches_reference(&expected, &got)?;
                }

                #[test]
                fn imap_unordered_yields_a_permutation(inputs in props::inputs(), chunk in props::chunk_size()) {
                    let expected: Vec<i64> = inputs.iter().map(|x| -x).collect();
                    let p = pool(2);
                    let got: Vec<i64> = p.imap_unordered(negate, inputs, Some(chunk)).unwrap().map(|r| r.unwrap()).collect();
                    props::is_permutation(&expected, &got)?;
                }

                #[test]
                fn every_apply_async_completes_exactly_once(n in 0usize..150, workers in props::worker_count()) {
                    let p = pool(workers);
                    let handles: Vec<_> = (0..n).map(|i| p.apply_async(id, i).unwrap()).collect();
                    let ids: Vec<usize> = handles.into_iter().map(|mut h| h.get(None).unwrap()).collect();
                    props::each_exactly_once(n, &ids)?;
                }
            }

            #[test]
            fn starmap_apply_and_an_empty_map() {
                let p = pool(2);
                let got = oks(p.starmap(add, vec![(1, 2), (3, 4), (5, 6)], None).unwrap());
                assert_eq!(got, vec![3, 7, 11]);
                assert_eq!(p.apply(square, 12).unwrap(), 144);
                assert!(p.map(square, Vec::<i64>::new(), None).unwrap().is_empty());
                // A non-capturing closure is a plain fn pointer: accepted.
                let got = oks(p.map(|x: i64| x + 1, vec![1, 2], None).unwrap());
                assert_eq!(got, vec![2, 3]);
            }

            #[test]
            fn a_thousand_panicking_tasks_then_the_pool_still_serves() {
                let p = pool(2);
                let results = p.map(always_panics, 0..1000u32, Some(1)).unwrap();
                assert_eq!(results.len(), 1000);
                let panicked = results
                    .iter()
                    .filter(|r| matches!(r, Err(Error::TaskPanicked(m)) if m.contains("on purpose")))
                    .count();
                assert_eq!(panicked, 1000);
                assert_eq!(oks(p.map(square, vec![3, 4], None).unwrap()), vec![9, 16]);
            }

            #[test]
            fn get_with_a_timeout_times_out_cleanly_then_succeeds() {
                let p = pool(1);
                let mut r = p.apply_async(nap_ms, 300).unwrap();
                assert!(matches!(r.get(Some(Duration::from_millis(5))), Err(Error::Timeout)));
                assert!(!r.ready() || r.wait(Some(Duration::ZERO)));
                assert_eq!(r.get(None).unwrap(), 300);
                assert_eq!(r.successful(), Some(true));
            }

            #[test]
            fn initializer_runs_in_every_worker() {
                let p = builder(2).initializer(init, 41).build().unwrap();
                let got = oks(p.map(read_init, vec![0u8; 20], Some(1)).unwrap());
                assert!(got.iter().all(|&v| v == 41), "{got:?}");
            }

            #[test]
            fn maxtasksperchild_replaces_workers() {
                let p = builder(2).maxtasksperchild(2).build().unwrap();
                let pids = oks(p.map(worker_pid, 0..20u32, Some(1)).unwrap());
                let mut distinct = pids.clone();
                distinct.sort();
                distinct.dedup();
                // 20 tasks, at most 2 per worker: at least 10 workers served.
                assert!(distinct.len() >= 10, "only {} workers for 20 tasks: {pids:?}", distinct.len());
            }

            #[test]
            fn a_worker_exiting_mid_task_fails_only_that_task() {
                let p = pool(2);
                let mut dying = p.apply_async(exit_seven, 0).unwrap();
                match dying.get(Some(Duration::from_secs(30))) {
                    Err(Error::WorkerDied { cause: ExitCause::Code(7), .. }) => {}
                    other => panic!("expected WorkerDied with exit code 7, got {other:?}"),
                }
                assert_eq!(oks(p.map(square, 0..10, Some(1)).unwrap()).len(), 10);
            }

            #[test]
            fn a_killed_worker_fails_its_task_and_is_replaced() {
                let p = pool(2);
                let (path, started) = fifo();
                let mut held = p.apply_async(announce_then_nap, path).unwrap();
                let victim = started(); // the task runs in `victim` now
                assert!(p.worker_pids().contains(&victim));
                let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(victim), nix::sys::signal::Signal::SIGKILL);
                match held.get(Some(Duration::from_secs(30))) {
                    Err(Error::WorkerDied { cause: ExitCause::Signal(9), pid }) => assert_eq!(pid, victim),
                    other => panic!("expected WorkerDied by SIGKILL, got {other:?}"),
                }
                assert_eq!(oks(p.map(square, 0..10, None).unwrap()).len(), 10);
                let after = p.worker_pids();
                assert_eq!(after.len(), 2, "a replacement was started: {after:?}");
                assert!(!after.contains(&victim));
            }

            #[test]
            fn close_refuses_new_work_and_join_waits_for_queued_work() {
                let mut p = pool(2);
                let queued = p.map_async(square, 0..50, Some(1)).unwrap();
                p.close();
                assert!(matches!(p.apply(square, 1), Err(Error::PoolClosed)));
                p.join().unwrap();
                assert_eq!(oks(queued.get(None).unwrap()).len(), 50);
            }

            #[test]
            fn terminate_fails_outstanding_work_instead_of_hanging() {
                let mut p = pool(1);
                let mut long = p.apply_async(nap_ms, 30_000).unwrap();
                let pids = p.worker_pids();
                p.terminate();
                p.join().unwrap();
                assert!(matches!(long.get(Some(Duration::from_secs(30))), Err(Error::PoolClosed)));
                assert!(p.worker_pids().is_empty());
                let _ = pids;
            }

            #[test]
            fn a_panicking_initializer_fails_work_instead_of_respawning_forever() {
                let p = builder(2).initializer(bad_init, 0u8).build().unwrap();
                let results = p.map(one, vec![1u8; 4], None).unwrap();
                assert!(
                    results.iter().all(|r| matches!(r, Err(Error::WorkerDied { cause: ExitCause::Code(70), .. }))),
                    "{results:?}"
                );
            }

            #[test]
            fn join_before_close_is_a_state_error() {
                let mut p = pool(1);
                assert!(matches!(p.join(), Err(Error::State(_))));
            }
        }
    };
}
