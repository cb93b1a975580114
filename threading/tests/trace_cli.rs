//! `minipy --trace FILE`: the GIL timeline as a Chrome trace-event file, one
//! track per thread, that parses as JSON and holds the spans the program
//! must have produced.

use serde_json::Value;
use std::process::Command;

/// Two threads that compute, and one that sleeps: running, waiting for the
/// GIL and blocked spans, all three.
const PROGRAM: &str = "\
import threading
import time

def spin(n):
    while n > 0:
        n -= 1

def sleeper():
    time.sleep(0.02)

threads = [threading.Thread(target=spin, args=(1000000,), name=\"spinner-\" + str(i)) for i in range(2)]
threads.append(threading.Thread(target=sleeper, name=\"sleeper\"))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(\"done\")
";

#[test]
fn trace_writes_one_track_per_thread_with_gil_spans() {
    let dir = std::env::temp_dir().join(format!("minipy-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let program = dir.join("threads.py");
    std::fs::write(&program, PROGRAM).expect("write the program");
    let trace = dir.join("threads.trace.json");
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .arg(&program)
        .arg("--trace")
        .arg(&trace)
        .output()
        .expect("run minipy");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");

    let text = std::fs::read_to_string(&trace).expect("the trace file");
    let doc: Value = serde_json::from_str(&text).expect("the trace parses as JSON");
    let events = doc["traceEvents"].as_array().expect("a traceEvents array");
    let tracks: Vec<(&Value, &str)> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| (&e["tid"], e["args"]["name"].as_str().unwrap_or("")))
        .collect();
    let names: Vec<&str> = tracks.iter().map(|(_, name)| *name).collect();
    assert_eq!(
        names,
        ["MainThread", "spinner-0", "spinner-1", "sleeper"],
        "one track per thread, in registration order"
    );
    let spans = |track: &str| -> Vec<&str> {
        let tid = tracks.iter().find(|(_, n)| *n == track).map(|(t, _)| *t);
        events
            .iter()
            .filter(|e| e["ph"] == "X" && Some(&e["tid"]) == tid)
            .map(|e| {
                assert!(e["dur"].as_f64().is_some_and(|d| d >= 0.0), "{e}");
                e["name"].as_str().unwrap_or("")
            })
            .collect()
    };
    assert!(spans("spinner-0").contains(&"running (holds the GIL)"));
    assert!(spans("sleeper").contains(&"blocked (GIL released)"));
    // The main thread waits in join with the GIL released, and the
    // spinners take turns: someone waited for the GIL.
    let all: Vec<&str> = names.iter().flat_map(|n| spans(n)).collect();
    assert!(all.contains(&"waiting for the GIL"), "{all:?}");

    let bad = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .arg(&program)
        .arg("--trace")
        .output()
        .expect("run minipy");
    assert_eq!(bad.status.code(), Some(2), "--trace needs a file name");
    let _ = std::fs::remove_dir_all(&dir);
}
