//! # threading: Python threads and the GIL, rebuilt
//!
//! A MiniPy interpreter (a strict subset of Python 3) whose threads are real
//! OS threads sharing a global interpreter lock built from a `Mutex` and a
//! `Condvar`, following CPython's switching protocols (old GIL, new GIL,
//! free-threaded). It shows, by running real code, why CPython threads give
//! no speed-up on CPU-bound work yet overlap I/O well.
//!
//! ## Module plan
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | `lexer`, `parser`, `compiler` | source → tokens → AST → bytecode | `tokenize`, `ast`, `compile` |
//! | `bytecode` | opcodes named as in `dis` | `dis` |
//! | `vm` | eval loop, frames, value stack | `ceval.c` |
//! | `gil` | the GIL state machine: take, drop, drop request, forced switch | `ceval_gil.c` |
//! | `modules` | `threading`, `time`, `queue`, `sys` | the same modules |
//! | `timeline` | per-thread event buffers and the SVG lanes | Beazley's GIL plots |
//!
//! Std only: this crate has no runtime dependencies.

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod ast;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod error;
pub mod gil;
pub mod interp;
pub mod lexer;
pub mod modules;
pub mod parser;
pub mod timeline;
pub mod vm;

pub use error::{Error, SourceError};
pub use interp::{Config, Interpreter, RunOutcome};
