//! # asyncio: one thread, thousands of waiting tasks
//!
//! A hand-rolled event loop (std + nix: epoll, eventfd, timerfd) with
//! Python's asyncio API, next to the same programs written on async-std so
//! the two read side by side.
//!
//! ```
//! use std::time::{Duration, Instant};
//!
//! async fn fetch_data() -> &'static str {
//!     asyncio::sleep(Duration::from_millis(20)).await; // simulated I/O
//!     "data"
//! }
//!
//! let started = Instant::now();
//! let results = asyncio::run(async {
//!     asyncio::gather(vec![fetch_data(), fetch_data()]).await
//! })
//! .unwrap()
//! .unwrap();
//! assert_eq!(results, vec!["data", "data"]);
//! // The two 20 ms waits overlapped: nowhere near 2 × 20 ms of work.
//! # let _ = started.elapsed();
//! ```
//!
//! ## Module map, bottom-up
//! Each file imports only files above it in this table (lower rows build on
//! higher ones), and its `//!` block names the siblings it needs.
//!
//! | layer | module | mechanism | Python equivalent |
//! |---|---|---|---|
//! | 0 | `error`, `debug` | error types; slow-poll warnings, timeline | `CancelledError`; debug mode |
//! | 1 | `slab` | generation-checked slots, keys reserved before insert | — |
//! | 2 | `timers` | binary heap with lazy cancellation | `loop.call_later` |
//! | 2 | `reactor` | epoll, per-fd readiness, timerfd — knows no loop | `selectors.EpollSelector` |
//! | 2 | `waker` | wakers as packed task ids; the same-thread hook and the cross-thread inbox | `call_soon`, `call_soon_threadsafe` |
//! | 2 | `task` | a future with a schedule callback, cancellation, panics — knows no loop | `asyncio.Task` |
//! | 3 | `event_loop` | ready queue, one tick of `_run_once` | `asyncio.base_events` |
//! | 4 | `context` | the thread's current loop; `spawn`, `loop_stats` | `get_running_loop`, `create_task` |
//! | 4 | `runner` | `run`, `Runner` | `asyncio.run`, `asyncio.Runner` |
//! | 5 | `sleep` | `sleep`, `yield_now` | `asyncio.sleep` |
//! | 5 | `net` | sockets on the reactor, cancel-safe streams, `start_server` | `asyncio.streams` |
//! | 5 | `combinators` | `gather`, `as_completed`, `wait`, `wait_for`/`timeout` | `asyncio.tasks` |
//! | 5 | `task_group` | structured concurrency | `asyncio.TaskGroup` |
//! | 5 | `to_thread` | blocking closures on a thread pool | `asyncio.to_thread` |
//! | 5 | `sync` | `Lock`, `Event`, `Semaphore`, `Condition`, `Queue` | `asyncio.locks`, `asyncio.queues` |
//! | 6 | `programs` / `twin` | the same programs, hand-rolled / on async-std | — |
//!
//! Layers 0–4 plus `sleep` are the loop's closed file set: they compile
//! on their own (`tests/closed_loop.rs` proves it by compiling exactly
//! those files with `#[path]`).

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

// Layers 0–4: the loop.
mod context;
mod debug;
mod error;
mod event_loop;
mod reactor;
mod runner;
mod slab;
mod task;
mod timers;
mod waker;
// Layer 5: what a program calls.
mod combinators;
pub mod net;
mod sleep;
pub mod sync;
mod task_group;
mod to_thread;
// Layer 6: the programs.
pub mod programs;
pub mod twin;

pub use combinators::{
    as_completed, gather, gather_return_exceptions, timeout, wait, wait_for, wait_for_task,
    wait_timeout, AsCompleted, ReturnWhen, Timeout,
};
pub use context::{create_task, loop_stats, spawn, spawn_named};
pub use debug::{render_timeline, Config, SlowPoll, TaskLane};
pub use error::{Error, TaskError, TimeoutError};
pub use event_loop::LoopStats;
pub use runner::{run, Runner};
pub use sleep::{sleep, yield_now, Sleep};
pub use task::Task;
pub use task_group::TaskGroup;
pub use to_thread::{to_thread, MAX_WORKERS};
