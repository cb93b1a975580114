//! Thin, documented wrappers over the system calls the crate repeats: raw
//! reads and writes that retry `EINTR`, `poll` with a timeout, `pidfd_open`,
//! `pidfd_send_signal`, `close_range`, eventfds, futexes, and a lock-free
//! write to fd 2 for forked children. Needs nothing of the crate: the
//! bottom layer.
//!
//! Why raw file descriptors and not `std::fs::File`/`UnixStream`: the same
//! code runs in forked children, where it must not touch any Rust lock
//! (see the fork hazards in `fork.rs`); a raw `write(2)` takes none.
//! `libc` rather than `nix` for `poll`: the pool polls a vector of fds that
//! changes every iteration, which nix's borrowed `PollFd<'fd>` makes awkward.
//!
//! Python equivalent: `os.read`, `os.write`, `select.poll`, `os.pidfd_open`,
//! `os.closerange`.

use std::io;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

/// A connected pair of close-on-exec Unix stream sockets: the duplex
/// channel under `Pipe(true)`, every worker link, and the spawn and
/// forkserver handshakes.
pub(crate) fn stream_socketpair() -> nix::Result<(OwnedFd, OwnedFd)> {
    use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
    socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
}

/// Reads at most `buf.len()` bytes, retrying `EINTR`. `Ok(0)` is end of file.
pub(crate) fn read_some(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: `buf` is a valid, writable slice of `buf.len()` bytes for
        // the duration of the call; the kernel writes at most that many.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Writes at most `buf.len()` bytes once, retrying `EINTR`. `MSG_NOSIGNAL`
/// on sockets means a vanished peer is `EPIPE`, not a process-killing
/// `SIGPIPE` (Rust binaries ignore `SIGPIPE` anyway, but a library must not
/// rely on its host).
pub(crate) fn write_some(fd: RawFd, buf: &[u8], socket: bool) -> io::Result<usize> {
    loop {
        let n = if socket {
            // SAFETY: `buf` is a valid readable slice of `buf.len()` bytes.
            unsafe { libc::send(fd, buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL) }
        } else {
            // SAFETY: as above, for `write(2)`.
            unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) }
        };
        if n >= 0 {
            return Ok(n as usize);
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Writes all of `buf` (blocking), retrying short writes and `EINTR`.
pub(crate) fn write_all(fd: RawFd, mut buf: &[u8], socket: bool) -> io::Result<()> {
    while !buf.is_empty() {
        match write_some(fd, buf, socket)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => buf = &buf[n..],
        }
    }
    Ok(())
}

/// Converts an optional timeout into poll's milliseconds (-1 = forever),
/// rounding up so a 0.5 ms timeout does not become a busy 0.
pub(crate) fn timeout_ms(timeout: Option<Duration>) -> i32 {
    match timeout {
        None => -1,
        Some(t) => {
            let ms = t.as_micros().div_ceil(1000);
            ms.min(i32::MAX as u128) as i32
        }
    }
}

/// Polls `fds` until one is ready or `timeout` passes, retrying `EINTR` with
/// the time that is left. Returns the number of ready fds (0 on timeout).
pub(crate) fn poll(fds: &mut [libc::pollfd], timeout: Option<Duration>) -> io::Result<usize> {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        // SAFETY: `fds` is a valid mutable slice of `pollfd` and its length is
        // passed alongside; the kernel only writes the `revents` fields.
        let n = unsafe {
            libc::poll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                timeout_ms(left),
            )
        };
        if n >= 0 {
            return Ok(n as usize);
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Waits until `fd` is readable (or hung up); `Ok(false)` on timeout.
pub(crate) fn wait_readable(fd: RawFd, timeout: Option<Duration>) -> io::Result<bool> {
    let mut fds = [libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }];
    Ok(poll(&mut fds, timeout)? > 0)
}

/// `pidfd_open(2)`: a file descriptor that becomes readable when process
/// `pid` exits (Linux 5.3+). This is the process's sentinel: unlike a pipe
/// end inherited by the child, no *other* child can hold it open by
/// accident, because it is never inherited by anyone but our own forks, and
/// its readiness comes from the kernel's view of `pid`, not from who holds
/// which fd.
pub(crate) fn pidfd_open(pid: i32) -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and a flags word and returns a new fd or
    // -1; no memory is passed.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the kernel just returned this fd to us; nobody else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// `pidfd_send_signal(2)`: signals the process a pidfd refers to. Unlike
/// `kill(pid)`, it cannot reach a stranger that inherited a recycled pid:
/// once the process is gone the call fails with `ESRCH` (Linux 5.1+).
pub(crate) fn pidfd_send_signal(pidfd: RawFd, signal: nix::sys::signal::Signal) -> io::Result<()> {
    // SAFETY: the syscall takes an fd, a signal number, a null siginfo
    // pointer (allowed: the kernel fills in a default one) and flags.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd,
            signal as libc::c_int,
            std::ptr::null::<libc::siginfo_t>(),
            0u32,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Closes every fd from 3 upwards except `keep` (in a forked worker: the
/// parent's other pipes must not stay open in us, or the parent's "close the
/// pipe so the worker sees EOF" stops working). Uses `close_range(2)`
/// (Linux 5.9+), which takes no locks and allocates nothing.
pub(crate) fn close_fds_except(keep: &[RawFd]) {
    let mut keep: Vec<RawFd> = keep.iter().copied().filter(|&fd| fd > 2).collect();
    keep.sort_unstable();
    let mut first: RawFd = 3;
    for &fd in &keep {
        if fd > first {
            close_range(first as u32, (fd - 1) as u32);
        }
        first = fd + 1;
    }
    close_range(first as u32, u32::MAX);
}

/// `close_range(first, last, 0)`; errors are ignored (an old kernel simply
/// leaves the fds open, which costs hygiene, not correctness).
fn close_range(first: u32, last: u32) {
    // SAFETY: close_range takes two fd numbers and flags; it only closes fds.
    unsafe {
        libc::syscall(libc::SYS_close_range, first, last, 0u32);
    }
}

/// Writes `msg` to fd 2 with raw `write(2)` calls: no `std::io::stderr()`
/// lock, no allocation. Safe to call in a forked child of a threaded parent.
pub(crate) fn write_stderr_raw(msg: &[u8]) {
    let _ = write_all(libc::STDERR_FILENO, msg, false);
}

/// Sets (or, with `None`, clears) a socket's `SO_RCVTIMEO` and
/// `SO_SNDTIMEO`: a blocking read or write that waits longer fails with
/// `EAGAIN` (`WouldBlock`).
pub(crate) fn set_socket_timeouts(fd: RawFd, timeout: Option<Duration>) -> io::Result<()> {
    let t = timeout.unwrap_or(Duration::ZERO);
    let tv = libc::timeval {
        tv_sec: t.as_secs().min(i64::MAX as u64) as libc::time_t,
        // At least 1 µs: a zero timeval would mean "no timeout".
        tv_usec: if timeout.is_some() && t.as_micros() == 0 {
            1
        } else {
            t.subsec_micros() as libc::suseconds_t
        },
    };
    for option in [libc::SO_RCVTIMEO, libc::SO_SNDTIMEO] {
        // SAFETY: setsockopt reads a timeval of the size we pass.
        let rc = unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                option,
                (&tv as *const libc::timeval).cast(),
                std::mem::size_of::<libc::timeval>() as libc::socklen_t,
            )
        };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Whether `fd` is an open file descriptor of this process.
pub(crate) fn fd_is_open(fd: RawFd) -> bool {
    // SAFETY: F_GETFD only reads the descriptor's flags; a closed fd fails.
    unsafe { libc::fcntl(fd, libc::F_GETFD) >= 0 }
}

/// Sets or clears `O_NONBLOCK` on `fd`.
pub(crate) fn set_nonblocking(fd: RawFd, nonblocking: bool) -> io::Result<()> {
    // SAFETY: fcntl with F_GETFL/F_SETFL reads and writes an int flag word.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(io::Error::last_os_error());
    }
    let flags = if nonblocking {
        flags | libc::O_NONBLOCK
    } else {
        flags & !libc::O_NONBLOCK
    };
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// An `eventfd` (a kernel counter that is readable while non-zero): how
/// other threads wake the pool's handler thread out of `poll`.
pub(crate) fn eventfd() -> io::Result<OwnedFd> {
    // SAFETY: eventfd takes an initial value and flags, returns an fd or -1.
    let fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a fresh fd the kernel just gave us.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Adds one to an eventfd counter (wakes its poller).
pub(crate) fn eventfd_signal(fd: RawFd) {
    let one = 1u64.to_ne_bytes();
    let _ = write_some(fd, &one, false);
}

/// Resets an eventfd counter to zero (after a wake-up was seen).
pub(crate) fn eventfd_drain(fd: RawFd) {
    let mut buf = [0u8; 8];
    let _ = read_some(fd, &mut buf);
}

/// `FUTEX_WAIT` on `word` while it equals `expected`, at most `timeout`.
/// Returns on wake-up, timeout, signal or value change; callers re-check.
pub(crate) fn futex_wait(
    word: &std::sync::atomic::AtomicU32,
    expected: u32,
    timeout: Option<Duration>,
) {
    let ts = timeout.map(|t| libc::timespec {
        tv_sec: t.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_nsec: t.subsec_nanos() as libc::c_long,
    });
    let ts_ptr = ts
        .as_ref()
        .map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: `word` is a valid, aligned u32 for the duration of the call;
    // `ts_ptr` is null or points to a live timespec. FUTEX_WAIT only reads.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT,
            expected,
            ts_ptr,
        );
    }
}

/// `FUTEX_WAKE`: wakes up to `n` processes sleeping on `word`.
pub(crate) fn futex_wake(word: &std::sync::atomic::AtomicU32, n: i32) {
    // SAFETY: `word` is a valid, aligned u32; FUTEX_WAKE does not touch it.
    unsafe {
        libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAKE, n);
    }
}
