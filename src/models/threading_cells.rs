//! Threading cells: MiniPy threads on the `threading` crate's GIL.
//!
//! CPU-bound: the kernel's MiniPy source runs in [`CPU_WORKERS`] MiniPy
//! threads, one part each (Python: `threading.Thread(target=part)`), under
//! the new GIL (3.12) or with none (3.13t). I/O: MiniPy threads that
//! `time.sleep`, and for the echo rows MiniPy threads on MiniPy's `socket`
//! module, which releases the GIL around every blocking call as CPython's
//! does (`Py_BEGIN_ALLOW_THREADS`).
//!
//! The echo cells run `python/echo_threads.py`, the same file the CPython
//! column's threading cell runs, with its `run(...)` call appended (as
//! [`sleep`] builds its program): one program, two interpreters. Until
//! MiniPy had `socket` these cells were Rust threads holding the same GIL
//! around their socket calls; the measured difference is in the README.

use super::{measure_here, Model, CPU_WORKERS};
use crate::cell::Report;
use common::{CpuTask, EchoSpec, EchoStart, SleepSpec};
use std::fmt::Write;
use std::net::SocketAddr;
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// Runs a MiniPy program under a preset, capturing stdout; the printed
/// value, parsed as JSON (`null` when the run failed).
fn run_minipy(preset: &str, source: &str) -> serde_json::Value {
    let config = Config {
        gil: GilConfig::preset(preset).expect("a known preset"),
        capture: true,
    };
    let out = Interpreter::new(config).run_source("cell.py", source);
    if out.exit_code != 0 {
        eprintln!("{}", out.stderr);
        return serde_json::Value::Null;
    }
    serde_json::from_str(out.stdout.trim()).unwrap_or(serde_json::Value::Null)
}

/// A MiniPy program running each part of `task` in a thread of its own and
/// printing the sum.
pub fn threaded_program(task: CpuTask, parts: usize) -> String {
    let calls: Vec<String> = task.split(parts).iter().map(CpuTask::minipy_call).collect();
    let mut src = format!(
        "{}\nimport threading\n\nresults = [0] * {}\n",
        task.minipy_source(),
        calls.len()
    );
    for (i, call) in calls.iter().enumerate() {
        let _ = write!(src, "\n\ndef part_{i}():\n    results[{i}] = {call}\n");
    }
    let targets: Vec<String> = (0..calls.len()).map(|i| format!("part_{i}")).collect();
    let _ = write!(
        src,
        "\n\nthreads = [threading.Thread(target=t) for t in [{}]]\n\
         for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(sum(results))\n",
        targets.join(", ")
    );
    src
}

/// The same parts, one after another on the main thread.
pub fn sequential_program(task: CpuTask, parts: usize) -> String {
    let calls: Vec<String> = task.split(parts).iter().map(CpuTask::minipy_call).collect();
    format!(
        "{}\nprint(sum([{}]))\n",
        task.minipy_source(),
        calls.join(", ")
    )
}

/// CPU-bound: sequential MiniPy, or threads under the new GIL / no GIL.
pub fn cpu(model: Model, task: CpuTask) -> Report {
    let (preset, source) = match model {
        Model::MinipySequential => ("3.12", sequential_program(task, CPU_WORKERS)),
        Model::ThreadingFree => ("3.13t", threaded_program(task, CPU_WORKERS)),
        _ => ("3.12", threaded_program(task, CPU_WORKERS)),
    };
    measure_here(|| run_minipy(preset, &source))
}

/// Sleepers: `tasks` MiniPy threads, each `time.sleep(latency)`; prints the
/// ids in task order.
pub fn sleep(spec: SleepSpec) -> Report {
    let source = format!(
        "import threading\nimport time\n\ndone = [-1] * {n}\n\n\n\
         def work(i):\n    time.sleep({latency})\n    done[i] = i\n\n\n\
         threads = [threading.Thread(target=work, args=(i,)) for i in range({n})]\n\
         for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(done)\n",
        n = spec.tasks,
        latency = spec.latency.as_secs_f64()
    );
    measure_here(|| run_minipy("3.12", &source))
}

/// The threaded echo client program, `python/echo_threads.py`: the very
/// file the CPython column's threading cell imports, compiled into this
/// binary so a cell needs no checkout to run it.
pub const ECHO_THREADS: &str = include_str!("../../python/echo_threads.py");

/// `echo_threads.py` with its `run(...)` call appended for `spec`, timed
/// by the program's own clock: prints `{"result": ROUND_TRIPS_OK, "wall_s":
/// SECONDS}`, the time of `run(...)` alone (what `cpython_models.py` times
/// too: imports and definitions come first, outside the clock).
pub fn echo_program(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> String {
    let all_connected = match start {
        EchoStart::OnConnect => "False",
        EchoStart::AllConnected => "True",
    };
    format!(
        "{ECHO_THREADS}\n\nimport time\n\n_start = time.perf_counter()\n\
         _ok = run({host:?}, {port}, {connections}, {requests}, {payload}, {all_connected})\n\
         print('{{\"result\": %d, \"wall_s\": %r}}' % (_ok, time.perf_counter() - _start))\n",
        host = addr.ip().to_string(),
        port = addr.port(),
        connections = spec.connections,
        requests = spec.requests,
        payload = spec.payload,
    )
}

/// Echo: one MiniPy thread per connection under the new GIL (3.12),
/// running [`ECHO_THREADS`]; every blocking socket call and the relay's
/// lock waits release the GIL, as in CPython. With
/// [`EchoStart::AllConnected`] every thread waits at the program's relay
/// of `threading.Lock`s until all connections are open, then the threads
/// leave one after another (the program's docstring says why).
///
/// Measured as the CPython column measures its cell: its `prepare()`
/// imports before reading the memory baseline, and its clock runs around
/// `run(...)` alone. Here a first run with no connections plays
/// `prepare()` (MiniPy's interpreter, `socket`, `threading` and the
/// program itself, compiled and torn down: the allocator keeps the pages,
/// so the baseline read after it holds them), and the wall time is the
/// program's own. The CPU time is the whole second run's.
pub fn echo(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    let nobody = EchoSpec {
        connections: 0,
        ..spec
    };
    run_minipy("3.12", &echo_program(nobody, addr, start));
    let source = echo_program(spec, addr, start);
    let mut printed = serde_json::Value::Null;
    let mut report = measure_here(|| {
        printed = run_minipy("3.12", &source);
        printed["result"].clone()
    });
    if let Some(wall_s) = printed["wall_s"].as_f64() {
        report.wall_s = wall_s;
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_programs_print_the_reference_under_minipy() {
        let task = CpuTask::CountPrimes { lo: 0, hi: 500 };
        for source in [threaded_program(task, 2), sequential_program(task, 2)] {
            assert_eq!(run_minipy("3.12", &source), serde_json::json!(task.run()));
        }
    }

    #[test]
    fn echo_threads_py_under_minipy_verifies_every_round_trip() {
        let server = common::EchoServer::start().expect("a loopback echo server on port 0");
        let spec = EchoSpec {
            connections: 5,
            requests: 3,
            payload: 1024,
        };
        for start in [EchoStart::OnConnect, EchoStart::AllConnected] {
            let source = echo_program(spec, server.addr(), start);
            let printed = run_minipy("3.12", &source);
            assert_eq!(printed["result"], 15, "{start:?}: every reply matched");
            assert!(printed["wall_s"].as_f64().is_some(), "{printed}");
        }
    }

    #[test]
    fn a_refused_echo_server_counts_no_round_trips_and_does_not_hang() {
        // A port that was free a moment ago: connecting is refused, every
        // client arrives at the relay as failed, and the run ends with 0.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        let spec = EchoSpec {
            connections: 3,
            requests: 2,
            payload: 64,
        };
        let source = echo_program(spec, addr, EchoStart::AllConnected);
        assert_eq!(run_minipy("3.12", &source)["result"], 0);
    }
}
