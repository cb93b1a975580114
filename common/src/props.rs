//! The property-test kit: strategies that generate workload instances, and
//! the property functions every model's tests call.
//!
//! A model crate's test looks like this (it takes `common` as a
//! dev-dependency):
//!
//! ```
//! use common::props;
//! use proptest::prelude::*;
//!
//! proptest! {
//!     #![proptest_config(props::config(16))]
//!     // In a test file this fn carries `#[test]`; here the doctest calls it.
//!     fn map_matches_reference(tasks in props::cpu_batch(), workers in props::worker_count()) {
//!         let _ = workers; // a real test starts `workers` workers here
//!         let expected: Vec<u64> = tasks.iter().map(|t| t.run()).collect();
//!         let got = expected.clone(); // ... and runs the model here
//!         props::matches_reference(&expected, &got)?;
//!     }
//! }
//! map_matches_reference();
//! ```
//!
//! Every property returns `Result<(), TestCaseError>` so it composes with
//! `?` inside `proptest!` and shrinks to a minimal failing case. Sizes are
//! kept small: the point is many shapes, not big inputs, and `cargo test
//! --workspace` must stay fast on 2 cores. [`config`] bounds the case count
//! unless `PROPTEST_CASES` asks for more.
//!
//! Python equivalent: hypothesis strategies plus plain `assert`s.

use crate::cpu::CpuTask;
use crate::io::{EchoSpec, SleepSpec};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A proptest config with `default_cases` cases, unless the `PROPTEST_CASES`
/// environment variable sets another count (which then wins, so a long run
/// is one variable away).
pub fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        // Keep shrinking bounded too: a failing case must not stall CI.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// A small CPU task of any kernel: fast enough to run hundreds per test.
pub fn cpu_task() -> impl Strategy<Value = CpuTask> {
    prop_oneof![
        (0u64..2_000).prop_map(|n| CpuTask::Count { n }),
        (0u64..500, 0u64..300).prop_map(|(lo, len)| CpuTask::CountPrimes { lo, hi: lo + len }),
        (1u64..300, 0u64..100).prop_map(|(lo, len)| CpuTask::Collatz { lo, hi: lo + len }),
    ]
}

/// A batch of 0–40 CPU tasks: what `map`, `gather` or a thread fan-out runs.
pub fn cpu_batch() -> impl Strategy<Value = Vec<CpuTask>> {
    prop::collection::vec(cpu_task(), 0..40)
}

/// Plain integer inputs for `map(f, inputs)`-style tests (0–200 items).
pub fn inputs() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(-1_000_000i64..1_000_000, 0..200)
}

/// A worker count: 1–4 (the machine has 2 cores; more than that tests
/// oversubscription, not speed).
pub fn worker_count() -> impl Strategy<Value = usize> {
    1usize..=4
}

/// A chunk size for `map`/`imap`: 1–16.
pub fn chunk_size() -> impl Strategy<Value = usize> {
    1usize..=16
}

/// A sleep workload with 1–50 tasks and 0–2 ms latency.
pub fn sleep_spec() -> impl Strategy<Value = SleepSpec> {
    (1usize..=50, 0u64..=2_000).prop_map(|(tasks, us)| SleepSpec {
        tasks,
        latency: Duration::from_micros(us),
    })
}

/// An echo workload with 1–8 connections, 1–8 requests and 1 B–4 KiB payloads.
pub fn echo_spec() -> impl Strategy<Value = EchoSpec> {
    (1usize..=8, 1usize..=8, 1usize..=4096).prop_map(|(connections, requests, payload)| EchoSpec {
        connections,
        requests,
        payload,
    })
}

/// A random wake order for `n` waiters: a permutation of `0..n`.
pub fn wake_order(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<_>>()).prop_shuffle()
}

/// Results equal the sequential reference, element by element and in order
/// (the promise of `map`, `imap`, `gather`).
pub fn matches_reference<T: PartialEq + Debug>(
    expected: &[T],
    got: &[T],
) -> Result<(), TestCaseError> {
    if expected.len() != got.len() {
        return Err(TestCaseError::fail(format!(
            "expected {} results, got {}",
            expected.len(),
            got.len()
        )));
    }
    if let Some(i) = (0..expected.len()).find(|&i| expected[i] != got[i]) {
        return Err(TestCaseError::fail(format!(
            "result {i} differs: expected {:?}, got {:?}",
            expected[i], got[i]
        )));
    }
    Ok(())
}

/// `got` holds the same results as `expected`, in any order (the promise of
/// `imap_unordered`, `as_completed`).
pub fn is_permutation<T: Ord + Clone + Debug>(
    expected: &[T],
    got: &[T],
) -> Result<(), TestCaseError> {
    let mut a = expected.to_vec();
    let mut b = got.to_vec();
    a.sort();
    b.sort();
    if a != b {
        return Err(TestCaseError::fail(format!(
            "not a permutation: expected (sorted) {a:?}, got (sorted) {b:?}"
        )));
    }
    Ok(())
}

/// Every id in `0..n` appears in `ids` exactly once: nothing lost, nothing
/// duplicated, nothing invented.
pub fn each_exactly_once(n: usize, ids: &[usize]) -> Result<(), TestCaseError> {
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    for &id in ids {
        *seen.entry(id).or_default() += 1;
    }
    let lost: Vec<usize> = (0..n).filter(|id| !seen.contains_key(id)).collect();
    let duplicated: Vec<usize> = seen
        .iter()
        .filter(|&(_, &c)| c > 1)
        .map(|(&id, _)| id)
        .collect();
    let invented: Vec<usize> = seen.keys().copied().filter(|&id| id >= n).collect();
    if lost.is_empty() && duplicated.is_empty() && invented.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!(
            "lost {lost:?}, duplicated {duplicated:?}, invented {invented:?}"
        )))
    }
}

/// Counts side effects per id, from any number of threads, so a test can
/// check that each one happened exactly once.
///
/// Within one process only: across processes, count in shared memory or send
/// the ids back and use [`each_exactly_once`].
#[derive(Debug)]
pub struct SideEffects {
    /// One counter per id; `Relaxed` suffices because the counts are read
    /// only after the threads that bump them have been joined (the join is
    /// the synchronisation).
    counts: Vec<AtomicUsize>,
}

impl SideEffects {
    /// Counters for ids `0..n`, all zero.
    pub fn new(n: usize) -> SideEffects {
        SideEffects {
            counts: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// Records one side effect for `id`. An id out of range is recorded as a
    /// failure by [`check`](Self::check) rather than panicking here.
    pub fn record(&self, id: usize) {
        if let Some(c) = self.counts.get(id) {
            c.fetch_add(1, Ordering::Relaxed);
        } else {
            // Make the out-of-range id visible: poison every counter.
            for c in &self.counts {
                c.fetch_add(usize::MAX / 2, Ordering::Relaxed);
            }
        }
    }

    /// Every id was recorded exactly once.
    pub fn check(&self) -> Result<(), TestCaseError> {
        let wrong: Vec<(usize, usize)> = self
            .counts
            .iter()
            .enumerate()
            .map(|(id, c)| (id, c.load(Ordering::Relaxed)))
            .filter(|&(_, c)| c != 1)
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(TestCaseError::fail(format!(
                "side effects not exactly once, (id, count): {wrong:?}"
            )))
        }
    }
}

/// The whole CPU-batch property: `got[i] == tasks[i].run()` for every i.
pub fn cpu_batch_matches_reference(tasks: &[CpuTask], got: &[u64]) -> Result<(), TestCaseError> {
    let expected: Vec<u64> = tasks.iter().map(CpuTask::run).collect();
    matches_reference(&expected, got)
}
