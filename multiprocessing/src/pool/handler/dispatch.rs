//! The handler's work queue: keeping `processes` workers, handing chunks
//! to the least-loaded one (retries first), giving up on queued work in one
//! place ([`Handler::fail_pending`]), and shutting down.
//!
//! Needs: `mod.rs` (the handler), `state.rs`, `../result.rs`, `start/`
//! (signals through sentinels), `sys.rs`, `error.rs`.

use super::super::result::ChunkOutcome;
use super::state::{ChunkRef, Held};
use super::{Command, Handler, IpcEvent, OUT_CAP, TERMINATE_GRACE, WINDOW};
use crate::error::Error;
use crate::sys;
use nix::sys::signal::Signal;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Instant;

impl Handler {
    /// Keeps `processes` accepting workers while there is (or may be) work.
    pub(super) fn maintain(&mut self) {
        let work_left = self.has_pending() || self.workers.iter().any(|w| !w.held.is_empty());
        if self.command != Command::Run && !work_left {
            return;
        }
        let mut spawned = false;
        while self.broken.is_none()
            && self.workers.iter().filter(|w| self.accepting(w)).count() < self.config.processes
        {
            match self.spawn_one() {
                Ok(()) => spawned = true,
                Err(err) => self.broken = Some(err),
            }
        }
        if spawned {
            self.publish_pids();
        }
        if let Some(err) = self.broken.clone() {
            if !self.workers.iter().any(|w| self.accepting(w)) {
                self.fail_pending(&err);
            }
        }
    }

    /// Fails every chunk not yet dispatched (the retry queue and the rest of
    /// every job) with `err`: the one place that gives up on queued work.
    pub(super) fn fail_pending(&mut self, err: &Error) {
        for chunk in self.retry.drain(..) {
            chunk
                .job
                .deliver(chunk.chunk, ChunkOutcome::failed(err.clone()));
        }
        for job in self.jobs.drain(..) {
            for chunk in job.next..job.tasks.len() {
                job.state
                    .deliver(chunk as u32, ChunkOutcome::failed(err.clone()));
            }
        }
    }

    /// The next chunk to dispatch: a retry first, then the oldest job's.
    fn next_chunk(&mut self) -> Option<ChunkRef> {
        if let Some(chunk) = self.retry.pop_front() {
            return Some(chunk);
        }
        while let Some(job) = self.jobs.front_mut() {
            if job.next < job.tasks.len() {
                let chunk = ChunkRef {
                    job: Arc::clone(&job.state),
                    tasks: Arc::clone(&job.tasks),
                    job_id: job.id,
                    chunk: job.next as u32,
                };
                job.next += 1;
                return Some(chunk);
            }
            self.jobs.pop_front();
        }
        None
    }

    /// The least-loaded worker with room for another chunk, if any.
    fn least_loaded(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, w) in self.workers.iter().enumerate() {
            let room = w.held.len() < WINDOW && (w.pending_out() < OUT_CAP || w.held.is_empty());
            if room
                && self.accepting(w)
                && best.is_none_or(|b| w.held.len() < self.workers[b].held.len())
            {
                best = Some(i);
            }
        }
        best
    }

    /// Copies chunk frames into the least-loaded accepting workers' buffers.
    pub(super) fn dispatch(&mut self) {
        while self.has_pending() {
            let Some(b) = self.least_loaded() else { return };
            let Some(chunk) = self.next_chunk() else {
                return;
            };
            let w = &mut self.workers[b];
            let index = chunk.chunk as usize;
            w.out.extend_from_slice(chunk.tasks.frame(index));
            w.held.push_back(Held {
                len: chunk.job.chunk_lens[index],
                received: 0,
                parts: Vec::new(),
                chunk,
            });
            w.sent += 1;
        }
    }

    /// Terminate (or final cleanup): fail everything left with `PoolClosed`,
    /// stop and reap every worker.
    pub(crate) fn shutdown(&mut self) {
        self.fail_pending(&Error::PoolClosed);
        for w in &mut self.workers {
            for held in w.held.drain(..) {
                held.deliver(Some(Error::PoolClosed));
            }
            if w.life.alive() {
                w.sentinel.signal(Signal::SIGTERM);
            }
        }
        let deadline = Instant::now() + TERMINATE_GRACE;
        for w in &mut self.workers {
            if w.life.alive() {
                let left = deadline.saturating_duration_since(Instant::now());
                if !sys::wait_readable(w.sentinel.fd(), Some(left)).unwrap_or(false) {
                    w.sentinel.signal(Signal::SIGKILL);
                    let _ = sys::wait_readable(w.sentinel.fd(), None);
                }
            }
            let _ = w.sentinel.collect();
        }
        // ipc: each reader thread ends once its dead worker's result sender
        // is closed. Wait for that (bounded: a stray copy of the sender in
        // some unrelated child must not make terminate hang), joining each
        // reader as it reports, so its receiver's fds are closed; readers
        // still running at the deadline are detached.
        let deadline = Instant::now() + TERMINATE_GRACE;
        while self.workers.iter().any(|w| w.reader.is_some()) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let _ = sys::wait_readable(self.shared.wake.as_raw_fd(), Some(left));
            sys::eventfd_drain(self.shared.wake.as_raw_fd());
            let inbox = std::mem::take(&mut *self.shared.inbox());
            for event in inbox.ipc {
                if let IpcEvent::Closed(id) = event {
                    if let Some(w) = self.workers.iter_mut().find(|w| w.id == id) {
                        if let Some(reader) = w.reader.take() {
                            let _ = reader.join();
                        }
                    }
                }
            }
            // Jobs submitted meanwhile (a caller racing terminate) fail too.
            self.jobs.extend(inbox.jobs);
            self.fail_pending(&Error::PoolClosed);
        }
        for w in &mut self.workers {
            drop(w.reader.take()); // detached
        }
        self.fail_pending(&Error::PoolClosed);
        self.workers.clear();
        self.publish_pids();
    }
}
