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
//! ## Modules, bottom-up
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | `sys`, [`error`] | system-call wrappers; the one `Error` type | `os`, the exceptions |
//! | [`child`] | what a forked child may do (raw writes, caught panics, `_exit`) | `BaseProcess._bootstrap` |
//! | [`fork`] | the one place that forks: fork lock, pid + pidfd, threads and fork | `os.fork`, `popen_fork` |
//! | [`process`] | pidfd sentinel, join, exit codes, signals through the pidfd | `multiprocessing.Process` |
//! | `frame` | CPython's frames, the one header parser | `Connection._recv_bytes` |
//! | [`connection`] | `Pipe`, `Connection`, `Listener`/`Client` with the authkey handshake | `multiprocessing.connection` |
//! | [`sync`], [`shared`] | futex `Lock`, `Semaphore`; `Value`, `Array` in `MAP_SHARED` memory | `multiprocessing.Lock`, `Value` … |
//! | `feeder`, [`queues`] | `Queue` (with its feeder thread), `SimpleQueue`, `JoinableQueue` | `multiprocessing.Queue` … |
//! | `worker` | a pool worker: its spec, loop, task codec, links, result ring | `multiprocessing.pool.worker` |
//! | [`start`] | start methods: fork, [`forkserver`] (the default), [`spawn`] | `popen_fork`, `forkserver`, `popen_spawn_posix` |
//! | [`pool`] | the `Pool`: handler thread, dispatch, faults | `multiprocessing.Pool` |
//! | `boot` | the pre-main hook for re-exec'd images | `forkserver.main`, `spawn.spawn_main` |
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
