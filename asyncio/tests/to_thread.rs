//! Cross-thread wake-ups: 10k `to_thread` completions, none lost. A
//! watchdog fails the test instead of letting it hang.

use asyncio::{gather, run, to_thread, TaskError};
use std::time::Duration;

#[path = "support/watchdog.rs"]
mod watchdog;
use watchdog::with_watchdog;

#[test]
fn ten_thousand_to_thread_completions_none_lost() {
    const N: usize = 10_000;
    let got = with_watchdog("the loop", Duration::from_secs(120), || {
        run(gather((0..N).map(|i| async move {
            to_thread(move || i * 2).await.unwrap()
        })))
        .unwrap()
        .unwrap()
    });
    assert_eq!(got, (0..N).map(|i| i * 2).collect::<Vec<_>>());
}

#[test]
fn a_panicking_closure_becomes_a_task_error() {
    let got = with_watchdog("the loop", Duration::from_secs(60), || {
        run(async { to_thread(|| -> u32 { panic!("worker boom") }).await }).unwrap()
    });
    assert_eq!(got, Err(TaskError::Panicked("worker boom".into())));
}

#[test]
fn completions_from_threads_racing_the_loop_are_all_delivered() {
    // Many loops one after another: each must get its wake-ups, none may
    // leak into the next loop.
    let total = with_watchdog("the loop", Duration::from_secs(120), || {
        (0..50)
            .map(|round| {
                run(gather((0..40).map(move |i| async move {
                    to_thread(move || round * 1000 + i).await.unwrap()
                })))
                .unwrap()
                .unwrap()
                .len()
            })
            .sum::<usize>()
    });
    assert_eq!(total, 50 * 40);
}

#[test]
fn an_idle_loop_after_cross_thread_wakes_blocks_instead_of_spinning() {
    let ticks = with_watchdog("the loop", Duration::from_secs(60), || {
        run(async {
            for i in 0..100u32 {
                assert_eq!(to_thread(move || i).await, Ok(i));
            }
            let before = asyncio::loop_stats().ticks;
            // Idle for 50 ms: a correct loop blocks in epoll_wait for a
            // tick or two; a loop whose eventfd stayed readable would spin
            // through thousands of ticks.
            asyncio::sleep(Duration::from_millis(50)).await;
            asyncio::loop_stats().ticks - before
        })
        .unwrap()
    });
    assert!(ticks < 20, "{ticks} ticks while idle");
}
