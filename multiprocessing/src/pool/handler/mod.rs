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
//!    a chunk's results before it starts the next chunk (see `worker.rs`),
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
//! Needs: `io.rs`; `../inbox.rs`, `../result.rs`; `start/` (spawning
//! workers, sentinels), `worker/` (links, task frames, exit codes),
//! `frame.rs`, `fork.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `Pool._handle_workers`, `_handle_tasks`, `_handle_results`.

use super::inbox::{Command, IpcEvent, Job, Shared};
use super::result::{ChunkOutcome, JobState};
use crate::error::{Error, ExitCause};
use crate::frame::FrameBuf;
use crate::start::{spawn_worker, Sentinel, StartMethod};
use crate::sys;
use crate::worker::task::TaskFrames;
use crate::worker::{ParentLink, WorkerSpec, EXIT_INIT_FAILED};
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use std::collections::VecDeque;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod io;

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

/// One chunk of one job: the unit dispatch hands to a worker.
struct ChunkRef {
    /// Where its results go.
    job: Arc<JobState>,
    /// The job's frames (to send this chunk again if its worker dies first).
    tasks: Arc<TaskFrames>,
    /// The job's id (checked against result frames).
    job_id: u64,
    /// Chunk index.
    chunk: u32,
}

/// A chunk a worker holds, and what of it has come back.
struct Held {
    /// Which chunk.
    chunk: ChunkRef,
    /// Items in the chunk.
    len: u32,
    /// Items answered so far (a chunk's results may span several frames).
    received: u32,
    /// The result frames received so far, in item order.
    parts: Vec<Vec<u8>>,
}

impl Held {
    /// Hands over what arrived, failing the items that did not with `rest`.
    fn deliver(self, rest: Option<Error>) {
        let outcome = ChunkOutcome {
            parts: self.parts,
            rest,
        };
        self.chunk.job.deliver(self.chunk.chunk, outcome);
    }
}

/// Where a worker is in its life (see the module diagram). `fault` is why
/// *we* killed it, when we did for bad bytes on its link: its chunk then
/// fails with [`Error::Protocol`] instead of [`Error::WorkerDied`].
#[derive(Debug)]
enum Life {
    /// Alive, link open, taking work (up to maxtasksperchild).
    Serving,
    /// Alive, told to stop (stop frame queued): answers what it holds.
    Stopping,
    /// Alive, but its link ended at `since`; killed after the grace period.
    LinkLost {
        /// When the link ended.
        since: Instant,
    },
    /// We sent it `SIGKILL`; its sentinel will fire. Its link is not read.
    Killed {
        /// The protocol violation, if that was the reason.
        fault: Option<String>,
    },
    /// Its sentinel fired; results may still be in transit (ipc-channel).
    Exited {
        /// Carried over from `Killed`.
        fault: Option<String>,
    },
    /// Exited and drained: ready to be finalised and replaced.
    Gone {
        /// Carried over.
        fault: Option<String>,
    },
}

impl Life {
    /// Whether the process may still be running (its sentinel has not fired).
    fn alive(&self) -> bool {
        matches!(
            self,
            Life::Serving | Life::Stopping | Life::LinkLost { .. } | Life::Killed { .. }
        )
    }

    /// Whether result bytes are still read from its link.
    fn reads_link(&self) -> bool {
        matches!(
            self,
            Life::Serving | Life::Stopping | Life::Exited { fault: None }
        )
    }
}

/// The handler's view of one worker.
struct Worker {
    /// Handler-local id (ipc events name workers by it).
    id: u64,
    /// Process id.
    pid: Pid,
    /// Fires when the process is gone; signals go through it.
    sentinel: Sentinel,
    /// Parent end of the link.
    link: ParentLink,
    /// Received, unparsed result bytes (checked against the message limit).
    inbuf: FrameBuf,
    /// Task bytes not yet written (`out[out_pos..]`).
    out: Vec<u8>,
    /// How much of `out` has been written.
    out_pos: usize,
    /// Sent, not fully answered chunks in order (invariant 1).
    held: VecDeque<Held>,
    /// Chunks sent in total (for maxtasksperchild).
    sent: u64,
    /// Where it is in its life.
    life: Life,
    /// The ipc reader thread, if any.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Bytes queued but not yet written.
    fn pending_out(&self) -> usize {
        self.out.len() - self.out_pos
    }
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

    /// Keeps `processes` accepting workers while there is (or may be) work.
    fn maintain(&mut self) {
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
    fn fail_pending(&mut self, err: &Error) {
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
    fn dispatch(&mut self) {
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
