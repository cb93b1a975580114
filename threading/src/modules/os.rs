//! # `os`: the few process facts a threading program asks for
//!
//! ```text
//!   os.getpid()   os.cpu_count()   os.environ (a dict snapshot)   os.getenv(k, d)
//!   os.urandom(n)   os.name   os.sep   os.linesep
//! ```
//!
//! Simplification: `os.environ` is a plain dict copied from the process
//! environment at import; writing to it does not change the environment
//! of the process (MiniPy starts no subprocesses).
//!
//! Python equivalent: `Modules/posixmodule.c`, `Lib/os.py`.

use crate::object::bytes::Bytes;
use crate::object::dict::Dict;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, ModuleInit, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use std::io::Read;

fn getpid(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getpid", 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn cpu_count(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("cpu_count", 0, 0)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn getenv(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [key, default] = args.bind("getenv", ["key", "default"], 1)?;
    let Some(Value::Str(k)) = key else {
        return Err(PyErr::type_error(
            "str expected, not ".to_string() + key.map_or("None", |k| k.type_name()),
        ));
    };
    Ok(match std::env::var(k.as_str()) {
        Ok(v) => Value::string(v),
        Err(_) => default.cloned().unwrap_or(Value::None),
    })
}

fn urandom(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("urandom", 1, 1)?;
    let n = index_arg(vm, &args.positional()[0])?;
    if n < 0 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "negative argument not allowed",
        ));
    }
    let mut buf = vec![0u8; n as usize];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    Ok(Value::Bytes(Arc::new(Bytes::new(buf))))
}

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    let env = Dict::new();
    for (k, v) in std::env::vars() {
        env.set_str(intern(&k), Value::string(v));
    }
    m.add("environ", Value::Dict(Arc::new(env)));
    m.add("name", Value::str("posix"));
    m.add("sep", Value::str("/"));
    m.add("linesep", Value::str("\n"));
    m.add("devnull", Value::str("/dev/null"));
    Ok(())
}

/// The `os` module.
pub static MODULE: NativeModule = NativeModule {
    name: "os",
    functions: &[
        NativeSpec::function("getpid", getpid),
        NativeSpec::function("cpu_count", cpu_count),
        NativeSpec::function("getenv", getenv),
        NativeSpec::function("urandom", urandom),
    ],
    classes: &[],
    init: Some(init),
};
