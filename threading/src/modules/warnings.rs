//! # `_warnings`: `warn()` with CPython's default filters
//!
//! ```text
//!   _warnings.warn(message, category=UserWarning, stacklevel=1)
//!     frame  = the caller `stacklevel` Python frames up (1: warn's caller)
//!     action = the first default filter that matches (category, module):
//!                default::DeprecationWarning:__main__   ─▶ "default"
//!                ignore::DeprecationWarning             ─▶ "ignore"
//!                ignore::PendingDeprecationWarning, ImportWarning,
//!                ResourceWarning                        ─▶ "ignore"
//!                anything else                          ─▶ "default"
//!     "default": shown once per (text, category, line) of that module —
//!                the key goes into the module's `__warningregistry__`
//!     shown as   FILE:LINE: Category: text\n  <source line, stripped>\n
//!                on sys.stderr
//! ```
//!
//! This is what makes `Thread.getName()` print CPython's
//! `DeprecationWarning` when a program's own code calls it, and stay
//! silent when a library module does: `threading.py` calls `warn` with
//! `stacklevel=3`, so the frame judged is the caller of the deprecated
//! method.
//!
//! Simplifications: the filters are fixed (no `warnings.filterwarnings`,
//! `-W` or `PYTHONWARNINGS`; MiniPy has no `warnings` module), the
//! registry is not reset by filter changes (there are none), and the
//! warning is written with `sys.stderr.write` as CPython's
//! `_showwarnmsg_impl` does, without `warnings.showwarning` hooks.
//!
//! Python equivalent: `Python/_warnings.c` (`warn_explicit`,
//! `setup_context`, `init_filters`), `Lib/warnings.py` (`formatwarning`).

use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::module::Globals;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::types::Type;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;

/// What a filter says to do with a warning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Show it once per location (module, text, category, line).
    Default,
    /// Do not show it.
    Ignore,
}

/// Warning categories CPython's default filters ignore everywhere (by
/// class name: MiniPy defines only some of them as built-ins).
const IGNORED_CATEGORIES: &[&str] = &[
    "PendingDeprecationWarning",
    "ImportWarning",
    "ResourceWarning",
];

/// The first of CPython 3.11's default filters that matches.
fn default_action(category: &Arc<Type>, module: &str) -> Action {
    let deprecation = types().exc(ExcKind::DeprecationWarning);
    if category.is_subtype(deprecation) {
        // `default::DeprecationWarning:__main__`, then
        // `ignore::DeprecationWarning`.
        return if module == "__main__" {
            Action::Default
        } else {
            Action::Ignore
        };
    }
    let ignored = std::iter::once(category)
        .chain(category.mro.iter())
        .any(|t| IGNORED_CATEGORIES.contains(&t.name.as_str()));
    if ignored {
        Action::Ignore
    } else {
        Action::Default
    }
}

/// Where a warning is attributed: the frame `stacklevel` up.
struct Site {
    /// `co_filename` of that frame.
    filename: String,
    /// Its current line.
    line: u32,
    /// That line's source text, if known.
    source: Option<String>,
    /// Its module's globals (`__name__`, `__warningregistry__`).
    globals: Option<Arc<Globals>>,
}

/// The frame `stacklevel` Python frames above `warn` (1: its caller). Too
/// far up is CPython's `sys:1` with module `sys`.
fn site(vm: &ThreadCtx, stacklevel: i64) -> Site {
    let n = vm.frames.len() as i64;
    let up = stacklevel.max(1);
    if up > n {
        return Site {
            filename: "sys".to_string(),
            line: 1,
            source: None,
            globals: None,
        };
    }
    let f = &vm.frames[(n - up) as usize];
    let line = f.line();
    Site {
        filename: f.code.filename.to_string(),
        line,
        source: f.code.source.line(line).map(str::to_string),
        globals: Some(f.globals.clone()),
    }
}

/// `_warnings.warn(message, category=None, stacklevel=1, source=None)`.
fn warn(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [message, category, stacklevel, _source] =
        args.bind("warn", ["message", "category", "stacklevel", "source"], 1)?;
    let message = message.cloned().unwrap_or(Value::None);
    let stacklevel = match stacklevel {
        Some(s) => index_arg(vm, s)?,
        None => 1,
    };
    let warning_base = types().exc(ExcKind::Warning).clone();
    // A Warning instance carries its own category; else the category
    // argument (UserWarning by default), which must be a Warning subclass.
    let category = match &message {
        Value::Instance(i) if i.class.is_subtype(&warning_base) => i.class.clone(),
        _ => match category {
            None | Some(Value::None) => types().exc(ExcKind::UserWarning).clone(),
            Some(Value::Type(t)) if t.is_subtype(&warning_base) => t.clone(),
            Some(other) => {
                // CPython names the argument's type (`int` is a 'type').
                return Err(PyErr::type_error(format!(
                    "category must be a Warning subclass, not '{}'",
                    other.type_name()
                )));
            }
        },
    };
    let text = vm.str(&message)?;
    let site = site(vm, stacklevel);
    let module = match &site.globals {
        Some(g) => match g.get("__name__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => "<string>".to_string(),
        },
        None => "sys".to_string(),
    };
    if default_action(&category, &module) == Action::Ignore {
        return Ok(Value::None);
    }
    if !first_time(vm, &site, &text, &category) {
        return Ok(Value::None);
    }
    let mut shown = format!(
        "{}:{}: {}: {}\n",
        site.filename,
        site.line,
        category.name.as_str(),
        text
    );
    if let Some(line) = site.source.as_deref().map(str::trim) {
        if !line.is_empty() {
            shown.push_str(&format!("  {line}\n"));
        }
    }
    write_stderr(vm, &shown)?;
    Ok(Value::None)
}

/// The "default" action's memory: whether (text, category, line) is new
/// in the module's `__warningregistry__` (created on first use, as
/// CPython's `setup_context` does), recording it if so.
fn first_time(vm: &mut ThreadCtx, site: &Site, text: &str, category: &Arc<Type>) -> bool {
    let Some(globals) = &site.globals else {
        return true;
    };
    let registry = match globals.get("__warningregistry__") {
        Some(Value::Dict(d)) => d,
        _ => {
            let d = Arc::new(Dict::new());
            globals.set(intern("__warningregistry__"), Value::Dict(d.clone()));
            d
        }
    };
    let key = Value::tuple(vec![
        Value::str(text),
        Value::Type(category.clone()),
        Value::Int(site.line as i64),
    ]);
    match vm.get_item(&Value::Dict(registry.clone()), &key) {
        Ok(_) => false,
        Err(_) => {
            let _ = vm.set_item(&Value::Dict(registry), &key, Value::Bool(Flag(true)));
            true
        }
    }
}

/// Writes through `sys.stderr.write` (a program may have replaced it),
/// falling back to the process's stderr.
fn write_stderr(vm: &mut ThreadCtx, text: &str) -> PyResult<()> {
    let stderr = vm
        .import_module("sys")
        .and_then(|sys| vm.get_attr(&sys, &intern("stderr")));
    match stderr {
        Ok(Value::None) => Ok(()),
        Ok(stream) => {
            let write = vm.get_attr(&stream, &intern("write"))?;
            vm.call(&write, &[Value::str(text)])?;
            Ok(())
        }
        Err(_) => {
            vm.rt.err.write(text);
            Ok(())
        }
    }
}

/// The `_warnings` module.
pub static MODULE: NativeModule = NativeModule {
    name: "_warnings",
    functions: &[NativeSpec::function("warn", warn)],
    classes: &[],
    init: None,
};
