//! `Queue`, `SimpleQueue`, `JoinableQueue`: many producers and consumers in
//! many processes, over one pipe.
//!
//! ```text
//!   producers ──put: [slots.acquire] wlock ─ write frame ─ unlock──▶ ┌──────┐
//!   (any process)                                                   │ pipe │
//!   consumers ◀─get: rlock ─ read one whole frame ─ unlock [slots.release]──┘
//!   shared page: { rlock, wlock, slots (maxsize), items, unfinished }
//! ```
//!
//! A pipe keeps bytes in order but knows nothing of messages, so:
//! - writers hold `wlock` while writing a frame: two producers' frames
//!   never interleave (a single `write` is atomic only up to `PIPE_BUF`);
//! - readers hold `rlock` while reading a frame: one consumer reads the
//!   header *and* its payload, never half of someone else's message;
//! - `maxsize` is a semaphore of free slots: `put` takes one (blocking when
//!   the queue is full), `get` gives it back.
//!
//! Frames are CPython's (see `frame.rs`), payloads bincode 2.0.1.
//! Consumers read unbuffered (header, then payload): a read-ahead buffer in
//! one process would swallow frames another process should get.
//!
//! Simplifications (and CPython's answers): `put` writes in the caller
//! (CPython hands items to a feeder thread, so `put` never blocks on an
//! unbounded queue; here a producer blocks while the pipe's 64 KiB are
//! full until a consumer reads); a process killed while holding `rlock` or
//! `wlock` leaves the queue locked (so does CPython's).
//!
//! Python equivalent: `multiprocessing.Queue`, `SimpleQueue`, `JoinableQueue`.

use crate::connection::{config, decode_exact, DEFAULT_MAX_MESSAGE};
use crate::error::{Error, Result};
use crate::frame;
use crate::sync::{futex_wait, futex_wake, left, RawLock, RawSemaphore, SharedRegion};
use crate::sys;
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
    /// Held by a producer while it writes one frame.
    wlock: RawLock,
    /// Free slots (bounded queues only).
    slots: RawSemaphore,
    /// Items in the pipe (Python's `qsize()`).
    items: AtomicU32,
    /// Items put and not yet `task_done` (JoinableQueue; a futex word).
    unfinished: AtomicU32,
}

/// What every clone of a queue shares (in this process).
struct QueueInner {
    /// The shared page.
    state: SharedRegion<QueueState>,
    /// Read end of the pipe.
    reader: OwnedFd,
    /// Write end of the pipe.
    writer: OwnedFd,
    /// `maxsize`, if bounded.
    maxsize: Option<u32>,
}

/// Releases a raw lock on drop.
struct Held<'a>(&'a RawLock);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// Reads exactly `buf.len()` bytes; a short read at end of file is `Closed`
/// (nothing read) or `Io` (torn frame).
fn read_exact(fd: RawFd, buf: &mut [u8]) -> Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match sys::read_some(fd, &mut buf[got..])? {
            0 if got == 0 => return Err(Error::Closed),
            0 => return Err(Error::Io(std::io::ErrorKind::UnexpectedEof.into())),
            n => got += n,
        }
    }
    Ok(())
}

/// A multi-producer, multi-consumer queue across processes (Python's
/// `multiprocessing.Queue(maxsize)`). Create it before forking; clones and
/// children share it.
pub struct Queue<T> {
    /// Pipe and shared page.
    inner: Arc<QueueInner>,
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
            inner: Arc::new(QueueInner {
                state: SharedRegion::new(state, 0)?,
                reader,
                writer,
                maxsize,
            }),
            _marker: PhantomData,
        })
    }

    /// The shared page.
    fn state(&self) -> &QueueState {
        self.inner.state.get()
    }

    /// Puts `item`, waiting at most `timeout` for a free slot; `Err(Timeout)`
    /// when full (Python's `queue.Full`).
    pub fn put_timeout(&self, item: &T, timeout: Option<Duration>) -> Result<()> {
        let mut bytes = Vec::new();
        let at = frame::begin_frame(&mut bytes);
        bincode::serde::encode_into_std_write(item, &mut bytes, config())
            .map_err(|e| Error::Encode(e.to_string()))?;
        if bytes.len() - 4 > DEFAULT_MAX_MESSAGE {
            return Err(Error::TooLarge {
                announced: (bytes.len() - 4) as u64,
                limit: DEFAULT_MAX_MESSAGE,
            });
        }
        frame::finish_frame(&mut bytes, at);
        let state = self.state();
        if self.inner.maxsize.is_some() && !state.slots.acquire(timeout) {
            return Err(Error::Timeout);
        }
        state.items.fetch_add(1, Ordering::Relaxed);
        state.wlock.acquire(None);
        let _held = Held(&state.wlock);
        sys::write_all(self.inner.writer.as_raw_fd(), &bytes, false)?;
        Ok(())
    }

    /// Puts `item`, blocking while the queue is full.
    pub fn put(&self, item: &T) -> Result<()> {
        self.put_timeout(item, None)
    }

    /// Takes the oldest item, waiting at most `timeout`; `Err(Timeout)` when
    /// nothing arrived (Python's `queue.Empty`).
    pub fn get_timeout(&self, timeout: Option<Duration>) -> Result<T> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let state = self.state();
        if !state.rlock.acquire(left(deadline)) {
            return Err(Error::Timeout);
        }
        let held = Held(&state.rlock);
        let fd = self.inner.reader.as_raw_fd();
        if !sys::wait_readable(fd, left(deadline))? {
            return Err(Error::Timeout);
        }
        let mut header = [0u8; 4];
        read_exact(fd, &mut header)?;
        let small = i32::from_be_bytes(header);
        let len = if small == -1 {
            let mut long = [0u8; 8];
            read_exact(fd, &mut long)?;
            u64::from_be_bytes(long)
        } else {
            u64::from(small.max(0) as u32)
        };
        if len > DEFAULT_MAX_MESSAGE as u64 {
            return Err(Error::TooLarge {
                announced: len,
                limit: DEFAULT_MAX_MESSAGE,
            });
        }
        let mut payload = vec![0u8; len as usize];
        read_exact(fd, &mut payload)?;
        drop(held);
        state.items.fetch_sub(1, Ordering::Relaxed);
        if self.inner.maxsize.is_some() {
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
        self.inner.maxsize.is_some() && self.state().slots.value() == 0
    }
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

    /// Puts an item.
    pub fn put(&self, item: &T) -> Result<()> {
        self.0.put(item)
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
