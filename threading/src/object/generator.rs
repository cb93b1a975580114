//! Generators and coroutines: a function activation that can stop at
//! `yield` and be resumed later.
//!
//! ```text
//!   g = gen()        Generator { state: Suspended(frame at pc 0, no stack) }
//!   next(g)          Running: the frame is on the thread's frame list
//!     ... yield v    Suspended(frame at the yield, its stack slice saved)
//!   next(g)          Running again, from the instruction after the yield
//!     ... return     Done (StopIteration for the consumer)
//! ```
//!
//! The frame is one heap allocation (`Box<Frame>`) for the generator's
//! whole life: suspending and resuming move that pointer between the
//! generator and the thread's frame list, and the stack slice at the
//! `yield` waits in the frame's own `saved_stack` (CPython 3.11 likewise
//! keeps a generator's frame inside the generator object and links it
//! into the thread's frame chain on resumption).
//!
//! While running, the frame is out of the generator and on the running
//! thread's frame list, so a second `next(g)` from anywhere sees `Running`
//! and raises "generator already executing" (as CPython does), and the
//! frame loop resumes generators without Rust recursion.
//!
//! The state is one atomic pointer ([`FrameSlot`]), not a mutex around an
//! enum: a resumption takes the frame with one compare-exchange and a
//! `yield` puts it back with one release store, where a lock and an unlock
//! cost two atomic read-modify-writes each way (a recursive generator pays
//! them at every level for every item).
//!
//! ```text
//!   slot: *mut Frame      null ............ Running (the frame is on a frame list)
//!                         DONE (a marker) .. Done
//!                         anything else .... Suspended: the slot owns this Box<Frame>
//!
//!   take()     CAS frame ─▶ null (Acquire)    only from Suspended; else reports
//!   take_holding_gil()  load, then store null  the same, for a GIL holder (no CAS)
//!   suspend()  store frame (Release)          only by the thread that took it
//!   finish()   store DONE (Release)           likewise (`close` takes an unstarted frame first)
//! ```
//!
//! Invariants (cited by the `SAFETY` comments):
//! 1. A slot pointer other than null and `DONE` came from `Box::into_raw`
//!    and is owned by the slot: exactly one `take` turns it back into a
//!    box (the compare-exchange lets one taker win; under a GIL only one
//!    thread can be taking at all, which `take_holding_gil` relies on).
//! 2. Only the thread that took the frame (`Running`) stores into the
//!    slot, so a store never overwrites an owned frame.
//!
//! Python equivalent: `Objects/genobject.c` (`gen_send_ex`, `gi_frame_state`).

use super::frame::Frame;
use super::str::PyStr;
use crate::object::refcount::Arc;
use std::sync::atomic::AtomicPtr;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

/// What kind of suspendable function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A generator (`def` with `yield`).
    Generator,
    /// A coroutine (`async def`).
    Coroutine,
}

/// Where a generator is in its life (what [`FrameSlot::take`] found).
pub enum GenState {
    /// Waiting to be resumed: the frame, stopped after a `yield` (or not
    /// started: `pc == 0`), its value-stack slice in `saved_stack`.
    Suspended(Box<Frame>),
    /// Its frame is running on some thread.
    Running,
    /// Returned or raised: every further resumption raises
    /// `StopIteration`.
    Done,
}

/// A generator or coroutine object.
pub struct Generator {
    /// Generator or coroutine.
    pub kind: GenKind,
    /// `__name__`.
    pub name: Arc<PyStr>,
    /// `__qualname__`.
    pub qualname: Arc<PyStr>,
    /// Its suspended frame, or whether it runs or is done (another thread
    /// may try to resume it: see the module docs).
    pub state: FrameSlot,
}

impl Generator {
    /// A new, not yet started generator over `frame`.
    pub fn new(
        kind: GenKind,
        name: Arc<PyStr>,
        qualname: Arc<PyStr>,
        frame: Box<Frame>,
    ) -> Generator {
        Generator {
            kind,
            name,
            qualname,
            state: FrameSlot::new(frame),
        }
    }

    /// Whether the generator has finished.
    pub fn is_done(&self) -> bool {
        self.state.is_done()
    }

    /// Whether its frame is running on some thread (`gi_running`).
    pub fn is_running(&self) -> bool {
        self.state.is_running()
    }
}

// The slot hands a frame from thread to thread (an `AtomicPtr` is `Send`
// and `Sync` whatever it points to), so check here what a `Mutex<Frame>`
// would have required: the frame itself may move between threads.
const _: fn() = || {
    fn must_be_send<T: Send>() {}
    must_be_send::<Frame>();
};

/// The marker of a finished generator: an address no frame can have,
/// never dereferenced.
static DONE_MARK: u8 = 0;

/// [`DONE_MARK`]'s address as a slot value.
fn done() -> *mut Frame {
    std::ptr::addr_of!(DONE_MARK).cast_mut().cast::<Frame>()
}

/// A generator's frame while suspended, else a marker of running or done
/// (see the module docs for the encoding and its invariants).
pub struct FrameSlot {
    /// Null: running; [`done()`]: finished; else an owned `Box<Frame>`.
    ptr: AtomicPtr<Frame>,
}

impl FrameSlot {
    /// A slot owning a not yet started frame.
    pub fn new(frame: Box<Frame>) -> FrameSlot {
        FrameSlot {
            ptr: AtomicPtr::new(Box::into_raw(frame)),
        }
    }

    /// Takes the suspended frame (the generator is then `Running`), or
    /// reports `Running`/`Done` and changes nothing.
    pub fn take(&self) -> GenState {
        let mut cur = self.ptr.load(Acquire);
        loop {
            if cur.is_null() {
                return GenState::Running;
            }
            if cur == done() {
                return GenState::Done;
            }
            // Acquire pairs with the Release store of `suspend`: the frame
            // as its last runner left it.
            match self
                .ptr
                .compare_exchange_weak(cur, std::ptr::null_mut(), Acquire, Acquire)
            {
                // SAFETY: `cur` is neither null nor the marker, so by
                // invariant 1 it is an owned `Box<Frame>` pointer, and the
                // successful exchange made this call its only taker.
                Ok(_) => return GenState::Suspended(unsafe { Box::from_raw(cur) }),
                Err(now) => cur = now,
            }
        }
    }

    /// [`take`](Self::take) for a caller that holds a GIL (modes `New`
    /// and `Old`): a plain load and a plain store, no compare-exchange.
    ///
    /// Fast path: under a GIL only the holder runs Python code, and every
    /// `take`, `suspend` and `finish` of a slot is done by a thread running
    /// Python code, so no other thread can act on this slot between the
    /// load and the store: the exchange [`take`](Self::take) pays for (a
    /// locked read-modify-write, at every level of a `yield from` chain for
    /// every item) buys nothing. Without a GIL (`--gil none`, 3.13t) two
    /// threads may resume one generator at the same instant; a load then a
    /// store would let both see the frame and both own it (a double free),
    /// so that mode keeps the exchange (the plain path).
    ///
    /// # Safety
    /// The calling thread holds the GIL of a mode that excludes other
    /// Python threads (`GilMode::New` or `GilMode::Old`), and every thread
    /// that can reach this generator runs under that same GIL.
    pub unsafe fn take_holding_gil(&self) -> GenState {
        // Acquire pairs with the Release store of `suspend` (the GIL's
        // hand-off orders them too; the Acquire costs nothing on x86).
        let cur = self.ptr.load(Acquire);
        if cur.is_null() {
            return GenState::Running;
        }
        if cur == done() {
            return GenState::Done;
        }
        // Relaxed: the null store publishes nothing (no frame to read);
        // the next `suspend`'s Release store is what a later taker pairs
        // with.
        self.ptr.store(std::ptr::null_mut(), Relaxed);
        // `cur` is neither null nor the marker, so by invariant 1 it is an
        // owned `Box<Frame>` pointer; by this function's contract no other
        // thread takes between the load and the store above, so this call
        // is its only taker (invariant 1 as the exchange keeps it).
        // SAFETY: so `cur` is an owned box pointer, reclaimed exactly once.
        GenState::Suspended(unsafe { Box::from_raw(cur) })
    }

    /// Puts a taken frame back (a `yield`, or a look that changed nothing).
    pub fn suspend(&self, frame: Box<Frame>) {
        // Release pairs with the Acquire of the next `take`. A plain store:
        // by invariant 2 the slot holds null here, nothing to free.
        self.ptr.store(Box::into_raw(frame), Release);
    }

    /// Marks the generator finished (by the thread that took its frame).
    pub fn finish(&self) {
        self.ptr.store(done(), Release);
    }

    /// Whether the generator has finished.
    pub fn is_done(&self) -> bool {
        self.ptr.load(Acquire) == done()
    }

    /// Whether the frame is out, running.
    pub fn is_running(&self) -> bool {
        self.ptr.load(Acquire).is_null()
    }
}

impl Drop for FrameSlot {
    fn drop(&mut self) {
        let p = *self.ptr.get_mut();
        if !p.is_null() && p != done() {
            // SAFETY: invariant 1: an owned `Box<Frame>` pointer, and
            // `&mut self` means no `take` can race this one.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}
