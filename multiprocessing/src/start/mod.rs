//! Starting one pool worker: by `fork` from the pool's handler thread
//! (`popen_fork.rs`), by asking the forkserver (`forkserver.rs`), or by
//! `exec`ing this program afresh (`spawn.rs`) — each with one
//! `spawn_worker(&WorkerSpec) -> Result<Spawned>`, after CPython's
//! `popen_fork`, `popen_forkserver` and `popen_spawn_posix`.
//!
//! ```text
//!   Fork:        handler thread ──fork()──▶ worker        sentinel = pidfd (we reap it)
//!   Spawn:       handler thread ──fork+exec /proc/self/exe──▶ worker (spawn::init)
//!                sentinel = pidfd; the WorkerSpec travels as the link's first frame
//!   ForkServer:  handler thread ──request + fds (SCM_RIGHTS)──▶ forkserver ──fork()──▶ worker
//!                sentinel = a status socket; the server reaps the worker and writes
//!                its exit status there (the worker is the server's child, not ours),
//!                and sends us the worker's pidfd for signals
//! ```
//!
//! Every fork in this crate happens under the fork lock (`fork.rs`): the
//! pool makes a link, forks, and closes the worker's end *inside* the lock,
//! so no other fork of ours can happen in between and carry a copy of that
//! end into an unrelated child (which would keep the link open after the
//! worker died, and a reader waiting for end-of-file would wait forever).
//! Signals always go through a pidfd, never a bare pid.
//!
//! Layering: above `worker/` (what runs in the worker, the links) and
//! `fork.rs`; below `pool/`, which only calls `spawn_worker` and holds
//! the `Spawned` it returns. Nothing here knows about `Pool`.
//!
//! Python equivalent: `Pool._repopulate_pool_static` + `Popen` of the
//! chosen start method.

pub mod forkserver;
mod popen_fork;
pub mod spawn;

use crate::error::{Error, ExitCause, Result};
use crate::fork::{self, Waited};
use crate::worker::{ParentLink, Transport, WorkerSpec};
use ipc_channel::ipc::IpcBytesReceiver;
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

/// How workers are started (Python's `get_context("fork" | "forkserver" |
/// "spawn")`).
///
/// ## The default: forkserver, as CPython 3.14 on Linux
/// CPython 3.14 made forkserver the Linux default because `fork` in a
/// multi-threaded program can deadlock the child. This crate follows, on
/// the two conditions the decision needed:
/// - *No call at the top of `main`*: the server is started by the first
///   pool that needs it, from any thread, by re-executing the program
///   (`start/forkserver.rs`); a pre-main hook (`boot.rs`) turns that image into
///   the server. A single-threaded start without the user's help.
/// - *It works inside `cargo test`'s harness* (a threaded `main` we do not
///   own): the forkserver suite runs there with no set-up of its own.
///
/// Measured (bench keys `pool_start_ms`, `forkserver_pool_start_ms`,
/// `forkserver_first_pool_start_ms`; see the README's sample run): a
/// forkserver `Pool(2)` starts in about a millisecond once the server runs
/// (two request round trips and two forks of a small process), the first
/// one pays a few more for the server's `exec`; task throughput is the
/// same as with fork (same link, same worker loop). Against that:
/// - workers no longer inherit the parent's memory as of the pool's
///   creation (statics set at run time, mappings made after start-up) — as
///   with CPython's forkserver; pass what a worker needs as `initargs`;
/// - workers are the server's children, so a parent's
///   `RUSAGE_CHILDREN`/`cutime` no longer counts their CPU time: a program
///   that measures its children (the workspace's main job does) asks for
///   [`StartMethod::Fork`], from a process that has no other threads yet;
/// - one more process per program, alive while the program is.
///
/// With [`Transport::IpcChannel`], which only
/// fork supports, the default is fork. If the server cannot start (the
/// program is not a Rust binary linking this crate, say), a pool that did
/// not ask for a start method falls back to fork and says so once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StartMethod {
    /// `fork()` the parent from the pool's handler thread (fastest start;
    /// the child is a copy of a possibly threaded process — see the hazards
    /// in `fork.rs`, which prints CPython 3.12's warning when it forks a
    /// multi-threaded program).
    Fork,
    /// Ask the single-threaded forkserver ([`forkserver`]) to fork
    /// (the default).
    #[default]
    ForkServer,
    /// `exec` this program afresh ([`spawn`]).
    Spawn,
}

/// How we learn that a worker ended, and how it ended.
#[derive(Debug)]
pub(crate) enum Sentinel {
    /// Our child: its pidfd; `waitid(P_PIDFD)` gives the status.
    Pidfd(OwnedFd),
    /// The forkserver's child: a socket the server writes the status to,
    /// and a pidfd the server sent us for signals (see `forkserver.rs`).
    Status {
        /// Readable once the worker is gone (status record, or end of file).
        status: OwnedFd,
        /// The worker's pidfd, opened by the server.
        pidfd: OwnedFd,
    },
}

impl Sentinel {
    /// The fd to poll (readable once the worker is gone).
    pub(crate) fn fd(&self) -> RawFd {
        match self {
            Sentinel::Pidfd(fd) => fd.as_raw_fd(),
            Sentinel::Status { status, .. } => status.as_raw_fd(),
        }
    }

    /// Sends `signal` to the worker through its pidfd: a worker already
    /// reaped (its pid perhaps reused) is never signalled.
    pub(crate) fn signal(&self, signal: Signal) {
        let (Sentinel::Pidfd(pidfd) | Sentinel::Status { pidfd, .. }) = self;
        let _ = fork::signal(pidfd, signal);
    }

    /// The exit cause, once the sentinel fired (reaps our own child).
    pub(crate) fn collect(&self) -> ExitCause {
        match self {
            Sentinel::Pidfd(pidfd) => match fork::wait(pidfd, false) {
                Ok(Waited::Exited(cause)) => cause,
                // Someone else reaped it (waitpid(-1) elsewhere): unknown.
                _ => ExitCause::Code(-1),
            },
            Sentinel::Status { status, .. } => forkserver::read_status(status.as_raw_fd()),
        }
    }
}

/// A started worker, seen from the parent.
pub(crate) struct Spawned {
    /// Its pid (for `worker_pids` and messages; never for signals).
    pub pid: Pid,
    /// Its sentinel.
    pub sentinel: Sentinel,
    /// The parent's end of its link.
    pub link: ParentLink,
    /// Its result receiver (ipc transport only).
    pub results: Option<IpcBytesReceiver>,
}

/// Starts one worker with `method`. Each start method has one
/// `spawn_worker(&WorkerSpec) -> Result<Spawned>`; the forkserver and spawn
/// serve the pipe transport only.
pub(crate) fn spawn_worker(method: StartMethod, spec: &WorkerSpec) -> Result<Spawned> {
    if method != StartMethod::Fork && spec.transport != Transport::Pipe {
        return Err(Error::State(
            "the forkserver and spawn start methods support the Pipe transport only",
        ));
    }
    match method {
        StartMethod::Fork => popen_fork::spawn_worker(spec),
        StartMethod::ForkServer => forkserver::spawn_worker(spec),
        StartMethod::Spawn => spawn::spawn_worker(spec),
    }
}
