//! The pool's handler thread: one `poll` loop that feeds tasks, collects
//! results and watches every worker's sentinel.
//!
//! ```text
//!            submit(job) ─┐                  ┌─▶ worker 1 link ──▶ results ─┐
//!   callers  close()     ─┼─ inbox + eventfd ─┤   worker 2 link ──▶ results ─┼─▶ JobState.deliver
//!            terminate() ─┘   (wakes poll)    └─▶ sentinels (pidfd / status) ─┘   (fail held tasks,
//!                                                                                  start a replacement)
//! ```
//!
//! CPython runs three threads for this (`_handle_workers`, `_handle_tasks`,
//! `_handle_results`); one loop does all three here, which is what makes the
//! fault handling simple: the thread that reads a worker's results is the
//! thread that sees its sentinel, so it can *first* drain every result the
//! dead worker managed to send and *then* fail exactly the tasks still
//! listed as held by it. CPython's result handler never looks at sentinels,
//! so a task held by a killed worker waits forever (bpo-22393).
//!
//! Invariants:
//! 1. A worker answers its tasks in the order it received them, so
//!    `Worker::held` (a FIFO) is exactly "sent, not yet answered"; each
//!    result frame must match its front entry, or the worker is killed.
//! 2. A job's chunk is delivered once: by a result, or by a failure
//!    (worker death, terminate) — `JobState::deliver` ignores repeats.
//! 3. A worker holds at most [`WINDOW`] chunks: deep enough to pipeline many
//!    tasks per system call, shallow enough that one slow task delays only
//!    the chunks queued behind it on that worker. Simplification: CPython's
//!    shared queue balances perfectly (any idle worker takes the next task)
//!    at the cost of a locked pipe read per task.
//! 4. Every fork happens on this thread, which lives as long as the pool:
//!    `PR_SET_PDEATHSIG` fires when the *forking thread* exits.
//!
//! Python equivalent: `Pool._handle_workers`, `_handle_tasks`, `_handle_results`.

use super::link::{ParentLink, Transport};
use super::result::{ChunkOutcome, JobState};
use super::spawn::{spawn_worker, Sentinel, StartMethod};
use super::task;
use super::worker::{WorkerSpec, EXIT_INIT_FAILED};
use crate::connection::DEFAULT_MAX_MESSAGE;
use crate::error::{Error, ExitCause};
use crate::frame::FrameBuf;
use crate::sys;
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::collections::VecDeque;
use std::os::fd::{AsRawFd, OwnedFd};

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Most chunks one worker holds at a time (invariant 3).
const WINDOW: usize = 128;
/// Stop queueing to a worker while this many bytes wait to be written.
const OUT_CAP: usize = 256 * 1024;
/// After `terminate`, how long workers get to die of `SIGTERM` before `SIGKILL`.
const TERMINATE_GRACE: Duration = Duration::from_millis(500);

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
    /// All task frames of the job, back to back.
    pub frames: Vec<u8>,
    /// Frame `i` is `frames[bounds[i]..bounds[i + 1]]`.
    pub bounds: Vec<usize>,
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
    jobs: VecDeque<Job>,
    /// The latest command (`None`: no change).
    command: Option<Command>,
    /// Events from ipc reader threads.
    ipc: VecDeque<IpcEvent>,
}

/// State shared by the `Pool` handle, the handler and ipc reader threads.
pub(crate) struct Shared {
    /// Work and commands for the handler.
    inbox: Mutex<Inbox>,
    /// Written to wake the handler from `poll`.
    wake: OwnedFd,
    /// Whether new work is refused (set by close/terminate, read by submit).
    accepting: Mutex<bool>,
    /// Current worker pids (published by the handler for callers and tests).
    pids: Mutex<Vec<i32>>,
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
    fn inbox(&self) -> MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Pushes under the lock and wakes the handler if the inbox was empty
    /// (the handler empties it completely each time it looks, so a
    /// non-empty inbox already has a wake-up pending).
    fn push(&self, f: impl FnOnce(&mut Inbox)) {
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

/// How the pool starts workers.
#[derive(Clone, Debug)]
pub(crate) struct PoolConfig {
    /// Number of workers to keep.
    pub processes: usize,
    /// Fork or forkserver.
    pub method: StartMethod,
    /// Pipe or ipc-channel.
    pub transport: Transport,
    /// Initializer and maxtasksperchild.
    pub spec: WorkerSpec,
}

/// One chunk a worker holds.
struct Held {
    /// Its job.
    job: Arc<JobState>,
    /// The job's id (checked against the result frame).
    job_id: u64,
    /// Chunk index.
    chunk: u32,
}

/// The handler's view of one worker.
struct Worker {
    /// Handler-local id (ipc events name workers by it).
    id: u64,
    /// Process id.
    pid: Pid,
    /// Fires when the process is gone.
    sentinel: Sentinel,
    /// Parent end of the link.
    link: ParentLink,
    /// Received, unparsed result bytes.
    inbuf: FrameBuf,
    /// Task bytes not yet written (`out[out_pos..]`).
    out: Vec<u8>,
    /// How much of `out` has been written.
    out_pos: usize,
    /// Sent, unanswered chunks in order (invariant 1).
    held: VecDeque<Held>,
    /// Tasks sent in total (for maxtasksperchild).
    sent: u64,
    /// A stop frame was queued.
    stopping: bool,
    /// The sentinel fired.
    exited: bool,
    /// No more result bytes can arrive (EOF seen or drained after exit).
    link_closed: bool,
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
    /// Jobs with chunks not yet dispatched, oldest first.
    jobs: VecDeque<Job>,
    /// Current command.
    command: Command,
    /// Next worker id.
    next_id: u64,
    /// Set when workers cannot be started (init failure, fork error): pending
    /// work fails with it instead of waiting for workers that never come.
    broken: Option<Error>,
}

impl Handler {
    /// A handler for `config`.
    pub(crate) fn new(shared: Arc<Shared>, config: PoolConfig) -> Handler {
        Handler {
            shared,
            config,
            workers: Vec::new(),
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
        let spawned = spawn_worker(self.config.method, self.config.transport, &self.config.spec)?;
        let id = self.next_id;
        self.next_id += 1;
        let reader = spawned.results.map(|rx| {
            let shared = Arc::clone(&self.shared);
            std::thread::spawn(move || loop {
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
        self.workers.push(Worker {
            id,
            pid: spawned.pid,
            sentinel: spawned.sentinel,
            link: spawned.link,
            inbuf: FrameBuf::new(),
            out: Vec::new(),
            out_pos: 0,
            held: VecDeque::new(),
            sent: 0,
            stopping: false,
            exited: false,
            link_closed: false,
            reader,
        });
        Ok(())
    }

    /// Publishes the live pids.
    fn publish_pids(&self) {
        let pids = self
            .workers
            .iter()
            .filter(|w| !w.exited)
            .map(|w| w.pid.as_raw())
            .collect();
        *self.shared.pids.lock().unwrap_or_else(|e| e.into_inner()) = pids;
    }

    /// Whether worker `w` may be given another chunk.
    fn accepting(&self, w: &Worker) -> bool {
        !w.exited && !w.stopping && self.config.spec.maxtasks.is_none_or(|max| w.sent < max)
    }

    /// The main loop; returns when the pool is closed and drained, or terminated.
    pub(crate) fn run(mut self) {
        loop {
            self.take_inbox();
            if self.command == Command::Terminate {
                break;
            }
            self.finalize_dead();
            self.maintain();
            self.dispatch();
            self.write_out();
            if self.command == Command::Close && self.jobs.is_empty() {
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
            if let Some(i) = self.workers.iter().position(|w| w.id == id) {
                match bytes {
                    Some(bytes) => {
                        self.workers[i].inbuf.extend(&bytes);
                        self.parse_results(i);
                    }
                    None => self.workers[i].link_closed = true,
                }
            }
        }
    }

    /// Finalises workers that exited and whose link is drained: fails the
    /// chunks they still held with `WorkerDied`.
    fn finalize_dead(&mut self) {
        let mut changed = false;
        let mut i = 0;
        while i < self.workers.len() {
            let w = &self.workers[i];
            if !(w.exited && w.link_closed) {
                i += 1;
                continue;
            }
            let mut w = self.workers.swap_remove(i);
            let cause = w.sentinel.collect(w.pid);
            let err = Error::WorkerDied {
                pid: w.pid.as_raw(),
                cause,
            };
            for held in w.held.drain(..) {
                held.job
                    .deliver(held.chunk, ChunkOutcome::Failed(err.clone()));
            }
            if cause == ExitCause::Code(EXIT_INIT_FAILED) {
                self.broken = Some(err);
            }
            if let Some(reader) = w.reader.take() {
                let _ = reader.join();
            }
            changed = true;
        }
        if changed {
            self.publish_pids();
        }
    }

    /// Keeps `processes` accepting workers while there is (or may be) work.
    fn maintain(&mut self) {
        let work_left = !self.jobs.is_empty() || self.workers.iter().any(|w| !w.held.is_empty());
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
        if let Some(err) = &self.broken {
            if !self.workers.iter().any(|w| self.accepting(w)) {
                for job in self.jobs.drain(..) {
                    for chunk in job.next..job.bounds.len() - 1 {
                        job.state
                            .deliver(chunk as u32, ChunkOutcome::Failed(err.clone()));
                    }
                }
            }
        }
    }

    /// Copies chunk frames into the least-loaded accepting workers' buffers.
    fn dispatch(&mut self) {
        while let Some(job) = self.jobs.front_mut() {
            let chunks = job.bounds.len() - 1;
            while job.next < chunks {
                let mut best: Option<usize> = None;
                for (i, w) in self.workers.iter().enumerate() {
                    let room =
                        w.held.len() < WINDOW && (w.pending_out() < OUT_CAP || w.held.is_empty());
                    let accepting = !w.exited
                        && !w.stopping
                        && self.config.spec.maxtasks.is_none_or(|max| w.sent < max);
                    if room
                        && accepting
                        && best.is_none_or(|b| w.held.len() < self.workers[b].held.len())
                    {
                        best = Some(i);
                    }
                }
                let Some(b) = best else { return };
                let w = &mut self.workers[b];
                let frame = &job.frames[job.bounds[job.next]..job.bounds[job.next + 1]];
                w.out.extend_from_slice(frame);
                w.held.push_back(Held {
                    job: Arc::clone(&job.state),
                    job_id: job.id,
                    chunk: job.next as u32,
                });
                w.sent += 1;
                job.next += 1;
            }
            self.jobs.pop_front();
        }
    }

    /// Writes queued task bytes (pipe: non-blocking, as far as it goes).
    fn write_out(&mut self) {
        for w in &mut self.workers {
            if w.pending_out() == 0 || w.exited {
                continue;
            }
            match &w.link {
                ParentLink::Pipe(fd) => {
                    while w.out_pos < w.out.len() {
                        match sys::write_some(fd.as_raw_fd(), &w.out[w.out_pos..], true) {
                            Ok(n) => w.out_pos += n,
                            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
                            // The worker is gone; its sentinel will tell us.
                            Err(_) => {
                                w.out_pos = w.out.len();
                                break;
                            }
                        }
                    }
                }
                ParentLink::Ipc(tx) => {
                    // Simplification: a blocking send. It cannot block for
                    // long — WINDOW bounds what a worker holds, and the reader
                    // thread keeps draining its results — but a worker stuck
                    // in a task with a full channel would stall this thread.
                    if tx.send(&w.out[w.out_pos..]).is_err() {
                        w.out_pos = w.out.len();
                    }
                    w.out_pos = w.out.len();
                }
            }
            if w.out_pos == w.out.len() {
                w.out.clear();
                w.out_pos = 0;
            }
        }
    }

    /// Queues a stop frame to every worker (once each).
    fn stop_workers(&mut self) {
        for w in &mut self.workers {
            if !w.stopping {
                w.stopping = true;
                task::push_stop_frame(&mut w.out);
            }
        }
        self.write_out();
    }

    /// Parses complete result frames of worker `i` and delivers them.
    fn parse_results(&mut self, i: usize) {
        let w = &mut self.workers[i];
        loop {
            let span = match w.inbuf.next_frame(DEFAULT_MAX_MESSAGE) {
                Ok(Some(span)) => span,
                Ok(None) => return,
                Err(_) => break,
            };
            let payload = w.inbuf.get(span);
            let header = task::parse_result_header(payload);
            let matches = match (header, w.held.front()) {
                (Some((job, chunk, _)), Some(h)) => job == h.job_id && chunk == h.chunk,
                _ => false,
            };
            if !matches {
                break;
            }
            let held = w.held.pop_front().expect("front checked above");
            held.job
                .deliver(held.chunk, ChunkOutcome::Bytes(payload.to_vec()));
        }
        // Protocol violation (invariant 1): kill the worker; its sentinel
        // then fails what it held.
        let _ = kill(w.pid, Signal::SIGKILL);
    }

    /// Reads what a pipe link has (until it would block or ends).
    fn read_link(&mut self, i: usize) {
        let ParentLink::Pipe(fd) = &self.workers[i].link else {
            return;
        };
        let fd = fd.as_raw_fd();
        loop {
            let w = &mut self.workers[i];
            match w.inbuf.fill_from(fd) {
                Ok(0) => {
                    w.link_closed = true;
                    break;
                }
                Ok(_) => self.parse_results(i),
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(_) => {
                    w.link_closed = true;
                    break;
                }
            }
        }
        self.parse_results(i);
    }

    /// One `poll` over the wake fd, pipe links and sentinels; handles events.
    fn poll_once(&mut self) {
        /// What a poll entry stands for.
        #[derive(Clone, Copy)]
        enum Slot {
            /// The eventfd.
            Wake,
            /// Worker `i`'s pipe link.
            Link(usize),
            /// Worker `i`'s sentinel.
            Sentinel(usize),
        }
        let mut fds = Vec::with_capacity(1 + 2 * self.workers.len());
        let mut slots = Vec::with_capacity(fds.capacity());
        fds.push(libc::pollfd {
            fd: self.shared.wake.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        });
        slots.push(Slot::Wake);
        for (i, w) in self.workers.iter().enumerate() {
            if let (ParentLink::Pipe(fd), false) = (&w.link, w.link_closed) {
                let mut events = libc::POLLIN;
                if w.pending_out() > 0 && !w.exited {
                    events |= libc::POLLOUT;
                }
                fds.push(libc::pollfd {
                    fd: fd.as_raw_fd(),
                    events,
                    revents: 0,
                });
                slots.push(Slot::Link(i));
            }
            if !w.exited {
                fds.push(libc::pollfd {
                    fd: w.sentinel.fd(),
                    events: libc::POLLIN,
                    revents: 0,
                });
                slots.push(Slot::Sentinel(i));
            }
        }
        if sys::poll(&mut fds, None).is_err() {
            return;
        }
        for (pfd, slot) in fds.iter().zip(slots) {
            if pfd.revents == 0 {
                continue;
            }
            match slot {
                Slot::Wake => {}
                Slot::Link(i) => {
                    if pfd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                        self.read_link(i);
                    }
                }
                Slot::Sentinel(i) => {
                    self.workers[i].exited = true;
                    // Drain every result the worker sent before it died; for
                    // a pipe, a dead writer means what is buffered is all.
                    if matches!(self.workers[i].link, ParentLink::Pipe(_)) {
                        self.read_link(i);
                        self.workers[i].link_closed = true;
                    }
                }
            }
        }
    }

    /// Terminate (or final cleanup): fail everything left with `PoolClosed`,
    /// stop and reap every worker.
    pub(crate) fn shutdown(&mut self) {
        for job in self.jobs.drain(..) {
            for chunk in job.next..job.bounds.len() - 1 {
                job.state
                    .deliver(chunk as u32, ChunkOutcome::Failed(Error::PoolClosed));
            }
        }
        for w in &self.workers {
            for held in &w.held {
                held.job
                    .deliver(held.chunk, ChunkOutcome::Failed(Error::PoolClosed));
            }
            if !w.exited {
                let _ = kill(w.pid, Signal::SIGTERM);
            }
        }
        let deadline = Instant::now() + TERMINATE_GRACE;
        for w in &mut self.workers {
            if !w.exited {
                let left = deadline.saturating_duration_since(Instant::now());
                if !sys::wait_readable(w.sentinel.fd(), Some(left)).unwrap_or(false) {
                    let _ = kill(w.pid, Signal::SIGKILL);
                    let _ = sys::wait_readable(w.sentinel.fd(), None);
                }
            }
            let _ = w.sentinel.collect(w.pid);
            // An ipc reader thread ends by itself once the dead worker's
            // result sender is closed; it is detached rather than joined, so
            // a stray copy of that sender in some unrelated child cannot
            // make terminate wait.
            drop(w.reader.take());
        }
        self.workers.clear();
        self.publish_pids();
    }
}
