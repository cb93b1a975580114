//! Race shapes with objects, counted: `self.n += 1` in a method loses
//! updates under 3.9 and 3.13t, never under 3.12, and never in any era
//! with a Lock; and the free-threaded mode's per-object locks keep shared
//! dicts, sets and instance dicts consistent (no lost or phantom entries).
//!
//! Certain, not lucky. A lost update needs a switch (or true parallelism)
//! *inside* the read-modify-write window, so the workers do not run a
//! fixed number of iterations: they run until they have seen `TARGET`
//! handoffs — each time a worker finds that another thread ran since its
//! own last iteration (`owner` changed), it counts one. Under 3.9 about one
//! switch in ten lands between `LOAD_ATTR` and `STORE_ATTR` (two of the
//! loop's check points sit there: `tests/check_points.rs`), so after 300
//! handoffs the chance that none did is below 1e-13. Under 3.12 the window
//! holds no check point at all, so nothing can be lost whatever happens.
//! An iteration cap keeps a run finite if an era switches rarely; the
//! lossy assertions also require that the target was reached, so a capped
//! run fails loudly instead of passing or failing by luck.

use std::sync::mpsc;
use std::time::Duration;
use threading::gil::GilConfig;
use threading::{Config, Interpreter, RunOutcome};

fn run_with(preset: &str, src: &str) -> RunOutcome {
    let gil = GilConfig::preset(preset).expect("preset");
    let src = src.to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source("race.py", &src);
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("watchdog: the program did not finish within 120 s")
}

/// Two workers bump one shared counter object through a method until they
/// have seen `TARGET` handoffs (or `CAP` iterations each); prints
/// `lost handoffs` (lost = increments made minus increments stored).
fn race_program(bump_body: &str, target: u32) -> String {
    format!(
        "\
import sys
import threading
sys.setswitchinterval(0.0005)
TARGET = {target}
CAP = 30000000

class Counter:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    def bump(self):
{bump_body}

class Worker(threading.Thread):
    def __init__(self, slot, counter, done):
        super().__init__()
        self.slot = slot
        self.counter = counter
        self.done = done

    def run(self):
        global owner, handoffs
        me = self.slot
        made = 0
        while handoffs < TARGET and made < CAP:
            if owner != me:
                owner = me
                handoffs += 1
            self.counter.bump()
            made += 1
        self.done[me] = made

owner = -1
handoffs = 0
counter = Counter()
done = [0, 0]
workers = [Worker(slot, counter, done) for slot in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sum(done) - counter.n, handoffs)
"
    )
}

const PLAIN: &str = "        self.n += 1";
const LOCKED: &str = "        with self.lock:\n            self.n += 1";

/// `(lost, handoffs)` of a run.
fn race(preset: &str, bump_body: &str, target: u32) -> (i64, u32) {
    let out = run_with(preset, &race_program(bump_body, target));
    assert_eq!(out.exit_code, 0, "{preset}: {}", out.stderr);
    let mut fields = out.stdout.split_whitespace();
    let lost = fields.next().and_then(|f| f.parse().ok());
    let handoffs = fields.next().and_then(|f| f.parse().ok());
    match (lost, handoffs) {
        (Some(lost), Some(handoffs)) => (lost, handoffs),
        _ => panic!("{preset}: unexpected output {:?}", out.stdout),
    }
}

#[test]
fn method_increment_loses_updates_under_39() {
    let (lost, handoffs) = race("3.9", PLAIN, 300);
    assert!(handoffs >= 300, "only {handoffs} handoffs: raise CAP");
    assert!(lost > 0, "3.9: no update lost in {handoffs} handoffs");
}

#[test]
fn method_increment_loses_nothing_under_312() {
    // Switches happen (the target is reached), but only at the method
    // call, the method's RESUME and the loop's back edge.
    let (lost, handoffs) = race("3.12", PLAIN, 300);
    assert!(handoffs >= 300, "only {handoffs} handoffs: raise CAP");
    assert_eq!(lost, 0, "3.12 lost updates");
}

#[test]
fn method_increment_loses_updates_without_a_gil() {
    // Two OS threads run the window truly at once (or are preempted by the
    // OS inside it): a larger target, because an observed handoff here is
    // cheap and not every one overlaps a window.
    let (lost, handoffs) = race("3.13t", PLAIN, 3000);
    // One lost update proves the shape, however few handoffs it took: on a
    // loaded machine the two threads seldom overlap, and a fast loop can
    // reach the iteration cap first. Only a run that lost nothing needs the
    // target, to make its "nothing lost" a failure rather than bad luck.
    assert!(
        lost > 0 || handoffs >= 3000,
        "only {handoffs} handoffs and nothing lost: raise CAP"
    );
    assert!(lost > 0, "3.13t: no update lost in {handoffs} handoffs");
}

#[test]
fn a_lock_in_the_method_loses_nothing_in_any_era() {
    for preset in GilConfig::PRESETS {
        let (lost, _) = race(preset, LOCKED, 300);
        assert_eq!(lost, 0, "{preset} lost updates under a Lock");
    }
}

#[test]
fn free_threaded_dicts_sets_and_instance_dicts_stay_consistent() {
    // Four threads grow one dict, one set and one instance's __dict__ with
    // keys of their own, then delete every other one, all at once: every
    // resize races with the other threads' inserts. The per-object locks
    // must leave exactly the surviving keys, each with its own value.
    let src = "\
import threading

class Shared:
    pass

N = 4000
table = {}
members = set()
obj = Shared()
start = threading.Barrier(4)

def work(k):
    start.wait()
    for i in range(N):
        table[(k, i)] = i
        members.add((k, i))
        setattr(obj, 'a%d_%d' % (k, i), i)
    for i in range(0, N, 2):
        del table[(k, i)]
        members.discard((k, i))
        delattr(obj, 'a%d_%d' % (k, i))

threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
attrs = vars(obj)
print(len(table), len(members), len(attrs))
print(all(table[(k, i)] == i for k in range(4) for i in range(1, N, 2)))
print(all((k, i) in members for k in range(4) for i in range(1, N, 2)))
print(all(attrs['a%d_%d' % (k, i)] == i for k in range(4) for i in range(1, N, 2)))
print(sum(table.values()) == sum(attrs.values()) == 4 * sum(range(1, N, 2)))
";
    let out = run_with("3.13t", src);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "8000 8000 8000\nTrue\nTrue\nTrue\nTrue\n");
}
