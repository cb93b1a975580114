//! `Pool`: a fixed set of worker processes that run functions on data.
//!
//! ```text
//!                      ┌────────────────── parent ──────────────────┐
//!   map / apply_async ─┤ encode frames ─▶ handler thread (one poll)  │
//!   (caller thread)    │                   │ task frames  ▲ results  │
//!                      └───────────────────┼──────────────┼─────────┘
//!                        socketpair 1      ▼              │      pidfd 1 (sentinel)
//!                                      worker 1 ──────────┘  ◀── fires when it dies
//!                        socketpair 2      ▼              │      pidfd 2
//!                                      worker 2 ──────────┘
//! ```
//!
//! - Functions travel by reference (`task.rs`): `fn(A) -> R`, never
//!   capturing closures — Python's "functions must be picklable".
//! - Arguments and results are bincode 2.0.1 inside CPython-style frames.
//! - `map` splits the input into chunks (CPython's default: about four
//!   chunks per worker); `imap`/`imap_unordered` default to chunks of 1 and
//!   stream results; `apply_async` is a job of one task.
//! - Faults: the handler watches every worker's sentinel. A worker that dies
//!   mid-task fails *only* the tasks it held, with [`Error::WorkerDied`],
//!   and is replaced; a panicking task is [`Error::TaskPanicked`] and the
//!   worker goes on. Nothing waits forever: CPython's `Pool` hangs
//!   here (bpo-22393). If the parent dies, workers get `SIGKILL`
//!   (`PR_SET_PDEATHSIG`) and end of file on their link.
//! - Dropping a pool terminates it and reaps every worker.
//! - Start methods ([`StartMethod`]): forkserver (default, as CPython 3.14), fork, spawn;
//!   transports ([`Transport`]): a socketpair per worker (default) or
//!   ipc-channel (fork only). Each supported pair — fork/pipe,
//!   fork/ipc-channel, forkserver/pipe, spawn/pipe — passes the same suite.
//!
//! Needs: `handler/`, `inbox.rs`, `result.rs`; `start/` (start methods),
//! `worker/` (the spec, the task encoder), `fork.rs` (the handler is an
//! internal thread), `child.rs`, `error.rs`. The top of the crate, with
//! `boot.rs`.
//!
//! Python equivalent: `multiprocessing.pool.Pool`.

mod handler;
mod inbox;
mod result;

pub use result::{AsyncResult, IMapIterator, MapResult};

use crate::error::{Error, Result};
use crate::start::StartMethod;
use crate::worker::task::{FuncRef, TaskEncoder};
use crate::worker::{self, InitCall, Transport, WorkerSpec};
use handler::{Handler, PoolConfig};
use inbox::{Command, Job, Shared};
use result::JobState;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// CPython's default `map` chunksize: `divmod(len, 4 * processes)`, plus one
/// if there is a remainder (and 0 for an empty input).
pub fn default_chunksize(len: usize, processes: usize) -> usize {
    let per = 4 * processes.max(1);
    let (chunksize, extra) = (len / per, len % per);
    if extra > 0 {
        chunksize + 1
    } else {
        chunksize
    }
}

/// The start method of a pool that did not ask for one: the forkserver,
/// unless the transport needs fork or the server cannot start (then fork,
/// said once on stderr).
fn default_method(transport: Transport) -> StartMethod {
    if transport != Transport::Pipe {
        return StartMethod::Fork;
    }
    match crate::forkserver::ensure_started() {
        Ok(()) => StartMethod::ForkServer,
        Err(err) => {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                eprintln!("multiprocessing: no forkserver ({err}); pools use fork");
            });
            StartMethod::Fork
        }
    }
}

/// What a `None` chunksize means for a submitting method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DefaultChunks {
    /// `map`, `map_async`, `starmap`: CPython's [`default_chunksize`].
    Map,
    /// `imap`, `imap_unordered`: one item per chunk, as in CPython.
    One,
}

/// Options for a [`Pool`] (Python's `Pool(...)` keyword arguments).
#[derive(Clone, Debug, Default)]
pub struct PoolBuilder {
    /// Number of workers (`None`: the number of cores).
    processes: Option<usize>,
    /// Worker initializer.
    spec: WorkerSpec,
    /// The start method asked for (`None`: the default, see [`StartMethod`]).
    method: Option<StartMethod>,
    /// Deferred error from `initializer` (encoding `initargs` failed).
    error: Option<String>,
}

impl PoolBuilder {
    /// Number of workers (Python's `processes`).
    pub fn processes(mut self, n: usize) -> Self {
        self.processes = Some(n.max(1));
        self
    }

    /// Runs `f(initargs)` once in each worker as it starts (Python's
    /// `initializer`, `initargs`). A panicking initializer stops the pool
    /// from starting replacements; pending work fails with `WorkerDied`.
    pub fn initializer<A: Serialize + DeserializeOwned>(mut self, f: fn(A), initargs: A) -> Self {
        match InitCall::of(f, &initargs) {
            Ok(init) => self.spec.initializer = Some(init),
            Err(err) => self.error = Some(err.to_string()),
        }
        self
    }

    /// Replace each worker after it ran `n` tasks (chunks), Python's
    /// `maxtasksperchild`.
    pub fn maxtasksperchild(mut self, n: u64) -> Self {
        self.spec.maxtasks = Some(n.max(1));
        self
    }

    /// The start method (default [`StartMethod::ForkServer`]; see
    /// [`StartMethod`] for why).
    pub fn start_method(mut self, method: StartMethod) -> Self {
        self.method = Some(method);
        self
    }

    /// The transport (default [`Transport::Pipe`]).
    pub fn transport(mut self, transport: Transport) -> Self {
        self.spec.transport = transport;
        self
    }

    /// The largest message between the pool and a worker, in bytes (default
    /// [`DEFAULT_MAX_MESSAGE`](crate::connection::DEFAULT_MAX_MESSAGE), 64
    /// MiB). A chunk whose arguments would exceed it is split into smaller
    /// chunks; a chunk's results are sent in several frames; a single
    /// argument or result over it is `Err(TooLarge)`.
    pub fn max_message(mut self, bytes: usize) -> Self {
        self.spec.max_message = bytes.max(1024);
        self
    }

    /// Starts the workers and the handler thread.
    pub fn build(self) -> Result<Pool> {
        crate::child::check_may_have_children()?;
        if let Some(msg) = self.error {
            return Err(Error::Encode(msg));
        }
        let processes = self
            .processes
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let shared = Shared::new()?;
        let mut spec = self.spec;
        spec.image_base = worker::image_base();
        let max_message = spec.max_message;
        let config = PoolConfig {
            processes,
            method: self
                .method
                .unwrap_or_else(|| default_method(spec.transport)),
            spec,
        };
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let handler_shared = Arc::clone(&shared);
        let handler = crate::fork::spawn_internal("pool-handler", move || {
            let mut handler = Handler::new(handler_shared, config);
            let started = handler.start_workers();
            let ok = started.is_ok();
            let _ = started_tx.send(started);
            if ok {
                handler.run();
            } else {
                handler.shutdown();
            }
        })?;
        match started_rx.recv() {
            Ok(Ok(())) => Ok(Pool {
                shared,
                handler: Some(handler),
                processes,
                max_message,
                next_job: AtomicU64::new(0),
            }),
            Ok(Err(err)) => {
                let _ = handler.join();
                Err(err)
            }
            Err(_) => {
                let _ = handler.join();
                Err(Error::State("pool handler thread failed to start"))
            }
        }
    }
}

/// A process pool (Python's `multiprocessing.Pool`).
pub struct Pool {
    /// Shared with the handler thread.
    shared: Arc<Shared>,
    /// The handler thread (joined by `join`/drop).
    handler: Option<std::thread::JoinHandle<()>>,
    /// Number of workers.
    processes: usize,
    /// The largest task or result frame (see [`PoolBuilder::max_message`]).
    max_message: usize,
    /// Next job id.
    next_job: AtomicU64,
}

impl Pool {
    /// A pool of `processes` workers started by fork over pipes
    /// (Python's `Pool(processes)`).
    pub fn new(processes: usize) -> Result<Pool> {
        Pool::builder().processes(processes).build()
    }

    /// Options: processes, initializer, maxtasksperchild, start method, transport.
    pub fn builder() -> PoolBuilder {
        PoolBuilder::default()
    }

    /// Number of workers the pool keeps.
    pub fn processes(&self) -> usize {
        self.processes
    }

    /// The pids of the current workers (changes as workers are replaced).
    pub fn worker_pids(&self) -> Vec<i32> {
        self.shared.pids()
    }

    /// Collects `items` and submits them, in chunks of `chunksize` or, when
    /// that is `None`, of the method's default.
    fn submit_items<T: Serialize>(
        &self,
        func: FuncRef,
        items: impl IntoIterator<Item = T>,
        chunksize: Option<usize>,
        default: DefaultChunks,
    ) -> Result<Arc<JobState>> {
        let items: Vec<T> = items.into_iter().collect();
        let chunksize = chunksize.unwrap_or_else(|| match default {
            DefaultChunks::Map => default_chunksize(items.len(), self.processes),
            DefaultChunks::One => 1,
        });
        self.submit(func, &items, chunksize)
    }

    /// Encodes `items` in chunks of `chunksize` (smaller where a chunk's
    /// arguments would exceed the message limit) and submits them as one job.
    fn submit<T: Serialize>(
        &self,
        func: FuncRef,
        items: &[T],
        chunksize: usize,
    ) -> Result<Arc<JobState>> {
        let id = self.next_job.fetch_add(1, Ordering::Relaxed);
        let mut encoder = TaskEncoder::new(id, func, chunksize, self.max_message);
        for item in items {
            encoder.push(item)?;
        }
        let (tasks, chunk_lens) = encoder.finish();
        let state = JobState::new(chunk_lens);
        self.shared.submit(Job {
            id,
            state: Arc::clone(&state),
            tasks: Arc::new(tasks),
            next: 0,
        })?;
        Ok(state)
    }

    /// `f` applied to every item, results in order, each `Ok` or its task's
    /// error (Python's `map(func, iterable, chunksize)`; `None` chunksize
    /// means CPython's default). The outer error is the pool's (closed,
    /// unencodable input).
    pub fn map<A, R>(
        &self,
        f: fn(A) -> R,
        items: impl IntoIterator<Item = A>,
        chunksize: Option<usize>,
    ) -> Result<Vec<Result<R>>>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        self.map_async(f, items, chunksize)?.get(None)
    }

    /// Like [`map`](Self::map), returning at once (Python's `map_async`).
    pub fn map_async<A, R>(
        &self,
        f: fn(A) -> R,
        items: impl IntoIterator<Item = A>,
        chunksize: Option<usize>,
    ) -> Result<MapResult<R>>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        let state = self.submit_items(FuncRef::of(f), items, chunksize, DefaultChunks::Map)?;
        Ok(MapResult::new(state))
    }

    /// `f(a, b)` for every pair (Python's `starmap`).
    pub fn starmap<A, B, R>(
        &self,
        f: fn(A, B) -> R,
        items: impl IntoIterator<Item = (A, B)>,
        chunksize: Option<usize>,
    ) -> Result<Vec<Result<R>>>
    where
        A: Serialize + DeserializeOwned,
        B: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        let state = self.submit_items(FuncRef::of_star(f), items, chunksize, DefaultChunks::Map)?;
        MapResult::new(state).get(None)
    }

    /// Streams results in input order as they complete (Python's `imap`;
    /// `None` chunksize means 1). Simplification: the input is consumed
    /// and encoded up front; only the results stream.
    pub fn imap<A, R>(
        &self,
        f: fn(A) -> R,
        items: impl IntoIterator<Item = A>,
        chunksize: Option<usize>,
    ) -> Result<IMapIterator<R>>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        let state = self.submit_items(FuncRef::of(f), items, chunksize, DefaultChunks::One)?;
        Ok(IMapIterator::new(state, true))
    }

    /// Streams results in completion order (Python's `imap_unordered`).
    pub fn imap_unordered<A, R>(
        &self,
        f: fn(A) -> R,
        items: impl IntoIterator<Item = A>,
        chunksize: Option<usize>,
    ) -> Result<IMapIterator<R>>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        let state = self.submit_items(FuncRef::of(f), items, chunksize, DefaultChunks::One)?;
        Ok(IMapIterator::new(state, false))
    }

    /// `f(arg)` in a worker, waiting for the result (Python's `apply`).
    pub fn apply<A, R>(&self, f: fn(A) -> R, arg: A) -> Result<R>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        self.apply_async(f, arg)?.get(None)
    }

    /// `f(arg)` in a worker, returning at once (Python's `apply_async`).
    pub fn apply_async<A, R>(&self, f: fn(A) -> R, arg: A) -> Result<AsyncResult<R>>
    where
        A: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        let state = self.submit(FuncRef::of(f), std::slice::from_ref(&arg), 1)?;
        Ok(AsyncResult::new(state))
    }

    /// No more work will be submitted; workers exit when the queue is
    /// done (Python's `close`).
    pub fn close(&self) {
        self.shared.command(Command::Close);
    }

    /// Stops the workers now; outstanding results become
    /// `Err(PoolClosed)` (Python's `terminate`, which leaves them hanging).
    pub fn terminate(&self) {
        self.shared.command(Command::Terminate);
    }

    /// Waits for the workers to exit; call `close` or `terminate` first
    /// (Python's `join`).
    pub fn join(&mut self) -> Result<()> {
        if self.shared.is_accepting() {
            return Err(Error::State("join() before close() or terminate()"));
        }
        if let Some(handler) = self.handler.take() {
            handler
                .join()
                .map_err(|_| Error::State("pool handler thread panicked"))?;
        }
        Ok(())
    }
}

impl Drop for Pool {
    /// Terminates and reaps (Python's `Pool.__exit__` calls `terminate`).
    fn drop(&mut self) {
        if let Some(handler) = self.handler.take() {
            self.shared.command(Command::Terminate);
            let _ = handler.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::default_chunksize;

    #[test]
    fn default_chunksize_is_cpythons_divmod_rule() {
        // CPython: chunksize, extra = divmod(len, 4 * processes); if extra: chunksize += 1
        assert_eq!(default_chunksize(100_000, 2), 12_500);
        assert_eq!(default_chunksize(10, 2), 2);
        assert_eq!(default_chunksize(8, 2), 1);
        assert_eq!(default_chunksize(1, 4), 1);
        assert_eq!(default_chunksize(0, 2), 0);
    }
}
