//! The worker side of a pool, and the bytes both sides exchange: what a
//! worker is told ([`spec`]), how it talks to its parent ([`link`], [`ring`]),
//! the task and result frames ([`task`]) and its main loop ([`run`]). Nothing
//! here knows about `Pool`: the start methods (`start/`) launch
//! `worker_main` on a link, and the pool (`pool/`) speaks the frames.
//!
//! ```text
//!   start/ ──(spec, ChildFds)──▶ run::worker_main ──reads──▶ task frames ──runs──▶ fn(A) -> R
//!                                       │                                          │
//!                                       └──── result frames ──▶ link (ring) ◀──────┘
//! ```
//!
//! Layering: below `start/` and `pool/`; above `frame.rs`, `connection/`
//! (bincode configuration), `child.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.pool.worker`, `mapstar`, and the
//! `SimpleQueue`s between a `Pool` and its workers.

pub(crate) mod link;
pub(crate) mod ring;
pub(crate) mod run;
pub(crate) mod spec;
pub(crate) mod task;

pub use link::Transport;
pub(crate) use link::{make_link, pipe_link, ChildFds, LinkPair, ParentLink};
pub(crate) use run::worker_main;
pub(crate) use spec::{image_base, InitCall, WorkerSpec, EXIT_INIT_FAILED, EXIT_LINK_FAILED};
