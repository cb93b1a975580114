//! The pure-Python standard library, embedded: the source text of every
//! module in this directory, by dotted name, for the import system.
//!
//! CPython splits its standard library in two: C modules for what must be
//! fast or touch the OS (`_thread`, `time`, `_random`, ...) and Python
//! modules on top (`threading`, `queue`, `logging`, `random`, ...). MiniPy
//! splits it the same way: the natives are Rust (siblings of this
//! directory), and the modules listed here are Python, compiled from this
//! text the first time a program imports them. Running the same kind of
//! Python code as CPython is what gives `Queue.put`, `Condition.wait` or
//! `Thread.start` CPython's race shapes under MiniPy's GIL.
//!
//! Which natives the modules need, and what the interpreter must do for
//! them (call `threading._shutdown()` at exit, ...): `NATIVES.md` here.
//! Every module runs unchanged under CPython 3.11 and is validated there:
//! `tests/stdlib_py/validate.py`.
//!
//! Needs nothing: a table of `include_str!`s. (Not yet wired into the
//! interpreter; `tests/stdlib_cpython.rs` includes it with `#[path]` and
//! checks that it lists exactly the `.py` files of this directory.)

/// One embedded module.
#[derive(Clone, Copy, Debug)]
pub struct EmbeddedModule {
    /// The dotted name programs import (`"concurrent.futures"`).
    pub name: &'static str,
    /// Its Python source (a package's `__init__`; empty for a package with
    /// no code of its own, such as `concurrent`).
    pub source: &'static str,
    /// True for a package (`concurrent`): a module that has submodules.
    pub is_package: bool,
}

/// Shorthand for a plain (non-package) module's table entry.
const fn module(name: &'static str, source: &'static str) -> EmbeddedModule {
    EmbeddedModule {
        name,
        source,
        is_package: false,
    }
}

/// Shorthand for a package's table entry (`source` is its `__init__`).
const fn package(name: &'static str, source: &'static str) -> EmbeddedModule {
    EmbeddedModule {
        name,
        source,
        is_package: true,
    }
}

/// Every embedded module, in import-dependency order: a module appears
/// after the embedded modules it imports at its top level, except that a
/// package comes before its own submodules (which it may import).
pub const MODULES: &[EmbeddedModule] = &[
    module("__future__", include_str!("__future__.py")),
    module("operator", include_str!("operator.py")),
    module("bisect", include_str!("bisect.py")),
    module("heapq", include_str!("heapq.py")),
    module("io", include_str!("io.py")),
    // A package: `collections.abc` is its submodule (CPython's too).
    package("collections", include_str!("collections.py")),
    module("collections.abc", include_str!("collections.abc.py")),
    module("functools", include_str!("functools.py")),
    module("contextlib", include_str!("contextlib.py")),
    module("dataclasses", include_str!("dataclasses.py")),
    module("random", include_str!("random.py")),
    module("_threading_sync", include_str!("_threading_sync.py")),
    module("_threading_local", include_str!("_threading_local.py")),
    module("threading", include_str!("threading.py")),
    module("queue", include_str!("queue.py")),
    module("_logging_format", include_str!("_logging_format.py")),
    module("logging", include_str!("logging.py")),
    package("concurrent", ""),
    // A package whose __init__ imports its own submodules (as CPython's).
    package("concurrent.futures", include_str!("concurrent.futures.py")),
    module(
        "concurrent.futures._base",
        include_str!("concurrent.futures._base.py"),
    ),
    module(
        "concurrent.futures.thread",
        include_str!("concurrent.futures.thread.py"),
    ),
];

/// The embedded module called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static EmbeddedModule> {
    MODULES.iter().find(|m| m.name == name)
}
