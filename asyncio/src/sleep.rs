//! `sleep` and `yield_now`: the futures that park a task on the timer heap
//! (or, for a zero duration, just send it to the back of the ready queue).
//!
//! ```text
//!   Unarmed(d) ──first poll, d > 0──▶ Armed { loop, key } ──timer fired──▶ Done
//!       │                                  │
//!       └──first poll, d == 0──▶ Yielded ──┴─ next poll ──▶ Done
//!   dropped while Armed: the timer is cancelled (lazily, see timers.rs)
//! ```
//!
//! The deadline is fixed at the first poll, as `asyncio.sleep` calls
//! `loop.call_later` when the coroutine runs, not when it is created. A
//! zero-length sleep never touches the heap: it wakes itself and returns
//! `Pending` once, which is exactly `await asyncio.sleep(0)`.
//!
//! Python equivalent: `asyncio.sleep(d)`, `asyncio.sleep(0)`.
//!
//! Needs: `context.rs` (the running loop's `timers.rs`), `slab.rs` (the
//! timer's key).

use crate::context::with_loop;
use crate::slab::Key;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Where a [`Sleep`] is.
enum SleepState {
    /// Not yet polled: the timer starts at the first poll, as
    /// `asyncio.sleep` calls `call_later` when the coroutine runs.
    Unarmed(Duration),
    /// Zero-length sleep that has yielded once.
    Yielded,
    /// Waiting for timer `key` of loop `loop_id` (a sleep dropped inside
    /// another loop must not cancel that loop's timer with the same key).
    Armed {
        /// The loop that holds the timer.
        loop_id: u16,
        /// The timer.
        key: Key,
    },
    /// Finished.
    Done,
}

/// The future returned by [`sleep`]. Dropping it early cancels its timer.
pub struct Sleep {
    /// Progress of this sleep.
    state: SleepState,
}

/// `now + duration`, or — when that overflows `Instant` (`Duration::MAX`,
/// user input) — a deadline a century away, which no program outlives.
fn far_deadline(duration: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(duration)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(now)
}

/// Suspends the calling task for `duration` (Python: `asyncio.sleep(d)`).
/// `sleep(Duration::ZERO)` yields once to the loop without touching the
/// timer heap, as `asyncio.sleep(0)` does.
///
/// # Panics
/// When polled outside [`run`](crate::run).
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        state: SleepState::Unarmed(duration),
    }
}

/// Yields once to the loop: the task goes to the back of the ready queue
/// (Python: `await asyncio.sleep(0)`).
pub fn yield_now() -> Sleep {
    sleep(Duration::ZERO)
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.state {
            SleepState::Unarmed(duration) if duration.is_zero() => {
                self.state = SleepState::Yielded;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepState::Unarmed(duration) => {
                let deadline = far_deadline(duration);
                let (loop_id, key) = with_loop(|l| {
                    let key = l.timers.borrow_mut().schedule(deadline, cx.waker().clone());
                    (l.id, key)
                })
                .expect("sleep() polled outside asyncio::run: there is no running event loop");
                self.state = SleepState::Armed { loop_id, key };
                Poll::Pending
            }
            SleepState::Armed { loop_id, key } => {
                // A sleep polled in a loop other than its own has nothing
                // to wait for there: it counts as fired.
                let pending = with_loop(|l| {
                    l.id == loop_id && l.timers.borrow_mut().update_waker(key, cx.waker())
                })
                .unwrap_or(false);
                if pending {
                    Poll::Pending
                } else {
                    self.state = SleepState::Done;
                    Poll::Ready(())
                }
            }
            SleepState::Yielded | SleepState::Done => {
                self.state = SleepState::Done;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let SleepState::Armed { loop_id, key } = self.state {
            // The waker is returned and dropped after the borrow ends.
            let _waker = with_loop(|l| {
                if l.id == loop_id {
                    l.timers.borrow_mut().cancel(key)
                } else {
                    None
                }
            });
        }
    }
}
