//! # GIL timelines: who ran, who waited, who was blocked, and when
//!
//! Beazley's GIL talks drew one horizontal lane per thread: green while it
//! runs Python code holding the GIL, red while it waits for the GIL, grey
//! while it sits in a blocking call. This module records exactly that.
//!
//! ```text
//!   MainThread  ████████░░░░░░░░████████░░░░░░░░████████     █ Running
//!   Thread-1    ░░░░░░░░████████░░░░░░░░████████░░░░░░░░     ░ WaitingForGil
//!   Thread-2    ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒     ▒ Blocked (sleep, join, ...)
//!               0 ms          5 ms          10 ms
//! ```
//!
//! ## How to read a timeline (`minipy --timeline out.svg`)
//! - **Colours.** Green: the thread holds the GIL and runs bytecode. Red:
//!   it wants the GIL and waits (in `take`, or after a forced drop). Grey:
//!   it is in a blocking call with the GIL released (`time.sleep`,
//!   `Lock.acquire`, `Queue.get`, `Thread.join`, ...). No colour: not
//!   started yet, or finished.
//! - **Columns.** Each pixel column shows the state the thread spent most
//!   of that slice of time in; the thin strip along a lane's bottom edge
//!   shows the runner-up, so a 20 µs switch inside a mostly green column
//!   still leaves a red mark.
//! - **Two CPU-bound threads, new GIL (3.2–3.12):** blocks of green and red
//!   that alternate every switch interval (5 ms): one runs, the other waits
//!   — the GIL at work, and why the pair is no faster than one thread.
//! - **Two CPU-bound threads, old GIL (2.7):** long green stretches broken by
//!   a flicker of handoffs; the waiting lane stays red far longer than 5 ms,
//!   because the releasing thread keeps winning the race to re-acquire.
//! - **Convoy effect:** an I/O thread beside a CPU-bound one is a red lane
//!   with green and grey ticks: every time its I/O finishes it must wait up
//!   to a whole switch interval for the GIL back.
//! - **Free-threaded (3.13t):** green lanes overlapping in time, no red.
//!
//! ## How it records without perturbing the run
//! - Each thread owns a `LaneRecorder` inside its `ThreadState`: a plain
//!   `Vec<Span>`, no lock, no atomic. It is handed to the `Gil` once, when
//!   the thread unregisters (the only shared lock, taken once per thread).
//! - A transition costs one `Instant::now()` and at most one `push`, and
//!   happens only on the GIL's slow paths (a real wait, a forced switch, a
//!   blocking call), never per bytecode instruction. A re-take that finds
//!   the GIL free records nothing at all.
//! - Adjacent spans in the same state are merged, and a lane that grows past
//!   [`MAX_SPANS_PER_LANE`] is coarsened (spans shorter than a doubling
//!   resolution are folded into their neighbour), so memory and the SVG stay
//!   bounded however long the run. The SVG itself is drawn at pixel
//!   resolution (see [`svg`]).
//!
//! Depends on std only; [`svg`] turns a [`Timeline`] into a picture, and
//! [`trace`] into a Chrome trace-event file for Perfetto or
//! `chrome://tracing` (`minipy --trace out.trace.json`).

pub mod svg;
pub mod trace;

use std::time::{Duration, Instant};

/// What a thread was doing during a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LaneState {
    /// Holding the GIL and executing bytecode (or, free-threaded, just running).
    Running,
    /// Wanting the GIL and not having it: in `take`, or dropped on request
    /// and waiting for the switch.
    WaitingForGil,
    /// In a blocking call wrapped by `Gil::blocking` (sleep, lock acquire,
    /// queue get, join, ...), GIL released.
    Blocked,
}

impl LaneState {
    /// Every state, in legend order.
    pub const ALL: [LaneState; 3] = [
        LaneState::Running,
        LaneState::WaitingForGil,
        LaneState::Blocked,
    ];

    /// A short human label (used by the SVG legend).
    pub fn label(self) -> &'static str {
        match self {
            LaneState::Running => "running (holds the GIL)",
            LaneState::WaitingForGil => "waiting for the GIL",
            LaneState::Blocked => "blocked (GIL released)",
        }
    }
}

/// One stretch of time a thread spent in one [`LaneState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start, measured from the `Gil`'s creation (interpreter start).
    pub start: Duration,
    /// End, measured from the same origin; `end >= start`.
    pub end: Duration,
    /// What the thread was doing.
    pub state: LaneState,
}

/// All the spans of one thread, in time order, non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// The thread's name (`MainThread`, `Thread-1`, ...).
    pub thread: String,
    /// Its spans; gaps are times the thread was not registered or had
    /// released the GIL outside `blocking` (for example after it ended).
    pub spans: Vec<Span>,
}

/// The recorded run: one lane per thread, in registration order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// One lane per thread that unregistered with recording on.
    pub lanes: Vec<Lane>,
}

impl Timeline {
    /// The end of the last span of any lane (zero for an empty timeline).
    pub fn duration(&self) -> Duration {
        self.lanes
            .iter()
            .filter_map(|lane| lane.spans.last())
            .map(|span| span.end)
            .max()
            .unwrap_or(Duration::ZERO)
    }

    /// Total time `thread`'s lane spent in `state` (zero if no such lane).
    pub fn total(&self, thread: &str, state: LaneState) -> Duration {
        self.lanes
            .iter()
            .filter(|lane| lane.thread == thread)
            .flat_map(|lane| &lane.spans)
            .filter(|span| span.state == state)
            .map(|span| span.end - span.start)
            .sum()
    }

    /// Draws the timeline as a self-contained SVG document (see [`svg`]).
    pub fn to_svg(&self, title: &str) -> String {
        svg::render(self, title)
    }

    /// Writes the timeline as Chrome trace-event JSON, one track per
    /// thread (see [`trace`]).
    pub fn to_trace_json(&self, process_name: &str) -> String {
        trace::render(self, process_name)
    }
}

/// Past this many spans a lane is coarsened (see the module notes).
pub const MAX_SPANS_PER_LANE: usize = 1 << 16;

/// Two same-state spans closer than this are merged as they are recorded.
const MERGE_GAP: Duration = Duration::from_micros(1);

/// One thread's private span buffer, owned by its `ThreadState`.
#[derive(Debug, Clone)]
pub(crate) struct LaneRecorder {
    /// Off: every method returns at once without reading the clock.
    enabled: bool,
    /// The `Gil`'s creation instant: spans are measured from here.
    epoch: Instant,
    /// The state the thread is in now and since when; `None` while idle.
    current: Option<(LaneState, Instant)>,
    /// Closed spans, in time order.
    spans: Vec<Span>,
    /// Spans shorter than this were folded by coarsening (starts at zero).
    resolution: Duration,
}

impl LaneRecorder {
    /// A recorder measuring from `epoch`; records only if `enabled`.
    pub(crate) fn new(enabled: bool, epoch: Instant) -> LaneRecorder {
        LaneRecorder {
            enabled,
            epoch,
            current: None,
            spans: Vec::new(),
            resolution: Duration::ZERO,
        }
    }

    /// Whether this recorder keeps spans at all.
    #[inline]
    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// The state the thread is in now, if any.
    #[inline]
    pub(crate) fn current(&self) -> Option<LaneState> {
        self.current.map(|(state, _)| state)
    }

    /// Switches to `state` at `at` (closing the current span); a no-op when
    /// recording is off or the thread already is in `state`.
    pub(crate) fn enter(&mut self, state: LaneState, at: Instant) {
        if !self.enabled || self.current() == Some(state) {
            return;
        }
        self.close(at);
        self.current = Some((state, at));
    }

    /// Like [`enter`](Self::enter) at the current time, but reads the clock
    /// only if a transition actually happens.
    #[inline]
    pub(crate) fn enter_now(&mut self, state: LaneState) {
        if self.enabled && self.current() != Some(state) {
            self.enter(state, Instant::now());
        }
    }

    /// Closes the current span at `at`; the thread is idle afterwards.
    pub(crate) fn leave(&mut self, at: Instant) {
        if self.enabled {
            self.close(at);
        }
    }

    /// Closes the current span (if any) at `at` and appends it.
    fn close(&mut self, at: Instant) {
        let Some((state, since)) = self.current.take() else {
            return;
        };
        let start = since.saturating_duration_since(self.epoch);
        let end = at.saturating_duration_since(self.epoch).max(start);
        if let Some(last) = self.spans.last_mut() {
            if last.state == state && start.saturating_sub(last.end) <= MERGE_GAP {
                last.end = end;
                return;
            }
        }
        self.spans.push(Span { start, end, state });
        if self.spans.len() >= MAX_SPANS_PER_LANE {
            self.coarsen();
        }
    }

    /// Halves (at least) the span count by folding short spans into their
    /// predecessor, doubling the resolution until it fits.
    fn coarsen(&mut self) {
        while self.spans.len() > MAX_SPANS_PER_LANE / 2 {
            self.resolution = (self.resolution * 2).max(MERGE_GAP * 2);
            self.spans = fold_short_spans(&self.spans, self.resolution);
        }
    }

    /// Closes any open span now and hands the spans over as a [`Lane`].
    pub(crate) fn finish(mut self, thread: &str) -> Option<Lane> {
        if !self.enabled {
            return None;
        }
        self.close(Instant::now());
        Some(Lane {
            thread: thread.to_owned(),
            spans: self.spans,
        })
    }
}

/// Merges neighbours in the same state closer than `resolution`, and folds
/// spans shorter than `resolution` into the span before them.
fn fold_short_spans(spans: &[Span], resolution: Duration) -> Vec<Span> {
    let mut folded: Vec<Span> = Vec::with_capacity(spans.len() / 2 + 1);
    for &span in spans {
        match folded.last_mut() {
            Some(last)
                if (last.state == span.state
                    && span.start.saturating_sub(last.end) <= resolution)
                    || span.end - span.start < resolution =>
            {
                last.end = span.end;
            }
            _ => folded.push(span),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorder_merges_and_closes_spans() {
        let epoch = Instant::now();
        let at = |micros| epoch + Duration::from_micros(micros);
        let mut recorder = LaneRecorder::new(true, epoch);
        recorder.enter(LaneState::Running, at(0));
        recorder.enter(LaneState::Running, at(5)); // same state: no new span
        recorder.enter(LaneState::WaitingForGil, at(10));
        recorder.enter(LaneState::Running, at(30));
        recorder.leave(at(40));
        recorder.enter(LaneState::Running, at(40)); // contiguous: merged
        recorder.leave(at(50));
        let lane = recorder.finish("T").unwrap();
        let micros = |d: Duration| d.as_micros();
        let got: Vec<_> = lane
            .spans
            .iter()
            .map(|s| (micros(s.start), micros(s.end), s.state))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 10, LaneState::Running),
                (10, 30, LaneState::WaitingForGil),
                (30, 50, LaneState::Running)
            ]
        );
    }

    #[test]
    fn disabled_recorder_keeps_nothing() {
        let mut recorder = LaneRecorder::new(false, Instant::now());
        recorder.enter_now(LaneState::Running);
        assert_eq!(recorder.current(), None);
        assert!(recorder.finish("T").is_none());
    }

    #[test]
    fn long_runs_are_coarsened_to_a_bounded_size() {
        let epoch = Instant::now();
        let mut recorder = LaneRecorder::new(true, epoch);
        for i in 0..(3 * MAX_SPANS_PER_LANE as u64) {
            let state = if i % 2 == 0 {
                LaneState::Running
            } else {
                LaneState::Blocked
            };
            recorder.enter(state, epoch + Duration::from_micros(10 * i));
        }
        let lane = recorder.finish("T").unwrap();
        assert!(
            lane.spans.len() <= MAX_SPANS_PER_LANE,
            "{}",
            lane.spans.len()
        );
        assert!(lane.spans.windows(2).all(|w| w[0].end <= w[1].start));
        let last = lane.spans.last().unwrap();
        assert!(last.end >= Duration::from_micros(10 * (3 * MAX_SPANS_PER_LANE as u64 - 1)));
    }
}
