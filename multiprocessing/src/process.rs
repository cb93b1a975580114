//! `Process`: run a function in a forked child, wait for it, read its exit code.
//!
//! ```text
//!   Initial ──start()──▶ Started { pid, sentinel } ──join()/exitcode()──▶ Finished { cause }
//!                            │  terminate(): SIGTERM   kill(): SIGKILL   (through the pidfd)
//!                            ├─ drop while running: SIGTERM, wait 1 s, SIGKILL, reap
//!                            └─ reaped by someone else ──▶ Lost (join: Err(State), no more signals)
//! ```
//!
//! ## Mechanism
//! `start` forks. The child runs the target under `catch_unwind` and leaves
//! with `_exit(0)` (or `_exit(1)` after writing the panic message to fd 2).
//! The parent opens a *pidfd* for the child: a file descriptor the kernel
//! makes readable when the child exits. That is the process's **sentinel**:
//! `join(timeout)` is one `poll` on it, never a sleep loop, and a pool polls
//! many sentinels at once. Road not taken: CPython's sentinel is a pipe whose
//! write end the child holds; a second child forked later inherits that end
//! too, and the first child's exit then goes unnoticed until both are gone.
//! After the sentinel fires, `waitid(P_PIDFD)` reaps the child (no zombie) and
//! decodes its status: `exitcode` is the exit code, or minus the signal
//! number when a signal killed it, exactly as CPython reports it. Signals
//! go through the pidfd too (`pidfd_send_signal`), so a child that other
//! code reaped behind our back — its pid now free for a stranger — is never
//! signalled, and `join` says so instead of returning `ECHILD` (see
//! `fork.rs`).
//!
//! ## Fork hazards (read this before forking from a threaded program)
//! `fork` copies only the calling thread. A lock held by any other thread at
//! that instant — Rust's stdout/stderr locks, the panic hook's lock, a
//! `Mutex` in your own code — stays locked forever in the child. The cargo
//! test harness runs tests on many threads, so this crate must live with it:
//! - stdout and stderr are flushed and held across the fork (`fork.rs`), so
//!   the child owns them and may print; the first fork of a multi-threaded
//!   process prints CPython 3.12's warning;
//! - the crate's own child code writes with raw `write(2)` ([`write_fd_raw`](crate::child::write_fd_raw));
//! - panics in the child are caught and reported with a raw `write(2)`; std's
//!   printing panic hook is silenced in children (see [`crate::child`]);
//! - the child ends with `_exit`: no atexit handlers, no flushing of the
//!   parent's stdio buffers, whose unwritten bytes the child inherited;
//! - your target must obey the same rule: do not take locks that other
//!   parent threads may hold. When you cannot promise that, use the
//!   forkserver start method (`start/forkserver.rs`), which forks from a
//!   single-threaded process.
//!
//! `daemon(true)` makes the child die with its parent (`PR_SET_PDEATHSIG`);
//! every `Process` — daemon or not — is terminated and reaped when dropped
//! while still running. Simplification: CPython *joins* non-daemon children
//! at interpreter exit; Rust has no interpreter exit, so dropping decides.
//!
//! Needs: `fork.rs`, `child.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.Process` with the `fork` start method.

use crate::child;
use crate::error::{Error, ExitCause, Result};
use crate::fork::{self, Waited};
use crate::sys;
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::Duration;

/// How long `Drop` waits after `SIGTERM` before sending `SIGKILL`.
const DROP_GRACE: Duration = Duration::from_secs(1);

/// What `join` says once the child was reaped by someone else.
const REAPED_ELSEWHERE: &str =
    "the child was reaped by someone else (a waitpid(-1) in other code): its exit status is lost";

/// The body a child runs.
type Target = Box<dyn FnOnce()>;

/// Where a [`Process`] is in its life.
enum State {
    /// Created, not started; holds the target.
    Initial(Target),
    /// Forked and not yet reaped.
    Started {
        /// The child's pid (for reporting; signals go through the pidfd).
        pid: Pid,
        /// The pidfd: readable once the child has exited.
        sentinel: OwnedFd,
    },
    /// Reaped by us.
    Finished {
        /// The child's pid (kept for reporting).
        pid: Pid,
        /// How it ended.
        cause: ExitCause,
    },
    /// Reaped by someone else: gone, status unknown, never signalled again.
    Lost {
        /// The child's pid (kept for reporting).
        pid: Pid,
    },
    /// Transient while `start` runs.
    Starting,
}

/// A child process running a function (Python's `multiprocessing.Process`).
pub struct Process {
    /// Lifecycle state (see the module diagram).
    state: State,
    /// Die with the parent (`PR_SET_PDEATHSIG`), like CPython's `daemon`.
    daemon: bool,
    /// A name for messages (Python's `Process.name`).
    name: String,
}

impl Process {
    /// A process that will run `target` (Python's `Process(target=...)`).
    /// With the fork start method the closure is simply there in the child's
    /// copy of memory, so it may capture anything: nothing is serialised.
    pub fn new(target: impl FnOnce() + 'static) -> Process {
        Process {
            state: State::Initial(Box::new(target)),
            daemon: false,
            name: "Process".to_owned(),
        }
    }

    /// Sets the daemon flag (before `start`); builder style.
    pub fn daemon(mut self, daemon: bool) -> Process {
        self.daemon = daemon;
        self
    }

    /// Sets the name; builder style.
    pub fn name(mut self, name: &str) -> Process {
        self.name = name.to_owned();
        self
    }

    /// The process's name.
    pub fn get_name(&self) -> &str {
        &self.name
    }

    /// Forks the child and returns at once (Python's `start`).
    pub fn start(&mut self) -> Result<()> {
        child::check_may_have_children()?;
        let target = match std::mem::replace(&mut self.state, State::Starting) {
            State::Initial(target) => target,
            other => {
                self.state = other;
                return Err(Error::State("process already started"));
            }
        };
        let parent = nix::unistd::getpid();
        let daemon = self.daemon;
        let forked = fork::locked(|permit| permit.fork(move || child_main(target, daemon, parent)));
        match forked {
            Ok(forked) => {
                self.state = State::Started {
                    pid: forked.pid,
                    sentinel: forked.pidfd,
                };
                Ok(())
            }
            // The target went into the failed fork: this process cannot start.
            Err(err) => Err(err),
        }
    }

    /// Waits for the child to end, at most `timeout` (`None`: forever).
    /// `Err(Timeout)` if it is still running then (CPython returns `None`
    /// and leaves `exitcode` as `None`; an error says it more plainly).
    /// `Err(State)` if something else reaped the child.
    pub fn join(&mut self, timeout: Option<Duration>) -> Result<()> {
        match &self.state {
            State::Finished { .. } => Ok(()),
            State::Lost { .. } => Err(Error::State(REAPED_ELSEWHERE)),
            State::Started { sentinel, .. } => {
                if !sys::wait_readable(sentinel.as_raw_fd(), timeout)? {
                    return Err(Error::Timeout);
                }
                match self.poll_exit(false)? {
                    Some(_) => Ok(()),
                    None => Err(Error::State(REAPED_ELSEWHERE)),
                }
            }
            _ => Err(Error::State("can only join a started process")),
        }
    }

    /// Reaps the child through its pidfd if it has exited (or waits, unless
    /// `nohang`); `None` while it runs, or once it is `Lost`.
    fn poll_exit(&mut self, nohang: bool) -> Result<Option<ExitCause>> {
        let (pid, waited) = match &self.state {
            State::Finished { cause, .. } => return Ok(Some(*cause)),
            State::Started { pid, sentinel } => (*pid, fork::wait(sentinel, nohang)?),
            _ => return Ok(None),
        };
        match waited {
            Waited::Running => Ok(None),
            Waited::Exited(cause) => {
                self.state = State::Finished { pid, cause };
                Ok(Some(cause))
            }
            Waited::ReapedElsewhere => {
                self.state = State::Lost { pid };
                Ok(None)
            }
        }
    }

    /// The exit code: `None` while running (or before start, or when
    /// someone else reaped the child), the code, or minus the signal number
    /// that killed it (Python's `exitcode`).
    pub fn exitcode(&mut self) -> Option<i32> {
        self.poll_exit(true).ok().flatten().map(ExitCause::exitcode)
    }

    /// Whether the child has started and not yet exited (its pidfd is not
    /// readable yet).
    pub fn is_alive(&mut self) -> bool {
        match &self.state {
            State::Started { sentinel, .. } => {
                !sys::wait_readable(sentinel.as_raw_fd(), Some(Duration::ZERO)).unwrap_or(true)
            }
            _ => false,
        }
    }

    /// The child's pid once started.
    pub fn pid(&self) -> Option<i32> {
        match &self.state {
            State::Started { pid, .. } | State::Finished { pid, .. } | State::Lost { pid } => {
                Some(pid.as_raw())
            }
            _ => None,
        }
    }

    /// The sentinel fd (readable once the child exited), while started.
    pub fn sentinel(&self) -> Option<RawFd> {
        match &self.state {
            State::Started { sentinel, .. } => Some(sentinel.as_raw_fd()),
            _ => None,
        }
    }

    /// Sends `signal` through the pidfd while the child is not reaped;
    /// after that, nothing is sent (the pid may belong to someone else now).
    fn signal(&mut self, sig: Signal) -> Result<()> {
        match &self.state {
            State::Started { sentinel, .. } => fork::signal(sentinel, sig),
            _ => Ok(()),
        }
    }

    /// Sends `SIGTERM` (Python's `terminate`).
    pub fn terminate(&mut self) -> Result<()> {
        self.signal(Signal::SIGTERM)
    }

    /// Sends `SIGKILL` (Python's `kill`).
    pub fn kill(&mut self) -> Result<()> {
        self.signal(Signal::SIGKILL)
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if !self.is_alive() {
            // Exited (reap it, so no zombie stays) or never started.
            let _ = self.poll_exit(true);
            return;
        }
        let _ = self.terminate();
        if self.join(Some(DROP_GRACE)).is_err() {
            let _ = self.kill();
            let _ = self.join(None);
        }
    }
}

/// The child's side of `start` (run by `fork`, which `_exit`s with the
/// returned code).
fn child_main(target: Target, daemon: bool, parent: Pid) -> i32 {
    if daemon {
        child::become_daemonic();
        child::die_with_parent(parent);
    }
    target();
    0
}
