//! The C10K gate, in each model's own terms: N clients arrive, and none
//! goes on until all N have.
//!
//! The `echo_c10k` row must hold every connection open at one instant —
//! otherwise early clients finish before late ones connect, and "memory per
//! connection" measures far fewer connections than it divides by. So each
//! client connects, arrives at the gate, and waits for it to open; the
//! N-th arrival opens it. A client whose connect failed (or whose thread
//! could not start) still arrives, so a failure costs a round trip count,
//! never a hang.
//!
//! ```text
//!   client 1: connect ── arrive ── wait ┐
//!   client 2: connect ──── arrive ── wait ┤  N-th arrival opens the gate
//!   client N: connect ─────── arrive ─────┴──▶ round trips
//! ```
//!
//! | gate | model | opens | built from | Python equivalent |
//! |---|---|---|---|---|
//! | `Relay` in `python/echo_threads.py` | MiniPy (and CPython) threads under the GIL | one after another (a relay) | a `threading.Lock` per thread | itself: the threading cells run that Python file |
//! | [`LoopGate`] | tasks on the hand-rolled loop | all at once | `Cell<usize>` + `asyncio::sync::Event` | a counter + `asyncio.Event` |
//! | [`AsyncStdGate`] | tasks on async-std's pool | all at once | an atomic count + a channel whose closing opens it | the same, thread-safe |
//!
//! Why threads leave one after another: a broadcast (`Barrier`,
//! `Condvar::notify_all`) wakes ten thousand threads that all want the GIL
//! at once. Under the new GIL each waiter wakes every switch interval
//! (5 ms) to ask for it, so ten thousand waiters make two million wake-ups a
//! second and the hand-offs crawl: CPython took 80 s on this machine just to
//! get 10,000 threads past a `threading.Barrier`. That is a real cost of a
//! thundering herd, not of holding connections, which is what the row
//! measures; real clients do not all wake in one instant either. In the
//! relay each released thread releases the next before its first round
//! trip, so at most a few threads ever wait for the GIL together. Tasks on
//! a loop have no such fight, so their gate opens at once.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A gate for tasks on the hand-rolled loop: one thread, so a plain
/// `Cell` counts, and the loop's own `Event` wakes every waiter.
pub struct LoopGate {
    /// Arrivals still missing; 0 means open.
    missing: Cell<usize>,
    /// Set when `missing` reaches 0.
    opened: asyncio::sync::Event,
}

impl LoopGate {
    /// A gate that opens after `parties` arrivals (0: open from the start).
    pub fn new(parties: usize) -> LoopGate {
        let gate = LoopGate {
            missing: Cell::new(parties),
            opened: asyncio::sync::Event::new(),
        };
        if parties == 0 {
            gate.opened.set();
        }
        gate
    }

    /// Counts one arrival, then waits until the gate is open.
    pub async fn arrive_and_wait(&self) {
        let missing = self.missing.get().saturating_sub(1);
        self.missing.set(missing);
        if missing == 0 {
            self.opened.set();
        }
        self.opened.wait().await;
    }
}

/// A gate for tasks on async-std's thread pool. async-std has no stable
/// barrier, so the gate is a channel nobody sends on: waiting is
/// `recv()`, and the last arrival drops the only sender, which closes the
/// channel and ends every `recv()` at once.
pub struct AsyncStdGate {
    /// Arrivals still missing.
    missing: AtomicUsize,
    /// The only sender; taken and dropped by the last arrival.
    sender: Mutex<Option<async_std::channel::Sender<()>>>,
    /// Cloned by each waiter; `recv` fails once the sender is gone.
    closed: async_std::channel::Receiver<()>,
}

impl AsyncStdGate {
    /// A gate that opens after `parties` arrivals (0: open from the start).
    pub fn new(parties: usize) -> AsyncStdGate {
        let (sender, closed) = async_std::channel::bounded(1);
        AsyncStdGate {
            missing: AtomicUsize::new(parties),
            sender: Mutex::new((parties > 0).then_some(sender)),
            closed,
        }
    }

    /// Counts one arrival, then waits until the gate is open.
    pub async fn arrive_and_wait(&self) {
        // AcqRel: the last arrival's Acquire sees every earlier arrival's
        // Release decrement, so exactly one arrival sees 1.
        let before = self
            .missing
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |m| {
                Some(m.saturating_sub(1))
            })
            .unwrap_or(0);
        if before == 1 {
            let sender = self.sender.lock().unwrap_or_else(|e| e.into_inner()).take();
            drop(sender);
        }
        // Err(RecvError) once closed: that is the gate opening.
        let _ = self.closed.recv().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_loop_gate_holds_every_task_until_the_last_arrives() {
        const N: usize = 50;
        let order = asyncio::run(async {
            let gate = std::rc::Rc::new(LoopGate::new(N));
            let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let tasks: Vec<_> = (0..N)
                .map(|i| {
                    let (gate, log) = (gate.clone(), log.clone());
                    asyncio::spawn(async move {
                        log.borrow_mut().push(("arrive", i));
                        gate.arrive_and_wait().await;
                        log.borrow_mut().push(("pass", i));
                    })
                })
                .collect();
            for t in tasks {
                t.await.expect("a task");
            }
            let log = log.borrow().clone();
            log
        })
        .expect("the loop runs");
        // Every arrival comes before any pass.
        let first_pass = order.iter().position(|(what, _)| *what == "pass");
        assert_eq!(first_pass, Some(N));
        assert_eq!(order.len(), 2 * N);
    }

    #[test]
    fn an_async_std_gate_holds_every_task_until_the_last_arrives() {
        const N: usize = 20;
        let gate = Arc::new(AsyncStdGate::new(N));
        let arrived = Arc::new(AtomicUsize::new(0));
        let seen = async_std::task::block_on(async {
            let tasks: Vec<_> = (0..N)
                .map(|_| {
                    let (gate, arrived) = (gate.clone(), arrived.clone());
                    async_std::task::spawn(async move {
                        arrived.fetch_add(1, Ordering::SeqCst);
                        gate.arrive_and_wait().await;
                        // Past the gate, every task has arrived.
                        arrived.load(Ordering::SeqCst)
                    })
                })
                .collect();
            let mut seen = Vec::new();
            for t in tasks {
                seen.push(t.await);
            }
            seen
        });
        assert!(seen.iter().all(|&n| n == N), "{seen:?}");
    }
}
