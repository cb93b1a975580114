//! The workload catalogue: every row the main job measures, with its class.
//!
//! The seed's "how to choose" table has three rows; each [`Class`] is one:
//!
//! | class | seed's answer | why |
//! |---|---|---|
//! | [`Class::Cpu`] | multiprocessing | bypasses the GIL: one interpreter per core |
//! | [`Class::IoLowVolume`] | threading | simple; a few OS threads wait cheaply |
//! | [`Class::IoHighVolume`] | asyncio | thousands of waits on one thread |
//!
//! [`catalogue`] lists the concrete instances at full or quick size.

use crate::cpu::CpuTask;
use crate::io::{EchoSpec, EchoStart, SleepSpec};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Which row of the seed's table a workload belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Limited by the CPU: the GIL serialises it.
    #[serde(rename = "cpu")]
    Cpu,
    /// A few tens of waits: threads are enough.
    #[serde(rename = "io_low")]
    IoLowVolume,
    /// Thousands of waits: one event loop beats thousands of threads.
    #[serde(rename = "io_high")]
    IoHighVolume,
}

impl Class {
    /// The model the seed recommends for this class.
    pub fn seed_verdict(self) -> &'static str {
        match self {
            Class::Cpu => "multiprocessing",
            Class::IoLowVolume => "threading",
            Class::IoHighVolume => "asyncio",
        }
    }

    /// The short name used in tables and JSON (`cpu`, `io_low`, `io_high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Cpu => "cpu",
            Class::IoLowVolume => "io_low",
            Class::IoHighVolume => "io_high",
        }
    }
}

/// One workload instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Workload {
    /// A CPU-bound kernel.
    Cpu(CpuTask),
    /// Simulated latency.
    Sleep(SleepSpec),
    /// Loopback TCP round trips against an [`EchoServer`](crate::EchoServer)
    /// whose replies each wait `server_latency`.
    Echo {
        /// Connections, requests and payload size.
        spec: EchoSpec,
        /// How long the server waits before each reply.
        server_latency: Duration,
        /// When each client starts its round trips: at once, or only once
        /// every connection is open (C10K).
        start: EchoStart,
    },
}

/// A catalogue entry: a name, its class, and the instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// A short unique name, e.g. `count`.
    pub name: String,
    /// Which row of the seed's table.
    pub class: Class,
    /// The instance to run.
    pub workload: Workload,
}

/// Every workload the main job measures. `quick` shrinks the sizes so a run
/// takes seconds, not minutes.
///
/// CPU sizes are chosen for *interpreted* runs (MiniPy and CPython do about
/// 35–80 M simple bytecodes per second): about a second per CPython cell at
/// full size, a tenth of that with `quick` (whose cells run three times
/// each). The native references finish them in milliseconds.
pub fn catalogue(quick: bool) -> Vec<Entry> {
    let scale = |full: u64, quick_size: u64| if quick { quick_size } else { full };
    let entry = |name: &str, class, workload| Entry {
        name: name.to_owned(),
        class,
        workload,
    };
    vec![
        entry(
            "count",
            Class::Cpu,
            Workload::Cpu(CpuTask::Count {
                n: scale(30_000_000, 2_500_000),
            }),
        ),
        entry(
            "count_primes",
            Class::Cpu,
            Workload::Cpu(CpuTask::CountPrimes {
                lo: 0,
                hi: scale(800_000, 80_000),
            }),
        ),
        entry(
            "collatz_steps",
            Class::Cpu,
            Workload::Cpu(CpuTask::Collatz {
                lo: 1,
                hi: scale(150_000, 15_000),
            }),
        ),
        entry(
            "sleep_few",
            Class::IoLowVolume,
            Workload::Sleep(SleepSpec {
                tasks: if quick { 5 } else { 20 },
                latency: Duration::from_millis(50),
            }),
        ),
        entry(
            "echo_few",
            Class::IoLowVolume,
            Workload::Echo {
                spec: EchoSpec {
                    connections: 4,
                    requests: if quick { 4 } else { 10 },
                    payload: 1024,
                },
                server_latency: Duration::from_millis(5),
                start: EchoStart::OnConnect,
            },
        ),
        entry(
            "sleep_many",
            Class::IoHighVolume,
            Workload::Sleep(SleepSpec {
                tasks: if quick { 1_000 } else { 10_000 },
                // Sequentially this would take tasks × latency; keep the
                // latency small so the *reference* stays affordable.
                latency: Duration::from_micros(100),
            }),
        ),
        entry(
            "echo_many",
            Class::IoHighVolume,
            Workload::Echo {
                spec: EchoSpec {
                    connections: if quick { 200 } else { 500 },
                    requests: if quick { 10 } else { 20 },
                    payload: 1024,
                },
                server_latency: Duration::from_millis(1),
                start: EchoStart::OnConnect,
            },
        ),
        // C10K: ten thousand connections open at one instant, each making a
        // few round trips once all are open. What decides it is memory per
        // connection, the seed's case for asyncio.
        entry(
            "echo_c10k",
            Class::IoHighVolume,
            Workload::Echo {
                spec: EchoSpec {
                    connections: if quick { 1_000 } else { 10_000 },
                    requests: 3,
                    payload: 1024,
                },
                server_latency: Duration::from_millis(5),
                start: EchoStart::AllConnected,
            },
        ),
    ]
}
