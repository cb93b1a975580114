//! `tuple` and `list`: a fixed slice and a growable vector of values.
//!
//! ```text
//!   Value::Tuple(Arc<Tuple>)   Tuple { items: Box<[Value]> }        immutable: no cell
//!   Value::List(Arc<List>)     List  { items: PyCell<Vec<Value>> }  shared and mutable
//! ```
//!
//! A list is shared by every thread that holds the `Arc`, so its vector
//! sits in the one cell type ([`PyCell`]): `append` from many threads
//! never loses an item, even without a GIL, while `xs[i] += 1` (a load,
//! an add and a store: three operations) still can, as in CPython.
//! Both drop their items through [`drop_values`], so a million-deep
//! nesting is freed without recursion.
//!
//! Python equivalent: `Objects/tupleobject.c`, `Objects/listobject.c`.

use super::cell::{PyCell, PyGuard};
use super::drop::drop_values;
use super::value::Value;

/// A `tuple`'s items.
pub struct Tuple {
    /// The items, fixed at creation.
    pub items: Box<[Value]>,
}

impl Tuple {
    /// A tuple of `items`.
    pub fn new(items: Vec<Value>) -> Tuple {
        Tuple {
            items: items.into_boxed_slice(),
        }
    }

    /// `len(t)`.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the tuple is `()`.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl std::ops::Deref for Tuple {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.items
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        drop_values(std::mem::take(&mut self.items).into_vec());
    }
}

/// A `list`'s items.
#[derive(Default)]
pub struct List {
    /// The items; every access goes through the cell (see `cell.rs`).
    pub items: PyCell<Vec<Value>>,
}

impl List {
    /// A list of `items`.
    pub fn new(items: Vec<Value>) -> List {
        List {
            items: PyCell::new(items),
        }
    }

    /// Exclusive access to the items (keep it short; no Python calls).
    #[inline(always)]
    pub fn lock(&self) -> PyGuard<'_, Vec<Value>> {
        self.items.lock()
    }

    /// `len(xs)`.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// A copy of the items (to work on without holding the cell).
    pub fn snapshot(&self) -> Vec<Value> {
        self.lock().clone()
    }

    /// `xs.append(v)`.
    pub fn push(&self, v: Value) {
        self.lock().push(v);
    }
}

impl Drop for List {
    fn drop(&mut self) {
        drop_values(std::mem::take(self.items.get_mut()));
    }
}
