//! The loop's closed file set, compiled on its own: these eleven files —
//! and no other file of the crate — are enough to spawn, sleep, wake,
//! cancel and run. If one of them starts importing something outside the
//! set (say `task.rs` reaching for `net/`), this test stops compiling,
//! which keeps the `//!` blocks' "Needs:" lines honest. (The same trick
//! as `threading/tests/loom_gil.rs`, which compiles the GIL alone.)
//!
//! ```text
//!   runner ── context ── event_loop ──┬── timers ──┐
//!      │         │                    ├── reactor ─┼── slab
//!    sleep ──────┘                    ├── waker ───┘
//!                                     ├── task ──── error
//!                                     └── debug
//! ```
//!
//! The files' own unit tests come along and run here too.

// The allow: this test uses only part of the files' API.
#[allow(dead_code, unused_imports)]
#[path = "../src/context.rs"]
mod context;
#[allow(dead_code, unused_imports)]
#[path = "../src/debug.rs"]
mod debug;
#[allow(dead_code, unused_imports)]
#[path = "../src/error.rs"]
mod error;
#[allow(dead_code, unused_imports)]
#[path = "../src/event_loop.rs"]
mod event_loop;
#[allow(dead_code, unused_imports)]
#[path = "../src/reactor.rs"]
mod reactor;
#[allow(dead_code, unused_imports)]
#[path = "../src/runner.rs"]
mod runner;
#[allow(dead_code, unused_imports)]
#[path = "../src/slab.rs"]
mod slab;
#[allow(dead_code, unused_imports)]
#[path = "../src/sleep.rs"]
mod sleep;
#[allow(dead_code, unused_imports)]
#[path = "../src/task.rs"]
mod task;
#[allow(dead_code, unused_imports)]
#[path = "../src/timers.rs"]
mod timers;
#[allow(dead_code, unused_imports)]
#[path = "../src/waker.rs"]
mod waker;

use context::{loop_stats, spawn};
use error::TaskError;
use runner::run;
use sleep::{sleep, yield_now};
use std::time::Duration;

/// A run, spawns, a timer, a cancellation and the cleanup, on the closed
/// set alone: the facts are counts, not timings.
#[test]
fn the_closed_file_set_runs_a_program_on_its_own() {
    let (values, cancelled, after) = run(async {
        let sleepers: Vec<_> = (0..3u64)
            .map(|i| {
                spawn(async move {
                    sleep(Duration::from_millis(3 - i)).await;
                    i
                })
            })
            .collect();
        let forever = spawn(sleep(Duration::from_secs(3600)));
        yield_now().await;
        assert_eq!(loop_stats().timers_active, 4);
        assert!(forever.cancel());
        let mut values = Vec::new();
        for task in sleepers {
            values.push(task.await.unwrap());
        }
        (values, forever.await, loop_stats())
    })
    .unwrap();
    assert_eq!(values, vec![0, 1, 2]);
    assert_eq!(cancelled, Err(TaskError::Cancelled));
    assert_eq!((after.tasks, after.timers_active), (0, 0));
}
