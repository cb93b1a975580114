//! # Writing a [`Timeline`] as a Chrome trace-event file
//!
//! The SVG is a picture; a trace file is something to explore. The Chrome
//! trace-event format (a JSON object with a `traceEvents` array) opens in
//! Perfetto (<https://ui.perfetto.dev>, "Open trace file") and in
//! `chrome://tracing`, which zoom to a single switch interval, measure a
//! span by clicking it, and search spans by name.
//!
//! ```text
//!   {"displayTimeUnit": "ms", "traceEvents": [
//!     {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "minipy prog.py"}},
//!     {"ph": "M", "name": "thread_name",  "pid": 1, "tid": 1, "args": {"name": "MainThread"}},
//!     {"ph": "X", "name": "running (holds the GIL)", "pid": 1, "tid": 1,
//!      "ts": 0.000, "dur": 5012.345},            ← one complete event per span
//!     ...
//!   ]}
//! ```
//!
//! - One *track* per thread: metadata events name it (`thread_name`) and
//!   keep registration order (`thread_sort_index`); `tid` is the lane's
//!   position, counted from 1.
//! - One complete event (`"ph": "X"`) per [`Span`](super::Span): its name is
//!   the state's label, `ts` and `dur` in microseconds from the
//!   interpreter's start (fractional, so nanoseconds survive), and `cname`
//!   one of the viewer's reserved colours (green `good` for running, red
//!   `terrible` for waiting for the GIL, `grey` for blocked) so the trace
//!   reads like the SVG.
//!
//! Written by hand rather than with a JSON crate: the threading crate has
//! no dependencies, and the format needs only objects, numbers and escaped
//! strings.
//!
//! Python equivalent: none in the standard library; `viztracer` writes the
//! same format for CPython programs.

use std::fmt::Write as _;

use super::{LaneState, Timeline};

/// The trace viewer's reserved colour name for a state.
fn cname(state: LaneState) -> &'static str {
    match state {
        LaneState::Running => "good",
        LaneState::WaitingForGil => "terrible",
        LaneState::Blocked => "grey",
    }
}

/// `text` as a JSON string literal, quotes included.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The timeline as a trace-event JSON document; `process_name` names the
/// one process all thread tracks belong to.
pub fn render(timeline: &Timeline, process_name: &str) -> String {
    let mut events: Vec<String> = Vec::new();
    events.push(format!(
        r#"{{"ph":"M","name":"process_name","pid":1,"tid":0,"args":{{"name":{}}}}}"#,
        json_string(process_name)
    ));
    for (index, lane) in timeline.lanes.iter().enumerate() {
        let tid = index + 1;
        events.push(format!(
            r#"{{"ph":"M","name":"thread_name","pid":1,"tid":{tid},"args":{{"name":{}}}}}"#,
            json_string(&lane.thread)
        ));
        events.push(format!(
            r#"{{"ph":"M","name":"thread_sort_index","pid":1,"tid":{tid},"args":{{"sort_index":{tid}}}}}"#
        ));
        for span in &lane.spans {
            let ts = span.start.as_nanos() as f64 / 1e3;
            let dur = (span.end - span.start).as_nanos() as f64 / 1e3;
            events.push(format!(
                r#"{{"ph":"X","name":{},"cat":"gil","cname":"{}","pid":1,"tid":{tid},"ts":{ts:.3},"dur":{dur:.3}}}"#,
                json_string(span.state.label()),
                cname(span.state)
            ));
        }
    }
    let mut out = String::from("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
    out.push_str(&events.join(",\n"));
    out.push_str("\n]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Lane, Span};
    use std::time::Duration;

    #[test]
    fn strings_are_escaped_for_json() {
        assert_eq!(json_string("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
        assert_eq!(json_string("Thread-1 ☃"), "\"Thread-1 ☃\"");
    }

    #[test]
    fn one_track_per_thread_and_one_event_per_span() {
        let span = |start, end, state| Span {
            start: Duration::from_micros(start),
            end: Duration::from_micros(end),
            state,
        };
        let timeline = Timeline {
            lanes: vec![
                Lane {
                    thread: "MainThread".into(),
                    spans: vec![
                        span(0, 5_000, LaneState::Running),
                        span(5_000, 7_500, LaneState::Blocked),
                    ],
                },
                Lane {
                    thread: "Thread-1".into(),
                    spans: vec![span(0, 5_000, LaneState::WaitingForGil)],
                },
            ],
        };
        let json = render(&timeline, "minipy t.py");
        assert!(json.starts_with("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["));
        assert_eq!(json.matches(r#""name":"thread_name""#).count(), 2);
        assert_eq!(json.matches(r#""ph":"X""#).count(), 3);
        assert!(json.contains(r#""ts":5000.000,"dur":2500.000"#), "{json}");
        assert!(json.contains(r#""args":{"name":"Thread-1"}"#));
    }
}
