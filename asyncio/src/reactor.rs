//! The reactor: one epoll set, per-fd readiness, a timerfd for precise
//! timeouts and the eventfd other threads write to.
//!
//! ```text
//!   epoll set ──┬── eventfd   (token WAKE)   another thread called wake()
//!               ├── timerfd   (token TIMER)  the nearest timer is due
//!               ├── socket A  (token = slab key of A's SourceState)
//!               └── socket B  ...
//!
//!   SourceState { readiness: READABLE|WRITABLE bits, reader: waker, writer: waker }
//! ```
//!
//! **Per-fd interest, edge-triggered.** Each fd is added once with
//! `EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET`. When epoll reports an edge the
//! reactor sets the fd's readiness bits and wakes the task waiting in that
//! direction. A task reads until the kernel says `EWOULDBLOCK`; only then
//! does it clear the bit and wait (see [`Async::io_op`]). Because events are
//! only processed in the loop's poll phase, never while a task runs, a
//! readiness edge that arrives after a failed read is always delivered by
//! the next `epoll_wait` — there is no lost-edge race on one thread.
//!
//! Road not taken: Python's selector loop is level-triggered and calls
//! `add_reader`/`remove_reader` around each wait, one `epoll_ctl` per wait;
//! registering once and caching readiness saves those syscalls (it is what
//! mio and tokio do).
//!
//! **Timeouts.** `epoll_wait` takes milliseconds; rounding a 1 ms sleep up
//! to the next millisecond boundary overshoots by up to 1 ms. Instead the
//! loop arms a timerfd (nanosecond resolution) for the nearest timer
//! deadline and waits with no timeout; re-arming happens only when the
//! nearest deadline changes. Road not taken: `epoll_pwait2` (Linux ≥ 5.11)
//! takes a `timespec` directly, but is missing on older kernels.
//!
//! Python equivalent: `selectors.EpollSelector` plus the loop's self-pipe
//! (`_write_to_self`).

use crate::event_loop::with_loop;
use crate::slab::{Key, Slab};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::eventfd::EventFd;
use nix::sys::time::TimeSpec;
use nix::sys::timerfd::{ClockId, Expiration, TimerFd, TimerFlags, TimerSetTimeFlags};
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::io;
use std::os::fd::AsFd;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// Token of the eventfd in the epoll set.
const WAKE_TOKEN: u64 = u64::MAX;
/// Token of the timerfd in the epoll set.
const TIMER_TOKEN: u64 = u64::MAX - 1;

/// Readiness bit: a read will not block (data, EOF or an error waits).
pub(crate) const READABLE: u8 = 1;
/// Readiness bit: a write will not block (buffer space, or an error waits).
pub(crate) const WRITABLE: u8 = 2;

/// How long one poll may block.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PollTimeout {
    /// Return at once (work is ready).
    Zero,
    /// Block until this timer deadline (or an event).
    Until(Instant),
    /// Block until an event.
    Forever,
}

/// The readiness and waiters of one registered fd.
#[derive(Default)]
pub(crate) struct SourceState {
    /// READABLE/WRITABLE bits set by epoll edges, cleared on EWOULDBLOCK.
    readiness: Cell<u8>,
    /// The task waiting to read.
    reader: Cell<Option<Waker>>,
    /// The task waiting to write.
    writer: Cell<Option<Waker>>,
}

/// The loop's epoll set.
pub(crate) struct Reactor {
    /// The epoll instance.
    epoll: Epoll,
    /// Fires at the nearest timer deadline (see module doc).
    timerfd: TimerFd,
    /// The deadline the timerfd is armed for, if any.
    armed_for: Cell<Option<Instant>>,
    /// Registered fds, by token.
    sources: RefCell<Slab<Rc<SourceState>>>,
    /// Reused buffer for `epoll_wait` results.
    events: RefCell<Vec<EpollEvent>>,
}

impl Reactor {
    /// A new epoll set holding `wake_fd` (the loop's eventfd) and a timerfd.
    pub(crate) fn new(wake_fd: &EventFd) -> nix::Result<Reactor> {
        let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
        let timerfd = TimerFd::new(
            ClockId::CLOCK_MONOTONIC,
            TimerFlags::TFD_NONBLOCK | TimerFlags::TFD_CLOEXEC,
        )?;
        epoll.add(wake_fd, EpollEvent::new(EpollFlags::EPOLLIN, WAKE_TOKEN))?;
        epoll.add(&timerfd, EpollEvent::new(EpollFlags::EPOLLIN, TIMER_TOKEN))?;
        Ok(Reactor {
            epoll,
            timerfd,
            armed_for: Cell::new(None),
            sources: RefCell::new(Slab::new()),
            events: RefCell::new(vec![EpollEvent::empty(); 1024]),
        })
    }

    /// How many fds (besides the eventfd and timerfd) are registered.
    pub(crate) fn source_count(&self) -> usize {
        self.sources.borrow().len()
    }

    /// Adds `fd` to the epoll set with `initial` readiness bits.
    fn register(&self, fd: impl AsFd, initial: u8) -> io::Result<(Key, Rc<SourceState>)> {
        let state = Rc::new(SourceState::default());
        state.readiness.set(initial);
        let key = self.sources.borrow_mut().insert(Rc::clone(&state));
        let token = (u64::from(key.generation) << 32) | u64::from(key.index);
        let interest = EpollFlags::EPOLLIN
            | EpollFlags::EPOLLOUT
            | EpollFlags::EPOLLRDHUP
            | EpollFlags::EPOLLET;
        if let Err(e) = self.epoll.add(fd, EpollEvent::new(interest, token)) {
            self.sources.borrow_mut().remove(key);
            return Err(e.into());
        }
        Ok((key, state))
    }

    /// Removes `fd` from the epoll set (before it is closed).
    fn deregister(&self, key: Key, fd: impl AsFd) {
        let _ = self.epoll.delete(fd);
        let removed = self.sources.borrow_mut().remove(key);
        drop(removed);
    }

    /// Waits for events (at most until `timeout`), sets readiness bits and
    /// appends the wakers to wake to `wake`. Returns `true` when the
    /// eventfd fired (another thread delivered wakers).
    pub(crate) fn poll(&self, timeout: PollTimeout, wake: &mut Vec<Waker>) -> io::Result<bool> {
        let epoll_timeout = match timeout {
            PollTimeout::Zero => EpollTimeout::ZERO,
            PollTimeout::Forever => EpollTimeout::NONE,
            PollTimeout::Until(deadline) => {
                let remaining = deadline.saturating_duration_since(Instant::now());
                if remaining.is_zero() {
                    EpollTimeout::ZERO
                } else {
                    if self.armed_for.get() != Some(deadline) {
                        // A zero TimeSpec would disarm; `remaining` is > 0.
                        self.timerfd.set(
                            Expiration::OneShot(TimeSpec::from_duration(remaining)),
                            TimerSetTimeFlags::empty(),
                        )?;
                        self.armed_for.set(Some(deadline));
                    }
                    EpollTimeout::NONE
                }
            }
        };
        let mut events = self.events.borrow_mut();
        let n = match self.epoll.wait(&mut events, epoll_timeout) {
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => 0,
            Err(e) => return Err(e.into()),
        };
        let mut woke_remote = false;
        let sources = self.sources.borrow();
        for event in &events[..n] {
            match event.data() {
                WAKE_TOKEN => woke_remote = true,
                TIMER_TOKEN => {
                    // Read the expiration count so the fd stops being
                    // readable; EAGAIN means a re-arm already reset it.
                    let mut count = [0u8; 8];
                    let _ = nix::unistd::read(&self.timerfd, &mut count);
                    self.armed_for.set(None);
                }
                token => {
                    let key = Key {
                        index: token as u32,
                        generation: (token >> 32) as u32,
                    };
                    let Some(state) = sources.get(key) else {
                        continue;
                    };
                    let flags = event.events();
                    let mut bits = 0;
                    if flags.intersects(
                        EpollFlags::EPOLLIN
                            | EpollFlags::EPOLLPRI
                            | EpollFlags::EPOLLRDHUP
                            | EpollFlags::EPOLLHUP
                            | EpollFlags::EPOLLERR,
                    ) {
                        bits |= READABLE;
                        wake.extend(state.reader.take());
                    }
                    if flags.intersects(
                        EpollFlags::EPOLLOUT | EpollFlags::EPOLLHUP | EpollFlags::EPOLLERR,
                    ) {
                        bits |= WRITABLE;
                        wake.extend(state.writer.take());
                    }
                    state.readiness.set(state.readiness.get() | bits);
                }
            }
        }
        Ok(woke_remote)
    }
}

/// An fd registered with the running loop's reactor; deregistered on drop.
///
/// Python equivalent: a socket plus the loop's `add_reader`/`add_writer`
/// bookkeeping for it.
pub(crate) struct Async<T: AsFd> {
    /// The loop whose reactor holds the fd: a socket dropped after its
    /// loop ended (or inside another loop) must not touch another loop's
    /// slab, where `key` may name a different fd.
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
    /// Registers `io` (already non-blocking) with the running loop.
    /// `initial` is the readiness assumed before epoll says anything.
    pub(crate) fn new(io: T, initial: u8) -> io::Result<Async<T>> {
        let (loop_id, key, state) = with_loop(|l| {
            l.reactor
                .register(io.as_fd(), initial)
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

    /// Ready in `direction` (a bit), or registers the waker and waits.
    pub(crate) fn poll_ready(&self, direction: u8, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.readiness.get() & direction != 0 {
            return Poll::Ready(());
        }
        let slot = if direction == READABLE {
            &self.state.reader
        } else {
            &self.state.writer
        };
        slot.set(Some(cx.waker().clone()));
        Poll::Pending
    }

    /// Runs `op` until it does not answer `EWOULDBLOCK`, waiting for
    /// readiness in `direction` in between.
    pub(crate) async fn io_op<R>(
        &self,
        direction: u8,
        mut op: impl FnMut(&T) -> io::Result<R>,
    ) -> io::Result<R> {
        loop {
            poll_fn(|cx| self.poll_ready(direction, cx)).await;
            match op(self.get_ref()) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.state
                        .readiness
                        .set(self.state.readiness.get() & !direction);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                result => return result,
            }
        }
    }
}

impl<T: AsFd> Async<T> {
    /// [`io_op`](Self::io_op) for reads and writes of `requested` bytes.
    /// A short transfer (`0 < n < requested`) means the kernel buffer was
    /// drained (read) or filled (write), so the readiness bit is cleared at
    /// once: the next call waits for epoll instead of spending a syscall to
    /// hear `EWOULDBLOCK`. Safe with edge-triggered epoll: bytes (or room)
    /// arriving after this transfer raise a new edge, delivered by the next
    /// `epoll_wait`. (tokio makes the same move.)
    pub(crate) async fn io_len(
        &self,
        direction: u8,
        requested: usize,
        mut op: impl FnMut(&T) -> io::Result<usize>,
    ) -> io::Result<usize> {
        let n = self.io_op(direction, &mut op).await?;
        if n > 0 && n < requested {
            self.state
                .readiness
                .set(self.state.readiness.get() & !direction);
        }
        Ok(n)
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
