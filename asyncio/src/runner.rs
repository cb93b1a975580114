//! `run` and `Runner`: create a loop, drive a future to completion, cancel
//! what is left, tear the loop down.
//!
//! ```text
//!   run(main) ─▶ new loop (epoll, eventfd, timerfd) ─▶ install as current
//!             ─▶ ticks until main is ready ─▶ cancel every remaining task
//!             ─▶ uninstall ─▶ close fds ─▶ Ok(main's output)
//! ```
//!
//! `run`'s main future is polled by the loop like a task but lives on
//! `run`'s stack, not in the task slab: a panic in it is not caught, it
//! unwinds out of `run` (as an exception escapes `asyncio.run`). Tasks
//! still running when main returns are cancelled — their futures dropped —
//! before `run` returns, as `asyncio.run` cancels them.
//!
//! Python equivalent: `asyncio.run` and `asyncio.Runner` (3.11).
//! Simplification: a `Runner` creates a fresh loop for every `run` call;
//! Python's `Runner` keeps one loop open across calls until `close()`.
//!
//! Needs: `event_loop.rs`, `context.rs`, `debug.rs`, `error.rs`.

use crate::context;
use crate::debug::{Config, DebugState, SlowPoll, TaskLane};
use crate::error::Error;
use crate::event_loop::EventLoop;
use std::future::Future;

/// Runs `main` on a new event loop until it completes, then cancels every
/// task still running and closes the loop (Python: `asyncio.run(main())`).
/// Debug mode follows `ASYNCIO_DEBUG` (see [`Config::from_env`]).
///
/// # Errors
/// [`Error::NestedRun`] when called from inside a running loop;
/// [`Error::Io`] when the loop's epoll/eventfd/timerfd cannot be created
/// or `epoll_wait` fails.
///
/// # Panics
/// When `main` itself panics (tasks' panics are caught per task).
pub fn run<F: Future>(main: F) -> Result<F::Output, Error> {
    Runner::new(Config::from_env()).run(main)
}

/// A loop runner with an explicit [`Config`], which keeps the timeline and
/// slow-poll reports of its last run (Python: `asyncio.Runner(debug=...)`).
#[derive(Debug)]
pub struct Runner {
    /// How loops are run.
    config: Config,
    /// Lanes recorded by the last run.
    timeline: Vec<TaskLane>,
    /// Slow polls seen by the last run.
    slow_polls: Vec<SlowPoll>,
}

impl Runner {
    /// A runner with `config`.
    pub fn new(config: Config) -> Runner {
        Runner {
            config,
            timeline: Vec::new(),
            slow_polls: Vec::new(),
        }
    }

    /// Like [`run`], with this runner's config; keeps the reports.
    ///
    /// # Errors
    /// As [`run`].
    pub fn run<F: Future>(&mut self, main: F) -> Result<F::Output, Error> {
        if context::is_running() {
            return Err(Error::NestedRun);
        }
        let event_loop = EventLoop::new(DebugState::new(self.config.clone()))?;
        // `main` and every leftover task are dropped inside `run`, while
        // the loop is still current.
        let output = context::enter(&event_loop, || event_loop.run(main));
        let (timeline, slow_polls) = event_loop.debug.take();
        self.timeline = timeline;
        self.slow_polls = slow_polls;
        Ok(output?)
    }

    /// Every task's polls in the last run, when `record_timeline` was on.
    pub fn timeline(&self) -> &[TaskLane] {
        &self.timeline
    }

    /// Polls that took longer than `slow_callback_duration` in the last
    /// run, when `debug` was on.
    pub fn slow_polls(&self) -> &[SlowPoll] {
        &self.slow_polls
    }
}
