//! The built-in types' own `__repr__`s, as attributes: `list.__repr__`,
//! `int.__repr__`, ... — what `super().__repr__()` in a `list` subclass
//! and an explicit `dict.__repr__(d)` find.
//!
//! ```text
//!   class L(list):
//!       def __repr__(self): return "L" + super().__repr__()
//!   repr(L([1]))        ─▶ super() finds list.__repr__ (this file)
//!                       ─▶ the list payload's repr: 'L[1]'
//!   list.__repr__((1,)) ─▶ TypeError: descriptor '__repr__' requires a
//!                          'list' object but received a 'tuple'
//! ```
//!
//! `repr(x)` itself never comes here: the VM formats built-in values
//! directly (`vm/repr/`), and an instance whose class inherits one of
//! these is printed from its payload without a call. Without these
//! entries the lookup went on up the MRO to `object.__repr__`, and
//! `super().__repr__()` printed `<__main__.L object at 0x...>`.
//!
//! Python equivalent: the types' `tp_repr` slots (`list_repr`,
//! `dict_repr`, `long_to_decimal_string`, ...) exposed as slot wrappers.
//! Needs `vm/repr/` (the formatting itself).

use crate::object::builtin_types::types;
use crate::object::types::Type;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;

/// `owner.__repr__(v)`: `v` must be an `owner` (or of a subclass); an
/// instance of a container subclass is printed from its payload.
fn repr_as(vm: &mut ThreadCtx, args: Args, owner: &Type) -> PyResult {
    args.arity("__repr__", 1, 1)?;
    let v = &args.positional()[0];
    let class = v.class();
    if !class.is_subtype(owner) {
        return Err(PyErr::type_error(format!(
            "descriptor '__repr__' requires a '{}' object but received a '{}'",
            owner.name.as_str(),
            class.name.as_str()
        )));
    }
    let text = match v {
        Value::Instance(_) => crate::vm::repr::payload_repr(vm, v)?,
        // `int.__repr__(True)` is the int's digits; `bool`'s own is below.
        Value::Bool(b) if std::ptr::eq(owner, &*types().int) => Some(u8::from(b.0).to_string()),
        _ => None,
    };
    match text {
        Some(t) => Ok(Value::string(t)),
        None => Ok(Value::string(vm.repr(v)?)),
    }
}

/// One `__repr__` entry per type: a native cannot tell which type's
/// namespace it was found in, so each type gets its own function.
macro_rules! reprs {
    ($($table:ident, $func:ident, $field:ident;)*) => {$(
        fn $func(vm: &mut ThreadCtx, args: Args) -> PyResult {
            repr_as(vm, args, &types().$field)
        }
        #[doc = concat!("`", stringify!($field), ".__repr__`.")]
        pub static $table: &[NativeSpec] = &[NativeSpec::method("__repr__", $func)];
    )*};
}

reprs! {
    LIST_REPR, list_repr, list;
    TUPLE_REPR, tuple_repr, tuple;
    DICT_REPR, dict_repr, dict;
    SET_REPR, set_repr, set;
    FROZENSET_REPR, frozenset_repr, frozenset;
    INT_REPR, int_repr, int;
    BOOL_REPR, bool_repr, bool_;
    FLOAT_REPR, float_repr, float;
    STR_REPR, str_repr, str_;
    BYTES_REPR, bytes_repr, bytes;
    BYTEARRAY_REPR, bytearray_repr, bytearray;
}
