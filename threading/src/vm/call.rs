//! `CALL n` / `CALL_METHOD n`: a call whose operands are on the value
//! stack, for the instruction loop. What calling each kind of object
//! means is `invoke.rs`'s; this file is about the stack around it.
//!
//! ```text
//!   stack: [.. callable, (receiver | NULL), arg1 .. argn]
//!   call_stack ─┬─ Function, positional only → frame bound from the stack
//!               │   (arguments moved, not copied), pushed for the loop
//!               ├─ class keeping object.__new__ with a plain Python
//!               │   __init__ → the instance made here, __init__'s frame
//!               │   pushed (resumed as Init: the instance is the result)
//!               ├─ super with 0 or 2 arguments → the super object made
//!               │   here (call_super)
//!               ├─ Native → its arguments borrowed from the stack, the
//!               │   result pushed (≤ 3 positional: call_native_small,
//!               │   which runs list.append/pop, len and isinstance in
//!               │   place: list_calls.rs, builtin_calls.rs)
//!               └─ anything else → invoke (invoke.rs) over the popped
//!                   arguments, then push_invoked
//!   CALL_FUNCTION_EX → call_ex: *args / **kwargs unpacked onto the stack
//! ```
//!
//! A pushed frame is run by the instruction loop itself, with no Rust
//! recursion (`inline_call.rs`); the exact-arguments fast path of CALL
//! lives there too and shares [`pop_arguments`].
//!
//! Python equivalent: `Python/ceval.c`'s `CALL` family (`PRECALL`,
//! `CALL_PY_EXACT_ARGS`, `CALL_NO_KW_*`) and `Objects/call.c`
//! (`_PyObject_Vectorcall`). Needs `invoke.rs` (below it), `args.rs`,
//! `native.rs`.

use super::args;
use super::invoke::{
    finish_positional, frame_or_generator, function_frame, object_new_instance, Invoked,
};
use super::native::{spec_of, Args, InlineNative};
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::frame::{Frame, Resume};
use crate::object::function::Function;
use crate::object::range::Range;
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// How many arguments a native call passes without touching the heap.
const INLINE_ARGS: usize = 8;

/// Moves the top `slots.len()` stack values into `slots` (unbound local
/// slots), in order: each is popped into its own from the last, so every
/// value moves once and nothing is left behind on the stack. Not
/// `drain(..).map(Some)`: the drain's `Option<Value>` was re-tagged byte by
/// byte through the native stack, and the overlapping store and load
/// stalled store-to-load forwarding on every argument (two thirds of
/// `positional_frame`'s time in the richards profile); nor `mem::take` per
/// slot, which left a `Null` per argument for `truncate`'s drop loop.
/// Shared by `positional_frame` and the keyword path (`keyword_call.rs`;
/// `exact_call.rs` writes the slots into reserved capacity instead).
#[inline(always)]
pub(super) fn pop_arguments(stack: &mut Vec<Value>, slots: &mut [Option<Value>]) {
    for slot in slots.iter_mut().rev() {
        *slot = stack.pop();
    }
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
        // * n)` in go, `int(r * 255)` in raytrace), `str(i)`, `int("12")`,
        // converted here without `__new__`'s lookups and argument vectors;
        // everything else takes the plain path, which raises what the
        // constructors raise.
        if nkw == 0 && nargs == 1 {
            if let Value::Type(cls) = &self.stack[base] {
                if let Some(v) =
                    crate::builtins::numbers::convert_scalar(cls, &self.stack[base + 1])
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
            // Fast path: `super(C, obj)` and `super()`, the object made here
            // from the stack (CPython's `super_vectorcall`), where the plain
            // path calls the type: `__new__` and `__init__` looked up, an
            // argument vector built, `super.__new__` called through `invoke`
            // (~1,000 instructions a `super(C, self).__init__()` in
            // deltablue). `new_super` is what `super.__new__` runs on the
            // arguments, so the object and any error are the plain path's;
            // other argument counts and keywords go that way.
            Value::Type(cls)
                if nkw == 0 && (nargs == 0 || nargs == 2) && Arc::ptr_eq(cls, &types().super_) =>
            {
                self.call_super(nargs, base)?;
                Ok(false)
            }
            // Fast path: `C(a, b)` for a class that keeps `object.__new__`
            // and has a Python `__init__` taking these positionals: the
            // instance is made here and the arguments move from the stack
            // straight into `__init__`'s local slots, after the instance
            // (`init_call.rs`; the plain path is `invoke` below:
            // `instantiate` with two argument vectors and `bind`).
            Value::Type(cls) if nkw == 0 => match self.plain_python_init(cls, nargs) {
                Some(init) => {
                    let obj = object_new_instance(cls)?;
                    self.push_init_frame(&init, obj, base);
                    Ok(true)
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
        let receiver = match &self.stack[base] {
            Value::Native(nf) => {
                let spec = spec_of(nf)?;
                // Fast path: `xs.append(x)`, `xs.pop()` (`list_calls.rs`),
                // `len(x)`, `isinstance(x, C)` (`builtin_calls.rs`) done in
                // place; the plain path below for the rest.
                let in_place = match spec.inline {
                    InlineNative::No => None,
                    InlineNative::ListAppend => {
                        super::list_calls::append_in_place(&mut self.stack, first, base)
                    }
                    InlineNative::ListPop => {
                        super::list_calls::pop_in_place(&mut self.stack, first, base)
                    }
                    InlineNative::Len => {
                        super::builtin_calls::len_in_place(&mut self.stack, first, base)
                    }
                    InlineNative::IsInstance => {
                        super::builtin_calls::isinstance_in_place(&mut self.stack, first, base)
                    }
                };
                if let Some(v) = in_place {
                    return Some(Ok(v));
                }
                return Some(match len - first {
                    0 => self.native_with::<0>(spec, first, base),
                    1 => self.native_with::<1>(spec, first, base),
                    2 => self.native_with::<2>(spec, first, base),
                    3 => self.native_with::<3>(spec, first, base),
                    _ => return None,
                });
            }
            // A bound native method held in a variable (`ins = xs.insert;
            // ins(i, x)`, as fannkuch does): its receiver goes first, as
            // `invoke` puts it. (After LOAD_METHOD a bound method sits
            // over `NULL`; a receiver slot means this is not one.)
            Value::Method(m) if !method || first == base + 2 => m,
            _ => return None,
        };
        let Value::Native(nf) = &receiver.func else {
            return None;
        };
        let spec = spec_of(nf)?;
        let receiver = receiver.self_.clone();
        Some(match len - first {
            0 => self.native_bound::<1>(spec, receiver, first, base),
            1 => self.native_bound::<2>(spec, receiver, first, base),
            2 => self.native_bound::<3>(spec, receiver, first, base),
            _ => return None,
        })
    }

    /// [`native_with`](Self::native_with) for a bound native method: its
    /// receiver and the `M - 1` arguments at `stack[first..]`.
    #[inline]
    fn native_bound<const M: usize>(
        &mut self,
        spec: &'static crate::vm::native::NativeSpec,
        receiver: Value,
        first: usize,
        base: usize,
    ) -> PyResult {
        let mut receiver = Some(receiver);
        let args: [Value; M] = std::array::from_fn(|i| match i {
            // A `match`: `unwrap_or`'s eager default went through the drop glue.
            0 => match receiver.take() {
                Some(r) => r,
                None => Value::None,
            },
            _ => std::mem::take(&mut self.stack[first + i - 1]),
        });
        cut_taken(&mut self.stack, first, base);
        let result = (spec.func)(self, Args::for_spec(spec, &args, &[], &[]));
        release_args(args);
        result
    }

    /// [`call_stack`](Self::call_stack)'s fast path for `super(...)` with
    /// `nargs` (0 or 2) arguments at `stack[base + 1..]` (the `super` type
    /// taken from `stack[base]`): the stack cut to `base`, the new super
    /// object pushed.
    #[inline(never)]
    fn call_super(&mut self, nargs: usize, base: usize) -> PyResult<()> {
        let mut args: [Value; 2] = Default::default();
        for (slot, v) in args.iter_mut().zip(self.stack.drain(base + 1..)) {
            *slot = v;
        }
        self.stack.truncate(base);
        let sup = crate::builtins::functions::new_super(self, &args[..nargs])?;
        self.stack.push(sup);
        Ok(())
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
        cut_taken(&mut self.stack, first, base);
        let result = (spec.func)(self, Args::for_spec(spec, &args, &[], &[]));
        release_args(args);
        result
    }

    /// A frame for `func` over the positional arguments at
    /// `stack[base + 1..]` (moved, not copied), after `receiver` if any,
    /// defaults filling the tail: the fast path of a call that
    /// [`args::simple_positional`] accepts. The stack is cut to `base`.
    pub(super) fn positional_frame(
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
        // Slots pushed one by one (the reservation is made): `resize_with`
        // was an out-of-line call per frame (see `inline_call.rs`).
        for _ in base + 1..self.stack.len() {
            locals.push(None);
        }
        pop_arguments(&mut self.stack, &mut locals[first..]);
        self.stack.truncate(base);
        finish_positional(func, frame)
    }

    /// Pushes an invocation's frame for the eval loop to run (`true`) or
    /// pushes its result.
    pub(super) fn push_invoked(&mut self, invoked: Invoked, base: usize) -> bool {
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
}

/// Lets a native call's arguments go, each by [`Value::release`] (its
/// count decremented inline). Fast path beside the plain drop of the
/// array, which ran the enum's drop glue out of line per element.
#[inline(always)]
fn release_args<const N: usize>(args: [Value; N]) {
    for v in args {
        v.release();
    }
}

/// Cuts `stack` to `base` after a native call's arguments at
/// `stack[first..]` were taken (each slot left `None`, owning nothing:
/// forgotten), then the callable and any `NULL` below them by `truncate`.
/// The plain `truncate(base)` ran the enum's out-of-line drop glue for
/// every taken slot too (float, generators, richards: 400-600 k calls
/// each). Letting the callable go by `Value::release` as well took more
/// instructions off but cost richards 5 % CPU (least of 21, both orders).
#[inline(always)]
fn cut_taken(stack: &mut Vec<Value>, first: usize, base: usize) {
    while stack.len() > first {
        std::mem::forget(stack.pop());
    }
    stack.truncate(base);
}
