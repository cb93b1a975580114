//! # threading: Python threads and the GIL, rebuilt
//!
//! A MiniPy interpreter (a strict subset of Python 3) whose threads are real
//! OS threads sharing a global interpreter lock built from a `Mutex` and a
//! `Condvar`, following CPython's switching protocols (old GIL, new GIL,
//! free-threaded). It shows, by running real code, why CPython threads give
//! no speed-up on CPU-bound work yet overlap I/O well.
//!
//! ## Module map
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | [`lexer`], [`parser`], [`ast`] | source → tokens → AST | `tokenize`, `ast` |
//! | [`object`] | MiniPy v2's object model: values, types with C3 MRO, instances, functions, the one cell type | `Objects/` |
//! | [`bytecode`], [`compiler`] | AST → code objects (symbol tables, closures, jumps) | `symtable.c`, `compile.c` |
//! | [`vm`] | the eval loop, frames, calls, attributes, generators, exceptions, imports; the native API | `ceval.c`, `call.c`, `object.c` |
//! | [`builtins`] | the `builtins` module and the built-in types' methods | `bltinmodule.c`, `Objects/*.c` |
//! | [`modules`] | native modules (`_thread`, `sys`, `time`, ...) and the embedded pure-Python stdlib (`threading`, `queue`, ...) | `Modules/`, `Lib/` |
//! | [`registry`] | the one dispatch table of natives and embedded modules | `config.c` (`_PyImport_Inittab`) |
//! | [`small_alloc`] | the `minipy` binary's allocator: per-thread free lists of small blocks | `obmalloc.c` (`pymalloc`) |
//! | [`gil`] | the GIL state machine: take, drop, drop request, forced switch | `ceval_gil.c` |
//! | [`timeline`] | per-thread event buffers and the SVG lanes | Beazley's GIL plots |
//! | [`interp`] | the library API: configure, run, get output/stats/timeline | `Py_RunMain` |
//! | [`error`] | the crate's one error type (compile-time errors) | `SyntaxError` |
//!
//! ```
//! use threading::{Config, Interpreter};
//! let out = Interpreter::new(Config { capture: true, ..Config::default() })
//!     .run_source("demo.py", "print(0.1 + 0.2, 7 // -2)\n");
//! assert_eq!(out.stdout, "0.30000000000000004 -4\n");
//! assert_eq!(out.exit_code, 0);
//! ```
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
pub mod object;
pub mod parser;
pub mod registry;
pub mod small_alloc;
pub mod timeline;
pub mod vm;

pub use error::{Error, SourceError};
pub use interp::{Config, Interpreter, RunOutcome};
pub use modules::stdio::Buffering;
