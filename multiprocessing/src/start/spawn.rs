//! The `spawn` start method: a worker is a fresh `exec` of this same
//! program, which turns itself into a worker before `main` does anything.
//!
//! ```text
//!   parent (handler thread)                       child
//!   socketpair ──fork+exec /proc/self/exe──▶  pre-main hook (boot.rs) → spawn::init()
//!     env MP_SPAWN_WORKER=3, link on fd 3,       sees the variable: reads the
//!     result ring memfd on fd 4                  WorkerSpec, runs worker_main,
//!   writes WorkerSpec (first frame) ──────────▶  `_exit`s — main never runs
//!   then task frames as usual
//! ```
//!
//! Nothing is inherited but the link and stdio: no locks held by other
//! threads, no stale state, which is why CPython uses spawn on macOS and
//! Windows. The price is start-up (an `exec` and a fresh runtime per
//! worker) and one new problem: function addresses. `exec` loads the
//! program at a new random base (ASLR), so the worker adds the difference
//! between its own and the parent's address of one anchor function to every
//! function address it receives (see `WorkerSpec::image_base`) — the
//! counterpart of CPython's spawn importing the main module to find
//! functions by name.
//!
//! Nothing to call in `main`: the crate's pre-main hook (`boot.rs`, an
//! `.init_array` entry) calls [`init`] before `main` runs, in every program
//! linking this crate, `cargo test` binaries included. `init` stays public
//! and idempotent for programs that want to say it (like
//! `procspawn::init()`). Should the hook be missing, the worker would run
//! the program's `main`; the variable is checked so that such a worker
//! refuses to spawn workers of its own.
//!
//! Needs: `mod.rs` (`Spawned`, `Sentinel`), `worker/`, `fork.rs` (the
//! lock), `child.rs`, `frame.rs`, `connection/`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.popen_spawn_posix` and
//! `multiprocessing.spawn`.

use super::{Sentinel, Spawned};
use crate::child;
use crate::connection::decode_exact;
use crate::error::{Error, Result};
use crate::sys;
use crate::worker::{pipe_link, worker_main, ChildFds, ParentLink, WorkerSpec, EXIT_LINK_FAILED};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;

/// The environment variable that makes a process a spawned worker; its
/// value is the link's fd number.
const ENV: &str = "MP_SPAWN_WORKER";
/// Where the link lands in the worker.
const WORKER_FD: RawFd = 3;
/// Where the result ring's memfd lands in the worker.
const RING_FD: RawFd = 4;
/// Largest accepted `WorkerSpec` frame.
const MAX_SPEC: usize = 1 << 20;

/// If this process was started as a spawned worker, runs the worker and
/// exits; otherwise returns at once. The pre-main hook calls it for you.
pub fn init() {
    let Ok(value) = std::env::var(ENV) else {
        return;
    };
    let Ok(fd) = value.parse::<RawFd>() else {
        return;
    };
    if !sys::fd_is_open(fd) || !sys::fd_is_open(RING_FD) {
        return; // a stray variable, not a launch by `spawn_worker`
    }
    // Quiet task panics like a forked worker's (the worker reports them).
    child::prepare_fork();
    child::enter_child();
    // SAFETY: the parent placed the link on `fd` and the ring on RING_FD
    // for us (see `spawn_worker`); nothing else in this fresh process owns them.
    let fds = unsafe {
        ChildFds {
            link: OwnedFd::from_raw_fd(fd),
            ring: OwnedFd::from_raw_fd(RING_FD),
        }
    };
    let opened = read_spec(fds.link.as_raw_fd()).and_then(|spec| Ok((spec, fds.open()?)));
    let (spec, link) = match opened {
        Ok(pair) => pair,
        Err(err) => {
            sys::write_stderr_raw(format!("spawned worker: bad start: {err}\n").as_bytes());
            child::exit_now(EXIT_LINK_FAILED)
        }
    };
    child::run_and_exit(move || worker_main(link, &spec))
}

/// Reads exactly the first frame (unbuffered, so no task frame after it is
/// swallowed) and decodes the `WorkerSpec`.
fn read_spec(fd: RawFd) -> Result<WorkerSpec> {
    decode_exact(&crate::frame::read_frame(fd, MAX_SPEC)?)
}

/// Starts a spawned worker (pipe transport) and sends it `spec`.
pub(crate) fn spawn_worker(spec: &WorkerSpec) -> Result<Spawned> {
    if std::env::var_os(ENV).is_some() {
        return Err(Error::State(
            "this process is a spawned worker whose main did not call spawn::init()",
        ));
    }
    let mut frame = Vec::new();
    let at = crate::frame::begin_frame(&mut frame);
    bincode::serde::encode_into_std_write(spec, &mut frame, crate::connection::config())
        .map_err(|e| Error::Encode(e.to_string()))?;
    crate::frame::finish_frame(&mut frame, at);

    crate::fork::locked(|_permit| spawn_locked(&frame))
}

/// [`spawn_worker`] under the fork lock: the worker's fds exist only inside it.
fn spawn_locked(frame: &[u8]) -> Result<Spawned> {
    let (ours, theirs) = pipe_link()?;
    let ParentLink::Pipe { fd: ours_fd, .. } = &ours else {
        unreachable!("pipe_link makes a pipe link")
    };
    // The spec is small and the socket buffer empty: it fits at once.
    sys::write_all(ours_fd.as_raw_fd(), frame, true)?;
    let [link_fd, ring_fd] = theirs.raw();
    let parent = nix::unistd::getpid();
    let mut command = std::process::Command::new("/proc/self/exe");
    command
        .env(ENV, WORKER_FD.to_string())
        .stdin(std::process::Stdio::null());
    // SAFETY: the closure runs in the forked child before exec and only
    // makes async-signal-safe calls (fcntl, dup2, close, prctl, getppid,
    // _exit).
    unsafe {
        command.pre_exec(move || {
            // Copy both fds above 10 first, so placing one on 3 or 4 cannot
            // clobber the other; `dup2` clears close-on-exec on the copies.
            let link = libc::fcntl(link_fd, libc::F_DUPFD_CLOEXEC, 10);
            let ring = libc::fcntl(ring_fd, libc::F_DUPFD_CLOEXEC, 10);
            if link < 0
                || ring < 0
                || libc::dup2(link, WORKER_FD) < 0
                || libc::dup2(ring, RING_FD) < 0
            {
                return Err(std::io::Error::last_os_error());
            }
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            if libc::getppid() != parent.as_raw() {
                libc::_exit(child::PANIC_EXIT_CODE);
            }
            Ok(())
        });
    }
    let spawned = command.spawn();
    drop(theirs);
    let child = spawned?;
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    // `Child` does not wait or kill on drop; we reap through the pidfd.
    drop(child);
    let sentinel = sys::pidfd_open(pid.as_raw())?;
    Ok(Spawned {
        pid,
        sentinel: Sentinel::Pidfd(sentinel),
        link: ours,
        results: None,
    })
}
