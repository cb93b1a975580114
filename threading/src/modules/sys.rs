//! # `sys`: the interpreter's own state, as programs see it
//!
//! ```text
//!   sys.argv  sys.modules (the live dict)  sys.stdout/stderr (.write/.flush)
//!   sys.exit(code) ─▶ raise SystemExit(code) ─▶ the exit code (lifecycle.rs)
//!   sys.exc_info()  sys.excepthook  sys._getframe(depth) (a snapshot)
//!   sys.getswitchinterval() / setswitchinterval(s)  ─▶ the GIL's interval
//!   sys.getrecursionlimit() / setrecursionlimit(n)
//!   sys.get_int_max_str_digits() / set_int_max_str_digits(n)
//! ```
//!
//! Simplifications: `sys._getframe()` returns a snapshot of the calling
//! frames (their code, line and globals when called), not live frames;
//! `version_info` is a plain tuple.
//!
//! Python equivalent: `Python/sysmodule.c`.

use crate::bytecode::Code;
use crate::object::builtin_types::types;
use crate::object::module::Globals;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg};
use crate::vm::native::{Args, ModuleInit, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use std::time::Duration;

/// Which of the interpreter's streams a stream object writes to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// `sys.stdout`.
    Out,
    /// `sys.stderr`.
    Err,
}

/// `sys.stdout` / `sys.stderr`: text streams over the run's sinks.
pub static TEXT_STREAM: NativeClass = NativeClass::new(
    "TextIOWrapper",
    "_io",
    &[
        NativeSpec::method("write", stream_write),
        NativeSpec::method("flush", stream_flush),
        NativeSpec::method("isatty", stream_isatty),
        NativeSpec::method("writable", stream_writable),
        NativeSpec::getter("name", stream_name),
        NativeSpec::getter("encoding", stream_encoding),
        NativeSpec::method("__repr__", stream_repr),
    ],
);

/// The stream a `TextIOWrapper` method was called on.
fn stream(args: &Args, method: &str) -> PyResult<Stream> {
    args.native_self::<Stream>(&TEXT_STREAM, method).copied()
}

/// `stream.write(s)`: the number of characters written.
fn stream_write(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = stream(&args, "write")?;
    args.arity("write", 2, 2)?;
    let Value::Str(text) = &args.positional()[1] else {
        return Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            args.positional()[1].type_name()
        )));
    };
    let rt = vm.rt.clone();
    match s {
        Stream::Out => rt.out.write_gil(vm, text.as_str())?,
        Stream::Err => rt.err.write_gil(vm, text.as_str())?,
    }
    Ok(Value::Int(text.char_count() as i64))
}

/// `stream.flush()`: whatever the text and buffer layers hold goes to
/// the OS (a write with the GIL released, if anything was held).
fn stream_flush(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let rt = vm.rt.clone();
    match stream(&args, "flush")? {
        Stream::Out => rt.out.flush_gil(vm)?,
        Stream::Err => rt.err.flush_gil(vm)?,
    }
    Ok(Value::None)
}

/// `stream.isatty()`: whether the fd is a terminal (never, when captured).
fn stream_isatty(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(Flag(match stream(&args, "isatty")? {
        Stream::Out => vm.rt.out.is_terminal(),
        Stream::Err => vm.rt.err.is_terminal(),
    })))
}

/// `stream.writable()`.
fn stream_writable(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    stream(&args, "writable")?;
    Ok(Value::Bool(Flag(true)))
}

/// `stream.name`.
fn stream_name(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::str(match stream(&args, "name")? {
        Stream::Out => "<stdout>",
        Stream::Err => "<stderr>",
    }))
}

/// `stream.encoding`.
fn stream_encoding(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    stream(&args, "encoding")?;
    Ok(Value::str("utf-8"))
}

/// `repr(sys.stdout)`.
fn stream_repr(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let name = match stream(&args, "__repr__")? {
        Stream::Out => "<stdout>",
        Stream::Err => "<stderr>",
    };
    Ok(Value::string(format!(
        "<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>"
    )))
}

/// `sys.exit(status=None)`.
fn exit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("exit")?;
    args.arity("exit", 0, 1)?;
    let class = Value::Type(types().exc(ExcKind::SystemExit).clone());
    // PyErr_SetObject(SystemExit, None) makes an exception with no args.
    let given = match args.positional() {
        [Value::None] => &[][..],
        p => p,
    };
    let exc = vm.call(&class, given)?;
    Err(vm.make_raisable(exc, None)?)
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being
/// handled, or `(None, None, None)`.
fn exc_info(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("exc_info", 0, 0)?;
    Ok(match vm.handled_exception() {
        Some(e) => {
            let tb = match &e {
                Value::Instance(i) => crate::vm::tb_object::traceback_of(i),
                _ => Value::None,
            };
            Value::tuple(vec![e.class_value(), e, tb])
        }
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

/// `sys.exception()` (3.11): the exception being handled, or `None`.
fn exception(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("exception", 0, 0)?;
    Ok(vm.handled_exception().unwrap_or(Value::None))
}

/// `sys.excepthook(type, value, tb)`: prints the traceback to stderr.
fn excepthook(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("excepthook", 3, 3)?;
    match &args.positional()[1] {
        Value::Instance(i) if i.exc().is_some() => {
            let text = vm.format_exception(i, true);
            let rt = vm.rt.clone();
            rt.err.write_gil(vm, &text)?;
            Ok(Value::None)
        }
        other => Err(PyErr::type_error(format!(
            "print_exception(): Exception expected for value, {} found",
            other.type_name()
        ))),
    }
}

/// `sys.getrecursionlimit()`.
fn getrecursionlimit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getrecursionlimit", 0, 0)?;
    Ok(Value::Int(
        vm.rt
            .recursion_limit
            .load(std::sync::atomic::Ordering::Relaxed) as i64,
    ))
}

/// `sys.setrecursionlimit(n)`.
fn setrecursionlimit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("setrecursionlimit", 1, 1)?;
    let n = index_arg(vm, &args.positional()[0])?;
    if n < 1 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.rt
        .recursion_limit
        .store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

/// `sys.get_int_max_str_digits()`: the digit limit of int <-> decimal
/// str conversions (0: none).
fn get_int_max_str_digits(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("get_int_max_str_digits", 0, 0)?;
    Ok(Value::Int(vm.int_max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least
/// `sys.int_info.str_digits_check_threshold` (640), for every thread.
fn set_int_max_str_digits(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [n] = args.bind("set_int_max_str_digits", ["maxdigits"], 1)?;
    let n = index_arg(vm, n.unwrap_or(&Value::None))?;
    if n != 0 && n < STR_DIGITS_CHECK_THRESHOLD {
        return Err(PyErr::value_error(format!(
            "maxdigits must be 0 or larger than {STR_DIGITS_CHECK_THRESHOLD}"
        )));
    }
    vm.rt
        .int_max_str_digits
        .store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

/// `sys.int_info.str_digits_check_threshold`: the smallest non-zero limit
/// (below it, conversions are cheap whatever the size).
const STR_DIGITS_CHECK_THRESHOLD: i64 = 640;

/// `sys.getswitchinterval()`.
fn getswitchinterval(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getswitchinterval", 0, 0)?;
    // CPython keeps whole microseconds: 0.0001 reads back as 1e-6 * 100.
    Ok(Value::Float(
        vm.rt.gil.switch_interval().as_micros() as f64 * 1e-6,
    ))
}

/// `sys.setswitchinterval(seconds)`.
fn setswitchinterval(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("setswitchinterval", 1, 1)?;
    let s = float_arg(vm, &args.positional()[0])?;
    if s <= 0.0 || s.is_nan() {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "switch interval must be strictly positive",
        ));
    }
    let micros = ((1e6 * s) as u64).max(1);
    vm.rt.gil.set_switch_interval(Duration::from_micros(micros));
    Ok(Value::None)
}

/// `sys.intern(s)`.
fn sys_intern(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("intern", 1, 1)?;
    match &args.positional()[0] {
        Value::Str(s) => Ok(Value::Str(intern(s.as_str()))),
        other => Err(PyErr::type_error(format!(
            "intern() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

/// A frame as `sys._getframe` shows it: a snapshot.
pub struct FrameSnapshot {
    /// The frame's code.
    code: Arc<Code>,
    /// The line it was at.
    line: u32,
    /// Its module's globals.
    globals: Arc<Globals>,
    /// The caller's snapshot (`f_back`).
    back: Value,
}

/// The `frame` class of the snapshots.
pub static FRAME: NativeClass = NativeClass::new(
    "frame",
    "builtins",
    &[
        NativeSpec::getter("f_back", frame_back),
        NativeSpec::getter("f_lineno", frame_lineno),
        NativeSpec::getter("f_code", frame_code),
        NativeSpec::getter("f_globals", frame_globals),
    ],
);

/// A code object as a frame snapshot shows it.
pub struct CodeInfo {
    /// The code.
    code: Arc<Code>,
}

/// The `code` class (read-only attributes).
pub static CODE: NativeClass = NativeClass::new(
    "code",
    "builtins",
    &[
        NativeSpec::getter("co_filename", code_filename),
        NativeSpec::getter("co_name", code_name),
        NativeSpec::getter("co_qualname", code_qualname),
        NativeSpec::getter("co_firstlineno", code_firstlineno),
    ],
);

fn frame_of<'a>(args: &Args<'a>) -> PyResult<&'a FrameSnapshot> {
    args.native_self::<FrameSnapshot>(&FRAME, "frame")
}

fn frame_back(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(frame_of(&args)?.back.clone())
}

fn frame_lineno(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(frame_of(&args)?.line as i64))
}

fn frame_code(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let code = frame_of(&args)?.code.clone();
    Ok(CODE.instance(CodeInfo { code }))
}

fn frame_globals(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let f = frame_of(&args)?;
    let d = crate::object::dict::Dict::new();
    for (k, v) in f.globals.items() {
        d.set_str(k, v);
    }
    Ok(Value::Dict(Arc::new(d)))
}

fn code_of<'a>(args: &Args<'a>) -> PyResult<&'a Code> {
    Ok(&args.native_self::<CodeInfo>(&CODE, "code")?.code)
}

fn code_filename(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::str(&code_of(&args)?.filename))
}

fn code_name(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Str(code_of(&args)?.name.clone()))
}

fn code_qualname(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Str(code_of(&args)?.qualname.clone()))
}

fn code_firstlineno(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(code_of(&args)?.first_line as i64))
}

/// `sys._getframe(depth=0)`.
fn getframe(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("_getframe", 0, 1)?;
    let depth = match args.positional().first() {
        Some(d) => index_arg(vm, d)?,
        None => 0,
    };
    let n = vm.frames.len();
    if depth < 0 || depth as usize >= n {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "call stack is not deep enough",
        ));
    }
    let top = n - depth as usize;
    let mut back = Value::None;
    for f in vm.frames.iter().take(top) {
        back = FRAME.instance(FrameSnapshot {
            code: f.code.clone(),
            line: f.line(),
            globals: f.globals.clone(),
            back,
        });
    }
    Ok(back)
}

/// Constants, streams and the live `modules` dict.
fn init(vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    let rt = vm.rt.clone();
    m.add(
        "argv",
        Value::list(rt.argv.iter().map(|a| Value::str(a)).collect()),
    );
    m.add("modules", Value::Dict(rt.modules.clone()));
    m.add("path", Value::list(Vec::new()));
    m.add("maxsize", Value::Int(i64::MAX));
    m.add("byteorder", Value::str("little"));
    m.add("platform", Value::str("linux"));
    m.add("version", Value::str("3.11.0 (MiniPy)"));
    m.add(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    m.add("executable", Value::str(""));
    let stdout = TEXT_STREAM.instance(Stream::Out);
    let stderr = TEXT_STREAM.instance(Stream::Err);
    m.add("stdout", stdout.clone());
    m.add("stderr", stderr.clone());
    m.add("__stdout__", stdout);
    m.add("__stderr__", stderr);
    let hook = m.dict.get_str(&intern("excepthook")).unwrap_or(Value::None);
    m.add("__excepthook__", hook);
    Ok(())
}

/// The `sys` module.
pub static MODULE: NativeModule = NativeModule {
    name: "sys",
    functions: &[
        NativeSpec::function("exit", exit),
        NativeSpec::function("exc_info", exc_info),
        NativeSpec::function("exception", exception),
        NativeSpec::function("excepthook", excepthook),
        NativeSpec::function("getrecursionlimit", getrecursionlimit),
        NativeSpec::function("setrecursionlimit", setrecursionlimit),
        NativeSpec::function("get_int_max_str_digits", get_int_max_str_digits),
        NativeSpec::function("set_int_max_str_digits", set_int_max_str_digits),
        NativeSpec::function("getswitchinterval", getswitchinterval),
        NativeSpec::function("setswitchinterval", setswitchinterval),
        NativeSpec::function("intern", sys_intern),
        NativeSpec::function("_getframe", getframe),
    ],
    classes: &[],
    init: Some(init),
};
