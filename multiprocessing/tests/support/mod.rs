//! Helpers shared by the integration tests: watching pids we may not own,
//! counting open fds, checking that children were reaped.

#![allow(dead_code)] // each test binary uses a different subset

use std::os::fd::RawFd;
use std::time::Duration;

/// A pidfd for `pid` (any process, not only our children); `None` if it is
/// already gone.
pub fn pidfd(pid: i32) -> Option<RawFd> {
    // SAFETY: pidfd_open takes a pid and flags, returns an fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    (fd >= 0).then_some(fd as RawFd)
}

/// Waits until every process in `pids` has exited, at most `limit` in
/// total; returns the pids still running then. Polls pidfds: no sleeping.
pub fn still_running_after(pids: &[i32], limit: Duration) -> Vec<i32> {
    let deadline = std::time::Instant::now() + limit;
    let mut running = Vec::new();
    for &pid in pids {
        let Some(fd) = pidfd(pid) else { continue };
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; the kernel writes only `revents`.
        let n = unsafe { libc::poll(&mut pfd, 1, left.as_millis() as i32) };
        if n == 0 {
            running.push(pid);
        }
        // SAFETY: we own `fd` (just opened) and close it once.
        unsafe { libc::close(fd) };
    }
    running
}

/// Whether `pid` is no longer our unreaped child (waitpid says ECHILD).
pub fn is_reaped(pid: i32) -> bool {
    matches!(
        nix::sys::wait::waitpid(
            nix::unistd::Pid::from_raw(pid),
            Some(nix::sys::wait::WaitPidFlag::WNOHANG)
        ),
        Err(nix::errno::Errno::ECHILD)
    )
}

/// Number of open fds of this process. Panics where `/proc` is missing:
/// a count of 0 would make every "back to baseline" check pass trivially.
pub fn fd_count() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd must exist to count fds (Linux with /proc mounted)")
        .count()
}

/// Runs `f` on a thread and fails (instead of hanging) if it takes longer
/// than `limit`.
pub fn watchdog<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the sender is dropped only after sending"),
        },
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("watchdog: the operation did not finish within {limit:?} (a hang)")
        }
    }
}

/// Whether `fd` becomes readable (or hung up) within `limit`.
pub fn wait_readable(fd: RawFd, limit: Duration) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd; the kernel writes only `revents`.
    unsafe { libc::poll(&mut pfd, 1, limit.as_millis() as i32) > 0 }
}
