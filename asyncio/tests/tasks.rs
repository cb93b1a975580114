//! Tasks, gather, wait, panics: facts, never timings (cancellation has
//! its own file).

use asyncio::{
    gather, gather_return_exceptions, run, sleep, spawn, spawn_named, wait, yield_now, Error,
    ReturnWhen, TaskError,
};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

#[test]
fn run_returns_the_main_futures_value() {
    assert_eq!(run(async { 6 * 7 }).unwrap(), 42);
}

#[test]
fn spawned_tasks_return_values_through_their_handles() {
    let got = run(async {
        let a = spawn(async { 1 });
        let b = spawn_named("two", async { 2 });
        assert_eq!(b.name(), "two");
        assert!(a.name().starts_with("Task-"));
        (a.await.unwrap(), b.await.unwrap())
    })
    .unwrap();
    assert_eq!(got, (1, 2));
}

#[test]
fn gather_keeps_list_order_not_finish_order() {
    let got = run(async {
        gather((0..10u64).map(|i| async move {
            // Later items finish first.
            sleep(Duration::from_millis(10 - i)).await;
            i
        }))
        .await
    })
    .unwrap()
    .unwrap();
    assert_eq!(got, (0..10).collect::<Vec<_>>());
}

#[test]
fn yield_now_interleaves_tasks_round_robin() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let log2 = Rc::clone(&log);
    run(async move {
        let tasks: Vec<_> = (0..3)
            .map(|id| {
                let log = Rc::clone(&log2);
                spawn(async move {
                    for step in 0..3 {
                        log.borrow_mut().push((step, id));
                        yield_now().await;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
    })
    .unwrap();
    let expected: Vec<(i32, i32)> = (0..3)
        .flat_map(|step| (0..3).map(move |id| (step, id)))
        .collect();
    assert_eq!(*log.borrow(), expected);
}

#[test]
fn a_panicking_task_is_isolated() {
    let got = run(async {
        let bad = spawn(async {
            yield_now().await;
            panic!("boom");
        });
        let good = spawn(async {
            yield_now().await;
            yield_now().await;
            "still running"
        });
        (bad.await, good.await)
    })
    .unwrap();
    assert_eq!(got.0, Err(TaskError::Panicked("boom".into())));
    assert_eq!(got.1, Ok("still running"));
}

#[test]
fn gather_return_exceptions_collects_every_outcome() {
    let got = run(async {
        gather_return_exceptions((0..4).map(|i| async move {
            yield_now().await;
            if i == 2 {
                panic!("item {i} failed");
            }
            i
        }))
        .await
    })
    .unwrap();
    assert_eq!(
        got,
        vec![
            Ok(0),
            Ok(1),
            Err(TaskError::Panicked("item 2 failed".into())),
            Ok(3)
        ]
    );
}

#[test]
fn gather_reports_the_first_failure() {
    let got = run(async {
        gather((0..4).map(|i| async move {
            if i >= 1 {
                panic!("item {i}");
            }
            i
        }))
        .await
    })
    .unwrap();
    assert_eq!(got, Err(TaskError::Panicked("item 1".into())));
}

#[test]
fn wait_first_completed_splits_done_and_pending() {
    run(async {
        let quick = spawn(async { 1 });
        let slow = spawn(async {
            sleep(Duration::from_secs(3600)).await;
            2
        });
        let (done, pending) = wait(vec![slow, quick], ReturnWhen::FirstCompleted).await;
        assert_eq!((done.len(), pending.len()), (1, 1));
        for t in pending {
            t.cancel();
            assert_eq!(t.await, Err(TaskError::Cancelled));
        }
        for t in done {
            assert_eq!(t.await, Ok(1));
        }
        let tasks: Vec<_> = (0..5).map(|i| spawn(async move { i })).collect();
        let (done, pending) = wait(tasks, ReturnWhen::AllCompleted).await;
        assert_eq!((done.len(), pending.len()), (5, 0));
    })
    .unwrap();
}

#[test]
fn nested_run_is_an_error_not_a_deadlock() {
    let inner = run(async { run(async { 1 }) }).unwrap();
    assert!(matches!(inner, Err(Error::NestedRun)));
}

#[test]
fn spawn_outside_a_loop_panics_with_a_clear_message() {
    let err = std::panic::catch_unwind(|| drop(spawn(async {}))).unwrap_err();
    let msg = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(msg.contains("outside asyncio::run"), "{msg}");
}

#[test]
fn a_panic_in_main_propagates_and_the_next_run_starts_clean() {
    let caught = std::panic::catch_unwind(|| {
        run(async {
            // A task left running when main panics is dropped on unwind.
            drop(spawn(sleep(std::time::Duration::from_secs(3600))));
            yield_now().await;
            panic!("main failed");
        })
    });
    assert!(
        caught.is_err(),
        "main's panic escapes run, as an exception escapes asyncio.run"
    );
    // The thread-local loop pointer was reset: a new loop runs normally.
    assert_eq!(run(async { spawn(async { 5 }).await }).unwrap(), Ok(5));
    assert!(matches!(run(async { 1 }), Ok(1)));
}

#[test]
fn wait_timeout_returns_pending_tasks_without_cancelling_them() {
    run(async {
        let slow = spawn(async {
            sleep(Duration::from_secs(3600)).await;
            1
        });
        let quick = spawn(async { 2 });
        let (done, pending) = asyncio::wait_timeout(
            vec![slow, quick],
            ReturnWhen::AllCompleted,
            Duration::from_millis(1),
        )
        .await;
        assert_eq!((done.len(), pending.len()), (1, 1));
        assert!(
            pending.iter().all(|t| !t.is_done()),
            "a timeout cancels nothing"
        );
        for t in pending {
            t.cancel();
        }
    })
    .unwrap();
}

#[test]
fn as_completed_follows_finish_order_across_ticks() {
    let order = run(async {
        // Task i finishes after 5 - i yields: in reverse order, one per
        // tick — and `next` first runs only after several have finished,
        // so the order must come from the finishes, not from a scan.
        let tasks = (0..5).map(|i| {
            spawn(async move {
                for _ in 0..(5 - i) {
                    yield_now().await;
                }
                i
            })
        });
        let mut completed = asyncio::as_completed(tasks);
        let mut order = Vec::new();
        while let Some(result) = completed.next().await {
            order.push(result.unwrap());
        }
        order
    })
    .unwrap();
    assert_eq!(order, vec![4, 3, 2, 1, 0]);
}
