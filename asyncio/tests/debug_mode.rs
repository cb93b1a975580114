//! Debug mode names the task that blocked the loop; the timeline records
//! each task's polls. Both are off by default.

use asyncio::{sleep, spawn_named, yield_now, Config, Runner};
use std::time::Duration;

#[test]
fn a_poll_longer_than_slow_callback_duration_is_reported_by_name() {
    let mut runner = Runner::new(Config {
        debug: true,
        slow_callback_duration: Duration::from_millis(20),
        record_timeline: false,
    });
    runner
        .run(async {
            let blocker = spawn_named("cruncher", async {
                // A blocking call inside a task: the bug debug mode finds.
                std::thread::sleep(Duration::from_millis(40));
            });
            let polite = spawn_named("polite", async {
                sleep(Duration::from_millis(1)).await;
            });
            blocker.await.unwrap();
            polite.await.unwrap();
        })
        .unwrap();
    // The cruncher is always flagged. (Another poll could be flagged too
    // if the OS preempted the thread for 20 ms mid-poll on a loaded
    // machine, so the test does not insist that the list holds nothing
    // else.)
    let cruncher = runner
        .slow_polls()
        .iter()
        .find(|s| s.task == "cruncher")
        .expect("the blocking task is named");
    assert!(cruncher.duration >= Duration::from_millis(40));
    assert!(runner.timeline().is_empty(), "timeline not requested");
}

#[test]
fn the_timeline_has_one_lane_per_task_with_ordered_polls() {
    let mut runner = Runner::new(Config {
        debug: false,
        slow_callback_duration: Duration::from_millis(100),
        record_timeline: true,
    });
    runner
        .run(async {
            let a = spawn_named("a", async {
                for _ in 0..3 {
                    yield_now().await;
                }
            });
            let b = spawn_named("b", async { yield_now().await });
            a.await.unwrap();
            b.await.unwrap();
        })
        .unwrap();
    let lanes = runner.timeline();
    let lane = |name: &str| lanes.iter().find(|l| l.name == name).expect("lane");
    assert_eq!(lane("a").polls.len(), 4);
    assert_eq!(lane("b").polls.len(), 2);
    assert!(lane("main").polls.len() >= 2);
    for l in lanes {
        for w in l.polls.windows(2) {
            assert!(w[0].1 <= w[1].0, "polls of one task never overlap");
        }
        assert!(l.polls.iter().all(|(start, end)| start <= end));
    }
    assert!(runner.slow_polls().is_empty(), "debug warnings off");
}
