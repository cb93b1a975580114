//! The only place that forks: the crate-wide fork lock, one `fork` that
//! returns the child's pid *and* its pidfd, waiting through the pidfd, and
//! the care a fork needs in a threaded program.
//!
//! ```text
//!   fork::locked(|permit| {            ── takes the fork lock (write side)
//!       make fds the child needs       ── no other fork of ours can copy them
//!       permit.fork(|| child body)     ── warn once if threaded; flush and hold
//!   })                                    stdout/stderr; fork; pidfd_open
//!          │ parent: Forked { pid, pidfd }     │ child: releases its copies of the
//!          ▼                                   ▼ locks, runs the body, `_exit`s
//! ```
//!
//! ## Why one lock
//! A pool makes a link (a socketpair and a ring memfd), forks, and closes the
//! worker's end in the parent. If another thread of ours forked in between,
//! its child would carry a copy of that end, and the worker's death would
//! go unnoticed by whoever waits for end of file on the link. So every fork
//! of this crate — `Process::start`, pool workers, the forkserver, spawn's
//! `fork`+`exec` — happens under `locked`. The lock is a `RwLock`: forks
//! take the write side; `no_fork_now` (the read side) lets short critical
//! sections over in-process state that a child reuses (a queue's feeder
//! buffer) promise that no fork copies them half-done.
//!
//! ## Threads and fork (CPython 3.12's warning, 3.14's new default)
//! `fork` copies only the calling thread; a lock another thread holds at
//! that instant stays locked in the child forever. This module does three
//! things about it:
//! 1. **stdout and stderr are flushed and held across the fork**: the child
//!    then owns both (same thread, copied), releases them, and can print; it
//!    no longer inherits a lock held by a printing thread, nor a buffer of
//!    the parent's unflushed output that it would print a second time.
//!    Cost: a thread that holds `stdout().lock()` while it waits for a pool
//!    to start a worker deadlocks with it — do not hold it across pool calls.
//! 2. **The first fork of a multi-threaded process prints CPython 3.12's
//!    warning** ("This process is multi-threaded, use of fork() may lead to
//!    deadlocks in the child"), once per process. Threads this crate runs
//!    itself (pool handlers, queue feeders, ipc readers; see
//!    `spawn_internal`) do not count: they hold no user lock at the fork.
//! 3. Everything else (a user `Mutex`, a lock inside another library) is
//!    still the user's hazard: the forkserver start method avoids it (see
//!    `start/forkserver.rs`).
//!
//! ## Why the pidfd
//! A pid is a number the kernel recycles once the child is reaped. If
//! anything else reaps our child (a `waitpid(-1)` in other code), a later
//! `kill(pid)` may hit a stranger. A pidfd names the process itself:
//! `pidfd_send_signal` on a reaped process fails with `ESRCH`, and
//! `waitid(P_PIDFD)` reports `ECHILD` — "someone else reaped it" — instead
//! of waiting on a number that now means someone else. The pidfd is opened
//! right after `fork` returns, before the child can have been reaped by us;
//! simplification: a `waitpid(-1)` elsewhere in that instant would still win
//! the race (`clone3(CLONE_PIDFD)` closes it, but a raw `clone3` skips
//! glibc's fork handlers, which keep `malloc` usable in the child).
//!
//! Needs: `child.rs`, `sys.rs`, `error.rs` — the layer every process,
//! worker and queue feeder sits on.
//!
//! Python equivalent: `os.fork` with `multiprocessing.popen_fork.Popen`, and
//! `os.register_at_fork`-style care; the warning is 3.12's `DeprecationWarning`.

use crate::child;
use crate::error::{Error, ExitCause, Result};
use crate::sys;
use nix::unistd::{ForkResult, Pid};
use std::cell::RefCell;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Serialises this crate's forks (write side) against each other and
/// against in-process state children reuse (read side). Guards no data.
static FORK_LOCK: RwLock<()> = RwLock::new(());

/// Threads this crate started and still runs (see `spawn_internal`).
static INTERNAL_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Whether this process already printed the threaded-fork warning. Reset in
/// every child (a new process warns on its own).
static WARNED: AtomicBool = AtomicBool::new(false);

/// The warning CPython 3.12 prints (as a `DeprecationWarning`).
pub const THREADED_FORK_WARNING: &str =
    "is multi-threaded, use of fork() may lead to deadlocks in the child";

/// Work a forked child must do before `_exit`, registered by the process
/// that owns it (a queue's feeder: flush what `put` buffered).
type ExitHook = std::sync::Weak<dyn Fn() + Send + Sync>;

/// Registered exit hooks, each with the pid of the process that registered
/// it: a child runs only its own, not the copies of its parent's.
static EXIT_HOOKS: std::sync::Mutex<Vec<(u32, ExitHook)>> = std::sync::Mutex::new(Vec::new());

/// Registers `hook` to run in this process when a child body of ours ends
/// (CPython: `util.Finalize` entries run by `_exit_function` in
/// `Process._bootstrap`). Hooks whose owner is gone are skipped.
pub(crate) fn at_child_exit(hook: ExitHook) {
    let _no_fork = no_fork_now();
    let mut hooks = EXIT_HOOKS.lock().unwrap_or_else(|e| e.into_inner());
    hooks.retain(|(_, h)| h.strong_count() > 0);
    hooks.push((std::process::id(), hook));
}

/// Runs this process's exit hooks (in a child, after its body returned).
fn run_exit_hooks() {
    let me = std::process::id();
    let hooks: Vec<_> = {
        let hooks = EXIT_HOOKS.lock().unwrap_or_else(|e| e.into_inner());
        hooks
            .iter()
            .filter(|(pid, _)| *pid == me)
            .filter_map(|(_, h)| h.upgrade())
            .collect()
    };
    for hook in hooks {
        hook();
    }
}

/// Promises that no fork of this crate happens while it is held: for short
/// critical sections over state a forked child will reuse.
pub(crate) fn no_fork_now() -> RwLockReadGuard<'static, ()> {
    FORK_LOCK.read().unwrap_or_else(|e| e.into_inner())
}

/// The right to fork, held for the duration of `locked`.
pub(crate) struct ForkPermit {
    /// The write guard; taken out (and released) by a child, which never
    /// returns to the frame that holds it.
    guard: RefCell<Option<RwLockWriteGuard<'static, ()>>>,
}

/// A forked child, seen from the parent.
#[derive(Debug)]
pub(crate) struct Forked {
    /// Its pid (for messages and `/proc`; never for signals).
    pub pid: Pid,
    /// Its pidfd: readable once it exited; signals and waits go through it.
    pub pidfd: OwnedFd,
}

/// Runs `f` holding the fork lock (poison is harmless: it guards no data).
pub(crate) fn locked<T>(f: impl FnOnce(&ForkPermit) -> T) -> T {
    let guard = FORK_LOCK.write().unwrap_or_else(|e| e.into_inner());
    let permit = ForkPermit {
        guard: RefCell::new(Some(guard)),
    };
    f(&permit)
}

impl ForkPermit {
    /// Forks. The child releases its copies of the locks, runs `body` and
    /// `_exit`s with its return value (1 if it panicked); the parent gets the
    /// child's pid and pidfd. See the module doc for what happens around it.
    pub(crate) fn fork(&self, body: impl FnOnce() -> i32) -> Result<Forked> {
        warn_if_threaded();
        child::prepare_fork();
        // Hold both streams across the fork, stdout first (the order every
        // caller of ours uses): flushed, and owned by this thread, whose copy
        // in the child can release them.
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.flush();
        let stderr = std::io::stderr().lock();
        // SAFETY: the child branch releases locks its own thread holds, runs
        // `body` under `child::run_and_exit` (caught panics, `_exit`), and
        // never returns; the parent continues normally.
        match unsafe { nix::unistd::fork() }? {
            ForkResult::Child => {
                child::enter_child();
                WARNED.store(false, Ordering::Relaxed);
                drop(self.guard.borrow_mut().take());
                drop(stderr);
                drop(stdout);
                child::run_and_exit(|| {
                    let code = body();
                    run_exit_hooks();
                    code
                })
            }
            ForkResult::Parent { child } => {
                drop(stderr);
                drop(stdout);
                match sys::pidfd_open(child.as_raw()) {
                    Ok(pidfd) => Ok(Forked { pid: child, pidfd }),
                    Err(err) => {
                        // Without a pidfd we cannot signal it safely; it is
                        // our unreaped child, so its pid is still its own.
                        let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                        let _ = nix::sys::wait::waitpid(child, None);
                        Err(err.into())
                    }
                }
            }
        }
    }
}

/// Prints CPython 3.12's warning, once per process, if threads other than
/// the forking one and this crate's own are running.
fn warn_if_threaded() {
    if WARNED.load(Ordering::Relaxed) {
        return;
    }
    let Some(threads) = thread_count() else {
        return;
    };
    let internal = INTERNAL_THREADS.load(Ordering::Relaxed);
    // The forking thread, plus one if it is not ours (a user thread forks
    // directly in `Process::start`): more than that are user threads.
    if threads.saturating_sub(internal) > 1 && !WARNED.swap(true, Ordering::Relaxed) {
        // Straight to fd 2 through std's stderr (not `eprintln!`, which a
        // test harness would capture per test).
        let _ = writeln!(
            std::io::stderr(),
            "multiprocessing: This process (pid={}) {THREADED_FORK_WARNING}. \
             (StartMethod::ForkServer forks from a single-threaded server.)",
            std::process::id()
        );
    }
}

/// Threads in this process (`/proc/self/stat`, field 20).
fn thread_count() -> Option<usize> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    after_name.split(' ').nth(17)?.parse().ok()
}

/// Spawns a thread this crate runs itself (a pool handler, a queue feeder,
/// an ipc reader): it does not count as a user thread for the warning.
pub(crate) fn spawn_internal<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    /// Decrements the count when the thread's closure ends (or unwinds).
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            INTERNAL_THREADS.fetch_sub(1, Ordering::Relaxed);
        }
    }
    INTERNAL_THREADS.fetch_add(1, Ordering::Relaxed);
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _counted = Counted;
            f()
        });
    if spawned.is_err() {
        INTERNAL_THREADS.fetch_sub(1, Ordering::Relaxed);
    }
    spawned
}

/// How waiting on a child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Waited {
    /// Still running (only with `nohang`).
    Running,
    /// Reaped by us now: how it ended.
    Exited(ExitCause),
    /// Someone else reaped it (`waitpid(-1)` elsewhere): its status is lost.
    ReapedElsewhere,
}

/// Waits for (and reaps) the child behind `pidfd` with `waitid(P_PIDFD)`;
/// with `nohang`, returns at once.
pub(crate) fn wait(pidfd: &OwnedFd, nohang: bool) -> Result<Waited> {
    let mut flags = libc::WEXITED;
    if nohang {
        flags |= libc::WNOHANG;
    }
    loop {
        // SAFETY: a zeroed siginfo_t is a valid out-parameter.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: waitid writes only into `info`; P_PIDFD takes the fd as id.
        let rc = unsafe {
            libc::waitid(
                libc::P_PIDFD,
                pidfd.as_raw_fd() as libc::id_t,
                &mut info,
                flags,
            )
        };
        if rc < 0 {
            let err = std::io::Error::last_os_error();
            match err.raw_os_error() {
                Some(libc::EINTR) => continue,
                Some(libc::ECHILD) => return Ok(Waited::ReapedElsewhere),
                _ => return Err(Error::Io(err)),
            }
        }
        // SAFETY: waitid filled `info` for a child-state change (or left it
        // zeroed under WNOHANG): si_pid/si_status are the fields it sets.
        let (pid, status) = unsafe { (info.si_pid(), info.si_status()) };
        if pid == 0 {
            return Ok(Waited::Running);
        }
        return Ok(Waited::Exited(match info.si_code {
            libc::CLD_EXITED => ExitCause::Code(status),
            _ => ExitCause::Signal(status),
        }));
    }
}

/// Sends `signal` through a pidfd; a process already gone (`ESRCH`) is not
/// an error — and, unlike `kill(pid)`, never a stranger.
pub(crate) fn signal(pidfd: &OwnedFd, signal: nix::sys::signal::Signal) -> Result<()> {
    match sys::pidfd_send_signal(pidfd.as_raw_fd(), signal) {
        Ok(()) => Ok(()),
        Err(err) if err.raw_os_error() == Some(libc::ESRCH) => Ok(()),
        Err(err) => Err(Error::Io(err)),
    }
}
