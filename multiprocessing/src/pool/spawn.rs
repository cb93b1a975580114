//! Starting one pool worker: by `fork` from the pool's handler thread, by
//! `exec`ing this program afresh (spawn), or by asking the forkserver.
//!
//! ```text
//!   Fork:        handler thread ──fork()──▶ worker        sentinel = pidfd (we reap it)
//!   Spawn:       handler thread ──fork+exec /proc/self/exe──▶ worker (spawn::init)
//!                sentinel = pidfd; the WorkerSpec travels as the link's first frame
//!   ForkServer:  handler thread ──request + fds (SCM_RIGHTS)──▶ forkserver ──fork()──▶ worker
//!                sentinel = a status socket; the server reaps the worker and writes
//!                its exit status there (the worker is the server's child, not ours)
//! ```
//!
//! Every fork in this crate happens under [`fork_lock`]: the pool makes a
//! link pair, forks, and closes the worker's end *inside* the lock, so no
//! other fork of ours can happen in between and carry a copy of that end
//! into an unrelated child (which would keep the link open after the
//! worker died, and a reader waiting for end-of-file would wait forever).
//!
//! Python equivalent: `Pool._repopulate_pool_static` + `Popen` of the
//! chosen start method.

use super::link::{make_link, ParentLink, Transport};
use super::worker::{worker_main, WorkerSpec, EXIT_LINK_FAILED};
use crate::child;
use crate::error::{Error, ExitCause, Result};
use crate::process::reap;
use crate::sys;
use ipc_channel::ipc::IpcBytesReceiver;
use nix::sys::signal::Signal;
use nix::unistd::{ForkResult, Pid};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::{Mutex, MutexGuard};

/// How workers are started (Python's `get_context("fork" | "forkserver")`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StartMethod {
    /// `fork()` the parent (fast; the child is a copy of a possibly
    /// threaded process — see the hazards in [`crate::process`]).
    #[default]
    Fork,
    /// Ask the single-threaded forkserver ([`crate::forkserver`]) to fork.
    ForkServer,
    /// `exec` this program afresh ([`crate::spawn`]; `spawn::init()` must
    /// be the first line of `main`).
    Spawn,
}

/// Serialises this crate's forks (see the module doc).
static FORK_LOCK: Mutex<()> = Mutex::new(());

/// Takes the crate-wide fork lock (poison is harmless: it guards no data).
pub(crate) fn fork_lock() -> MutexGuard<'static, ()> {
    FORK_LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// How we learn that a worker ended, and how it ended.
#[derive(Debug)]
pub(crate) enum Sentinel {
    /// Our child: its pidfd; `waitpid` gives the status.
    Pidfd(OwnedFd),
    /// The forkserver's child: a socket the server writes the status to.
    Status(OwnedFd),
}

impl Sentinel {
    /// The fd to poll (readable once the worker is gone).
    pub(crate) fn fd(&self) -> RawFd {
        match self {
            Sentinel::Pidfd(fd) | Sentinel::Status(fd) => fd.as_raw_fd(),
        }
    }

    /// Sends `signal` to the worker. A pidfd names the process itself, so a
    /// worker already reaped (its pid perhaps reused) is never signalled.
    pub(crate) fn signal(&self, pid: Pid, signal: Signal) {
        match self {
            Sentinel::Pidfd(fd) => {
                let _ = sys::pidfd_send_signal(fd.as_raw_fd(), signal);
            }
            Sentinel::Status(_) => {
                let _ = nix::sys::signal::kill(pid, signal);
            }
        }
    }

    /// The exit cause, once the sentinel fired (reaps our own child).
    pub(crate) fn collect(&self, pid: Pid) -> ExitCause {
        match self {
            Sentinel::Pidfd(_) => match reap(pid, false) {
                Ok(Some(cause)) => cause,
                // Someone else reaped it (waitpid(-1) elsewhere): unknown.
                _ => ExitCause::Code(-1),
            },
            Sentinel::Status(fd) => crate::forkserver::read_status(fd.as_raw_fd()),
        }
    }
}

/// A started worker, seen from the parent.
pub(crate) struct Spawned {
    /// Its pid.
    pub pid: Pid,
    /// Its sentinel.
    pub sentinel: Sentinel,
    /// The parent's end of its link.
    pub link: ParentLink,
    /// Its result receiver (ipc transport only).
    pub results: Option<IpcBytesReceiver>,
}

/// Starts one worker.
pub(crate) fn spawn_worker(
    method: StartMethod,
    transport: Transport,
    spec: &WorkerSpec,
) -> Result<Spawned> {
    match method {
        StartMethod::Fork => spawn_forked(transport, spec),
        StartMethod::ForkServer => {
            if transport != Transport::Pipe {
                return Err(Error::State(
                    "the forkserver start method supports the Pipe transport only",
                ));
            }
            crate::forkserver::spawn_worker(spec)
        }
        StartMethod::Spawn => {
            if transport != Transport::Pipe {
                return Err(Error::State(
                    "the spawn start method supports the Pipe transport only",
                ));
            }
            crate::spawn::spawn_worker(spec)
        }
    }
}

/// Forks a worker from this (the handler) thread.
fn spawn_forked(transport: Transport, spec: &WorkerSpec) -> Result<Spawned> {
    let guard = fork_lock();
    let pair = make_link(transport)?;
    child::prepare_fork();
    let parent = nix::unistd::getpid();
    // SAFETY: the child branch only runs `worker_main` under the rules of
    // `crate::child` (raw fds, no std locks, `_exit`).
    match unsafe { nix::unistd::fork() }? {
        ForkResult::Child => {
            child::enter_child();
            // Our copy of the lock is held by "us" (the forking thread's
            // guard was copied too); release it so the child could fork.
            drop(guard);
            child::die_with_parent(parent);
            drop(pair.parent);
            drop(pair.results);
            if let Some(keep) = pair.child.keep_fds() {
                sys::close_fds_except(&keep);
            }
            child::run_and_exit(move || match pair.child.open() {
                Ok(link) => worker_main(link, spec),
                Err(_) => EXIT_LINK_FAILED,
            })
        }
        ForkResult::Parent { child } => {
            drop(pair.child);
            drop(guard);
            let sentinel = match sys::pidfd_open(child.as_raw()) {
                Ok(fd) => fd,
                Err(err) => {
                    let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
                    let _ = reap(child, false);
                    return Err(err.into());
                }
            };
            Ok(Spawned {
                pid: child,
                sentinel: Sentinel::Pidfd(sentinel),
                link: pair.parent,
                results: pair.results,
            })
        }
    }
}
