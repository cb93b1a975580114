//! Cancelling a task, timing out an await, and a TaskGroup whose first
//! failure cancels its siblings.
//!
//! ```text
//! cargo run -p asyncio --example cancellation_and_timeouts
//! ```
//!
//! Python equivalent:
//! ```python
//! task = asyncio.create_task(worker()); task.cancel()
//! try: await asyncio.wait_for(slow(), 0.05)
//! except TimeoutError: ...
//! async with asyncio.TaskGroup() as tg: tg.create_task(...)
//! ```

use asyncio::{loop_stats, sleep, spawn_named, wait_for, TaskError, TaskGroup};
use std::time::Duration;

/// Prints when dropped: Rust's cancellation is drop, so this is the
/// `finally:` block of a cancelled coroutine.
struct Finally(&'static str);

impl Drop for Finally {
    fn drop(&mut self) {
        println!("  finally: {} cleaned up", self.0);
    }
}

fn main() -> Result<(), asyncio::Error> {
    // A one-line panic report instead of the default hook's backtrace: the
    // loop catches the panic anyway (Python logs "Task exception was never
    // retrieved" in the same spirit).
    std::panic::set_hook(Box::new(|info| eprintln!("  (a task panicked: {info})")));
    asyncio::run(async {
        println!("1. task.cancel()");
        let worker = spawn_named("worker", async {
            let _cleanup = Finally("worker");
            sleep(Duration::from_secs(3600)).await;
        });
        sleep(Duration::from_millis(10)).await;
        worker.cancel();
        println!("  awaiting the task gives {:?}", worker.await);

        println!("2. wait_for(50 ms, a 1 h sleep)");
        let outcome = wait_for(Duration::from_millis(50), async {
            let _cleanup = Finally("slow operation");
            sleep(Duration::from_secs(3600)).await;
        })
        .await;
        println!(
            "  result {outcome:?}; timers left: {}",
            loop_stats().timers_active
        );

        println!("3. TaskGroup: one child panics, the others are cancelled");
        let group = TaskGroup::new();
        for name in ["a", "b"] {
            group.create_task(async move {
                let _cleanup = Finally(name);
                sleep(Duration::from_secs(3600)).await;
            });
        }
        group.create_task(async {
            sleep(Duration::from_millis(10)).await;
            panic!("child c failed");
        });
        match group.wait().await {
            Ok(()) => println!("  all children succeeded"),
            Err(errors) => {
                for e in errors {
                    assert!(matches!(e, TaskError::Panicked(_)));
                    println!("  group error: {e}");
                }
            }
        }
    })
}
