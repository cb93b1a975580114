//! `C(a, b)` for a plain class, bound without the general binder: once
//! `call.rs`'s `call_stack` has made the instance, `__init__`'s frame is
//! bound from the stack with the instance as its first local and pushed
//! for the instruction loop to enter (`inline_call.rs`), resumed as
//! `Init` so that the instance, not `__init__`'s `None`, is the call's
//! result.
//!
//! ```text
//!   stack: [.. <C moved out>, a, b]      stack: [.. obj]
//!          base ┘                     →  __init__ locals: [obj, a, b, <defaults>, unbound...]
//!                                        frame.stack_base = base + 1 (obj stays below it)
//! ```
//!
//! Taken for the plain shape only: a class that keeps `object.__new__`,
//! whose `__init__` is a Python function (not a generator) taking the
//! instance and the positional arguments, defaults filling the tail
//! ([`plain_python_init`](ThreadCtx::plain_python_init)). Everything else
//! — keywords, a custom `__new__`, a native `__init__` — is `invoke.rs`'s
//! `instantiate`, which makes the same instance and raises every error.
//!
//! Python equivalent: `type.__call__` → `object.__new__` + `__init__`
//! (`Objects/typeobject.c`'s `type_call`); 3.11 runs `__init__` in a
//! nested interpreter call, 3.12 specialises this very shape
//! (`CALL_ALLOC_AND_ENTER_INIT`, with a shim frame that checks the
//! `None`). Needs `exact_call.rs` (`bind_positional`) and
//! `frame_arena.rs`.

use super::exact_call::bind_positional;
use super::invoke::object_new;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::frame::{Frame, Resume};
use crate::object::function::Function;
use crate::object::refcount::Arc;
use crate::object::types::Type;
use crate::object::Value;
use std::sync::atomic::Ordering::Relaxed;

impl ThreadCtx {
    /// Binds `init` (from [`plain_python_init`](Self::plain_python_init))
    /// for the new instance `obj` and the arguments above `base`, whose
    /// slot the class was moved out of, and pushes its frame for the loop
    /// to admit (`enter_pushed_frame!`).
    ///
    /// The plain way — `positional_frame` (a reservation, the instance
    /// pushed, `None`s pushed and the arguments moved over them, the tail
    /// resized out of line), then `Invoked::Init` through `push_invoked` —
    /// took ~350 instructions per `Vector(x, y, z)` in raytrace's
    /// callgrind profile; here each local slot is written once, as in the
    /// exact-arguments call.
    pub(super) fn push_init_frame(&mut self, init: &Function, obj: Value, base: usize) {
        // The instance goes in the emptied slot under the arguments, so
        // that binding one argument more moves it into `self` with them.
        self.stack[base] = obj.clone();
        let nargs = self.stack.len() - base;
        let shape = init.call;
        let (argcount, nlocals) = (shape.argcount as usize, shape.nlocals as usize);
        // `simple_positional` vouched that the defaults cover the tail.
        let first_default = argcount - init.defaults.len();
        let defaults = &init.defaults[nargs - first_default..];
        let mut frame = self.frame_arena.acquire(&init.code, &init.globals);
        bind_positional(&mut frame.locals, &mut self.stack, nargs, defaults, nlocals);
        if shape.has_cells {
            frame.cells = Frame::new_cells(&init.code, &init.closure);
            frame.init_cells();
        }
        self.stack.push(obj);
        frame.resume = Resume::Init;
        frame.stack_base = base + 1;
        self.frames.push(frame);
    }

    /// The `__init__` of `cls(...)` with `nargs` positional arguments when
    /// [`push_init_frame`](Self::push_init_frame) can bind it: `cls` keeps
    /// `object.__new__`, and its `__init__` is a plain Python function
    /// (not a generator) that
    /// [`args::simple_positional`](super::args::simple_positional)
    /// accepts for the instance plus `nargs`. `None` sends the call down
    /// the plain path, which also raises every error.
    pub(super) fn plain_python_init(
        &mut self,
        cls: &Arc<Type>,
        nargs: usize,
    ) -> Option<Arc<Function>> {
        // Fast path: the class's answer at this version, remembered
        // (`InitCache`); plain path: two type-cache lookups.
        let version = cls.version.load(Relaxed);
        let init = match self.init_cache.get(version) {
            Remembered::Plain(init) => init,
            Remembered::NotPlain => return None,
            Remembered::Unknown => {
                let init = self.init_of_plain_class(cls);
                self.init_cache.put(version, init.clone());
                init?
            }
        };
        super::args::simple_positional(&init, nargs + 1).then_some(init)
    }

    /// `cls.__init__` when `cls` keeps `object.__new__` and its
    /// `__init__` is a Python function that is not a generator's.
    fn init_of_plain_class(&mut self, cls: &Type) -> Option<Arc<Function>> {
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
            Value::Function(f) if !f.call.makes_generator => Some(f.clone()),
            _ => None,
        }
    }
}

/// How many classes [`InitCache`] remembers (direct-mapped by version).
const INIT_WAYS: usize = 8;

/// Per thread, each recently instantiated class's
/// [`ThreadCtx::plain_python_init`] answer before the argument count is
/// checked — its `__init__`, or `None` for a class the fast path cannot
/// take — keyed by the class's version tag alone: tags are unique across
/// all classes and change whenever the class or a base is modified
/// (`object/types.rs`), so an entry is right for as long as its tag
/// matches. Saves the two type-cache lookups (`__new__`, `__init__`) of
/// every instantiation, ~80 instructions each `Vector(x, y, z)`.
/// Direct-mapped, not a hash table: raytrace alternates three classes.
/// Per thread, so no lock, as the type cache.
#[derive(Default)]
pub struct InitCache {
    /// Entry `version % INIT_WAYS`.
    entries: [InitEntry; INIT_WAYS],
}

/// One remembered class.
#[derive(Default)]
struct InitEntry {
    /// The class's version tag (0: empty; 0 is never a valid tag).
    version: u64,
    /// Its answer.
    init: Option<Arc<Function>>,
}

/// What [`InitCache`] knows of a class at a version.
enum Remembered {
    /// It qualifies, with this `__init__`.
    Plain(Arc<Function>),
    /// It does not (a custom `__new__`, a native or generator `__init__`).
    NotPlain,
    /// Not remembered: ask the type cache.
    Unknown,
}

impl InitCache {
    /// What is remembered for the class at `version`.
    #[inline]
    fn get(&self, version: u64) -> Remembered {
        let e = &self.entries[version as usize % INIT_WAYS];
        if version == 0 || e.version != version {
            return Remembered::Unknown;
        }
        match &e.init {
            Some(init) => Remembered::Plain(init.clone()),
            None => Remembered::NotPlain,
        }
    }

    /// Remembers `init` for the class at `version`.
    fn put(&mut self, version: u64, init: Option<Arc<Function>>) {
        if version != 0 {
            self.entries[version as usize % INIT_WAYS] = InitEntry { version, init };
        }
    }
}
