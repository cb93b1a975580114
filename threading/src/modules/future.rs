//! # `__future__`: the feature names a program may import
//!
//! `from __future__ import annotations` changes how the compiler treats
//! annotations (it looks for the import itself, `compiler/mod.rs`); every
//! other feature is already on in Python 3. The module only has to exist
//! and name them.
//!
//! Simplification: each feature is its compiler flag as an int, not a
//! `_Feature` object.
//!
//! Python equivalent: `Lib/__future__.py`.

use crate::object::{PyResult, Value};
use crate::vm::native::{ModuleInit, NativeModule};
use crate::vm::ThreadCtx;

/// The features and CPython's compiler flags for them.
const FEATURES: [(&str, i64); 10] = [
    ("nested_scopes", 0x0010),
    ("generators", 0),
    ("division", 0x20000),
    ("absolute_import", 0x40000),
    ("with_statement", 0x80000),
    ("print_function", 0x100000),
    ("unicode_literals", 0x200000),
    ("barry_as_FLUFL", 0x400000),
    ("generator_stop", 0x800000),
    ("annotations", 0x1000000),
];

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    let mut all = Vec::new();
    for (name, flag) in FEATURES {
        m.add(name, Value::Int(flag));
        all.push(Value::str(name));
    }
    m.add("all_feature_names", Value::list(all));
    Ok(())
}

/// The `__future__` module.
pub static MODULE: NativeModule = NativeModule {
    name: "__future__",
    functions: &[],
    classes: &[],
    init: Some(init),
};
