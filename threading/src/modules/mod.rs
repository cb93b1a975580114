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
//! | `array/` | `array`: compact arrays of one C type (typecode.rs, seq.rs) | `arraymodule.c` |
//! | `collections/` | `_collections`: deque, defaultdict | `_collectionsmodule.c` |
//! | `hub.rs` | lock state + the deadlock detector (a std-only leaf) | `_threadmodule.c`'s locks |
//! | `thread.rs` | `_thread`: lock, RLock, start_new_thread, get_ident | `_threadmodule.c` |
//! | `itertools/` | `itertools`: count, cycle, islice, chain, product, ... | `itertoolsmodule.c` |
//! | `math/` | `math`: libm functions, exact integer functions | `mathmodule.c` |
//! | `os.rs` | `os`: getpid, cpu_count, environ, getenv, urandom | `posixmodule.c` |
//! | `random/` | `_random` (MT19937) and `_sha512`, under `random.py` | `_randommodule.c`, `sha512module.c` |
//! | `stdlib_lines.rs` | CPython 3.11's line numbers for the embedded modules' traceback frames | (`Lib/*.py`) |
//! | `sys.rs` | `sys`: argv, modules, streams, exit, exc_info, _getframe, switch interval | `sysmodule.c` |
//! | `traceback.rs` | `traceback`: print/format exceptions | `traceback.py` |
//! | `unicodedata.rs` | `unicodedata`: lookup, name (over the lexer's Unicode name table) | `unicodedata.c` |
//! | `warnings.rs` | `_warnings`: warn with CPython's default filters | `_warnings.c` |
//! | `time.rs` | `time`: clocks, sleep (GIL released), struct_time, strftime | `timemodule.c` |
//! | `time_c/` | the C library's calendar: localtime, gmtime, mktime, strftime (a std-only leaf) | `timemodule.c`'s C calls |
//! | `stdio/` | CPython's TextIOWrapper + BufferedWriter flush rules (a std-only leaf; wired in `vm/stdio.rs`) | `Modules/_io/` |
//! | `errno.rs` | errno → `OSError` subclass and text (a std-only leaf) | `Objects/exceptions.c`'s errno table |
//! | `socket/` | TCP sockets with CPython's timeouts and errors (a std-only leaf) | `socketmodule.c`'s system side |
//! | `socketmodule/` | `socket`: the Python objects, the GIL released around every blocking call | `socketmodule.c`, `socket.py` |
//!
//! Modules never import each other or `builtins/`; they import the VM
//! (`vm::native` for the API) and the object layer (`unicodedata` also
//! the lexer's Unicode name table, `lexer/unicode_names/`).

pub mod array;
pub mod collections;
pub mod cpython_names;
pub mod errno;
pub mod hub;
pub mod itertools;
pub mod math;
pub mod os;
pub mod py;
pub mod random;
pub mod socket;
pub mod socketmodule;
pub mod stdio;
pub mod stdlib_lines;
pub mod sys;
pub mod thread;
pub mod time;
pub mod time_c;
pub mod traceback;
pub mod unicodedata;
pub mod warnings;
