//! `Queue`: a FIFO between producer and consumer tasks, optionally
//! bounded, with `task_done`/`join` accounting.
//!
//! ```text
//!   put(x):  full? ──yes──▶ park in putters ─┐
//!              │ no                ◀─────────┘ (a get notifies one putter)
//!              ▼
//!            items.push_back(x); unfinished += 1; notify one getter
//!   get():   empty? ──yes──▶ park in getters ─┐
//!              │ no                ◀──────────┘ (a put notifies one getter)
//!              ▼
//!            items.pop_front(); notify one putter
//!   task_done(): unfinished -= 1; at 0 set `finished` ─▶ join() returns
//! ```
//!
//! Python equivalent: `asyncio.Queue(maxsize)` — `put`, `get`,
//! `put_nowait`, `get_nowait`, `task_done`, `join`, `qsize`.
//!
//! Needs: `waiters.rs`, `event.rs`, `../error.rs`.

use super::event::Event;
use super::waiters::WaitQueue;
use crate::error::Error;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// A task queue; `maxsize == 0` means unbounded.
pub struct Queue<T> {
    /// The items.
    items: RefCell<VecDeque<T>>,
    /// Capacity, or 0 for unbounded.
    maxsize: usize,
    /// Tasks waiting for an item.
    getters: WaitQueue,
    /// Tasks waiting for room.
    putters: WaitQueue,
    /// Items put and not yet marked `task_done`.
    unfinished: Cell<usize>,
    /// Set when `unfinished` reaches 0.
    finished: Event,
}

impl<T> Queue<T> {
    /// A queue holding at most `maxsize` items (0: unbounded).
    pub fn new(maxsize: usize) -> Queue<T> {
        let finished = Event::new();
        finished.set();
        Queue {
            items: RefCell::new(VecDeque::new()),
            maxsize,
            getters: WaitQueue::default(),
            putters: WaitQueue::default(),
            unfinished: Cell::new(0),
            finished,
        }
    }

    /// Items in the queue.
    pub fn qsize(&self) -> usize {
        self.items.borrow().len()
    }

    /// True when empty.
    pub fn empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    /// True when bounded and at capacity.
    pub fn full(&self) -> bool {
        self.maxsize > 0 && self.qsize() >= self.maxsize
    }

    /// The capacity (0: unbounded).
    pub fn maxsize(&self) -> usize {
        self.maxsize
    }

    /// Puts `item`, waiting for room when full.
    pub async fn put(&self, item: T) {
        while self.full() {
            self.putters.wait().await;
        }
        self.push(item);
    }

    /// Puts `item` if there is room; otherwise gives it back (Python
    /// raises `QueueFull`; here nothing is lost).
    ///
    /// # Errors
    /// The item itself, when the queue is full.
    pub fn put_nowait(&self, item: T) -> Result<(), T> {
        if self.full() {
            return Err(item);
        }
        self.push(item);
        Ok(())
    }

    /// Appends and wakes one getter.
    fn push(&self, item: T) {
        self.items.borrow_mut().push_back(item);
        self.unfinished.set(self.unfinished.get() + 1);
        self.finished.clear();
        self.getters.notify_one();
    }

    /// Takes the first item, waiting while empty.
    pub async fn get(&self) -> T {
        loop {
            if let Some(item) = self.pop() {
                return item;
            }
            self.getters.wait().await;
        }
    }

    /// Takes the first item if any.
    ///
    /// # Errors
    /// [`Error::QueueEmpty`] when empty.
    pub fn get_nowait(&self) -> Result<T, Error> {
        self.pop().ok_or(Error::QueueEmpty)
    }

    /// Pops and wakes one putter.
    fn pop(&self) -> Option<T> {
        let item = self.items.borrow_mut().pop_front()?;
        self.putters.notify_one();
        Some(item)
    }

    /// Marks one item as processed.
    ///
    /// # Errors
    /// [`Error::TaskDoneTooManyTimes`] when called more times than items
    /// were put.
    pub fn task_done(&self) -> Result<(), Error> {
        match self.unfinished.get() {
            0 => Err(Error::TaskDoneTooManyTimes),
            n => {
                self.unfinished.set(n - 1);
                if n == 1 {
                    self.finished.set();
                }
                Ok(())
            }
        }
    }

    /// Waits until every item put has been marked `task_done`.
    pub async fn join(&self) {
        while self.unfinished.get() > 0 {
            self.finished.wait().await;
        }
    }
}
