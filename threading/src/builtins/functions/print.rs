//! `print(*objects, sep=' ', end='\n', file=sys.stdout, flush=False)`.
//!
//! `print` writes piece by piece, as CPython's does: each object's `str`,
//! then `sep` or `end`, each one `file.write(piece)` call (with no `file=`:
//! the program's replacement of `sys.stdout` if it made one, else one
//! write to MiniPy's own stdout; `sys.stdout = None` writes nothing), then
//! `flush()` if asked. A write may release the GIL, which is why two
//! threads printing at once can interleave their pieces, as they do under
//! CPython.
//!
//! Python equivalent: `builtin_print` in `Python/bltinmodule.c`.
//!
//! Needs: nothing of its siblings.

use crate::object::str::intern;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

pub(super) fn print(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file: Option<Value> = None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        let text = |v: &Value, what: &str| -> PyResult<Option<String>> {
            match v {
                Value::None => Ok(None),
                Value::Str(s) => Ok(Some(s.as_str().to_string())),
                o => Err(PyErr::type_error(format!(
                    "{what} must be None or a string, not {}",
                    o.type_name()
                ))),
            }
        };
        match k.as_str() {
            "sep" => {
                if let Some(s) = text(v, "sep")? {
                    sep = s;
                }
            }
            "end" => {
                if let Some(s) = text(v, "end")? {
                    end = s;
                }
            }
            "file" => {
                if !matches!(v, Value::None) {
                    file = Some(v.clone());
                }
            }
            "flush" => flush = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    // CPython's print: one `file.write` per piece (each argument's str,
    // the separators, then `end`), then `flush()` if asked. Unbuffered,
    // every piece is a system call that releases the GIL.
    // No `file=`: `sys.stdout`, which a program may have replaced.
    let file = file.or_else(|| crate::vm::stdio::replaced_stdout(vm));
    if matches!(file, Some(Value::None)) {
        // `sys.stdout = None`: CPython's print writes nothing.
        return Ok(Value::None);
    }
    let rt = vm.rt.clone();
    let write = match &file {
        None => None,
        Some(f) => Some(vm.get_attr(f, &intern("write"))?),
    };
    let count = args.positional().len();
    for (i, a) in args.positional().iter().enumerate() {
        let piece = vm.str(a)?;
        print_piece(vm, &rt, write.as_ref(), piece)?;
        if i + 1 < count {
            print_piece(vm, &rt, write.as_ref(), sep.clone())?;
        }
    }
    print_piece(vm, &rt, write.as_ref(), end)?;
    if flush {
        match &file {
            None => rt.out.flush_gil(vm)?,
            Some(f) => {
                if let Some(fl) = vm.get_attr_opt(f, &intern("flush"))? {
                    vm.call(&fl, &[])?;
                }
            }
        }
    }
    Ok(Value::None)
}

/// One `file.write(piece)` of `print`: `sys.stdout` directly, or the
/// `write` method of `file=`.
fn print_piece(
    vm: &mut ThreadCtx,
    rt: &crate::vm::Runtime,
    write: Option<&Value>,
    piece: String,
) -> PyResult<()> {
    match write {
        None => rt.out.write_gil(vm, &piece),
        Some(w) => vm.call(w, &[Value::string(piece)]).map(drop),
    }
}
