//! Shared memory and queues across real forked processes: counters that
//! lose nothing under their lock, semaphores and timeouts, every queued
//! item delivered exactly once, `JoinableQueue::join` waiting for all.

mod support;

use common::props;
use multiprocessing::{Array, JoinableQueue, Lock, Process, Queue, Semaphore, SimpleQueue, Value};
use std::time::Duration;

/// Long enough for anything that is not a hang.
const PATIENCE: Duration = Duration::from_secs(60);

/// Starts `n` processes running `body(i)` and checks they all exit 0.
fn run_all(n: usize, body: impl Fn(usize) + Clone + 'static) {
    let mut procs: Vec<Process> = (0..n)
        .map(|i| {
            let body = body.clone();
            let mut p = Process::new(move || body(i));
            p.start().unwrap();
            p
        })
        .collect();
    for p in &mut procs {
        p.join(Some(PATIENCE)).unwrap();
        assert_eq!(p.exitcode(), Some(0));
    }
}

#[test]
fn value_with_lock_loses_no_update_across_processes() {
    let counter = Value::new(0u64).unwrap();
    let c = counter.clone();
    run_all(4, move |_| {
        for _ in 0..10_000 {
            c.with_lock(|v| *v += 1);
        }
    });
    assert_eq!(counter.get(), 40_000);
}

#[test]
fn unlocked_read_modify_write_never_gains_updates() {
    // get() and set() are each locked, the gap between them is not: updates
    // may be lost (the example shows how many), never invented. (The
    // theoretical minimum of unprotected concurrent increments is 2.)
    let counter = Value::new(0u64).unwrap();
    let c = counter.clone();
    run_all(4, move |_| {
        for _ in 0..10_000 {
            c.set(c.get() + 1);
        }
    });
    assert!((2..=40_000).contains(&counter.get()), "{}", counter.get());
}

#[test]
fn a_separate_lock_guards_a_value_across_processes() {
    let lock = Lock::new().unwrap();
    let counter = Value::new(0i64).unwrap();
    let (l, c) = (lock.clone(), counter.clone());
    run_all(3, move |_| {
        for _ in 0..5_000 {
            l.with_lock(|| c.set(c.get() + 1));
        }
    });
    assert_eq!(counter.get(), 15_000);
}

#[test]
fn lock_acquire_times_out_in_another_process_while_held() {
    let lock = Lock::new().unwrap();
    assert!(lock.acquire(None));
    let l = lock.clone();
    let mut p = Process::new(move || {
        let got = l.acquire(Some(Duration::from_millis(20)));
        // SAFETY: ends the child with a code that reports `got`.
        unsafe { libc::_exit(if got { 1 } else { 0 }) }
    });
    p.start().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(0), "the child acquired a held lock");
    lock.release().unwrap();
    assert!(lock.release().is_err(), "double release must be an error");
}

#[test]
fn semaphore_counts_and_times_out() {
    let sem = Semaphore::new(2).unwrap();
    assert!(sem.acquire(None));
    assert!(sem.acquire(None));
    assert!(!sem.acquire(Some(Duration::from_millis(5))));
    let s = sem.clone();
    run_all(1, move |_| s.release());
    assert_eq!(sem.get_value(), 1);
    assert!(sem.acquire(Some(Duration::ZERO)));
}

#[test]
fn array_slots_written_by_children_are_seen_by_the_parent() {
    let arr = Array::new(&[0u32; 8]).unwrap();
    let a = arr.clone();
    run_all(8, move |i| {
        assert!(a.set(i, (i * 10) as u32));
    });
    assert_eq!(arr.to_vec(), (0..8).map(|i| i * 10).collect::<Vec<u32>>());
    assert_eq!(arr.get(8), None);
    assert!(!arr.set(8, 1));
}

#[test]
fn queue_many_producers_many_consumers_each_item_exactly_once() {
    const PRODUCERS: usize = 3;
    const PER: usize = 300;
    let work: Queue<Option<usize>> = Queue::new(16).unwrap();
    let done: Queue<usize> = Queue::new(0).unwrap();
    let (w, d) = (work.clone(), done.clone());
    let mut consumers: Vec<Process> = (0..2)
        .map(|_| {
            let (w, d) = (w.clone(), d.clone());
            let mut p = Process::new(move || {
                while let Some(item) = w.get().unwrap() {
                    d.put(&item).unwrap();
                }
            });
            p.start().unwrap();
            p
        })
        .collect();
    let w2 = work.clone();
    run_all(PRODUCERS, move |i| {
        for k in 0..PER {
            w2.put(&Some(i * PER + k)).unwrap();
        }
    });
    let mut ids = Vec::new();
    for _ in 0..PRODUCERS * PER {
        ids.push(done.get_timeout(Some(PATIENCE)).unwrap());
    }
    for _ in &consumers {
        work.put(&None).unwrap();
    }
    for c in &mut consumers {
        c.join(Some(PATIENCE)).unwrap();
        assert_eq!(c.exitcode(), Some(0));
    }
    props::each_exactly_once(PRODUCERS * PER, &ids).unwrap();
}

#[test]
fn large_items_from_two_producers_never_interleave() {
    let q: Queue<Vec<u8>> = Queue::new(0).unwrap();
    let q2 = q.clone();
    let mut producers: Vec<Process> = (0..2u8)
        .map(|b| {
            let q = q2.clone();
            let mut p = Process::new(move || {
                for _ in 0..4 {
                    q.put(&vec![b; 200_000]).unwrap();
                }
            });
            p.start().unwrap();
            p
        })
        .collect();
    for _ in 0..8 {
        let item = q.get_timeout(Some(PATIENCE)).unwrap();
        assert_eq!(item.len(), 200_000);
        assert!(
            item.iter().all(|&x| x == item[0]),
            "two producers' bytes interleaved"
        );
    }
    for p in &mut producers {
        p.join(Some(PATIENCE)).unwrap();
        assert_eq!(p.exitcode(), Some(0));
    }
}

#[test]
fn bounded_queue_put_and_get_time_out() {
    let q: Queue<u8> = Queue::new(1).unwrap();
    assert!(matches!(
        q.get_nowait(),
        Err(multiprocessing::Error::Timeout)
    ));
    q.put(&1).unwrap();
    assert!(q.full());
    assert!(matches!(
        q.put_timeout(&2, Some(Duration::from_millis(5))),
        Err(multiprocessing::Error::Timeout)
    ));
    assert_eq!(q.qsize(), 1);
    assert_eq!(q.get().unwrap(), 1);
    assert!(q.empty());
    let s: SimpleQueue<String> = SimpleQueue::new().unwrap();
    s.put(&"hi".to_string()).unwrap();
    assert_eq!(s.get().unwrap(), "hi");
}

#[test]
fn joinable_queue_join_waits_for_every_task_done() {
    let q: JoinableQueue<Option<u32>> = JoinableQueue::new(0).unwrap();
    let processed = Value::new(0u32).unwrap();
    let (qc, pc) = (q.clone(), processed.clone());
    let mut workers: Vec<Process> = (0..2)
        .map(|_| {
            let (q, p) = (qc.clone(), pc.clone());
            let mut proc = Process::new(move || {
                while let Some(_item) = q.get().unwrap() {
                    p.with_lock(|v| *v += 1);
                    q.task_done().unwrap();
                }
                q.task_done().unwrap();
            });
            proc.start().unwrap();
            proc
        })
        .collect();
    for i in 0..50 {
        q.put(&Some(i)).unwrap();
    }
    let waiter = q.clone();
    support::watchdog(PATIENCE, move || waiter.join());
    assert_eq!(
        processed.get(),
        50,
        "join returned before every item was done"
    );
    q.put(&None).unwrap();
    q.put(&None).unwrap();
    q.join();
    for w in &mut workers {
        w.join(Some(PATIENCE)).unwrap();
        assert_eq!(w.exitcode(), Some(0));
    }
    assert!(q.task_done().is_err());
}

#[test]
fn put_timeout_on_a_full_queue_returns_timeout_even_when_the_pipe_is_full() {
    // 1,000 slots of 200-byte items: far more than the pipe's 64 KiB, so the
    // feeder thread is stuck on the pipe while `put` keeps returning; the
    // 1,001st put waits only for a slot, and only as long as it was told.
    let q: Queue<Vec<u8>> = Queue::new(1000).unwrap();
    let result = support::watchdog(PATIENCE, move || {
        for i in 0..1000 {
            q.put(&vec![i as u8; 200]).unwrap();
        }
        assert!(q.full());
        let timed_out = q.put_timeout(&vec![0; 200], Some(Duration::from_millis(100)));
        q.cancel_join_thread(); // nobody reads: do not wait for the feeder on drop
        timed_out
    });
    assert!(
        matches!(result, Err(multiprocessing::Error::Timeout)),
        "{result:?}"
    );
}

#[test]
fn ten_thousand_puts_with_no_consumer_do_not_block() {
    let q: Queue<Vec<u8>> = Queue::new(0).unwrap();
    let producer = q.clone();
    support::watchdog(PATIENCE, move || {
        for i in 0..10_000u32 {
            producer.put(&i.to_le_bytes().repeat(50)).unwrap();
        }
    });
    // Now consume them all, in order.
    let got = support::watchdog(PATIENCE, move || {
        (0..10_000u32)
            .map(|_| q.get().unwrap())
            .collect::<Vec<Vec<u8>>>()
    });
    for (i, item) in got.iter().enumerate() {
        assert_eq!(*item, (i as u32).to_le_bytes().repeat(50));
    }
}

#[test]
fn close_join_thread_and_cancel_join_thread_behave_as_cpythons() {
    let q: Queue<u32> = Queue::new(0).unwrap();
    assert!(matches!(
        q.join_thread(),
        Err(multiprocessing::Error::State(_))
    ));
    for i in 0..100 {
        q.put(&i).unwrap();
    }
    let reader = q.clone();
    q.close();
    assert!(matches!(q.put(&1), Err(multiprocessing::Error::State(_))));
    // Everything put before close is written before the feeder exits.
    support::watchdog(PATIENCE, move || reader.join_thread().unwrap());
    // A process whose last handle goes while nobody reads a full pipe would
    // wait for its feeder forever — unless the join was cancelled.
    let stuck: Queue<Vec<u8>> = Queue::new(0).unwrap();
    support::watchdog(PATIENCE, move || {
        for _ in 0..1000 {
            stuck.put(&vec![1; 1000]).unwrap();
        }
        stuck.cancel_join_thread();
        drop(stuck);
    });
}

#[test]
fn a_child_flushes_its_puts_before_it_exits() {
    // 2,000 items of 200 bytes outgrow the pipe: the child's feeder is still
    // writing when its target returns, and the child must not `_exit` before
    // the feeder has written everything (CPython joins feeders at exit too).
    let q: Queue<Vec<u8>> = Queue::new(0).unwrap();
    let child_q = q.clone();
    let mut p = Process::new(move || {
        for i in 0..2000u32 {
            child_q.put(&i.to_le_bytes().repeat(50)).unwrap();
        }
    });
    p.start().unwrap();
    let got = support::watchdog(PATIENCE, move || {
        (0..2000)
            .map(|_| q.get_timeout(Some(PATIENCE)).unwrap())
            .collect::<Vec<_>>()
    });
    assert_eq!(got.len(), 2000);
    assert_eq!(got[1999], 1999u32.to_le_bytes().repeat(50));
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(0));
}
