//! The two transports between the pool and a worker, behind one interface.
//!
//! ```text
//!   Transport::Pipe (default)              Transport::IpcChannel
//!   parent ══ socketpair ══ worker         parent ── IpcBytesSender ──▶ worker   (tasks)
//!   (one duplex fd per worker:             parent ◀── IpcBytesSender ── worker   (results)
//!    tasks one way, results back)          a reader thread per worker turns the
//!                                          blocking `recv` into handler messages
//! ```
//!
//! Both carry the same bytes: batches of CPython-framed messages
//! ([`crate::frame`]). On the pipe a batch is whatever one `write` carries;
//! with ipc-channel each `send` is one message holding a batch.
//!
//! Why a socketpair *per worker* rather than CPython's one shared task queue
//! and one shared result queue: the parent knows exactly which tasks each
//! worker holds (they are answered in order on its own link), so when a
//! worker dies, exactly its tasks fail — and a frame torn by a dying worker
//! corrupts only its own link. A shared result pipe would need a lock
//! around every write (CPython's `_wlock`), and a worker killed while
//! holding it hangs the pool: that is bpo-22393's cousin.
//!
//! Python equivalent: `Pool._inqueue`/`_outqueue` (`SimpleQueue`s over pipes).

use crate::error::{Error, Result};
use crate::frame::FrameBuf;
use crate::sys;
use ipc_channel::ipc::{IpcBytesReceiver, IpcBytesSender};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

/// Which transport a pool uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Transport {
    /// A socketpair per worker with this crate's framing (the default).
    #[default]
    Pipe,
    /// ipc-channel bytes channels, created before the fork.
    IpcChannel,
}

/// The worker's end of its link.
pub(crate) enum ChildLink {
    /// The worker's half of the socketpair (blocking).
    Pipe(OwnedFd),
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
            ChildLink::Pipe(fd) => match buf.fill_from(fd.as_raw_fd()) {
                Ok(0) => Ok(false),
                Ok(_) => Ok(true),
                Err(err) => Err(Error::Io(err)),
            },
            ChildLink::Ipc { tasks, .. } => match tasks.recv() {
                Ok(bytes) => {
                    buf.extend(&bytes);
                    Ok(true)
                }
                Err(_) => Ok(false),
            },
        }
    }

    /// Sends a batch of result frames.
    pub(crate) fn send(&mut self, batch: &[u8]) -> Result<()> {
        match self {
            ChildLink::Pipe(fd) => Ok(sys::write_all(fd.as_raw_fd(), batch, true)?),
            ChildLink::Ipc { results, .. } => results.send(batch).map_err(Error::Io),
        }
    }

    /// The fds the worker must keep when it closes inherited ones (`None`:
    /// unknown, so nothing may be closed — ipc-channel hides its fds).
    pub(crate) fn keep_fds(&self) -> Option<Vec<RawFd>> {
        match self {
            ChildLink::Pipe(fd) => Some(vec![fd.as_raw_fd()]),
            ChildLink::Ipc { .. } => None,
        }
    }
}

/// The parent's end of a worker's link.
pub(crate) enum ParentLink {
    /// The parent's half of the socketpair (non-blocking: the handler polls).
    Pipe(OwnedFd),
    /// The task sender; results come through a reader thread.
    Ipc(IpcBytesSender),
}

/// A freshly made link: the parent's end, the worker's end, and (for ipc)
/// the parent's result receiver, which the pool hands to a reader thread.
pub(crate) struct LinkPair {
    /// Kept by the parent.
    pub parent: ParentLink,
    /// Moved into the worker (dropped by the parent after the fork).
    pub child: ChildLink,
    /// The parent's result receiver (ipc only).
    pub results: Option<IpcBytesReceiver>,
}

/// Makes a link of the given transport.
pub(crate) fn make_link(transport: Transport) -> Result<LinkPair> {
    match transport {
        Transport::Pipe => {
            let (a, b) = crate::sys::stream_socketpair()?;
            sys::set_nonblocking(a.as_raw_fd(), true)?;
            Ok(LinkPair {
                parent: ParentLink::Pipe(a),
                child: ChildLink::Pipe(b),
                results: None,
            })
        }
        Transport::IpcChannel => {
            let (task_tx, task_rx) = ipc_channel::ipc::bytes_channel()?;
            let (result_tx, result_rx) = ipc_channel::ipc::bytes_channel()?;
            Ok(LinkPair {
                parent: ParentLink::Ipc(task_tx),
                child: ChildLink::Ipc {
                    tasks: task_rx,
                    results: result_tx,
                },
                results: Some(result_rx),
            })
        }
    }
}
