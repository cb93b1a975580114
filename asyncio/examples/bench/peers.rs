//! The peers' side of the benchmark: tokio's `current_thread` runtime,
//! async-std (through the crate's twin programs), CPython and uvloop
//! (through `asyncio/bench/cpython_peer.py`). See `main.rs`; Python equivalent: that
//! script, which measures the same figures with CPython's own asyncio.

use crate::{ECHO_CONNECTIONS, ECHO_PAYLOAD};
use common::measure::{median_of, python};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

pub fn tokio_spawn_await(n: u64) -> f64 {
    tokio_runtime().block_on(async move {
        let start = Instant::now();
        let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
        let mut sum = 0;
        for task in tasks {
            sum += task.await.expect("trivial task");
        }
        assert_eq!(sum, n * (n - 1) / 2);
        start.elapsed().as_nanos() as f64 / n as f64
    })
}

pub fn tokio_yield(n: u64) -> f64 {
    let rt = tokio_runtime();
    let timing = median_of(3, 1, || {
        rt.block_on(async move {
            tokio::spawn(async move {
                for _ in 0..n {
                    tokio::task::yield_now().await;
                }
            })
            .await
            .expect("yield task");
        });
    });
    timing.median.as_nanos() as f64 / n as f64
}

pub fn tokio_echo(requests: usize) -> f64 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    tokio_runtime().block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                if stream.write_all(&buf[..n]).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                });
            }
        });
        let start = Instant::now();
        let clients: Vec<_> = (0..ECHO_CONNECTIONS)
            .map(|_| {
                tokio::spawn(async move {
                    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                    stream.set_nodelay(true).expect("nodelay");
                    let message: Vec<u8> = (0..ECHO_PAYLOAD).map(|i| (i % 251) as u8).collect();
                    let mut reply = vec![0u8; ECHO_PAYLOAD];
                    for _ in 0..requests {
                        stream.write_all(&message).await.expect("write");
                        stream.read_exact(&mut reply).await.expect("read");
                        assert_eq!(reply, message);
                    }
                })
            })
            .collect();
        for client in clients {
            client.await.expect("client");
        }
        let rate = (ECHO_CONNECTIONS * requests) as f64 / start.elapsed().as_secs_f64();
        server.abort();
        rate
    })
}

pub fn async_std_echo(requests: usize) -> f64 {
    use asyncio::twin::echo;
    asyncio::twin::block_on(async move {
        let addr = echo::start_echo_server("127.0.0.1:0").await.expect("bind");
        let start = Instant::now();
        let done = echo::echo_load(addr, ECHO_CONNECTIONS, requests, ECHO_PAYLOAD)
            .await
            .expect("echo load");
        done as f64 / start.elapsed().as_secs_f64()
    })
}

/// `asyncio/bench/cpython_peer.py`.
pub fn peer_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/cpython_peer.py")
}

/// The echo figure on uvloop's loop (`cpython_peer.py --uvloop-echo`), with
/// uvloop importable from `uvloop_path`.
pub fn uvloop_echo(quick: bool, uvloop_path: &Path) -> Option<f64> {
    let mut command = std::process::Command::new(python::python3()?);
    command
        .arg(peer_script())
        .arg("--uvloop-echo")
        .env("PYTHONPATH", uvloop_path);
    if quick {
        command.arg("--quick");
    }
    let out = command.output().ok()?;
    if !out.status.success() {
        eprintln!(
            "note: the uvloop echo failed; its figure is null:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("uvloop_echo_req_per_s "))
        .and_then(|v| v.trim().parse().ok())
}

/// Runs the CPython peer script; `(key, value)` pairs, empty when python3
/// is absent or the script fails.
pub fn cpython_peer(quick: bool) -> Vec<(String, f64)> {
    let args: &[&str] = if quick { &["--quick"] } else { &[] };
    let Some(out) = python::run_script(&peer_script(), args) else {
        return Vec::new();
    };
    if !out.status.success() {
        eprintln!(
            "note: cpython_peer.py failed; CPython figures are null:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return Vec::new();
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(' ')?;
            Some((key.to_owned(), value.trim().parse().ok()?))
        })
        .collect()
}
