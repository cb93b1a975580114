//! The reactor: one epoll set, per-fd readiness, a timerfd for precise
//! timeouts and the eventfd other threads write to.
//!
//! ```text
//!   epoll set ──┬── eventfd   (token WAKE)   another thread called wake()
//!               ├── timerfd   (token TIMER)  the nearest timer is due
//!               ├── socket A  (token = slab key of A's SourceState)
//!               └── socket B  ...
//!
//!   SourceState { readable, writable: ready flags; reader, writer: waiting wakers }
//! ```
//!
//! **Per-fd interest, edge-triggered.** Each fd is added once with
//! `EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET`. When epoll reports an edge the
//! reactor sets the fd's ready flag for that [`Direction`] and wakes the
//! task waiting in it. A task reads until the kernel says `EWOULDBLOCK`;
//! only then does it clear the flag and wait (see `net/source.rs`). Because events are
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
//! The reactor knows no loop and no task: it holds an epoll set and hands
//! back wakers. Which reactor a socket registers with is decided above it
//! (`net/source.rs` asks `context.rs` for the running loop's).
//!
//! Python equivalent: `selectors.EpollSelector` plus the loop's self-pipe
//! (`_write_to_self`).
//!
//! Needs: `slab.rs` and `nix` (epoll, timerfd, eventfd).

use crate::slab::{Key, Slab};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::eventfd::EventFd;
use nix::sys::time::TimeSpec;
use nix::sys::timerfd::{ClockId, Expiration, TimerFd, TimerFlags, TimerSetTimeFlags};
use std::cell::{Cell, RefCell};
use std::io;
use std::os::fd::AsFd;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// Token of the eventfd in the epoll set.
const WAKE_TOKEN: u64 = u64::MAX;
/// Token of the timerfd in the epoll set.
const TIMER_TOKEN: u64 = u64::MAX - 1;

/// The two ways a task waits on an fd.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Waiting until a read will not block (data, EOF or an error waits).
    Read,
    /// Waiting until a write will not block (buffer space, or an error).
    Write,
}

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

/// The readiness and waiters of one registered fd. 40 bytes: two flags
/// and two optional wakers (see the module doc for why flags are cached).
#[derive(Default)]
pub(crate) struct SourceState {
    /// A read will not block: set by an epoll edge, cleared on EWOULDBLOCK.
    readable: Cell<bool>,
    /// A write will not block: set by an epoll edge, cleared on EWOULDBLOCK.
    writable: Cell<bool>,
    /// The task waiting to read.
    reader: Cell<Option<Waker>>,
    /// The task waiting to write.
    writer: Cell<Option<Waker>>,
}

impl SourceState {
    /// The ready flag of `direction`.
    fn flag(&self, direction: Direction) -> &Cell<bool> {
        match direction {
            Direction::Read => &self.readable,
            Direction::Write => &self.writable,
        }
    }

    /// True while an operation in `direction` is not known to block.
    #[inline]
    pub(crate) fn is_ready(&self, direction: Direction) -> bool {
        self.flag(direction).get()
    }

    /// Forgets readiness in `direction`: the kernel said (or a short
    /// transfer implied) that the next operation would block.
    #[inline]
    pub(crate) fn clear_ready(&self, direction: Direction) {
        self.flag(direction).set(false);
    }

    /// Ready in `direction`, or registers the waker and waits for the
    /// next epoll edge (one waiter per direction: a second one replaces
    /// the first).
    pub(crate) fn poll_ready(&self, direction: Direction, cx: &mut Context<'_>) -> Poll<()> {
        if self.is_ready(direction) {
            return Poll::Ready(());
        }
        let slot = match direction {
            Direction::Read => &self.reader,
            Direction::Write => &self.writer,
        };
        slot.set(Some(cx.waker().clone()));
        Poll::Pending
    }
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

    /// Adds `fd` to the epoll set, assumed ready at once in the directions
    /// of `ready_at_start` (a freshly accepted socket can take writes).
    /// The fd's slot is reserved first, so its key is its epoll token.
    pub(crate) fn register(
        &self,
        fd: impl AsFd,
        ready_at_start: &[Direction],
    ) -> io::Result<(Key, Rc<SourceState>)> {
        let state = Rc::new(SourceState::default());
        for &direction in ready_at_start {
            state.flag(direction).set(true);
        }
        let mut sources = self.sources.borrow_mut();
        let entry = sources.vacant_entry();
        let key = entry.key();
        let token = (u64::from(key.generation) << 32) | u64::from(key.index);
        let interest = EpollFlags::EPOLLIN
            | EpollFlags::EPOLLOUT
            | EpollFlags::EPOLLRDHUP
            | EpollFlags::EPOLLET;
        // A failed add leaves the reserved slot unused: nothing to undo.
        self.epoll.add(fd, EpollEvent::new(interest, token))?;
        entry.insert(Rc::clone(&state));
        Ok((key, state))
    }

    /// Removes `fd` from the epoll set (before it is closed).
    pub(crate) fn deregister(&self, key: Key, fd: impl AsFd) {
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
                    if flags.intersects(
                        EpollFlags::EPOLLIN
                            | EpollFlags::EPOLLPRI
                            | EpollFlags::EPOLLRDHUP
                            | EpollFlags::EPOLLHUP
                            | EpollFlags::EPOLLERR,
                    ) {
                        state.readable.set(true);
                        wake.extend(state.reader.take());
                    }
                    if flags.intersects(
                        EpollFlags::EPOLLOUT | EpollFlags::EPOLLHUP | EpollFlags::EPOLLERR,
                    ) {
                        state.writable.set(true);
                        wake.extend(state.writer.take());
                    }
                }
            }
        }
        Ok(woke_remote)
    }
}
