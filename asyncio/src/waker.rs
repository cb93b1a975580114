//! Wakers: a task's waker is just its number, packed into the pointer.
//!
//! A `std::task::Waker` is a data pointer plus a vtable of four functions
//! (`clone`, `wake`, `wake_by_ref`, `drop`). Our data "pointer" is not a
//! pointer at all: it is a 64-bit word holding which loop and which task
//! slot to wake.
//!
//! ```text
//!   63        48 47        32 31                      0
//!   ┌──────────┬────────────┬─────────────────────────┐
//!   │ loop id  │ generation │       slot index        │   (usize, 64-bit targets)
//!   └──────────┴────────────┴─────────────────────────┘
//! ```
//!
//! `wake` asks: is this thread running loop `loop id`? If so, the task's
//! key goes straight onto that loop's ready queue (a thread-local lookup, a
//! generation check, a `push_back`). If not — a `to_thread` worker finishing,
//! a waker sent to another thread — the word goes into the loop's
//! [`Remote`] inbox (a mutex-protected `Vec`) and the loop's eventfd is
//! written once, which makes its `epoll_wait` return.
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
//! Simplification: 64-bit targets only (a compile-time check below).

use crate::event_loop;
use crate::slab::Key;
use nix::sys::eventfd::{EfdFlags, EventFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{RawWaker, RawWakerVTable, Waker};

const _: () = assert!(usize::BITS == 64, "the packed waker needs a 64-bit usize");

/// The slot index that stands for `run`'s main future, which lives on
/// `run`'s stack rather than in the task slab.
pub(crate) const MAIN_INDEX: u32 = u32::MAX;

/// Packs (loop, slot) into a waker's data word.
#[inline]
pub(crate) fn pack(loop_id: u16, key: Key) -> usize {
    ((loop_id as usize) << 48) | (((key.generation as u16) as usize) << 32) | key.index as usize
}

/// Unpacks a data word into (loop id, slot index, low 16 bits of generation).
#[inline]
pub(crate) fn unpack(word: usize) -> (u16, u32, u16) {
    ((word >> 48) as u16, word as u32, (word >> 32) as u16)
}

/// The waker for slot `key` of loop `loop_id`. Creating it allocates
/// nothing.
#[inline]
pub(crate) fn task_waker(loop_id: u16, key: Key) -> Waker {
    let word = pack(loop_id, key);
    // The vtable's functions never dereference the data word (an integer
    // disguised as a pointer), so any value is valid. Clone returns an
    // equivalent waker, drop releases nothing because nothing was acquired,
    // and wake is safe from any thread (the `Remote` path off the loop's).
    // SAFETY: so the RawWaker contract holds for every data word.
    unsafe { Waker::from_raw(RawWaker::new(word as *const (), &VTABLE)) }
}

/// The four functions every waker of this crate shares.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// `Waker::clone`: the word is copied; nothing is counted.
fn clone(data: *const ()) -> RawWaker {
    RawWaker::new(data, &VTABLE)
}

/// `Waker::wake` (by value): same as by reference, nothing to release.
fn wake(data: *const ()) {
    deliver(data as usize);
}

/// `Waker::wake_by_ref`.
fn wake_by_ref(data: *const ()) {
    deliver(data as usize);
}

/// `Waker::drop`: nothing was acquired.
fn drop_waker(_data: *const ()) {}

/// Routes one wake-up: the loop's own thread schedules directly; any other
/// thread goes through the loop's [`Remote`] inbox.
#[inline]
fn deliver(word: usize) {
    if !event_loop::wake_local(word) {
        wake_remote(word);
    }
}

/// The part of a loop other threads may touch: an inbox of packed wakers
/// and the eventfd that interrupts the loop's `epoll_wait`.
pub(crate) struct Remote {
    /// Packed wakers delivered from other threads, drained once per tick.
    pub(crate) inbox: Mutex<Vec<usize>>,
    /// True while an eventfd write is outstanding, so a burst of remote
    /// wakes writes the eventfd once. Set with `swap(true, AcqRel)` by the
    /// waking thread after pushing (pairs with the loop's
    /// `swap(false, AcqRel)` before it drains the inbox).
    pub(crate) notified: AtomicBool,
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

    /// Called by the loop: takes every delivered waker word. Clears
    /// `notified` first, so a wake that races with the drain either lands
    /// in this drain or sets `notified` (and writes the eventfd) again.
    pub(crate) fn drain_into(&self, out: &mut Vec<usize>) {
        // AcqRel pairs with the waker's swap(true): if we see `true`, the
        // push that preceded it is visible (and the mutex orders it anyway).
        self.notified.swap(false, Ordering::AcqRel);
        let mut inbox = self
            .inbox
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        out.append(&mut inbox);
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

/// Every running loop's inbox, by loop id. Tiny (one entry per running
/// loop), so a `Vec` scan beats a hash map.
static REGISTRY: Mutex<Vec<(u16, Arc<Remote>)>> = Mutex::new(Vec::new());

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
        if !registry.iter().any(|(id, _)| *id == *next) {
            break;
        }
    }
    registry.push((*next, Arc::clone(&remote)));
    Ok((*next, remote))
}

/// Removes a finished loop: later remote wakes for it are dropped.
pub(crate) fn unregister_loop(loop_id: u16) {
    let mut registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    registry.retain(|(id, _)| *id != loop_id);
}

/// The cross-thread path: push the word into the loop's inbox and write the
/// eventfd unless a write is already outstanding. A loop that has finished
/// is no longer registered; the wake is dropped, as there is nothing left
/// to run.
fn wake_remote(word: usize) {
    let (loop_id, _, _) = unpack(word);
    let remote = {
        let registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
        match registry.iter().find(|(id, _)| *id == loop_id) {
            Some((_, remote)) => Arc::clone(remote),
            None => return,
        }
    };
    remote
        .inbox
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(word);
    // AcqRel pairs with the loop's swap(false) in `drain_into`.
    if !remote.notified.swap(true, Ordering::AcqRel) {
        // EAGAIN would mean the counter is saturated: the loop is awake.
        let _ = remote.eventfd.write(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trips() {
        let key = Key {
            index: 123_456,
            generation: 0x1_0007,
        };
        let (loop_id, index, generation16) = unpack(pack(42, key));
        assert_eq!((loop_id, index, generation16), (42, 123_456, 7));
    }
}
