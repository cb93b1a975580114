//! Timers: a binary heap ordered by (deadline, sequence), with asyncio's
//! lazy cancellation. The `sleep`/`yield_now` futures built on it live in
//! `sleep.rs`.
//!
//! ```text
//!   heap (min at top)                     entries (slab, by key)
//!   ┌─────────────────────────┐           ┌──────────────────────────────┐
//!   │ (t=10ms, seq 4, key 2)  │──────────▶│ 2: waker of task 7           │
//!   │ (t=12ms, seq 1, key 0)  │──────────▶│ 0: cancelled (sleep dropped) │
//!   │ (t=40ms, seq 9, key 5)  │──────────▶│ 5: waker of task 3           │
//!   └─────────────────────────┘           └──────────────────────────────┘
//! ```
//!
//! Scheduling pushes onto the heap (`O(log n)`). Cancelling (a `Sleep`
//! dropped early: a `wait_for` that finished first, a cancelled task) does
//! not search the heap; it marks the entry cancelled and counts it. The
//! cancelled entry leaves the heap later, by asyncio's rule
//! (`BaseEventLoop._run_once`):
//!
//! 1. if the heap holds more than [`MIN_SCHEDULED_TIMERS`] entries and more
//!    than [`MIN_CANCELLED_FRACTION`] of them are cancelled, rebuild the heap
//!    without them (`O(n)`, paid rarely);
//! 2. otherwise pop cancelled entries while one is at the top.
//!
//! The sequence number breaks ties, so two timers with the same deadline
//! fire in the order they were scheduled (Python's `TimerHandle`s compare
//! by `when` and heapq keeps insertion order only by accident; a sequence
//! makes it a rule).
//!
//! Python equivalent: `loop.call_at` / `TimerHandle.cancel()`.
//!
//! Needs: `slab.rs`.

use crate::slab::{Key, Slab};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::task::Waker;
use std::time::{Duration, Instant};

/// Below this many scheduled timers the heap is never rebuilt (asyncio's
/// `_MIN_SCHEDULED_TIMER_HANDLES`).
pub const MIN_SCHEDULED_TIMERS: usize = 100;

/// Rebuild when more than this fraction of the heap is cancelled (asyncio's
/// `_MIN_CANCELLED_TIMER_HANDLES_FRACTION`).
pub const MIN_CANCELLED_FRACTION: f64 = 0.5;

/// One heap entry, ordered by deadline then sequence.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Scheduled {
    /// When the timer is due, in nanoseconds since [`Timers::epoch`] (a
    /// `u64` rather than an `Instant`: 8 bytes instead of 16 per sleeping
    /// task, and 584 years of range).
    deadline_ns: u64,
    /// Scheduling order, to break deadline ties.
    seq: u64,
    /// Slot index of the entry.
    index: u32,
    /// Slot generation of the entry.
    generation: u32,
}

/// What a timer does when it fires.
struct TimerEntry {
    /// Woken when the deadline passes; `None` once cancelled.
    waker: Option<Waker>,
}

/// The loop's timers.
pub(crate) struct Timers {
    /// Time zero for `Scheduled::deadline_ns`: when the loop started.
    epoch: Instant,
    /// Min-heap of scheduled timers, cancelled ones included until cleaned.
    heap: BinaryHeap<Reverse<Scheduled>>,
    /// The entries the heap points at; a cancelled entry has no waker.
    entries: Slab<TimerEntry>,
    /// How many heap entries are cancelled (asyncio's
    /// `_timer_cancelled_count`).
    cancelled: usize,
    /// The next sequence number.
    next_seq: u64,
}

impl Default for Timers {
    fn default() -> Timers {
        Timers {
            epoch: Instant::now(),
            heap: BinaryHeap::new(),
            entries: Slab::new(),
            cancelled: 0,
            next_seq: 0,
        }
    }
}

impl Timers {
    /// `instant` as nanoseconds since the epoch (0 for anything earlier).
    fn to_ns(&self, instant: Instant) -> u64 {
        u64::try_from(instant.saturating_duration_since(self.epoch).as_nanos()).unwrap_or(u64::MAX)
    }

    /// Schedules `waker` to be woken at `deadline`; returns the handle.
    pub(crate) fn schedule(&mut self, deadline: Instant, waker: Waker) -> Key {
        let deadline_ns = self.to_ns(deadline);
        let key = self.entries.insert(TimerEntry { waker: Some(waker) });
        self.next_seq += 1;
        self.heap.push(Reverse(Scheduled {
            deadline_ns,
            seq: self.next_seq,
            index: key.index,
            generation: key.generation,
        }));
        key
    }

    /// Replaces the waker of a pending timer (the future was polled by a
    /// different task). Returns `false` when the timer already fired.
    pub(crate) fn update_waker(&mut self, key: Key, waker: &Waker) -> bool {
        match self.entries.get_mut(key) {
            Some(entry) => {
                if !entry.waker.as_ref().is_some_and(|w| w.will_wake(waker)) {
                    entry.waker = Some(waker.clone());
                }
                true
            }
            None => false,
        }
    }

    /// Cancels a pending timer lazily: it stays in the heap, marked, until
    /// [`clean`](Self::clean) removes it. Returns the waker it held, so the
    /// caller can drop it outside the loop's borrow.
    pub(crate) fn cancel(&mut self, key: Key) -> Option<Waker> {
        let entry = self.entries.get_mut(key)?;
        let waker = entry.waker.take();
        if waker.is_some() {
            self.cancelled += 1;
        }
        waker
    }

    /// asyncio's clean-up rule, run at the start of every tick.
    pub(crate) fn clean(&mut self) {
        let scheduled = self.heap.len();
        if scheduled > MIN_SCHEDULED_TIMERS
            && self.cancelled as f64 / scheduled as f64 > MIN_CANCELLED_FRACTION
        {
            let entries = &mut self.entries;
            let kept: Vec<Reverse<Scheduled>> = std::mem::take(&mut self.heap)
                .into_vec()
                .into_iter()
                .filter(|Reverse(s)| {
                    let key = Key {
                        index: s.index,
                        generation: s.generation,
                    };
                    let live = entries.get(key).is_some_and(|e| e.waker.is_some());
                    if !live {
                        entries.remove(key);
                    }
                    live
                })
                .collect();
            self.heap = BinaryHeap::from(kept);
            self.cancelled = 0;
        } else {
            while let Some(&Reverse(top)) = self.heap.peek() {
                let key = Key {
                    index: top.index,
                    generation: top.generation,
                };
                if self.entries.get(key).is_some_and(|e| e.waker.is_some()) {
                    break;
                }
                self.heap.pop();
                self.entries.remove(key);
                self.cancelled -= 1;
            }
        }
    }

    /// The earliest deadline in the heap (cancelled entries at the top were
    /// removed by `clean` at the start of this tick).
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.heap
            .peek()
            .map(|Reverse(s)| self.epoch + Duration::from_nanos(s.deadline_ns))
    }

    /// True when no timer is scheduled (cancelled ones included).
    pub(crate) fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Pops every timer due at `now`, appending the wakers of the live ones
    /// to `due` (woken by the caller once the borrow ends).
    pub(crate) fn fire_due(&mut self, now: Instant, due: &mut Vec<Waker>) {
        let now_ns = self.to_ns(now);
        while let Some(&Reverse(top)) = self.heap.peek() {
            if top.deadline_ns > now_ns {
                break;
            }
            self.heap.pop();
            let key = Key {
                index: top.index,
                generation: top.generation,
            };
            match self.entries.remove(key).and_then(|e| e.waker) {
                Some(waker) => due.push(waker),
                None => self.cancelled -= 1,
            }
        }
    }

    /// Timers scheduled and not cancelled.
    pub(crate) fn active(&self) -> usize {
        self.heap.len() - self.cancelled
    }

    /// Heap entries, cancelled ones included (what lazy cancellation keeps).
    pub(crate) fn in_heap(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop_waker() -> Waker {
        Waker::noop().clone()
    }

    #[test]
    fn due_timers_fire_in_deadline_then_schedule_order() {
        let mut timers = Timers::default();
        let t0 = Instant::now();
        let late = timers.schedule(t0 + Duration::from_secs(5), noop_waker());
        let _a = timers.schedule(t0, noop_waker());
        let _b = timers.schedule(t0, noop_waker());
        let mut due = Vec::new();
        timers.fire_due(t0, &mut due);
        assert_eq!(due.len(), 2);
        assert_eq!(timers.active(), 1);
        assert!(timers.update_waker(late, &noop_waker()));
    }

    proptest::proptest! {
        #![proptest_config(common::props::config(64))]

        /// Any mix of schedules and cancellations: exactly the live timers
        /// fire, in (deadline, schedule order), and the counts agree.
        #[test]
        fn lazy_cancellation_fires_exactly_the_live_timers_in_order(
            ops in proptest::collection::vec((0u64..50, proptest::bool::ANY), 0..400),
        ) {
            use std::sync::{Arc, Mutex};
            use std::task::Wake;

            /// Records its id when woken.
            struct Recorder(usize, Arc<Mutex<Vec<usize>>>);
            impl Wake for Recorder {
                fn wake(self: Arc<Self>) {
                    self.1.lock().unwrap().push(self.0);
                }
            }

            let fired = Arc::new(Mutex::new(Vec::new()));
            let mut timers = Timers::default();
            let t0 = Instant::now();
            let mut live: Vec<(u64, usize)> = Vec::new();
            for (id, &(ms, cancel)) in ops.iter().enumerate() {
                let waker = Waker::from(Arc::new(Recorder(id, Arc::clone(&fired))));
                let key = timers.schedule(t0 + Duration::from_millis(ms), waker);
                if cancel {
                    drop(timers.cancel(key));
                } else {
                    live.push((ms, id));
                }
                if id % 7 == 0 {
                    timers.clean();
                }
                proptest::prop_assert_eq!(timers.active(), live.len());
            }
            timers.clean();
            let mut due = Vec::new();
            timers.fire_due(t0 + Duration::from_millis(100), &mut due);
            for waker in due {
                waker.wake();
            }
            live.sort(); // by deadline, then by id = schedule order
            let expected: Vec<usize> = live.iter().map(|&(_, id)| id).collect();
            proptest::prop_assert_eq!(&*fired.lock().unwrap(), &expected);
            proptest::prop_assert_eq!((timers.in_heap(), timers.active()), (0, 0));
        }
    }

    #[test]
    fn cancelled_timers_leave_by_asyncios_rule() {
        let mut timers = Timers::default();
        let t0 = Instant::now() + Duration::from_secs(60);
        let keys: Vec<Key> = (0..200)
            .map(|i| timers.schedule(t0 + Duration::from_millis(i), noop_waker()))
            .collect();
        // Cancel half exactly: not more than half, so no rebuild yet, and
        // the top entry is live, so nothing is popped.
        for key in &keys[100..] {
            timers.cancel(*key);
        }
        timers.clean();
        assert_eq!((timers.in_heap(), timers.active()), (200, 100));
        // One more cancellation tips it over half: rebuild.
        timers.cancel(keys[99]);
        timers.clean();
        assert_eq!((timers.in_heap(), timers.active()), (99, 99));
        // Cancelling the top pops it without a rebuild.
        timers.cancel(keys[0]);
        timers.clean();
        assert_eq!((timers.in_heap(), timers.active()), (98, 98));
    }
}
