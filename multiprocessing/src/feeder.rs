//! A queue's feeder thread: `put` hands encoded frames to it and returns;
//! the thread writes them to the pipe, so `put` never blocks on a full pipe.
//!
//! ```text
//!   put ──▶ [ buffer: frames ]  ──wake──▶ feeder thread ──wlock, write(2)──▶ pipe ──▶ get (any process)
//!           (this process only)            (one per queue per process,
//!                                            started by the first put)
//!   close:  no more puts; the thread writes what is buffered, then exits
//!   join_thread: wait for that;  cancel_join_thread: do not wait (items may be lost)
//! ```
//!
//! Why a thread: a pipe holds 64 KiB; a producer writing in its own thread
//! blocks once nobody reads, which turns "put into an unbounded queue" into
//! a potential deadlock (and breaks `put_timeout`). CPython's
//! `multiprocessing.Queue` has the same feeder (`Queue._feed`), with the same
//! consequence: a process does not exit until its feeder has flushed —
//! unless `cancel_join_thread` was called.
//!
//! ## Per process
//! The buffer belongs to the process that put into it. A forked child sees a
//! copy of its parent's state, including frames the parent's feeder has not
//! written yet and a handle to a thread that does not exist in the child; so
//! the state records its owner's pid, and a child that puts starts afresh
//! (its copy of the parent's buffer is the parent's to write). The state's
//! mutex is only ever taken under [`fork::no_fork_now`], so no fork copies
//! it locked. A child flushes its own feeder before it `_exit`s
//! ([`fork::at_child_exit`]); the main program flushes when the last handle
//! of the queue is dropped.
//!
//! The feeder sleeps on a futex word (`wakeups`), not a `Condvar`: waiting
//! on a condvar would mean holding the no-fork guard while asleep.
//!
//! Needs: `fork.rs` (the no-fork guard, exit hooks, internal threads),
//! `sync.rs` (`RawLock`), `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.queues.Queue._start_thread`, `_feed`,
//! `close`, `join_thread`, `cancel_join_thread`.

use crate::error::{Error, Result};
use crate::fork;
use crate::sync::RawLock;
use crate::sys::{futex_wait, futex_wake};
use std::collections::VecDeque;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// What the feeder writes to: the pipe's write end and the lock that keeps
/// frames whole (shared with other processes' writers).
pub(crate) trait Sink: Send + Sync + 'static {
    /// The pipe's write end.
    fn fd(&self) -> RawFd;
    /// The cross-process write lock.
    fn wlock(&self) -> &RawLock;
}

/// Where this process's feeder is in its life.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
enum Phase {
    /// `put` is allowed.
    #[default]
    Open,
    /// `close` was called: the thread writes what is left, then exits.
    Closed,
}

/// The per-process feeder state, under [`Feeder::state`].
#[derive(Default)]
struct State {
    /// The process this state belongs to (see "Per process").
    pid: u32,
    /// Encoded frames not yet written, oldest first.
    buffer: VecDeque<Vec<u8>>,
    /// Open or closed.
    phase: Phase,
    /// The thread, once started (joined by `join`).
    thread: Option<std::thread::JoinHandle<()>>,
    /// `cancel_join_thread` was called: never wait for the thread.
    join_cancelled: bool,
    /// The exit hook that flushes this feeder in a child (kept alive here;
    /// the registry holds a weak reference).
    exit_hook: Option<Arc<dyn Fn() + Send + Sync>>,
}

/// A queue's feeder, shared by every handle of the queue in a process.
pub(crate) struct Feeder {
    /// Buffer, phase and thread.
    state: Mutex<State>,
    /// Bumped on every hand-over; the thread sleeps on it (a futex word).
    wakeups: AtomicU32,
}

impl Feeder {
    /// A feeder with no thread yet.
    pub(crate) fn new() -> Arc<Feeder> {
        Arc::new(Feeder {
            state: Mutex::new(State::default()),
            wakeups: AtomicU32::new(0),
        })
    }

    /// This process's state, reset if it was copied from a parent. The
    /// caller holds the no-fork guard.
    fn state(&self) -> MutexGuard<'_, State> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let me = std::process::id();
        if state.pid != me {
            // A copy from our parent: its frames are the parent's to write,
            // its thread does not exist here (forget, never join, the handle).
            std::mem::forget(state.thread.take());
            *state = State {
                pid: me,
                ..State::default()
            };
        }
        state
    }

    /// Wakes the thread.
    fn wake(&self) {
        // Release: pairs with the thread's Acquire load; the frame pushed
        // under the mutex is visible to it either way (it takes the mutex).
        self.wakeups.fetch_add(1, Ordering::Release);
        futex_wake(&self.wakeups, 1);
    }

    /// Hands one frame to the thread (starting it on first use).
    /// `Err(State)` after `close`.
    pub(crate) fn put(self: &Arc<Self>, frame: Vec<u8>, sink: &Arc<impl Sink>) -> Result<()> {
        let started = {
            let _no_fork = fork::no_fork_now();
            let mut state = self.state();
            if state.phase == Phase::Closed {
                return Err(Error::State("queue is closed"));
            }
            state.buffer.push_back(frame);
            if state.thread.is_some() {
                None
            } else {
                let feeder = Arc::clone(self);
                let sink = Arc::clone(sink);
                state.thread = Some(fork::spawn_internal("queue-feeder", move || {
                    feeder.run(&*sink)
                })?);
                let weak = Arc::downgrade(self);
                let hook: Arc<dyn Fn() + Send + Sync> = Arc::new(move || {
                    if let Some(feeder) = weak.upgrade() {
                        feeder.close();
                        let _ = feeder.join();
                    }
                });
                let registered = Arc::downgrade(&hook);
                state.exit_hook = Some(hook);
                Some(registered)
            }
        };
        // Registered outside the no-fork guard (it takes it itself; a read
        // lock taken twice can deadlock behind a waiting fork).
        if let Some(hook) = started {
            fork::at_child_exit(hook);
        }
        self.wake();
        Ok(())
    }

    /// The thread: writes frames until closed and drained.
    fn run(&self, sink: &dyn Sink) {
        loop {
            // Acquire: pairs with `wake`'s Release.
            let seen = self.wakeups.load(Ordering::Acquire);
            let (frames, phase) = {
                let _no_fork = fork::no_fork_now();
                let mut state = self.state();
                (std::mem::take(&mut state.buffer), state.phase)
            };
            if frames.is_empty() {
                if phase == Phase::Closed {
                    return;
                }
                futex_wait(&self.wakeups, seen, None);
                continue;
            }
            for frame in frames {
                sink.wlock().acquire(None);
                // Simplification: a write error (no reader left anywhere)
                // drops the frame, as CPython's feeder does with EPIPE.
                let _ = crate::sys::write_all(sink.fd(), &frame, false);
                sink.wlock().release();
            }
        }
    }

    /// No more puts from this process; the thread exits once it has
    /// written what is buffered.
    pub(crate) fn close(&self) {
        {
            let _no_fork = fork::no_fork_now();
            self.state().phase = Phase::Closed;
        }
        self.wake();
    }

    /// Whether `close` was called in this process.
    pub(crate) fn is_closed(&self) -> bool {
        let _no_fork = fork::no_fork_now();
        self.state().phase == Phase::Closed
    }

    /// Waits until the thread wrote everything and exited (after `close`);
    /// returns at once if `cancel_join_thread` was called.
    pub(crate) fn join(&self) -> Result<()> {
        let thread = {
            let _no_fork = fork::no_fork_now();
            let mut state = self.state();
            if state.phase != Phase::Closed {
                return Err(Error::State("join_thread() before close()"));
            }
            if state.join_cancelled {
                return Ok(());
            }
            state.thread.take()
        };
        if let Some(thread) = thread {
            let _ = thread.join();
        }
        Ok(())
    }

    /// Makes `join` (and the implicit one at exit) return at once.
    pub(crate) fn cancel_join(&self) {
        let _no_fork = fork::no_fork_now();
        self.state().join_cancelled = true;
    }
}
