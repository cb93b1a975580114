//! The one dispatch table: every native module, every built-in type's
//! methods and every embedded Python module the interpreter offers.
//!
//! ```text
//!   REGISTRY ─┬─ modules:  builtins, _thread, time, sys, ...   (builtins/, modules/)
//!             ├─ types:    int → INT_METHODS, str → STR_METHODS, ...
//!             └─ embedded: threading.py, queue.py, ...         (modules/py/)
//! ```
//!
//! This file sits above both `builtins/` and `modules/` so that they never
//! import each other: the VM gets the table from here (through
//! `interp.rs`) and looks names up in it. To add a native module, write it
//! (see `vm/native.rs`) and list it here.
//!
//! Python equivalent: `Modules/config.c`'s `_PyImport_Inittab` and the
//! frozen-module table.

use crate::builtins::{
    builtin_reprs, bytearray_methods, bytes_methods, dict_methods, generic_alias, iter_types,
    list_methods, number_dunders, numbers, object_type, set_methods, str_methods,
};
use crate::object::builtin_types::types;
use crate::object::exception::ExcKind;
use crate::vm::native::{EmbeddedModule, NativeModule, Registry, TypeMethods};

/// A `TypeMethods` entry for the built-in class `$field`.
macro_rules! methods {
    ($field:ident, $table:expr) => {
        TypeMethods {
            class: || &types().$field,
            methods: $table,
        }
    };
}

/// An entry for an iterator class.
macro_rules! iterator {
    ($name:literal, $table:expr) => {
        TypeMethods {
            class: || types().iterator_type($name),
            methods: $table,
        }
    };
}

/// The native modules.
static MODULES: &[&NativeModule] = &[
    &crate::builtins::MODULE,
    &crate::modules::thread::MODULE,
    &crate::modules::sys::MODULE,
    &crate::modules::time::MODULE,
    &crate::modules::collections::MODULE,
    &crate::modules::itertools::MODULE,
    &crate::modules::traceback::MODULE,
    &crate::modules::warnings::MODULE,
    &crate::modules::math::MODULE,
    &crate::modules::array::MODULE,
    &crate::modules::os::MODULE,
    &crate::modules::random::natives::RANDOM_MODULE,
    &crate::modules::random::natives::SHA512_MODULE,
    &crate::modules::socketmodule::MODULE,
    &crate::modules::unicodedata::MODULE,
];

/// Methods of the built-in types.
static TYPES: &[TypeMethods] = &[
    methods!(object, object_type::OBJECT_METHODS),
    methods!(type_, object_type::TYPE_METHODS),
    methods!(property, object_type::PROPERTY_METHODS),
    methods!(staticmethod, object_type::STATICMETHOD_METHODS),
    methods!(classmethod, object_type::CLASSMETHOD_METHODS),
    methods!(super_, object_type::SUPER_METHODS),
    TypeMethods {
        class: || types().exc(ExcKind::BaseException),
        methods: object_type::EXCEPTION_METHODS,
    },
    methods!(int, numbers::INT_METHODS),
    methods!(int, number_dunders::int::INT_DUNDERS),
    methods!(bool_, numbers::BOOL_METHODS),
    methods!(float, numbers::FLOAT_METHODS),
    methods!(float, number_dunders::float::FLOAT_DUNDERS),
    methods!(str_, list_methods::SEQUENCE_DUNDERS),
    methods!(str_, str_methods::STR_METHODS),
    methods!(bytes, list_methods::SEQUENCE_DUNDERS),
    methods!(bytes, bytes_methods::BYTES_METHODS),
    methods!(bytearray, list_methods::CONTAINER_DUNDERS),
    methods!(bytearray, bytes_methods::BYTEARRAY_METHODS),
    methods!(bytearray, bytearray_methods::BYTEARRAY_MUTATORS),
    methods!(list, list_methods::CONTAINER_DUNDERS),
    methods!(list, list_methods::LIST_METHODS),
    methods!(tuple, list_methods::SEQUENCE_DUNDERS),
    methods!(tuple, list_methods::TUPLE_METHODS),
    methods!(dict, list_methods::CONTAINER_DUNDERS),
    methods!(dict, dict_methods::DICT_METHODS),
    methods!(set, list_methods::SET_DUNDERS),
    methods!(set, set_methods::SET_METHODS),
    methods!(frozenset, list_methods::SET_DUNDERS),
    methods!(frozenset, set_methods::FROZENSET_METHODS),
    methods!(list, builtin_reprs::LIST_REPR),
    methods!(tuple, builtin_reprs::TUPLE_REPR),
    methods!(dict, builtin_reprs::DICT_REPR),
    methods!(set, builtin_reprs::SET_REPR),
    methods!(frozenset, builtin_reprs::FROZENSET_REPR),
    methods!(int, builtin_reprs::INT_REPR),
    methods!(bool_, builtin_reprs::BOOL_REPR),
    methods!(float, builtin_reprs::FLOAT_REPR),
    methods!(str_, builtin_reprs::STR_REPR),
    methods!(bytes, builtin_reprs::BYTES_REPR),
    methods!(bytearray, builtin_reprs::BYTEARRAY_REPR),
    methods!(list, generic_alias::CLASS_GETITEM),
    methods!(dict, generic_alias::CLASS_GETITEM),
    methods!(tuple, generic_alias::CLASS_GETITEM),
    methods!(set, generic_alias::CLASS_GETITEM),
    methods!(frozenset, generic_alias::CLASS_GETITEM),
    methods!(type_, generic_alias::CLASS_GETITEM),
    TypeMethods {
        class: || crate::modules::collections::DEQUE.class(),
        methods: generic_alias::CLASS_GETITEM,
    },
    TypeMethods {
        class: || crate::modules::collections::DEFAULTDICT.class(),
        methods: generic_alias::CLASS_GETITEM,
    },
    methods!(dict_keys, dict_methods::VIEW_METHODS),
    methods!(dict_items, dict_methods::VIEW_METHODS),
    methods!(dict_values, dict_methods::VIEW_METHODS),
    methods!(range, list_methods::SEQUENCE_DUNDERS),
    methods!(range, iter_types::RANGE_METHODS),
    methods!(slice, iter_types::SLICE_METHODS),
    methods!(range_iterator, iter_types::ITERATOR_METHODS),
    methods!(generator, iter_types::GENERATOR_METHODS),
    methods!(coroutine, iter_types::COROUTINE_METHODS),
    methods!(function, iter_types::FUNCTION_METHODS),
    iterator!("list_iterator", iter_types::ITERATOR_METHODS),
    iterator!("list_reverseiterator", iter_types::ITERATOR_METHODS),
    iterator!("tuple_iterator", iter_types::ITERATOR_METHODS),
    iterator!("str_ascii_iterator", iter_types::ITERATOR_METHODS),
    iterator!("str_iterator", iter_types::ITERATOR_METHODS),
    iterator!("bytes_iterator", iter_types::ITERATOR_METHODS),
    iterator!("dict_keyiterator", iter_types::ITERATOR_METHODS),
    iterator!("dict_valueiterator", iter_types::ITERATOR_METHODS),
    iterator!("dict_itemiterator", iter_types::ITERATOR_METHODS),
    iterator!("set_iterator", iter_types::ITERATOR_METHODS),
    iterator!("iterator", iter_types::ITERATOR_METHODS),
    iterator!("callable_iterator", iter_types::ITERATOR_METHODS),
    iterator!("enumerate", iter_types::ITERATOR_METHODS),
    iterator!("enumerate", iter_types::ENUMERATE_METHODS),
    iterator!("zip", iter_types::ITERATOR_METHODS),
    iterator!("zip", iter_types::ZIP_METHODS),
    iterator!("map", iter_types::ITERATOR_METHODS),
    iterator!("map", iter_types::MAP_METHODS),
    iterator!("filter", iter_types::ITERATOR_METHODS),
    iterator!("filter", iter_types::FILTER_METHODS),
    iterator!("reversed", iter_types::ITERATOR_METHODS),
    iterator!("reversed", iter_types::REVERSED_METHODS),
];

/// The embedded Python modules (`modules/py/`, the stdlib engineer's
/// table), by dotted name.
fn embedded(name: &str) -> Option<EmbeddedModule> {
    crate::modules::py::find(name).map(|m| EmbeddedModule {
        name: m.name,
        source: m.source,
        package: m.is_package,
        shown_lines: crate::modules::stdlib_lines::for_module(m.name),
    })
}

/// The interpreter's registry.
pub static REGISTRY: Registry = Registry {
    modules: MODULES,
    types: TYPES,
    embedded,
};
