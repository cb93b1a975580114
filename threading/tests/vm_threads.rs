//! Threads in the VM, asserted by counts and orders that cannot flake:
//! the GIL's "at most one thread inside" counter, `counter += 1` never
//! losing an update under the 3.12 policy (no check point between its load
//! and store), blocking builtins releasing the GIL (a handshake that would
//! hang otherwise), and the deadlock detector (exit 1 with a report instead
//! of hanging). Every run has a watchdog that fails instead of hanging.

use std::sync::mpsc;
use std::time::Duration;
use threading::gil::GilConfig;
use threading::timeline::LaneState;
use threading::{Config, Interpreter, RunOutcome};

fn run_with(preset: &str, src: &str) -> RunOutcome {
    let gil = GilConfig::preset(preset).expect("preset");
    let src = src.to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source("t.py", &src);
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("watchdog: the program did not finish within 60 s")
}

const RACE: &str = "\
import threading
import sys
sys.setswitchinterval(0.0002)
counter = 0
def work(n):
    global counter
    for _ in range(n):
        counter += 1
ts = [threading.Thread(target=work, args=(200000,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
";

#[test]
fn gil_modes_never_let_two_threads_run_bytecode_at_once() {
    for preset in ["2.7", "3.9", "3.12"] {
        let out = run_with(preset, RACE);
        assert_eq!(out.exit_code, 0, "{preset}: {}", out.stderr);
        assert_eq!(
            out.max_holders, 1,
            "{preset}: more than one thread inside the GIL"
        );
    }
}

#[test]
fn plain_increment_loses_no_update_under_the_312_policy() {
    // The 3.12 eval breaker checks only at RESUME / CALL / JUMP_BACKWARD, so
    // no switch can land between LOAD_GLOBAL and STORE_GLOBAL.
    let out = run_with("3.12", RACE);
    assert_eq!(out.stdout.trim(), "800000", "{}", out.stderr);
}

#[test]
fn every_instruction_policy_loses_updates() {
    // A 200 µs switch interval gives hundreds of switches, each landing
    // inside the 3-instruction read-modify-write with probability ~3/8.
    let out = run_with("3.9", RACE);
    let total: i64 = out.stdout.trim().parse().expect("a number");
    assert!(
        total < 800000,
        "3.9 policy lost no update ({total}); stats: {}",
        out.stats
    );
    assert!(out.stats.switches > 0);
}

#[test]
fn free_threaded_mode_stays_memory_safe() {
    let src = "\
import threading
xs = []
d = {}
def work(k):
    for i in range(5000):
        xs.append(i)
        d[i % 50] = k
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(xs), len(d))
";
    let out = run_with("3.13t", src);
    // Appends hold the list's own lock: none are lost even without a GIL.
    assert_eq!(out.stdout.trim(), "20000 50", "{}", out.stderr);
}

#[test]
fn blocking_builtins_release_the_gil() {
    // Each get() blocks until the other thread puts: if a blocking call
    // kept the GIL, the other thread could never put and this would hang
    // (the watchdog below fails it instead).
    // Then the sleep: the timeline must show the sleeper *Blocked* — GIL
    // released, inside `Gil::blocking` — for at least the time it slept.
    // That is a recorded fact, not a race between the two threads' output.
    let src = "\
import threading
import queue
import time
ping = queue.Queue()
pong = queue.Queue()
def player():
    for i in range(200):
        pong.put(ping.get() + 1)
    time.sleep(0.2)
    print('sleeper done')
t = threading.Thread(target=player, name='sleeper')
t.start()
n = 0
for i in range(200):
    ping.put(n)
    n = pong.get()
print('main got', n)
t.join()
";
    let gil = GilConfig {
        record_timeline: true,
        ..GilConfig::preset("3.12").expect("preset")
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source("t.py", src);
        let _ = tx.send(out);
    });
    let out = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("watchdog: the program did not finish within 60 s");
    let mut lines: Vec<&str> = out.stdout.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines, ["main got 200", "sleeper done"], "{}", out.stderr);
    let sleeper = out
        .timeline
        .lanes
        .iter()
        .find(|lane| lane.thread == "sleeper")
        .expect("a lane for the sleeper");
    let longest_blocked = sleeper
        .spans
        .iter()
        .filter(|span| span.state == LaneState::Blocked)
        .map(|span| span.end - span.start)
        .max()
        .unwrap_or_default();
    assert!(
        longest_blocked >= Duration::from_millis(200),
        "time.sleep(0.2) did not release the GIL for its whole sleep: {longest_blocked:?}"
    );
}

#[test]
fn deadlock_is_reported_instead_of_hanging() {
    let src = "\
import threading
a = threading.Lock()
b = threading.Lock()
got_a = threading.Event()
got_b = threading.Event()
def worker():
    a.acquire()
    got_a.set()
    got_b.wait()
    b.acquire()
t = threading.Thread(target=worker, name='worker')
t.start()
b.acquire()
got_a.wait()
got_b.set()
a.acquire()
print('unreachable')
";
    let out = run_with("3.12", src);
    assert_eq!(out.exit_code, 1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("deadlock"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("thread 'MainThread' waits on Lock.acquire() at line 16"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("thread 'worker' waits on Lock.acquire() at line 10"),
        "{}",
        out.stderr
    );
}

#[test]
fn join_on_a_stuck_thread_is_a_deadlock() {
    let src = "\
import threading
ev = threading.Event()
def waiter():
    ev.wait()
t = threading.Thread(target=waiter)
t.start()
t.join()
";
    let out = run_with("3.12", src);
    assert_eq!(out.exit_code, 1);
    assert!(
        out.stderr.contains("Event.wait() at line 4"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("Thread.join() of 'Thread-1 (waiter)' at line 7"),
        "{}",
        out.stderr
    );
}

#[test]
fn recursion_error_at_depth_1000_without_native_overflow() {
    let src = "\
def f(n):
    return 0 if n == 0 else 1 + f(n - 1)
print(f(998))
try:
    f(100000)
except RecursionError as e:
    print('RecursionError', e)
";
    let out = run_with("3.12", src);
    assert_eq!(
        out.stdout, "998\nRecursionError maximum recursion depth exceeded\n",
        "{}",
        out.stderr
    );
}

#[test]
fn ints_grow_past_64_bits_and_shrink_back() {
    let src = "x = 2 ** 62\nprint(x * 4)\nprint(x * 4 // 8 == 2 ** 61, type(x * 4 - x * 4))\n";
    let out = run_with("3.12", src);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "18446744073709551616\nTrue <class 'int'>\n");
}

#[test]
fn busy_handoffs_never_trigger_a_false_deadlock() {
    // Every primitive, many handoffs, no timeouts: a detector that judged a
    // waiter by a stale view (or a lost wake-up) would report a deadlock or
    // hang; both fail this test.
    let src = "\
import threading
import queue
lock = threading.Lock()
cond = threading.Condition()
sem = threading.Semaphore(0)
q = queue.Queue(maxsize=1)
box = []
def producer():
    for i in range(300):
        with cond:
            box.append(i)
            cond.notify()
        sem.release()
        q.put(i)
    q.put(None)
def consumer(out):
    got = 0
    while True:
        x = q.get()
        q.task_done()
        if x is None:
            break
        sem.acquire()
        with lock:
            got += 1
    out.append(got)
out = []
ts = [threading.Thread(target=producer), threading.Thread(target=consumer, args=(out,))]
for t in ts:
    t.start()
with cond:
    while len(box) < 300:
        cond.wait()
for t in ts:
    t.join()
q.join()
print(out, len(box))
";
    for preset in ["3.12", "3.13t", "2.7"] {
        let out = run_with(preset, src);
        assert_eq!(
            (out.exit_code, out.stdout.as_str()),
            (0, "[300] 300\n"),
            "{preset}: {}",
            out.stderr
        );
    }
}

#[test]
fn timed_waits_wake_on_the_event_not_the_timeout() {
    // Every wait has a 50 s timeout and the watchdog allows 60 s in total:
    // a waiter that is not woken by set/put/notify/release fails the test.
    let src = "\
import threading
import queue
ev = threading.Event()
q = queue.Queue()
cond = threading.Condition()
lock = threading.Lock()
lock.acquire()
ready = []
def helper():
    ev.set()
    q.put('item')
    with cond:
        ready.append(1)
        cond.notify()
    lock.release()
t = threading.Thread(target=helper)
t.start()
print(ev.wait(50))
print(q.get(timeout=50))
with cond:
    while not ready:
        cond.wait(50)
print(lock.acquire(timeout=50))
t.join()
";
    let out = run_with("3.12", src);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, "True\nitem\nTrue\n"),
        "{}",
        out.stderr
    );
}
