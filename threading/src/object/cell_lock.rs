//! `CellLock`: the one-byte lock inside every [`PyCell`](super::cell::PyCell).
//!
//! ```text
//!            lock(): compare_exchange_weak(UNLOCKED → LOCKED, Acquire)
//!   UNLOCKED ─────────────────────────────────────────────────────▶ LOCKED
//!      ▲                                                              │
//!      └──────────────── unlock(): store(UNLOCKED, Release) ──────────┘
//!
//!   lock() found LOCKED ─▶ lock_contended() (#[cold]):
//!       spin_loop() up to SPIN_LIMIT times, then yield_now() in a loop,
//!       retrying the exchange whenever a plain load sees UNLOCKED.
//! ```
//!
//! Why not `std::sync::Mutex`: a profile of attribute reads (the dict probe
//! of `Dict::get_str` under pyperformance's `go`) spent ~80 % of the probe
//! on the mutex: the `lock cmpxchg` to lock, a second RMW (`xchg`) to
//! unlock, and the poison check (`panicking()`) on guard drop. std's futex
//! mutex must swap on unlock because a waiter may be asleep and need a
//! wake-up; it has no other way to learn that. This lock never sleeps, so
//! unlocking is a plain release store: ONE atomic RMW per critical section
//! instead of two, and no poison flag (a Python object never becomes
//! unusable, see `cell.rs`).
//!
//! The trade-off: no parking. Under a GIL the lock is never contended (only
//! the GIL holder touches objects), so the slow path never runs. Under
//! `--gil none` a waiter spins, then yields, while the holder works; if the
//! holder is descheduled mid-section the waiter burns its time slice in
//! `yield_now` instead of sleeping. That is acceptable only because the
//! critical sections are short by rule (no Python call and no GIL release
//! inside a guard, see `cell.rs`'s rules 1 and 2).
//!
//! Roads not taken:
//! - std's futex mutex (the previous version): sleeping waiters are cheap,
//!   but every unlock pays an RMW to find out whether anyone sleeps.
//! - CPython 3.13t's `PyMutex` (`Python/lock.c`): one byte too, but with a
//!   "has parked" bit: after ~40 spins a waiter parks in a hash table of
//!   wait queues keyed by address, and the unlocker, seeing the bit, pays
//!   the slow unlock. Adding that bit and a parking lot here is a possible
//!   later step if contended free-threaded workloads need it.
//!
//! Rule 3 of `cell.rs` (never lock the same cell twice on one thread) would
//! make this lock spin forever. In debug builds (the profile tests run
//! under) the lock records its holder's thread token and the slow path
//! panics with a message naming the rule instead; release builds keep the
//! one-byte state and the single exchange.
//!
//! In a process that promised one GIL-mode run at a time
//! (`cell_mode.rs`), [`CellLock::lock_under_gil`] replaces the exchange
//! with a plain load and store of the byte: the GIL is the lock, and the
//! byte only catches a broken rule (a panic where the exchange would spin).
//! `unlock` is the same in both modes (a release store is a plain `mov` on
//! x86).
//!
//! Memory orderings: the `Acquire` of a successful exchange in
//! [`CellLock::lock`] / `lock_contended` pairs with the `Release` store in
//! [`CellLock::unlock`] of the previous holder, so everything the previous
//! holder wrote inside its critical section is visible to the next one.
//!
//! Python equivalent: `PyMutex` (`Include/cpython/lock.h`) in the
//! free-threaded build; nothing in the GIL builds. Needs only std.

use std::sync::atomic::AtomicU8;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

/// The lock is free: the next `lock()` takes it with one exchange.
const UNLOCKED: u8 = 0;
/// A thread holds the lock; it is in a critical section of its cell.
const LOCKED: u8 = 1;

/// How many `spin_loop` hints a contended waiter issues before it starts
/// yielding its time slice. Short sections (a dict probe, a `Vec::push`)
/// finish within a few hundred cycles, so a short spin usually wins; a
/// descheduled holder needs the yield.
const SPIN_LIMIT: u32 = 100;

/// A one-byte spin-then-yield lock with no data; [`PyCell`](super::cell::PyCell)
/// pairs it with the `UnsafeCell` it guards.
pub struct CellLock {
    /// [`UNLOCKED`] or [`LOCKED`]. Taken by `lock` (Acquire exchange),
    /// released by `unlock` (Release store).
    state: AtomicU8,
    /// Debug builds only: the [`holder_token`] of the thread holding the
    /// lock, or [`NO_HOLDER`]. Written only by the holder (Relaxed: a
    /// thread only compares it with its own token, and its own writes are
    /// always visible to itself).
    #[cfg(debug_assertions)]
    holder: std::sync::atomic::AtomicUsize,
}

impl CellLock {
    /// An unlocked lock.
    pub const fn new() -> CellLock {
        CellLock {
            state: AtomicU8::new(UNLOCKED),
            #[cfg(debug_assertions)]
            holder: std::sync::atomic::AtomicUsize::new(NO_HOLDER),
        }
    }

    /// Takes the lock; returns once this thread holds it. Fast path: one
    /// exchange. `_weak` because a spurious failure only sends us to the
    /// retry loop, and on LL/SC machines it avoids an inner loop.
    #[inline]
    pub fn lock(&self) {
        // Acquire pairs with the Release store in `unlock`.
        if self
            .state
            .compare_exchange_weak(UNLOCKED, LOCKED, Acquire, Relaxed)
            .is_err()
        {
            self.lock_contended();
        }
        #[cfg(debug_assertions)]
        self.holder.store(holder_token(), Relaxed);
    }

    /// Marks the lock held for a caller whose exclusivity the process's one
    /// GIL already guarantees (`cell_mode.rs`'s claimed mode): a plain load
    /// and store of the byte, no read-modify-write. Finding it held means a
    /// rule of `cell.rs` was broken (a second guard on this thread, or a
    /// guard kept across a GIL release on another): that panics instead of
    /// letting two `&mut` alias.
    #[inline(always)]
    pub fn lock_under_gil(&self) {
        if self.state.load(Relaxed) != UNLOCKED {
            held_twice();
        }
        self.state.store(LOCKED, Relaxed);
        #[cfg(debug_assertions)]
        self.holder.store(holder_token(), Relaxed);
    }

    /// Releases the lock. The caller must hold it (the guard in `cell.rs`
    /// is the only caller, once per successful `lock`).
    #[inline]
    pub fn unlock(&self) {
        #[cfg(debug_assertions)]
        self.holder.store(NO_HOLDER, Relaxed);
        // Release pairs with the Acquire exchange of the next `lock`.
        self.state.store(UNLOCKED, Release);
    }

    /// The slow path: someone holds the lock. Out of line so that the fast
    /// path stays a handful of instructions at every call site.
    #[cold]
    #[inline(never)]
    fn lock_contended(&self) {
        #[cfg(debug_assertions)]
        if self.holder.load(Relaxed) == holder_token() {
            panic!(
                "PyCell locked twice by the same thread (cell.rs rule 3: \
                 never hold two guards of the same cell); this would spin forever"
            );
        }
        let mut spins = 0;
        loop {
            // Test before test-and-set: waiting on a plain load keeps the
            // cache line shared instead of bouncing it with failed RMWs.
            if self.state.load(Relaxed) == UNLOCKED
                // Acquire pairs with the Release store in `unlock`.
                && self
                    .state
                    .compare_exchange_weak(UNLOCKED, LOCKED, Acquire, Relaxed)
                    .is_ok()
            {
                return;
            }
            if spins < SPIN_LIMIT {
                spins += 1;
                std::hint::spin_loop();
            } else {
                // Simplification: a production lock would park here (see
                // the module docs' roads not taken).
                std::thread::yield_now();
            }
        }
    }
}

/// [`CellLock::lock_under_gil`] found the lock held: out of line, it never
/// runs in a correct program.
#[cold]
#[inline(never)]
fn held_twice() -> ! {
    panic!(
        "PyCell already held while the GIL guards cells (cell.rs rule 2 or 3: \
         a guard kept across a GIL release, or two guards of one cell)"
    );
}

impl Default for CellLock {
    fn default() -> CellLock {
        CellLock::new()
    }
}

/// Debug builds: the `holder` value of an unlocked lock (no thread's token).
#[cfg(debug_assertions)]
const NO_HOLDER: usize = 0;

/// Debug builds: a number unique to the calling thread for the life of the
/// process (a counter, not the address of a thread-local, which a later
/// thread may reuse). Never [`NO_HOLDER`].
#[cfg(debug_assertions)]
fn holder_token() -> usize {
    use std::sync::atomic::AtomicUsize;
    /// The next token to hand out; starts past `NO_HOLDER`.
    static NEXT_TOKEN: AtomicUsize = AtomicUsize::new(NO_HOLDER + 1);
    thread_local! {
        /// This thread's token, drawn on first use.
        static THIS_THREAD: usize = NEXT_TOKEN.fetch_add(1, Relaxed);
    }
    // During thread-local teardown the token is gone; a lock taken then
    // records NO_HOLDER and simply skips the re-lock check.
    THIS_THREAD.try_with(|t| *t).unwrap_or(NO_HOLDER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_then_unlock_leaves_it_free() {
        let lock = CellLock::new();
        lock.lock();
        assert_eq!(lock.state.load(Relaxed), LOCKED);
        lock.unlock();
        assert_eq!(lock.state.load(Relaxed), UNLOCKED);
        lock.lock();
        lock.unlock();
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "rule 3")]
    fn relock_on_the_same_thread_panics_in_debug() {
        let lock = CellLock::new();
        lock.lock();
        lock.lock();
    }

    #[test]
    fn lock_under_gil_marks_and_unlock_clears() {
        let lock = CellLock::new();
        lock.lock_under_gil();
        assert_eq!(lock.state.load(Relaxed), LOCKED);
        lock.unlock();
        assert_eq!(lock.state.load(Relaxed), UNLOCKED);
    }

    #[test]
    #[should_panic(expected = "rule 2 or 3")]
    fn lock_under_gil_on_a_held_lock_panics_in_every_build() {
        let lock = CellLock::new();
        lock.lock_under_gil();
        lock.lock_under_gil();
    }

    #[test]
    fn another_thread_waits_instead_of_panicking() {
        // The holder's token is not the waiter's, so the waiter takes the
        // slow path and spins/yields until the holder lets go.
        let lock = CellLock::new();
        let (tx, rx) = std::sync::mpsc::channel();
        lock.lock();
        std::thread::scope(|s| {
            s.spawn(|| {
                tx.send(()).unwrap();
                lock.lock();
                lock.unlock();
            });
            rx.recv().unwrap();
            lock.unlock();
        });
        assert_eq!(lock.state.load(Relaxed), UNLOCKED);
    }
}
