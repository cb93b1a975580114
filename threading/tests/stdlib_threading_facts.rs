//! The threading facts of issue 15, counted: what the standard library's
//! blocking calls do with the GIL, how daemon threads end, what the
//! deadlock report names, and what `start()` promises.
//!
//! How the GIL facts are made deterministic. Each program sets
//! `sys.setswitchinterval(1000)`: no thread ever asks another to drop the
//! GIL, so a thread gives it up only by blocking (CPython's eval breaker
//! works the same way). The thread under test is started with `start()`
//! and runs, holding the GIL, until it blocks in the call under test; only
//! then can the main thread run again. So after `start()` returns in the
//! main thread, the other thread *is* blocked, and everything the main
//! thread does next happens during that block. The timeline then shows
//! the blocked thread's Blocked span enclosing Running spans of the main
//! thread — which is impossible if the blocking call kept the GIL (the
//! program would hang, and the watchdog fails the test instead).
//! The old GIL (2.7) switches every 100 ticks whatever the interval, and
//! the free-threaded mode has no GIL: these facts are asserted under the
//! 3.9 and 3.12 presets.
//!
//! Python equivalent: `Py_BEGIN_ALLOW_THREADS` around the lock waits that
//! `queue.Queue.put`, `threading.Barrier.wait` and
//! `concurrent.futures.Future.result` all end in.

use std::sync::mpsc;
use std::time::Duration;
use threading::gil::GilConfig;
use threading::timeline::{Lane, LaneState, Span};
use threading::{Config, Interpreter, RunOutcome};

/// Runs `src` under `preset` (timeline recorded), failing the test
/// instead of hanging.
fn run_with(preset: &str, src: &str) -> RunOutcome {
    let gil = GilConfig {
        record_timeline: true,
        ..GilConfig::preset(preset).expect("preset")
    };
    let src = src.to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source("t.py", &src);
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("watchdog: the program did not finish within 60 s")
}

/// The lane of the thread called `name`.
fn lane<'a>(out: &'a RunOutcome, name: &str) -> &'a Lane {
    out.timeline
        .lanes
        .iter()
        .find(|l| l.thread == name)
        .unwrap_or_else(|| panic!("no lane for {name}: {:?}", lane_names(out)))
}

fn lane_names(out: &RunOutcome) -> Vec<&str> {
    out.timeline
        .lanes
        .iter()
        .map(|l| l.thread.as_str())
        .collect()
}

fn spans(lane: &Lane, state: LaneState) -> impl Iterator<Item = &Span> {
    lane.spans.iter().filter(move |s| s.state == state)
}

/// How many Running spans of `runner` begin while `blocked` is in one
/// Blocked span (the most for any one Blocked span). The runner's span
/// may outlast the block: it is the runner that ends it.
fn running_inside_blocked(out: &RunOutcome, blocked: &str, runner: &str) -> usize {
    let runner = lane(out, runner);
    spans(lane(out, blocked), LaneState::Blocked)
        .map(|b| {
            spans(runner, LaneState::Running)
                .filter(|r| b.start <= r.start && r.start < b.end)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Asserts the program printed `want` and that, while `blocked` was
/// Blocked, `runner` ran.
fn assert_blocked_while_other_runs(src: &str, want: &str, blocked: &str, runner: &str) {
    for preset in ["3.9", "3.12"] {
        let out = run_with(preset, src);
        assert_eq!(
            (out.exit_code, out.stdout.as_str()),
            (0, want),
            "{preset}: {}",
            out.stderr
        );
        let inside = running_inside_blocked(&out, blocked, runner);
        assert!(
            inside >= 1,
            "{preset}: no Running span of {runner} inside a Blocked span of {blocked}: {:?}",
            out.timeline.lanes
        );
    }
}

#[test]
fn a_thread_blocked_in_a_full_queue_put_lets_others_run() {
    let src = "\
import queue
import sys
import threading
sys.setswitchinterval(1000)
q = queue.Queue(maxsize=1)
q.put('first')
def produce():
    q.put('second')
producer = threading.Thread(target=produce, name='producer')
producer.start()
total = sum(range(1000))
print(q.get(), total, q.full())
producer.join()
print(q.get(), q.empty())
";
    assert_blocked_while_other_runs(
        src,
        "first 499500 False\nsecond True\n",
        "producer",
        "MainThread",
    );
}

#[test]
fn a_thread_blocked_in_barrier_wait_lets_others_run() {
    let src = "\
import sys
import threading
sys.setswitchinterval(1000)
gate = threading.Barrier(2)
order = []
def runner():
    order.append('runner at the gate')
    gate.wait()
    order.append('runner through')
t = threading.Thread(target=runner, name='runner')
t.start()
order.append(f'main sees {gate.n_waiting} waiting')
gate.wait()
t.join()
print(order[:2], sorted(order[2:]))
";
    assert_blocked_while_other_runs(
        src,
        "['runner at the gate', 'main sees 1 waiting'] ['runner through']\n",
        "runner",
        "MainThread",
    );
}

#[test]
fn a_thread_blocked_in_future_result_lets_others_run() {
    let src = "\
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
sys.setswitchinterval(1000)
go = threading.Event()
def task():
    go.wait()
    return 42
got = []
with ThreadPoolExecutor(max_workers=1) as pool:
    fut = pool.submit(task)
    client = threading.Thread(target=lambda: got.append(fut.result()), name='client')
    client.start()
    before = (fut.done(), len(got))
    go.set()
    client.join()
print(before, got)
";
    assert_blocked_while_other_runs(src, "(False, 0) [42]\n", "client", "MainThread");
}

#[test]
fn daemon_threads_do_not_delay_exit() {
    // One daemon blocked forever with no timeout, one spinning: neither
    // keeps the process alive, and a blocked daemon is no deadlock.
    let src = "\
import threading
forever = threading.Event()
spun = []
def sleeper():
    forever.wait()
def spinner():
    while True:
        spun.append(1)
        del spun[:]
for target in (sleeper, spinner):
    threading.Thread(target=target, daemon=True).start()
print('main done', threading.active_count())
";
    for preset in ["2.7", "3.9", "3.12", "3.13t"] {
        let out = run_with(preset, src);
        assert_eq!(
            (out.exit_code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "main done 3\n", ""),
            "{preset}"
        );
    }
}

#[test]
fn a_daemon_in_a_fused_countdown_loop_stops_at_exit() {
    // `while n > 0: n -= 1` runs as one jump-threaded superinstruction
    // under the >= 3.10 policy, whose only check point is the fused
    // backward jump's eval-breaker read (`gil/breaker.rs`): the stop of a
    // finishing interpreter must reach it there, as it reaches the plain
    // JUMP_BACKWARD of <= 3.9. The count would take days; the test's
    // harness fails it on a hang instead of waiting.
    let src = "\
import threading
started = threading.Event()
def countdown():
    started.set()
    n = 10 ** 15
    while n > 0:
        n -= 1
threading.Thread(target=countdown, daemon=True).start()
started.wait()
print('main done', threading.active_count())
";
    for preset in ["2.7", "3.9", "3.12", "3.13t"] {
        let out = run_with(preset, src);
        assert_eq!(
            (out.exit_code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "main done 2\n", ""),
            "{preset}"
        );
    }
}

#[test]
fn start_returns_once_the_thread_runs() {
    // CPython's start() waits for the new thread's `_started` event, for
    // subclasses too: ident, native_id, is_alive() and enumerate() all
    // know the thread when start() returns, in every era.
    let src = "\
import threading
class Worker(threading.Thread):
    def __init__(self):
        super().__init__(name='worker')
        self.release = threading.Event()
    def run(self):
        self.release.wait()
w = Worker()
before = (w.ident, w.native_id, w.is_alive())
w.start()
after = (w.ident is not None, w.native_id is not None, w.is_alive(), w in threading.enumerate())
w.release.set()
w.join()
print(before, after, w.is_alive())
";
    for preset in ["2.7", "3.9", "3.12", "3.13t"] {
        let out = run_with(preset, src);
        assert_eq!(
            (out.exit_code, out.stdout.as_str()),
            (0, "(None, None, False) (True, True, True, True) False\n"),
            "{preset}: {}",
            out.stderr
        );
    }
}

/// Asserts a deadlock report: exit 1, nothing printed, and each of
/// `waits` (thread, what, line) named.
fn assert_deadlock(src: &str, waits: &[(&str, &str, u32)]) {
    for preset in ["3.9", "3.12", "3.13t"] {
        let out = run_with(preset, src);
        assert_eq!((out.exit_code, out.stdout.as_str()), (1, ""), "{preset}");
        assert!(out.stderr.contains("deadlock"), "{preset}: {}", out.stderr);
        for (thread, what, line) in waits {
            let want = format!("thread '{thread}' waits on {what} at line {line}");
            assert!(
                out.stderr.contains(&want),
                "{preset}: no {want:?} in\n{}",
                out.stderr
            );
        }
    }
}

#[test]
fn two_barriers_waited_crosswise_are_reported_as_a_deadlock() {
    let src = "\
import threading
first = threading.Barrier(2)
second = threading.Barrier(2)
def crew():
    first.wait()
t = threading.Thread(target=crew, name='crew')
t.start()
second.wait()
print('unreachable')
";
    assert_deadlock(
        src,
        &[
            ("crew", "Barrier.wait()", 5),
            ("MainThread", "Barrier.wait()", 8),
        ],
    );
}

#[test]
fn a_future_waiting_on_its_own_pools_only_worker_is_a_deadlock() {
    let src = "\
from concurrent.futures import ThreadPoolExecutor
pool = ThreadPoolExecutor(max_workers=1)
def inner():
    return 42
def outer():
    inner_future = pool.submit(inner)
    return inner_future.result()
print(pool.submit(outer).result())
";
    assert_deadlock(
        src,
        &[
            ("ThreadPoolExecutor-0_0", "Future.result()", 7),
            ("MainThread", "Future.result()", 8),
        ],
    );
}
