//! Calling: Python functions, bound methods, native functions, classes
//! (instantiation) and instances with `__call__`.
//!
//! ```text
//!   CALL n ─┬─ Function   → bind args into a new frame; the eval loop runs it
//!           │               (a generator function returns a generator instead)
//!           ├─ Method     → its function, with `self` as the first argument
//!           ├─ Native     → spec.func(vm, args) now; the result is pushed
//!           ├─ Type       → __new__, then __init__ (a Python __init__ runs as
//!           │               a frame too: no Rust recursion)
//!           └─ Instance   → type(obj).__call__(obj, ...)
//! ```
//!
//! Two entry points: [`ThreadCtx::call_stack`] for `CALL`/`CALL_METHOD`
//! (arguments on the value stack, Python frames run by the eval loop)
//! and [`ThreadCtx::call`] / [`ThreadCtx::call_kw`] for Rust code (natives
//! calling back into Python: a nested frame loop, behind the native-stack
//! guard).
//!
//! Python equivalent: `Objects/call.c` (`_PyObject_Vectorcall`),
//! `Objects/typeobject.c` (`type_call`, `object_new`, `object_init`),
//! `Objects/classobject.c` (`method_vectorcall`).

use super::args;
use super::frame_arena::FrameArena;
use super::native::{spec_of, Args};
use super::ThreadCtx;
use crate::bytecode::CodeFlags;
use crate::object::builtin_types::types;
use crate::object::frame::{Frame, Resume};
use crate::object::function::{Function, NativeKind};
use crate::object::generator::{GenKind, Generator};
use crate::object::instance::{Instance, Payload};
use crate::object::range::Range;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::types::{Layout, Type};
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::OnceLock;

/// How many arguments a native call passes without touching the heap.
const INLINE_ARGS: usize = 8;

/// What invoking a callable produced.
pub enum Invoked {
    /// The result, already computed (natives, generators, classes with
    /// native constructors).
    Done(Value),
    /// A Python frame to run; its return value is the result.
    Frame(Box<Frame>),
    /// A Python `__init__` frame to run for this new instance, which is
    /// the result.
    Init(Box<Frame>, Value),
}

/// A frame for a call of `func`, arguments bound (its allocation from
/// the thread's frame arena).
pub fn function_frame(
    arena: &mut FrameArena,
    func: &Arc<Function>,
    pos: impl ExactSizeIterator<Item = Value>,
    kwnames: &[Value],
    kwvalues: impl Iterator<Item = Value>,
) -> PyResult<Box<Frame>> {
    let mut frame = arena.frame(&func.code, &func.globals, &func.closure);
    if let Err(e) = args::bind(func, &mut frame.locals, pos, kwnames, kwvalues) {
        arena.release(frame);
        return Err(e);
    }
    frame.init_cells();
    Ok(frame)
}

/// Moves the top `slots.len()` stack values into `slots` (unbound local
/// slots), in order: each is popped into its own from the last, so every
/// value moves once and nothing is left behind on the stack. Not
/// `drain(..).map(Some)`: the drain's `Option<Value>` was re-tagged byte by
/// byte through the native stack, and the overlapping store and load
/// stalled store-to-load forwarding on every argument (two thirds of
/// `positional_frame`'s time in the richards profile); nor `mem::take` per
/// slot, which left a `Null` per argument for `truncate`'s drop loop.
/// Shared by `positional_frame` and the exact-arguments path
/// (`inline_call.rs`).
#[inline(always)]
pub(super) fn pop_arguments(stack: &mut Vec<Value>, slots: &mut [Option<Value>]) {
    for slot in slots.iter_mut().rev() {
        *slot = stack.pop();
    }
}

/// The tail of every positional fast path: defaults for the parameters
/// the arguments left unbound, the rest of the local slots unbound, and
/// the cells (parameters that are cells moved into them).
#[inline(always)]
fn finish_positional(func: &Function, mut frame: Box<Frame>) -> Box<Frame> {
    let shape = func.call;
    let locals = &mut frame.locals;
    let argcount = shape.argcount as usize;
    let first_default = argcount - func.defaults.len();
    for i in locals.len()..argcount {
        locals.push(Some(func.defaults[i - first_default].clone()));
    }
    locals.resize(shape.nlocals as usize, None);
    if shape.has_cells {
        frame.cells = Frame::new_cells(&func.code, &func.closure);
        frame.init_cells();
    }
    frame
}

/// The result of calling `func` when its frame is ready: a generator or
/// coroutine object for `def ... yield` / `async def`, else the frame.
fn frame_or_generator(func: &Function, frame: Box<Frame>) -> Invoked {
    if func.call.makes_generator {
        let flags = func.code.flags;
        let kind = if flags.has(CodeFlags::COROUTINE) {
            GenKind::Coroutine
        } else {
            GenKind::Generator
        };
        // Only the two names: cloning the whole `FuncMeta` also cloned
        // and dropped `__doc__` and `__module__` (a reference count each
        // way) for every generator and genexp made.
        let (name, qualname) = {
            let meta = func.meta.lock();
            (meta.name.clone(), meta.qualname.clone())
        };
        let g = Generator::new(kind, name, qualname, frame);
        return Invoked::Done(Value::Generator(Arc::new(g)));
    }
    Invoked::Frame(frame)
}

impl ThreadCtx {
    /// `CALL n` (`method`: `CALL_METHOD n`, with the receiver slot below
    /// the arguments). Returns `true` when a Python frame was pushed (the
    /// eval loop switches to it, `inline_call.rs`), `false` when the
    /// result is already on the stack.
    pub(super) fn call_stack(
        &mut self,
        n: usize,
        method: bool,
        kwnames: Option<Value>,
    ) -> PyResult<bool> {
        let base = self.stack.len() - n - 1 - method as usize;
        // After LOAD_METHOD: [callable, self-or-NULL, args]. With NULL the
        // slot goes; a receiver is simply the first argument.
        if method && matches!(self.stack[base + 1], Value::Null) {
            self.stack.remove(base + 1);
        }
        // Bound methods and callable instances: the receiver becomes the
        // first argument of the underlying function.
        loop {
            let (func, recv) = match &self.stack[base] {
                Value::Method(m) => (m.func.clone(), m.self_.clone()),
                Value::Instance(inst) => match inst.class.lookup(&types().names.call) {
                    Some(call) => (
                        self.bind_descriptor_for_call(call),
                        self.stack[base].clone(),
                    ),
                    None => break,
                },
                _ => break,
            };
            self.stack[base] = recv;
            self.stack.insert(base, func);
        }
        let nargs = self.stack.len() - base - 1;
        let kw: Option<Arc<crate::object::seq::Tuple>> = match kwnames {
            Some(Value::Tuple(t)) => Some(t),
            _ => None,
        };
        let nkw = kw.as_ref().map_or(0, |t| t.len());
        // Fast path: `range(a[, b[, c]])` over small ints, built here: no
        // `__new__` lookup, no argument vector, no native call (`range`
        // is final, so the exact type is the only one). Anything else —
        // other argument types, a zero step, keywords — takes the plain
        // path, which raises what `range.__new__` raises.
        if nkw == 0 && matches!(&self.stack[base], Value::Type(c) if Arc::ptr_eq(c, &types().range))
        {
            if let Some(r) = Range::from_ints(&self.stack[base + 1..]) {
                self.stack.truncate(base);
                self.stack.push(Value::Range(Arc::new(r)));
                return Ok(false);
            }
        }
        // Fast path: `int(x)` / `float(x)` of an int or float (`int(random()
        // * n)` in go, `int(r * 255)` in raytrace), converted here without
        // `__new__`'s lookups and argument vectors; everything else takes
        // the plain path, which raises what the constructors raise.
        if nkw == 0 && nargs == 1 {
            if let Value::Type(cls) = &self.stack[base] {
                if let Some(v) =
                    crate::builtins::numbers::number_of_number(cls, &self.stack[base + 1])
                {
                    self.stack.truncate(base);
                    self.stack.push(v);
                    return Ok(false);
                }
            }
        }
        let callable = std::mem::replace(&mut self.stack[base], Value::Null);
        match &callable {
            Value::Function(func) => {
                // Fast path: positional arguments move straight into the
                // new frame's local slots.
                if nkw == 0 && args::simple_positional(func, nargs) {
                    let frame = self.positional_frame(func, None, base);
                    return Ok(self.push_invoked(frame_or_generator(func, frame), base));
                }
                let kwn: &[Value] = kw.as_deref().map_or(&[], |t| &t.items);
                // Fast path: keywords (up to INLINE_ARGS of them) move into
                // an inline buffer and the positionals drain from the stack
                // straight into `bind`, so a keyword call builds no
                // argument vector.
                if nkw <= INLINE_ARGS {
                    let mut kwvalues: [Value; INLINE_ARGS] = Default::default();
                    let kw_from = self.stack.len() - nkw;
                    for (slot, v) in kwvalues.iter_mut().zip(self.stack.drain(kw_from..)) {
                        *slot = v;
                    }
                    let frame = function_frame(
                        &mut self.frame_arena,
                        func,
                        self.stack.drain(base + 1..),
                        kwn,
                        kwvalues.into_iter().take(nkw),
                    );
                    self.stack.truncate(base);
                    return Ok(self.push_invoked(frame_or_generator(func, frame?), base));
                }
                // The plain path: the arguments collected into vectors.
                let mut argv: Vec<Value> = self.stack.drain(base + 1..).collect();
                self.stack.truncate(base);
                let kwvalues = argv.split_off(argv.len() - nkw);
                let frame = function_frame(
                    &mut self.frame_arena,
                    func,
                    argv.into_iter(),
                    kwn,
                    kwvalues.into_iter(),
                )?;
                Ok(self.push_invoked(frame_or_generator(func, frame), base))
            }
            // Fast path: `C(a, b)` for a class that keeps `object.__new__`
            // and has a Python `__init__` taking exactly these
            // positionals: the instance is made here and the arguments
            // move from the stack straight into `__init__`'s local slots,
            // after the instance (the plain path is `invoke` below:
            // `instantiate` with two argument vectors and `bind`).
            // Fast path: `list(it)`, `tuple(it)`, `set(it)`, `frozenset(it)`
            // with one positional: the container is built straight from the
            // iterable (`consume.rs`, `construct_from`), without
            // `instantiate`'s four `__new__`/`__init__` lookups and its
            // argument vectors (`set(genexp)` twice per permutation in
            // nqueens). Subclasses and other arities take the plain path.
            Value::Type(cls)
                if nkw == 0 && nargs == 1 && super::iter::is_builtin_container(cls) =>
            {
                let it = self.stack.pop().unwrap_or(Value::None);
                self.stack.truncate(base);
                let v = self.construct_from(cls, &it)?;
                self.stack.push(v);
                Ok(false)
            }
            Value::Type(cls) if nkw == 0 => match self.plain_python_init(cls, nargs) {
                Some(init) => {
                    let obj = object_new_instance(cls)?;
                    let frame = self.positional_frame(&init, Some(obj.clone()), base);
                    Ok(self.push_invoked(Invoked::Init(frame, obj), base))
                }
                None => {
                    let argv: Vec<Value> = self.stack.drain(base + 1..).collect();
                    self.stack.truncate(base);
                    let invoked = self.invoke(&callable, argv, &[], Vec::new())?;
                    Ok(self.push_invoked(invoked, base))
                }
            },
            Value::Native(nf) => {
                let r = self.call_native_from_stack(nf, base, nargs, kw.as_deref())?;
                self.stack.push(r);
                Ok(false)
            }
            _ => {
                let mut argv: Vec<Value> = self.stack.drain(base + 1..).collect();
                self.stack.truncate(base);
                let kwvalues = argv.split_off(argv.len() - nkw);
                let kwn: &[Value] = kw.as_deref().map_or(&[], |t| &t.items);
                let invoked = self.invoke(&callable, argv, kwn, kwvalues)?;
                Ok(self.push_invoked(invoked, base))
            }
        }
    }

    /// Fast path of `CALL n` / `CALL_METHOD n` without keywords: a native
    /// function (a builtin such as `len`, a built-in type's method through
    /// `LOAD_METHOD` such as `s.add`, a module's function such as
    /// `random.random`) with at most three arguments. They move from the
    /// stack into an array of exactly their number, `LOAD_METHOD`'s `NULL`
    /// is dropped with the callable instead of being removed from the
    /// middle of the stack, and the native runs. `None` (nothing touched)
    /// for anything else: `call_stack`, whose eight-slot argument buffer
    /// (written and dropped whole) and general decisions were most of a
    /// `len(x)` (~500 instructions per native call in callgrind).
    #[inline]
    pub(super) fn call_native_small(&mut self, n: usize, method: bool) -> Option<PyResult> {
        let len = self.stack.len();
        let base = len.checked_sub(n + 1 + method as usize)?;
        let first = if method && matches!(self.stack[base + 1], Value::Null) {
            base + 2
        } else {
            base + 1
        };
        let Value::Native(nf) = &self.stack[base] else {
            return None;
        };
        let spec = spec_of(nf)?;
        Some(match len - first {
            0 => self.native_with::<0>(spec, first, base),
            1 => self.native_with::<1>(spec, first, base),
            2 => self.native_with::<2>(spec, first, base),
            3 => self.native_with::<3>(spec, first, base),
            _ => return None,
        })
    }

    /// Runs `spec` on the `N` arguments at `stack[first..]`, the stack cut
    /// to `base` first (for [`call_native_small`](Self::call_native_small)).
    #[inline]
    fn native_with<const N: usize>(
        &mut self,
        spec: &'static crate::vm::native::NativeSpec,
        first: usize,
        base: usize,
    ) -> PyResult {
        let args: [Value; N] = std::array::from_fn(|i| std::mem::take(&mut self.stack[first + i]));
        self.stack.truncate(base);
        (spec.func)(self, Args::for_spec(spec, &args, &[], &[]))
    }

    /// A frame for `func` over the positional arguments at
    /// `stack[base + 1..]` (moved, not copied), after `receiver` if any,
    /// defaults filling the tail: the fast path of a call that
    /// [`args::simple_positional`] accepts. The stack is cut to `base`.
    fn positional_frame(
        &mut self,
        func: &Arc<Function>,
        receiver: Option<Value>,
        base: usize,
    ) -> Box<Frame> {
        let code = &func.code;
        // The sizes come from the function's `CallShape`, not from `Code`.
        let shape = func.call;
        let mut frame = self.frame_arena.acquire(code, &func.globals);
        let locals = &mut frame.locals;
        locals.reserve(shape.nlocals as usize);
        locals.extend(receiver.map(Some));
        let first = locals.len();
        locals.resize_with(first + self.stack.len() - (base + 1), || None);
        pop_arguments(&mut self.stack, &mut locals[first..]);
        self.stack.truncate(base);
        finish_positional(func, frame)
    }

    /// [`positional_frame`](Self::positional_frame) over arguments a Rust
    /// caller holds (cloned): the fast path of [`call`](Self::call).
    fn positional_frame_from(&mut self, func: &Arc<Function>, args: &[Value]) -> Box<Frame> {
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        frame.locals.reserve(func.call.nlocals as usize);
        frame.locals.extend(args.iter().cloned().map(Some));
        finish_positional(func, frame)
    }

    /// The `__init__` of `cls(...)` with `nargs` positional arguments when
    /// the instantiation fast path of [`call_stack`](Self::call_stack)
    /// can take it: `cls` keeps `object.__new__`, and its `__init__` is a
    /// plain Python function (not a generator) that
    /// [`args::simple_positional`] accepts for the instance plus
    /// `nargs`. `None` sends the call down the plain path, which also
    /// raises every error.
    fn plain_python_init(&mut self, cls: &Arc<Type>, nargs: usize) -> Option<Arc<Function>> {
        let t = types();
        let object_new = object_new()?;
        if !self
            .type_cache
            .lookup_ref(cls, &t.names.new)?
            .is(object_new)
        {
            return None;
        }
        match self.type_cache.lookup_ref(cls, &t.names.init)? {
            Value::Function(f)
                if !f.call.makes_generator && args::simple_positional(f, nargs + 1) =>
            {
                Some(f.clone())
            }
            _ => None,
        }
    }

    /// Pushes an invocation's frame for the eval loop to run (`true`) or
    /// pushes its result.
    fn push_invoked(&mut self, invoked: Invoked, base: usize) -> bool {
        match invoked {
            Invoked::Done(v) => {
                self.stack.push(v);
                false
            }
            Invoked::Frame(mut f) => {
                f.resume = Resume::Call;
                f.stack_base = base;
                self.frames.push(f);
                true
            }
            Invoked::Init(mut f, obj) => {
                self.stack.push(obj);
                f.resume = Resume::Init;
                f.stack_base = base + 1;
                self.frames.push(f);
                true
            }
        }
    }

    /// Calls a native with the arguments at `stack[base + 1..]`, moving
    /// them into an inline buffer (no heap allocation for short calls).
    fn call_native_from_stack(
        &mut self,
        nf: &crate::object::function::NativeFunction,
        base: usize,
        nargs: usize,
        kw: Option<&crate::object::seq::Tuple>,
    ) -> PyResult {
        let spec = spec_of(nf).ok_or_else(|| PyErr::type_error("bad native function"))?;
        let nkw = kw.map_or(0, |t| t.len());
        let kwn: &[Value] = kw.map_or(&[], |t| &t.items);
        if nargs <= INLINE_ARGS {
            let mut buf: [Value; INLINE_ARGS] = Default::default();
            for (slot, v) in buf.iter_mut().zip(self.stack.drain(base + 1..)) {
                *slot = v;
            }
            self.stack.truncate(base);
            let npos = nargs - nkw;
            (spec.func)(
                self,
                Args::for_spec(spec, &buf[..npos], kwn, &buf[npos..nargs]),
            )
        } else {
            let argv: Vec<Value> = self.stack.drain(base + 1..).collect();
            self.stack.truncate(base);
            let npos = nargs - nkw;
            (spec.func)(
                self,
                Args::for_spec(spec, &argv[..npos], kwn, &argv[npos..]),
            )
        }
    }

    /// `f(*args, **kwargs)` from `CALL_FUNCTION_EX`: the callable is on
    /// the stack under where `args` was.
    pub(super) fn call_ex(&mut self, args: Value, kwargs: Option<Value>) -> PyResult<bool> {
        let pos = match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => match self.collect(&args) {
                Ok(items) => items,
                Err(e) if e.is(ExcKind::TypeError) && !super::iter::is_iterable_type(&args) => {
                    let func = self.stack.last().cloned().unwrap_or(Value::None);
                    return Err(PyErr::type_error(format!(
                        "{} argument after * must be an iterable, not {}",
                        self.function_str(&func),
                        args.type_name()
                    )));
                }
                Err(e) => return Err(e),
            },
        };
        let n = pos.len();
        self.stack.extend(pos);
        let mut kwnames = Vec::new();
        if let Some(k) = kwargs {
            for (key, v) in self.mapping_items(&k)? {
                if !matches!(key, Value::Str(_)) {
                    return Err(PyErr::type_error("keywords must be strings"));
                }
                kwnames.push(key);
                self.stack.push(v);
            }
        }
        let nkw = kwnames.len();
        let kw = (nkw > 0).then(|| Value::tuple(kwnames));
        self.call_stack(n + nkw, false, kw)
    }

    /// How CPython names a callable in call errors: `__main__.f()`,
    /// `C.method()` for a built-in method, `print()` for a builtin
    /// (`_PyObject_FunctionStr`: the qualified name, prefixed by the
    /// module unless it is `builtins`).
    pub fn function_str(&mut self, f: &Value) -> String {
        let qualname = match self.get_attr_opt(f, &intern("__qualname__")) {
            Ok(Some(q)) => self.str(&q).unwrap_or_default(),
            _ => return self.str(f).unwrap_or_default(),
        };
        match self.get_attr_opt(f, &intern("__module__")) {
            Ok(Some(Value::Str(m))) if m.as_str() != "builtins" => {
                format!("{}.{qualname}()", m.as_str())
            }
            Ok(Some(Value::None | Value::Str(_)) | None) | Err(_) => format!("{qualname}()"),
            Ok(Some(m)) => format!("{}.{qualname}()", self.str(&m).unwrap_or_default()),
        }
    }

    /// Calls `f` with positional arguments, from Rust.
    pub fn call(&mut self, f: &Value, args: &[Value]) -> PyResult {
        // Fast path: a plain Python function taking `args` positionally
        // (an operator's `__add__`, a sort key, `__eq__`): its frame is
        // bound from the slice as a `CALL` binds it from the stack, with no
        // argument vector and no general binding. The same frame runs in
        // the same nested loop, so no check point moves.
        if let Value::Function(func) = f {
            if !func.call.makes_generator && args::simple_positional(func, args.len()) {
                let frame = self.positional_frame_from(func, args);
                return self.run_boxed_frame(frame);
            }
        }
        // Plain path: `invoke` binds anything.
        self.call_kw(f, args, &[], &[])
    }

    /// Calls `f` with positional and keyword arguments, from Rust (a
    /// nested frame loop for Python code).
    pub fn call_kw(
        &mut self,
        f: &Value,
        args: &[Value],
        kwnames: &[Value],
        kwvalues: &[Value],
    ) -> PyResult {
        if let Value::Native(nf) = f {
            let spec = spec_of(nf).ok_or_else(|| PyErr::type_error("bad native function"))?;
            return (spec.func)(self, Args::for_spec(spec, args, kwnames, kwvalues));
        }
        let invoked = self.invoke(f, args.to_vec(), kwnames, kwvalues.to_vec())?;
        self.finish_invoked(invoked)
    }

    /// Runs what [`invoke`](Self::invoke) produced to its end.
    pub fn finish_invoked(&mut self, invoked: Invoked) -> PyResult {
        match invoked {
            Invoked::Done(v) => Ok(v),
            Invoked::Frame(f) => self.run_boxed_frame(f),
            Invoked::Init(f, obj) => {
                let r = self.run_boxed_frame(f)?;
                if !matches!(r, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
                Ok(obj)
            }
        }
    }

    /// Invokes any callable: natives run now; Python code comes back as a
    /// frame for the caller to run.
    pub fn invoke(
        &mut self,
        f: &Value,
        mut pos: Vec<Value>,
        kwnames: &[Value],
        kwvalues: Vec<Value>,
    ) -> PyResult<Invoked> {
        match f {
            Value::Function(func) => {
                let frame = function_frame(
                    &mut self.frame_arena,
                    func,
                    pos.into_iter(),
                    kwnames,
                    kwvalues.into_iter(),
                )?;
                Ok(frame_or_generator(func, frame))
            }
            Value::Method(m) => {
                pos.insert(0, m.self_.clone());
                self.invoke(&m.func, pos, kwnames, kwvalues)
            }
            Value::Native(nf) => {
                let spec = spec_of(nf).ok_or_else(|| PyErr::type_error("bad native function"))?;
                let r = (spec.func)(self, Args::for_spec(spec, &pos, kwnames, &kwvalues))?;
                Ok(Invoked::Done(r))
            }
            Value::Type(cls) => self.instantiate(cls, pos, kwnames, kwvalues),
            Value::Instance(inst) => match inst.class.lookup(&types().names.call) {
                Some(call) => {
                    pos.insert(0, f.clone());
                    let call = self.bind_descriptor_for_call(call);
                    self.invoke(&call, pos, kwnames, kwvalues)
                }
                None => Err(not_callable(f)),
            },
            _ => Err(not_callable(f)),
        }
    }

    /// A `__call__` found on a class, ready to take the instance as its
    /// first argument (`staticmethod` unwrapped).
    fn bind_descriptor_for_call(&self, call: Value) -> Value {
        if let Value::Instance(i) = &call {
            if let Payload::StaticMethod(f) = &i.payload {
                return f.clone();
            }
        }
        call
    }

    /// `cls(*args, **kwargs)`: `__new__`, then `__init__` when `__new__`
    /// returned an instance of `cls`.
    pub fn instantiate(
        &mut self,
        cls: &Arc<Type>,
        pos: Vec<Value>,
        kwnames: &[Value],
        kwvalues: Vec<Value>,
    ) -> PyResult<Invoked> {
        let t = types();
        if Arc::ptr_eq(cls, &t.type_) && pos.len() == 1 && kwnames.is_empty() {
            return Ok(Invoked::Done(Value::Type(pos[0].class().clone())));
        }
        let names = &t.names;
        let new = self.type_cache.lookup(cls, &names.new);
        let init = self.type_cache.lookup(cls, &names.init);
        let object_new = object_new().cloned();
        let object_init = t.object.dict.get_str(&names.init);
        let is = |a: &Option<Value>, b: &Option<Value>| match (a, b) {
            (Some(a), Some(b)) => a.is(b),
            _ => false,
        };
        let custom_new = !is(&new, &object_new);
        let custom_init = !is(&init, &object_init);
        let has_args = !pos.is_empty() || !kwnames.is_empty();
        let obj = if custom_new {
            let new = match new {
                Some(Value::Instance(i)) => match &i.payload {
                    Payload::StaticMethod(f) => f.clone(),
                    _ => Value::Instance(i),
                },
                Some(other) => other,
                None => return Err(not_callable(&Value::Type(cls.clone()))),
            };
            let mut args = Vec::with_capacity(pos.len() + 1);
            args.push(Value::Type(cls.clone()));
            args.extend(pos.iter().cloned());
            self.call_kw(&new, &args, kwnames, &kwvalues)?
        } else {
            if has_args && !custom_init {
                return Err(PyErr::type_error(format!(
                    "{}() takes no arguments",
                    cls.name.as_str()
                )));
            }
            object_new_instance(cls)?
        };
        if !obj.class().is_subtype(cls) {
            return Ok(Invoked::Done(obj));
        }
        if !custom_init {
            return Ok(Invoked::Done(obj));
        }
        let init = self.bind_for_init(init.unwrap_or(Value::None));
        match &init {
            Value::Function(func) => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(obj.clone());
                args.extend(pos);
                let frame = function_frame(
                    &mut self.frame_arena,
                    func,
                    args.into_iter(),
                    kwnames,
                    kwvalues.into_iter(),
                )?;
                if func.code.flags.0 & (CodeFlags::GENERATOR | CodeFlags::COROUTINE) != 0 {
                    return Err(PyErr::type_error(
                        "__init__() should return None, not 'generator'",
                    ));
                }
                Ok(Invoked::Init(frame, obj))
            }
            _ => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(obj.clone());
                args.extend(pos);
                let r = self.call_kw(&init, &args, kwnames, &kwvalues)?;
                if !matches!(r, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
                Ok(Invoked::Done(obj))
            }
        }
    }

    /// `__init__` as found on the class (a `staticmethod` or
    /// `classmethod` wrapper there is unusual but legal).
    fn bind_for_init(&self, init: Value) -> Value {
        self.bind_descriptor_for_call(init)
    }
}

/// `object.__new__(cls)`: a fresh instance with the payload its layout
/// needs.
pub fn object_new_instance(cls: &Arc<Type>) -> PyResult {
    if let Layout::Native(_) | Layout::Builtin = cls.layout {
        return Err(PyErr::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name.as_str(),
            cls.name.as_str()
        )));
    }
    let payload = Instance::empty_payload(cls);
    Ok(Value::Instance(Arc::new(Instance::new(
        cls.clone(),
        payload,
    ))))
}

/// `object.__new__`, fetched once per process: a built-in type's
/// attributes cannot be reassigned, so the value never changes (the dict
/// probe and the clones per instantiation it saves were 5 % of a loop
/// making objects).
fn object_new() -> Option<&'static Value> {
    static OBJECT_NEW: OnceLock<Option<Value>> = OnceLock::new();
    OBJECT_NEW
        .get_or_init(|| {
            let t = types();
            t.object.dict.get_str(&t.names.new)
        })
        .as_ref()
}

/// `TypeError: 'X' object is not callable`.
pub fn not_callable(f: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not callable", f.type_name()))
}

/// Whether `v` can be called (`callable(v)`).
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Method(_) | Value::Native(_) | Value::Type(_) => true,
        Value::Instance(i) => i.class.lookup(&types().names.call).is_some(),
        _ => false,
    }
}

/// How a native function found on a class binds (`NativeKind`).
pub fn native_binds(kind: NativeKind) -> bool {
    matches!(kind, NativeKind::Method | NativeKind::ClassMethod)
}
