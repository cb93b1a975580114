//! # Native modules: what CPython writes in C
//!
//! `_thread` (locks, RLock, threads), `time`, `sys`, `math`, ... — each a
//! [`NativeModule`](crate::vm::native::NativeModule) in its own file,
//! listed in the one dispatch table (`src/registry.rs`). The Python-level
//! standard library (`threading`, `queue`, `logging`, ...) lives in `py/`,
//! embedded in the binary, and runs over these.
//!
//! | file | module | Python equivalent |
//! |---|---|---|
//! | `hub.rs` | lock state + the deadlock detector (a std-only leaf) | `_threadmodule.c`'s locks |
//!
//! Modules never import each other or `builtins/`; they import the VM
//! (`vm::native` for the API) and the object layer.

pub mod hub;
pub mod py;
