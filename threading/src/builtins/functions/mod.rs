//! The built-in functions: `print`, `len`, `repr`, `isinstance`,
//! `getattr`, `sorted`, `min`, `sum`, `round`, `hash`, `id`, `chr`, ...
//!
//! Error messages are CPython 3.11's word for word, because programs print
//! them (`except TypeError as e: print(e)`).
//!
//! Python equivalent: `Python/bltinmodule.c`.
//!
//! This file holds the table of the `builtins` module's functions, the
//! protocol wrappers `len`, `repr`, `ascii`, and the clear refusals for
//! what MiniPy leaves out (`open`, `exec`, `eval`, `compile`, `complex`,
//! `input`). The rest sit one mechanism a file:
//!
//! | file | holds |
//! |---|---|
//! | `print.rs` | `print` |
//! | `introspect.rs` | `isinstance`, `getattr` & co., `hash`, `id`, `vars`, `dir`, `super` |
//! | `numeric.rs` | `abs`, `divmod`, `pow`, `round`, `bin`/`oct`/`hex`, `format`, `ord`, `chr` |
//! | `iterables.rs` | `min`, `max`, `sum`, `sorted`, `any`, `all`, `next`, `iter` |

mod introspect;
mod iterables;
mod numeric;
mod print;

pub use introspect::{isinstance_of, new_super, super_new};
pub use iterables::sort_values;
pub use numeric::round_float;

use introspect::{
    callable, delattr, dir, getattr, globals, hasattr, hash, id, isinstance, issubclass, locals,
    setattr, vars,
};
use iterables::{all, any, iter, max, min, next, sorted, sum};
use numeric::{abs, bin, chr, divmod, format, hex, oct, ord, pow, round};
use print::print;

use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, InlineNative, NativeSpec};
use crate::vm::ThreadCtx;

fn len(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("len")?;
    args.arity("len", 1, 1)?;
    Ok(Value::Int(vm.len(&args.positional()[0])?))
}

fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("repr")?;
    args.arity("repr", 1, 1)?;
    Ok(Value::string(vm.repr(&args.positional()[0])?))
}

fn ascii(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("ascii", 1, 1)?;
    let r = vm.repr(&args.positional()[0])?;
    Ok(Value::string(crate::vm::repr::ascii_escape(&r)))
}

fn refused(name: &str) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("{name}() is outside MiniPy"),
    )
}

fn open(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        "open() is outside MiniPy (file I/O beyond sys.stdout/sys.stderr)",
    ))
}

fn exec(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("exec"))
}

fn eval(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("eval"))
}

fn compile(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("compile"))
}

fn complex(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        "complex() is outside MiniPy (complex numbers)",
    ))
}

fn input(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("input"))
}

/// The functions of the `builtins` module.
pub static FUNCTIONS: &[NativeSpec] = &[
    NativeSpec::function("print", print),
    NativeSpec::function("len", len).inlined_as(InlineNative::Len),
    NativeSpec::function("repr", repr),
    NativeSpec::function("ascii", ascii),
    NativeSpec::function("isinstance", isinstance).inlined_as(InlineNative::IsInstance),
    NativeSpec::function("issubclass", issubclass),
    NativeSpec::function("getattr", getattr),
    NativeSpec::function("setattr", setattr),
    NativeSpec::function("hasattr", hasattr),
    NativeSpec::function("delattr", delattr),
    NativeSpec::function("abs", abs),
    NativeSpec::function("min", min),
    NativeSpec::function("max", max),
    NativeSpec::function("sum", sum),
    NativeSpec::function("sorted", sorted),
    NativeSpec::function("any", any),
    NativeSpec::function("all", all),
    NativeSpec::function("next", next),
    NativeSpec::function("iter", iter),
    NativeSpec::function("divmod", divmod),
    NativeSpec::function("pow", pow),
    NativeSpec::function("hash", hash),
    NativeSpec::function("id", id),
    NativeSpec::function("callable", callable),
    NativeSpec::function("ord", ord),
    NativeSpec::function("chr", chr),
    NativeSpec::function("bin", bin),
    NativeSpec::function("oct", oct),
    NativeSpec::function("hex", hex),
    NativeSpec::function("format", format),
    NativeSpec::function("round", round),
    NativeSpec::function("vars", vars),
    NativeSpec::function("globals", globals),
    NativeSpec::function("locals", locals),
    NativeSpec::function("dir", dir),
    NativeSpec::function("open", open),
    NativeSpec::function("exec", exec),
    NativeSpec::function("eval", eval),
    NativeSpec::function("complex", complex),
    NativeSpec::function("compile", compile),
    NativeSpec::function("input", input),
];
