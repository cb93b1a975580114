//! The repr cycle guard: the objects whose repr is being built on this
//! thread, so a container that contains itself prints `[...]` instead
//! of recursing forever.
//!
//! ```text
//!   xs = [1]; xs.append(xs)
//!   repr(xs): enter(xs) ─▶ "[1, " ─▶ repr(xs): enter(xs) fails ─▶ "[...]" ─▶ "]"
//! ```
//!
//! A thread-local set, as CPython keeps it in the thread state: two
//! threads printing the same list at once each see their own walk.
//! [`ReprGuard`] leaves the set when dropped, so an error half-way out
//! of a repr cannot leave an object marked.
//!
//! Python equivalent: `Py_ReprEnter` / `Py_ReprLeave` in
//! `Objects/object.c`.
//!
//! Needs: nothing of its siblings.

use crate::object::Value;

thread_local! {
    /// Objects whose repr is being built on this thread (`Py_ReprEnter`):
    /// meeting one again prints `[...]`.
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The cycle guard: a thread-local set of objects being repr'd. A native
/// container's `__repr__` enters it and prints `[...]` when it cannot
/// (`Py_ReprEnter`).
pub struct ReprGuard(usize);

impl ReprGuard {
    /// Marks `v` as being repr'd; `None` if it already is (a cycle).
    pub fn enter(v: &Value) -> Option<ReprGuard> {
        let p = v.heap_ptr()?;
        IN_REPR.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&p) {
                None
            } else {
                s.push(p);
                Some(ReprGuard(p))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        let _ = IN_REPR.try_with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|x| *x == self.0) {
                s.remove(i);
            }
        });
    }
}
