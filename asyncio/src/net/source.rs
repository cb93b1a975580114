//! An fd registered with the running loop's reactor: the bridge between a
//! socket and `reactor.rs`, and the one place in `net/` that asks
//! `context.rs` which loop is running.
//!
//! Every socket operation has the same shape ([`Async::io_op`]):
//!
//! ```text
//!   op():  ready flag set? ──no──▶ park waker, Pending ──(epoll edge)──┐
//!              │ yes                                                 │
//!              ▼                                          ◀──────────┘
//!          syscall ── EWOULDBLOCK ──▶ clear the flag, park again
//!              │ n bytes / EOF / error
//!              ▼
//!            Ready
//! ```
//!
//! The registration remembers its loop's id: a socket dropped after its
//! loop ended, or inside another loop, must not deregister from a reactor
//! whose slab key now names a different fd.
//!
//! Python equivalent: a socket plus the loop's `add_reader`/`add_writer`
//! bookkeeping for it (async-io calls the same type `Async<T>`).
//!
//! Needs: `context.rs` (the running loop), `reactor.rs` (`Direction`,
//! `SourceState`), `slab.rs` (the key).

use crate::context::with_loop;
use crate::reactor::{Direction, SourceState};
use crate::slab::Key;
use std::future::poll_fn;
use std::io;
use std::os::fd::AsFd;
use std::rc::Rc;
use std::task::{Context, Poll};

/// An fd registered with the running loop's reactor; deregistered on drop.
pub(crate) struct Async<T: AsFd> {
    /// The loop whose reactor holds the fd.
    loop_id: u16,
    /// The fd's slot in the reactor.
    key: Key,
    /// The fd's readiness and waiters, shared with the reactor.
    state: Rc<SourceState>,
    /// The I/O object; `Option` only so `Drop` can deregister before the
    /// fd closes.
    io: Option<T>,
}

impl<T: AsFd> Async<T> {
    /// Registers `io` (already non-blocking) with the running loop,
    /// assumed ready at once in the directions of `ready_at_start`.
    ///
    /// # Errors
    /// No running loop, or `epoll_ctl` failed.
    pub(crate) fn new(io: T, ready_at_start: &[Direction]) -> io::Result<Async<T>> {
        let (loop_id, key, state) = with_loop(|l| {
            l.reactor
                .register(io.as_fd(), ready_at_start)
                .map(|(key, state)| (l.id, key, state))
        })
        .ok_or_else(|| {
            io::Error::other("no running event loop: sockets must be created inside asyncio::run")
        })??;
        Ok(Async {
            loop_id,
            key,
            state,
            io: Some(io),
        })
    }

    /// The wrapped I/O object.
    pub(crate) fn get_ref(&self) -> &T {
        self.io.as_ref().expect("Async used after drop")
    }

    /// See [`SourceState::poll_ready`].
    pub(crate) fn poll_ready(&self, direction: Direction, cx: &mut Context<'_>) -> Poll<()> {
        self.state.poll_ready(direction, cx)
    }

    /// See [`SourceState::is_ready`].
    pub(crate) fn is_ready(&self, direction: Direction) -> bool {
        self.state.is_ready(direction)
    }

    /// See [`SourceState::clear_ready`].
    pub(crate) fn clear_ready(&self, direction: Direction) {
        self.state.clear_ready(direction);
    }

    /// Runs `op` until it does not answer `EWOULDBLOCK`, waiting for
    /// readiness in `direction` in between.
    pub(crate) async fn io_op<R>(
        &self,
        direction: Direction,
        mut op: impl FnMut(&T) -> io::Result<R>,
    ) -> io::Result<R> {
        loop {
            poll_fn(|cx| self.poll_ready(direction, cx)).await;
            match op(self.get_ref()) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.clear_ready(direction),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                result => return result,
            }
        }
    }

    /// [`io_op`](Self::io_op) for reads and writes of `requested` bytes.
    ///
    /// Fast path: a short transfer (`0 < n < requested`) means the kernel
    /// buffer was drained (read) or filled (write), so the ready flag is
    /// cleared at once: the next call waits for epoll instead of spending a
    /// syscall to hear `EWOULDBLOCK`. Safe with edge-triggered epoll: bytes
    /// (or room) arriving after this transfer raise a new edge, delivered
    /// by the next `epoll_wait`. (tokio makes the same move.)
    pub(crate) async fn io_len(
        &self,
        direction: Direction,
        requested: usize,
        mut op: impl FnMut(&T) -> io::Result<usize>,
    ) -> io::Result<usize> {
        let n = self.io_op(direction, &mut op).await?;
        self.note_transfer(direction, n, requested);
        Ok(n)
    }

    /// The fast path of [`io_len`](Self::io_len), for callers that make
    /// the syscall themselves.
    #[inline]
    pub(crate) fn note_transfer(&self, direction: Direction, done: usize, requested: usize) {
        if done > 0 && done < requested {
            self.clear_ready(direction);
        }
    }
}

impl<T: AsFd> Drop for Async<T> {
    fn drop(&mut self) {
        if let Some(io) = self.io.take() {
            with_loop(|l| {
                if l.id == self.loop_id {
                    l.reactor.deregister(self.key, io.as_fd());
                }
            });
            // `io` closes its fd here, after it left the epoll set.
        }
    }
}
