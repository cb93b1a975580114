//! The C10K figures: 10,000 idle connections from this process (the
//! hand-rolled loop's `programs::c10k` client) to an echo server in its own
//! process — ours, tokio's, async-std's, CPython's or uvloop's — then
//! rounds of 1 KiB echoes. Bytes per idle connection come from the
//! server's RSS (see `programs/c10k.rs`). Every server runs the same
//! client; only the server changes.
//!
//! The Rust servers are this bench binary started again with `--serve
//! ours|tokio|async_std`; the Python ones are `cpython_peer.py --serve
//! [--uvloop]`. uvloop is installed with pip into `target/bench-python`
//! when it is not importable (the figures are `null` when that fails).

use asyncio::programs::c10k::{self, C10kReport, ServerProcess};
use common::measure::python;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Echo rounds timed after the connections are idle.
const ROUNDS: usize = 3;
/// Bytes per echo.
const PAYLOAD: usize = 1024;

/// Which server a `--serve` child runs.
pub fn serve(which: &str) {
    c10k::raise_fd_limit(u64::MAX).expect("fd limit");
    match which {
        "ours" => asyncio::run(asyncio::programs::echo::serve("127.0.0.1:0"))
            .expect("loop")
            .expect("serve"),
        "tokio" => tokio_serve(),
        "async_std" => asyncio::twin::block_on(async {
            let addr = asyncio::twin::echo::start_echo_server("127.0.0.1:0")
                .await
                .expect("bind");
            println!("serving on {addr}");
            std::future::pending::<()>().await;
        }),
        other => panic!("unknown server {other:?}: ours, tokio or async_std"),
    }
}

/// tokio's echo example on its `current_thread` runtime: a 1 KiB buffer
/// per connection, allocated when the connection is accepted (plus
/// `TCP_NODELAY`, as every other server here sets it).
fn tokio_serve() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    crate::peers::tokio_runtime().block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        println!("serving on {}", listener.local_addr().expect("addr"));
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                continue;
            };
            let _ = socket.set_nodelay(true);
            tokio::spawn(async move {
                let mut buf = vec![0; 1024];
                loop {
                    let n = match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    if socket.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
}

/// Runs the client against the server `command` starts; `None` (with a
/// note) when it cannot start or the run fails.
pub fn measure(label: &str, command: Command, connections: usize) -> Option<C10kReport> {
    let server = match ServerProcess::spawn(command) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("note: the {label} C10K server did not start: {e}");
            return None;
        }
    };
    match asyncio::run(c10k::c10k_client(&server, connections, ROUNDS, PAYLOAD)) {
        Ok(Ok(report)) => Some(report),
        Ok(Err(e)) => {
            eprintln!("note: C10K against {label} failed: {e}");
            None
        }
        Err(e) => {
            eprintln!("note: C10K against {label}: the loop failed: {e}");
            None
        }
    }
}

/// This bench binary again, serving `which`.
pub fn rust_server(which: &str) -> Option<Command> {
    let mut command = Command::new(std::env::current_exe().ok()?);
    command.args(["--serve", which]);
    Some(command)
}

/// `cpython_peer.py --serve`, on uvloop when `uvloop_path` is given.
pub fn python_server(uvloop_path: Option<&Path>) -> Option<Command> {
    let mut command = Command::new(python::python3()?);
    command.arg(crate::peers::peer_script()).arg("--serve");
    if let Some(path) = uvloop_path {
        command.arg("--uvloop").env("PYTHONPATH", path);
    }
    Some(command)
}

/// A `PYTHONPATH` under which uvloop imports: `target/bench-python`,
/// installed there with pip on first use (an interpreter that already has
/// uvloop imports it from anywhere). `None` when python3 is absent or pip
/// fails.
pub fn uvloop_path() -> Option<PathBuf> {
    let python = python::python3()?;
    let importable = |path: &Path| {
        Command::new(&python)
            .args(["-c", "import uvloop"])
            .env("PYTHONPATH", path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    // target/<profile>/examples/bench → target/bench-python
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.parent()?.join("bench-python");
    if importable(&dir) {
        return Some(dir);
    }
    eprintln!(
        "note: installing uvloop for the bench into {}",
        dir.display()
    );
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .env("PIP_ROOT_USER_ACTION", "ignore")
        .arg("--target")
        .arg(&dir)
        .arg("uvloop")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if installed && importable(&dir) {
        Some(dir)
    } else {
        eprintln!("note: uvloop could not be installed; its figures are null");
        None
    }
}
