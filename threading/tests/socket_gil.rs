//! # Sockets and the GIL: facts that cannot flake
//!
//! - A thread blocked in `accept` or `recv` does not hold the GIL: its
//!   timeline lane is Blocked while the main thread's lane is Running. The
//!   programs make that overlap *certain*, not likely: with a switch
//!   interval of 1000 s nobody can take the GIL from the started thread by
//!   asking for it, so the main thread runs again only once that thread
//!   gives the GIL up — and the first place it can is its `accept`/`recv`,
//!   which then cannot return before the main thread (running) connects or
//!   sends. Had the socket call kept the GIL, the run would hang (the
//!   watchdog fails the test instead).
//! - A thread blocked on I/O is not deadlocked: joining it is no deadlock
//!   report.
//! - Daemon threads blocked in `accept` and `recv` do not keep the
//!   interpreter from ending.

use std::sync::mpsc;
use std::time::Duration;
use threading::gil::GilConfig;
use threading::timeline::{LaneState, Span, Timeline};
use threading::{Config, Interpreter, RunOutcome};

/// Runs `src` under `preset` with the timeline on; fails (instead of
/// hanging) after 120 s.
fn run(preset: &str, src: &'static str) -> RunOutcome {
    let gil = GilConfig {
        record_timeline: true,
        ..GilConfig::preset(preset).expect("preset")
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source("net.py", src);
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("the program hung: a socket call kept the GIL, or exit waited for a daemon")
}

/// The spans of `thread` in `state`.
fn spans(timeline: &Timeline, thread: &str, state: LaneState) -> Vec<Span> {
    timeline
        .lanes
        .iter()
        .filter(|lane| lane.thread == thread)
        .flat_map(|lane| lane.spans.iter().copied())
        .filter(|span| span.state == state)
        .collect()
}

/// Whether some Running span of `runner` lies inside some Blocked span of
/// `blocked`.
fn runs_while_blocked(timeline: &Timeline, runner: &str, blocked: &str) -> bool {
    let blocked_spans = spans(timeline, blocked, LaneState::Blocked);
    spans(timeline, runner, LaneState::Running)
        .iter()
        .any(|run| {
            blocked_spans
                .iter()
                .any(|b| b.start <= run.start && run.end <= b.end)
        })
}

const ACCEPT: &str = "\
import socket
import sys
import threading
sys.setswitchinterval(1000)
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen()
got = []
def serve():
    conn, _ = server.accept()
    got.append(conn.recv(5))
    conn.close()
t = threading.Thread(target=serve, name='acceptor')
t.start()
client = socket.create_connection(server.getsockname())
client.sendall(b'hello')
t.join()
client.close()
server.close()
print(got)
";

#[test]
fn a_thread_blocked_in_accept_does_not_hold_the_gil() {
    let out = run("3.12", ACCEPT);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, "[b'hello']\n"),
        "{}",
        out.stderr
    );
    assert!(
        runs_while_blocked(&out.timeline, "MainThread", "acceptor"),
        "MainThread never ran while the acceptor was blocked: {:?}",
        out.timeline.lanes
    );
}

const RECV: &str = "\
import socket
import sys
import threading
sys.setswitchinterval(1000)
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen()
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
got = []
def read():
    got.append(conn.recv(5))
t = threading.Thread(target=read, name='reader')
t.start()
client.sendall(b'hello')
t.join()
for s in (client, conn, server):
    s.close()
print(got)
";

#[test]
fn a_thread_blocked_in_recv_does_not_hold_the_gil() {
    let out = run("3.12", RECV);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, "[b'hello']\n"),
        "{}",
        out.stderr
    );
    assert!(
        runs_while_blocked(&out.timeline, "MainThread", "reader"),
        "MainThread never ran while the reader was blocked: {:?}",
        out.timeline.lanes
    );
}

const JOIN_A_READER: &str = "\
import socket
import threading
server = socket.create_server(('127.0.0.1', 0))
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.settimeout(0.2)
def read():
    try:
        conn.recv(1)
    except TimeoutError as e:
        print('reader:', e)
t = threading.Thread(target=read)
t.start()
t.join()
print('joined')
";

#[test]
fn joining_a_thread_blocked_in_recv_is_not_a_deadlock() {
    for preset in ["3.12", "2.7", "3.13t"] {
        let out = run(preset, JOIN_A_READER);
        assert_eq!(
            (out.exit_code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "reader: timed out\njoined\n", ""),
            "{preset}"
        );
    }
}

const DAEMONS: &str = "\
import socket
import threading
server = socket.create_server(('127.0.0.1', 0))
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
def accept_forever():
    while True:
        server.accept()
def read_forever():
    while True:
        conn.recv(10)
threading.Thread(target=accept_forever, daemon=True).start()
threading.Thread(target=read_forever, daemon=True).start()
print('main done')
";

#[test]
fn daemon_threads_blocked_in_accept_and_recv_do_not_delay_exit() {
    for preset in ["3.12", "3.13t"] {
        let out = run(preset, DAEMONS);
        assert_eq!(
            (out.exit_code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "main done\n", ""),
            "{preset}"
        );
    }
}
