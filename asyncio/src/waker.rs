//! Wakers: a task's waker is just its number, packed into the pointer —
//! and both roads a wake-up can take, the same-thread one and the
//! cross-thread one.
//!
//! A `std::task::Waker` is a data pointer plus a vtable of four functions
//! (`clone`, `wake`, `wake_by_ref`, `drop`). Our data "pointer" is not a
//! pointer at all: it is a 64-bit word holding a [`WakeTarget`] — which
//! loop and which task slot to wake.
//!
//! ```text
//!   63        48 47        32 31                      0
//!   ┌──────────┬────────────┬─────────────────────────┐
//!   │ loop_id  │ generation │       slot index        │   (usize, 64-bit targets)
//!   └──────────┴────────────┴─────────────────────────┘
//!
//!   wake(word) ──▶ this thread's LocalHook is loop_id's? ──yes──▶ hook.schedule(target)
//!                        │ no                                   (push on its ready queue)
//!                        ▼
//!                  REGISTRY[loop_id].inbox.push(word); eventfd += 1 (once per burst)
//! ```
//!
//! **Same thread.** A running loop installs a [`LocalHook`] on its thread
//! ([`with_local_hook`]) for as long as it runs: a pointer to itself and
//! the function that schedules one target. This file never names the
//! loop's type — the hook is the whole interface, so `waker.rs` sits below
//! `event_loop.rs` and can be read (and copied) without it.
//!
//! **Other threads** (a `to_thread` worker finishing, a waker sent away):
//! the word goes into the loop's [`Remote`] inbox (a mutex-protected `Vec`)
//! and the loop's eventfd is written once, which makes its `epoll_wait`
//! return; the loop drains the inbox once per tick.
//!
//! The choice and its cost (the three roads):
//! - **Rc + task id** would be cheapest but `Waker` must be `Send + Sync`;
//!   an `Rc` inside one is unsound the moment a waker crosses threads.
//! - **Arc + atomics** (tokio, async-task): the waker points at the task's
//!   allocation; every clone/drop is an atomic increment/decrement, and a
//!   wake reaches the task without any lookup.
//! - **This one**: clone and drop cost nothing (there is nothing to count),
//!   a waker never keeps a task alive, and a stale waker is harmless — the
//!   slot generation no longer matches, or (after 65,536 reuses of one slot,
//!   since only 16 bits fit) it causes one spurious poll, which every future
//!   must tolerate anyway. The price: a cross-thread wake takes a global
//!   mutex to find the loop's inbox. Those are rare (thread-pool
//!   completions), local wakes are the hot path.
//!
//! Python equivalent: none needed — a Python "waker" is
//! `loop.call_soon(task.__step)`, and `loop.call_soon_threadsafe` (which
//! writes to the loop's self-pipe) is the cross-thread path.
//!
//! Needs: `slab.rs` (the [`Key`] a target is built from) and `nix`
//! (eventfd). Simplification: 64-bit targets only (a compile-time check
//! below).

use crate::slab::Key;
use nix::sys::eventfd::{EfdFlags, EventFd};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{RawWaker, RawWakerVTable, Waker};

const _: () = assert!(usize::BITS == 64, "the packed waker needs a 64-bit usize");

/// What one waker wakes: a task slot of one loop. Packed into the waker's
/// data word (see the module doc's diagram).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WakeTarget {
    /// The loop that owns the slot (ids are unique among running loops).
    pub(crate) loop_id: u16,
    /// The task's slot index in that loop's task slab.
    pub(crate) index: u32,
    /// The low 16 bits of the slot's generation: enough to tell a stale
    /// waker from the slot's next tenant, except after 65,536 reuses.
    pub(crate) generation16: u16,
}

impl WakeTarget {
    /// The target for slot `key` of loop `loop_id`.
    #[inline]
    pub(crate) fn new(loop_id: u16, key: Key) -> WakeTarget {
        WakeTarget {
            loop_id,
            index: key.index,
            // Truncation is the point: 16 bits of generation fit the word.
            generation16: key.generation as u16,
        }
    }

    /// The target as a waker's data word.
    #[inline]
    fn pack(self) -> usize {
        ((self.loop_id as usize) << 48) | ((self.generation16 as usize) << 32) | self.index as usize
    }

    /// The target a data word holds.
    #[inline]
    fn unpack(word: usize) -> WakeTarget {
        WakeTarget {
            loop_id: (word >> 48) as u16,
            index: word as u32,
            generation16: (word >> 32) as u16,
        }
    }
}

/// The waker for `target`. Creating it allocates nothing.
#[inline]
pub(crate) fn task_waker(target: WakeTarget) -> Waker {
    let word = target.pack();
    // The vtable's functions never dereference the data word (an integer
    // disguised as a pointer), so any value is valid. Clone returns an
    // equivalent waker, drop releases nothing because nothing was acquired,
    // and wake is safe from any thread (the `Remote` path off the loop's).
    // SAFETY: so the RawWaker contract holds for every data word.
    unsafe { Waker::from_raw(RawWaker::new(word as *const (), &VTABLE)) }
}

/// Wakes `target` without building a waker: the road a task's schedule
/// callback takes (see `task.rs`).
#[inline]
pub(crate) fn wake(target: WakeTarget) {
    deliver(target);
}

/// The four functions every waker of this crate shares.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake_by_value, wake_by_ref, drop_waker);

/// `Waker::clone`: the word is copied; nothing is counted.
fn clone(data: *const ()) -> RawWaker {
    RawWaker::new(data, &VTABLE)
}

/// `Waker::wake` (by value): same as by reference, nothing to release.
fn wake_by_value(data: *const ()) {
    deliver(WakeTarget::unpack(data as usize));
}

/// `Waker::wake_by_ref`.
fn wake_by_ref(data: *const ()) {
    deliver(WakeTarget::unpack(data as usize));
}

/// `Waker::drop`: nothing was acquired.
fn drop_waker(_data: *const ()) {}

// ───────────────────────────── the same-thread road ─────────────────────────────

/// What a loop does with a same-thread wake-up: put the target's task on
/// its ready queue (once). Implemented by the loop in `event_loop.rs`.
pub(crate) trait LocalScheduler {
    /// Schedules the task `target` names, if it is still in the slab.
    fn schedule_local(&self, target: WakeTarget);
}

/// The hook a running loop installs on its thread.
#[derive(Clone, Copy)]
struct LocalHook {
    /// The installing loop's id: wakes for other loops take the remote road.
    loop_id: u16,
    /// The loop, type-erased (a `*const S` for the `S` of `schedule`).
    scheduler: *const (),
    /// `S::schedule_local`, monomorphised for the installing loop's type.
    schedule: fn(*const (), WakeTarget),
}

thread_local! {
    /// The loop running on this thread, as far as wakes are concerned.
    /// Set and restored only by [`with_local_hook`].
    static LOCAL_HOOK: Cell<Option<LocalHook>> = const { Cell::new(None) };
}

/// Calls `S::schedule_local` on a type-erased `S`.
fn schedule_erased<S: LocalScheduler>(scheduler: *const (), target: WakeTarget) {
    // `scheduler` came from a `&S` in `with_local_hook`, and the hook that
    // carries it is installed only while that call — and so that borrow —
    // is on the stack (the guard there removes it on return and on unwind).
    // SAFETY: so the pointer is a live, shared `&S`.
    let scheduler = unsafe { &*scheduler.cast::<S>() };
    scheduler.schedule_local(target);
}

/// Runs `body` with `scheduler` taking the wake-ups of loop `loop_id` on
/// this thread. Scoped on purpose: no guard escapes, so the pointer in the
/// hook can never outlive the borrow it came from.
pub(crate) fn with_local_hook<S: LocalScheduler, R>(
    loop_id: u16,
    scheduler: &S,
    body: impl FnOnce() -> R,
) -> R {
    /// Puts the previous hook back, on return and on unwind.
    struct Restore {
        /// The hook installed before this call (`None` but for nested
        /// loops on one thread, which `run` refuses).
        previous: Option<LocalHook>,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            LOCAL_HOOK.with(|h| h.set(self.previous));
        }
    }
    let hook = LocalHook {
        loop_id,
        scheduler: std::ptr::from_ref(scheduler).cast(),
        schedule: schedule_erased::<S>,
    };
    let _restore = Restore {
        previous: LOCAL_HOOK.with(|h| h.replace(Some(hook))),
    };
    body()
}

/// Routes one wake-up: the loop's own thread schedules directly; any other
/// thread goes through the loop's [`Remote`] inbox.
#[inline]
fn deliver(target: WakeTarget) {
    match LOCAL_HOOK.with(Cell::get) {
        Some(hook) if hook.loop_id == target.loop_id => (hook.schedule)(hook.scheduler, target),
        _ => wake_remote(target),
    }
}

// ───────────────────────────── the cross-thread road ─────────────────────────────

/// The part of a loop other threads may touch: an inbox of packed wakers
/// and the eventfd that interrupts the loop's `epoll_wait`.
pub(crate) struct Remote {
    /// Packed wakers delivered from other threads, drained once per tick.
    inbox: Mutex<Vec<usize>>,
    /// True while an eventfd write is outstanding, so a burst of remote
    /// wakes writes the eventfd once. Set with `swap(true, AcqRel)` by the
    /// waking thread after pushing (pairs with the loop's
    /// `swap(false, AcqRel)` before it drains the inbox).
    notified: AtomicBool,
    /// Written (+1) to wake the loop; registered in its epoll set.
    pub(crate) eventfd: EventFd,
}

impl Remote {
    /// A fresh inbox with a non-blocking eventfd.
    fn new() -> nix::Result<Remote> {
        Ok(Remote {
            inbox: Mutex::new(Vec::new()),
            notified: AtomicBool::new(false),
            eventfd: EventFd::from_flags(EfdFlags::EFD_NONBLOCK | EfdFlags::EFD_CLOEXEC)?,
        })
    }

    /// Called by the loop: appends every delivered target to `out`. Clears
    /// `notified` first, so a wake that races with the drain either lands
    /// in this drain or sets `notified` (and writes the eventfd) again.
    pub(crate) fn drain_into(&self, out: &mut Vec<WakeTarget>) {
        // AcqRel pairs with the waker's swap(true): if we see `true`, the
        // push that preceded it is visible (and the mutex orders it anyway).
        self.notified.swap(false, Ordering::AcqRel);
        let mut inbox = self
            .inbox
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        out.extend(inbox.drain(..).map(WakeTarget::unpack));
    }

    /// Called by the loop when epoll reports the eventfd readable: resets
    /// its counter so it stops being readable. Done on every report, not
    /// only after a drain: a waker may write the eventfd just *after* the
    /// loop drained its push, and a counter left non-zero would make every
    /// later `epoll_wait` return at once (a busy loop).
    pub(crate) fn reset_eventfd(&self) {
        // EAGAIN (already zero) is fine.
        let _ = self.eventfd.read();
    }

    /// True when some other thread delivered wakers not yet drained.
    pub(crate) fn has_pending(&self) -> bool {
        // Acquire pairs with the waker's swap(true, AcqRel).
        self.notified.load(Ordering::Acquire)
    }
}

/// One running loop's entry in the [`REGISTRY`].
struct Registered {
    /// The loop's id.
    loop_id: u16,
    /// Its inbox.
    remote: Arc<Remote>,
}

/// Every running loop's inbox. Tiny (one entry per running loop), so a
/// `Vec` scan beats a hash map.
static REGISTRY: Mutex<Vec<Registered>> = Mutex::new(Vec::new());

/// The last loop id handed out.
static NEXT_ID: Mutex<u16> = Mutex::new(0);

/// Registers a new loop: picks an id no running loop uses and creates its
/// inbox.
pub(crate) fn register_loop() -> nix::Result<(u16, Arc<Remote>)> {
    let remote = Arc::new(Remote::new()?);
    let mut registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    let mut next = NEXT_ID.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        *next = next.wrapping_add(1);
        if !registry.iter().any(|r| r.loop_id == *next) {
            break;
        }
    }
    registry.push(Registered {
        loop_id: *next,
        remote: Arc::clone(&remote),
    });
    Ok((*next, remote))
}

/// Removes a finished loop: later remote wakes for it are dropped.
pub(crate) fn unregister_loop(loop_id: u16) {
    let mut registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    registry.retain(|r| r.loop_id != loop_id);
}

/// The cross-thread path: push the word into the loop's inbox and write the
/// eventfd unless a write is already outstanding. A loop that has finished
/// is no longer registered; the wake is dropped, as there is nothing left
/// to run.
///
/// The registry lock is held across the push and the write, on purpose: a
/// waker holding its own clone of the `Arc<Remote>` past the lock would keep
/// the loop's eventfd open after the loop ended (the loop wakes on our
/// write, finishes, and drops its `Arc` while ours is still alive), so the
/// process's fd count would return to baseline only "soon". Under the lock,
/// `unregister_loop` waits for a wake in flight and the loop's `Arc` is the
/// last one. The road not taken, cloning out and writing unlocked, shortens
/// the critical section by one `write(2)` and loses that guarantee.
fn wake_remote(target: WakeTarget) {
    let registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    let Some(registered) = registry.iter().find(|r| r.loop_id == target.loop_id) else {
        return;
    };
    let remote = &registered.remote;
    remote
        .inbox
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(target.pack());
    // AcqRel pairs with the loop's swap(false) in `drain_into`.
    if !remote.notified.swap(true, Ordering::AcqRel) {
        // EAGAIN would mean the counter is saturated: the loop is awake.
        let _ = remote.eventfd.write(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn a_target_round_trips_through_the_data_word() {
        let key = Key {
            index: 123_456,
            generation: 0x1_0007,
        };
        let target = WakeTarget::new(42, key);
        assert_eq!(WakeTarget::unpack(target.pack()), target);
        assert_eq!(
            (target.loop_id, target.index, target.generation16),
            (42, 123_456, 7)
        );
    }

    /// Records the targets it is asked to schedule.
    struct Recorder(RefCell<Vec<WakeTarget>>);

    impl LocalScheduler for Recorder {
        fn schedule_local(&self, target: WakeTarget) {
            self.0.borrow_mut().push(target);
        }
    }

    #[test]
    fn same_thread_wakes_reach_the_hook_only_while_it_is_installed() {
        let recorder = Recorder(RefCell::new(Vec::new()));
        let mine = WakeTarget::new(
            7,
            Key {
                index: 1,
                generation: 2,
            },
        );
        let other_loop = WakeTarget { loop_id: 8, ..mine };
        with_local_hook(7, &recorder, || {
            task_waker(mine).wake_by_ref();
            task_waker(mine).wake();
            // Loop 8 is not registered: the remote road drops it.
            task_waker(other_loop).wake();
        });
        // Uninstalled: the remote road again, and loop 7 is not registered.
        task_waker(mine).wake();
        assert_eq!(*recorder.0.borrow(), vec![mine, mine]);
    }
}
