//! How this process synchronises objects: every [`PyCell`](super::cell::PyCell)
//! lock and every reference count ([`Arc`](super::refcount::Arc)) is either
//! atomic (the default: any number of runs, any GIL mode) or — once the
//! process has promised to run one interpreter run at a time — only as
//! atomic as that run needs.
//!
//! ```text
//!   default (not claimed)      cells: atomic lock      counts: atomic
//!
//!   claim_one_run_at_a_time()  (the `minipy` CLI, before its one run)
//!        │
//!        ├─ a GIL-mode run     cells: plain mark       counts: plain
//!        │                     (the GIL is the lock: only its holder
//!        │                      touches objects)
//!        │
//!        └─ a free-threaded    cells and counts: plain while the run has
//!           run (--gil none)   ONE thread; atomic (cells: 3.13t's critical
//!                              sections) from the moment it starts a
//!                              second (`thread_starting`)
//!
//!   RunTicket::start(kind) for every run (interp.rs): in a claimed
//!   process a second run at the same time panics (two runs = two threads
//!   in the process-wide built-in types without a common lock).
//! ```
//!
//! Why a process-wide choice and not a per-interpreter one: the built-in
//! types (`object/builtin_types.rs`) and interned strings are shared by
//! every run in the process, so an object can be reached by two runs at
//! once unless only one run exists. The `minipy` CLI runs exactly one
//! program per process, so it claims; a library embedding MiniPy (the
//! tests run many interpreters side by side on one process's threads) does
//! not, and keeps everything atomic.
//!
//! Why this is sound when claimed: under a GIL only its holder runs
//! bytecode or native functions; `cell.rs`'s rule 2 (no guard across a GIL
//! release) means no other thread holds a guard while it does, and the
//! GIL's own mutex orders one holder's writes (cells and counts) before the
//! next holder's reads. Threads outside the GIL touch no object: a blocking
//! call's closure works on native state only (sockets, sleeps, lock
//! handles, stdio buffers, each with its own synchronisation, and each
//! behind std's `Arc`), a thread drops every value it holds before it
//! releases the GIL for the last time (`ThreadCtx::drop_values`), and the
//! runtime is dropped after every thread is joined. A free-threaded run
//! with one thread has no one to race with; [`thread_starting`] switches
//! the counts and the cells to atomic before the second thread exists (the
//! spawn orders the switch before anything that thread does), and they
//! stay atomic until the run ends. A guard the starting thread still held
//! at the switch was marked with a plain store and is released, as every
//! guard is, with a `Release` store, which the new thread's first
//! `Acquire` exchange on that cell then sees.
//!
//! The lock byte is still written under the GIL, so a broken cell rule is
//! caught instead of becoming undefined behaviour: a second guard on a held
//! cell (rule 3, or rule 2 broken by another thread) panics naming the
//! rule. The check is not atomic, so it catches what tests exercise, not a
//! proof; the proof is the rules.
//!
//! The branch per operation: a lock or a count change reads this module's
//! answer (a relaxed load of one byte, the same value for the whole run,
//! so the branch is always predicted). The issue asked for "a compile-time
//! or per-interpreter choice, not a branch per operation"; the road not
//! taken is a second copy of the whole VM monomorphised over a policy
//! type, which would double the crate's machine code for the price of one
//! predicted branch, and a cargo feature would make `--gil none` and the
//! GIL modes two binaries.
//!
//! Python equivalent: CPython builds the choice in at compile time
//! (`Py_GIL_DISABLED`: critical sections and atomic or biased counts exist
//! only in the free-threaded build; a GIL build's `Py_INCREF` is a plain
//! add and its `Py_BEGIN_CRITICAL_SECTION` is empty). The one-thread phase
//! of a free-threaded run is a simplification of PEP 703's biased reference
//! counting: there, the thread that made an object counts it without
//! atomics for its whole life and other threads count on a second, atomic
//! field; here, every object counts plainly until a second thread exists
//! and atomically from then on. Its cells likewise: 3.13t's critical
//! sections take a mutex with an atomic exchange even in a one-thread
//! program (though it reads list and dict items without one), ours mark
//! the byte plainly until the second thread — a difference of cost, not of
//! behaviour, since nothing can contend. Needs only std.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicBool, AtomicUsize};

/// [`STATE`] bit: the process is claimed.
const CLAIMED: usize = 1 << (usize::BITS - 1);
/// [`STATE`] bit: the (one) run going on is free-threaded.
const FREE_RUN: usize = 1 << (usize::BITS - 2);
/// [`STATE`] bit: that free-threaded run has started a second thread.
const SHARED: usize = 1 << (usize::BITS - 3);
/// The low bits of [`STATE`]: how many runs are going on now.
const RUNS: usize = SHARED - 1;

/// The flags above plus the number of runs. Relaxed throughout: a run
/// starts and ends on threads that the caller already orders (a run is a
/// function call that joins all its threads), the claim happens before the
/// first run by the same rule, and [`thread_starting`] happens before the
/// spawn of the thread it is about.
static STATE: AtomicUsize = AtomicUsize::new(0);

/// [`STATE`]'s two answers, each in a byte of its own, rewritten by
/// [`publish`] after every change of `STATE`. Why not test `STATE`'s bits
/// at each use (as this file first did): the answer is read on every lock
/// and every count change, and a load, a mask, a compare and a branch
/// were twice the instructions of a byte test and a branch (go: 4 % of
/// its instructions went to these tests). The bytes are only ever
/// rewritten at the moments `STATE` changes, which the callers already
/// order (see `STATE`): a claimed process has one run, so no two changes
/// race; an unclaimed one may run many at once, but then both answers are
/// `false` whichever change publishes last.
static CELLS_BY_GIL: AtomicBool = AtomicBool::new(false);
/// See [`CELLS_BY_GIL`].
static COUNTS_PLAIN: AtomicBool = AtomicBool::new(false);

/// Recomputes the two answers from [`STATE`] (after each change of it).
/// They are the same answer today — claimed, and one thread touches
/// objects (a GIL-mode run, or a free-threaded one before its second
/// thread) — kept in two bytes named for their two uses. Until the tenth
/// round a free-threaded run's cells were atomic from its start: nbody
/// spent 27 % of its samples in the one-thread run's `lock cmpxchg`, and
/// the bench's `free_threaded_single_thread_overhead` read 0.16 against the
/// issue's 0.10 (3.13t does take its critical sections' mutex with an
/// atomic exchange, but reads list and dict items without one).
fn publish() {
    let s = STATE.load(Relaxed);
    CELLS_BY_GIL.store(s & (CLAIMED | SHARED) == CLAIMED, Relaxed);
    COUNTS_PLAIN.store(s & (CLAIMED | SHARED) == CLAIMED, Relaxed);
}

/// Whether cells are held without an atomic exchange: claimed, and a
/// GIL-mode run (the GIL is the lock) or a free-threaded one that has one
/// thread (no one to race with). Read on every
/// [`PyCell::lock`](super::cell::PyCell::lock).
#[inline(always)]
pub fn gil_holds_cells() -> bool {
    CELLS_BY_GIL.load(Relaxed)
}

/// Whether reference counts may be plain (claimed, and either a GIL-mode
/// run or a free-threaded one that has one thread). Read on every
/// [`Arc`](super::refcount::Arc) clone and drop.
#[inline(always)]
pub fn counts_are_plain() -> bool {
    COUNTS_PLAIN.load(Relaxed)
}

/// Why [`claim_one_run_at_a_time`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefused {
    /// A run is already going on: its objects are synchronised atomically,
    /// and a run cannot switch halfway.
    RunInProgress,
}

/// Promises that from now on this process runs one interpreter run at a
/// time, so objects need only the synchronisation that run needs (module
/// docs). A later run that would break the promise panics in
/// [`RunTicket::start`]. Call it before any MiniPy object exists (the CLI
/// calls it first thing in `main`).
pub fn claim_one_run_at_a_time() -> Result<(), ClaimRefused> {
    match STATE.fetch_update(Relaxed, Relaxed, |s| (s & RUNS == 0).then_some(s | CLAIMED)) {
        Ok(_) => {
            publish();
            Ok(())
        }
        Err(_) => Err(ClaimRefused::RunInProgress),
    }
}

/// What kind of run asks for a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// One of the GIL modes (`--gil new`, `--gil old`).
    WithGil,
    /// `--gil none`: objects need their own locks, and atomic counts once
    /// a second thread runs.
    FreeThreaded,
}

/// A run's place in [`STATE`]: taken when a run starts, given back when
/// it is dropped (after the run has joined all its threads).
pub struct RunTicket {
    /// Private: only [`RunTicket::start`] makes one.
    _private: (),
}

impl RunTicket {
    /// Registers a run of `kind`.
    ///
    /// # Panics
    /// In a claimed process, when another run is going on: running both
    /// would break the promise the claim made (memory safety rests on it),
    /// so the embedding program is stopped at its mistake instead.
    pub fn start(kind: RunKind) -> RunTicket {
        let r = STATE.fetch_update(Relaxed, Relaxed, |s| {
            if s & CLAIMED == 0 {
                return Some(s + 1);
            }
            if s & RUNS > 0 {
                return None;
            }
            let free = if kind == RunKind::FreeThreaded {
                FREE_RUN
            } else {
                0
            };
            Some((s & !(FREE_RUN | SHARED)) + free + 1)
        });
        publish();
        if r.is_err() {
            panic!(
                "this process claimed one run at a time (cell_mode::claim_one_run_at_a_time); \
                 a second concurrent run would share objects without atomic synchronisation"
            );
        }
        RunTicket { _private: () }
    }
}

impl Drop for RunTicket {
    fn drop(&mut self) {
        let _ = STATE.fetch_update(Relaxed, Relaxed, |s| Some((s & !(FREE_RUN | SHARED)) - 1));
        publish();
    }
}

/// Called by `_thread.start_new_thread` before it spawns the OS thread:
/// a claimed free-threaded run's counts and cells become atomic from here
/// on (a GIL run's stay plain: its GIL serialises them however many
/// threads run).
pub fn thread_starting() {
    let _ = STATE.fetch_update(Relaxed, Relaxed, |s| {
        (s & (CLAIMED | FREE_RUN) == CLAIMED | FREE_RUN && s & SHARED == 0).then_some(s | SHARED)
    });
    publish();
}
