//! Threading cells: MiniPy threads on the `threading` crate's GIL.
//!
//! CPU-bound: the kernel's MiniPy source runs in [`CPU_WORKERS`] MiniPy
//! threads, one part each (Python: `threading.Thread(target=part)`), under
//! the new GIL (3.12) or with none (3.13t). I/O: MiniPy threads that
//! `time.sleep`; for sockets, which MiniPy does not have yet, plain Rust
//! threads that hold the same GIL and release it around every blocking
//! socket call, exactly as CPython's socket module does
//! (`Py_BEGIN_ALLOW_THREADS`).
//!
//! Stand-in, labelled: [`echo`] is the one function to replace when MiniPy
//! has `socket`. The CPython column's threaded echo client is a plain
//! program, `python/echo_threads.py`, written in the Python subset MiniPy
//! speaks; the MiniPy cell will run that same file with [`run_minipy`]
//! (its `run(...)` call appended, as [`sleep`] does for its program), and
//! the gate becomes the program's relay of `threading.Lock`s.

use super::gate::ThreadGate;
use super::{measure_here, Model, CPU_WORKERS};
use crate::cell::Report;
use common::{CpuTask, EchoSpec, EchoStart, SleepSpec};
use std::fmt::Write;
use std::io::{Read, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use threading::gil::{Gil, GilConfig};
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

/// Echo: one Rust thread per connection, each holding the GIL while it
/// "runs Python" (building and checking messages) and releasing it around
/// connect, the gate, send and receive. Returns the round trips whose reply
/// matched. With [`EchoStart::AllConnected`] every thread waits at a gate
/// until all connections are open, and the threads leave it one after
/// another (see [`ThreadGate`] for why).
pub fn echo(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    measure_here(|| {
        let gil = Arc::new(Gil::new(GilConfig::default()));
        let gate = Arc::new(ThreadGate::new(match start {
            EchoStart::OnConnect => 0,
            EchoStart::AllConnected => spec.connections,
        }));
        let mut threads = Vec::with_capacity(spec.connections);
        let mut failed_to_start = None;
        for conn in 0..spec.connections {
            let (gil, thread_gate) = (Arc::clone(&gil), Arc::clone(&gate));
            let spawned = std::thread::Builder::new()
                .spawn(move || client(&gil, &thread_gate, spec, conn, addr));
            match spawned {
                Ok(thread) => threads.push(thread),
                Err(e) => {
                    // Out of threads (a pid or memory limit): this client
                    // never runs, so arrive in its place; its round trips
                    // are missing from the result, which fails the check.
                    failed_to_start.get_or_insert(e);
                    gate.arrive_absent(conn);
                }
            }
        }
        if let Some(e) = failed_to_start {
            eprintln!(
                "threading: {} of {} client threads could not start: {e}",
                spec.connections - threads.len(),
                spec.connections
            );
        }
        let ok: usize = threads.into_iter().map(|t| t.join().unwrap_or(0)).sum();
        serde_json::Value::from(ok)
    })
}

/// One connection's round trips, as a Python thread would make them.
fn client(gil: &Gil, gate: &ThreadGate, spec: EchoSpec, conn: usize, addr: SocketAddr) -> usize {
    let mut ts = gil.register(&format!("client-{conn}"));
    gil.take(&mut ts);
    let mut ok = 0;
    let connected = gil.blocking(&mut ts, || TcpStream::connect(addr));
    gil.blocking(&mut ts, || gate.arrive_and_wait(conn));
    if let Ok(mut stream) = connected {
        let _ = stream.set_nodelay(true);
        let mut reply = vec![0u8; spec.payload];
        for req in 0..spec.requests {
            let message = spec.payload_for(conn, req);
            let sent = gil.blocking(&mut ts, || {
                stream.write_all(&message)?;
                stream.read_exact(&mut reply)
            });
            if sent.is_ok() && reply == message {
                ok += 1;
            }
        }
    }
    gil.drop_gil(&mut ts);
    gil.unregister(ts);
    ok
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
}
