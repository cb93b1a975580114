//! # CPython's line numbers for the embedded standard library's tracebacks
//!
//! A thread that dies prints, under CPython 3.11.7,
//!
//! ```text
//!   Exception in thread worker:
//!   Traceback (most recent call last):
//!     File "/usr/lib/python3.11/threading.py", line 1045, in _bootstrap_inner
//!       self.run()
//!     File "/usr/lib/python3.11/threading.py", line 982, in run
//!       self._target(*self._args, **self._kwargs)
//!     File "prog.py", line 3, in work
//! ```
//!
//! MiniPy runs its own `threading.py` (`py/`), whose function names and
//! quoted lines were kept equal to CPython's but whose line numbers are its
//! own. This table gives, for the frames such reports commonly show, the
//! number CPython gives the same line; the import system hands it to the
//! compiled module (`vm/import.rs`), and the traceback printer shows it.
//! With the paths normalised as the corpus does (`<stdlib>/threading.py`),
//! the report is then CPython's byte for byte.
//!
//! The numbers are CPython 3.11.7's (the oracle on these machines);
//! `tests/stdlib_cpython_lines.rs` checks every entry against the embedded
//! source and, when python3 3.11 is present, against CPython's own files.
//! Frames MiniPy's modules have and CPython's do not (the embedded
//! `SimpleQueue`, which CPython writes in C), or that differ in name
//! (`Barrier._wait_for_trip`), keep MiniPy's numbers: no table can make
//! those frames CPython's.
//!
//! Simplification: a fixed table for one CPython release, not a mapping
//! computed from whatever CPython is installed (MiniPy must not read
//! CPython's files at run time).

use crate::vm::native::ShownLine;

/// `ShownLine` shorthand: the first line reading `text` in `qualname`.
const fn at(qualname: &'static str, text: &'static str, line: u32) -> ShownLine {
    ShownLine {
        qualname,
        text,
        occurrence: 0,
        line,
    }
}

/// `ShownLine` shorthand for a later occurrence of the same text.
const fn nth(
    qualname: &'static str,
    text: &'static str,
    occurrence: usize,
    line: u32,
) -> ShownLine {
    ShownLine {
        qualname,
        text,
        occurrence,
        line,
    }
}

/// `Lib/threading.py`.
const THREADING: &[ShownLine] = &[
    at("Thread.start", "self._started.wait()", 969),
    at(
        "Thread.run",
        "self._target(*self._args, **self._kwargs)",
        982,
    ),
    at("Thread._bootstrap", "self._bootstrap_inner()", 1002),
    at("Thread._bootstrap_inner", "self.run()", 1045),
    at(
        "_make_invoke_excepthook.<locals>.invoke_excepthook",
        "hook(args)",
        1349,
    ),
];

/// `Lib/concurrent/futures/_base.py`.
const FUTURES_BASE: &[ShownLine] = &[
    at("_result_or_cancel", "return fut.result(timeout)", 317),
    at("Future.__get_result", "raise self._exception", 401),
    at("Future.result", "return self.__get_result()", 449),
    nth("Future.result", "return self.__get_result()", 1, 456),
    at("Future.result", "raise TimeoutError()", 458),
    at("Future.exception", "raise TimeoutError()", 494),
    at(
        "Executor.map.<locals>.result_iterator",
        "yield _result_or_cancel(fs.pop())",
        619,
    ),
    at(
        "Executor.map.<locals>.result_iterator",
        "yield _result_or_cancel(fs.pop(), end_time - time.monotonic())",
        621,
    ),
];

/// `Lib/concurrent/futures/thread.py`.
const FUTURES_THREAD: &[ShownLine] = &[at(
    "_WorkItem.run",
    "result = self.fn(*self.args, **self.kwargs)",
    58,
)];

/// `Lib/queue.py` (the Python `Queue`; CPython's `SimpleQueue` is C).
const QUEUE: &[ShownLine] = &[
    at("Queue.put", "raise Full", 137),
    nth("Queue.put", "raise Full", 1, 148),
    at("Queue.get", "raise Empty", 168),
    nth("Queue.get", "raise Empty", 1, 179),
    at(
        "Queue.put_nowait",
        "return self.put(item, block=False)",
        191,
    ),
    at("Queue.get_nowait", "return self.get(block=False)", 199),
];

/// The renumbered lines of the embedded module `name` (empty for most).
pub fn for_module(name: &str) -> &'static [ShownLine] {
    match name {
        "threading" => THREADING,
        "concurrent.futures._base" => FUTURES_BASE,
        "concurrent.futures.thread" => FUTURES_THREAD,
        "queue" => QUEUE,
        _ => &[],
    }
}

/// Every module with renumbered lines (for the tests).
pub const MODULES: &[&str] = &[
    "threading",
    "concurrent.futures._base",
    "concurrent.futures.thread",
    "queue",
];
