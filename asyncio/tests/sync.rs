//! Lock, Event, Semaphore, Condition, Queue: exclusion counters, FIFO
//! order, and asyncio's hand-off of a cancelled waiter's wake-up.

use asyncio::sync::{Condition, Event, Lock, Queue, Semaphore};
use asyncio::{run, spawn, yield_now, Error, TaskError};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[test]
fn lock_admits_one_task_at_a_time_in_fifo_order() {
    let order = run(async {
        let lock = Rc::new(Lock::new());
        let inside = Rc::new(Cell::new(0));
        let max_inside = Rc::new(Cell::new(0));
        let order = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = (0..10)
            .map(|id| {
                let (lock, inside, max_inside, order) = (
                    Rc::clone(&lock),
                    Rc::clone(&inside),
                    Rc::clone(&max_inside),
                    Rc::clone(&order),
                );
                spawn(async move {
                    let _guard = lock.acquire().await;
                    inside.set(inside.get() + 1);
                    max_inside.set(max_inside.get().max(inside.get()));
                    order.borrow_mut().push(id);
                    yield_now().await; // hold the lock across a suspension
                    yield_now().await;
                    inside.set(inside.get() - 1);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(max_inside.get(), 1, "at most one task inside");
        assert!(!lock.locked());
        let order = order.borrow().clone();
        order
    })
    .unwrap();
    assert_eq!(order, (0..10).collect::<Vec<_>>());
}

#[test]
fn lock_wakeup_passes_on_when_the_woken_waiter_is_cancelled() {
    let got = run(async {
        let lock = Rc::new(Lock::new());
        let holder = lock.acquire().await;
        let (l1, l2) = (Rc::clone(&lock), Rc::clone(&lock));
        let first = spawn(async move {
            let _g = l1.acquire().await;
            "first"
        });
        let second = spawn(async move {
            let _g = l2.acquire().await;
            "second"
        });
        yield_now().await; // both wait in the FIFO
        drop(holder); // wakes `first` ...
        first.cancel(); // ... which is cancelled before it runs
        (first.await, second.await, lock.locked())
    })
    .unwrap();
    assert_eq!(got, (Err(TaskError::Cancelled), Ok("second"), false));
}

#[test]
fn semaphore_bounds_holders_and_hands_off_on_cancel() {
    run(async {
        let sem = Rc::new(Semaphore::new(2));
        let inside = Rc::new(Cell::new(0));
        let max_inside = Rc::new(Cell::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (sem, inside, max_inside) =
                    (Rc::clone(&sem), Rc::clone(&inside), Rc::clone(&max_inside));
                spawn(async move {
                    let _permit = sem.acquire().await;
                    inside.set(inside.get() + 1);
                    max_inside.set(max_inside.get().max(inside.get()));
                    yield_now().await;
                    inside.set(inside.get() - 1);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(max_inside.get(), 2);
        assert_eq!(sem.value(), 2);

        // Hand-off: the woken waiter is cancelled, the next one gets in.
        let p1 = sem.acquire().await;
        let p2 = sem.acquire().await;
        let (s1, s2) = (Rc::clone(&sem), Rc::clone(&sem));
        let a = spawn(async move { drop(s1.acquire().await) });
        let b = spawn(async move { drop(s2.acquire().await) });
        yield_now().await;
        drop(p1);
        a.cancel();
        assert_eq!(b.await, Ok(()));
        assert_eq!(a.await, Err(TaskError::Cancelled));
        drop(p2);
        assert_eq!(sem.value(), 2, "no permit lost or invented");
    })
    .unwrap();
}

#[test]
fn event_wakes_every_waiter() {
    let woken = run(async {
        let event = Rc::new(Event::new());
        let tasks: Vec<_> = (0..5)
            .map(|i| {
                let e = Rc::clone(&event);
                spawn(async move {
                    e.wait().await;
                    i
                })
            })
            .collect();
        yield_now().await;
        assert!(tasks.iter().all(|t| !t.is_done()));
        event.set();
        let mut woken = Vec::new();
        for t in tasks {
            woken.push(t.await.unwrap());
        }
        woken
    })
    .unwrap();
    assert_eq!(woken, vec![0, 1, 2, 3, 4]);
}

#[test]
fn condition_notify_one_passes_on_when_the_notified_waiter_is_cancelled() {
    let got = run(async {
        let cond = Rc::new(Condition::new());
        let ready = Rc::new(Cell::new(false));
        let spawn_waiter = |name: &'static str| {
            let (cond, ready) = (Rc::clone(&cond), Rc::clone(&ready));
            spawn(async move {
                let guard = cond.acquire().await;
                let _guard = cond.wait_for(guard, || ready.get()).await;
                name
            })
        };
        let a = spawn_waiter("a");
        let b = spawn_waiter("b");
        yield_now().await;
        yield_now().await;
        {
            let _guard = cond.acquire().await;
            ready.set(true);
            assert_eq!(cond.notify(1), 1); // wakes `a` ...
        }
        a.cancel(); // ... which is cancelled before it runs: `b` must wake
        (a.await, b.await)
    })
    .unwrap();
    assert_eq!(got, (Err(TaskError::Cancelled), Ok("b")));
}

#[test]
fn bounded_queue_applies_backpressure_and_join_waits_for_task_done() {
    run(async {
        let queue = Rc::new(Queue::new(2));
        assert_eq!(queue.put_nowait(1), Ok(()));
        assert_eq!(queue.put_nowait(2), Ok(()));
        assert_eq!(queue.put_nowait(3), Err(3), "full: the item comes back");
        let q = Rc::clone(&queue);
        let producer = spawn(async move {
            for x in 3..6 {
                q.put(x).await;
            }
        });
        yield_now().await;
        assert!(!producer.is_done(), "put waits while the queue is full");
        let mut got = Vec::new();
        for _ in 0..5 {
            got.push(queue.get().await);
            queue.task_done().unwrap();
        }
        assert_eq!(got, vec![1, 2, 3, 4, 5]);
        producer.await.unwrap();
        queue.join().await;
        assert!(matches!(
            queue.task_done(),
            Err(Error::TaskDoneTooManyTimes)
        ));
        assert!(matches!(queue.get_nowait(), Err(Error::QueueEmpty)));
    })
    .unwrap();
}

#[test]
fn queue_getter_wakeup_passes_on_when_the_woken_getter_is_cancelled() {
    let got = run(async {
        let queue: Rc<Queue<u32>> = Rc::new(Queue::new(0));
        let (q1, q2) = (Rc::clone(&queue), Rc::clone(&queue));
        let a = spawn(async move { q1.get().await });
        let b = spawn(async move { q2.get().await });
        yield_now().await;
        queue.put(7).await; // wakes `a` ...
        a.cancel(); // ... cancelled before it runs: `b` gets the item
        (a.await, b.await, queue.qsize())
    })
    .unwrap();
    assert_eq!(got, (Err(TaskError::Cancelled), Ok(7), 0));
}
