//! The three timelines: one small workload as lanes over time, in each
//! model.
//!
//! The workload: four tasks, each computes for about 20 ms, waits 20 ms
//! (I/O), then computes about 20 ms more.
//!
//! | picture | lanes | what to look for |
//! |---|---|---|
//! | `timeline-threading.svg` | one per MiniPy thread: running with the GIL, waiting for it, blocked in `time.sleep` | never two threads running at once; a waiting thread gets the GIL within the 5 ms switch interval |
//! | `timeline-multiprocessing.svg` | one per pool worker process: which task it computes or waits in | two workers compute at the same instant: real parallelism |
//! | `timeline-asyncio.svg` | one per task: each poll on the single loop thread | polls never overlap; while one task computes, nobody else runs, and waits overlap |
//!
//! Each is written twice: as an SVG to look at, and as a Chrome trace-event
//! file (`timeline-*.trace.json`, see [`crate::trace`]) to explore in
//! Perfetto or `chrome://tracing`.
//!
//! They run first, while the process has no other threads, because the
//! multiprocessing one forks a pool.

use crate::svg::{self, Lane};
use crate::trace::{self, Layout};
use common::cpu::COUNT_SRC;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Tasks in the timeline workload.
const TASKS: usize = 4;
/// The wait in the middle of each task.
const WAIT: Duration = Duration::from_millis(20);
/// The compute before and after it.
const COMPUTE: Duration = Duration::from_millis(20);
/// MiniPy `count` iterations that take about [`COMPUTE`] (MiniPy runs the
/// count-down loop at roughly 50–80 M iterations per second).
const MINIPY_COUNT: u64 = 1_200_000;

/// One timeline, twice.
pub struct Timeline {
    /// The picture: a self-contained SVG document.
    pub svg: String,
    /// The same lanes as Chrome trace-event JSON.
    pub trace: String,
}

/// The three timelines: threading, multiprocessing, asyncio.
pub struct Timelines {
    /// GIL lanes of the MiniPy threads.
    pub threading: Timeline,
    /// Task lanes per worker process.
    pub multiprocessing: Timeline,
    /// Polls per task on the loop thread.
    pub asyncio: Timeline,
}

/// Draws all three.
pub fn draw() -> Timelines {
    Timelines {
        threading: threading(),
        multiprocessing: multiprocessing(),
        asyncio: asyncio(),
    }
}

/// MiniPy threads under the new GIL, with the timeline recorder on.
fn threading() -> Timeline {
    let source = format!(
        "{COUNT_SRC}\nimport threading\nimport time\n\n\n\
         def task():\n    count({MINIPY_COUNT})\n    time.sleep({wait})\n    count({MINIPY_COUNT})\n\n\n\
         threads = [threading.Thread(target=task, name=\"task-\" + str(i)) for i in range({TASKS})]\n\
         for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\n",
        wait = WAIT.as_secs_f64()
    );
    let gil = threading::gil::GilConfig {
        record_timeline: true,
        ..threading::gil::GilConfig::default()
    };
    let outcome = threading::Interpreter::new(threading::Config { gil, capture: true })
        .run_source("timeline.py", &source);
    let title =
        format!("threading: {TASKS} MiniPy threads under the new GIL (compute, sleep, compute)");
    Timeline {
        svg: outcome.timeline.to_svg(&title),
        trace: outcome.timeline.to_trace_json(&title),
    }
}

/// Nanoseconds since the Unix epoch: a clock every process reads alike.
fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Spins for `d`: CPU-bound work of a known length.
fn compute(d: Duration) {
    let start = Instant::now();
    while start.elapsed() < d {
        std::hint::spin_loop();
    }
}

/// Pool task: compute, wait, compute; returns the worker's pid and the
/// three phases as `(start_ns, end_ns, kind)` (0 computing, 1 waiting).
fn timed_task(_task: usize) -> (u32, Vec<(u64, u64, usize)>) {
    let mut phases = Vec::with_capacity(3);
    for (kind, d) in [(0, COMPUTE), (1, WAIT), (0, COMPUTE)] {
        let start = now_ns();
        if kind == 0 {
            compute(d);
        } else {
            std::thread::sleep(d);
        }
        phases.push((start, now_ns(), kind));
    }
    (std::process::id(), phases)
}

/// `Pool(2).map` of the tasks, one per chunk.
fn multiprocessing() -> Timeline {
    const KINDS: [&str; 2] = ["computing", "waiting (sleep)"];
    let title = format!("multiprocessing: {TASKS} tasks on a Pool(2), one lane per worker process");
    let results =
        multiprocessing::Pool::new(2).and_then(|pool| pool.map(timed_task, 0..TASKS, Some(1)));
    let Ok(results) = results else {
        return failed(&format!("{title} (the pool failed)"));
    };
    let results: Vec<_> = results.into_iter().flatten().collect();
    let origin = results
        .iter()
        .flat_map(|(_, phases)| phases.iter().map(|p| p.0))
        .min()
        .unwrap_or(0);
    let mut lanes: Vec<Lane> = Vec::new();
    let mut pids: Vec<u32> = Vec::new();
    for (pid, phases) in results {
        let name = format!("worker {pid}");
        let index = match lanes.iter().position(|l| l.name == name) {
            Some(i) => i,
            None => {
                lanes.push(Lane {
                    name,
                    spans: Vec::new(),
                });
                pids.push(pid);
                lanes.len() - 1
            }
        };
        lanes[index]
            .spans
            .extend(phases.iter().map(|&(start, end, kind)| {
                (
                    (start - origin) as f64 / 1e9,
                    (end - origin) as f64 / 1e9,
                    kind,
                )
            }));
    }
    Timeline {
        svg: svg::lanes(&title, &lanes, &KINDS),
        trace: trace::lanes_json(&lanes, &KINDS, Layout::ProcessPerLane(&pids)),
    }
}

/// A timeline that could not be recorded: an empty picture with the reason
/// in its title, and an empty trace.
fn failed(title: &str) -> Timeline {
    Timeline {
        svg: svg::lanes(title, &[], &[]),
        trace: trace::lanes_json(&[], &[], Layout::OneProcess(title)),
    }
}

/// Tasks on the hand-rolled loop with the poll recorder on.
fn asyncio() -> Timeline {
    const KINDS: [&str; 1] = ["polled (running on the loop thread)"];
    let config = asyncio::Config {
        record_timeline: true,
        ..asyncio::Config::default()
    };
    let mut runner = asyncio::Runner::new(config);
    let ran = runner.run(async {
        let tasks: Vec<_> = (0..TASKS)
            .map(|i| {
                asyncio::spawn_named(&format!("task-{i}"), async {
                    compute(COMPUTE);
                    asyncio::sleep(WAIT).await;
                    compute(COMPUTE);
                })
            })
            .collect();
        for t in tasks {
            let _ = t.await;
        }
    });
    let title = format!(
        "asyncio: {TASKS} tasks on one loop thread, one lane per task (each bar is a poll)"
    );
    if ran.is_err() {
        return failed(&format!("{title} (the loop failed)"));
    }
    let lanes: Vec<Lane> = runner
        .timeline()
        .iter()
        .map(|lane| Lane {
            name: lane.name.clone(),
            spans: lane
                .polls
                .iter()
                .map(|(start, end)| (start.as_secs_f64(), end.as_secs_f64(), 0))
                .collect(),
        })
        .collect();
    Timeline {
        svg: svg::lanes(&title, &lanes, &KINDS),
        trace: trace::lanes_json(&lanes, &KINDS, Layout::OneProcess("asyncio event loop")),
    }
}
