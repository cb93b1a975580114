//! The convoy effect: an I/O-bound thread beside a CPU-bound one. Each
//! `time.sleep(0.0001)` releases the GIL; getting it back means waiting for
//! the CPU thread to be asked to drop it — up to one switch interval (5 ms)
//! per operation. So the I/O thread goes from thousands of operations per
//! second to about 200.
//!
//! ```text
//! cargo run --release -p threading --example convoy [-- --timeline convoy.svg]
//! ```
//!
//! With `--timeline`, the SVG shows the I/O lane mostly *waiting for the
//! GIL* (not blocked in I/O) while the CPU lane runs.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// The MiniPy (and Python) program: prints ops/s alone, then beside a spinner.
pub const CONVOY: &str = "\
import threading
import time
def io_ops(n):
    t0 = time.perf_counter()
    for _ in range(n):
        time.sleep(0.0001)
    return n / (time.perf_counter() - t0)
alone = io_ops(100)
stop = False
def spin():
    while not stop:
        pass
t = threading.Thread(target=spin)
t.start()
beside = io_ops(100)
stop = True
t.join()
print(alone, beside)
";

fn main() {
    let timeline = std::env::args().skip_while(|a| a != "--timeline").nth(1);
    let gil = GilConfig {
        record_timeline: timeline.is_some(),
        ..GilConfig::default()
    };
    let out = Interpreter::new(Config { gil, capture: true }).run_source("convoy.py", CONVOY);
    let nums: Vec<f64> = out
        .stdout
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    if let [alone, beside] = nums[..] {
        println!("I/O thread alone:            {alone:>8.0} ops/s");
        println!("beside a CPU-bound thread:   {beside:>8.0} ops/s");
        println!("convoy slowdown:             {:>8.1}x", alone / beside);
    } else {
        eprintln!("unexpected output: {}{}", out.stdout, out.stderr);
    }
    println!("{}", out.stats);
    if let Some(path) = timeline {
        std::fs::write(
            &path,
            out.timeline
                .to_svg("convoy: I/O thread beside a CPU-bound thread"),
        )
        .expect("write SVG");
        println!("timeline written to {path}");
    }
}
