//! CPU-bound vs I/O-bound threads under each GIL.
//!
//! ```text
//! cargo run --release -p threading --example cpu_vs_io
//! ```
//!
//! - CPU-bound: counting down 20 M split over two threads is no faster than
//!   one thread with the new GIL (3.12), *slower* with the old one (2.7:
//!   the release/re-acquire every 100 ticks ping-pongs across cores), and
//!   about twice as fast without a GIL (3.13t) on two cores.
//! - I/O-bound: 50 threads each sleeping 50 ms finish in about 50 ms, not
//!   2.5 s, under every GIL, because `time.sleep` releases it.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

const CPU: &str = "\
import threading
import time
def count(n):
    while n > 0:
        n -= 1
t0 = time.perf_counter()
count(20000000)
one = time.perf_counter() - t0
ts = [threading.Thread(target=count, args=(10000000,)) for _ in range(2)]
t0 = time.perf_counter()
for t in ts:
    t.start()
for t in ts:
    t.join()
two = time.perf_counter() - t0
print(one, two)
";

const IO: &str = "\
import threading
import time
ts = [threading.Thread(target=time.sleep, args=(0.05,)) for _ in range(50)]
t0 = time.perf_counter()
for t in ts:
    t.start()
for t in ts:
    t.join()
print(time.perf_counter() - t0)
";

fn run(preset: &str, src: &str) -> Vec<f64> {
    let gil = GilConfig::preset(preset).expect("preset");
    let out = Interpreter::new(Config { gil, capture: true }).run_source("cpu_vs_io.py", src);
    out.stdout
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect()
}

fn main() {
    println!("CPU-bound: count(20M) in one thread vs two threads x count(10M)");
    for preset in ["2.7", "3.12", "3.13t"] {
        if let [one, two] = run(preset, CPU)[..] {
            println!(
                "  {preset:<6} one {one:.3} s   two {two:.3} s   speed-up {:.2}x",
                one / two
            );
        }
    }
    println!("I/O-bound: 50 threads x sleep(50 ms) (sequential would be 2.5 s)");
    for preset in ["2.7", "3.12", "3.13t"] {
        if let [wall] = run(preset, IO)[..] {
            println!("  {preset:<6} wall {:.1} ms", wall * 1e3);
        }
    }
}
