//! `Process`: run a function in a forked child, wait for it, read its exit code.
//!
//! ```text
//!   Initial ──start()──▶ Started { pid, sentinel } ──join()/exitcode()──▶ Finished { cause }
//!                            │  terminate(): SIGTERM   kill(): SIGKILL
//!                            └─ drop while running: SIGTERM, wait 1 s, SIGKILL, reap
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
//! After the sentinel fires, `waitpid` reaps the child (no zombie) and
//! decodes its status: `exitcode` is the exit code, or minus the signal
//! number when a signal killed it, exactly as CPython reports it.
//!
//! ## Fork hazards (read this before forking from a threaded program)
//! `fork` copies only the calling thread. A lock held by any other thread at
//! that instant — Rust's stdout/stderr locks, the panic hook's lock, a
//! `Mutex` in your own code — stays locked forever in the child. The cargo
//! test harness runs tests on many threads, so this crate must live with it:
//! - the child never prints through `std::io` (use [`write_fd_raw`](crate::child::write_fd_raw));
//! - panics in the child are caught and reported with a raw `write(2)`; std's
//!   printing panic hook is silenced in children (see [`crate::child`]);
//! - the child ends with `_exit`: no atexit handlers, no flushing of the
//!   parent's stdio buffers, whose unwritten bytes the child inherited;
//! - your target must obey the same rule: do not take locks that other
//!   parent threads may hold. When you cannot promise that, use the
//!   forkserver start method ([`crate::forkserver`]), which forks from a
//!   single-threaded process.
//!
//! `daemon(true)` makes the child die with its parent (`PR_SET_PDEATHSIG`);
//! every `Process` — daemon or not — is terminated and reaped when dropped
//! while still running. Simplification: CPython *joins* non-daemon children
//! at interpreter exit; Rust has no interpreter exit, so dropping decides.
//!
//! Python equivalent: `multiprocessing.Process` with the `fork` start method.

use crate::child;
use crate::error::{Error, ExitCause, Result};
use crate::sys;
use nix::sys::signal::{self, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{ForkResult, Pid};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::Duration;

/// How long `Drop` waits after `SIGTERM` before sending `SIGKILL`.
const DROP_GRACE: Duration = Duration::from_secs(1);

/// The body a child runs.
type Target = Box<dyn FnOnce()>;

/// Where a [`Process`] is in its life.
enum State {
    /// Created, not started; holds the target.
    Initial(Target),
    /// Forked and not yet reaped.
    Started {
        /// The child's pid.
        pid: Pid,
        /// The pidfd: readable once the child has exited.
        sentinel: OwnedFd,
    },
    /// Reaped.
    Finished {
        /// The child's pid (kept for reporting).
        pid: Pid,
        /// How it ended.
        cause: ExitCause,
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

/// Decodes a `waitpid` status into an [`ExitCause`]; `None` if not an exit.
pub(crate) fn exit_cause(status: WaitStatus) -> Option<ExitCause> {
    match status {
        WaitStatus::Exited(_, code) => Some(ExitCause::Code(code)),
        WaitStatus::Signaled(_, sig, _) => Some(ExitCause::Signal(sig as i32)),
        _ => None,
    }
}

/// Reaps `pid` (blocking unless `nohang`); `None` if still running.
pub(crate) fn reap(pid: Pid, nohang: bool) -> Result<Option<ExitCause>> {
    let flags = if nohang {
        Some(WaitPidFlag::WNOHANG)
    } else {
        None
    };
    loop {
        match waitpid(pid, flags) {
            Ok(WaitStatus::StillAlive) => return Ok(None),
            Ok(status) => {
                if let Some(cause) = exit_cause(status) {
                    return Ok(Some(cause));
                }
            }
            Err(nix::errno::Errno::EINTR) => {}
            Err(err) => return Err(err.into()),
        }
    }
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
        let target = match std::mem::replace(&mut self.state, State::Starting) {
            State::Initial(target) => target,
            other => {
                self.state = other;
                return Err(Error::State("process already started"));
            }
        };
        child::prepare_fork();
        let parent = nix::unistd::getpid();
        let daemon = self.daemon;
        let guard = crate::pool::fork_lock();
        // SAFETY: in the child we only run `child_main`, which follows the
        // fork rules in the module doc (no std locks, `_exit` at the end);
        // the parent continues normally.
        match unsafe { nix::unistd::fork() }? {
            ForkResult::Child => {
                drop(guard); // our copy of the fork lock (see pool::spawn)
                child_main(target, daemon, parent)
            }
            ForkResult::Parent { child } => {
                drop(guard);
                let sentinel = match sys::pidfd_open(child.as_raw()) {
                    Ok(fd) => fd,
                    Err(err) => {
                        let _ = signal::kill(child, Signal::SIGKILL);
                        let _ = reap(child, false);
                        return Err(err.into());
                    }
                };
                self.state = State::Started {
                    pid: child,
                    sentinel,
                };
                Ok(())
            }
        }
    }

    /// Waits for the child to end, at most `timeout` (`None`: forever).
    /// `Err(Timeout)` if it is still running then (CPython returns `None`
    /// and leaves `exitcode` as `None`; an error says it more plainly).
    pub fn join(&mut self, timeout: Option<Duration>) -> Result<()> {
        match &self.state {
            State::Finished { .. } => Ok(()),
            State::Started { sentinel, .. } => {
                if !sys::wait_readable(sentinel.as_raw_fd(), timeout)? {
                    return Err(Error::Timeout);
                }
                self.poll_exit(false)?;
                Ok(())
            }
            _ => Err(Error::State("can only join a started process")),
        }
    }

    /// Reaps the child if it has exited (or waits, unless `nohang`).
    fn poll_exit(&mut self, nohang: bool) -> Result<Option<ExitCause>> {
        match &self.state {
            State::Finished { cause, .. } => Ok(Some(*cause)),
            State::Started { pid, .. } => {
                let pid = *pid;
                match reap(pid, nohang)? {
                    Some(cause) => {
                        self.state = State::Finished { pid, cause };
                        Ok(Some(cause))
                    }
                    None => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    /// The exit code: `None` while running (or before start), the code, or
    /// minus the signal number that killed it (Python's `exitcode`).
    pub fn exitcode(&mut self) -> Option<i32> {
        self.poll_exit(true).ok().flatten().map(ExitCause::exitcode)
    }

    /// Whether the child has started and not yet exited.
    pub fn is_alive(&mut self) -> bool {
        matches!(self.state, State::Started { .. }) && self.exitcode().is_none()
    }

    /// The child's pid once started.
    pub fn pid(&self) -> Option<i32> {
        match &self.state {
            State::Started { pid, .. } | State::Finished { pid, .. } => Some(pid.as_raw()),
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

    /// Sends `signal` if the child is running and not yet reaped (a reaped
    /// pid may already belong to someone else).
    fn signal(&mut self, sig: Signal) -> Result<()> {
        if let State::Started { pid, .. } = &self.state {
            match signal::kill(*pid, sig) {
                Ok(()) | Err(nix::errno::Errno::ESRCH) => {}
                Err(err) => return Err(err.into()),
            }
        }
        Ok(())
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
        if !matches!(self.state, State::Started { .. }) {
            return;
        }
        let _ = self.terminate();
        if self.join(Some(DROP_GRACE)).is_err() {
            let _ = self.kill();
            let _ = self.join(None);
        }
    }
}

/// The child's side of `start`. Never returns.
fn child_main(target: Target, daemon: bool, parent: Pid) -> ! {
    child::enter_child();
    if daemon {
        child::die_with_parent(parent);
    }
    child::run_and_exit(move || {
        target();
        0
    })
}
