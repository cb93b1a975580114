//! The hub: the state of every lock, event, semaphore, condition, queue and
//! thread under ONE mutex, so the deadlock detector can see a consistent
//! picture.
//!
//! ```text
//!   thread blocks with no timeout ─▶ waiters += {thread, what, line}
//!                                    if waiters == live threads and no
//!                                    waiter's condition is already true:
//!                                        DEADLOCK: report, wake everyone
//!   thread exits                  ─▶ live -= 1, same check
//! ```
//!
//! Why one mutex: a detector that looked at each primitive under its own
//! lock could see "A waits for L" and "L is held" at different instants and
//! report a deadlock that a release in between had already broken. With one
//! mutex, "every live thread is waiting and none can proceed" is checked
//! atomically, and it is re-checked only when something changes (a thread
//! blocks or exits): no polling, no sleeps. A release that makes a waiter
//! runnable is visible to the check even before the waiter wakes up,
//! because the check asks each waiter's condition, not the waiter.
//!
//! Simplification: one mutex serialises all primitive operations, which is
//! fine under a GIL and measurable without one; CPython gives every lock
//! its own OS semaphore and has no deadlock detector at all (it hangs).
//!
//! Python equivalent: the state behind `_thread.lock`, `threading.Event`,
//! `Condition`, `Semaphore`, `queue.Queue` and `Thread._tstate_lock`.

use crate::v1::vm::value::{lock, Value};
use std::collections::VecDeque;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A primitive's state.
#[derive(Debug)]
pub enum Prim {
    /// `Lock`: held or not (any thread may release it).
    Lock(bool),
    /// `RLock`: owning thread ident (0: free) and recursion count.
    RLock(u64, u32),
    /// `Semaphore`: value, and the bound of a `BoundedSemaphore`.
    Semaphore(i64, Option<i64>),
    /// `Event`: set or not.
    Event(bool),
    /// `Condition`: tickets waiting for a notify, tickets notified.
    Condition(VecDeque<u64>, Vec<u64>),
    /// `queue.Queue`: items, maxsize (0: unbounded), unfinished tasks.
    Queue(VecDeque<Value>, usize, u64),
    /// A thread: its lifecycle.
    Thread(ThreadRun),
}

/// A thread's lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadRun {
    /// Created, `start()` not called.
    New,
    /// `start()` spawned the OS thread, which has not yet taken the GIL;
    /// `start()` waits for it to leave this state, as CPython's `start()`
    /// waits on `self._started`.
    Starting,
    /// Running (its target is executing) and not finished.
    Running,
    /// Finished.
    Done,
}

/// What a blocked thread waits for: its condition to proceed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitKind {
    /// `Lock.acquire`: the lock is free.
    Lock,
    /// `RLock.acquire` by this thread ident: free or already ours.
    RLock(u64),
    /// `Semaphore.acquire`: value > 0.
    Semaphore,
    /// `Event.wait`: set.
    Event,
    /// `Condition.wait`: this ticket was notified.
    Notified(u64),
    /// `Queue.get`: an item is there.
    QueueGet,
    /// `Queue.put`: there is room.
    QueuePut,
    /// `Queue.join`: no unfinished tasks.
    QueueJoin,
    /// `Thread.join`: the thread is done.
    ThreadDone,
    /// `Thread.start`: the new thread has begun running.
    ThreadStarted,
    /// Interpreter shutdown: only the main thread is left.
    OnlyMainLeft,
}

struct Waiter {
    /// Thread name, for the report.
    thread: String,
    /// What it called (`Lock.acquire()`), for the report.
    what: String,
    /// Source line of the call.
    line: u32,
    /// The primitive slot waited on.
    prim: usize,
    /// The condition to proceed.
    kind: WaitKind,
    /// The condvar to wake it with.
    cond: Arc<Condvar>,
    /// Registration id.
    id: u64,
}

/// Everything under the hub's mutex.
#[derive(Default)]
pub struct HubState {
    /// Primitive slots (`None`: free slot).
    prims: Vec<Option<Prim>>,
    /// Free slot indices.
    free: Vec<usize>,
    /// Live interpreter threads (started, not finished; main included).
    pub live: usize,
    /// Threads blocked with no timeout.
    waiters: Vec<Waiter>,
    /// Next waiter id / condition ticket.
    next_id: u64,
    /// The deadlock report, once one was detected.
    pub deadlock: Option<String>,
    /// Counter for default thread names (`Thread-N`).
    pub thread_counter: u64,
}

/// The hub (see module docs).
#[derive(Default)]
pub struct Hub {
    /// All primitive state and the detector's bookkeeping.
    state: Mutex<HubState>,
}

/// A primitive's slot in the hub; freed on drop.
#[derive(Debug)]
pub struct PrimHandle {
    /// The hub.
    pub hub: Arc<Hub>,
    /// Slot index.
    pub id: usize,
    /// Woken (all) whenever this primitive's state changes.
    pub cond: Arc<Condvar>,
    /// Threads sleeping on `cond` right now. Changed only under the hub
    /// mutex; `notify` skips the wake-up system call when it is 0.
    pub sleepers: AtomicUsize,
}

impl Drop for PrimHandle {
    fn drop(&mut self) {
        let mut st = lock(&self.hub.state);
        if let Some(slot) = st.prims.get_mut(self.id) {
            *slot = None;
            st.free.push(self.id);
        }
    }
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hub")
    }
}

/// The deadlock detector stopped this wait.
#[derive(Debug)]
pub struct Deadlocked;

impl HubState {
    /// The primitive in slot `id`.
    pub fn prim(&mut self, id: usize) -> Option<&mut Prim> {
        self.prims.get_mut(id).and_then(|p| p.as_mut())
    }

    /// A fresh ticket number.
    pub fn ticket(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Whether `kind` on `prim` could proceed now (no state change).
    fn can_proceed(&self, prim: usize, kind: WaitKind) -> bool {
        let p = self.prims.get(prim).and_then(|p| p.as_ref());
        match (kind, p) {
            (WaitKind::OnlyMainLeft, _) => self.live <= 1,
            (WaitKind::Lock, Some(Prim::Lock(held))) => !held,
            (WaitKind::RLock(me), Some(Prim::RLock(owner, _))) => *owner == 0 || *owner == me,
            (WaitKind::Semaphore, Some(Prim::Semaphore(v, _))) => *v > 0,
            (WaitKind::Event, Some(Prim::Event(set))) => *set,
            (WaitKind::Notified(t), Some(Prim::Condition(_, notified))) => notified.contains(&t),
            (WaitKind::QueueGet, Some(Prim::Queue(items, ..))) => !items.is_empty(),
            (WaitKind::QueuePut, Some(Prim::Queue(items, max, _))) => {
                *max == 0 || items.len() < *max
            }
            (WaitKind::QueueJoin, Some(Prim::Queue(_, _, unfinished))) => *unfinished == 0,
            (WaitKind::ThreadDone, Some(Prim::Thread(run))) => *run == ThreadRun::Done,
            (WaitKind::ThreadStarted, Some(Prim::Thread(run))) => *run != ThreadRun::Starting,
            // A vanished primitive can never be waited on again: let it go.
            _ => true,
        }
    }

    /// Performs the wait's effect if it can proceed (take the lock, pop...).
    /// For `QueueGet` the item is returned through `got`.
    fn try_take(&mut self, prim: usize, kind: WaitKind, got: &mut Option<Value>) -> bool {
        if !self.can_proceed(prim, kind) {
            return false;
        }
        match (kind, self.prim(prim)) {
            (WaitKind::Lock, Some(Prim::Lock(held))) => *held = true,
            (WaitKind::RLock(me), Some(Prim::RLock(owner, count))) => {
                *owner = me;
                *count += 1;
            }
            (WaitKind::Semaphore, Some(Prim::Semaphore(v, _))) => *v -= 1,
            (WaitKind::Notified(t), Some(Prim::Condition(_, notified))) => {
                notified.retain(|x| *x != t)
            }
            (WaitKind::QueueGet, Some(Prim::Queue(items, ..))) => *got = items.pop_front(),
            _ => {}
        }
        true
    }

    /// The detector: every live thread waits and none can proceed.
    fn check_deadlock(&mut self) -> bool {
        if self.deadlock.is_some() {
            return true;
        }
        if self.live == 0 || self.waiters.len() < self.live {
            return false;
        }
        if self
            .waiters
            .iter()
            .any(|w| self.can_proceed(w.prim, w.kind))
        {
            return false;
        }
        let mut report = String::from(
            "minipy: deadlock: every live thread is blocked with no timeout, so none can ever wake the others:\n",
        );
        for w in &self.waiters {
            let at = if w.line == 0 {
                "at exit".to_string()
            } else {
                format!("at line {}", w.line)
            };
            report.push_str(&format!(
                "  thread '{}' waits on {} {at}\n",
                w.thread, w.what
            ));
        }
        report.push_str("(CPython would hang here forever.)\n");
        self.deadlock = Some(report);
        for w in &self.waiters {
            w.cond.notify_all();
        }
        true
    }
}

/// Who is waiting, for the report.
pub struct WaitInfo<'a> {
    /// Thread name.
    pub thread: &'a str,
    /// What was called.
    pub what: String,
    /// Source line.
    pub line: u32,
}

impl Hub {
    /// An empty hub with only the main thread live.
    pub fn new() -> Hub {
        Hub {
            state: Mutex::new(HubState {
                live: 1,
                ..HubState::default()
            }),
        }
    }

    /// Locks the hub state.
    pub fn state(&self) -> std::sync::MutexGuard<'_, HubState> {
        lock(&self.state)
    }

    /// Allocates a slot for a new primitive.
    pub fn alloc(self: &Arc<Hub>, prim: Prim) -> PrimHandle {
        let mut st = lock(&self.state);
        let id = match st.free.pop() {
            Some(i) => {
                st.prims[i] = Some(prim);
                i
            }
            None => {
                st.prims.push(Some(prim));
                st.prims.len() - 1
            }
        };
        PrimHandle {
            hub: self.clone(),
            id,
            cond: Arc::new(Condvar::new()),
            sleepers: AtomicUsize::new(0),
        }
    }

    /// Tries the wait's effect without blocking.
    pub fn try_now(&self, h: &PrimHandle, kind: WaitKind) -> (bool, Option<Value>) {
        let mut got = None;
        let ok = lock(&self.state).try_take(h.id, kind, &mut got);
        (ok, got)
    }

    /// Blocks until `kind` can proceed (and performs it), the timeout
    /// passes (`Ok((false, _))`), or a deadlock is detected. Call with the
    /// GIL released.
    pub fn wait_for(
        &self,
        h: &PrimHandle,
        kind: WaitKind,
        timeout: Option<Duration>,
        who: WaitInfo<'_>,
    ) -> Result<(bool, Option<Value>), Deadlocked> {
        let deadline = timeout.map(|t| Instant::now() + t.min(Duration::from_secs(86_400 * 365)));
        let mut st = lock(&self.state);
        let mut registered: Option<u64> = None;
        let result = loop {
            if st.deadlock.is_some() {
                break Err(Deadlocked);
            }
            let mut got = None;
            if st.try_take(h.id, kind, &mut got) {
                break Ok((true, got));
            }
            match deadline {
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        break Ok((false, None));
                    }
                    h.sleepers.fetch_add(1, Relaxed);
                    st = h
                        .cond
                        .wait_timeout(st, d - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                    h.sleepers.fetch_sub(1, Relaxed);
                }
                None => {
                    if registered.is_none() {
                        let id = st.ticket();
                        st.waiters.push(Waiter {
                            thread: who.thread.to_string(),
                            what: who.what.clone(),
                            line: who.line,
                            prim: h.id,
                            kind,
                            cond: h.cond.clone(),
                            id,
                        });
                        registered = Some(id);
                        if st.check_deadlock() {
                            break Err(Deadlocked);
                        }
                    }
                    h.sleepers.fetch_add(1, Relaxed);
                    st = h.cond.wait(st).unwrap_or_else(|e| e.into_inner());
                    h.sleepers.fetch_sub(1, Relaxed);
                }
            }
        };
        if let Some(id) = registered {
            st.waiters.retain(|w| w.id != id);
        }
        result
    }

    /// Wakes every thread waiting on `h` (after its state changed).
    ///
    /// Relaxed is enough for `sleepers`: it only changes under the hub
    /// mutex, and the caller changed the primitive's state under that same
    /// mutex just before, so either the sleeper's increment is visible here
    /// (the mutex orders it before our state change), or the sleeper will
    /// see the new state before it goes to sleep. The road not taken, a
    /// wake-up per release, costs a futex system call each time.
    pub fn notify(&self, h: &PrimHandle) {
        if h.sleepers.load(Relaxed) > 0 {
            h.cond.notify_all();
        }
    }

    /// A thread started: one more live thread.
    pub fn thread_started(&self) {
        lock(&self.state).live += 1;
    }

    /// A started thread began running its target: wake `start()`.
    pub fn thread_running(&self, h: &PrimHandle) {
        if let Some(p) = lock(&self.state).prim(h.id) {
            *p = Prim::Thread(ThreadRun::Running);
        }
        h.cond.notify_all();
    }

    /// A thread finished: mark it done, wake its joiners, re-run the
    /// detector (the remaining threads may now all be stuck).
    pub fn thread_finished(&self, h: &PrimHandle, shutdown: &PrimHandle) {
        let mut st = lock(&self.state);
        if let Some(p) = st.prim(h.id) {
            *p = Prim::Thread(ThreadRun::Done);
        }
        st.live = st.live.saturating_sub(1);
        st.check_deadlock();
        drop(st);
        h.cond.notify_all();
        shutdown.cond.notify_all();
    }

    /// The deadlock report, if one happened.
    pub fn deadlock_report(&self) -> Option<String> {
        lock(&self.state).deadlock.clone()
    }
}
