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
//! | `mod.rs` | the module table |
//! | `deque.rs` | the deque's state and class, its two ends |
//! | `deque_seq.rs` | indexing, search, insert/remove, rotate, comparison, repr |
//! | `deque_iter.rs` | `iter(d)`, `reversed(d)` |
//! | `defaultdict.rs` | `defaultdict` |

mod defaultdict;
mod deque;
mod deque_iter;
mod deque_seq;

pub use defaultdict::DEFAULTDICT;
pub use deque::{Deque, DequeState, DEQUE};
pub use deque_iter::{DequeIter, DEQUE_ITER};

use crate::vm::native::NativeModule;

/// The `_collections` module.
pub static MODULE: NativeModule = NativeModule {
    name: "_collections",
    functions: &[],
    classes: &[&DEQUE, &DEFAULTDICT],
    init: None,
};
