//! # `unicodedata`: character names, both ways
//!
//! ```text
//!   unicodedata.lookup("em dash")      → '—'      (what "\N{em dash}" means)
//!   unicodedata.name("—")              → 'EM DASH'
//!   unicodedata.name("\x00", None)     → None     (controls have no name)
//!   unicodedata.unidata_version        → '14.0.0'
//! ```
//!
//! Both read the lexer's Unicode name table (`lexer/unicode_names/`), the
//! one `"\N{...}"` escapes resolve with, so a name the lexer accepts is one
//! `lookup` accepts. Only these three names exist: CPython's other
//! functions (`category`, `normalize`, ...) need the rest of the Unicode
//! database, and reaching for one says it is outside MiniPy.
//!
//! Simplification: CPython's `lookup` also returns the *named sequences*
//! (`lookup("LATIN CAPITAL LETTER A WITH MACRON AND GRAVE")` is two
//! characters); MiniPy's table has no sequences (`\N{}` refuses them), so
//! here they are unknown names (`KeyError`).
//!
//! Python equivalent: `unicodedata_lookup_impl` and `unicodedata_name_impl`
//! in `Modules/unicodedata.c`.

use crate::lexer::unicode_names;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, ModuleInit, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;

/// CPython's `NAME_MAXLEN`: a longer name is "name too long", not unknown.
const NAME_MAXLEN: usize = 256;

fn lookup(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("lookup", 1, 1)?;
    let name = match &args.positional()[0] {
        Value::Str(s) => s.as_str().to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
        other => {
            return Err(PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            )))
        }
    };
    if name.len() > NAME_MAXLEN {
        return Err(PyErr::from_args(
            ExcKind::KeyError,
            vec![Value::str("name too long")],
        ));
    }
    match unicode_names::lookup(&name) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::from_args(
            ExcKind::KeyError,
            vec![Value::string(format!("undefined character name '{name}'"))],
        )),
    }
}

fn name(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [chr, default] = args.bind("name", ["chr", "default"], 1)?;
    let one_char = match chr {
        Some(Value::Str(s)) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        }
        _ => None,
    };
    let Some(c) = one_char else {
        return Err(PyErr::type_error(format!(
            "name() argument 1 must be a unicode character, not {}",
            chr.map_or("NoneType", |v| v.type_name())
        )));
    };
    match (unicode_names::name_of(c), default) {
        (Some(name), _) => Ok(Value::string(name)),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(PyErr::new(ExcKind::ValueError, "no such name")),
    }
}

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    m.add(
        "unidata_version",
        Value::str(unicode_names::UNIDATA_VERSION),
    );
    Ok(())
}

/// The `unicodedata` module.
pub static MODULE: NativeModule = NativeModule {
    name: "unicodedata",
    functions: &[
        NativeSpec::function("lookup", lookup),
        NativeSpec::function("name", name),
    ],
    classes: &[],
    init: Some(init),
};
