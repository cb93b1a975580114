//! The forkserver: a single-threaded process that forks pool workers on
//! request — started by re-executing this very program, as CPython does.
//!
//! ```text
//!   first pool ── ensure_started() ──fork+exec /proc/self/exe, MP_FORKSERVER=3──▶ forkserver
//!      │                                  (the pre-main hook in boot.rs turns   │ one thread, forever:
//!      │                                   the new image into the server)       │ poll: control socket
//!      │ request: WorkerSpec bytes                                              │  + its workers' pidfds
//!      │   + SCM_RIGHTS [link fd, status fd, result ring memfd]                 │
//!      └───────────────── control socket (SOCK_SEQPACKET) ────────────────────▶ fork ──▶ worker
//!                                                           status fd ◀── pid + pidfd now,
//!                                                                         exit status later
//! ```
//!
//! ## Why
//! Forking a *multithreaded* process copies only one thread; locks held by
//! the others stay locked in the child forever (see `fork.rs`). The server
//! is a fresh `exec` of the program — one thread, no inherited locks — and
//! stays single-threaded, so every worker it forks starts clean however many
//! threads the main program has. CPython 3.14 made this the Linux default
//! for exactly that reason, and so does this crate (see
//! [`StartMethod`](crate::StartMethod) for the measurements and the
//! trade-off).
//!
//! ## Starting it
//! Lazily, by the first pool that needs it, from any thread: `fork`+`exec`
//! of `/proc/self/exe` is safe in a threaded program (nothing but `exec`
//! runs in the child), so no call at the top of `main` is needed. The new
//! image becomes the server before its `main` runs: the crate's pre-main
//! hook (`boot.rs`, an `.init_array` entry) sees `MP_FORKSERVER` and never
//! returns. It then says "ready" on the control socket; a program in which
//! the hook is missing would instead run its `main`, so `ensure_started`
//! waits for that byte and kills the newcomer if it does not come.
//!
//! The exec'd server (and so every worker it forks) is loaded at another
//! address than the parent (ASLR); workers relocate the function addresses
//! they receive exactly as spawned workers do (`WorkerSpec::image_base`).
//! Workers run before the server image's `main`: std's `main` set-up (the
//! thread name, ignoring `SIGPIPE`) has not run; the server ignores
//! `SIGPIPE` itself, as Rust's runtime would.
//!
//! ## Lifetime and status
//! The worker is the server's child, not ours: the server reaps it and
//! writes its exit status to the per-worker status socket (CPython's
//! forkserver does the same over its per-request connection), which is the
//! worker's sentinel on our side; right after the fork it sends the worker's
//! pid and a pidfd (`SCM_RIGHTS`), so our signals never go by bare pid. When
//! every holder of the control socket is gone, the server exits, and its
//! workers get `SIGKILL` from `PR_SET_PDEATHSIG`. Simplification: children
//! forked by `Process` inherit our control socket and keep the server alive
//! until they exit (they may also use it); a server that died is restarted
//! by the next request.
//!
//! Needs: `mod.rs` (`Spawned`, `Sentinel`), `worker/`, `fork.rs`,
//! `child.rs`, `connection/` (decoding the spec), `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.forkserver`.

use super::{Sentinel, Spawned};
use crate::error::{Error, ExitCause, Result};
use crate::fork::{self, Waited};
use crate::sys;
use crate::worker::{pipe_link, worker_main, ChildFds, ParentLink, WorkerSpec, EXIT_LINK_FAILED};
use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};
use nix::unistd::Pid;
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::sync::Mutex;
use std::time::Duration;

/// The environment variable that makes an exec'd image the server; its
/// value is the control socket's fd number.
pub(crate) const ENV: &str = "MP_FORKSERVER";
/// Where the control socket lands in the server.
const CTRL_FD: RawFd = 3;
/// Status record kind: exit code follows.
const STATUS_EXITED: u8 = 0;
/// Status record kind: signal number follows.
const STATUS_SIGNALED: u8 = 1;
/// Largest request (an encoded `WorkerSpec`).
const MAX_REQUEST: usize = 64 * 1024;
/// The server's first message: it runs and serves.
const READY: u8 = b'R';
/// How long a new server may take to say it is ready (an `exec` of a large
/// binary on a loaded machine).
const READY_WAIT: Duration = Duration::from_secs(30);

/// Our connection to the server.
struct Client {
    /// The control socket (SOCK_SEQPACKET: one request per message).
    ctrl: OwnedFd,
    /// The server's pid (for `server_pid` and messages).
    pid: Pid,
    /// The server's pidfd (our child: reaped if it dies and is restarted).
    pidfd: OwnedFd,
}

/// The server, once started.
static SERVER: Mutex<Option<Client>> = Mutex::new(None);

/// Starts the forkserver if it is not running (the first forkserver pool
/// does this by itself; calling it early only moves the cost).
pub fn ensure_started() -> Result<()> {
    // Lock order everywhere: the fork lock, then SERVER. Every fork in this
    // crate holds the fork lock, so no fork ever copies SERVER while it is
    // held, and a forked child can use the forkserver too.
    fork::locked(|_permit| {
        let mut server = SERVER.lock().unwrap_or_else(|e| e.into_inner());
        if server.is_none() {
            *server = Some(start_server()?);
        }
        Ok(())
    })
}

/// The server's pid, if started.
pub fn server_pid() -> Option<i32> {
    fork::locked(|_permit| {
        SERVER
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|c| c.pid.as_raw())
    })
}

/// `fork`+`exec`s this program as the server and waits for its ready byte.
/// Called under the fork lock.
fn start_server() -> Result<Client> {
    if std::env::var_os(ENV).is_some() {
        return Err(Error::State(
            "this process is a forkserver that did not become one",
        ));
    }
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    let theirs_fd = theirs.as_raw_fd();
    let mut command = std::process::Command::new("/proc/self/exe");
    command
        .env(ENV, CTRL_FD.to_string())
        .stdin(std::process::Stdio::null());
    // SAFETY: the closure runs in the forked child before exec and only
    // makes async-signal-safe calls (fcntl, dup2).
    unsafe {
        command.pre_exec(move || {
            // Copy above 10 first so the target cannot be the source;
            // `dup2` clears close-on-exec on the copy at CTRL_FD.
            let ctrl = libc::fcntl(theirs_fd, libc::F_DUPFD_CLOEXEC, 10);
            if ctrl < 0 || libc::dup2(ctrl, CTRL_FD) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = command.spawn()?;
    drop(theirs);
    let pid = Pid::from_raw(child.id() as i32);
    drop(child); // not waited by std; we reap through the pidfd
    let pidfd = sys::pidfd_open(pid.as_raw())?;
    let ready = sys::wait_readable(ours.as_raw_fd(), Some(READY_WAIT))? && {
        let mut byte = [0u8; 1];
        matches!(sys::read_some(ours.as_raw_fd(), &mut byte), Ok(1)) && byte[0] == READY
    };
    if !ready {
        let _ = fork::signal(&pidfd, nix::sys::signal::Signal::SIGKILL);
        let _ = fork::wait(&pidfd, false);
        return Err(Error::State(
            "the forkserver did not start (is this a Rust program linking the multiprocessing crate, run as itself?)",
        ));
    }
    Ok(Client {
        ctrl: ours,
        pid,
        pidfd,
    })
}

/// Becomes the server if this image was exec'd as one (`boot.rs` calls this
/// before `main`); returns only if it was not.
pub(crate) fn serve_if_asked() {
    let Some(fd) = std::env::var(ENV)
        .ok()
        .and_then(|v| v.parse::<RawFd>().ok())
    else {
        return;
    };
    // Not inherited by what our workers may exec.
    std::env::remove_var(ENV);
    if !sys::fd_is_open(fd) {
        return; // a stray variable, not a launch by `start_server`: run main
    }
    crate::child::prepare_fork();
    crate::child::enter_child();
    // SAFETY: ignoring SIGPIPE (as Rust's runtime does before `main`)
    // installs no handler code.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    // SAFETY: the parent placed the control socket on `fd` for us.
    let ctrl = unsafe { OwnedFd::from_raw_fd(fd) };
    sys::close_fds_except(&[ctrl.as_raw_fd(), 0, 1, 2]);
    crate::child::run_and_exit(move || server_main(ctrl))
}

/// One live worker, as the server tracks it.
struct Child {
    /// Its pidfd (readable when it exits).
    pidfd: OwnedFd,
    /// Where its exit status goes.
    status: OwnedFd,
}

/// The server loop. Returns (exit code) when the control socket closes.
fn server_main(ctrl: OwnedFd) -> i32 {
    if sys::write_some(ctrl.as_raw_fd(), &[READY], true).is_err() {
        return 1;
    }
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
                let cause = match fork::wait(&c.pidfd, false) {
                    Ok(Waited::Exited(cause)) => cause,
                    _ => ExitCause::Code(-1),
                };
                let (kind, value) = match cause {
                    ExitCause::Code(v) => (STATUS_EXITED, v),
                    ExitCause::Signal(v) => (STATUS_SIGNALED, v),
                };
                let mut record = [kind, 0, 0, 0, 0];
                record[1..].copy_from_slice(&value.to_le_bytes());
                let _ = sys::write_all(c.status.as_raw_fd(), &record, true);
            }
        }
        if fds[0].revents == 0 {
            continue;
        }
        let (len, received) = match receive_fds(ctrl.as_raw_fd(), &mut buf) {
            Ok(Some(pair)) => pair,
            Ok(None) | Err(_) => return 0, // every client is gone
        };
        let [link, status, ring] = match <[OwnedFd; 3]>::try_from(received) {
            Ok(fds) => fds,
            Err(_) => continue, // malformed request: ignore
        };
        let Ok(spec) = crate::connection::decode_exact::<WorkerSpec>(&buf[..len]) else {
            continue;
        };
        let fds = ChildFds { link, ring };
        let keep = fds.raw();
        let forked = fork::locked(|permit| {
            permit.fork(|| {
                crate::child::die_with_parent(me);
                sys::close_fds_except(&keep);
                match fds.open() {
                    Ok(link) => worker_main(link, &spec),
                    Err(_) => EXIT_LINK_FAILED,
                }
            })
        });
        // On failure `status` is dropped: the client sees end of file.
        if let Ok(forked) = forked {
            if send_pid(&status, forked.pid, &forked.pidfd).is_ok() {
                children.push(Child {
                    pidfd: forked.pidfd,
                    status,
                });
            } else {
                let _ = fork::signal(&forked.pidfd, nix::sys::signal::Signal::SIGKILL);
                let _ = fork::wait(&forked.pidfd, false);
            }
        }
    }
}

/// Sends a new worker's pid (4 bytes) and pidfd to the client.
fn send_pid(status: &OwnedFd, pid: Pid, pidfd: &OwnedFd) -> Result<()> {
    let bytes = pid.as_raw().to_le_bytes();
    let fds = [pidfd.as_raw_fd()];
    sendmsg::<()>(
        status.as_raw_fd(),
        &[IoSlice::new(&bytes)],
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::MSG_NOSIGNAL,
        None,
    )?;
    Ok(())
}

/// Receives one message: its bytes (into `buf`) and its fds. `None` at EOF.
fn receive_fds(fd: RawFd, buf: &mut [u8]) -> Result<Option<(usize, Vec<OwnedFd>)>> {
    let mut cmsg = nix::cmsg_space!([RawFd; 3]);
    let mut iov = [IoSliceMut::new(buf)];
    let msg = recvmsg::<()>(fd, &mut iov, Some(&mut cmsg), MsgFlags::MSG_CMSG_CLOEXEC)?;
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

/// Asks the server for a worker running `spec` (pipe transport). A server
/// that died is restarted once.
pub(crate) fn spawn_worker(spec: &WorkerSpec) -> Result<Spawned> {
    let request = bincode::serde::encode_to_vec(spec, crate::connection::config())
        .map_err(|e| Error::Encode(e.to_string()))?;
    match request_worker(&request) {
        Err(Error::Closed) => request_worker(&request),
        other => other,
    }
}

/// One request: sends the fds (under the fork lock, so no fork of ours
/// copies them meanwhile), then reads the worker's pid and pidfd.
/// `Err(Closed)` if the server is gone (it is then forgotten and reaped).
fn request_worker(request: &[u8]) -> Result<Spawned> {
    let (link, status) = fork::locked(|_permit| -> Result<(ParentLink, OwnedFd)> {
        let mut server = SERVER.lock().unwrap_or_else(|e| e.into_inner());
        if server.is_none() {
            *server = Some(start_server()?);
        }
        let client = server.as_ref().expect("started above");
        let (link, theirs) = pipe_link()?;
        let (status_ours, status_theirs) = sys::stream_socketpair()?;
        let fds = [
            theirs.link.as_raw_fd(),
            status_theirs.as_raw_fd(),
            theirs.ring.as_raw_fd(),
        ];
        let sent = sendmsg::<()>(
            client.ctrl.as_raw_fd(),
            &[IoSlice::new(request)],
            &[ControlMessage::ScmRights(&fds)],
            MsgFlags::MSG_NOSIGNAL,
            None,
        );
        if let Err(err) = sent {
            if let Some(dead) = server.take() {
                let _ = fork::wait(&dead.pidfd, true);
            }
            return Err(match err {
                nix::errno::Errno::EPIPE | nix::errno::Errno::ECONNRESET => Error::Closed,
                other => other.into(),
            });
        }
        Ok((link, status_ours))
    })?;
    let mut pid = [0u8; 4];
    let (got, mut fds) = receive_fds(status.as_raw_fd(), &mut pid)?.ok_or_else(|| {
        Error::Io(std::io::Error::other(
            "the forkserver could not start a worker",
        ))
    })?;
    if got != pid.len() {
        return Err(Error::State("short answer from the forkserver"));
    }
    let pidfd = fds
        .pop()
        .ok_or(Error::State("the forkserver sent no pidfd"))?;
    Ok(Spawned {
        pid: Pid::from_raw(i32::from_le_bytes(pid)),
        sentinel: Sentinel::Status { status, pidfd },
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
