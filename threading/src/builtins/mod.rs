//! # Built-ins: the `builtins` module and the methods of the built-in types
//!
//! ```text
//!   functions/        print, len, repr, isinstance, getattr, sorted, min, ...
//!   object_type.rs    object, type, property, staticmethod, classmethod,
//!                     super, BaseException
//!   numbers.rs        int, bool, float        str_methods/     str
//!   number_dunders.rs int's and float's special methods ((7).__add__(3))
//!   list_methods.rs   list, tuple (+ the containers' special methods)
//!   dict_methods.rs   dict and its views      set_methods.rs   set, frozenset
//!   bytes_methods.rs  bytes, bytearray        iter_types.rs    range, slice,
//!                                             iterators, generators, coroutines
//!   bytearray_methods.rs  bytearray's mutators (append, insert, pop, ...)
//!   generic_alias.rs  list[int], dict[str, int]: types.GenericAlias
//! ```
//!
//! Every function here is a `NativeSpec` (see `vm/native.rs`); the tables
//! are listed in the one dispatch table, `src/registry.rs`. This module
//! never imports `modules/` (its sibling), and nothing here keeps state of
//! its own.
//!
//! Python equivalent: `Python/bltinmodule.c` and `Objects/*.c`.

pub mod builtin_reprs;
pub mod bytearray_methods;
pub mod bytes_methods;
pub mod dict_methods;
pub mod functions;
pub mod generic_alias;
pub mod iter_types;
pub mod list_methods;
pub mod number_dunders;
pub mod numbers;
pub mod object_type;
pub mod set_methods;
pub mod str_methods;

use crate::object::value::Flag;
use crate::object::{PyResult, Value};
use crate::vm::native::{ModuleInit, NativeModule};
use crate::vm::ThreadCtx;

/// Adds the classes and constants of `builtins`.
fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    for (name, t) in crate::vm::import::builtin_type_values() {
        m.add(name, t);
    }
    m.add("None", Value::None);
    m.add("True", Value::Bool(Flag(true)));
    m.add("False", Value::Bool(Flag(false)));
    m.add("NotImplemented", Value::NotImplemented);
    m.add("Ellipsis", Value::Ellipsis);
    m.add("__build_class__", crate::vm::import::build_class_function());
    // CPython's aliases of OSError.
    let os_error = crate::object::builtin_types::types()
        .exc(crate::object::ExcKind::OSError)
        .clone();
    m.add("IOError", Value::Type(os_error.clone()));
    m.add("EnvironmentError", Value::Type(os_error));
    Ok(())
}

/// The `builtins` module.
pub static MODULE: NativeModule = NativeModule {
    name: "builtins",
    functions: functions::FUNCTIONS,
    classes: &[],
    init: Some(init),
};
