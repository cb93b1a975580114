//! `str` case mapping and character tests: `upper`, `lower`, `casefold`,
//! `swapcase`, `capitalize`, `title`, and the `is*` predicates (`isdigit`,
//! `isalpha`, `isspace`, `isidentifier`, `istitle`, `isprintable`, ...).
//!
//! Each works on code points. `isprintable` reads CPython's own table
//! (`object/printable.rs`, shared with `repr`). Simplification: for the
//! rest, Rust's Unicode classes (`char::is_alphabetic`, `to_uppercase`,
//! ...) stand in for CPython's tables, and `isdigit` / `isdecimal` accept
//! ASCII digits only.
//!
//! Python equivalent: `unicode_upper`, `unicode_isdigit`, ... in
//! `Objects/unicodeobject.c`; `Objects/unicodectype.c`.
//!
//! Needs: the parent `mod.rs` (the receiver helper `me`, `text`) and
//! `object/printable.rs`.

use super::{me, text};
use crate::object::value::Flag;
use crate::object::{PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

pub(super) fn upper(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    text(me(&args, "upper")?.to_uppercase())
}

pub(super) fn lower(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    text(me(&args, "lower")?.to_lowercase())
}

pub(super) fn casefold(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    // Full case folding differs from lowercasing mainly for the sharp s.
    text(
        me(&args, "casefold")?
            .to_lowercase()
            .replace('ß', "ss")
            .replace('ς', "σ"),
    )
}

pub(super) fn swapcase(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "swapcase")?;
    text(
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect(),
    )
}

pub(super) fn capitalize(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "capitalize")?;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    text(out)
}

pub(super) fn title(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "title")?;
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    text(out)
}

fn predicate(args: Args, name: &str, f: fn(&str) -> bool) -> PyResult {
    let s = me(&args, name)?;
    Ok(Value::Bool(Flag(f(s.as_str()))))
}

pub(super) fn isdigit(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isdigit", |s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    })
}

pub(super) fn isdecimal(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isdecimal", |s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    })
}

pub(super) fn isnumeric(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isnumeric", |s| {
        !s.is_empty() && s.chars().all(char::is_numeric)
    })
}

pub(super) fn isalpha(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

pub(super) fn isalnum(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

pub(super) fn isspace(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isspace", |s| {
        !s.is_empty() && s.chars().all(char::is_whitespace)
    })
}

pub(super) fn isupper(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

pub(super) fn islower(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

pub(super) fn isascii(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isascii", |s| s.is_ascii())
}

pub(super) fn isidentifier(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isidentifier", |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
            _ => false,
        }
    })
}

pub(super) fn istitle(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "istitle", |s| {
        let mut prev_cased = false;
        let mut any = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

pub(super) fn isprintable(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isprintable", |s| {
        s.chars().all(crate::object::printable::is_printable)
    })
}
