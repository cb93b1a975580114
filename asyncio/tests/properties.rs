//! Property tests from `common`: results equal the sequential reference,
//! and wake-ups are never lost, whatever the workload or wake order.

use asyncio::sync::Event;
use asyncio::{gather, run, sleep, spawn, to_thread, yield_now};
use common::props;
use proptest::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

proptest! {
    #![proptest_config(props::config(16))]

    #[test]
    fn gather_over_cpu_batches_matches_the_sequential_reference(tasks in props::cpu_batch()) {
        let got = run(gather(tasks.clone().into_iter().map(|t| async move {
            yield_now().await; // interleave the tasks
            t.run()
        })))
        .unwrap()
        .unwrap();
        props::cpu_batch_matches_reference(&tasks, &got)?;
    }

    #[test]
    fn gather_over_sleep_specs_returns_every_id_in_order(spec in props::sleep_spec()) {
        let got = run(asyncio::programs::sleepers::sleepers(spec.tasks, spec.latency))
            .unwrap()
            .unwrap();
        // The reference's ids (`run_sequential` would also sleep them out).
        props::matches_reference(&spec.expected(), &got)?;
    }

    #[test]
    fn to_thread_gather_matches_the_reference(tasks in props::cpu_batch()) {
        let got = run(gather(tasks.clone().into_iter().map(|t| async move {
            to_thread(move || t.run()).await.unwrap()
        })))
        .unwrap()
        .unwrap();
        props::cpu_batch_matches_reference(&tasks, &got)?;
    }

    #[test]
    fn as_completed_returns_a_permutation_of_the_reference(tasks in props::cpu_batch()) {
        let got = run(async move {
            let handles = tasks.clone().into_iter().map(|t| spawn(async move {
                for _ in 0..(t.run() % 5) {
                    yield_now().await; // finish in a scrambled order
                }
                t.run()
            }));
            let mut completed = asyncio::as_completed(handles);
            let mut got = Vec::new();
            while let Some(result) = completed.next().await {
                got.push(result.unwrap());
            }
            (tasks, got)
        })
        .unwrap();
        let expected: Vec<u64> = got.0.iter().map(|t| t.run()).collect();
        props::is_permutation(&expected, &got.1)?;
    }

    #[test]
    fn random_wake_orders_never_lose_a_wakeup(order in (1usize..64).prop_flat_map(props::wake_order)) {
        let n = order.len();
        let woke = run(async move {
            let events: Vec<Rc<Event>> = (0..n).map(|_| Rc::new(Event::new())).collect();
            let woke = Rc::new(RefCell::new(Vec::new()));
            let tasks: Vec<_> = (0..n)
                .map(|id| {
                    let (event, woke) = (Rc::clone(&events[id]), Rc::clone(&woke));
                    spawn(async move {
                        event.wait().await;
                        woke.borrow_mut().push(id);
                    })
                })
                .collect();
            yield_now().await; // every waiter parked
            for &id in &order {
                events[id].set();
                if id % 3 == 0 {
                    yield_now().await; // mix wake bursts with loop turns
                }
            }
            for t in tasks {
                t.await.unwrap();
            }
            let woke = woke.borrow().clone();
            (order, woke)
        })
        .unwrap();
        props::each_exactly_once(n, &woke.1)?;
        // Wakes are FIFO: tasks resume in the order they were woken.
        props::matches_reference(&woke.0, &woke.1)?;
    }

    #[test]
    fn producer_consumer_sum_matches_on_both_runtimes(
        inputs in prop::collection::vec(prop::collection::vec(0u64..1_000, 0..30), 1..5),
        consumers in 1usize..4,
        maxsize in 0usize..4,
    ) {
        let expected: u64 = inputs.iter().flatten().sum();
        let ours = run(asyncio::programs::producer_consumer::run_pipeline(
            inputs.clone(), consumers, maxsize,
        ))
        .unwrap()
        .unwrap();
        prop_assert_eq!(ours, expected);
        let twin = asyncio::twin::block_on(
            asyncio::twin::producer_consumer::run_pipeline(inputs, consumers, maxsize),
        );
        prop_assert_eq!(twin, expected);
    }
}

#[test]
fn sleepers_on_both_runtimes_return_every_id() {
    let d = std::time::Duration::from_millis(1);
    let ours = asyncio::programs::sleepers::run_sleepers(500, d).unwrap();
    let twin = asyncio::twin::sleepers::run_sleepers(500, d);
    assert_eq!(ours, (0..500).collect::<Vec<_>>());
    assert_eq!(ours, twin);
    // And a zero-length sleep is only a yield: no timer is scheduled.
    run(async {
        sleep(std::time::Duration::ZERO).await;
        assert_eq!(asyncio::loop_stats().timers_in_heap, 0);
    })
    .unwrap();
}
