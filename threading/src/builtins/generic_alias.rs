//! `list[int]`, `dict[str, list[int]]`, `tuple[int, ...]`: subscripting a
//! built-in container type makes a `types.GenericAlias` (PEP 585), what
//! annotations in module and class bodies evaluate to (`items: list[str] =
//! field(default_factory=list)` in a dataclass).
//!
//! ```text
//!   list[int] ─▶ list.__class_getitem__(int) ─▶ GenericAlias { origin: list, args: (int,) }
//!   repr        list[int]            (a type shows its qualname, builtins unqualified)
//!   call        list[int]("ab") ─▶ list("ab")   (keywords passed on)
//!   GenericAlias(Queue, int)      what `__class_getitem__ =
//!                                 classmethod(GenericAlias)` builds
//! ```
//!
//! Pure-Python classes get the same subscript the way CPython's own
//! `queue.py` and `concurrent/futures/_base.py` do it: `__class_getitem__ =
//! classmethod(GenericAlias)`, with `GenericAlias = type(list[int])` (how
//! CPython's `types.py` names it; MiniPy has no `types` module).
//!
//! Simplification: only what annotations and printing them need —
//! `__origin__`, `__args__`, `repr`, calling, `==` and `hash`; no
//! `__parameters__`/TypeVar substitution and no `isinstance` refusal.
//!
//! Python equivalent: `Objects/genericaliasobject.c` (`ga_repr`,
//! `Py_GenericAlias`).

use crate::object::value::Flag;
use crate::object::{PyResult, Value};
use crate::vm::native::{Args, NativeClass, NativeSpec};
use crate::vm::ThreadCtx;

/// What a `GenericAlias` holds.
struct Alias {
    /// The subscripted class (`list` in `list[int]`).
    origin: Value,
    /// The subscript, always a tuple (`(int,)` for `list[int]`).
    args: Value,
}

/// The `types.GenericAlias` class.
pub static GENERIC_ALIAS: NativeClass = NativeClass::new(
    "GenericAlias",
    "types",
    &[
        NativeSpec::staticmethod("__new__", alias_new),
        NativeSpec::method("__repr__", alias_repr),
        NativeSpec::method("__call__", alias_call),
        NativeSpec::method("__eq__", alias_eq),
        NativeSpec::method("__hash__", alias_hash),
        NativeSpec::getter("__origin__", alias_origin),
        NativeSpec::getter("__args__", alias_args),
    ],
);

/// `cls[item]` for the built-in generic classes: `list.__class_getitem__`.
pub fn class_getitem(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__class_getitem__", 2, 2)?;
    Ok(alias(&args.positional()[0], &args.positional()[1]))
}

/// `GenericAlias(origin, args)`, as `ga_new` (no keyword arguments).
fn alias_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("GenericAlias")?;
    // positional()[0] is the class `__new__` was called on.
    args.arity("GenericAlias", 3, 3)?;
    Ok(alias(&args.positional()[1], &args.positional()[2]))
}

/// The alias of `origin[item]`; a non-tuple subscript becomes a 1-tuple.
fn alias(origin: &Value, item: &Value) -> Value {
    let args = match item {
        Value::Tuple(_) => item.clone(),
        other => Value::tuple(vec![other.clone()]),
    };
    GENERIC_ALIAS.instance(Alias {
        origin: origin.clone(),
        args,
    })
}

/// The receiver's state.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Alias> {
    args.native_self(&GENERIC_ALIAS, method)
}

/// How `ga_repr_item` shows one argument: `...` as is, a class by its
/// qualified name (unqualified for builtins), anything else by `repr`.
fn item_repr(vm: &mut ThreadCtx, v: &Value) -> PyResult<String> {
    match v {
        Value::Ellipsis => Ok("...".into()),
        Value::Type(t) => Ok(t.display_name()),
        other => vm.repr(other),
    }
}

/// `repr(list[int])` is `list[int]`; `tuple[()]` for an empty subscript.
fn alias_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let alias = me(&args, "__repr__")?;
    let mut out = item_repr(vm, &alias.origin)?;
    out.push('[');
    let items = alias.args.as_tuple().unwrap_or(&[]).to_vec();
    if items.is_empty() {
        out.push_str("()");
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item_repr(vm, item)?);
    }
    out.push(']');
    Ok(Value::string(out))
}

/// `list[int](xs)` calls `list(xs)`.
fn alias_call(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let alias = me(&args, "__call__")?;
    let rest = &args.positional()[1..];
    vm.call_kw(&alias.origin, rest, args.kwnames(), args.kwvalues())
}

/// Two aliases are equal when origin and arguments are.
fn alias_eq(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let alias = me(&args, "__eq__")?;
    args.arity("__eq__", 2, 2)?;
    let Value::Instance(other) = &args.positional()[1] else {
        return Ok(Value::NotImplemented);
    };
    let Some(other) = other.native::<Alias>() else {
        return Ok(Value::NotImplemented);
    };
    let same = vm.eq(&alias.origin, &other.origin)? && vm.eq(&alias.args, &other.args)?;
    Ok(Value::Bool(Flag(same)))
}

/// `hash(origin) ^ hash(args)`, as `ga_hash`.
fn alias_hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let alias = me(&args, "__hash__")?;
    let h = vm.hash(&alias.origin)? ^ vm.hash(&alias.args)?;
    Ok(Value::Int(h))
}

/// `list[int].__origin__` is `list`.
fn alias_origin(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(me(&args, "__origin__")?.origin.clone())
}

/// `dict[str, int].__args__` is `(str, int)`.
fn alias_args(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(me(&args, "__args__")?.args.clone())
}

/// `__class_getitem__` for the tables of `list`, `dict`, `tuple`, `set`,
/// `frozenset`, `type`, `collections.deque` and `collections.defaultdict`
/// in the registry.
pub static CLASS_GETITEM: &[NativeSpec] =
    &[NativeSpec::classmethod("__class_getitem__", class_getitem)];
