//! `PyCell<T>`: the ONE interior-mutability cell behind every shared mutable
//! object (list items, dict and set tables, instance and class
//! namespaces, bytearray bytes, closure cells, module global slots,
//! generator state, native objects' state).
//!
//! ```text
//!   Value::List(Arc<List>)          List { items: PyCell<Vec<Value>> }
//!        │                                         │
//!        └── many threads share the Arc            └── xs.lock() ─▶ PyGuard ─▶ &mut Vec<Value>
//!                                                     (one short critical section;
//!                                                      dropping the guard unlocks)
//! ```
//!
//! Why one type in one file: what a cell must cost depends on the GIL mode.
//! Under a GIL only the holder runs bytecode, so the cell could be a plain
//! `UnsafeCell` (CPython's GIL builds take no per-object lock); in the
//! free-threaded mode (`--gil none`, CPython 3.13t) it must be a lock so
//! that racing threads cannot tear a list or a dict (PEP 703's per-object
//! critical sections). By default it is locked, with the crate's own
//! one-byte [`CellLock`] (`cell_lock.rs`): one exchange to lock, one plain
//! store to unlock, nothing else, so the uncontended GIL case is cheap but
//! not free. A process that promises to run one interpreter run at a time
//! (the `minipy` CLI does, see `cell_mode.rs`) skips the exchange when that
//! run has a GIL:
//! `lock` marks the byte with a plain store and relies on the GIL. Because
//! every call site goes through [`PyCell::lock`], that choice is made here
//! and nowhere else.
//!
//! ## Rules for callers (the invariants issue 10 relies on)
//! 1. **Never call back into Python while holding a guard.** `__eq__`,
//!    `__hash__`, `__repr__`, a `key=` function may touch the same object
//!    (and, lock-free, would alias a `&mut`). Copy what you need out, drop
//!    the guard, then call.
//! 2. **Never hold a guard across a GIL release** (a blocking call, a
//!    check point): another thread would run while this one holds the cell.
//! 3. **Never hold two guards of the same cell**, and take guards of two
//!    different cells only in a fixed order or not at all (`a.extend(a)`
//!    copies first).
//!
//! Debug builds catch a rule-3 violation on the same thread: the second
//! `lock` panics naming the rule instead of spinning forever.
//!
//! There is no poisoning (a panic while a guard is held just unlocks): a
//! Python object never becomes unusable, and user input never panics the
//! VM anyway.
//!
//! Python equivalent: none in the GIL builds (the GIL is the lock);
//! `Py_BEGIN_CRITICAL_SECTION` in the free-threaded build. Needs only std
//! and its siblings `cell_lock.rs` (the lock) and `cell_mode.rs` (whether
//! the GIL holds cells instead).

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use super::cell_lock::CellLock;
use super::cell_mode;

/// A cell whose contents many threads share; see the module rules.
pub struct PyCell<T> {
    /// Held for every access to `value` (see the module docs for why).
    lock: CellLock,
    /// The contents; touched only through a [`PyGuard`] (lock held) or
    /// through `&mut self` / `self` (no other reference exists).
    value: UnsafeCell<T>,
}

// `PyCell<T>: Send` comes for free when `T: Send` (both fields are Send).
// Sharing a `&PyCell<T>` lets any thread reach `&mut T`, but only through
// a `PyGuard`, and `CellLock` lets one guard exist at a time.
// SAFETY: so the contents pass between threads one holder after another, which needs `T: Send`, not `T: Sync` (as `std::sync::Mutex`).
unsafe impl<T: Send> Sync for PyCell<T> {}

/// Exclusive access to a [`PyCell`]'s contents until dropped; dropping it
/// unlocks (one release store, no poison check).
pub struct PyGuard<'a, T> {
    /// The cell whose lock this guard holds.
    cell: &'a PyCell<T>,
    /// Makes the guard `!Send` (and `!Sync`, restored below for `T: Sync`),
    /// like std's `MutexGuard`: the lock is released on the thread that took
    /// it, which the debug-build holder check relies on. The road not
    /// taken, `PhantomData<&'a mut T>` (Send when `T: Send`), would be sound
    /// for the one-byte lock itself but would let a guard unlock on another
    /// thread and confuse that check.
    _not_send: PhantomData<*const T>,
}

// SAFETY: a shared `&PyGuard<T>` only hands out `&T` (Deref), so sharing it
// across threads is sound exactly when sharing `&T` is: `T: Sync` (the same
// bound as std's `MutexGuard`).
unsafe impl<T: Sync> Sync for PyGuard<'_, T> {}

impl<T> PyCell<T> {
    /// A cell holding `value`.
    pub const fn new(value: T) -> PyCell<T> {
        PyCell {
            lock: CellLock::new(),
            value: UnsafeCell::new(value),
        }
    }

    /// Exclusive access to the contents. Keep the guard short-lived and
    /// follow the module rules (no Python calls, no GIL release inside).
    #[inline(always)]
    pub fn lock(&self) -> PyGuard<'_, T> {
        if cell_mode::gil_holds_cells() {
            // Fast path: the process runs one GIL-mode interpreter, whose GIL
            // already makes this thread the only one in any cell
            // (`cell_mode.rs`); the byte is marked, not exchanged.
            self.lock.lock_under_gil();
        } else {
            // Plain path: the one-byte lock (free-threaded runs, and every
            // process that has not claimed, such as the test harness).
            self.lock.lock();
        }
        PyGuard {
            cell: self,
            _not_send: PhantomData,
        }
    }

    /// Runs `f` on the contents and returns its result (the guard lives
    /// exactly as long as `f`).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.lock())
    }

    /// Direct access when the caller owns the cell outright (no lock:
    /// `&mut self` proves no guard exists).
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// The contents, consuming the cell.
    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T: Clone> PyCell<T> {
    /// A copy of the contents.
    #[inline]
    pub fn get(&self) -> T {
        self.lock().clone()
    }

    /// Replaces the contents, returning the old value (dropped by the
    /// caller after the guard is gone: its drop may run long).
    #[inline]
    pub fn replace(&self, value: T) -> T {
        std::mem::replace(&mut *self.lock(), value)
    }
}

impl<T> Deref for PyGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the cell's lock (taken in `PyCell::lock`,
        // released only in our `Drop`), so no other reference to the
        // contents exists while `&self` lives.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T> DerefMut for PyGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only
        // reference obtained through the guard.
        unsafe { &mut *self.cell.value.get() }
    }
}

impl<T> Drop for PyGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.cell.lock.unlock();
    }
}

impl<T: Default> Default for PyCell<T> {
    fn default() -> PyCell<T> {
        PyCell::new(T::default())
    }
}

impl<T> std::fmt::Debug for PyCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PyCell(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_gives_mutable_access_and_drop_releases() {
        let cell = PyCell::new(vec![1, 2]);
        cell.lock().push(3);
        // The first guard is gone, so a second lock on this thread works.
        assert_eq!(*cell.lock(), vec![1, 2, 3]);
        assert_eq!(cell.get(), vec![1, 2, 3]);
    }

    #[test]
    fn with_get_replace_and_owned_access() {
        let mut cell = PyCell::new(10u64);
        assert_eq!(cell.with(|v| std::mem::replace(v, 11)), 10);
        assert_eq!(cell.replace(12), 11);
        *cell.get_mut() += 1;
        assert_eq!(cell.into_inner(), 13);
        assert_eq!(PyCell::<u64>::default().get(), 0);
    }

    #[test]
    fn many_threads_incrementing_get_the_exact_total() {
        const THREADS: u64 = 4;
        const INCREMENTS: u64 = 20_000;
        let counter = PyCell::new(0u64);
        std::thread::scope(|s| {
            for _ in 0..THREADS {
                s.spawn(|| {
                    for _ in 0..INCREMENTS {
                        // A read-modify-write split across deref and
                        // deref_mut: a lost update would show in the total.
                        let mut guard = counter.lock();
                        let seen = *guard;
                        *guard = seen + 1;
                    }
                });
            }
        });
        assert_eq!(counter.into_inner(), THREADS * INCREMENTS);
    }

    #[test]
    fn a_panic_while_locked_leaves_the_cell_usable() {
        let cell = PyCell::new(1);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = cell.lock();
            panic!("inside the critical section");
        }));
        assert!(caught.is_err());
        assert_eq!(cell.get(), 1);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "rule 3")]
    fn a_second_guard_on_the_same_thread_panics_in_debug() {
        let cell = PyCell::new(0);
        let _first = cell.lock();
        let _second = cell.lock();
    }
}
