//! # multiprocessing: processes that escape the GIL
//!
//! Python's `multiprocessing` rebuilt on `fork` (and a forkserver): each
//! worker is its own process with its own memory, so CPU-bound work runs in
//! parallel — at the price of start-up, copying arguments through pipes, and
//! handling failures across process boundaries.
//!
//! ## Module plan
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | `process` | fork, sentinel, join, exit codes | `multiprocessing.Process` |
//! | `connection` | length-prefixed bincode frames over pipes/socketpairs | `multiprocessing.Pipe`, `connection.py` |
//! | `shared` | `Lock`, `Semaphore`, `Value`, `Array` in `MAP_SHARED` memory | `multiprocessing.Value`, `Array` |
//! | `queues` | `Queue`, `SimpleQueue`, `JoinableQueue` | `multiprocessing.Queue` |
//! | `pool` | workers, task and result pipes, fault handling | `multiprocessing.Pool` |
//! | `forkserver` | a single-threaded server that forks workers | `multiprocessing.forkserver` |
//! | `ipc` | the ipc-channel transport | — |

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod child;
pub mod connection;
pub mod error;
pub mod forkserver;
mod frame;
pub mod pool;
pub mod process;
mod sys;

pub use connection::{Connection, Pipe};
pub use error::{Error, ExitCause, Result};
pub use pool::{AsyncResult, IMapIterator, MapResult, Pool, PoolBuilder, StartMethod, Transport};
pub use process::Process;
