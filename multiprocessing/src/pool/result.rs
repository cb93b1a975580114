//! Where results wait for their caller: one [`JobState`] per `map`/`apply`
//! call, and the handles the caller holds — [`AsyncResult`], [`MapResult`],
//! [`IMapIterator`].
//!
//! ```text
//!   handler thread ──deliver(chunk, bytes | error)──▶ JobState { chunks[], arrived, remaining }
//!                                                         │ Condvar, notified only when the
//!   caller: get()/next() ◀── decode bincode here ─────────┘ caller's wait condition holds
//! ```
//!
//! The handler stores *raw* result bytes; the caller decodes them. That keeps
//! the handler (the pool's one serial bottleneck) doing as little as
//! possible per task, and moves decoding to the caller's thread.
//! A waiting caller names what it waits for ([`Want`]); the handler notifies
//! the condvar only when that holds, so a `map` over 100k tasks wakes its
//! caller once, not 100k times.
//!
//! Needs: `worker/task.rs` (result decoding), `error.rs`.
//!
//! Python equivalent: `multiprocessing.pool.ApplyResult`, `MapResult`,
//! `IMapIterator`, `IMapUnorderedIterator`.

use crate::error::{Error, Result};
use crate::worker::task;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What became of one chunk: the result frames that arrived, in item order,
/// and the error of every item they do not cover.
#[derive(Debug)]
pub(crate) struct ChunkOutcome {
    /// Result frame payloads (header + tagged items), in item order.
    pub parts: Vec<Vec<u8>>,
    /// Why the items after the parts have no result (the worker died,
    /// the pool was terminated, ...); `None` when the parts cover the chunk.
    pub rest: Option<Error>,
}

impl ChunkOutcome {
    /// Every item failed with `err`.
    pub(crate) fn failed(err: Error) -> ChunkOutcome {
        ChunkOutcome {
            parts: Vec::new(),
            rest: Some(err),
        }
    }
}

/// What a waiting caller waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// Nobody waits.
    Nothing,
    /// Every chunk (`map`, `apply`).
    All,
    /// One given chunk (`imap`).
    Chunk(u32),
    /// Any chunk not yet taken (`imap_unordered`).
    Any,
}

/// Mutable part of a job, under [`JobState::inner`].
#[derive(Debug)]
struct JobInner {
    /// One slot per chunk, filled once by the handler, emptied by the caller.
    chunks: Vec<Option<ChunkOutcome>>,
    /// Chunk indices in arrival order, not yet taken (for `imap_unordered`).
    arrived: VecDeque<u32>,
    /// Chunks not yet delivered.
    remaining: usize,
    /// The caller's wait condition.
    want: Want,
}

/// The shared state of one submitted job.
#[derive(Debug)]
pub(crate) struct JobState {
    /// Results so far; the handler writes, the caller reads.
    inner: Mutex<JobInner>,
    /// Signalled when the caller's [`Want`] is met.
    cond: Condvar,
    /// Items in each chunk (to turn a chunk failure into per-item errors).
    pub(crate) chunk_lens: Vec<u32>,
}

impl JobState {
    /// A job of chunks with these item counts.
    pub(crate) fn new(chunk_lens: Vec<u32>) -> Arc<JobState> {
        let n = chunk_lens.len();
        Arc::new(JobState {
            inner: Mutex::new(JobInner {
                chunks: (0..n).map(|_| None).collect(),
                arrived: VecDeque::new(),
                remaining: n,
                want: Want::Nothing,
            }),
            cond: Condvar::new(),
            chunk_lens,
        })
    }

    /// Locks, tolerating poison (a panicking caller must not wedge the handler).
    fn lock(&self) -> MutexGuard<'_, JobInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The handler hands over a chunk's outcome (first delivery wins).
    pub(crate) fn deliver(&self, chunk: u32, outcome: ChunkOutcome) {
        let mut inner = self.lock();
        let slot = &mut inner.chunks[chunk as usize];
        if slot.is_some() {
            return;
        }
        *slot = Some(outcome);
        inner.arrived.push_back(chunk);
        inner.remaining -= 1;
        let wake = match inner.want {
            Want::Nothing => false,
            Want::All => inner.remaining == 0,
            Want::Chunk(c) => c == chunk,
            Want::Any => true,
        };
        drop(inner);
        if wake {
            self.cond.notify_all();
        }
    }

    /// Waits until `done(inner)` holds, with `want` announced; `Err(Timeout)`.
    fn wait_until(
        &self,
        want: Want,
        timeout: Option<Duration>,
        done: impl Fn(&JobInner) -> bool,
    ) -> Result<MutexGuard<'_, JobInner>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut inner = self.lock();
        while !done(&inner) {
            inner.want = want;
            inner = match deadline {
                None => self.cond.wait(inner).unwrap_or_else(|e| e.into_inner()),
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        inner.want = Want::Nothing;
                        return Err(Error::Timeout);
                    }
                    self.cond
                        .wait_timeout(inner, left)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
            };
        }
        inner.want = Want::Nothing;
        Ok(inner)
    }

    /// Whether every chunk has been delivered.
    pub(crate) fn ready(&self) -> bool {
        self.lock().remaining == 0
    }

    /// Waits for every chunk and takes them all, in order.
    fn take_all(&self, timeout: Option<Duration>) -> Result<Vec<ChunkOutcome>> {
        let mut inner = self.wait_until(Want::All, timeout, |i| i.remaining == 0)?;
        inner.arrived.clear();
        inner
            .chunks
            .iter_mut()
            .map(|slot| slot.take().ok_or(Error::State("result already taken")))
            .collect()
    }

    /// Waits for chunk `c` and takes it.
    fn take_chunk(&self, c: u32, timeout: Option<Duration>) -> Result<ChunkOutcome> {
        let mut inner =
            self.wait_until(Want::Chunk(c), timeout, |i| i.chunks[c as usize].is_some())?;
        Ok(inner.chunks[c as usize]
            .take()
            .expect("chunk present after wait"))
    }

    /// Waits for any undelivered-to-caller chunk; `None` when all are taken.
    fn take_any(
        &self,
        taken: usize,
        timeout: Option<Duration>,
    ) -> Result<Option<(u32, ChunkOutcome)>> {
        if taken == self.chunk_lens.len() {
            return Ok(None);
        }
        let mut inner = self.wait_until(Want::Any, timeout, |i| !i.arrived.is_empty())?;
        let c = inner
            .arrived
            .pop_front()
            .expect("arrival present after wait");
        let outcome = inner.chunks[c as usize]
            .take()
            .expect("arrived chunk present");
        Ok(Some((c, outcome)))
    }
}

/// Appends the `len` per-item results of a chunk outcome to `out`: the
/// decoded parts, then the outcome's error for the items they do not cover.
/// A part that does not decode fails its items and the rest of the chunk.
fn expand<R: DeserializeOwned>(outcome: ChunkOutcome, len: u32, out: &mut Vec<Result<R>>) {
    let end = out.len() + len as usize;
    let mut failure = outcome.rest;
    for part in &outcome.parts {
        let before = out.len();
        if let Err(err) = task::decode_results(part, out) {
            out.truncate(before);
            failure = Some(err);
            break;
        }
    }
    if out.len() > end {
        // More items than the chunk has: the handler checks counts, so this
        // is a broken invariant of ours, reported rather than trusted.
        out.truncate(end - len as usize);
        failure = Some(Error::Decode("more results than tasks in a chunk".into()));
    }
    let failure = failure.unwrap_or(Error::Decode("missing results in a chunk".into()));
    while out.len() < end {
        out.push(Err(failure.clone()));
    }
}

/// The pending result of `apply_async` (Python's `AsyncResult`).
#[derive(Debug)]
pub struct AsyncResult<R> {
    /// The one-chunk job.
    job: Arc<JobState>,
    /// The decoded result, once fetched (taken out by `get`).
    value: Option<Result<R>>,
    /// Whether the task succeeded, once fetched (survives `get`).
    succeeded: Option<bool>,
}

impl<R: DeserializeOwned> AsyncResult<R> {
    /// Wraps a submitted one-task job.
    pub(crate) fn new(job: Arc<JobState>) -> Self {
        AsyncResult {
            job,
            value: None,
            succeeded: None,
        }
    }

    /// Whether the result has arrived (Python's `ready()`).
    pub fn ready(&self) -> bool {
        self.value.is_some() || self.job.ready()
    }

    /// Waits at most `timeout` (`None`: forever); true if ready (Python's `wait`).
    pub fn wait(&self, timeout: Option<Duration>) -> bool {
        self.value.is_some()
            || self
                .job
                .wait_until(Want::All, timeout, |i| i.remaining == 0)
                .is_ok()
    }

    /// Decodes the arrived result into `self.value` (waiting at most `timeout`).
    fn fetch(&mut self, timeout: Option<Duration>) -> Result<()> {
        if self.value.is_none() {
            let mut chunks = self.job.take_all(timeout)?;
            let mut items = Vec::with_capacity(1);
            let outcome = chunks.pop().ok_or(Error::State("empty job"))?;
            expand(outcome, 1, &mut items);
            let value = items.pop().unwrap_or(Err(Error::State("no result")));
            self.succeeded = Some(value.is_ok());
            self.value = Some(value);
        }
        Ok(())
    }

    /// The result, waiting at most `timeout`: `Err(Timeout)` if it is not
    /// there yet (call `get` again later), else the task's value or error
    /// (Python's `get(timeout)`). The value moves out to the caller:
    /// Simplification — CPython can return it again; a second `get` here
    /// returns `Err(State)`, which spares `R: Clone`.
    pub fn get(&mut self, timeout: Option<Duration>) -> Result<R> {
        self.fetch(timeout)?;
        self.value
            .replace(Err(Error::State("result already taken")))
            .expect("value fetched above")
    }

    /// `Some(true)` if ready and succeeded, `Some(false)` if it failed,
    /// `None` if not ready (Python raises `ValueError` then).
    pub fn successful(&mut self) -> Option<bool> {
        if !self.ready() {
            return None;
        }
        self.fetch(Some(Duration::ZERO)).ok()?;
        self.succeeded
    }
}

/// The pending result of `map_async`/`starmap_async` (Python's `MapResult`).
#[derive(Debug)]
pub struct MapResult<R> {
    /// The job.
    job: Arc<JobState>,
    /// Type of the decoded items.
    _marker: PhantomData<fn() -> R>,
}

impl<R: DeserializeOwned> MapResult<R> {
    /// Wraps a submitted job.
    pub(crate) fn new(job: Arc<JobState>) -> Self {
        MapResult {
            job,
            _marker: PhantomData,
        }
    }

    /// Whether every chunk has arrived.
    pub fn ready(&self) -> bool {
        self.job.ready()
    }

    /// Waits for every result (at most `timeout`) and returns them in input
    /// order, each `Ok` or the error of its task. `Err(Timeout)` leaves the
    /// results in place for a later `get`.
    pub fn get(&self, timeout: Option<Duration>) -> Result<Vec<Result<R>>> {
        let chunks = self.job.take_all(timeout)?;
        let total: usize = self.job.chunk_lens.iter().map(|&n| n as usize).sum();
        let mut out = Vec::with_capacity(total);
        for (outcome, &len) in chunks.into_iter().zip(&self.job.chunk_lens) {
            expand(outcome, len, &mut out);
        }
        Ok(out)
    }
}

/// The streaming result of `imap` (ordered) or `imap_unordered`.
#[derive(Debug)]
pub struct IMapIterator<R> {
    /// The job.
    job: Arc<JobState>,
    /// Yield in input order (`imap`) or arrival order (`imap_unordered`).
    ordered: bool,
    /// Chunks taken so far.
    taken: usize,
    /// Decoded items of the current chunk, not yet yielded.
    pending: VecDeque<Result<R>>,
}

impl<R: DeserializeOwned> IMapIterator<R> {
    /// Wraps a submitted job.
    pub(crate) fn new(job: Arc<JobState>, ordered: bool) -> Self {
        IMapIterator {
            job,
            ordered,
            taken: 0,
            pending: VecDeque::new(),
        }
    }

    /// The next result, waiting at most `timeout` (Python's `next(timeout)`):
    /// `Ok(None)` at the end, `Err(Timeout)` if nothing arrived in time.
    pub fn next_timeout(&mut self, timeout: Option<Duration>) -> Result<Option<Result<R>>> {
        while self.pending.is_empty() {
            if self.taken == self.job.chunk_lens.len() {
                return Ok(None);
            }
            let (c, outcome) = if self.ordered {
                let c = self.taken as u32;
                (c, self.job.take_chunk(c, timeout)?)
            } else {
                match self.job.take_any(self.taken, timeout)? {
                    Some(pair) => pair,
                    None => return Ok(None),
                }
            };
            self.taken += 1;
            let mut items = Vec::new();
            expand(outcome, self.job.chunk_lens[c as usize], &mut items);
            self.pending.extend(items);
        }
        Ok(self.pending.pop_front())
    }
}

impl<R: DeserializeOwned> Iterator for IMapIterator<R> {
    type Item = Result<R>;

    fn next(&mut self) -> Option<Result<R>> {
        match self.next_timeout(None) {
            Ok(item) => item,
            Err(err) => Some(Err(err)),
        }
    }
}
