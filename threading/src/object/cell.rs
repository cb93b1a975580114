//! `PyCell<T>`: the ONE interior-mutability cell behind every shared mutable
//! object (list items, dict and set tables, instance and class
//! namespaces, bytearray bytes, closure cells, module global slots,
//! generator state, native objects' state).
//!
//! ```text
//!   Value::List(Arc<List>)          List { items: PyCell<Vec<Value>> }
//!        │                                         │
//!        └── many threads share the Arc            └── xs.lock() ─▶ &mut Vec<Value>
//!                                                     (one short critical section)
//! ```
//!
//! Why one type in one file: what a cell must cost depends on the GIL mode.
//! Under a GIL only the holder runs bytecode, so the cell could be a plain
//! `UnsafeCell` (CPython's GIL builds take no per-object lock); in the
//! free-threaded mode (`--gil none`, CPython 3.13t) it must be a lock so
//! that racing threads cannot tear a list or a dict (PEP 703's per-object
//! critical sections). Today it is always a `std::sync::Mutex`: uncontended
//! under a GIL (one atomic swap each way), a real lock without one. Issue 10
//! makes the GIL case lock-free; because every call site goes through
//! [`PyCell::lock`], that change happens here and nowhere else.
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
//! A poisoned mutex (a panic while held) is ignored: a Python object never
//! becomes unusable, and user input never panics the VM anyway.
//!
//! Python equivalent: none in the GIL builds (the GIL is the lock);
//! `Py_BEGIN_CRITICAL_SECTION` in the free-threaded build. Needs only std.

use std::sync::{Mutex, MutexGuard};

/// A cell whose contents many threads share; see the module rules.
#[derive(Default)]
pub struct PyCell<T> {
    /// The contents; locked for every access (see the module docs for why).
    inner: Mutex<T>,
}

/// Exclusive access to a [`PyCell`]'s contents until dropped.
pub type PyGuard<'a, T> = MutexGuard<'a, T>;

impl<T> PyCell<T> {
    /// A cell holding `value`.
    pub const fn new(value: T) -> PyCell<T> {
        PyCell {
            inner: Mutex::new(value),
        }
    }

    /// Exclusive access to the contents. Keep the guard short-lived and
    /// follow the module rules (no Python calls, no GIL release inside).
    #[inline]
    pub fn lock(&self) -> PyGuard<'_, T> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the contents and returns its result (the guard lives
    /// exactly as long as `f`).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.lock())
    }

    /// Direct access when the caller owns the cell outright.
    pub fn get_mut(&mut self) -> &mut T {
        self.inner.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// The contents, consuming the cell.
    pub fn into_inner(self) -> T {
        self.inner.into_inner().unwrap_or_else(|e| e.into_inner())
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

impl<T> std::fmt::Debug for PyCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PyCell(..)")
    }
}
