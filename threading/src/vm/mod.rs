//! # The virtual machine: running code objects on interpreter threads
//!
//! What every interpreter thread shares ([`Runtime`]) and what each one
//! owns ([`ThreadCtx`]), and the operations that may run Python code
//! (calls, attribute access with descriptors, operators with dunder
//! methods, iteration, repr, hashing, imports).
//!
//! ```text
//!   Runtime (Arc, shared)                  ThreadCtx (one per OS thread)
//!   ├─ gil: Gil                            ├─ ts: gil::ThreadState
//!   ├─ modules (sys.modules)               ├─ frames: FrameStack       the Python call stack
//!   ├─ registry: natives + embedded .py    ├─ stack: Vec<Value>    one value stack
//!   ├─ out / err streams (stdio.rs)        └─ the native-stack guard
//!   └─ threads: hub (locks, deadlock detector), idents, OS handles
//! ```
//!
//! ## Files, bottom-up
//! | file | mechanism | Python equivalent |
//! |---|---|---|
//! | `native.rs` | the native API: Rust functions, classes, modules | `PyMethodDef`, `PyType_Spec`, `PyModuleDef` |
//! | `args.rs` | binding call arguments to parameters | `getargs.c`, `_PyEval_MakeFrameVector` |
//! | `frame_arena.rs` | a per-thread free list of frame allocations | `_PyThreadState_PushFrame` |
//! | `frames.rs` | the frame loop: calls, returns, yields, unwinding | `ceval.c` (`exception_unwind`) |
//! | `eval.rs` | the instruction loop and its check points | `_PyEval_EvalFrameDefault` |
//! | `inline_call.rs` | calls and returns that stay inside the instruction loop | 3.11's inlined calls (`goto start_frame`) |
//! | `check_points.rs` | where ≤ 3.9 skipped the eval breaker | `FAST_DISPATCH` |
//! | `superinstr.rs` | the fused instructions' fast paths | `specialize.c` |
//! | `compare_jump.rs` | a compare or `is` fused with its conditional jump | `COMPARE_OP_INT_JUMP`, `POP_JUMP_IF_NONE` |
//! | `global_jump.rs` | a module global tested, compared or read through where it lies | `COMPARE_OP_INT_JUMP` on a global, `LOAD_ATTR_CLASS` |
//! | `invoke.rs` | calling any callable; instantiating classes; calls from Rust | `call.c`, `typeobject.c` (`type_call`) |
//! | `call.rs` | `CALL` over the value stack and its fast paths (on `invoke.rs`) | `ceval.c`'s `CALL` family |
//! | `method_call.rs` | `l.m()` and `l.m(x)` bound from the lookup straight into the frame | `LOAD_METHOD_WITH_VALUES` + `CALL_PY_EXACT_ARGS` |
//! | `attr.rs` | attribute lookup, descriptors, `super` | `object.c` (`PyObject_GenericGetAttr`) |
//! | `number.rs` | int/float arithmetic, promotion | `longobject.c`, `floatobject.c` |
//! | `ops.rs` | operators with dunder dispatch | `abstract.c` (`binary_op1`) |
//! | `compare.rs` | rich comparison, `in` | `object.c` (`PyObject_RichCompare`) |
//! | `hashing.rs` | `hash()`; dict and set access that may run `__eq__` | `dictobject.c`, `setobject.c` |
//! | `iter/` | iteration and generators (mod: iter/next/FOR_ITER; step, consume, generator, views) | `iterobject.c`, `genobject.c` |
//! | `repr/` | `repr`/`str` with `__repr__`/`__str__` (literal, exception, guard) | `object.c` (`PyObject_Repr`) |
//! | `subscript.rs` | `x[i]`, slices | `abstract.c` (`PyObject_GetItem`) |
//! | `bytearray_items.rs` | `ba[i] = v`, `ba[a:b] = src`, `del ba[...]` | `bytearray_ass_subscript` |
//! | `exceptions.rs` | raising, matching, chaining | `ceval.c` (`do_raise`) |
//! | `tb_object.rs` | traceback objects (`__traceback__`, `tb_next`, `tb_lineno`) | `PyTracebackObject` |
//! | `traceback.rs` | printing tracebacks with CPython 3.11's markers | `traceback.c` |
//! | `suggestions.rs` | "Did you mean" for `NameError`/`AttributeError` | `suggestions.c` |
//! | `import.rs` | `import`, module objects, `__build_class__` | `import.c`, `bltinmodule.c` |
//! | `stdlib_names.rs` | CPython's module names (for "outside MiniPy") | `stdlib_module_names.h` |
//! | `stdio.rs` | `sys.stdout`/`stderr`: CPython's three buffering modes, writes with the GIL released | `create_stdio`, `_io` |
//! | `lifecycle.rs` | start-up, thread start, exit (daemon threads stopped) | `pylifecycle.c`, `_threadmodule.c` (`thread_run`) |
//! | `interrupts.rs` | blocking I/O calls woken at exit (a daemon thread in `accept`) | the process exit that closes every socket |
//!
//! Python equivalent: `PyInterpreterState` (shared) and `PyThreadState`
//! (per thread).

pub mod args;
pub mod attr;
mod attr_cache;
mod attr_in_place;
mod attr_update;
mod builtin_calls;
pub mod bytearray_items;
pub mod call;
mod check_points;
pub mod class;
pub mod compare;
mod compare_jump;
mod comprehension;
mod dunder_call;
pub mod eval;
mod exact_call;
pub mod exceptions;
pub mod format;
pub mod frame_arena;
pub mod frame_stack;
pub mod frames;
mod global_jump;
pub mod hashing;
pub mod import;
mod init_call;
mod inline_call;
pub mod interrupts;
pub mod invoke;
pub mod iter;
mod iter_pairs;
mod keyword_call;
pub mod lifecycle;
mod list_calls;
mod list_subscript;
mod local_attr;
mod method_call;
pub mod native;
pub mod number;
pub mod ops;
pub mod percent_format;
pub mod repr;
pub mod setops;
mod slice_cache;
pub mod stdio;
pub mod stdlib_names;
pub mod str_format;
pub mod subscript;
pub mod suggestions;
mod superinstr;
pub mod tb_object;
pub mod traceback;
mod unpack_store;

use crate::gil::{CheckPolicy, Gil, ThreadState};
use crate::object::dict::Dict;
use crate::object::module::Module;
use crate::object::refcount::Arc;
use crate::object::Value;
use native::Registry;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::Mutex;
pub use stdio::StdStream;

/// CPython's default recursion limit: Python frames per thread, the
/// module's included.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// The directory a program's sibling modules are imported from
/// (`import helper` finds `helper.py` there), and how their code names
/// them.
#[derive(Clone, Debug)]
pub struct ProgramDir {
    /// The directory.
    pub path: std::path::PathBuf,
    /// How tracebacks and `co_filename` name a module file found there.
    pub names: SiblingNames,
}

/// How a sibling module's file is named in its code (tracebacks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiblingNames {
    /// `helper.py`: the library API, whose programs run by bare name (the
    /// corpus's committed CPython output is normalised to bare names).
    Bare,
    /// `/abs/dir/helper.py`: the `minipy` CLI, as CPython names a module
    /// found through `sys.path[0]` (the script's real directory).
    Full,
}

/// Everything the interpreter's threads share.
pub struct Runtime {
    /// The GIL (its mode decides whether threads run one at a time).
    pub gil: Gil,
    /// Program stdout (`sys.stdout`), buffered as CPython's (`stdio.rs`).
    pub out: StdStream,
    /// Program stderr (tracebacks, thread exception reports).
    pub err: StdStream,
    /// Native modules, embedded Python modules and built-in methods.
    pub registry: &'static Registry,
    /// `sys.modules`: imported modules by dotted name (a real dict, so
    /// programs can read it).
    pub modules: Arc<Dict>,
    /// The `builtins` module.
    pub builtins: Arc<Module>,
    /// Directory of the program file (sibling `.py` imports), if any.
    pub program_dir: Option<ProgramDir>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: AtomicUsize,
    /// `sys.get_int_max_str_digits()`: the most decimal digits `int(str)`
    /// and `str(int)` convert (0: no limit; CPython 3.11's default 4300).
    pub int_max_str_digits: AtomicUsize,
    /// Source of thread idents (`get_ident()`); 0 is "none".
    pub next_ident: AtomicU64,
    /// Threads, locks and the deadlock detector.
    pub threads: std::sync::Arc<crate::modules::hub::Hub>,
    /// OS handles of started threads, joined before the run ends.
    pub os_threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// Threads in `time.sleep`, woken when the interpreter finishes.
    pub sleepers: lifecycle::Sleepers,
    /// Blocking I/O calls in progress (sockets), interrupted when the
    /// interpreter finishes (`interrupts.rs`).
    pub interrupts: interrupts::Interrupts,
}

/// One interpreter thread's private state.
pub struct ThreadCtx {
    /// The shared runtime.
    pub rt: std::sync::Arc<Runtime>,
    /// This thread's GIL state (counters, timeline buffer).
    pub ts: ThreadState,
    /// The thread's name (`MainThread`, `Thread-1 (worker)`, ...).
    pub name: String,
    /// The thread's identity (`threading.get_ident()`).
    pub ident: u64,
    /// The Python call stack; the last frame runs. Boxed so a generator's
    /// frame joins and leaves it as a pointer (`frame_arena.rs`), which
    /// clippy's `vec_box` cannot know.
    #[allow(clippy::vec_box)]
    pub frames: frame_stack::FrameStack,
    /// Spare frame allocations for the next calls (`frame_arena.rs`).
    pub frame_arena: frame_arena::FrameArena,
    /// The slice object `BUILD_SLICE` refills (`slice_cache.rs`).
    slice_cache: slice_cache::SliceCache,
    /// The value stack shared by this thread's frames.
    pub stack: Vec<Value>,
    /// Whether the GIL is checked at every instruction (≤ 3.9).
    pub check_every: bool,
    /// A free-threaded run (`--gil none`): a fast path that would close a
    /// race window the plain instructions leave open is not taken once
    /// the run has a second thread (`attr_update.rs`).
    pub free_threaded: bool,
    /// Below this native stack address, calling back into Python raises
    /// `RecursionError` instead of overflowing (see `frames.rs`).
    pub stack_floor: usize,
    /// How many frame loops are nested on this thread (natives calling
    /// back into Python).
    pub loop_depth: usize,
    /// The `base` of the innermost frame loop running on this thread: the
    /// index of its bottom frame. Set and restored by
    /// `frames.rs::run_frames_from`; read by the instruction loop, whose
    /// in-loop return (`inline_call.rs`) must not pop into a caller below
    /// it (that frame belongs to an outer loop, or to Rust).
    pub loop_base: usize,
    /// A generator being collected into a vector (`list(g)`, `tuple(g)`:
    /// `iter/drain.rs`), whose yields the instruction loop takes in place
    /// (`inline_call.rs`, `yield_in_loop`); `None` otherwise.
    pub drain_into: Option<iter::DrainInto>,
    /// This thread's `_PyType_Lookup` cache (`object/type_cache.rs`):
    /// per thread, so lock-free in every GIL mode.
    pub type_cache: crate::object::type_cache::TypeCache,
    /// This thread's memory of which classes `C(...)` can bind in place
    /// (`init_call.rs`).
    pub(crate) init_cache: init_call::InitCache,
}

/// Native stack given to interpreter threads: deep enough for the nested
/// frame loops the recursion limit allows (only touched pages are ever
/// committed).
pub const THREAD_STACK: usize = 256 << 20;

/// Native stack kept free below the guard (for the Rust code that runs
/// between two checks).
const STACK_RESERVE: usize = 1 << 20;

impl ThreadCtx {
    /// A context for a thread registered with the GIL as `name`, running
    /// on a native stack of `stack_size` bytes that starts near here.
    pub fn new(
        rt: std::sync::Arc<Runtime>,
        name: &str,
        ident: u64,
        stack_size: usize,
    ) -> ThreadCtx {
        let ts = rt.gil.register(name);
        let check_every = rt.gil.config().policy == CheckPolicy::EveryInstruction;
        let free_threaded = rt.gil.config().mode == crate::gil::GilMode::None;
        let here = native_stack_pointer();
        ThreadCtx {
            rt,
            ts,
            name: name.to_string(),
            ident,
            // Small first capacities: every thread pays for them up front
            // (10,000 threads in the main job's C10K row: 64 frames and
            // 256 slots were ~11 KB of each thread's ~40 KB), and the
            // vectors grow by doubling when a thread calls deeper.
            frames: frame_stack::FrameStack::with_capacity(8),
            frame_arena: frame_arena::FrameArena::default(),
            slice_cache: slice_cache::SliceCache::default(),
            stack: Vec::with_capacity(32),
            check_every,
            free_threaded,
            stack_floor: here.saturating_sub(stack_size.saturating_sub(STACK_RESERVE)),
            loop_depth: 0,
            loop_base: 0,
            drain_into: None,
            type_cache: crate::object::type_cache::TypeCache::new(),
            init_cache: init_call::InitCache::default(),
        }
    }

    /// Drops every value this thread holds (frames, stack, the frame
    /// arena's recycled frames, the slice, type and init caches). A thread calls it as its
    /// last act under the GIL: in a claimed process reference counts are
    /// plain, so no value may change count once the GIL is gone
    /// (`object/refcount.rs`).
    pub fn drop_values(&mut self) {
        self.frames.clear();
        self.stack.clear();
        self.frame_arena = frame_arena::FrameArena::default();
        self.slice_cache = slice_cache::SliceCache::default();
        self.type_cache = crate::object::type_cache::TypeCache::new();
        self.init_cache = init_call::InitCache::default();
    }

    /// Runs `f` with the GIL released (a blocking call), then takes it
    /// back: `Py_BEGIN_ALLOW_THREADS` ... `Py_END_ALLOW_THREADS`.
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let rt = self.rt.clone();
        rt.gil.blocking(&mut self.ts, f)
    }

    /// `sys.get_int_max_str_digits()` (0: no limit).
    pub fn int_max_str_digits(&self) -> usize {
        self.rt
            .int_max_str_digits
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The line of the innermost frame of the user's program and the
    /// function it called into (for deadlock reports): `(what, line)`.
    /// A library method called on a named object says which one:
    /// `Thread.join() of 'Thread-1 (waiter)'` (the receiver's `_name`).
    pub fn user_position(&self, native_call: &str) -> (String, u32) {
        let mut callee: Option<String> = None;
        for f in self.frames.iter().rev() {
            if f.code.is_user() {
                let what = callee.unwrap_or_else(|| native_call.to_string());
                return (what, f.line());
            }
            let mut what = format!("{}()", f.code.qualname.as_str());
            if f.code.argcount > 0 {
                if let Some(Some(Value::Instance(me))) = f.locals.first() {
                    let name = crate::object::str::intern("_name");
                    if let Some(Value::Str(n)) = me.dict_get(&name) {
                        what.push_str(&format!(" of '{}'", n.as_str()));
                    }
                }
            }
            callee = Some(what);
        }
        (native_call.to_string(), 0)
    }
}

/// `RecursionError` if calling back into Python would eat into the native
/// stack reserve.
pub fn check_native_stack(vm: &ThreadCtx) -> crate::object::PyResult<()> {
    if native_stack_pointer() < vm.stack_floor {
        return Err(crate::object::PyErr::new(
            crate::object::ExcKind::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    Ok(())
}

/// An address on the current native stack (a local's), for the guard.
#[inline(never)]
pub fn native_stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}
