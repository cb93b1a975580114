//! One table row: the sequential reference (the baseline every speed-up is
//! computed against, for native and I/O cells) plus the two columns.

use crate::cell::Outcome;
use crate::oracle;
use common::workload::{Entry, Workload};
use common::{EchoServer, EchoSpec, SleepSpec};
use serde::Serialize;
use std::time::{Duration, Instant};

/// At most this many sleepers or echo connections run in the sequential
/// reference; a larger workload's time is extrapolated linearly from them.
/// Sequential work is linear by construction (one wait after another), and
/// the I/O verdicts compare wall times, which all share this one baseline;
/// the extrapolation only keeps a 10,000-wait reference from taking
/// seconds. The size column says when it was used.
pub const SEQUENTIAL_SAMPLE: usize = 1_000;
/// The same bound for echo connections (each makes several round trips).
pub const SEQUENTIAL_ECHO_SAMPLE: usize = 25;

/// One measured row.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The workload's catalogue name.
    pub workload: String,
    /// `cpu`, `io_low` or `io_high`.
    pub class: &'static str,
    /// What the seed's table recommends for this class.
    pub seed_verdict: &'static str,
    /// What the verdict rule concludes from the Rust column.
    pub verdict: Option<&'static str>,
    /// What the verdict rule concludes from the CPython column alone.
    pub cpython_verdict: Option<&'static str>,
    /// A short description of the instance's size.
    pub size: String,
    /// Wall time of the sequential reference, in seconds.
    pub wall_s: f64,
    /// `Ok(result)` when the result matched its oracle, else what differed.
    #[serde(serialize_with = "serialize_check")]
    pub check: Result<String, String>,
    /// The Rust column: one cell per model, or why it was skipped.
    pub rust: Vec<Outcome>,
    /// The CPython column: one cell per Python model, or why it was skipped.
    pub cpython: Vec<Outcome>,
}

fn serialize_check<S: serde::Serializer>(
    check: &Result<String, String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match check {
        Ok(_) => s.serialize_str("ok"),
        Err(why) => s.serialize_str(&format!("FAILED: {why}")),
    }
}

/// Runs the entry's sequential reference once, timed, and checks its result.
pub fn measure(entry: &Entry) -> Row {
    let (size, wall, check) = match entry.workload {
        Workload::Cpu(task) => {
            let start = Instant::now();
            let got = task.run();
            let wall = start.elapsed();
            let want = oracle::cpu(&task);
            let check = if got == want {
                Ok(got.to_string())
            } else {
                Err(format!("got {got}, oracle says {want}"))
            };
            (task.minipy_call(), wall, check)
        }
        Workload::Sleep(full) => {
            let spec = SleepSpec {
                tasks: full.tasks.min(SEQUENTIAL_SAMPLE),
                ..full
            };
            let start = Instant::now();
            let ids = spec.run_sequential();
            let wall = start.elapsed();
            let floor = spec.latency * spec.tasks as u32;
            let check = if ids != spec.expected() {
                Err("task ids lost, duplicated or reordered".to_owned())
            } else if wall < floor {
                Err(format!(
                    "finished in {wall:?}, under the {floor:?} of sleeping"
                ))
            } else {
                Ok(format!("{} ids", ids.len()))
            };
            let mut size = format!("{} × {:?}", full.tasks, full.latency);
            if spec.tasks < full.tasks {
                size.push_str(&format!(" (sequential: {} timed, scaled)", spec.tasks));
            }
            (size, scale(wall, spec.tasks, full.tasks), check)
        }
        Workload::Echo {
            spec: full,
            server_latency,
        } => {
            let spec = EchoSpec {
                connections: full.connections.min(SEQUENTIAL_ECHO_SAMPLE),
                ..full
            };
            let mut size = format!(
                "{} conns × {} reqs × {} B, {:?}/reply",
                full.connections, full.requests, full.payload, server_latency
            );
            if spec.connections < full.connections {
                size.push_str(&format!(
                    " (sequential: {} timed, scaled)",
                    spec.connections
                ));
            }
            match EchoServer::with_latency(server_latency) {
                Ok(server) => {
                    let start = Instant::now();
                    let got = spec.run_sequential(server.addr());
                    let wall = scale(start.elapsed(), spec.connections, full.connections);
                    let check = match got {
                        Ok(d) if d == spec.expected_digest() => Ok(format!("digest {d:016x}")),
                        Ok(d) => Err(format!("digest {d:016x} differs")),
                        Err(e) => Err(format!("i/o error: {e}")),
                    };
                    (size, wall, check)
                }
                Err(e) => (size, Duration::ZERO, Err(format!("no loopback: {e}"))),
            }
        }
    };
    Row {
        workload: entry.name.clone(),
        class: entry.class.as_str(),
        seed_verdict: entry.class.seed_verdict(),
        verdict: None,
        cpython_verdict: None,
        size,
        wall_s: wall.as_secs_f64(),
        check,
        rust: Vec::new(),
        cpython: Vec::new(),
    }
}

/// `wall` for `timed` units of sequential work, scaled to `total` units.
pub fn scale(wall: Duration, timed: usize, total: usize) -> Duration {
    wall.mul_f64(total as f64 / timed.max(1) as f64)
}
