//! Debug mode and the task timeline.
//!
//! **Debug mode** (Python: `asyncio.run(main(), debug=True)` or
//! `PYTHONASYNCIODEBUG=1`; here [`Config::debug`] or `ASYNCIO_DEBUG=1`):
//! every poll is timed, and one that holds the loop longer than
//! [`Config::slow_callback_duration`] (100 ms, asyncio's default) prints a
//! warning on stderr naming the task — the symptom of a blocking call
//! (`std::thread::sleep`, a CPU loop, blocking file I/O) inside a task:
//!
//! ```text
//! asyncio: Executing <Task 'cruncher'> took 0.153 seconds (slow_callback_duration = 0.100 s)
//! ```
//!
//! The warnings are also kept as data ([`SlowPoll`]), so a test can check
//! them without capturing stderr.
//!
//! **Timeline** ([`Config::record_timeline`]): every poll's start and end,
//! per task, relative to the loop's start — one [`TaskLane`] per task,
//! which a report can draw as swim lanes:
//!
//! ```text
//!   main     ▮              ▮
//!   Task-1    ▮   ▮▮▮▮        (a long poll: the loop is blocked)
//!   Task-2     ▮        ▮
//!            └──────────────▶ time
//! ```
//!
//! Neither costs anything when off: the loop checks one `bool` per poll.
//!
//! Needs: nothing but std.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How a loop is run: debug mode, its slow-poll threshold, the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Warn about slow polls (Python: `loop.set_debug(True)`).
    pub debug: bool,
    /// A poll longer than this is reported in debug mode (Python:
    /// `loop.slow_callback_duration`, default 0.1 s).
    pub slow_callback_duration: Duration,
    /// Record every poll's start and end per task.
    pub record_timeline: bool,
}

impl Config {
    /// Debug mode when `ASYNCIO_DEBUG` is set to anything but `""` or `"0"`
    /// (Python reads `PYTHONASYNCIODEBUG` the same way); no timeline.
    pub fn from_env() -> Config {
        let debug = std::env::var("ASYNCIO_DEBUG").is_ok_and(|v| !v.is_empty() && v != "0");
        Config {
            debug,
            slow_callback_duration: Duration::from_millis(100),
            record_timeline: false,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::from_env()
    }
}

/// One task's polls, for drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLane {
    /// The task's name (`main` for `run`'s future).
    pub name: String,
    /// `(start, end)` of each poll, measured from the loop's start.
    pub polls: Vec<(Duration, Duration)>,
}

/// Draws lanes as text, one row per task and `width` columns spanning the
/// run: `█` where the task was being polled during that slice of time,
/// `·` where it was not. A poll too short for a column still marks one,
/// so every poll is visible. (The compare report draws the same data as
/// SVG.)
///
/// ```
/// use asyncio::{render_timeline, TaskLane};
/// use std::time::Duration;
/// let ms = Duration::from_millis;
/// let lanes = vec![
///     TaskLane { name: "main".into(), polls: vec![(ms(0), ms(1)), (ms(9), ms(10))] },
///     TaskLane { name: "cruncher".into(), polls: vec![(ms(2), ms(8))] },
/// ];
/// let text = render_timeline(&lanes, 10);
/// assert_eq!(text, "main     █········█\ncruncher ··██████··\n");
/// ```
pub fn render_timeline(lanes: &[TaskLane], width: usize) -> String {
    let width = width.max(1);
    let span = lanes
        .iter()
        .flat_map(|l| l.polls.iter().map(|&(_, end)| end))
        .max()
        .unwrap_or_default()
        .as_secs_f64();
    let name_width = lanes
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0);
    let column = |t: Duration| {
        if span == 0.0 {
            0
        } else {
            ((t.as_secs_f64() / span * width as f64) as usize).min(width - 1)
        }
    };
    let mut out = String::new();
    for lane in lanes {
        let mut row = vec!['·'; width];
        for &(start, end) in &lane.polls {
            let (first, last) = (column(start), column(end));
            // A poll ending exactly on a column boundary does not spill
            // into the next column.
            let last = if last > first && end.as_secs_f64() / span * width as f64 == last as f64 {
                last - 1
            } else {
                last
            };
            for cell in &mut row[first..=last] {
                *cell = '█';
            }
        }
        out.push_str(&format!("{:name_width$} ", lane.name));
        out.extend(row);
        out.push('\n');
    }
    out
}

/// A poll that held the loop longer than `slow_callback_duration`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlowPoll {
    /// The task's name.
    pub task: String,
    /// How long the poll took.
    pub duration: Duration,
}

/// The loop's debug bookkeeping.
pub(crate) struct DebugState {
    /// The configuration this loop runs with.
    config: Config,
    /// When the loop started: the timeline's zero.
    start: Instant,
    /// Lanes in order of first poll.
    lanes: RefCell<Vec<TaskLane>>,
    /// Task number → index in `lanes`.
    lane_of: RefCell<HashMap<u64, usize>>,
    /// Slow polls seen so far.
    slow_polls: RefCell<Vec<SlowPoll>>,
}

impl DebugState {
    /// Bookkeeping for a loop run with `config`.
    pub(crate) fn new(config: Config) -> DebugState {
        DebugState {
            config,
            start: Instant::now(),
            lanes: RefCell::new(Vec::new()),
            lane_of: RefCell::new(HashMap::new()),
            slow_polls: RefCell::new(Vec::new()),
        }
    }

    /// True when polls must be timed.
    #[inline]
    pub(crate) fn instrumented(&self) -> bool {
        self.config.debug || self.config.record_timeline
    }

    /// Runs one poll, timing it and recording what the config asks for.
    pub(crate) fn timed<R>(
        &self,
        task_number: u64,
        name: impl FnOnce() -> String,
        poll: impl FnOnce() -> R,
    ) -> R {
        let begin = Instant::now();
        let result = poll();
        let end = Instant::now();
        let took = end - begin;
        let slow = self.config.debug && took > self.config.slow_callback_duration;
        if slow || self.config.record_timeline {
            let name = name();
            if slow {
                eprintln!(
                    "asyncio: Executing <Task '{name}'> took {:.3} seconds (slow_callback_duration = {:.3} s)",
                    took.as_secs_f64(),
                    self.config.slow_callback_duration.as_secs_f64()
                );
                self.slow_polls.borrow_mut().push(SlowPoll {
                    task: name.clone(),
                    duration: took,
                });
            }
            if self.config.record_timeline {
                let mut lanes = self.lanes.borrow_mut();
                let index = *self
                    .lane_of
                    .borrow_mut()
                    .entry(task_number)
                    .or_insert_with(|| {
                        lanes.push(TaskLane {
                            name,
                            polls: Vec::new(),
                        });
                        lanes.len() - 1
                    });
                lanes[index]
                    .polls
                    .push((begin - self.start, end - self.start));
            }
        }
        result
    }

    /// Takes the recorded lanes and slow polls.
    pub(crate) fn take(&self) -> (Vec<TaskLane>, Vec<SlowPoll>) {
        (
            std::mem::take(&mut *self.lanes.borrow_mut()),
            std::mem::take(&mut *self.slow_polls.borrow_mut()),
        )
    }
}
