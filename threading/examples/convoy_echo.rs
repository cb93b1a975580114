//! Beazley's convoy demo, measured from outside: the echo server of
//! `convoy_echo.py` runs under MiniPy and under python3, and a client
//! written in Rust — another "process" as far as the GIL is concerned, as
//! Beazley's client was — measures round trips per second, alone and
//! while the server runs a CPU-bound thread.
//!
//! ```text
//! cargo run --release -p threading --example convoy_echo [-- --as 3.12] [--seconds 1]
//! cargo run --release -p threading --example convoy_echo -- --json   # the bench keys only
//! ```
//!
//! The same numbers are the benchmark's `convoy_echo_*` keys (3.12
//! preset). To run the demo by hand, see `convoy_echo.py`'s docstring.
//!
//! How a run goes: pick a free loopback port; start the server (MiniPy: a
//! library run on a thread, `convoy_echo.py server PORT`; CPython: a
//! `python3` child with the same arguments); connect (retrying while the
//! server starts: a harness, not a test, so polling is fine here); time
//! 64-byte round trips for `--seconds`; send `!spin`, time again; send
//! `!stop` and `!quit`; wait for the server to exit.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// The server program (also runnable by itself: see its docstring).
pub const PROGRAM: &str = include_str!("convoy_echo.py");

/// What the client measured.
#[derive(Clone, Copy, Debug)]
pub struct EchoRates {
    /// Round trips per second with the server otherwise idle.
    pub alone: f64,
    /// Round trips per second while the server spins a CPU-bound thread.
    pub beside_cpu: f64,
}

impl EchoRates {
    /// How many times fewer round trips beside the CPU-bound thread.
    pub fn slowdown(&self) -> f64 {
        self.alone / self.beside_cpu
    }
}

/// A loopback port that was free a moment ago (the server binds it next;
/// a lost race is retried by the callers).
fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Connects to the server, retrying while it starts (up to 20 s).
fn connect(port: u16) -> io::Result<TcpStream> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => return Ok(stream),
            Err(e) if Instant::now() >= deadline => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// One request: send `message`, read back as many bytes.
fn request(stream: &mut TcpStream, message: &[u8], reply: &mut [u8]) -> io::Result<()> {
    stream.write_all(message)?;
    stream.read_exact(&mut reply[..message.len()])
}

/// Round trips of 64 bytes per second, for `seconds`.
fn rate(stream: &mut TcpStream, seconds: f64) -> io::Result<f64> {
    let message = [b'x'; 64];
    let mut reply = [0u8; 64];
    let start = Instant::now();
    let mut count = 0u64;
    loop {
        request(stream, &message, &mut reply)?;
        count += 1;
        let elapsed = start.elapsed().as_secs_f64();
        if elapsed >= seconds {
            return Ok(count as f64 / elapsed);
        }
    }
}

/// The client's whole session against a server on `port`.
fn drive(port: u16, seconds: f64) -> io::Result<EchoRates> {
    let mut stream = connect(port)?;
    stream.set_nodelay(true)?;
    let mut ack = [0u8; 8];
    let alone = rate(&mut stream, seconds)?;
    request(&mut stream, b"!spin", &mut ack)?;
    let beside_cpu = rate(&mut stream, seconds)?;
    request(&mut stream, b"!stop", &mut ack)?;
    request(&mut stream, b"!quit", &mut ack)?;
    Ok(EchoRates { alone, beside_cpu })
}

/// The echo server under MiniPy's `preset`, measured by the Rust client.
pub fn measure_minipy(preset: &str, seconds: f64) -> Option<EchoRates> {
    let gil = GilConfig::preset(preset)?;
    for _attempt in 0..3 {
        let port = free_port().ok()?;
        let interp = Interpreter::new(Config {
            gil: gil.clone(),
            capture: true,
        })
        .with_args(vec!["server".into(), port.to_string()]);
        let server = std::thread::spawn(move || interp.run_source("convoy_echo.py", PROGRAM));
        let rates = drive(port, seconds);
        if rates.is_err() {
            // The server never came up (or died): it has exited or will
            // fail to bind; either way its thread ends.
            let out = server.join().ok()?;
            eprintln!("convoy_echo: MiniPy server on {port}: {}", out.stderr);
            continue;
        }
        let out = server.join().ok()?;
        if out.exit_code != 0 {
            eprintln!("convoy_echo: MiniPy server failed:\n{}", out.stderr);
            return None;
        }
        return rates.ok();
    }
    None
}

/// The same program under python3, measured by the same client; `None`
/// without python3.
pub fn measure_cpython(seconds: f64) -> Option<EchoRates> {
    let python3 = common::measure::python::python3()?;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/convoy_echo.py");
    for _attempt in 0..3 {
        let port = free_port().ok()?;
        let mut child = Command::new(&python3)
            .arg(&script)
            .args(["server", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .ok()?;
        // The server says when it listens (no polling needed here).
        let mut line = String::new();
        let stdout = child.stdout.take()?;
        let up = BufReader::new(stdout).read_line(&mut line).is_ok() && !line.is_empty();
        let rates = if up {
            drive(port, seconds)
        } else {
            Err(io::ErrorKind::NotConnected.into())
        };
        if rates.is_err() {
            let _ = child.kill();
        }
        let status = child.wait().ok()?;
        match rates {
            Ok(rates) if status.success() => return Some(rates),
            _ => eprintln!("convoy_echo: python3 server on {port} failed ({status})"),
        }
    }
    None
}

/// Median of the rates of `runs` runs (alone and beside taken separately).
pub fn median_rates(runs: Vec<EchoRates>) -> Option<EchoRates> {
    let median = |mut v: Vec<f64>| -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    if runs.is_empty() {
        return None;
    }
    Some(EchoRates {
        alone: median(runs.iter().map(|r| r.alone).collect()),
        beside_cpu: median(runs.iter().map(|r| r.beside_cpu).collect()),
    })
}

/// The benchmark's six `convoy_echo_*` keys: `runs` alternated rounds
/// (MiniPy 3.12, then python3, so load drifting on a shared machine hits
/// both alike) of `seconds` per phase. Rates are medians over the rounds;
/// each slowdown is the median of the rounds' own ratios (alone and beside
/// measured a second apart on one connection, so a ratio is steadier than a
/// ratio of medians). `None` for what could not be measured (no python3).
pub fn bench_fields(runs: usize, seconds: f64) -> Vec<(&'static str, Option<f64>)> {
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        ours.extend(measure_minipy("3.12", seconds));
        theirs.extend(measure_cpython(seconds));
    }
    let median_slowdown = |runs: &[EchoRates]| {
        let mut v: Vec<f64> = runs.iter().map(EchoRates::slowdown).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    let (our_slowdown, their_slowdown) = (median_slowdown(&ours), median_slowdown(&theirs));
    let (ours, theirs) = (median_rates(ours), median_rates(theirs));
    vec![
        ("convoy_echo_req_per_s_alone", ours.map(|r| r.alone)),
        (
            "convoy_echo_req_per_s_beside_cpu",
            ours.map(|r| r.beside_cpu),
        ),
        (
            "cpython_convoy_echo_req_per_s_alone",
            theirs.map(|r| r.alone),
        ),
        (
            "cpython_convoy_echo_req_per_s_beside_cpu",
            theirs.map(|r| r.beside_cpu),
        ),
        ("convoy_echo_slowdown", our_slowdown),
        ("cpython_convoy_echo_slowdown", their_slowdown),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if args.iter().any(|a| a == "--json") {
        // The bench's keys alone (5 alternated rounds), without the rest
        // of the bench.
        let fields: Vec<String> = bench_fields(5, 1.0)
            .into_iter()
            .map(|(key, v)| {
                let v = v.map_or("null".into(), |x| format!("{x:.4}"));
                format!("  \"{key}\": {v}")
            })
            .collect();
        println!("{{\n{}\n}}", fields.join(",\n"));
        return;
    }
    let preset = value("--as").unwrap_or_else(|| "3.12".into());
    let seconds: f64 = value("--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let show = |who: &str, rates: Option<EchoRates>| {
        match rates {
        Some(r) => println!(
            "{who:<22} alone {:>9.0} req/s   beside a CPU-bound thread {:>8.0} req/s   slowdown {:>6.1}x",
            r.alone,
            r.beside_cpu,
            r.slowdown()
        ),
        None => println!("{who:<22} (not measured)"),
    }
    };
    show(
        &format!("MiniPy --as {preset}"),
        measure_minipy(&preset, seconds),
    );
    show("CPython (python3)", measure_cpython(seconds));
}
