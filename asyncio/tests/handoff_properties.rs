//! asyncio's hand-off rule as a property: however many waiters there are
//! and whichever of them are cancelled (including the one just woken),
//! every waiter that is not cancelled gets in exactly once, in FIFO
//! order, and never more holders than permits at once. A lost wake-up
//! would leave the loop waiting forever, so each run has a watchdog that
//! fails the case instead.

use asyncio::sync::{Lock, Semaphore};
use asyncio::{run, spawn, yield_now, TaskError};
use common::props;
use proptest::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// `n` waiters and which of them get cancelled.
fn waiters_and_cancellations() -> impl Strategy<Value = (usize, Vec<bool>)> {
    (1usize..24).prop_flat_map(|n| (Just(n), prop::collection::vec(any::<bool>(), n)))
}

/// What one run observed (sent back from the watchdog's worker thread).
struct Observed {
    /// Ids of the waiters that got in, in the order they did.
    entered: Vec<usize>,
    /// Most holders inside at once.
    max_inside: usize,
    /// Per waiter: was its outcome `Cancelled`?
    cancelled: Vec<bool>,
}

/// Runs `n` waiters on a semaphore with `permits` permits (a `Lock` when
/// `permits` is `None`); cancels the chosen ones in the same tick as the
/// first release, so the woken waiter may be among them.
fn run_waiters(n: usize, cancel: Vec<bool>, permits: Option<usize>) -> Observed {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(run_waiters_on_this_thread(n, cancel, permits));
    });
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .expect("watchdog: a waiter was never woken (lost wake-up)")
}

/// The body of [`run_waiters`], run on the watchdog's worker thread.
fn run_waiters_on_this_thread(n: usize, cancel: Vec<bool>, permits: Option<usize>) -> Observed {
    run(async move {
        let lock = Rc::new(Lock::new());
        let semaphore = Rc::new(Semaphore::new(permits.unwrap_or(1)));
        let inside = Rc::new(Cell::new(0usize));
        let max_inside = Rc::new(Cell::new(0usize));
        let entered = Rc::new(RefCell::new(Vec::new()));
        // Hold every permit, so all waiters queue up.
        let held_lock = if permits.is_none() {
            Some(lock.acquire().await)
        } else {
            None
        };
        let mut held_permits = Vec::new();
        for _ in 0..permits.unwrap_or(0) {
            held_permits.push(semaphore.acquire().await);
        }
        let tasks: Vec<_> = (0..n)
            .map(|id| {
                let (lock, semaphore) = (Rc::clone(&lock), Rc::clone(&semaphore));
                let (inside, max_inside, entered) = (
                    Rc::clone(&inside),
                    Rc::clone(&max_inside),
                    Rc::clone(&entered),
                );
                let use_lock = permits.is_none();
                spawn(async move {
                    let _lock_guard;
                    let _permit;
                    if use_lock {
                        _lock_guard = lock.acquire().await;
                    } else {
                        _permit = semaphore.acquire().await;
                    }
                    inside.set(inside.get() + 1);
                    max_inside.set(max_inside.get().max(inside.get()));
                    entered.borrow_mut().push(id);
                    yield_now().await;
                    inside.set(inside.get() - 1);
                })
            })
            .collect();
        yield_now().await; // every waiter is queued
        drop(held_lock);
        drop(held_permits);
        for (task, &c) in tasks.iter().zip(&cancel) {
            if c {
                task.cancel();
            }
        }
        let mut cancelled = Vec::new();
        for task in tasks {
            match task.await {
                Ok(()) => cancelled.push(false),
                Err(TaskError::Cancelled) => cancelled.push(true),
                Err(other) => panic!("waiter failed: {other}"),
            }
        }
        let entered = entered.borrow().clone();
        Observed {
            entered,
            max_inside: max_inside.get(),
            cancelled,
        }
    })
    .unwrap()
}

fn check(n: usize, cancel: &[bool], seen: &Observed, permits: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        &seen.cancelled,
        &cancel.to_vec(),
        "exactly the chosen ones cancelled"
    );
    let survivors: Vec<usize> = (0..n).filter(|&id| !cancel[id]).collect();
    props::matches_reference(&survivors, &seen.entered)?; // each once, FIFO
    prop_assert!(seen.max_inside <= permits);
    Ok(())
}

proptest! {
    // Few shrink steps: a failing case costs a 5 s watchdog each time.
    #![proptest_config(ProptestConfig { max_shrink_iters: 8, ..props::config(32) })]

    #[test]
    fn lock_hands_off_past_any_cancelled_waiters((n, cancel) in waiters_and_cancellations()) {
        let seen = run_waiters(n, cancel.clone(), None);
        check(n, &cancel, &seen, 1)?;
    }

    #[test]
    fn semaphore_hands_off_past_any_cancelled_waiters(
        (n, cancel) in waiters_and_cancellations(),
        permits in 1usize..4,
    ) {
        let seen = run_waiters(n, cancel.clone(), Some(permits));
        check(n, &cancel, &seen, permits)?;
    }
}
