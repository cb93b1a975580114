//! The two transports between the pool and a worker, behind one interface.
//!
//! ```text
//!   Transport::Pipe (default)                   Transport::IpcChannel
//!   parent ══ socketpair ══▶ worker  (tasks)    parent ── IpcBytesSender ──▶ worker   (tasks)
//!   parent ◀══ result ring ══ worker (results,  parent ◀── IpcBytesSender ── worker   (results)
//!          ◀── wake byte ── on the socketpair)  a reader thread per worker turns the
//!                                               blocking `recv` into handler messages
//! ```
//!
//! Both carry the same bytes: CPython-framed messages ([`crate::frame`]).
//! On the pipe transport tasks go down the socketpair, many frames per
//! `write`, and results come back through a shared-memory ring
//! ([`super::ring`]): safe the moment they are stored, with a wake byte on
//! the socketpair only when the handler sleeps. With ipc-channel each
//! `send` is one message (a batch of tasks, or one chunk's results: a
//! system call per chunk, which is what the ring saves).
//!
//! Why a socketpair *per worker* rather than CPython's one shared task queue
//! and one shared result queue: the parent knows exactly which tasks each
//! worker holds (they are answered in order on its own link), so when a
//! worker dies, exactly its tasks fail — and a frame torn by a dying worker
//! corrupts only its own link. A shared result pipe would need a lock
//! around every write (CPython's `_wlock`), and a worker killed while
//! holding it hangs the pool: that is bpo-22393's cousin.
//!
//! Needs: `ring.rs`, `frame.rs`, `sys.rs`, `error.rs`; ipc-channel.
//!
//! Python equivalent: `Pool._inqueue`/`_outqueue` (`SimpleQueue`s over pipes).

use super::ring::{self, RingReader, RingWriter};
use crate::error::{Error, Result};
use crate::frame::FrameBuf;
use crate::sys;
use ipc_channel::ipc::{IpcBytesReceiver, IpcBytesSender};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

/// Which transport a pool uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Transport {
    /// A socketpair per worker with this crate's framing, results through a
    /// shared-memory ring (the default).
    #[default]
    Pipe,
    /// ipc-channel bytes channels, created before the fork.
    IpcChannel,
}

/// The worker's end of a pipe link as it crosses `fork`, `exec` or
/// `SCM_RIGHTS`: two fds, opened into a [`ChildLink`] in the worker.
#[derive(Debug)]
pub(crate) struct ChildFds {
    /// The worker's half of the socketpair (tasks in, wake bytes out).
    pub link: OwnedFd,
    /// The result ring's memfd (mapped by the worker, then closed).
    pub ring: OwnedFd,
}

impl ChildFds {
    /// Maps the ring (in the worker) and closes its memfd.
    pub(crate) fn open(self) -> Result<ChildLink> {
        let results = RingWriter::open(&self.ring)?;
        Ok(ChildLink::Pipe {
            fd: self.link,
            results,
        })
    }

    /// The fds the worker keeps when it closes inherited ones.
    pub(crate) fn raw(&self) -> [RawFd; 2] {
        [self.link.as_raw_fd(), self.ring.as_raw_fd()]
    }
}

/// A pipe link: the parent's end (non-blocking socket, ring reader) and the
/// worker's fds.
pub(crate) fn pipe_link() -> Result<(ParentLink, ChildFds)> {
    let (ours, theirs) = sys::stream_socketpair()?;
    sys::set_nonblocking(ours.as_raw_fd(), true)?;
    let (ring, results) = ring::create()?;
    Ok((
        ParentLink::Pipe { fd: ours, results },
        ChildFds { link: theirs, ring },
    ))
}

/// The worker's end of its link, opened.
pub(crate) enum ChildLink {
    /// The socketpair end (blocking) and the result ring.
    Pipe {
        /// Tasks arrive here; wake bytes leave here.
        fd: OwnedFd,
        /// Results go here.
        results: RingWriter,
    },
    /// Task receiver and result sender.
    Ipc {
        /// Tasks arrive here.
        tasks: IpcBytesReceiver,
        /// Results go out here.
        results: IpcBytesSender,
    },
}

impl ChildLink {
    /// Blocks until more task bytes arrive and appends them to `buf`;
    /// `Ok(false)` at end of file (the parent closed the link or died).
    pub(crate) fn fill(&mut self, buf: &mut FrameBuf) -> Result<bool> {
        match self {
            ChildLink::Pipe { fd, .. } => Ok(buf.fill_from(fd.as_raw_fd())? > 0),
            ChildLink::Ipc { tasks, .. } => match tasks.recv() {
                Ok(bytes) => {
                    buf.extend(&bytes)?;
                    Ok(true)
                }
                Err(_) => Ok(false),
            },
        }
    }

    /// Sends result frames; they are safe from our death once this returns.
    pub(crate) fn send(&mut self, frames: &[u8]) -> Result<()> {
        match self {
            ChildLink::Pipe { fd, results } => results.write(frames, fd.as_raw_fd()),
            ChildLink::Ipc { results, .. } => results.send(frames).map_err(Error::Io),
        }
    }
}

/// The worker's end as `make_link` returns it, before the fork.
pub(crate) enum ChildEnd {
    /// Fds to open in the worker.
    Pipe(ChildFds),
    /// An opened ipc link (ipc-channel hides its fds).
    Ipc(ChildLink),
}

impl ChildEnd {
    /// The fds the worker must keep when it closes inherited ones (`None`:
    /// unknown, so nothing may be closed — ipc-channel hides its fds).
    pub(crate) fn keep_fds(&self) -> Option<Vec<RawFd>> {
        match self {
            ChildEnd::Pipe(fds) => Some(fds.raw().to_vec()),
            ChildEnd::Ipc(_) => None,
        }
    }

    /// Opens the link (in the worker).
    pub(crate) fn open(self) -> Result<ChildLink> {
        match self {
            ChildEnd::Pipe(fds) => fds.open(),
            ChildEnd::Ipc(link) => Ok(link),
        }
    }
}

/// The parent's end of a worker's link.
pub(crate) enum ParentLink {
    /// The parent's half of the socketpair (non-blocking: the handler polls)
    /// and the reader of the worker's result ring.
    Pipe {
        /// Tasks leave here; wake bytes (and end of file) arrive here.
        fd: OwnedFd,
        /// Where the worker's results are read.
        results: RingReader,
    },
    /// The task sender; results come through a reader thread.
    Ipc(IpcBytesSender),
}

/// A freshly made link: the parent's end, the worker's end, and (for ipc)
/// the parent's result receiver, which the pool hands to a reader thread.
pub(crate) struct LinkPair {
    /// Kept by the parent.
    pub parent: ParentLink,
    /// Moved into the worker (dropped by the parent after the fork).
    pub child: ChildEnd,
    /// The parent's result receiver (ipc only).
    pub results: Option<IpcBytesReceiver>,
}

/// Makes a link of the given transport.
pub(crate) fn make_link(transport: Transport) -> Result<LinkPair> {
    match transport {
        Transport::Pipe => {
            let (parent, child) = pipe_link()?;
            Ok(LinkPair {
                parent,
                child: ChildEnd::Pipe(child),
                results: None,
            })
        }
        Transport::IpcChannel => {
            let (task_tx, task_rx) = ipc_channel::ipc::bytes_channel()?;
            let (result_tx, result_rx) = ipc_channel::ipc::bytes_channel()?;
            Ok(LinkPair {
                parent: ParentLink::Ipc(task_tx),
                child: ChildEnd::Ipc(ChildLink::Ipc {
                    tasks: task_rx,
                    results: result_tx,
                }),
                results: Some(result_rx),
            })
        }
    }
}
