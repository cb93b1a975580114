//! Raising and catching: the errors the eval loop raises itself (unbound
//! names), `raise X from Y`, `except (A, B)` matching, exception chaining,
//! PEP 479 (`StopIteration` inside a generator), and `with`'s entry.
//!
//! ```text
//!   raise ValueError          → a new instance with no args
//!   raise ValueError("m")     → that instance
//!   raise E from cause        → __cause__ = cause, __suppress_context__ = True
//!   (while handling X) raise Y → Y.__context__ = X   ("During handling ...")
//!   except LookupError        → matches KeyError, IndexError (subclasses)
//! ```
//!
//! Python equivalent: `Python/ceval.c` (`do_raise`, `format_exc_unbound`,
//! `_PyErr_SetObject`'s context logic), `Objects/exceptions.c`,
//! `Python/errors.c` (`PyErr_GivenExceptionMatches`), `Objects/genobject.c`
//! (the "generator raised StopIteration" conversion).

use super::ThreadCtx;
use crate::bytecode::Code;
use crate::object::builtin_types::types;
use crate::object::exception::FailedLookup;
use crate::object::function::Method;
use crate::object::generator::{GenKind, Generator};
use crate::object::instance::Instance;
use crate::object::module::Globals;
use crate::object::refcount::Arc;
use crate::object::types::Layout;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// `UnboundLocalError` for local slot `i`.
pub fn unbound_local(code: &Code, i: u32) -> PyErr {
    let name = code
        .varnames
        .get(i as usize)
        .map(|s| s.as_str())
        .unwrap_or("?");
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

/// The error for reading an empty cell `i`: a local (cell variable) or a
/// free variable of an enclosing scope.
pub fn unbound_cell(code: &Code, i: u32) -> PyErr {
    let i = i as usize;
    let ncell = code.cellvars.len();
    if i < ncell {
        let name = code.cellvars[i].as_str();
        PyErr::new(
            ExcKind::UnboundLocalError,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    } else {
        let name = code
            .freevars
            .get(i - ncell)
            .map(|s| s.as_str())
            .unwrap_or("?");
        PyErr::new(
            ExcKind::NameError,
            format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ),
        )
    }
}

/// `LOAD_GLOBAL slot`: the module's slot, else the builtin, else
/// `NameError` (which remembers the name and the namespace, for the
/// traceback's "Did you mean" suggestion).
#[inline(always)]
pub fn load_global(globals: &Arc<Globals>, slot: u32) -> PyResult {
    match super::global_jump::with_global(globals, slot, |v| Some(v.clone())) {
        Some(v) => Ok(v),
        None => Err(name_error(globals, slot)),
    }
}

/// `NameError: name 'x' is not defined` for global slot `slot`, kept out
/// of line: `load_global` is on the hot path, the error is not.
#[cold]
fn name_error(globals: &Arc<Globals>, slot: u32) -> PyErr {
    let name = globals
        .names
        .get(slot as usize)
        .cloned()
        .unwrap_or_else(|| crate::object::str::intern("?"));
    PyErr::new(
        ExcKind::NameError,
        format!("name '{}' is not defined", name.as_str()),
    )
    .with_lookup(FailedLookup::Name {
        name,
        globals: globals.clone(),
    })
}

/// Records the exception being handled as the new one's `__context__`
/// (unless it would make a cycle), as raising does in CPython.
pub fn set_context(exc: &Arc<Instance>, handled: Option<&Value>) {
    let Some(Value::Instance(h)) = handled else {
        return;
    };
    if Arc::ptr_eq(h, exc) {
        return;
    }
    // Break a cycle: if `exc` is already in `h`'s context chain, cut it
    // there (CPython's `_PyErr_SetObject` does the same).
    let mut cur = h.clone();
    for _ in 0..1000 {
        let next = cur.exc().and_then(|s| s.lock().context.clone());
        match next {
            Some(Value::Instance(n)) => {
                if Arc::ptr_eq(&n, exc) {
                    if let Some(s) = cur.exc() {
                        s.lock().context = None;
                    }
                    break;
                }
                cur = n;
            }
            _ => break,
        }
    }
    if let Some(st) = exc.exc() {
        let mut st = st.lock();
        st.context = Some(Value::Instance(h.clone()));
    }
}

/// PEP 479: a `StopIteration` escaping a generator's frame becomes
/// `RuntimeError("generator raised StopIteration")` with it as the cause.
pub fn generator_stop_iteration(err: PyErr, g: &Generator) -> PyErr {
    let is_stop = err.is(ExcKind::StopIteration);
    let is_async_stop = err.is(ExcKind::StopAsyncIteration) && g.kind == GenKind::Coroutine;
    if !is_stop && !is_async_stop {
        return err;
    }
    let what = match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
    };
    let new = PyErr::new(
        ExcKind::RuntimeError,
        format!(
            "{what} raised {}",
            if is_stop {
                "StopIteration"
            } else {
                "StopAsyncIteration"
            }
        ),
    );
    if let (PyErr::Exc(n), Some(old)) = (&new, err.value()) {
        if let Some(st) = n.exc() {
            let mut st = st.lock();
            st.cause = Some(old.clone());
            st.context = Some(old);
            st.suppress_context = true;
        }
    }
    new
}

/// The value a `StopIteration` carries (`None` if none).
pub fn stop_iteration_value(e: &PyErr) -> Value {
    match e {
        PyErr::Exc(inst) => inst
            .exc()
            .and_then(|st| st.lock().args.as_tuple().and_then(|t| t.first().cloned()))
            .unwrap_or(Value::None),
        PyErr::Deadlock | PyErr::Finalizing => Value::None,
    }
}

/// Whether class value `c` derives from `BaseException`.
fn is_exception_class(c: &Value) -> bool {
    match c {
        Value::Type(t) => t.layout == Layout::Exception,
        _ => false,
    }
}

/// Whether `exc` matches an `except` clause's class (or tuple of classes).
pub fn exception_matches(exc: &Value, class: &Value) -> PyResult<bool> {
    let exc_class = exc.class();
    match class {
        Value::Type(t) if is_exception_class(class) => Ok(exc_class.is_subtype(t)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if exception_matches(exc, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

impl ThreadCtx {
    /// What `raise v [from cause]` raises: an instance (a class is
    /// instantiated with no arguments).
    pub fn make_raisable(&mut self, v: Value, cause: Option<Value>) -> PyResult<PyErr> {
        let inst = match &v {
            Value::Instance(i) if i.exc().is_some() => i.clone(),
            Value::Type(t) if t.layout == Layout::Exception => match self.call(&v, &[])? {
                Value::Instance(i) if i.exc().is_some() => i,
                other => {
                    return Err(PyErr::type_error(format!(
                        "calling {} should have returned an instance of BaseException, not {}",
                        self.repr(&v)?,
                        other.type_name()
                    )))
                }
            },
            _ => {
                return Err(PyErr::type_error(
                    "exceptions must derive from BaseException",
                ))
            }
        };
        if let Some(cause) = cause {
            let cause = match &cause {
                Value::None => None,
                Value::Instance(i) if i.exc().is_some() => Some(cause.clone()),
                Value::Type(t) if t.layout == Layout::Exception => Some(self.call(&cause, &[])?),
                _ => {
                    return Err(PyErr::type_error(
                        "exception causes must derive from BaseException",
                    ))
                }
            };
            if let Some(st) = inst.exc() {
                let mut st = st.lock();
                st.cause = cause;
                st.suppress_context = true;
            }
        }
        Ok(PyErr::Exc(inst))
    }

    /// `BEFORE_WITH`: `(bound __exit__, __enter__())`.
    pub fn before_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let names = &types().names;
        let cls = mgr.class().clone();
        let (Some(enter), Some(exit)) = (cls.lookup(&names.enter), cls.lookup(&names.exit)) else {
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the context manager protocol",
                mgr.type_name()
            )));
        };
        let _ = (enter, exit);
        let enter = self
            .special_method(&mgr, &names.enter)?
            .unwrap_or(Value::None);
        let exit = self
            .special_method(&mgr, &names.exit)?
            .unwrap_or(Value::None);
        let exit = match exit {
            Value::Method(_) => exit,
            f => Value::Method(Arc::new(Method {
                func: f,
                self_: mgr.clone(),
            })),
        };
        let entered = self.call(&enter, &[])?;
        Ok((exit, entered))
    }
}

/// `OSError(errno, strerror(errno))` in PEP 3151's class for the errno
/// (`ConnectionRefusedError`, `BrokenPipeError`, ...), as CPython's
/// `PyErr_SetFromErrno` builds it; the class and the text come from the
/// std-only leaf `modules/errno.rs`.
pub fn os_error(errno: i32) -> PyErr {
    use crate::modules::errno::strerror;
    PyErr::from_args(
        os_error_kind(i64::from(errno)),
        vec![Value::Int(errno as i64), Value::string(strerror(errno))],
    )
}

/// PEP 3151's subclass of `OSError` for `errno` (`OSError` itself when the
/// errno has none): the `errnomap` of CPython's `Objects/exceptions.c`,
/// used by [`os_error`] and by `OSError(errno, strerror)` itself.
pub fn os_error_kind(errno: i64) -> ExcKind {
    let Ok(errno) = i32::try_from(errno) else {
        return ExcKind::OSError;
    };
    let name = crate::modules::errno::class_for_errno(errno).name();
    crate::object::exception::EXC_KINDS
        .iter()
        .map(|(kind, _)| *kind)
        .find(|kind| kind.name() == name)
        .unwrap_or(ExcKind::OSError)
}
