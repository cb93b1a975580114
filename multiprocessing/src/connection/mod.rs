//! `Pipe()` and `Connection`: framed, typed messages between processes.
//!
//! ```text
//!   Pipe(duplex=true)   socketpair(AF_UNIX, SOCK_STREAM)   a <──────> b
//!   Pipe(duplex=false)  pipe(2)                            r <─────── w
//! ```
//!
//! A `Connection` owns one end. `send` encodes a serde value with bincode
//! 2.0.1 and writes one frame (see `frame.rs` for the CPython-identical
//! layout); `recv` reads one frame and decodes it. The failure modes are
//! distinct, because a caller handles them differently:
//!
//! | what happened | result |
//! |---|---|
//! | peer closed between frames | `Err(Closed)` (Python: `EOFError`) |
//! | peer vanished mid-frame | `Err(Io(UnexpectedEof))` |
//! | header announces > `max_message` | `Err(TooLarge)`, nothing allocated |
//! | complete frame, bytes are not a `T` | `Err(Decode)` |
//!
//! None of them panics, whatever bytes arrive. bincode itself decodes with a
//! limit ([`DECODE_LIMIT`]), so a frame whose *contents* claim a 2^60-element
//! vector is refused instead of reserving memory for it.
//!
//! Both ends are created before `fork`, and the child uses its copy; each
//! side should drop the end it does not use (as in CPython, or `recv` never
//! sees end of file: the fd would still be open in this very process).
//!
//! `Listener` and `Client` (`connection/listener.rs`, with the authkey
//! handshake in `connection/auth.rs`) hand out the same `Connection` over
//! TCP or Unix sockets, so CPython's own processes can be peers.
//!
//! Needs: `frame.rs`, `sys.rs`, `error.rs` — nothing else of the crate
//! (its two child files add RustCrypto's HMAC and `getrandom`; see
//! `tests/closed_set.rs`).
//!
//! Python equivalent: `multiprocessing.Pipe`, `multiprocessing.connection.Connection`.

mod auth;
mod listener;

pub use listener::{Address, Client, Listener};

use crate::error::{Error, Result};
use crate::frame::{self, FrameBuf};
use crate::sys;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::Duration;

/// The default maximum message size: 64 MiB.
pub const DEFAULT_MAX_MESSAGE: usize = 64 << 20;

/// The most memory bincode may reserve while decoding one value: 256 MiB.
/// (Decoded data can be larger than its encoding — a `Vec<u64>` of small
/// varints is 8× its bytes — so this is a multiple of the frame limit.)
pub const DECODE_LIMIT: usize = 256 << 20;

/// The bincode configuration used everywhere: standard (varint) encoding.
pub(crate) fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// The decoding configuration: standard, with [`DECODE_LIMIT`].
pub(crate) fn decode_config() -> bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<DECODE_LIMIT>,
> {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

/// Decodes exactly one `T` from `bytes`; leftover bytes are an error.
pub(crate) fn decode_exact<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let (value, used) = bincode::serde::decode_from_slice(bytes, decode_config())
        .map_err(|e| Error::Decode(e.to_string()))?;
    if used != bytes.len() {
        return Err(Error::Decode(format!(
            "{} trailing bytes after the value",
            bytes.len() - used
        )));
    }
    Ok(value)
}

/// One end of a [`Pipe`].
#[derive(Debug)]
pub struct Connection {
    /// The socket or pipe end.
    fd: OwnedFd,
    /// Whether `recv` is allowed (false for the write end of a one-way pipe).
    readable: bool,
    /// Whether `send` is allowed (false for the read end of a one-way pipe).
    writable: bool,
    /// A socket takes `send(MSG_NOSIGNAL)`, a pipe plain `write`.
    socket: bool,
    /// Frames larger than this are refused before any allocation.
    max_message: usize,
    /// Received bytes not yet handed out (several frames may arrive at once).
    inbuf: FrameBuf,
    /// Reused output buffer: header and payload go out in one `write`.
    outbuf: Vec<u8>,
}

/// Creates a connected pair of [`Connection`]s: Python's `Pipe(duplex)`.
///
/// With `duplex`, both ends send and receive (a Unix socketpair). Without,
/// the first end only receives and the second only sends (a pipe), exactly
/// like CPython's `r, w = Pipe(False)`.
#[allow(non_snake_case)]
pub fn Pipe(duplex: bool) -> Result<(Connection, Connection)> {
    if duplex {
        let (a, b) = crate::sys::stream_socketpair()?;
        Ok((
            Connection::from_fd(a, true, true, true),
            Connection::from_fd(b, true, true, true),
        ))
    } else {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        Ok((
            Connection::from_fd(r, true, false, false),
            Connection::from_fd(w, false, true, false),
        ))
    }
}

impl Connection {
    /// Wraps an fd. `socket` selects `send(MSG_NOSIGNAL)` over `write`.
    pub fn from_fd(fd: OwnedFd, readable: bool, writable: bool, socket: bool) -> Connection {
        Connection {
            fd,
            readable,
            writable,
            socket,
            max_message: DEFAULT_MAX_MESSAGE,
            inbuf: FrameBuf::new(DEFAULT_MAX_MESSAGE),
            outbuf: Vec::new(),
        }
    }

    /// Sets the maximum message size for both directions.
    pub fn set_max_message(&mut self, bytes: usize) {
        self.max_message = bytes;
        self.inbuf.set_limit(bytes);
    }

    /// The maximum message size.
    pub fn max_message(&self) -> usize {
        self.max_message
    }

    /// Sends raw bytes as one frame (Python's `send_bytes`).
    pub fn send_bytes(&mut self, payload: &[u8]) -> Result<()> {
        if !self.writable {
            return Err(Error::State("connection is read-only"));
        }
        if payload.len() > self.max_message {
            return Err(Error::TooLarge {
                announced: payload.len() as u64,
                limit: self.max_message,
            });
        }
        self.outbuf.clear();
        frame::push_header(&mut self.outbuf, payload.len());
        // Small messages go out as one write (as CPython does below 16 KiB);
        // large ones are not copied, just written after their header.
        if payload.len() <= 16 * 1024 {
            self.outbuf.extend_from_slice(payload);
            self.write_out(None)
        } else {
            self.write_out(Some(payload))
        }
    }

    /// Writes `outbuf` and then `extra`, mapping a vanished peer to `Closed`.
    fn write_out(&mut self, extra: Option<&[u8]>) -> Result<()> {
        let fd = self.fd.as_raw_fd();
        let result = sys::write_all(fd, &self.outbuf, self.socket)
            .and_then(|()| extra.map_or(Ok(()), |e| sys::write_all(fd, e, self.socket)));
        result.map_err(|err| match err.raw_os_error() {
            Some(libc::EPIPE) | Some(libc::ECONNRESET) => Error::Closed,
            _ => Error::Io(err),
        })
    }

    /// Encodes `value` with bincode and sends it as one frame (Python's `send`).
    pub fn send<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.writable {
            return Err(Error::State("connection is read-only"));
        }
        self.outbuf.clear();
        let at = frame::begin_frame(&mut self.outbuf);
        bincode::serde::encode_into_std_write(value, &mut self.outbuf, config())
            .map_err(|e| Error::Encode(e.to_string()))?;
        let len = self.outbuf.len() - at - frame::SMALL_HEADER;
        if len > self.max_message {
            return Err(Error::TooLarge {
                announced: len as u64,
                limit: self.max_message,
            });
        }
        frame::finish_frame(&mut self.outbuf, at);
        self.write_out(None)
    }

    /// Blocks until one whole frame is buffered and returns its span.
    fn recv_frame(&mut self) -> Result<frame::FrameSpan> {
        if !self.readable {
            return Err(Error::State("connection is write-only"));
        }
        loop {
            if let Some(span) = self.inbuf.next_frame()? {
                return Ok(span);
            }
            match self.inbuf.fill_from(self.fd.as_raw_fd()) {
                Ok(0) if self.inbuf.buffered() == 0 => return Err(Error::Closed),
                Ok(0) => {
                    return Err(Error::Io(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "peer closed in the middle of a frame",
                    )))
                }
                Ok(_) => {}
                Err(Error::Io(err)) if err.raw_os_error() == Some(libc::ECONNRESET) => {
                    return Err(if self.inbuf.buffered() == 0 {
                        Error::Closed
                    } else {
                        Error::Io(err)
                    })
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// Receives one frame's raw bytes (Python's `recv_bytes`).
    pub fn recv_bytes(&mut self) -> Result<Vec<u8>> {
        let span = self.recv_frame()?;
        Ok(self.inbuf.get(span).to_vec())
    }

    /// Receives one frame and decodes it as a `T` (Python's `recv`).
    pub fn recv<T: DeserializeOwned>(&mut self) -> Result<T> {
        let span = self.recv_frame()?;
        decode_exact(self.inbuf.get(span))
    }

    /// Whether data (or end of file) is available within `timeout`
    /// (`None`: wait forever). Python's `poll(timeout)`.
    pub fn poll(&self, timeout: Option<Duration>) -> Result<bool> {
        if !self.readable {
            return Err(Error::State("connection is write-only"));
        }
        if self.inbuf.buffered() > 0 {
            return Ok(true);
        }
        Ok(sys::wait_readable(self.fd.as_raw_fd(), timeout)?)
    }

    /// The underlying file descriptor (Python's `fileno()`).
    pub fn fileno(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl AsRawFd for Connection {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}
