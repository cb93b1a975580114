//! One table row: the sequential reference (the baseline every speed-up is
//! computed against, for native and I/O cells) plus the two columns.

use crate::cell::Outcome;
use common::oracle;
use common::workload::{Entry, Workload};
use common::Class;
use common::{EchoServer, EchoStart, EventEchoServer};
use serde::Serialize;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// At most this many sleepers or echo connections run in the sequential
/// reference; a larger workload's time is extrapolated linearly from them.
/// Sequential work is linear by construction (one wait after another), and
/// the I/O verdicts compare wall times, which all share this one baseline;
/// the extrapolation only keeps a 10,000-wait reference from taking
/// seconds. The size column says when it was used.
const SEQUENTIAL_SAMPLE: usize = 1_000;
/// The same bound for echo connections (each makes several round trips).
const SEQUENTIAL_ECHO_SAMPLE: usize = 25;

/// The loopback echo server an echo row talks to.
///
/// A thread per connection ([`EchoServer`], the simplest correct server)
/// for the rows of tens and hundreds of connections; the one-thread epoll
/// server ([`EventEchoServer`]) when every connection is held open at once
/// (C10K), where ten thousand server threads and their slow accept loop
/// would be the bottleneck the row is about (see `common::echo_events`).
pub enum EchoPeer {
    /// One OS thread per connection.
    Threads(EchoServer),
    /// One thread, epoll.
    Events(EventEchoServer),
}

impl EchoPeer {
    /// Starts the server an echo row with this `start` needs.
    pub fn start(server_latency: Duration, start: EchoStart) -> std::io::Result<EchoPeer> {
        Ok(match start {
            EchoStart::OnConnect => EchoPeer::Threads(EchoServer::with_latency(server_latency)?),
            EchoStart::AllConnected => {
                EchoPeer::Events(EventEchoServer::with_latency(server_latency)?)
            }
        })
    }

    /// The address clients connect to.
    pub fn addr(&self) -> SocketAddr {
        match self {
            EchoPeer::Threads(server) => server.addr(),
            EchoPeer::Events(server) => server.addr(),
        }
    }
}

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
    /// The seed's reason for its answer, as the seed puts it.
    pub seed_reason: &'static str,
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
    let (sample, factor) = sequential_sample(entry);
    let (wall, check) = match sample.workload {
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
            (wall, check)
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
            (wall, check)
        }
        Workload::Echo {
            spec,
            server_latency,
            start,
        } => match EchoPeer::start(server_latency, start) {
            Ok(server) => {
                let start = Instant::now();
                let got = spec.run_sequential(server.addr());
                let wall = start.elapsed();
                let check = match got {
                    Ok(d) if d == spec.expected_digest() => Ok(format!("digest {d:016x}")),
                    Ok(d) => Err(format!("digest {d:016x} differs")),
                    Err(e) => Err(format!("i/o error: {e}")),
                };
                (wall, check)
            }
            Err(e) => (Duration::ZERO, Err(format!("no loopback: {e}"))),
        },
    };
    let mut size = match entry.workload {
        Workload::Cpu(task) => task.minipy_call(),
        Workload::Sleep(spec) => format!("{} × {:?}", spec.tasks, spec.latency),
        Workload::Echo {
            spec,
            server_latency,
            start,
        } => format!(
            "{} conns{} × {} reqs × {} B, {:?}/reply",
            spec.connections,
            match start {
                EchoStart::OnConnect => "",
                EchoStart::AllConnected => " (all open at once)",
            },
            spec.requests,
            spec.payload,
            server_latency
        ),
    };
    if let Some(timed) = sampled_units(&sample.workload).filter(|_| factor > 1.0) {
        size.push_str(&format!(" (sequential: {timed} timed, scaled)"));
    }
    Row {
        workload: entry.name.clone(),
        class: entry.class.as_str(),
        seed_verdict: entry.class.seed_verdict(),
        verdict: None,
        cpython_verdict: None,
        seed_reason: seed_reason(entry.class),
        size,
        wall_s: wall.as_secs_f64() * factor,
        check,
        rust: Vec::new(),
        cpython: Vec::new(),
    }
}

/// The seed's sentence for a class: its answer and why (the README's
/// first table, which quotes the seed).
pub fn seed_reason(class: Class) -> &'static str {
    match class {
        Class::Cpu => {
            "CPU-bound: multiprocessing. One process per worker, each with its own \
             interpreter and its own GIL: true parallelism on every core."
        }
        Class::IoLowVolume => {
            "I/O-bound, low volume: threading. A few tens of waits; simple and well understood."
        }
        Class::IoHighVolume => {
            "I/O-bound, high volume: asyncio. Thousands of connections at little cost each."
        }
    }
}

/// What a sequential run of `entry` actually times: a large I/O workload is
/// cut to [`SEQUENTIAL_SAMPLE`] sleeps or [`SEQUENTIAL_ECHO_SAMPLE`]
/// connections. Returns the cut entry and the factor its wall time is to be
/// scaled by (1 when nothing was cut). Both this reference and CPython's
/// sequential cell use it, so they time the same sample.
pub fn sequential_sample(entry: &Entry) -> (Entry, f64) {
    let mut sample = entry.clone();
    let factor = match &mut sample.workload {
        Workload::Sleep(spec) if spec.tasks > SEQUENTIAL_SAMPLE => {
            let full = spec.tasks;
            spec.tasks = SEQUENTIAL_SAMPLE;
            full as f64 / spec.tasks as f64
        }
        Workload::Echo { spec, .. } if spec.connections > SEQUENTIAL_ECHO_SAMPLE => {
            let full = spec.connections;
            spec.connections = SEQUENTIAL_ECHO_SAMPLE;
            full as f64 / spec.connections as f64
        }
        _ => 1.0,
    };
    (sample, factor)
}

/// The sleeps or connections a sampled workload times (for the size label).
fn sampled_units(workload: &Workload) -> Option<usize> {
    match workload {
        Workload::Sleep(spec) => Some(spec.tasks),
        Workload::Echo { spec, .. } => Some(spec.connections),
        Workload::Cpu(_) => None,
    }
}
