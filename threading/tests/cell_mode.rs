//! The claimed process (`object/cell_mode.rs`): what the `minipy` CLI does
//! before its one run — objects use only the synchronisation that run
//! needs (no cell locks and plain reference counts under a GIL; plain
//! counts in a free-threaded run until its second thread starts).
//!
//! This file is its own test binary, so its claim touches no other test;
//! everything runs in ONE test function, in order, because a claimed
//! process must not run two programs at once (the harness would run
//! separate `#[test]`s on parallel threads).
//!
//! 1. The claim takes before any run, and again (idempotent).
//! 2. The whole differential corpus runs under the claim (every thread
//!    program in it shares lists, dicts and instances through the GIL
//!    alone) and prints the committed CPython stdout and exit status.
//! 3. Threads hammering shared containers end with exact totals, in both
//!    GIL eras and free-threaded (where the counts turn atomic when the
//!    first extra thread starts), and a free-threaded run with one thread.
//! 4. A second run while one is going on is refused by a panic naming the
//!    claim (the first run is held in a socket read the test controls, so
//!    no timing is involved), and the first run still finishes.

use std::path::Path;

mod corpus_files;
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

fn run(preset: &str, src: &str) -> threading::RunOutcome {
    let gil = GilConfig::preset(preset).expect("preset");
    Interpreter::new(Config { gil, capture: true }).run_source("t.py", src)
}

/// Four threads append to one list, bump one dict's keys under a lock,
/// and set attributes of one instance; the totals are exact because the
/// GIL (and, for the read-modify-write, the lock) serialise them.
const HAMMER: &str = "\
import threading
xs = []
d = {}
class Box: pass
b = Box()
lock = threading.Lock()
def work(k):
    for i in range(20000):
        xs.append(i)
        with lock:
            d[i % 7] = d.get(i % 7, 0) + 1
        setattr(b, 'a%d' % (i % 5), i)
        if i % 3 == 0:
            xs.pop()
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(xs), sum(d.values()), sorted(d), sorted(vars(b)))
";

#[test]
fn a_claimed_process_runs_one_program_at_a_time_with_less_synchronisation() {
    // 1. The claim.
    assert!(threading::interp::claim_process_for_one_run());
    assert!(threading::interp::claim_process_for_one_run());

    // 2. The corpus, sequentially.
    let mut failures = Vec::new();
    for path in corpus_files::programs("programs", &["regen.py"]) {
        let (want_out, want_status) = corpus_files::expected(&path);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let bytes = std::fs::read(&path).expect("read program");
        let got = Interpreter::new(Config {
            capture: true,
            ..Config::default()
        })
        .run_bytes_in(path.parent().unwrap_or(Path::new(".")), name, &bytes);
        if got.stdout != want_out || got.exit_code != want_status {
            failures.push(format!(
                "{name}: exit {} (want {want_status})\n--- want\n{want_out}--- got\n{}{}",
                got.exit_code, got.stdout, got.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // 3. Shared containers from four threads: both GIL eras and
    //    free-threaded; then one free-threaded thread alone.
    for preset in ["3.12", "3.9", "3.13t"] {
        let out = run(preset, HAMMER);
        assert_eq!(out.exit_code, 0, "{preset}: {}", out.stderr);
        assert_eq!(
            out.stdout, "53332 80000 [0, 1, 2, 3, 4, 5, 6] ['a0', 'a1', 'a2', 'a3', 'a4']\n",
            "{preset}"
        );
    }
    let alone = run(
        "3.13t",
        "xs = [[i] for i in range(1000)]\nys = [x for x in xs if x[0] % 2]\nprint(len(ys), ys[-1])\n",
    );
    assert_eq!(alone.stdout, "500 [999]\n", "{}", alone.stderr);

    // 4. A second run while one is going on. The first connects to a
    //    listener of this test and waits for a byte; once the test has
    //    accepted the connection, the first run is certainly going on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let first = std::thread::spawn(move || {
        run(
            "3.12",
            &format!(
                "import socket\ns = socket.create_connection(('127.0.0.1', {port}))\n\
                 print(s.recv(1))\ns.close()\n"
            ),
        )
    });
    let (mut conn, _) = listener.accept().expect("the first run connects");
    let refused = std::panic::catch_unwind(|| run("3.12", "print(1)"));
    let message = refused.expect_err("a second concurrent run in a claimed process must panic");
    let text = message
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| message.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(text.contains("claim_one_run_at_a_time"), "{text}");
    std::io::Write::write_all(&mut conn, b"k").expect("send");
    let out = first.join().expect("the first run ends");
    assert_eq!(out.stdout, "b'k'\n", "{}", out.stderr);
    // ... and the refusal took no ticket: the next run starts.
    assert_eq!(run("3.12", "print(2)").stdout, "2\n");
}
