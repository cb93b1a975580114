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
    /// A result of `n` bytes.
    pub fn bytes_of(n: usize) -> Vec<u8> {
        vec![7; n]
    }
    /// Blocks until the test writes a byte into the FIFO at `path`: a task
    /// that provably cannot finish before the test lets it.
    pub fn wait_for_release(path: String) -> u64 {
        let mut fifo = std::fs::File::open(&path).expect("open fifo");
        let mut byte = [0u8; 1];
        std::io::Read::read_exact(&mut fifo, &mut byte).expect("released");
        42
    }
    /// A fresh FIFO path and the function that releases a task waiting on it.
    pub fn gate() -> (String, impl FnOnce()) {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "mp-gate-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
        let writer_path = path.clone();
        let release = move || {
            let mut fifo = std::fs::OpenOptions::new().write(true).open(&writer_path).expect("open fifo");
            std::io::Write::write_all(&mut fifo, b"!").expect("release");
            let _ = std::fs::remove_file(&writer_path);
        };
        (path.to_string_lossy().into_owned(), release)
    }
    /// Closes every fd from 3 up (the worker's link among them), then
    /// sleeps: a worker that is alive but can no longer answer.
    pub fn close_my_link(_: u8) -> u8 {
        // SAFETY: close_range only closes fds; nothing here uses them again.
        unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
        nap_ms(60_000);
        0
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
    /// Counts itself done by appending one byte to the file at `path` (a
    /// counter every start method shares), except task `abort_at`, which
    /// calls `abort()` first: a worker dying mid-task, with finished work
    /// around it.
    pub fn count_or_abort((i, abort_at, path): (u32, u32, String)) -> u32 {
        if i == abort_at {
            let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            // SAFETY: setrlimit reads one valid struct; abort ends the process.
            unsafe {
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                libc::abort();
            }
        }
        let mut file = std::fs::OpenOptions::new().append(true).open(&path).expect("counter");
        std::io::Write::write_all(&mut file, b"+").expect("count");
        i
    }
    /// A fresh, empty counter file.
    pub fn counter_file() -> String {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "mp-count-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, b"").expect("counter file");
        path.to_string_lossy().into_owned()
    }
    /// How many tasks counted themselves done in `path` (and removes it).
    pub fn count_in(path: &str) -> usize {
        let n = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
        let _ = std::fs::remove_file(path);
        n
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
                    let p = pool(workers);
                    let chunksize = if default_chunk { None } else { Some(chunk) };
                    let got = oks(p.map(run_cpu, batch.clone(), chunksize).unwrap());
                    props::cpu_batch_matches_reference(&batch, &got)?;
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
                let (path, release) = gate();
                let mut r = p.apply_async(wait_for_release, path).unwrap();
                assert!(matches!(r.get(Some(Duration::from_millis(5))), Err(Error::Timeout)));
                assert!(!r.ready());
                assert!(!r.wait(Some(Duration::from_millis(1))));
                release();
                assert!(r.wait(None));
                assert_eq!(r.get(None).unwrap(), 42);
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
            fn a_result_over_the_message_limit_is_too_large_not_a_death() {
                let p = pool(1);
                let before = p.worker_pids();
                match p.apply(bytes_of, 65 << 20) {
                    Err(Error::TooLarge { announced, limit }) => {
                        assert!(announced > limit as u64, "{announced} <= {limit}")
                    }
                    other => panic!("expected TooLarge, got {:?}", other.map(|v| v.len())),
                }
                assert_eq!(p.apply(bytes_of, 3).unwrap(), vec![7; 3]);
                assert_eq!(p.worker_pids(), before, "the worker survived");
            }

            #[test]
            fn the_message_limit_is_configurable_and_chunks_split_under_it() {
                let p = builder(2).max_message(64 << 10).build().unwrap();
                // 40 results of 10 KiB in chunks of 20: 200 KiB per chunk,
                // sent as several frames under the 64 KiB limit.
                let got = oks(p.map(bytes_of, vec![10 << 10; 40], Some(20)).unwrap());
                assert!(got.iter().all(|v| v.len() == 10 << 10));
                // Arguments too: 40 args of 10 KiB cannot share one chunk.
                let got = oks(p.map(|v: Vec<u8>| v.len(), vec![vec![1u8; 10 << 10]; 40], Some(20)).unwrap());
                assert_eq!(got, vec![10 << 10; 40]);
                assert!(matches!(p.apply(bytes_of, 70 << 10), Err(Error::TooLarge { .. })));
                assert!(matches!(p.apply(|v: Vec<u8>| v.len(), vec![0u8; 70 << 10]), Err(Error::TooLarge { .. })));
            }

            /// Task 150 of 200 aborts its worker; returns the results and
            /// how many tasks counted themselves done.
            fn abort_at_150(chunksize: Option<usize>) -> (Vec<multiprocessing::Result<u32>>, usize) {
                let p = pool(2);
                let path = counter_file();
                let args: Vec<(u32, u32, String)> = (0..200).map(|i| (i, 150, path.clone())).collect();
                let results = p.map(count_or_abort, args, chunksize).unwrap();
                (results, count_in(&path))
            }

            #[test]
            fn an_abort_fails_only_its_own_task_and_loses_no_finished_result() {
                let (results, counted) = abort_at_150(Some(1));
                let died: Vec<usize> = (0..200).filter(|&i| results[i].is_err()).collect();
                assert_eq!(died, vec![150], "{:?}", results.iter().filter(|r| r.is_err()).collect::<Vec<_>>());
                assert!(matches!(results[150], Err(Error::WorkerDied { cause: ExitCause::Signal(6), .. })));
                for (i, r) in results.iter().enumerate().filter(|(i, _)| *i != 150) {
                    assert_eq!(*r.as_ref().unwrap(), i as u32);
                }
                assert_eq!(counted, 199, "every Ok ran exactly once, nothing else ran");
            }

            #[test]
            fn with_the_default_chunksize_only_the_running_chunk_fails() {
                let (results, counted) = abort_at_150(None);
                let chunk = multiprocessing::pool::default_chunksize(200, 2);
                let start = 150 / chunk * chunk;
                let died: Vec<usize> = (0..200).filter(|&i| results[i].is_err()).collect();
                // Item 150 opens its chunk, so none of the chunk was done.
                assert_eq!(died, (start..start + chunk).collect::<Vec<_>>());
                assert_eq!(counted, 200 - chunk, "Oks equal the tasks that ran");
            }

            #[test]
            fn imap_yields_each_result_before_later_tasks_are_released() {
                const TASKS: usize = 6;
                let p = pool(2);
                let (paths, releases): (Vec<String>, Vec<_>) = (0..TASKS).map(|_| gate()).unzip();
                let mut it = p.imap(wait_for_release, paths, None).unwrap();
                // Each task waits for its own gate; the consumer opens gate i
                // only after receiving item i - 1. A worker that held finished
                // results while starting its next (blocked) task would leave
                // this waiting forever: the watchdog turns that into a failure.
                let received = crate::support::watchdog(Duration::from_secs(60), move || {
                    let mut received = 0;
                    for release in releases {
                        release();
                        assert_eq!(it.next_timeout(None).unwrap().unwrap().unwrap(), 42);
                        received += 1;
                    }
                    assert!(it.next_timeout(None).unwrap().is_none());
                    received
                });
                assert_eq!(received, TASKS);
            }

            #[test]
            fn callers_on_four_threads_share_one_pool() {
                let p = pool(2);
                let ids: Vec<usize> = std::thread::scope(|scope| {
                    let handles: Vec<_> = (0..4)
                        .map(|t| {
                            let p = &p;
                            scope.spawn(move || {
                                (0..50)
                                    .map(|k| p.apply_async(id, t * 50 + k).unwrap())
                                    .collect::<Vec<_>>()
                                    .into_iter()
                                    .map(|mut r| r.get(None).unwrap())
                                    .collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
                });
                props::each_exactly_once(200, &ids).unwrap();
            }

            #[test]
            fn imap_next_with_a_timeout_times_out_then_yields() {
                let p = pool(1);
                let (path, release) = gate();
                let mut it = p.imap(wait_for_release, vec![path], None).unwrap();
                assert!(matches!(it.next_timeout(Some(Duration::from_millis(5))), Err(Error::Timeout)));
                release();
                assert_eq!(it.next_timeout(None).unwrap().unwrap().unwrap(), 42);
                assert!(it.next_timeout(None).unwrap().is_none());
            }

            #[test]
            fn a_worker_that_loses_its_link_is_killed_not_waited_for() {
                let p = pool(1);
                match p.apply(close_my_link, 0) {
                    Err(Error::WorkerDied { cause: ExitCause::Signal(9), .. }) => {}
                    other => panic!("expected WorkerDied by SIGKILL, got {other:?}"),
                }
                assert_eq!(p.apply(square, 5).unwrap(), 25);
            }

            #[test]
            fn join_before_close_is_a_state_error() {
                let mut p = pool(1);
                assert!(matches!(p.join(), Err(Error::State(_))));
            }
        }
    };
}
