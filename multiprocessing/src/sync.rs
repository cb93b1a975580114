//! Process-shared `Lock` and `Semaphore`: futex words in `MAP_SHARED` memory.
//!
//! ```text
//!   parent: mmap(MAP_SHARED | MAP_ANONYMOUS) ──fork──▶ child: the same physical page
//!           ┌──────────────────────┐
//!           │ state: AtomicU32      │  Lock: 0 unlocked, 1 locked, 2 locked + waiters
//!           └──────────────────────┘  Semaphore: the count itself
//! ```
//!
//! A futex ("fast userspace mutex") is a 32-bit word plus two system calls:
//! `FUTEX_WAIT(word, expected)` sleeps *if the word still equals
//! `expected`* (checked atomically in the kernel, so no wake-up is lost),
//! `FUTEX_WAKE(word, n)` wakes up to `n` sleepers. The uncontended path is
//! a single atomic instruction. Because the page is `MAP_SHARED`, the word
//! is the same memory in every forked process, and the *non-private*
//! futex operations key sleepers on the physical page, so a child can wake
//! its parent. (The `_PRIVATE` variants, which std uses, would not work
//! across processes.)
//!
//! Road not taken: POSIX `sem_init(pshared = 1)` does the same inside glibc;
//! the futex is shown because it is the mechanism underneath and fits on a
//! page. The lock is the three-state mutex of Drepper's "Futexes Are
//! Tricky" (the one std's Linux `Mutex` uses).
//!
//! Simplification: a process that dies while holding a `Lock` leaves it
//! locked forever (CPython's `multiprocessing.Lock` has the same flaw);
//! robust mutexes (`PTHREAD_MUTEX_ROBUST`) are the production answer.
//!
//! Needs: `sys.rs` (the futex calls), `error.rs`.
//!
//! Python equivalent: `multiprocessing.Lock`, `multiprocessing.Semaphore`.

use crate::error::{Error, Result};
use crate::sys::{futex_wait, futex_wake};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Lock state: nobody holds it.
const UNLOCKED: u32 = 0;
/// Lock state: held, nobody waits.
const LOCKED: u32 = 1;
/// Lock state: held, and someone may be sleeping on the futex.
const CONTENDED: u32 = 2;

/// The time left until `deadline` (`None`: no deadline); `Some(ZERO)` when past.
pub(crate) fn left(deadline: Option<Instant>) -> Option<Duration> {
    deadline.map(|d| d.saturating_duration_since(Instant::now()))
}

/// A futex mutex word, to be placed in shared memory.
#[repr(C)]
#[derive(Debug, Default)]
pub(crate) struct RawLock {
    /// `UNLOCKED`, `LOCKED` or `CONTENDED`.
    state: AtomicU32,
}

impl RawLock {
    /// Acquires, waiting at most `timeout`; false if it timed out.
    pub(crate) fn acquire(&self, timeout: Option<Duration>) -> bool {
        // Acquire pairs with the Release swap in `release`.
        if self
            .state
            .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
        {
            return true;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            // Mark contended; if it was unlocked, we own it now (Acquire
            // pairs with `release`'s Release swap).
            if self.state.swap(CONTENDED, Ordering::Acquire) == UNLOCKED {
                return true;
            }
            let remaining = left(deadline);
            if remaining == Some(Duration::ZERO) {
                return false;
            }
            futex_wait(&self.state, CONTENDED, remaining);
        }
    }

    /// Releases; false if it was not locked (a caller bug Python reports as
    /// `ValueError`).
    pub(crate) fn release(&self) -> bool {
        // Release pairs with the Acquire in `acquire`.
        match self.state.swap(UNLOCKED, Ordering::Release) {
            UNLOCKED => false,
            CONTENDED => {
                futex_wake(&self.state, 1);
                true
            }
            _ => true,
        }
    }
}

/// A futex counting semaphore word, to be placed in shared memory.
#[repr(C)]
#[derive(Debug, Default)]
pub(crate) struct RawSemaphore {
    /// The count: how many `acquire`s succeed without waiting.
    count: AtomicU32,
}

impl RawSemaphore {
    /// A semaphore starting at `value`.
    pub(crate) fn new(value: u32) -> RawSemaphore {
        RawSemaphore {
            count: AtomicU32::new(value),
        }
    }

    /// Decrements, waiting at most `timeout` for the count to be positive.
    pub(crate) fn acquire(&self, timeout: Option<Duration>) -> bool {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let current = self.count.load(Ordering::Relaxed);
            if current > 0 {
                // Acquire pairs with the Release fetch_add in `release`.
                if self
                    .count
                    .compare_exchange_weak(
                        current,
                        current - 1,
                        Ordering::Acquire,
                        Ordering::Relaxed,
                    )
                    .is_ok()
                {
                    return true;
                }
                continue;
            }
            let remaining = left(deadline);
            if remaining == Some(Duration::ZERO) {
                return false;
            }
            futex_wait(&self.count, 0, remaining);
        }
    }

    /// Increments and wakes one waiter. Simplification: always a wake
    /// system call; a waiter count would skip it when nobody sleeps.
    pub(crate) fn release(&self) {
        // Release pairs with the Acquire CAS in `acquire`.
        self.count.fetch_add(1, Ordering::Release);
        futex_wake(&self.count, 1);
    }

    /// The current count (a snapshot).
    pub(crate) fn value(&self) -> u32 {
        self.count.load(Ordering::Relaxed)
    }
}

/// An anonymous `MAP_SHARED` mapping of `len` bytes, holding a `T` at its
/// start; unmapped (in this process) on drop. Forked children inherit the
/// mapping: the same physical pages.
#[derive(Debug)]
pub(crate) struct SharedRegion<T> {
    /// Start of the mapping.
    ptr: NonNull<T>,
    /// Mapping length in bytes.
    len: usize,
}

// SAFETY: the region is plain shared memory; `T` is only ever accessed
// through `&T`, and every `T` used here is made of atomics or guarded by a
// `RawLock` (Value/Array), so sharing across threads is as safe as `T: Sync`.
unsafe impl<T: Sync> Send for SharedRegion<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for SharedRegion<T> {}

impl<T> SharedRegion<T> {
    /// Maps `len` (at least `size_of::<T>()`) zeroed shared bytes and writes `value` at the start.
    pub(crate) fn new(value: T, len: usize) -> Result<SharedRegion<T>> {
        let len = len.max(std::mem::size_of::<T>()).max(1);
        // SAFETY: an anonymous mapping: no fd, no address hint; the kernel
        // returns page-aligned zeroed memory or MAP_FAILED.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(Error::Io(std::io::Error::last_os_error()));
        }
        let ptr = NonNull::new(ptr.cast::<T>()).ok_or(Error::State("mmap returned null"))?;
        // SAFETY: the mapping is page-aligned (so aligned for T), writable
        // and at least size_of::<T>() bytes; nothing else references it yet.
        unsafe { ptr.as_ptr().write(value) };
        Ok(SharedRegion { ptr, len })
    }

    /// The `T` at the start.
    pub(crate) fn get(&self) -> &T {
        // SAFETY: initialised in `new`, mapped until `drop`.
        unsafe { self.ptr.as_ref() }
    }

    /// Pointer to byte `offset` of the mapping.
    pub(crate) fn byte_ptr(&self, offset: usize) -> *mut u8 {
        assert!(
            offset <= self.len,
            "offset {offset} beyond a {}-byte region",
            self.len
        );
        // SAFETY: in bounds of the mapping (checked above).
        unsafe { self.ptr.as_ptr().cast::<u8>().add(offset) }
    }
}

impl<T> Drop for SharedRegion<T> {
    fn drop(&mut self) {
        // SAFETY: we mapped exactly `len` bytes at `ptr`; no reference into
        // the region outlives `self` (all borrows go through `&self`).
        unsafe {
            libc::munmap(self.ptr.as_ptr().cast(), self.len);
        }
    }
}

/// A lock shared by every process forked after its creation
/// (Python's `multiprocessing.Lock`). Clones share the same lock.
#[derive(Clone, Debug)]
pub struct Lock {
    /// The futex word in shared memory.
    region: Arc<SharedRegion<RawLock>>,
}

impl Lock {
    /// A new unlocked lock.
    pub fn new() -> Result<Lock> {
        Ok(Lock {
            region: Arc::new(SharedRegion::new(RawLock::default(), 0)?),
        })
    }

    /// Acquires, waiting at most `timeout` (`None`: forever); false on
    /// timeout (Python's `acquire(timeout=...)`).
    pub fn acquire(&self, timeout: Option<Duration>) -> bool {
        self.region.get().acquire(timeout)
    }

    /// Releases; `Err(State)` if it was not held (Python's `ValueError`).
    pub fn release(&self) -> Result<()> {
        if self.region.get().release() {
            Ok(())
        } else {
            Err(Error::State("release of an unlocked lock"))
        }
    }

    /// Runs `f` holding the lock (Python's `with lock:`).
    pub fn with_lock<R>(&self, f: impl FnOnce() -> R) -> R {
        /// Releases on drop, so a panicking `f` does not leave it locked.
        struct Guard<'a>(&'a RawLock);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                self.0.release();
            }
        }
        self.region.get().acquire(None);
        let _guard = Guard(self.region.get());
        f()
    }
}

/// A counting semaphore shared across forked processes (Python's
/// `multiprocessing.Semaphore`). Clones share the same count.
#[derive(Clone, Debug)]
pub struct Semaphore {
    /// The futex counter in shared memory.
    region: Arc<SharedRegion<RawSemaphore>>,
}

impl Semaphore {
    /// A semaphore with initial count `value`.
    pub fn new(value: u32) -> Result<Semaphore> {
        Ok(Semaphore {
            region: Arc::new(SharedRegion::new(RawSemaphore::new(value), 0)?),
        })
    }

    /// Decrements, waiting at most `timeout`; false on timeout.
    pub fn acquire(&self, timeout: Option<Duration>) -> bool {
        self.region.get().acquire(timeout)
    }

    /// Increments, waking one waiter.
    pub fn release(&self) {
        self.region.get().release()
    }

    /// The current count (Python's `get_value()`).
    pub fn get_value(&self) -> u32 {
        self.region.get().value()
    }
}
