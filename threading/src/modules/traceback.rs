//! # `traceback`: printing and formatting exceptions
//!
//! ```text
//!   print_exception(exc) / print_exception(type, value, tb, file=)
//!   format_exception(...) -> [str]   format_exception_only(...) -> [str]
//!   print_exc(file=) / format_exc()  (the exception being handled)
//! ```
//!
//! The text is the VM's own (`vm/traceback.rs`): the same bytes an
//! uncaught exception prints, chained causes and contexts included, but
//! without 3.11's "Did you mean" suggestions, which only CPython's C
//! printer adds. `_print_uncaught` (MiniPy's own, same arguments as
//! `print_exception`) prints as that C printer does: `threading.excepthook`
//! uses it, as CPython's C `_thread._excepthook` does.
//! MiniPy has no traceback objects, so the `tb` argument is ignored: an
//! exception always carries the frames it passed through.
//!
//! Python equivalent: `Lib/traceback.py`.

use crate::object::instance::Instance;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;

/// The exception an exception-printing call is about: `print_exception(exc)`
/// or `print_exception(type, value, tb)`.
fn exception_arg(args: &Args, name: &str) -> PyResult<Option<Arc<Instance>>> {
    let p = args.positional();
    let v = match (p.first(), p.get(1).or(args.kw("value"))) {
        (_, Some(v)) => v,
        (Some(v), None) => v,
        (None, None) => {
            return Err(PyErr::type_error(format!(
                "{name}() missing required positional argument: 'exc'"
            )))
        }
    };
    match v {
        Value::Instance(i) if i.exc().is_some() => Ok(Some(i.clone())),
        Value::None => Ok(None),
        other => Err(PyErr::type_error(format!(
            "{name}(): Exception expected for value, {} found",
            other.type_name()
        ))),
    }
}

/// Whether `chain=` allows the chained exceptions.
fn chain_arg(vm: &mut ThreadCtx, args: &Args) -> PyResult<bool> {
    match args.kw("chain") {
        Some(v) => vm.truthy(v),
        None => Ok(true),
    }
}

/// The full text for `exc` (`None` prints `NoneType: None`).
fn text_of(vm: &mut ThreadCtx, exc: Option<Arc<Instance>>, chain: bool) -> String {
    match exc {
        Some(e) if chain => vm.format_exception_as_module(&e, true),
        Some(e) => {
            let mut out = String::new();
            let entries = e
                .exc()
                .map(|st| st.lock().traceback.clone())
                .unwrap_or_default();
            if !entries.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                out.push_str(&crate::vm::traceback::frames_text(&entries));
            }
            out.push_str(&vm.exception_last_line(&e));
            out.push('\n');
            out
        }
        None => "NoneType: None\n".to_string(),
    }
}

/// Writes `text` to `file` (`None`: stderr).
fn write_to(vm: &mut ThreadCtx, file: Option<&Value>, text: &str) -> PyResult<()> {
    match file {
        None | Some(Value::None) => {
            let rt = vm.rt.clone();
            rt.err.write_gil(vm, text)
        }
        Some(f) => {
            let write = vm.get_attr(f, &intern("write"))?;
            vm.call(&write, &[Value::str(text)])?;
            Ok(())
        }
    }
}

/// Splits a report into CPython's chunks: one string per line, each with
/// its newline (`"".join(...)` gives the report back).
fn lines(text: &str) -> Value {
    Value::list(text.split_inclusive('\n').map(Value::str).collect())
}

fn print_exception(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = exception_arg(&args, "print_exception")?;
    let chain = chain_arg(vm, &args)?;
    let text = text_of(vm, exc, chain);
    write_to(vm, args.kw("file"), &text)?;
    Ok(Value::None)
}

/// `_print_uncaught(exc, file=)`: `print_exception` as the interpreter
/// prints an uncaught exception (with "Did you mean" suggestions).
fn print_uncaught(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = exception_arg(&args, "_print_uncaught")?;
    let text = match exc {
        Some(e) => vm.format_exception(&e, true),
        None => "NoneType: None\n".to_string(),
    };
    write_to(vm, args.kw("file"), &text)?;
    Ok(Value::None)
}

fn format_exception(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = exception_arg(&args, "format_exception")?;
    let chain = chain_arg(vm, &args)?;
    let text = text_of(vm, exc, chain);
    Ok(lines(&text))
}

fn format_exception_only(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = exception_arg(&args, "format_exception_only")?;
    Ok(match exc {
        Some(e) => lines(&format!("{}\n", vm.exception_last_line(&e))),
        None => lines("NoneType: None\n"),
    })
}

/// The exception being handled, as `print_exc` sees it.
fn handled(vm: &ThreadCtx) -> Option<Arc<Instance>> {
    match vm.handled_exception() {
        Some(Value::Instance(i)) if i.exc().is_some() => Some(i),
        _ => None,
    }
}

fn print_exc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = handled(vm);
    let chain = chain_arg(vm, &args)?;
    let text = text_of(vm, exc, chain);
    write_to(vm, args.kw("file").or(args.positional().get(1)), &text)?;
    Ok(Value::None)
}

fn format_exc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let exc = handled(vm);
    let chain = chain_arg(vm, &args)?;
    Ok(Value::string(text_of(vm, exc, chain)))
}

/// The `traceback` module.
pub static MODULE: NativeModule = NativeModule {
    name: "traceback",
    functions: &[
        NativeSpec::function("print_exception", print_exception),
        NativeSpec::function("_print_uncaught", print_uncaught),
        NativeSpec::function("format_exception", format_exception),
        NativeSpec::function("format_exception_only", format_exception_only),
        NativeSpec::function("print_exc", print_exc),
        NativeSpec::function("format_exc", format_exc),
    ],
    classes: &[],
    init: None,
};
