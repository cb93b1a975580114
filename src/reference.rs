//! Running one catalogue entry through its sequential reference: the
//! baseline every model's speed-up will be computed against.

use crate::cpython;
use crate::oracle;
use common::workload::{Entry, Workload};
use common::EchoServer;
use serde::Serialize;
use std::time::{Duration, Instant};

/// One measured row.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The workload's catalogue name.
    pub workload: String,
    /// `cpu`, `io_low` or `io_high`.
    pub class: &'static str,
    /// What the seed's table recommends for this class.
    pub seed_verdict: &'static str,
    /// A short description of the instance's size.
    pub size: String,
    /// Wall time of the sequential reference, in seconds.
    pub wall_s: f64,
    /// `Ok(result)` when the result matched its oracle, else what differed.
    #[serde(serialize_with = "serialize_check")]
    pub check: Result<String, String>,
    /// The CPython column: one cell per Python model, or why it was skipped.
    pub cpython: Vec<cpython::Outcome>,
    /// What the verdict rule ([`crate::verdict`]) concludes from the CPython
    /// column alone (`None` without CPython).
    pub cpython_verdict: Option<&'static str>,
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
        Workload::Sleep(spec) => {
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
            let size = format!("{} × {:?}", spec.tasks, spec.latency);
            (size, wall, check)
        }
        Workload::Echo {
            spec,
            server_latency,
        } => {
            let size = format!(
                "{} conns × {} reqs × {} B, {:?}/reply",
                spec.connections, spec.requests, spec.payload, server_latency
            );
            match EchoServer::with_latency(server_latency) {
                Ok(server) => {
                    let start = Instant::now();
                    let got = spec.run_sequential(server.addr());
                    let wall = start.elapsed();
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
        size,
        wall_s: wall.as_secs_f64(),
        check,
        cpython: Vec::new(),
        cpython_verdict: None,
    }
}
