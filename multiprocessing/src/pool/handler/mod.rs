//! The pool's handler thread: one `poll` loop that feeds tasks, collects
//! results and watches every worker's sentinel.
//!
//! ```text
//!            submit(job) ─┐                  ┌─▶ worker 1 link ──▶ results ─┐
//!   callers  close()     ─┼─ inbox + eventfd ─┤   worker 2 link ──▶ results ─┼─▶ JobState.deliver
//!            terminate() ─┘   (wakes poll)    └─▶ sentinels (pidfd / status) ─┘   (fail the running chunk,
//!                                                                                  re-send the queued ones)
//! ```
//!
//! CPython runs three threads for this (`_handle_workers`, `_handle_tasks`,
//! `_handle_results`); one loop does all three here, which is what makes the
//! fault handling simple: the thread that reads a worker's results is the
//! thread that sees its sentinel, so it can *first* drain every result the
//! dead worker managed to send and *then* act on exactly the chunks still
//! listed as held by it. CPython's result handler never looks at sentinels,
//! so a task held by a killed worker waits forever (bpo-22393).
//!
//! A worker's life ([`Life`]):
//! ```text
//!   Serving ──close──▶ Stopping ─┐        link ends while alive
//!      │                         ├──────────────────────────▶ LinkLost ──grace over: SIGKILL──▶ Killed
//!      └── bad bytes on its link: SIGKILL ──────────────────────────────────────────────────▶ Killed
//!   any of the above ──sentinel fires──▶ Exited ──link drained──▶ Gone ──▶ finalised, replaced
//! ```
//!
//! Invariants:
//! 1. A worker answers its chunks in the order it received them and sends
//!    a chunk's results before it starts the next chunk (see `worker/run.rs`),
//!    so `Worker::held` (a FIFO) is exactly "sent, not yet fully answered",
//!    and when a worker dies only the front chunk can have been running:
//!    the front fails, the rest are sent again to other workers. Each result
//!    frame must match the front entry (job, chunk, first item, count), or
//!    the worker is killed (it is then `Killed` with a fault).
//! 2. A job's chunk is delivered once: by its results, or by a failure
//!    (worker death, terminate) — `JobState::deliver` ignores repeats.
//! 3. A worker holds at most [`WINDOW`] chunks: deep enough to pipeline many
//!    tasks per system call, shallow enough that one slow task delays only
//!    the chunks queued behind it on that worker. Simplification: CPython's
//!    shared queue balances perfectly (any idle worker takes the next task)
//!    at the cost of a locked pipe read per task.
//! 4. Every fork happens on this thread, which lives as long as the pool:
//!    `PR_SET_PDEATHSIG` fires when the *forking thread* exits.
//!
//! Needs: `state.rs` (a worker as the handler sees it), `dispatch.rs`
//! (queueing, replacing, shutting down), `io.rs` (links and the poll);
//! `../inbox.rs`, `../result.rs`; `start/` (spawning
//! workers, sentinels), `worker/` (links, task frames, exit codes),
//! `frame.rs`, `fork.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `Pool._handle_workers`, `_handle_tasks`, `_handle_results`.

use super::inbox::{Command, IpcEvent, Job, Shared};
use crate::error::{Error, ExitCause};
use crate::frame::FrameBuf;
use crate::start::{spawn_worker, StartMethod};
use crate::sys;
use crate::worker::{WorkerSpec, EXIT_INIT_FAILED};
use std::collections::VecDeque;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Duration;

mod dispatch;
mod io;
mod state;

use state::{ChunkRef, Held, Life, Worker};

/// Most chunks one worker holds at a time (invariant 3).
const WINDOW: usize = 128;
/// Stop queueing to a worker while this many bytes wait to be written.
const OUT_CAP: usize = 256 * 1024;
/// How long a worker may live on after its link ended before it is killed.
const LINK_LOST_GRACE: Duration = Duration::from_secs(1);
/// After `terminate`, how long workers get to die of `SIGTERM` before `SIGKILL`.
const TERMINATE_GRACE: Duration = Duration::from_millis(500);

/// How the pool starts workers.
#[derive(Clone, Debug)]
pub(crate) struct PoolConfig {
    /// Number of workers to keep.
    pub processes: usize,
    /// Fork or forkserver.
    pub method: StartMethod,
    /// Initializer, maxtasksperchild, message limit, transport.
    pub spec: WorkerSpec,
}

/// The handler thread's state.
pub(crate) struct Handler {
    /// Shared with the pool handle.
    shared: Arc<Shared>,
    /// How to start workers.
    config: PoolConfig,
    /// Live (or not yet finalised) workers.
    workers: Vec<Worker>,
    /// Chunks to send again (their worker died before starting them); they
    /// go out before anything in `jobs`.
    retry: VecDeque<ChunkRef>,
    /// Jobs with chunks not yet dispatched, oldest first.
    jobs: VecDeque<Job>,
    /// Current command.
    command: Command,
    /// Next worker id.
    next_id: u64,
    /// Set when workers cannot be started (init failure, fork error): pending
    /// work fails with it instead of waiting for workers that never come.
    /// Simplification: a failed fork (say, `EAGAIN`) is not retried later.
    broken: Option<Error>,
}

impl Handler {
    /// A handler for `config`.
    pub(crate) fn new(shared: Arc<Shared>, config: PoolConfig) -> Handler {
        Handler {
            shared,
            config,
            workers: Vec::new(),
            retry: VecDeque::new(),
            jobs: VecDeque::new(),
            command: Command::Run,
            next_id: 0,
            broken: None,
        }
    }

    /// Starts the initial workers (on this thread, invariant 4).
    pub(crate) fn start_workers(&mut self) -> crate::Result<()> {
        for _ in 0..self.config.processes {
            self.spawn_one()?;
        }
        self.publish_pids();
        Ok(())
    }

    /// Starts one worker (and its ipc reader thread).
    fn spawn_one(&mut self) -> crate::Result<()> {
        let spawned = spawn_worker(self.config.method, &self.config.spec)?;
        let id = self.next_id;
        self.next_id += 1;
        let reader = spawned.results.map(|rx| {
            let shared = Arc::clone(&self.shared);
            crate::fork::spawn_internal("pool-ipc-reader", move || loop {
                match rx.recv() {
                    Ok(bytes) => {
                        shared.push(|inbox| inbox.ipc.push_back(IpcEvent::Data(id, bytes)))
                    }
                    Err(_) => {
                        shared.push(|inbox| inbox.ipc.push_back(IpcEvent::Closed(id)));
                        return;
                    }
                }
            })
        });
        let reader = reader.transpose()?;
        self.workers.push(Worker {
            id,
            pid: spawned.pid,
            sentinel: spawned.sentinel,
            link: spawned.link,
            inbuf: FrameBuf::new(self.config.spec.max_message),
            out: Vec::new(),
            out_pos: 0,
            held: VecDeque::new(),
            sent: 0,
            life: Life::Serving,
            reader,
        });
        Ok(())
    }

    /// Publishes the live pids.
    fn publish_pids(&self) {
        let pids = self
            .workers
            .iter()
            .filter(|w| w.life.alive())
            .map(|w| w.pid.as_raw())
            .collect();
        *self.shared.pids.lock().unwrap_or_else(|e| e.into_inner()) = pids;
    }

    /// Whether worker `w` may be given another chunk: serving and below
    /// `maxtasksperchild` (a worker at its limit is retiring: it exits after
    /// answering what it holds, and is replaced).
    fn accepts(w: &Worker, maxtasks: Option<u64>) -> bool {
        matches!(w.life, Life::Serving) && maxtasks.is_none_or(|max| w.sent < max)
    }

    /// [`Self::accepts`] with this pool's `maxtasksperchild`.
    fn accepting(&self, w: &Worker) -> bool {
        Self::accepts(w, self.config.spec.maxtasks)
    }

    /// Whether chunks wait to be dispatched.
    fn has_pending(&self) -> bool {
        !self.retry.is_empty() || !self.jobs.is_empty()
    }

    /// The main loop; returns when the pool is closed and drained, or terminated.
    pub(crate) fn run(mut self) {
        loop {
            self.take_inbox();
            if self.command == Command::Terminate {
                break;
            }
            let failed = self.finalize_gone();
            self.maintain();
            for (running, err) in failed {
                running.deliver(Some(err));
            }
            self.dispatch();
            self.write_out();
            if self.command == Command::Close && !self.has_pending() {
                if self.workers.iter().all(|w| w.held.is_empty()) {
                    self.stop_workers();
                }
                if self.workers.is_empty() {
                    break;
                }
            }
            self.poll_once();
        }
        self.shutdown();
    }

    /// Moves everything out of the inbox.
    fn take_inbox(&mut self) {
        sys::eventfd_drain(self.shared.wake.as_raw_fd());
        let inbox = std::mem::take(&mut *self.shared.inbox());
        self.jobs.extend(inbox.jobs);
        if let Some(command) = inbox.command {
            // Terminate overrides Close; nothing goes back to Run.
            if command == Command::Terminate || self.command == Command::Run {
                self.command = command;
            }
        }
        for event in inbox.ipc {
            let (id, bytes) = match event {
                IpcEvent::Data(id, bytes) => (id, Some(bytes)),
                IpcEvent::Closed(id) => (id, None),
            };
            let Some(i) = self.workers.iter().position(|w| w.id == id) else {
                continue;
            };
            match bytes {
                Some(bytes) if self.workers[i].life.reads_link() => {
                    match self.workers[i].inbuf.extend(&bytes) {
                        Ok(()) => self.parse_results(i),
                        Err(err) => self.condemn(i, err.to_string()),
                    }
                }
                Some(_) => {}
                None => {
                    // The reader thread returns right after sending this.
                    if let Some(reader) = self.workers[i].reader.take() {
                        let _ = reader.join();
                    }
                    self.link_ended(i);
                }
            }
        }
    }

    /// Finalises workers that are gone: queues the chunks each had not
    /// started to be sent again, and returns the chunk each was running with
    /// its error — delivered by the caller after [`Self::maintain`] has
    /// replaced the worker, so whoever sees the failure also sees the
    /// replacement in `worker_pids()`.
    fn finalize_gone(&mut self) -> Vec<(Held, Error)> {
        let mut failed: Vec<(Held, Error)> = Vec::new();
        let mut removed = false;
        let mut i = 0;
        while i < self.workers.len() {
            if !matches!(self.workers[i].life, Life::Gone { .. }) {
                i += 1;
                continue;
            }
            let mut w = self.workers.swap_remove(i);
            removed = true;
            let cause = w.sentinel.collect();
            let pid = w.pid.as_raw();
            let err = match std::mem::replace(&mut w.life, Life::Gone { fault: None }) {
                Life::Gone {
                    fault: Some(reason),
                } => Error::Protocol { pid, reason },
                _ => Error::WorkerDied { pid, cause },
            };
            if cause == ExitCause::Code(EXIT_INIT_FAILED) {
                // It never ran a task; pending work fails below (`maintain`).
                self.broken = Some(err);
            } else if let Some(running) = w.held.pop_front() {
                failed.push((running, err));
            }
            self.retry.extend(w.held.drain(..).map(|h| h.chunk));
            if let Some(reader) = w.reader.take() {
                let _ = reader.join();
            }
        }
        if removed {
            self.publish_pids();
        }
        failed
    }
}
