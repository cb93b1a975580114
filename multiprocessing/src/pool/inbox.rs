//! The pool's inbox: how caller threads (and ipc reader threads) hand work
//! and commands to the handler thread.
//!
//! ```text
//!   submit(job) / command(close|terminate) / ipc result bytes
//!        │  lock, push; if the inbox was empty: write the eventfd
//!        ▼
//!   Inbox { jobs, command, ipc }  ──▶ handler: drain eventfd, take everything
//! ```
//!
//! The handler empties the inbox completely each time it looks, so only
//! the push that makes it non-empty needs to wake it: one `write(2)` per
//! burst of submissions, not per submission.
//!
//! Needs: `result.rs` (`JobState`), `worker/task.rs` (`TaskFrames`),
//! `sys.rs` (the eventfd), `error.rs`.
//!
//! Python equivalent: `Pool._taskqueue` (a `queue.SimpleQueue`) and
//! `Pool._change_notifier`.

use super::result::JobState;
use crate::error::Error;
use crate::sys;
use crate::worker::task::TaskFrames;
use std::collections::VecDeque;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::{Arc, Mutex, MutexGuard};

/// What callers asked the pool to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// Accept and run work.
    Run,
    /// Accept no new work; finish queued work, stop workers, exit.
    Close,
    /// Fail all work with `PoolClosed`, kill workers, exit.
    Terminate,
}

/// A submitted job: its frames, ready to be copied into worker links.
pub(crate) struct Job {
    /// Job id (in every frame).
    pub id: u64,
    /// Where results go.
    pub state: Arc<JobState>,
    /// All task frames of the job (shared with the chunks workers hold).
    pub tasks: Arc<TaskFrames>,
    /// The next chunk to dispatch.
    pub next: usize,
}

/// An event from an ipc-channel reader thread.
pub(crate) enum IpcEvent {
    /// Result bytes from worker `id`.
    Data(u64, Vec<u8>),
    /// Worker `id`'s result channel closed.
    Closed(u64),
}

/// Everything callers hand to the handler, under one lock.
#[derive(Default)]
pub(crate) struct Inbox {
    /// New jobs.
    pub(super) jobs: VecDeque<Job>,
    /// The latest command (`None`: no change).
    pub(super) command: Option<Command>,
    /// Events from ipc reader threads.
    pub(super) ipc: VecDeque<IpcEvent>,
}

/// State shared by the `Pool` handle, the handler and ipc reader threads.
pub(crate) struct Shared {
    /// Work and commands for the handler.
    pub(super) inbox: Mutex<Inbox>,
    /// Written to wake the handler from `poll`.
    pub(super) wake: OwnedFd,
    /// Whether new work is refused (set by close/terminate, read by submit).
    accepting: Mutex<bool>,
    /// Current worker pids (published by the handler for callers and tests).
    pub(super) pids: Mutex<Vec<i32>>,
}

impl Shared {
    /// New shared state with its eventfd.
    pub(crate) fn new() -> crate::Result<Arc<Shared>> {
        Ok(Arc::new(Shared {
            inbox: Mutex::new(Inbox::default()),
            wake: sys::eventfd()?,
            accepting: Mutex::new(true),
            pids: Mutex::new(Vec::new()),
        }))
    }

    /// Locks the inbox, tolerating poison.
    pub(super) fn inbox(&self) -> MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Pushes under the lock and wakes the handler if the inbox was empty
    /// (the handler empties it completely each time it looks, so a
    /// non-empty inbox already has a wake-up pending).
    pub(super) fn push(&self, f: impl FnOnce(&mut Inbox)) {
        let mut inbox = self.inbox();
        let was_empty = inbox.jobs.is_empty() && inbox.command.is_none() && inbox.ipc.is_empty();
        f(&mut inbox);
        drop(inbox);
        if was_empty {
            sys::eventfd_signal(self.wake.as_raw_fd());
        }
    }

    /// Queues a job; `Err(PoolClosed)` after close/terminate.
    pub(crate) fn submit(&self, job: Job) -> crate::Result<()> {
        let accepting = self.accepting.lock().unwrap_or_else(|e| e.into_inner());
        if !*accepting {
            return Err(Error::PoolClosed);
        }
        self.push(|inbox| inbox.jobs.push_back(job));
        Ok(())
    }

    /// Sends a command (and stops accepting work).
    pub(crate) fn command(&self, command: Command) {
        *self.accepting.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.push(|inbox| inbox.command = Some(command));
    }

    /// Whether work is still accepted.
    pub(crate) fn is_accepting(&self) -> bool {
        *self.accepting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current worker pids.
    pub(crate) fn pids(&self) -> Vec<i32> {
        self.pids.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}
