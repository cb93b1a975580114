//! `str`: its constructor and methods (`split`, `join`, `strip`,
//! `replace`, `find`, `format`, `startswith`, `center`, `zfill`, ...).
//!
//! Methods work on code points: indexes and counts agree with CPython for
//! any text (`'héllo'.find('l') == 2`), with an ASCII fast path where the
//! byte index is the code-point index.
//!
//! Python equivalent: `Objects/unicodeobject.c`, `Objects/stringlib/`.
//!
//! This file holds the method table, the constructor `str(x)` and the
//! receiver helpers every method uses; the methods sit one mechanism a
//! file:
//!
//! | file | holds |
//! |---|---|
//! | `case.rs` | case mapping, the `is*` tests |
//! | `split.rs` | `strip`, `split`, `splitlines`, `join`, `partition` |
//! | `search.rs` | `find`, `index`, `count`, `replace`, `startswith`, `removeprefix` |
//! | `layout.rs` | `center`, `ljust`, `rjust`, `zfill`, `expandtabs` |
//! | `convert.rs` | `encode`, `format`, `format_map`, `maketrans`, `translate` |

mod case;
mod convert;
mod layout;
mod search;
mod split;

use case::{
    capitalize, casefold, isalnum, isalpha, isascii, isdecimal, isdigit, isidentifier, islower,
    isnumeric, isprintable, isspace, istitle, isupper, lower, swapcase, title, upper,
};
use convert::{encode, format, format_map, maketrans, str_dunder_format, translate};
use layout::{center, expandtabs, ljust, rjust, zfill};
use search::{
    count, endswith, find, index, removeprefix, removesuffix, replace, rfind, rindex, startswith,
};
use split::{join, lstrip, partition, rpartition, rsplit, rstrip, split, splitlines, strip};

use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;

/// The receiver of a `str` method.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a PyStr> {
    match args.positional().first() {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(crate::vm::native::wrong_self(method, "str", other)),
        None => Err(PyErr::type_error(format!(
            "unbound method str.{method}() needs an argument"
        ))),
    }
}

/// A `str` argument of a method.
fn str_param<'a>(v: &'a Value, method: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "{method}() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

fn str_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    if let Some(Value::Type(t)) = cls {
        if !Arc::ptr_eq(t, &crate::object::builtin_types::types().str_) {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                format!("subclassing str ({}) is outside MiniPy", t.name.as_str()),
            ));
        }
    }
    let [obj, encoding, _errors] = rest.bind("str", ["object", "encoding", "errors"], 0)?;
    match (obj, encoding) {
        (None, _) => Ok(Value::str("")),
        (Some(v), None) => Ok(Value::string(vm.str(v)?)),
        (Some(v), Some(_)) => match crate::vm::ops::bytes_of(v) {
            Some(b) => match String::from_utf8(b) {
                Ok(s) => Ok(Value::string(s)),
                Err(_) => Err(PyErr::new(
                    ExcKind::UnicodeDecodeError,
                    "'utf-8' codec can't decode bytes",
                )),
            },
            None => Err(PyErr::type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                v.type_name()
            ))),
        },
    }
}

fn text(s: String) -> PyResult {
    Ok(Value::string(s))
}

/// `str`'s methods.
pub static STR_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", str_new),
    NativeSpec::method("upper", upper),
    NativeSpec::method("lower", lower),
    NativeSpec::method("casefold", casefold),
    NativeSpec::method("swapcase", swapcase),
    NativeSpec::method("capitalize", capitalize),
    NativeSpec::method("title", title),
    NativeSpec::method("strip", strip),
    NativeSpec::method("lstrip", lstrip),
    NativeSpec::method("rstrip", rstrip),
    NativeSpec::method("split", split),
    NativeSpec::method("rsplit", rsplit),
    NativeSpec::method("splitlines", splitlines),
    NativeSpec::method("join", join),
    NativeSpec::method("replace", replace),
    NativeSpec::method("find", find),
    NativeSpec::method("rfind", rfind),
    NativeSpec::method("index", index),
    NativeSpec::method("rindex", rindex),
    NativeSpec::method("count", count),
    NativeSpec::method("startswith", startswith),
    NativeSpec::method("endswith", endswith),
    NativeSpec::method("removeprefix", removeprefix),
    NativeSpec::method("removesuffix", removesuffix),
    NativeSpec::method("isdigit", isdigit),
    NativeSpec::method("isdecimal", isdecimal),
    NativeSpec::method("isnumeric", isnumeric),
    NativeSpec::method("isalpha", isalpha),
    NativeSpec::method("isalnum", isalnum),
    NativeSpec::method("isspace", isspace),
    NativeSpec::method("isupper", isupper),
    NativeSpec::method("islower", islower),
    NativeSpec::method("isascii", isascii),
    NativeSpec::method("isidentifier", isidentifier),
    NativeSpec::method("istitle", istitle),
    NativeSpec::method("isprintable", isprintable),
    NativeSpec::method("center", center),
    NativeSpec::method("ljust", ljust),
    NativeSpec::method("rjust", rjust),
    NativeSpec::method("zfill", zfill),
    NativeSpec::method("partition", partition),
    NativeSpec::method("rpartition", rpartition),
    NativeSpec::method("expandtabs", expandtabs),
    NativeSpec::method("encode", encode),
    NativeSpec::method("format", format),
    NativeSpec::method("format_map", format_map),
    NativeSpec::method("__format__", str_dunder_format),
    NativeSpec::staticmethod("maketrans", maketrans),
    NativeSpec::method("translate", translate),
];
