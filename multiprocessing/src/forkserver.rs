//! The forkserver: a single-threaded process, forked early, that forks pool
//! workers on request.
//!
//! ```text
//!   main() ─ ensure_started() ──fork──▶ forkserver (one thread, forever)
//!      │                                   │ poll: control socket + its children's pidfds
//!      │ request: WorkerSpec bytes         │
//!      │   + SCM_RIGHTS [link fd, status fd, result ring memfd]
//!      └────── control socket ───────────▶ fork ──▶ worker (worker_main on the link fd)
//!                                          │ status fd ◀── pid now, exit status later
//! ```
//!
//! Why: forking a *multithreaded* process copies only one thread; locks
//! held by the others stay locked in the child forever (see
//! [`crate::process`]). The forkserver is forked while the program is still
//! single-threaded, stays single-threaded, and so every worker it forks
//! starts from a clean state, however many threads the main program has by
//! then. CPython 3.14 made this the Linux default for exactly that reason.
//!
//! The worker is the server's child, not ours: the server reaps it and
//! writes its exit status to the per-worker status socket (CPython's
//! forkserver does the same over its per-request connection), which is the
//! worker's sentinel on our side. When our process dies, the control socket
//! reaches end of file, the server exits, and its workers get `SIGKILL` from
//! `PR_SET_PDEATHSIG`.
//!
//! **Call [`ensure_started`] at the top of `main`**, before any thread
//! exists. Harness caveat: `cargo test` has no user `main` and runs tests on
//! threads; this crate's forkserver tests start the server from an
//! `.init_array` constructor, which runs before the harness starts threads.
//! Started later, it still works, but its own fork is then a fork of a
//! threaded process (the server uses only raw fds, `poll`, `fork` and
//! glibc's fork-safe malloc before it is alone, so in practice it is fine).
//!
//! A `fork`-method child inherits our client (control fd included) and can
//! ask the same server for workers. Simplification: such children also keep
//! the server alive until they exit. The workers of a pool whose owner
//! died do not wait for that: their link reaches end of file (only the
//! owner held its other end) and they exit.
//!
//! Python equivalent: `multiprocessing.forkserver`.

use crate::child;
use crate::error::{Error, ExitCause, Result};
use crate::pool::{fork_lock, pipe_link, worker_main, ChildFds, WorkerSpec, EXIT_LINK_FAILED};
use crate::process::exit_cause;
use crate::sys;
use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid};
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::Mutex;

/// Status record kind: exit code follows.
const STATUS_EXITED: u8 = 0;
/// Status record kind: signal number follows.
const STATUS_SIGNALED: u8 = 1;
/// Largest request (an encoded `WorkerSpec`).
const MAX_REQUEST: usize = 64 * 1024;

/// Our connection to the server.
struct Client {
    /// The control socket (SOCK_SEQPACKET: one request per message).
    ctrl: OwnedFd,
    /// The server's pid.
    pid: Pid,
}

/// The server, once started.
static SERVER: Mutex<Option<Client>> = Mutex::new(None);

/// Starts the forkserver if it is not running. Call first thing in `main`.
pub fn ensure_started() -> Result<()> {
    // Lock order everywhere: the fork lock, then SERVER. Every fork in this
    // crate holds the fork lock, so no fork ever copies SERVER while it is
    // held, and a forked child can use the forkserver too.
    let guard = fork_lock();
    let mut server = SERVER.lock().unwrap_or_else(|e| e.into_inner());
    if server.is_some() {
        return Ok(());
    }
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    child::prepare_fork();
    // SAFETY: the child runs `server_main`, which uses raw fds, poll and
    // fork only, and leaves with `_exit`.
    match unsafe { nix::unistd::fork() }? {
        ForkResult::Child => {
            child::enter_child();
            drop(guard);
            sys::close_fds_except(&[theirs.as_raw_fd()]);
            std::mem::forget(ours); // already closed by close_fds_except
            child::run_and_exit(move || server_main(theirs))
        }
        ForkResult::Parent { child } => {
            drop(theirs);
            drop(guard);
            *server = Some(Client {
                ctrl: ours,
                pid: child,
            });
            Ok(())
        }
    }
}

/// The server's pid, if started.
pub fn server_pid() -> Option<i32> {
    let _guard = fork_lock(); // lock order: see `ensure_started`
    SERVER
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|c| c.pid.as_raw())
}

/// One live worker, as the server tracks it.
struct Child {
    /// Its pid.
    pid: Pid,
    /// Its pidfd (readable when it exits).
    pidfd: OwnedFd,
    /// Where its exit status goes.
    status: OwnedFd,
}

/// The server loop. Returns (exit code) when the control socket closes.
fn server_main(ctrl: OwnedFd) -> i32 {
    let me = nix::unistd::getpid();
    let mut children: Vec<Child> = Vec::new();
    let mut buf = vec![0u8; MAX_REQUEST];
    loop {
        let mut fds = vec![libc::pollfd {
            fd: ctrl.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        }];
        fds.extend(children.iter().map(|c| libc::pollfd {
            fd: c.pidfd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        }));
        if sys::poll(&mut fds, None).is_err() {
            return 1;
        }
        // Children first (indices shift as we remove, so go backwards).
        for i in (1..fds.len()).rev() {
            if fds[i].revents != 0 {
                let c = children.swap_remove(i - 1);
                let cause = loop {
                    match waitpid(c.pid, None) {
                        Ok(status) => match exit_cause(status) {
                            Some(cause) => break cause,
                            None => continue,
                        },
                        Err(nix::errno::Errno::EINTR) => continue,
                        Err(_) => break ExitCause::Code(-1),
                    }
                };
                let record = match cause {
                    ExitCause::Code(v) => (STATUS_EXITED, v),
                    ExitCause::Signal(v) => (STATUS_SIGNALED, v),
                };
                let mut bytes = [0u8; 5];
                bytes[0] = record.0;
                bytes[1..].copy_from_slice(&record.1.to_le_bytes());
                let _ = sys::write_all(c.status.as_raw_fd(), &bytes, true);
            }
        }
        if fds[0].revents == 0 {
            continue;
        }
        let (len, received) = match receive_request(ctrl.as_raw_fd(), &mut buf) {
            Ok(Some(pair)) => pair,
            Ok(None) | Err(_) => return 0, // our parent is gone (or closed us)
        };
        let [link, status, ring] = match <[OwnedFd; 3]>::try_from(received) {
            Ok(pair) => pair,
            Err(_) => continue, // malformed request: ignore
        };
        let spec: WorkerSpec = match crate::connection::decode_exact(&buf[..len]) {
            Ok(spec) => spec,
            Err(_) => continue,
        };
        // SAFETY: this process is single-threaded (it is the server); the
        // child runs `worker_main` and `_exit`s.
        match unsafe { nix::unistd::fork() } {
            Ok(ForkResult::Child) => {
                child::die_with_parent(me);
                let fds = ChildFds { link, ring };
                sys::close_fds_except(&fds.raw());
                // The server's copies are closed now; don't close them again.
                std::mem::forget(ctrl);
                std::mem::forget(status);
                std::mem::forget(children);
                child::run_and_exit(move || match fds.open() {
                    Ok(link) => worker_main(link, &spec),
                    Err(_) => EXIT_LINK_FAILED,
                })
            }
            Ok(ForkResult::Parent { child }) => {
                drop(link);
                drop(ring);
                let _ = sys::write_all(status.as_raw_fd(), &child.as_raw().to_le_bytes(), true);
                match sys::pidfd_open(child.as_raw()) {
                    Ok(pidfd) => children.push(Child {
                        pid: child,
                        pidfd,
                        status,
                    }),
                    Err(_) => {
                        let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                        let _ = waitpid(child, None);
                    }
                }
            }
            Err(_) => drop(status), // the client sees end of file: spawn failed
        }
    }
}

/// Receives one request: its bytes (into `buf`) and its fds. `None` at EOF.
fn receive_request(ctrl: RawFd, buf: &mut [u8]) -> Result<Option<(usize, Vec<OwnedFd>)>> {
    let mut cmsg = nix::cmsg_space!([RawFd; 3]);
    let mut iov = [IoSliceMut::new(buf)];
    let msg = recvmsg::<()>(ctrl, &mut iov, Some(&mut cmsg), MsgFlags::MSG_CMSG_CLOEXEC)?;
    let mut fds = Vec::new();
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(received) = c {
            for fd in received {
                // SAFETY: SCM_RIGHTS just installed this fd in our table;
                // nobody else owns it.
                fds.push(unsafe { OwnedFd::from_raw_fd(fd) });
            }
        }
    }
    if msg.bytes == 0 && fds.is_empty() {
        return Ok(None);
    }
    Ok(Some((msg.bytes, fds)))
}

/// Asks the server for a worker running `spec` (pipe transport).
pub(crate) fn spawn_worker(spec: &WorkerSpec) -> Result<crate::pool::Spawned> {
    ensure_started()?;
    let request = bincode::serde::encode_to_vec(spec, crate::connection::config())
        .map_err(|e| Error::Encode(e.to_string()))?;
    // Lock order: the fork lock, then SERVER (see `ensure_started`).
    let guard = fork_lock();
    let server = SERVER.lock().unwrap_or_else(|e| e.into_inner());
    let client = server
        .as_ref()
        .ok_or(Error::State("forkserver not running"))?;
    let (link, theirs) = pipe_link()?;
    let (status_ours, status_theirs) = crate::sys::stream_socketpair()?;
    let fds = [
        theirs.link.as_raw_fd(),
        status_theirs.as_raw_fd(),
        theirs.ring.as_raw_fd(),
    ];
    sendmsg::<()>(
        client.ctrl.as_raw_fd(),
        &[IoSlice::new(&request)],
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::MSG_NOSIGNAL,
        None,
    )?;
    drop(theirs);
    drop(status_theirs);
    drop(server);
    drop(guard);
    let mut pid = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match sys::read_some(status_ours.as_raw_fd(), &mut pid[got..])? {
            0 => {
                return Err(Error::Io(std::io::Error::other(
                    "forkserver could not start a worker",
                )))
            }
            n => got += n,
        }
    }
    Ok(crate::pool::Spawned {
        pid: Pid::from_raw(i32::from_le_bytes(pid)),
        sentinel: crate::pool::Sentinel::Status(status_ours),
        link,
        results: None,
    })
}

/// Reads a worker's exit status from its status socket (after it fired).
/// End of file without a record means the server itself died, and with it
/// (by `PR_SET_PDEATHSIG`) the worker: reported as `SIGKILL`.
pub(crate) fn read_status(fd: RawFd) -> ExitCause {
    let mut record = [0u8; 5];
    let mut got = 0;
    while got < record.len() {
        match sys::read_some(fd, &mut record[got..]) {
            Ok(0) | Err(_) => return ExitCause::Signal(libc::SIGKILL),
            Ok(n) => got += n,
        }
    }
    let value = i32::from_le_bytes([record[1], record[2], record[3], record[4]]);
    if record[0] == STATUS_EXITED {
        ExitCause::Code(value)
    } else {
        ExitCause::Signal(value)
    }
}
