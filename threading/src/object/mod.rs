//! # The object model: every value MiniPy programs see, as data
//!
//! The layer below the VM. It defines what objects *are* — values, strings,
//! containers, classes with their MRO, instances, functions, modules,
//! frames, generators, exceptions — and the operations that need no
//! Python code to run (hashing numbers, probing a dict, computing an MRO).
//! Everything that may call back into Python (`__eq__`, `__repr__`,
//! descriptors, iteration of a generator) lives one layer up, in `vm/`.
//!
//! ```text
//!   cell.rs      PyCell: the ONE interior-mutability type (read it first)
//!   cell_lock.rs its one-byte spin-then-yield lock (PyMutex without parking)
//!   cell_mode.rs how much a run synchronises cells and counts (CLI claim)
//!   refcount.rs  Arc: std's Arc, with plain counts under the claimed GIL
//!   str.rs       PyStr, interning            hash.rs     CPython's numeric hashes
//!   printable.rs str.isprintable()'s Unicode table (what repr escapes)
//!   repr_text.rs repr of float and str, ascii(): text, no VM
//!   bigint/      arbitrary-precision ints (a std-only leaf: see its mod.rs)
//!   seq.rs       tuple, list                 dict.rs     compact ordered dict
//!   set.rs       setobject.c's table         range.rs    range, slice
//!   bytes.rs     bytes, bytearray            drop.rs     drop without recursion
//!   types.rs     Type: C3 MRO, version tags  instance.rs instances and payloads
//!   instance_attrs.rs  an instance's attributes: values by shared keys, or a dict
//!   type_cache.rs  the per-thread _PyType_Lookup cache keyed by version tag
//!   function.rs  functions, methods, cells, native functions
//!   module.rs    modules and global slots    frame.rs    frames (data)
//!   generator.rs generators                  iter.rs     built-in iterators, views
//!   exception.rs the exception hierarchy, PyErr
//!   builtin_types.rs  the built-in classes and interned names
//!   value.rs     Value: the 16-byte handle to all of the above
//! ```
//!
//! Imports stay inside this layer, plus `bytecode.rs` (a function holds
//! its code, a code object holds constant values: the one allowed knot)
//! and `ast.rs`'s operator enums.
//!
//! Python equivalent: `Objects/` and `Include/cpython/`.

pub mod attr_site;
pub mod bigint;
pub mod builtin_types;
pub mod bytes;
pub mod cell;
pub mod cell_lock;
pub mod cell_mode;
pub mod dict;
pub mod drop;
pub mod exception;
pub mod frame;
pub mod function;
pub mod generator;
pub mod hash;
pub mod instance;
pub mod instance_attrs;
pub mod iter;
pub mod module;
pub mod printable;
pub mod range;
pub mod refcount;
pub mod repr_text;
pub mod seq;
pub mod set;
pub mod str;
pub mod type_cache;
pub mod types;
pub mod value;

pub use exception::{ExcKind, PyErr, PyResult};
pub use value::Value;
