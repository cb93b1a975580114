//! Laying `str` out in columns: `center`, `ljust`, `rjust` (with a fill
//! character), `zfill` (zeros after the sign), `expandtabs`.
//!
//! Widths count code points, as CPython's do.
//!
//! Python equivalent: `pad`, `unicode_center_impl`, `unicode_zfill_impl`,
//! `unicode_expandtabs_impl` in `Objects/unicodeobject.c`.
//!
//! Needs: the parent `mod.rs` (the receiver helper `me`, `text`).

use super::{me, text};
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

/// The fill character of `center`/`ljust`/`rjust`.
fn fill_char(args: &Args, name: &str) -> PyResult<char> {
    match args.get(2) {
        None => Ok(' '),
        Some(Value::Str(s)) if s.char_count() == 1 => Ok(s.as_str().chars().next().unwrap_or(' ')),
        Some(_) => Err(PyErr::type_error(format!(
            "The fill character must be exactly one character long ({name})"
        ))),
    }
}

fn justify(vm: &mut ThreadCtx, args: Args, name: &str) -> PyResult {
    let s = me(&args, name)?;
    args.arity(name, 2, 3)?;
    let width = index_arg(vm, &args.positional()[1])?;
    let fill = fill_char(&args, name)?;
    let n = s.char_count() as i64;
    if width <= n {
        return Ok(args.positional()[0].clone());
    }
    let pad = (width - n) as usize;
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    let body = s.as_str();
    text(match name {
        "ljust" => format!("{body}{}", f(pad)),
        "rjust" => format!("{}{body}", f(pad)),
        _ => {
            // CPython's center puts the odd space on the right for an
            // even-length string, on the left for an odd one.
            let left = pad / 2 + (pad & width as usize & 1);
            format!("{}{body}{}", f(left), f(pad - left))
        }
    })
}

pub(super) fn center(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "center")
}

pub(super) fn ljust(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "ljust")
}

pub(super) fn rjust(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "rjust")
}

pub(super) fn zfill(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "zfill")?;
    args.arity("zfill", 2, 2)?;
    let width = index_arg(vm, &args.positional()[1])?;
    let n = s.char_count() as i64;
    if width <= n {
        return Ok(args.positional()[0].clone());
    }
    let pad = "0".repeat((width - n) as usize);
    let t = s.as_str();
    text(match t.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{pad}{}", &t[1..]),
        _ => format!("{pad}{t}"),
    })
}

pub(super) fn expandtabs(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "expandtabs")?;
    let tab = match args.get(1).or(args.kw("tabsize")) {
        Some(v) => index_arg(vm, v)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.push_str(&" ".repeat(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    text(out)
}
