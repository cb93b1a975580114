//! The handler's I/O half: writing task bytes to worker links, reading and
//! checking result frames, and the one `poll` that waits on all of it.
//!
//! Pipe links are non-blocking on the parent's side: the handler writes as
//! much as the socket takes and asks `poll` for `POLLOUT` when bytes are
//! left, so a worker that is slow to read never blocks the others. Reads
//! take everything the socket has, then parse every complete frame — one
//! system call per batch of results.
//!
//! A worker's bytes are hostile input: a task runs arbitrary code in the
//! worker, and that code can write anything on the link. Every frame is
//! checked before the handler buffers its payload — its length by
//! [`FrameBuf`](crate::frame::FrameBuf) (negative, over the limit), its
//! result header here, as soon as those 20 bytes are in (the job and chunk
//! the worker holds at the front, the next item index, a count that fits
//! the chunk). Any violation kills the worker ([`Handler::condemn`]); its
//! running chunk then fails with [`Error::Protocol`](crate::Error::Protocol)
//! and nothing it sent after the violation is read.
//!
//! Needs: `mod.rs` (the handler's state), `worker/` (links, result
//! headers), `sys.rs`.
//!
//! Python equivalent: `Pool._handle_tasks` (the writing) and
//! `Pool._handle_results` (the reading).

use super::{Handler, Held, Life};
use crate::sys;
use crate::worker::task::{self, RESULT_HEADER};
use crate::worker::ParentLink;
use nix::sys::signal::Signal;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// Checks a result frame's header against the chunk the worker holds at the
/// front of its FIFO; returns the frame's item count, or what is wrong.
fn check_result(head: &[u8], front: Option<&Held>) -> Result<u32, String> {
    let Some(r) = task::parse_result_header(head) else {
        return Err(format!(
            "a {}-byte result frame, shorter than its header",
            head.len()
        ));
    };
    let Some(h) = front else {
        return Err(format!(
            "a result for job {} chunk {} while holding no task",
            r.job, r.chunk
        ));
    };
    if (r.job, r.chunk) != (h.chunk.job_id, h.chunk.chunk) {
        return Err(format!(
            "a result for job {} chunk {}, expected job {} chunk {}",
            r.job, r.chunk, h.chunk.job_id, h.chunk.chunk
        ));
    }
    if r.first != h.received || r.count == 0 || r.count > h.len - h.received {
        return Err(format!(
            "items {}+{} of a {}-item chunk, expected items from {}",
            r.first, r.count, h.len, h.received
        ));
    }
    Ok(r.count)
}

impl Handler {
    /// Writes queued task bytes (pipe: non-blocking, as far as it goes).
    pub(super) fn write_out(&mut self) {
        for w in &mut self.workers {
            if w.pending_out() == 0 || !w.life.alive() {
                continue;
            }
            match &w.link {
                ParentLink::Pipe { fd, .. } => {
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
                    let _ = tx.send(&w.out[w.out_pos..]);
                    w.out_pos = w.out.len();
                }
            }
            if w.out_pos == w.out.len() {
                w.out.clear();
                w.out_pos = 0;
            }
        }
    }

    /// Queues a stop frame to every serving worker.
    pub(super) fn stop_workers(&mut self) {
        for w in &mut self.workers {
            if matches!(w.life, Life::Serving) {
                w.life = Life::Stopping;
                task::push_stop_frame(&mut w.out);
            }
        }
        self.write_out();
    }

    /// Kills worker `i` for breaking the link protocol: from now on its link
    /// is not read, and its running chunk will fail with `reason`.
    pub(super) fn condemn(&mut self, i: usize, reason: String) {
        let w = &mut self.workers[i];
        w.life = match std::mem::replace(&mut w.life, Life::Serving) {
            Life::Exited { .. } | Life::Gone { .. } => Life::Exited {
                fault: Some(reason),
            },
            _ => {
                w.sentinel.signal(Signal::SIGKILL);
                Life::Killed {
                    fault: Some(reason),
                }
            }
        };
    }

    /// Parses, checks and delivers the complete result frames of worker `i`.
    pub(super) fn parse_results(&mut self, i: usize) {
        while self.workers[i].life.reads_link() {
            let w = &mut self.workers[i];
            // The header first: a frame for the wrong chunk is refused
            // before its payload is buffered.
            let count = match w.inbuf.peek_payload(RESULT_HEADER) {
                Ok(None) => return,
                Ok(Some(head)) => check_result(head, w.held.front()),
                Err(err) => Err(err.to_string()),
            };
            let count = match count {
                Ok(count) => count,
                Err(reason) => return self.condemn(i, reason),
            };
            let span = match w.inbuf.next_frame() {
                Ok(Some(span)) => span,
                Ok(None) => return,
                Err(err) => return self.condemn(i, err.to_string()),
            };
            let payload = w.inbuf.get(span).to_vec();
            let front = w.held.front_mut().expect("checked by check_result");
            front.received += count;
            front.parts.push(payload);
            if front.received == front.len {
                let done = w.held.pop_front().expect("front exists");
                done.deliver(None);
            }
        }
    }

    /// Reads what a pipe link has: the wake bytes on its socket (only
    /// drained; their content does not matter, so garbage a task writes there
    /// is harmless) when `socket_ready`, then every result in its ring.
    pub(super) fn read_link(&mut self, i: usize, socket_ready: bool) {
        let ParentLink::Pipe { fd, .. } = &self.workers[i].link else {
            return;
        };
        let mut ended = false;
        if socket_ready {
            let mut wake = [0u8; 256];
            loop {
                match sys::read_some(fd.as_raw_fd(), &mut wake) {
                    Ok(0) => ended = true,
                    Ok(_) => continue,
                    Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => ended = true,
                }
                break;
            }
        }
        while self.workers[i].life.reads_link() {
            let w = &mut self.workers[i];
            let ParentLink::Pipe { results, .. } = &mut w.link else {
                return;
            };
            match results.read_into(&mut w.inbuf) {
                Ok(0) => break,
                Ok(_) => self.parse_results(i),
                Err(err) => return self.condemn(i, err.to_string()),
            }
        }
        if ended {
            self.link_ended(i);
        }
    }

    /// No more result bytes can come from worker `i`. If it still looks
    /// alive, usually it is just exiting (its fds close a moment before its
    /// pidfd fires); if it is still alive [`LINK_LOST_GRACE`](super::LINK_LOST_GRACE)
    /// later, it can no longer answer (say, a task closed its fd), and
    /// [`Self::kill_lost_links`] kills it so its chunk fails instead of
    /// waiting forever. Road not taken: killing at once — a `SIGKILL` that
    /// lands while the worker is exiting replaces its real exit status.
    pub(super) fn link_ended(&mut self, i: usize) {
        let w = &mut self.workers[i];
        w.life = match std::mem::replace(&mut w.life, Life::Serving) {
            Life::Serving | Life::Stopping => Life::LinkLost {
                since: Instant::now(),
            },
            Life::Exited { fault } => Life::Gone { fault },
            other => other,
        };
    }

    /// Kills workers whose link has been gone for the whole grace period;
    /// returns how long until the next such deadline (for `poll`'s timeout).
    pub(super) fn kill_lost_links(&mut self) -> Option<Duration> {
        let now = Instant::now();
        let mut next: Option<Duration> = None;
        for w in &mut self.workers {
            let Life::LinkLost { since } = w.life else {
                continue;
            };
            let deadline = since + super::LINK_LOST_GRACE;
            if now >= deadline {
                w.sentinel.signal(Signal::SIGKILL);
                w.life = Life::Killed { fault: None };
            } else {
                let left = deadline - now;
                next = Some(next.map_or(left, |n| n.min(left)));
            }
        }
        next
    }

    /// Worker `i`'s sentinel fired: for a pipe link, drain every result it
    /// sent before it died (a dead writer means what is buffered is all),
    /// then it is gone; an ipc link waits for its reader to report the end.
    fn worker_exited(&mut self, i: usize) {
        let w = &mut self.workers[i];
        let (fault, link_done) = match std::mem::replace(&mut w.life, Life::Serving) {
            // We stopped reading a killed worker's link; a lost one has ended.
            Life::Killed { fault } => (fault, true),
            Life::LinkLost { .. } => (None, true),
            // Serving or Stopping (the sentinel is polled only while alive).
            _ => (None, false),
        };
        w.life = Life::Exited { fault };
        if link_done {
            return self.link_ended(i);
        }
        if matches!(self.workers[i].link, ParentLink::Pipe { .. }) {
            self.read_link(i, true);
            // Whatever the drain found (end of file, a violation), nothing
            // more can come from a dead writer.
            if let Life::Exited { fault } = &mut self.workers[i].life {
                let fault = fault.take();
                self.workers[i].life = Life::Gone { fault };
            }
        }
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
        // Announce sleep to every result ring first; one that already holds
        // bytes means: do not sleep (poll with timeout 0).
        let mut ring_ready = false;
        for (i, w) in self.workers.iter().enumerate() {
            if let (ParentLink::Pipe { fd, results }, true) = (&w.link, w.life.reads_link()) {
                ring_ready |= !results.prepare_to_sleep();
                let mut events = libc::POLLIN;
                if w.pending_out() > 0 && w.life.alive() {
                    events |= libc::POLLOUT;
                }
                fds.push(libc::pollfd {
                    fd: fd.as_raw_fd(),
                    events,
                    revents: 0,
                });
                slots.push(Slot::Link(i));
            }
            if w.life.alive() {
                fds.push(libc::pollfd {
                    fd: w.sentinel.fd(),
                    events: libc::POLLIN,
                    revents: 0,
                });
                slots.push(Slot::Sentinel(i));
            }
        }
        let timeout = if ring_ready {
            Some(Duration::ZERO)
        } else {
            self.kill_lost_links()
        };
        let polled = sys::poll(&mut fds, timeout);
        for w in &self.workers {
            if let ParentLink::Pipe { results, .. } = &w.link {
                results.awake();
            }
        }
        if polled.is_err() {
            return;
        }
        for (pfd, slot) in fds.iter().zip(slots) {
            match slot {
                Slot::Wake => {}
                // Every ring is read, woken or not: results may have been
                // stored while this thread was busy (no wake byte then).
                Slot::Link(i) => {
                    let ready = pfd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0;
                    self.read_link(i, ready);
                }
                Slot::Sentinel(i) if pfd.revents != 0 => self.worker_exited(i),
                Slot::Sentinel(_) => {}
            }
        }
    }
}
