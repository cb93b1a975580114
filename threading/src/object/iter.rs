//! The built-in iterators and dict views, as data: what `iter()` makes for
//! built-in containers and what `enumerate`, `zip`, `map`, `filter`,
//! `reversed` return. The VM (`vm/iter/`) advances them.
//!
//! ```text
//!   for x in xs          Iter { state: List { seq: xs, index: 0 } }
//!                        next: xs[index] under xs's cell, index += 1
//!   d.keys()             DictView { dict: d, kind: Keys }   (live: sees later changes)
//! ```
//!
//! A list iterator reads the live list at each step (items appended while
//! iterating are seen, as in CPython); dict and set iterators remember the
//! size they started with and raise "changed size during iteration".
//!
//! Python equivalent: `Objects/iterobject.c`, `listobject.c`
//! (`listiterobject`), `dictobject.c` (`dictiterobject`, views),
//! `enumobject.c`, `bltinmodule.c` (`zip`, `map`, `filter`).

use super::cell::PyCell;
use super::str::PyStr;
use super::value::Value;
use crate::object::refcount::Arc;

/// Which part of a dict a view or iterator covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// `keys()`
    Keys,
    /// `values()`
    Values,
    /// `items()`
    Items,
}

/// A dict view (`d.keys()`, `d.values()`, `d.items()`).
pub struct DictView {
    /// The dict (or dict-subclass instance) viewed.
    pub dict: Value,
    /// Which part.
    pub kind: ViewKind,
}

/// An iterator's state.
pub enum IterState {
    /// Over a live list (or list subclass).
    List {
        /// The list.
        seq: Value,
        /// Next index.
        index: usize,
    },
    /// Backwards over a live list (`reversed(xs)`).
    ListReverse {
        /// The list.
        seq: Value,
        /// Index of the next item + 1 (0: exhausted).
        next: usize,
    },
    /// Over a tuple (or tuple subclass).
    Tuple {
        /// The tuple.
        seq: Value,
        /// Next index.
        index: usize,
    },
    /// Over a string's characters.
    Str {
        /// The string.
        s: Arc<PyStr>,
        /// Byte offset of the next character.
        pos: usize,
    },
    /// Over the bytes of `bytes`/`bytearray` (ints).
    Bytes {
        /// The object.
        seq: Value,
        /// Next index.
        index: usize,
    },
    /// Over a dict's keys, values or items.
    Dict {
        /// The dict (or subclass instance).
        dict: Value,
        /// Which part.
        kind: ViewKind,
        /// Entry position to look at next.
        pos: usize,
        /// `len(d)` when iteration started.
        len: usize,
    },
    /// Over a set's elements.
    Set {
        /// The set or frozenset.
        set: Value,
        /// Slot to look at next.
        pos: usize,
        /// `len(s)` when iteration started.
        len: usize,
    },
    /// `enumerate(it, start)`.
    Enumerate {
        /// The wrapped iterator.
        inner: Value,
        /// The next count.
        count: Value,
    },
    /// `zip(*its)`.
    Zip {
        /// The wrapped iterators.
        iters: Vec<Value>,
        /// `strict=True`: unequal lengths are a `ValueError`.
        strict: bool,
    },
    /// `map(f, *its)`.
    Map {
        /// The function.
        func: Value,
        /// The wrapped iterators.
        iters: Vec<Value>,
    },
    /// `filter(f, it)` (`f` is `None`: truthiness).
    Filter {
        /// The predicate.
        func: Value,
        /// The wrapped iterator.
        inner: Value,
    },
    /// The old sequence protocol: `obj[0]`, `obj[1]`, ... until
    /// `IndexError` (`iter()` of a class with `__getitem__` only).
    SeqIndex {
        /// The object.
        seq: Value,
        /// Next index.
        index: i64,
    },
    /// `reversed()` of a sequence with `__len__` and `__getitem__`.
    SeqReverse {
        /// The object.
        seq: Value,
        /// Index of the next item + 1 (0: exhausted).
        next: i64,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        /// Called with no arguments for each item.
        func: Value,
        /// Stop when the call returns this.
        sentinel: Value,
    },
    /// Exhausted (and stays so).
    Done,
}

impl IterState {
    /// The Python type name of the iterator.
    pub fn type_name(&self) -> &'static str {
        match self {
            IterState::List { .. } => "list_iterator",
            IterState::ListReverse { .. } => "list_reverseiterator",
            IterState::Tuple { .. } => "tuple_iterator",
            IterState::Str { s, .. } if s.is_ascii() => "str_ascii_iterator",
            IterState::Str { .. } => "str_iterator",
            IterState::Bytes { .. } => "bytes_iterator",
            IterState::Dict { kind, .. } => match kind {
                ViewKind::Keys => "dict_keyiterator",
                ViewKind::Values => "dict_valueiterator",
                ViewKind::Items => "dict_itemiterator",
            },
            IterState::Set { .. } => "set_iterator",
            IterState::Enumerate { .. } => "enumerate",
            IterState::Zip { .. } => "zip",
            IterState::Map { .. } => "map",
            IterState::Filter { .. } => "filter",
            IterState::SeqIndex { .. } => "iterator",
            IterState::SeqReverse { .. } => "reversed",
            IterState::Callable { .. } => "callable_iterator",
            IterState::Done => "iterator",
        }
    }
}

/// A built-in iterator object.
pub struct Iter {
    /// Its name, fixed at creation (the state may become `Done`).
    pub type_name: &'static str,
    /// Its state (in the one cell type: iterators can be shared).
    pub state: PyCell<IterState>,
}

impl Iter {
    /// An iterator in `state`.
    pub fn new(state: IterState) -> Iter {
        Iter {
            type_name: state.type_name(),
            state: PyCell::new(state),
        }
    }
}
