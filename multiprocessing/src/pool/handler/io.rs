//! The handler's I/O half: writing task bytes to worker links, reading and
//! matching result frames, and the one `poll` that waits on all of it.
//!
//! Pipe links are non-blocking on the parent's side: the handler writes as
//! much as the socket takes and asks `poll` for `POLLOUT` when bytes are
//! left, so a worker that is slow to read never blocks the others. Reads
//! take everything the socket has, then parse every complete frame — one
//! system call per batch of results.
//!
//! Python equivalent: `Pool._handle_tasks` (the writing) and
//! `Pool._handle_results` (the reading).

use super::{Handler, ParentLink};
use crate::connection::DEFAULT_MAX_MESSAGE;
use crate::pool::result::ChunkOutcome;
use crate::pool::task;
use crate::sys;
use nix::sys::signal::{kill, Signal};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

impl Handler {
    /// Writes queued task bytes (pipe: non-blocking, as far as it goes).
    pub(super) fn write_out(&mut self) {
        for w in &mut self.workers {
            if w.pending_out() == 0 || w.exited {
                continue;
            }
            match &w.link {
                ParentLink::Pipe(fd) => {
                    while w.out_pos < w.out.len() {
                        match sys::write_some(fd.as_raw_fd(), &w.out[w.out_pos..], true) {
                            Ok(n) => w.out_pos += n,
                            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
                            // The worker is gone; its sentinel will tell us.
                            Err(_) => {
                                w.out_pos = w.out.len();
                                break;
                            }
                        }
                    }
                }
                ParentLink::Ipc(tx) => {
                    // Simplification: a blocking send. It cannot block for
                    // long — WINDOW bounds what a worker holds, and the reader
                    // thread keeps draining its results — but a worker stuck
                    // in a task with a full channel would stall this thread.
                    if tx.send(&w.out[w.out_pos..]).is_err() {
                        w.out_pos = w.out.len();
                    }
                    w.out_pos = w.out.len();
                }
            }
            if w.out_pos == w.out.len() {
                w.out.clear();
                w.out_pos = 0;
            }
        }
    }

    /// Queues a stop frame to every worker (once each).
    pub(super) fn stop_workers(&mut self) {
        for w in &mut self.workers {
            if !w.stopping {
                w.stopping = true;
                task::push_stop_frame(&mut w.out);
            }
        }
        self.write_out();
    }

    /// Parses complete result frames of worker `i` and delivers them.
    pub(super) fn parse_results(&mut self, i: usize) {
        let w = &mut self.workers[i];
        loop {
            let span = match w.inbuf.next_frame(DEFAULT_MAX_MESSAGE) {
                Ok(Some(span)) => span,
                Ok(None) => return,
                Err(_) => break,
            };
            let payload = w.inbuf.get(span);
            let header = task::parse_result_header(payload);
            let matches = match (header, w.held.front()) {
                (Some((job, chunk, _)), Some(h)) => job == h.job_id && chunk == h.chunk,
                _ => false,
            };
            if !matches {
                break;
            }
            let held = w.held.pop_front().expect("front checked above");
            held.job
                .deliver(held.chunk, ChunkOutcome::Bytes(payload.to_vec()));
        }
        // Protocol violation (invariant 1): kill the worker; its sentinel
        // then fails what it held.
        let _ = kill(w.pid, Signal::SIGKILL);
    }

    /// Reads what a pipe link has (until it would block or ends).
    pub(super) fn read_link(&mut self, i: usize) {
        let ParentLink::Pipe(fd) = &self.workers[i].link else {
            return;
        };
        let fd = fd.as_raw_fd();
        loop {
            let w = &mut self.workers[i];
            match w.inbuf.fill_from(fd) {
                Ok(0) => {
                    w.link_closed = true;
                    break;
                }
                Ok(_) => self.parse_results(i),
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(_) => {
                    w.link_closed = true;
                    break;
                }
            }
        }
        self.parse_results(i);
        self.note_link_lost(i);
    }

    /// Notes when a link ended while its worker still looked alive. Usually
    /// the worker is just exiting (its fds close a moment before its pidfd
    /// fires); if it is still alive [`LINK_LOST_GRACE`](super::LINK_LOST_GRACE)
    /// later, it can no longer answer (say, a task closed its fd), and
    /// [`Self::kill_lost_links`] kills it so the chunks it held fail instead
    /// of waiting forever. Road not taken: killing at once — a `SIGKILL`
    /// that lands while the worker is exiting replaces its real exit status.
    pub(super) fn note_link_lost(&mut self, i: usize) {
        let w = &mut self.workers[i];
        if w.link_closed && !w.exited && w.link_lost_at.is_none() {
            w.link_lost_at = Some(Instant::now());
        }
    }

    /// Kills workers whose link has been gone for the whole grace period;
    /// returns how long until the next such deadline (for `poll`'s timeout).
    pub(super) fn kill_lost_links(&mut self) -> Option<Duration> {
        let now = Instant::now();
        let mut next: Option<Duration> = None;
        for w in &mut self.workers {
            let Some(lost) = w.link_lost_at else { continue };
            if w.exited {
                w.link_lost_at = None;
                continue;
            }
            let deadline = lost + super::LINK_LOST_GRACE;
            if now >= deadline {
                let _ = kill(w.pid, Signal::SIGKILL);
                w.link_lost_at = None;
            } else {
                let left = deadline - now;
                next = Some(next.map_or(left, |n| n.min(left)));
            }
        }
        next
    }

    /// One `poll` over the wake fd, pipe links and sentinels; handles events.
    pub(super) fn poll_once(&mut self) {
        /// What a poll entry stands for.
        #[derive(Clone, Copy)]
        enum Slot {
            /// The eventfd.
            Wake,
            /// Worker `i`'s pipe link.
            Link(usize),
            /// Worker `i`'s sentinel.
            Sentinel(usize),
        }
        let mut fds = Vec::with_capacity(1 + 2 * self.workers.len());
        let mut slots = Vec::with_capacity(fds.capacity());
        fds.push(libc::pollfd {
            fd: self.shared.wake.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        });
        slots.push(Slot::Wake);
        for (i, w) in self.workers.iter().enumerate() {
            if let (ParentLink::Pipe(fd), false) = (&w.link, w.link_closed) {
                let mut events = libc::POLLIN;
                if w.pending_out() > 0 && !w.exited {
                    events |= libc::POLLOUT;
                }
                fds.push(libc::pollfd {
                    fd: fd.as_raw_fd(),
                    events,
                    revents: 0,
                });
                slots.push(Slot::Link(i));
            }
            if !w.exited {
                fds.push(libc::pollfd {
                    fd: w.sentinel.fd(),
                    events: libc::POLLIN,
                    revents: 0,
                });
                slots.push(Slot::Sentinel(i));
            }
        }
        let timeout = self.kill_lost_links();
        if sys::poll(&mut fds, timeout).is_err() {
            return;
        }
        for (pfd, slot) in fds.iter().zip(slots) {
            if pfd.revents == 0 {
                continue;
            }
            match slot {
                Slot::Wake => {}
                Slot::Link(i) => {
                    if pfd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                        self.read_link(i);
                    }
                }
                Slot::Sentinel(i) => {
                    self.workers[i].exited = true;
                    // Drain every result the worker sent before it died; for
                    // a pipe, a dead writer means what is buffered is all.
                    if matches!(self.workers[i].link, ParentLink::Pipe(_)) {
                        self.read_link(i);
                        self.workers[i].link_closed = true;
                    }
                }
            }
        }
    }
}
