//! # multiprocessing: processes that escape the GIL
//!
//! Python's `multiprocessing` rebuilt on `fork` (and a forkserver, and
//! spawn-by-`exec`): each
//! worker is its own process with its own memory, so CPU-bound work runs in
//! parallel — at the price of start-up, copying arguments through pipes, and
//! handling failures across process boundaries.
//!
//! ```
//! use multiprocessing::Pool;
//!
//! fn square(x: i64) -> i64 {
//!     x * x
//! }
//!
//! let pool = Pool::new(2)?;
//! let squares: Vec<i64> = pool
//!     .map(square, 0..10, None)?
//!     .into_iter()
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(squares[9], 81);
//! # Ok::<(), multiprocessing::Error>(())
//! ```
//!
//! ## Modules
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | [`fork`] | the one place that forks: fork lock, pid + pidfd, threads and fork | `os.fork`, `popen_fork` |
//! | [`process`] | pidfd sentinel, join, exit codes, signals through the pidfd | `multiprocessing.Process` |
//! | [`child`] | what a forked child may do (raw writes, caught panics, `_exit`) | `BaseProcess._bootstrap` |
//! | [`connection`] | length-prefixed bincode frames over pipes/socketpairs | `multiprocessing.Pipe`, `connection.py` |
//! | [`sync`] | futex `Lock`, `Semaphore` in `MAP_SHARED` memory | `multiprocessing.Lock`, `Semaphore` |
//! | [`shared`] | `Value`, `Array` | `multiprocessing.Value`, `Array` |
//! | [`queues`] | `Queue`, `SimpleQueue`, `JoinableQueue` | `multiprocessing.Queue` … |
//! | [`pool`] | workers, per-worker links, fault handling, two transports | `multiprocessing.Pool` |
//! | [`forkserver`] | a single-threaded server (a re-exec of the program) that forks workers; the default | `multiprocessing.forkserver` |
//! | [`spawn`] | workers as a fresh `exec` of this program | `multiprocessing.spawn` |
//! | [`error`] | the one `Error` type | the exceptions |
//!
//! Linux only (pidfd, futex, `PR_SET_PDEATHSIG`, `close_range`).

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod boot;
pub mod child;
pub mod connection;
pub mod error;
mod feeder;
pub mod fork;
mod frame;
pub mod pool;
pub mod process;
pub mod queues;
pub mod shared;
pub mod start;
pub mod sync;
mod sys;
mod worker;

pub use connection::{Connection, Pipe};
pub use error::{Error, ExitCause, Result};
pub use pool::{AsyncResult, IMapIterator, MapResult, Pool, PoolBuilder};
pub use process::Process;
pub use queues::{JoinableQueue, Queue, SimpleQueue};
pub use shared::{Array, Value};
pub use start::{forkserver, spawn, StartMethod};
pub use sync::{Lock, Semaphore};
pub use worker::Transport;
