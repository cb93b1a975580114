//! The hub: the state of every lock (`_thread.lock`, `_thread.RLock`) and
//! the count of live threads under ONE mutex, so the deadlock detector
//! sees a consistent picture.
//!
//! ```text
//!   a thread blocks with no timeout ─▶ waiters += {thread, what, line}
//!                                       if waiters == live threads and no
//!                                       waiter's lock is free for it:
//!                                           DEADLOCK: report, wake everyone
//!   a thread exits                  ─▶ live -= 1, same check
//! ```
//!
//! Why one mutex: a detector that looked at each lock under its own mutex
//! could see "A waits for L" and "L is held" at different instants and
//! report a deadlock that a release in between had already broken. With
//! one mutex, "every live thread is waiting and none can proceed" is
//! checked atomically, and only when something changes (a thread blocks or
//! exits): no polling, no sleeps. A release that frees a waiter's lock is
//! visible to the check even before the waiter wakes up, because the check
//! asks each waiter's lock, not the waiter.
//!
//! Everything else that blocks in a threading program — `Condition`,
//! `Event`, `Semaphore`, `Barrier`, `Queue`, `Thread.join`,
//! `Future.result` — is written in Python over these locks (as CPython's
//! `threading.py` and `queue.py` are), so the detector covers them all;
//! the report names the user's line and the library call it made (see
//! `vm::ThreadCtx::user_position`). Queues left the hub when `queue`
//! became Python: the hub holds no Python values, so it is generic over
//! nothing and needs only std.
//!
//! Simplification: one mutex serialises all lock operations, which is fine
//! under a GIL and measurable without one; CPython gives every lock its own
//! OS semaphore and has no deadlock detector at all (it hangs).
//!
//! Python equivalent: the state behind `Modules/_threadmodule.c`'s `lock`
//! and `RLock`, `PyThread_acquire_lock_timed`.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A lock's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockState {
    /// `_thread.lock`: held or not; any thread may release it.
    Plain {
        /// Whether some thread holds it.
        held: bool,
    },
    /// `_thread.RLock`: the owner may acquire it again.
    Reentrant {
        /// Ident of the owning thread (0: free).
        owner: u64,
        /// How many times the owner acquired it.
        count: u32,
    },
}

/// Which kind of lock to allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockKind {
    /// `allocate_lock()`.
    Plain,
    /// `RLock()`.
    Reentrant,
}

/// A blocked thread, for the detector and its report.
struct Waiter {
    /// Thread name, for the report.
    thread: String,
    /// What it called (`Lock.acquire()`, `Queue.get()`), for the report.
    what: String,
    /// Line of the user's program it called from.
    line: u32,
    /// The lock it waits for.
    lock: usize,
    /// Its ident (an RLock it owns is acquirable again).
    me: u64,
    /// The condvar to wake it with.
    cond: Arc<Condvar>,
    /// Registration id.
    id: u64,
}

/// Everything under the hub's mutex.
#[derive(Default)]
struct HubState {
    /// Lock slots (`None`: a free slot).
    locks: Vec<Option<LockState>>,
    /// Free slot indices.
    free: Vec<usize>,
    /// Live interpreter threads (started, not finished; main included).
    live: usize,
    /// Threads blocked with no timeout.
    waiters: Vec<Waiter>,
    /// Next waiter id.
    next_id: u64,
    /// The deadlock report, once one was detected.
    deadlock: Option<String>,
    /// The interpreter is finishing: every wait ends at once (daemon
    /// threads unwind instead of blocking forever).
    finalizing: bool,
}

/// The hub (see the module docs).
pub struct Hub {
    /// All lock state and the detector's bookkeeping.
    state: Mutex<HubState>,
}

/// A lock's slot in the hub; freed on drop.
pub struct LockHandle {
    /// The hub.
    hub: Arc<Hub>,
    /// Slot index.
    id: usize,
    /// Woken (all) whenever this lock is released.
    cond: Arc<Condvar>,
    /// Threads sleeping on `cond` right now. Changed only under the hub
    /// mutex; `wake` skips the system call when it is 0.
    sleepers: AtomicUsize,
}

/// Why a wait ended without the lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitError {
    /// The deadlock detector stopped it (the report is printed once).
    Deadlocked,
    /// The interpreter is finishing (a daemon thread unwinds).
    Finalizing,
}

/// Why a release failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReleaseError {
    /// `release unlocked lock`.
    NotHeld,
    /// `cannot release un-acquired lock` (an RLock owned by another thread).
    NotOwner,
}

/// Who is about to wait, for the report.
pub struct WaitInfo {
    /// Thread name.
    pub thread: String,
    /// What was called.
    pub what: String,
    /// Line of the user's program.
    pub line: u32,
}

impl HubState {
    /// Whether thread `me` could take lock `id` now.
    fn can_take(&self, id: usize, me: u64) -> bool {
        match self.locks.get(id).copied().flatten() {
            Some(LockState::Plain { held }) => !held,
            Some(LockState::Reentrant { owner, .. }) => owner == 0 || owner == me,
            // A vanished lock can never be waited on again: let it go.
            None => true,
        }
    }

    /// Takes lock `id` for `me` if it can.
    fn try_take(&mut self, id: usize, me: u64) -> bool {
        if !self.can_take(id, me) {
            return false;
        }
        match self.locks.get_mut(id).and_then(|l| l.as_mut()) {
            Some(LockState::Plain { held }) => *held = true,
            Some(LockState::Reentrant { owner, count }) => {
                *owner = me;
                *count += 1;
            }
            None => {}
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
        if self.waiters.iter().any(|w| self.can_take(w.lock, w.me)) {
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

impl Hub {
    /// An empty hub with only the main thread live.
    pub fn new() -> Arc<Hub> {
        Arc::new(Hub {
            state: Mutex::new(HubState {
                live: 1,
                ..HubState::default()
            }),
        })
    }

    fn state(&self) -> MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new, free lock.
    pub fn alloc(self: &Arc<Hub>, kind: LockKind) -> LockHandle {
        let init = match kind {
            LockKind::Plain => LockState::Plain { held: false },
            LockKind::Reentrant => LockState::Reentrant { owner: 0, count: 0 },
        };
        let mut st = self.state();
        let id = match st.free.pop() {
            Some(i) => {
                st.locks[i] = Some(init);
                i
            }
            None => {
                st.locks.push(Some(init));
                st.locks.len() - 1
            }
        };
        LockHandle {
            hub: self.clone(),
            id,
            cond: Arc::new(Condvar::new()),
            sleepers: AtomicUsize::new(0),
        }
    }

    /// The deadlock report, if one happened.
    pub fn deadlock_report(&self) -> Option<String> {
        self.state().deadlock.clone()
    }

    /// A thread started: one more live thread.
    pub fn thread_started(&self) {
        self.state().live += 1;
    }

    /// A thread finished: one fewer live thread, and the detector runs
    /// again (the remaining threads may now all be stuck).
    pub fn thread_finished(&self) {
        let mut st = self.state();
        st.live = st.live.saturating_sub(1);
        st.check_deadlock();
    }

    /// Live threads (`threading.active_count()` counts Python's own list).
    pub fn live(&self) -> usize {
        self.state().live
    }

    /// The interpreter is finishing: wake every waiter for good.
    pub fn finalize(&self) {
        let mut st = self.state();
        st.finalizing = true;
        for w in &st.waiters {
            w.cond.notify_all();
        }
    }
}

impl LockHandle {
    /// The lock's state now.
    pub fn state(&self) -> Option<LockState> {
        self.hub.state().locks.get(self.id).copied().flatten()
    }

    /// Takes the lock for `me` without waiting.
    pub fn try_acquire(&self, me: u64) -> bool {
        self.hub.state().try_take(self.id, me)
    }

    /// Blocks until `me` holds the lock (`Ok(true)`), `timeout` passes
    /// (`Ok(false)`), a deadlock is detected, or the interpreter finishes.
    /// Call with the GIL released. `who` describes the waiter for the
    /// deadlock report (computed only if the wait has no timeout).
    pub fn acquire(
        &self,
        me: u64,
        timeout: Option<Duration>,
        who: impl FnOnce() -> WaitInfo,
    ) -> Result<bool, WaitError> {
        let deadline = timeout.map(|t| Instant::now() + t.min(Duration::from_secs(86_400 * 365)));
        let mut st = self.hub.state();
        let mut who = Some(who);
        let mut registered: Option<u64> = None;
        let result = loop {
            if st.deadlock.is_some() {
                break Err(WaitError::Deadlocked);
            }
            if st.finalizing {
                break Err(WaitError::Finalizing);
            }
            if st.try_take(self.id, me) {
                break Ok(true);
            }
            match deadline {
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        break Ok(false);
                    }
                    self.sleepers.fetch_add(1, Relaxed);
                    st = self
                        .cond
                        .wait_timeout(st, d - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                    self.sleepers.fetch_sub(1, Relaxed);
                }
                None => {
                    if registered.is_none() {
                        st.next_id += 1;
                        let id = st.next_id;
                        let info = who.take().map(|f| f()).unwrap_or(WaitInfo {
                            thread: String::new(),
                            what: String::new(),
                            line: 0,
                        });
                        st.waiters.push(Waiter {
                            thread: info.thread,
                            what: info.what,
                            line: info.line,
                            lock: self.id,
                            me,
                            cond: self.cond.clone(),
                            id,
                        });
                        registered = Some(id);
                        if st.check_deadlock() {
                            break Err(WaitError::Deadlocked);
                        }
                    }
                    self.sleepers.fetch_add(1, Relaxed);
                    st = self.cond.wait(st).unwrap_or_else(|e| e.into_inner());
                    self.sleepers.fetch_sub(1, Relaxed);
                }
            }
        };
        if let Some(id) = registered {
            st.waiters.retain(|w| w.id != id);
        }
        result
    }

    /// Releases the lock (an RLock once) as thread `me`.
    pub fn release(&self, me: u64) -> Result<(), ReleaseError> {
        {
            let mut st = self.hub.state();
            match st.locks.get_mut(self.id).and_then(|l| l.as_mut()) {
                Some(LockState::Plain { held }) => {
                    if !*held {
                        return Err(ReleaseError::NotHeld);
                    }
                    *held = false;
                }
                Some(LockState::Reentrant { owner, count }) => {
                    if *owner != me || *count == 0 {
                        return Err(ReleaseError::NotOwner);
                    }
                    *count -= 1;
                    if *count == 0 {
                        *owner = 0;
                    }
                }
                None => {}
            }
        }
        self.wake();
        Ok(())
    }

    /// `RLock._release_save`: releases it completely, returning the count.
    pub fn release_all(&self, me: u64) -> Result<u32, ReleaseError> {
        let saved = {
            let mut st = self.hub.state();
            match st.locks.get_mut(self.id).and_then(|l| l.as_mut()) {
                Some(LockState::Reentrant { owner, count }) => {
                    if *owner != me || *count == 0 {
                        return Err(ReleaseError::NotOwner);
                    }
                    let c = *count;
                    *owner = 0;
                    *count = 0;
                    c
                }
                Some(LockState::Plain { held }) => {
                    if !*held {
                        return Err(ReleaseError::NotHeld);
                    }
                    *held = false;
                    1
                }
                None => 0,
            }
        };
        self.wake();
        Ok(saved)
    }

    /// `RLock._acquire_restore`: after acquiring, sets the count back.
    pub fn set_count(&self, count: u32) {
        let mut st = self.hub.state();
        if let Some(LockState::Reentrant { count: c, .. }) =
            st.locks.get_mut(self.id).and_then(|l| l.as_mut())
        {
            *c = count.max(1);
        }
    }

    /// Wakes every thread waiting on this lock.
    ///
    /// Relaxed is enough for `sleepers`: it only changes under the hub
    /// mutex, and the caller changed the lock's state under that same mutex
    /// just before, so either the sleeper's increment is visible here (the
    /// mutex orders it before our state change), or the sleeper will see
    /// the new state before it goes to sleep. The road not taken, a
    /// wake-up per release, costs a futex system call each time.
    fn wake(&self) {
        if self.sleepers.load(Relaxed) > 0 {
            self.cond.notify_all();
        }
    }
}

impl Drop for LockHandle {
    fn drop(&mut self) {
        let mut st = self.hub.state();
        if let Some(slot) = st.locks.get_mut(self.id) {
            *slot = None;
            st.free.push(self.id);
        }
    }
}

impl std::fmt::Debug for LockHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LockHandle({})", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> WaitInfo {
        WaitInfo {
            thread: "MainThread".into(),
            what: "Lock.acquire()".into(),
            line: 3,
        }
    }

    #[test]
    fn a_lone_thread_waiting_on_its_own_lock_is_a_deadlock() {
        let hub = Hub::new();
        let l = hub.alloc(LockKind::Plain);
        assert!(l.try_acquire(1));
        assert_eq!(l.acquire(1, None, info), Err(WaitError::Deadlocked));
        let report = hub.deadlock_report().unwrap_or_default();
        assert!(report.contains("thread 'MainThread' waits on Lock.acquire() at line 3"));
    }

    #[test]
    fn rlocks_count_their_owner() {
        let hub = Hub::new();
        let r = hub.alloc(LockKind::Reentrant);
        assert!(r.try_acquire(7));
        assert!(r.try_acquire(7));
        assert!(!r.try_acquire(8));
        assert_eq!(r.release(8), Err(ReleaseError::NotOwner));
        assert_eq!(r.release_all(7), Ok(2));
        assert!(r.try_acquire(8));
    }

    #[test]
    fn timed_waits_time_out_without_a_report() {
        let hub = Hub::new();
        let l = hub.alloc(LockKind::Plain);
        assert!(l.try_acquire(1));
        assert_eq!(
            l.acquire(1, Some(Duration::from_millis(1)), info),
            Ok(false)
        );
        assert!(hub.deadlock_report().is_none());
    }
}
