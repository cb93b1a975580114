//! `Queue`, `SimpleQueue`, `JoinableQueue`: many producers and consumers in
//! many processes, over one pipe.
//!
//! ```text
//!   Queue::put ──[slots.acquire]──▶ feeder buffer ──feeder thread: wlock, write──▶ ┌──────┐
//!   SimpleQueue::put ─────────────── wlock ─ write frame ─ unlock ───────────────▶ │ pipe │
//!   consumers ◀─get: rlock ─ read one whole frame ─ unlock [slots.release]─────────┘──────┘
//!   shared page: { rlock, wlock, slots (maxsize), items, unfinished }
//! ```
//!
//! A pipe keeps bytes in order but knows nothing of messages, so:
//! - writers hold `wlock` while writing a frame: two producers' frames
//!   never interleave (a single `write` is atomic only up to `PIPE_BUF`);
//! - readers hold `rlock` while reading a frame: one consumer reads the
//!   header *and* its payload, never half of someone else's message;
//! - `maxsize` is a semaphore of free slots: `put` takes one (waiting, at
//!   most its timeout, when the queue is full), `get` gives it back.
//!
//! `Queue::put` never writes the pipe itself: it hands the frame to this
//! process's feeder thread (`feeder.rs`), as CPython does, so a `put` into
//! an unbounded queue never blocks, and `put_timeout` waits only for a slot.
//! `close`, `join_thread` and `cancel_join_thread` are CPython's. The
//! consequence is CPython's too: a process's last handle (or, in a child,
//! its exit) waits until the feeder has written everything — with nobody
//! reading a full pipe, forever — unless `cancel_join_thread` was called.
//! `SimpleQueue::put` writes in the caller, as CPython's `SimpleQueue` does.
//!
//! Frames are CPython's (see `frame.rs`), payloads bincode 2.0.1.
//! Consumers read unbuffered (header, then payload): a read-ahead buffer in
//! one process would swallow frames another process should get.
//!
//! Simplification (and CPython's answer): a process killed while holding
//! `rlock` or `wlock` leaves the queue locked (so does CPython's).
//!
//! Needs: `feeder.rs`, `frame.rs`, `connection/` (bincode
//! configuration), `sync.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.Queue`, `SimpleQueue`, `JoinableQueue`.

use crate::connection::{config, decode_exact, DEFAULT_MAX_MESSAGE};
use crate::error::{Error, Result};
use crate::feeder::{Feeder, Sink};
use crate::frame;
use crate::sync::{left, RawLock, RawSemaphore, SharedRegion};
use crate::sys;
use crate::sys::{futex_wait, futex_wake};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The queue's shared page.
#[repr(C)]
#[derive(Default)]
struct QueueState {
    /// Held by a consumer while it reads one frame.
    rlock: RawLock,
    /// Held by a producer (or feeder thread) while it writes one frame.
    wlock: RawLock,
    /// Free slots (bounded queues only).
    slots: RawSemaphore,
    /// Items put and not yet taken (Python's `qsize()`).
    items: AtomicU32,
    /// Items put and not yet `task_done` (JoinableQueue; a futex word).
    unfinished: AtomicU32,
}

/// The pipe and shared page, shared with the feeder thread.
struct Channel {
    /// The shared page.
    state: SharedRegion<QueueState>,
    /// Read end of the pipe.
    reader: OwnedFd,
    /// Write end of the pipe.
    writer: OwnedFd,
    /// `maxsize`, if bounded.
    maxsize: Option<u32>,
}

impl Sink for Channel {
    fn fd(&self) -> RawFd {
        self.writer.as_raw_fd()
    }
    fn wlock(&self) -> &RawLock {
        &self.state.get().wlock
    }
}

/// What every clone of a queue shares (in this process). Dropping the last
/// one closes this process's feeder and waits for it (unless cancelled).
struct Handle {
    /// Pipe and shared page.
    channel: Arc<Channel>,
    /// This process's feeder thread.
    feeder: Arc<Feeder>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.feeder.close();
        let _ = self.feeder.join();
    }
}

/// Releases a raw lock on drop.
struct Held<'a>(&'a RawLock);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// A multi-producer, multi-consumer queue across processes (Python's
/// `multiprocessing.Queue(maxsize)`). Create it before forking; clones and
/// children share it.
pub struct Queue<T> {
    /// Pipe, shared page and feeder.
    inner: Arc<Handle>,
    /// The item type.
    _marker: PhantomData<fn(T) -> T>,
}

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue {
            inner: Arc::clone(&self.inner),
            _marker: PhantomData,
        }
    }
}

/// Encodes `item` as one frame (header included), checked against the limit.
fn encode_frame<T: Serialize>(item: &T) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let at = frame::begin_frame(&mut bytes);
    bincode::serde::encode_into_std_write(item, &mut bytes, config())
        .map_err(|e| Error::Encode(e.to_string()))?;
    let len = bytes.len() - at - frame::SMALL_HEADER;
    if len > DEFAULT_MAX_MESSAGE {
        return Err(Error::TooLarge {
            announced: len as u64,
            limit: DEFAULT_MAX_MESSAGE,
        });
    }
    frame::finish_frame(&mut bytes, at);
    Ok(bytes)
}

impl<T: Serialize + DeserializeOwned> Queue<T> {
    /// A queue holding at most `maxsize` items (`0`: unbounded, as in Python).
    pub fn new(maxsize: u32) -> Result<Queue<T>> {
        let (reader, writer) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let maxsize = (maxsize > 0).then_some(maxsize);
        let state = QueueState {
            slots: RawSemaphore::new(maxsize.unwrap_or(0)),
            ..QueueState::default()
        };
        Ok(Queue {
            inner: Arc::new(Handle {
                channel: Arc::new(Channel {
                    state: SharedRegion::new(state, 0)?,
                    reader,
                    writer,
                    maxsize,
                }),
                feeder: Feeder::new(),
            }),
            _marker: PhantomData,
        })
    }

    /// The shared page.
    fn state(&self) -> &QueueState {
        self.inner.channel.state.get()
    }

    /// Puts `item`, waiting at most `timeout` for a free slot when the queue
    /// is bounded and full (`Err(Timeout)`: Python's `queue.Full`). Never
    /// waits for the pipe: the feeder thread writes it. `Err(State)` after
    /// `close`.
    pub fn put_timeout(&self, item: &T, timeout: Option<Duration>) -> Result<()> {
        if self.inner.feeder.is_closed() {
            return Err(Error::State("queue is closed"));
        }
        let bytes = encode_frame(item)?;
        let state = self.state();
        if self.inner.channel.maxsize.is_some() && !state.slots.acquire(timeout) {
            return Err(Error::Timeout);
        }
        state.items.fetch_add(1, Ordering::Relaxed);
        self.inner
            .feeder
            .put(bytes, &self.inner.channel)
            .inspect_err(|_| {
                state.items.fetch_sub(1, Ordering::Relaxed);
                if self.inner.channel.maxsize.is_some() {
                    state.slots.release();
                }
            })
    }

    /// Puts `item`, waiting (only) while a bounded queue is full.
    pub fn put(&self, item: &T) -> Result<()> {
        self.put_timeout(item, None)
    }

    /// Puts `item` if a slot is free at once (Python's `put_nowait`).
    pub fn put_nowait(&self, item: &T) -> Result<()> {
        self.put_timeout(item, Some(Duration::ZERO))
    }

    /// Takes the oldest item, waiting at most `timeout` (for the read lock
    /// and for data); `Err(Timeout)` when nothing arrived (Python's
    /// `queue.Empty`). `Err(State)` after `close`.
    pub fn get_timeout(&self, timeout: Option<Duration>) -> Result<T> {
        if self.inner.feeder.is_closed() {
            return Err(Error::State("queue is closed"));
        }
        let payload = read_one(&self.inner.channel, timeout)?;
        let state = self.state();
        state.items.fetch_sub(1, Ordering::Relaxed);
        if self.inner.channel.maxsize.is_some() {
            state.slots.release();
        }
        decode_exact(&payload)
    }

    /// Takes the oldest item, blocking until there is one.
    pub fn get(&self) -> Result<T> {
        self.get_timeout(None)
    }

    /// Takes an item if one is there at once (Python's `get_nowait`).
    pub fn get_nowait(&self) -> Result<T> {
        self.get_timeout(Some(Duration::ZERO))
    }

    /// Approximate number of items (Python's `qsize()`).
    pub fn qsize(&self) -> usize {
        self.state().items.load(Ordering::Relaxed) as usize
    }

    /// Whether the queue looks empty (a snapshot, as in Python).
    pub fn empty(&self) -> bool {
        self.qsize() == 0
    }

    /// Whether a bounded queue looks full.
    pub fn full(&self) -> bool {
        self.inner.channel.maxsize.is_some() && self.state().slots.value() == 0
    }

    /// No more `put` or `get` from this process; the feeder thread exits
    /// once it has written what was put (Python's `close`).
    pub fn close(&self) {
        self.inner.feeder.close();
    }

    /// Waits until the feeder thread has written everything and exited;
    /// `Err(State)` before `close` (Python's `join_thread`).
    pub fn join_thread(&self) -> Result<()> {
        self.inner.feeder.join()
    }

    /// Do not wait for the feeder thread — not in `join_thread`, not when
    /// the last handle is dropped or a child exits. Items it has not
    /// written yet may be lost (Python's `cancel_join_thread`).
    pub fn cancel_join_thread(&self) {
        self.inner.feeder.cancel_join();
    }
}

/// Reads one whole frame under `rlock`, waiting at most `timeout` in all.
fn read_one(channel: &Channel, timeout: Option<Duration>) -> Result<Vec<u8>> {
    let deadline = timeout.map(|t| Instant::now() + t);
    let state = channel.state.get();
    if !state.rlock.acquire(left(deadline)) {
        return Err(Error::Timeout);
    }
    let _held = Held(&state.rlock);
    let fd = channel.reader.as_raw_fd();
    if !sys::wait_readable(fd, left(deadline))? {
        return Err(Error::Timeout);
    }
    // Once the header is there its writer holds `wlock` and is writing the
    // rest: reading it waits only for that writer.
    frame::read_frame(fd, DEFAULT_MAX_MESSAGE)
}

/// Writes one frame in the caller, under `wlock` (SimpleQueue).
fn write_one(channel: &Channel, bytes: &[u8]) -> Result<()> {
    let state = channel.state.get();
    state.wlock.acquire(None);
    let _held = Held(&state.wlock);
    sys::write_all(channel.writer.as_raw_fd(), bytes, false)?;
    Ok(())
}

/// A queue without size limit or counters (Python's `SimpleQueue`).
pub struct SimpleQueue<T>(Queue<T>);

impl<T> Clone for SimpleQueue<T> {
    fn clone(&self) -> Self {
        SimpleQueue(self.0.clone())
    }
}

impl<T: Serialize + DeserializeOwned> SimpleQueue<T> {
    /// A new empty queue.
    pub fn new() -> Result<SimpleQueue<T>> {
        Ok(SimpleQueue(Queue::new(0)?))
    }

    /// Puts an item, writing it in the caller (CPython's `SimpleQueue` has
    /// no feeder thread either: with nobody reading, a full pipe blocks this).
    pub fn put(&self, item: &T) -> Result<()> {
        let bytes = encode_frame(item)?;
        self.0.state().items.fetch_add(1, Ordering::Relaxed);
        write_one(&self.0.inner.channel, &bytes)
    }

    /// Takes an item, blocking.
    pub fn get(&self) -> Result<T> {
        self.0.get()
    }

    /// Whether it looks empty.
    pub fn empty(&self) -> bool {
        self.0.empty()
    }
}

/// A queue whose consumers report each item done, so a producer can wait
/// for all of them (Python's `JoinableQueue`).
pub struct JoinableQueue<T>(Queue<T>);

impl<T> Clone for JoinableQueue<T> {
    fn clone(&self) -> Self {
        JoinableQueue(self.0.clone())
    }
}

impl<T: Serialize + DeserializeOwned> JoinableQueue<T> {
    /// A queue holding at most `maxsize` items (`0`: unbounded).
    pub fn new(maxsize: u32) -> Result<JoinableQueue<T>> {
        Ok(JoinableQueue(Queue::new(maxsize)?))
    }

    /// Puts an item and counts it as unfinished.
    pub fn put(&self, item: &T) -> Result<()> {
        let unfinished = &self.0.state().unfinished;
        unfinished.fetch_add(1, Ordering::Relaxed);
        self.0.put(item).inspect_err(|_| {
            self.task_done_inner();
        })
    }

    /// Puts an item, waiting at most `timeout` for a slot (see [`Queue::put_timeout`]).
    pub fn put_timeout(&self, item: &T, timeout: Option<Duration>) -> Result<()> {
        let unfinished = &self.0.state().unfinished;
        unfinished.fetch_add(1, Ordering::Relaxed);
        self.0.put_timeout(item, timeout).inspect_err(|_| {
            self.task_done_inner();
        })
    }

    /// See [`Queue::close`].
    pub fn close(&self) {
        self.0.close()
    }

    /// See [`Queue::join_thread`].
    pub fn join_thread(&self) -> Result<()> {
        self.0.join_thread()
    }

    /// See [`Queue::cancel_join_thread`].
    pub fn cancel_join_thread(&self) {
        self.0.cancel_join_thread()
    }

    /// Takes an item, blocking.
    pub fn get(&self) -> Result<T> {
        self.0.get()
    }

    /// Takes an item, waiting at most `timeout`.
    pub fn get_timeout(&self, timeout: Option<Duration>) -> Result<T> {
        self.0.get_timeout(timeout)
    }

    /// Marks one item done; `Err(State)` if more calls than items
    /// (Python's `ValueError: task_done() called too many times`).
    pub fn task_done(&self) -> Result<()> {
        if self.task_done_inner() {
            Ok(())
        } else {
            Err(Error::State("task_done() called too many times"))
        }
    }

    /// Decrements `unfinished` unless zero; wakes joiners at zero.
    fn task_done_inner(&self) -> bool {
        let unfinished = &self.0.state().unfinished;
        let mut current = unfinished.load(Ordering::Relaxed);
        loop {
            if current == 0 {
                return false;
            }
            // Release pairs with the Acquire load in `join`: work done
            // before task_done is visible to whoever returns from join.
            match unfinished.compare_exchange_weak(
                current,
                current - 1,
                Ordering::Release,
                Ordering::Relaxed,
            ) {
                Ok(_) => break,
                Err(seen) => current = seen,
            }
        }
        if current == 1 {
            futex_wake(unfinished, i32::MAX);
        }
        true
    }

    /// Blocks until every item put has been marked done (Python's `join`).
    pub fn join(&self) {
        let unfinished = &self.0.state().unfinished;
        loop {
            // Acquire pairs with the Release CAS in `task_done_inner`.
            let current = unfinished.load(Ordering::Acquire);
            if current == 0 {
                return;
            }
            futex_wait(unfinished, current, None);
        }
    }

    /// Approximate number of items waiting.
    pub fn qsize(&self) -> usize {
        self.0.qsize()
    }
}
