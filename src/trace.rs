//! Chrome trace-event files for the main job's own timelines (the pool's
//! workers, the event loop's tasks), beside their SVGs.
//!
//! The format is the one `threading::timeline::trace` writes for MiniPy
//! threads — a `traceEvents` array of metadata events naming each track and
//! one complete event (`"ph": "X"`, `ts` and `dur` in microseconds) per
//! span — so all three `timeline-*.trace.json` files open alike in Perfetto
//! or `chrome://tracing`. Written with `serde_json` here; the threading
//! crate writes its own by hand because it has no dependencies.
//!
//! | file | tracks |
//! |---|---|
//! | `timeline-threading.trace.json` | one per MiniPy thread (running, waiting for the GIL, blocked) |
//! | `timeline-multiprocessing.trace.json` | one process per pool worker, its pid as in `ps` (computing, waiting) |
//! | `timeline-asyncio.trace.json` | one process (the loop), one track per task (polled) |

use crate::svg::Lane;
use serde_json::{json, Value};

/// How lanes map to the viewer's processes and threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout<'a> {
    /// Every lane is a process of its own, with `pids[i]` as its pid (a
    /// pool's workers).
    ProcessPerLane(&'a [u32]),
    /// Every lane is a thread-like track of one process so named (an event
    /// loop's tasks).
    OneProcess(&'a str),
}

/// The lanes as a trace-event JSON document; `kinds` names each span kind
/// (the SVG's legend).
pub fn lanes_json(lanes: &[Lane], kinds: &[&str], layout: Layout) -> String {
    let mut events: Vec<Value> = Vec::new();
    if let Layout::OneProcess(name) = layout {
        events.push(
            json!({"ph": "M", "name": "process_name", "pid": 1, "tid": 0,
                           "args": {"name": name}}),
        );
    }
    for (index, lane) in lanes.iter().enumerate() {
        let (pid, tid) = match layout {
            Layout::ProcessPerLane(pids) => {
                let pid = pids.get(index).copied().unwrap_or(index as u32 + 1);
                events.push(
                    json!({"ph": "M", "name": "process_name", "pid": pid, "tid": 0,
                                   "args": {"name": lane.name}}),
                );
                (pid, pid)
            }
            Layout::OneProcess(_) => (1, index as u32 + 1),
        };
        events.push(
            json!({"ph": "M", "name": "thread_name", "pid": pid, "tid": tid,
                           "args": {"name": lane.name}}),
        );
        events.push(
            json!({"ph": "M", "name": "thread_sort_index", "pid": pid, "tid": tid,
                           "args": {"sort_index": index + 1}}),
        );
        for &(start, end, kind) in &lane.spans {
            events.push(json!({
                "ph": "X",
                "name": kinds.get(kind).copied().unwrap_or("?"),
                "pid": pid,
                "tid": tid,
                "ts": start * 1e6,
                "dur": (end - start).max(0.0) * 1e6,
            }));
        }
    }
    json!({"displayTimeUnit": "ms", "traceEvents": events}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lanes() -> Vec<Lane> {
        vec![
            Lane {
                name: "task-0".into(),
                spans: vec![(0.0, 0.02, 0), (0.04, 0.06, 0)],
            },
            Lane {
                name: "task-1".into(),
                spans: vec![(0.02, 0.04, 1)],
            },
        ]
    }

    #[test]
    fn one_process_holds_a_track_per_lane() {
        let text = lanes_json(&lanes(), &["polled", "waiting"], Layout::OneProcess("loop"));
        let doc: Value = serde_json::from_str(&text).expect("valid JSON");
        let events = doc["traceEvents"].as_array().expect("events");
        let spans: Vec<&Value> = events.iter().filter(|e| e["ph"] == "X").collect();
        assert_eq!(spans.len(), 3);
        assert!(spans.iter().all(|e| e["pid"] == 1));
        assert_eq!(spans[2]["tid"], 2);
        assert_eq!(spans[2]["name"], "waiting");
        assert!((spans[1]["ts"].as_f64().unwrap_or(0.0) - 40_000.0).abs() < 1e-6);
    }

    #[test]
    fn a_pool_gets_a_process_per_worker_with_its_pid() {
        let text = lanes_json(
            &lanes(),
            &["computing"],
            Layout::ProcessPerLane(&[4242, 4243]),
        );
        let doc: Value = serde_json::from_str(&text).expect("valid JSON");
        let names: Vec<(&Value, &Value)> = doc["traceEvents"]
            .as_array()
            .expect("events")
            .iter()
            .filter(|e| e["name"] == "process_name")
            .map(|e| (&e["pid"], &e["args"]["name"]))
            .collect();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].0, 4242);
        assert_eq!(names[1].1, "task-1");
    }
}
