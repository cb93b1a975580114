//! # `_collections`: `deque` and `defaultdict`
//!
//! ```text
//!   deque([iterable[, maxlen]])   a VecDeque in the one cell type; appends
//!                                 and pops at both ends are O(1), one
//!                                 short critical section each (what makes
//!                                 them atomic under the GIL and safe
//!                                 without it, as CPython promises)
//!   defaultdict(factory, ...)     a dict subclass whose __missing__ calls
//!                                 factory(); the factory lives in a slot
//! ```
//!
//! `queue.Queue` and `threading.Condition` (embedded Python) keep their
//! waiters and items in a `deque`, as CPython's do.
//!
//! Python equivalent: `Modules/_collectionsmodule.c`.
//!
//! | file | holds |
//! |---|---|
//! | `mod.rs` | the module table, the deque's method table |
//! | `deque.rs` | the deque's state, its constructor, its two ends |
//! | `deque_seq.rs` | indexing, search, insert/remove, rotate, comparison, repr |
//! | `deque_iter.rs` | `iter(d)`, `reversed(d)` |
//! | `defaultdict.rs` | `defaultdict` |

mod defaultdict;
mod deque;
mod deque_iter;
mod deque_seq;

pub use defaultdict::DEFAULTDICT;
pub use deque::{Deque, DequeState};
pub use deque_iter::{DequeIter, DEQUE_ITER};

use deque::{append, appendleft, clear, deque_init, deque_new, extend, extendleft, pop, popleft};
use deque_iter::{iter, reversed};
use deque_seq::{
    add, bool_, contains, copy, count, delitem, eq, getitem, iadd, index, insert, len, maxlen, ne,
    remove, repr, reverse, rotate, setitem,
};

use crate::vm::native::{NativeClass, NativeModule, NativeSpec};

/// `collections.deque`.
pub static DEQUE: NativeClass = NativeClass::new(
    "deque",
    "collections",
    &[
        NativeSpec::staticmethod("__new__", deque_new),
        NativeSpec::method("__init__", deque_init),
        NativeSpec::method("append", append),
        NativeSpec::method("appendleft", appendleft),
        NativeSpec::method("pop", pop),
        NativeSpec::method("popleft", popleft),
        NativeSpec::method("extend", extend),
        NativeSpec::method("extendleft", extendleft),
        NativeSpec::method("clear", clear),
        NativeSpec::method("copy", copy),
        NativeSpec::method("__copy__", copy),
        NativeSpec::method("count", count),
        NativeSpec::method("index", index),
        NativeSpec::method("insert", insert),
        NativeSpec::method("remove", remove),
        NativeSpec::method("reverse", reverse),
        NativeSpec::method("rotate", rotate),
        NativeSpec::getter("maxlen", maxlen),
        NativeSpec::method("__len__", len),
        NativeSpec::method("__bool__", bool_),
        NativeSpec::method("__iter__", iter),
        NativeSpec::method("__reversed__", reversed),
        NativeSpec::method("__getitem__", getitem),
        NativeSpec::method("__setitem__", setitem),
        NativeSpec::method("__delitem__", delitem),
        NativeSpec::method("__contains__", contains),
        NativeSpec::method("__repr__", repr),
        NativeSpec::method("__eq__", eq),
        NativeSpec::method("__ne__", ne),
        NativeSpec::method("__iadd__", iadd),
        NativeSpec::method("__add__", add),
    ],
)
.subclassable()
.unhashable();

/// The `_collections` module.
pub static MODULE: NativeModule = NativeModule {
    name: "_collections",
    functions: &[],
    classes: &[&DEQUE, &DEFAULTDICT],
    init: None,
};
