//! Cancellation: every future dropped exactly once, nothing left behind
//! (tasks, timers), and asyncio's cascade rules (gather, wait_for,
//! TaskGroup). Facts, never timings.

use asyncio::{
    gather, loop_stats, run, sleep, spawn, wait_for, yield_now, TaskError, TaskGroup, TimeoutError,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// Counts drops, so a test can check each future was dropped exactly once.
struct DropCounter(Rc<Cell<usize>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn cancelling_10k_in_flight_tasks_drops_each_future_exactly_once() {
    const N: usize = 10_000;
    let drops = Rc::new(Cell::new(0));
    let polls = Rc::new(Cell::new(0));
    let (d, p) = (Rc::clone(&drops), Rc::clone(&polls));
    let outcomes = run(async move {
        let tasks: Vec<_> = (0..N)
            .map(|_| {
                let counter = DropCounter(Rc::clone(&d));
                let polls = Rc::clone(&p);
                spawn(async move {
                    let _counter = counter;
                    polls.set(polls.get() + 1);
                    sleep(Duration::from_secs(3600)).await;
                    unreachable!("a cancelled task must never resume");
                })
            })
            .collect();
        yield_now().await; // every task starts and parks on its timer
        assert_eq!(loop_stats().timers_active, N);
        for t in &tasks {
            assert!(t.cancel());
        }
        let mut outcomes = Vec::new();
        for t in tasks {
            outcomes.push(t.await);
        }
        assert_eq!(loop_stats().timers_active, 0, "every timer cancelled");
        assert_eq!(loop_stats().tasks, 0, "every task freed");
        outcomes
    })
    .unwrap();
    assert_eq!(polls.get(), N);
    assert_eq!(drops.get(), N);
    assert!(outcomes.iter().all(|o| *o == Err(TaskError::Cancelled)));
}

#[test]
fn cancel_before_first_poll_never_polls_and_still_drops_once() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    let got = run(async move {
        let counter = DropCounter(d);
        let t = spawn(async move {
            let _c = counter;
            unreachable!("never polled");
        });
        assert!(t.cancel());
        assert!(
            t.cancel(),
            "a second cancel of a pending task is still accepted"
        );
        t.await
    })
    .unwrap();
    assert_eq!(got, Err(TaskError::Cancelled));
    assert_eq!(drops.get(), 1);
}

#[test]
fn cancel_after_completion_returns_false() {
    run(async {
        let t = spawn(async { 5 });
        yield_now().await;
        assert!(t.is_done());
        assert!(!t.cancel());
        assert_eq!(t.await, Ok(5));
    })
    .unwrap();
}

#[test]
fn run_cancels_tasks_left_running_when_main_returns() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        for _ in 0..100 {
            let counter = DropCounter(Rc::clone(&d));
            drop(spawn(async move {
                let _c = counter;
                sleep(Duration::from_secs(3600)).await;
            }));
        }
        yield_now().await;
    })
    .unwrap();
    assert_eq!(drops.get(), 100);
}

#[test]
fn wait_for_times_out_and_leaves_nothing_behind() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        let counter = DropCounter(d);
        let slow = async move {
            let _c = counter;
            sleep(Duration::from_secs(3600)).await;
        };
        assert_eq!(
            wait_for(Duration::from_millis(1), slow).await,
            Err(TimeoutError)
        );
        // The inner future was dropped on expiry, its timer cancelled.
        let stats = loop_stats();
        assert_eq!((stats.tasks, stats.timers_active), (0, 0));
        assert_eq!(
            wait_for(Duration::from_secs(3600), async { 7 }).await,
            Ok(7)
        );
        assert_eq!(
            loop_stats().timers_active,
            0,
            "the unused deadline is cancelled"
        );
    })
    .unwrap();
    assert_eq!(drops.get(), 1);
}

#[test]
fn cancelling_a_task_inside_wait_for_leaves_nothing_behind() {
    run(async {
        let tasks: Vec<_> = (0..1_000)
            .map(|_| {
                spawn(wait_for(
                    Duration::from_secs(3600),
                    sleep(Duration::from_secs(7200)),
                ))
            })
            .collect();
        yield_now().await;
        assert_eq!(loop_stats().timers_active, 2_000);
        for t in &tasks {
            t.cancel();
        }
        for t in tasks {
            assert_eq!(t.await, Err(TaskError::Cancelled));
        }
        let stats = loop_stats();
        assert_eq!((stats.tasks, stats.timers_active), (0, 0));
        // Lazy cancellation: the next tick's clean-up rebuilds the heap,
        // since every entry is cancelled.
        yield_now().await;
        assert_eq!(loop_stats().timers_in_heap, 0);
    })
    .unwrap();
}

#[test]
fn task_group_first_failure_cancels_the_rest_and_reports_all_errors() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        let tg = TaskGroup::new();
        let mut sleepers = Vec::new();
        for _ in 0..5 {
            let counter = DropCounter(Rc::clone(&d));
            sleepers.push(tg.create_task(async move {
                let _c = counter;
                sleep(Duration::from_secs(3600)).await;
            }));
        }
        let failing = tg.create_task(async {
            yield_now().await;
            panic!("child failed");
        });
        let errors = tg.wait().await.unwrap_err();
        assert_eq!(errors, vec![TaskError::Panicked("child failed".into())]);
        assert_eq!(tg.running(), 0);
        assert_eq!(
            failing.await,
            Err(TaskError::Panicked("child failed".into()))
        );
        for s in sleepers {
            assert_eq!(s.await, Err(TaskError::Cancelled));
        }
        let ok_group = TaskGroup::new();
        let a = ok_group.create_task(async { 1 });
        assert_eq!(ok_group.wait().await, Ok(()));
        assert_eq!(a.await, Ok(1));
    })
    .unwrap();
    assert_eq!(drops.get(), 5);
}

#[test]
fn a_task_can_cancel_itself_through_its_own_handle() {
    let got = run(async {
        let slot: Rc<RefCell<Option<asyncio::Task<()>>>> = Rc::new(RefCell::new(None));
        let me = Rc::clone(&slot);
        let task = spawn(async move {
            yield_now().await;
            let handle = me.borrow_mut().take().expect("handle stored");
            assert!(!handle.is_done(), "running, not done");
            assert!(handle.cancel());
            // Detach the handle and park: the loop drops this future next.
            drop(handle);
            sleep(Duration::from_secs(3600)).await;
        });
        let probe = spawn(async {});
        *slot.borrow_mut() = Some(task);
        probe.await.unwrap();
        // A few loop turns later the task has been dropped (bounded: a
        // broken cancel fails the assert instead of spinning forever).
        for _ in 0..10 {
            if loop_stats().tasks == 0 {
                break;
            }
            yield_now().await;
        }
        assert_eq!(loop_stats().tasks, 0);
        loop_stats().timers_active
    })
    .unwrap();
    assert_eq!(got, 0);
}

#[test]
fn an_enormous_sleep_is_accepted_not_a_panic() {
    run(async {
        assert_eq!(wait_for(Duration::MAX, async { 3 }).await, Ok(3));
        let forever = spawn(sleep(Duration::MAX));
        yield_now().await;
        assert_eq!(loop_stats().timers_active, 1);
        forever.cancel();
        assert_eq!(forever.await, Err(TaskError::Cancelled));
        assert_eq!(loop_stats().timers_active, 0);
    })
    .unwrap();
}

#[test]
fn cancelling_the_task_that_owns_a_task_group_cancels_its_children() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        let parent = spawn(async move {
            let tg = TaskGroup::new();
            for _ in 0..3 {
                let counter = DropCounter(Rc::clone(&d));
                tg.create_task(async move {
                    let _c = counter;
                    sleep(Duration::from_secs(3600)).await;
                });
            }
            let _ = tg.wait().await;
        });
        yield_now().await; // parent waits on the group, children sleep
        yield_now().await;
        parent.cancel();
        assert_eq!(parent.await, Err(TaskError::Cancelled));
        // The group's drop cancelled its children; they go on the next tick.
        yield_now().await;
        assert_eq!(loop_stats().tasks, 0);
    })
    .unwrap();
    assert_eq!(drops.get(), 3);
}

#[test]
fn cancelling_a_gather_cancels_its_children() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        let waiter = spawn(gather((0..4).map(move |_| {
            let counter = DropCounter(Rc::clone(&d));
            async move {
                let _c = counter;
                sleep(Duration::from_secs(3600)).await;
            }
        })));
        yield_now().await;
        yield_now().await;
        waiter.cancel();
        assert_eq!(waiter.await, Err(TaskError::Cancelled));
        yield_now().await; // the children's cancellation runs on this tick
        assert_eq!(loop_stats().tasks, 0);
    })
    .unwrap();
    assert_eq!(drops.get(), 4);
}

#[test]
fn wait_for_task_cancels_the_task_on_expiry() {
    let drops = Rc::new(Cell::new(0));
    let d = Rc::clone(&drops);
    run(async move {
        let counter = DropCounter(d);
        let slow = spawn(async move {
            let _c = counter;
            sleep(Duration::from_secs(3600)).await;
        });
        assert_eq!(
            asyncio::wait_for_task(Duration::from_millis(1), slow).await,
            Err(TimeoutError)
        );
        yield_now().await; // the cancellation runs on this tick
        assert_eq!(loop_stats().tasks, 0);
        let quick = spawn(async { 9 });
        assert_eq!(
            asyncio::wait_for_task(Duration::from_secs(3600), quick).await,
            Ok(Ok(9))
        );
    })
    .unwrap();
    assert_eq!(drops.get(), 1);
}

#[test]
fn a_task_group_frees_the_slot_of_every_finished_child() {
    let (slots_after_burst, slots_after_many, running) = run(async {
        let tg = TaskGroup::new();
        // A burst: 1,000 children alive at once need 1,000 slots.
        for _ in 0..1_000 {
            drop(tg.create_task(yield_now()));
        }
        assert_eq!(tg.running(), 1_000);
        tg.wait().await.unwrap();
        let slots_after_burst = tg.child_slots();
        // 100,000 more, one at a time: each reuses a freed slot.
        for _ in 0..100_000 {
            drop(tg.create_task(async {}));
            yield_now().await;
        }
        tg.wait().await.unwrap();
        (slots_after_burst, tg.child_slots(), tg.running())
    })
    .unwrap();
    assert_eq!(running, 0);
    assert_eq!(slots_after_burst, 1_000);
    assert_eq!(slots_after_many, 1_000, "no slot kept for a finished child");
}
