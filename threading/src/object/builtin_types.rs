//! The built-in classes (`object`, `type`, `int`, `str`, `list`, the
//! exception hierarchy, the iterator types, ...), created once per
//! process, and the interned names of the special methods.
//!
//! ```text
//!   types().int         the `int` class: type(5) is types().int
//!   types().exc(KeyError)
//!   types().names.init  the interned "__init__" (pointer-comparable)
//! ```
//!
//! This layer creates the classes with empty namespaces; the VM's native
//! registry (`vm/native.rs`, filled by `builtins/` and `modules/`) installs
//! their methods once at start-up, after which built-in namespaces never
//! change (they are IMMUTABLE), so every interpreter in the process can
//! share them.
//!
//! Python equivalent: the static `PyTypeObject`s of `Objects/` and
//! `_Py_ID()` (CPython's interned identifiers).

use super::dict::Dict;
use super::exception::{ExcKind, EXC_KINDS};
use super::str::{intern, PyStr};
use super::types::{Layout, Type, TypeFlags, TypeSpec};
use super::value::Value;
use crate::object::refcount::Arc;
use std::sync::OnceLock;

/// Declares the interned special names.
macro_rules! names {
    ($($field:ident => $text:literal),* $(,)?) => {
        /// Interned special-method and attribute names.
        #[allow(missing_docs)]
        pub struct Names { $(pub $field: Arc<PyStr>),* }

        impl Names {
            fn new() -> Names {
                Names { $($field: intern($text)),* }
            }
        }
    };
}

names! {
    init => "__init__", new => "__new__", call => "__call__", repr => "__repr__",
    str_ => "__str__", format => "__format__", hash => "__hash__", bool_ => "__bool__",
    len => "__len__", iter => "__iter__", next => "__next__", getitem => "__getitem__",
    setitem => "__setitem__", delitem => "__delitem__", contains => "__contains__",
    getattr => "__getattr__", getattribute => "__getattribute__", setattr => "__setattr__",
    delattr => "__delattr__", get => "__get__", set => "__set__", delete => "__delete__",
    enter => "__enter__", exit => "__exit__", eq => "__eq__", ne => "__ne__", lt => "__lt__",
    le => "__le__", gt => "__gt__", ge => "__ge__", index => "__index__", int => "__int__",
    float => "__float__", neg => "__neg__", pos => "__pos__", invert => "__invert__",
    abs => "__abs__", round => "__round__", reversed => "__reversed__", await_ => "__await__",
    class => "__class__", dict => "__dict__", name => "__name__", qualname => "__qualname__",
    module => "__module__", doc => "__doc__", slots => "__slots__", mro => "__mro__",
    bases => "__bases__", main => "__main__", builtins => "builtins",
    init_subclass => "__init_subclass__", set_name => "__set_name__",
    class_getitem => "__class_getitem__", missing => "__missing__",
    length_hint => "__length_hint__", args => "args", send => "send", throw => "throw",
    close => "close", value => "value", code => "code",
}

/// Every built-in class.
#[allow(missing_docs)]
pub struct BuiltinTypes {
    pub object: Arc<Type>,
    pub type_: Arc<Type>,
    pub none: Arc<Type>,
    pub not_implemented: Arc<Type>,
    pub ellipsis: Arc<Type>,
    pub int: Arc<Type>,
    pub bool_: Arc<Type>,
    pub float: Arc<Type>,
    pub str_: Arc<Type>,
    pub bytes: Arc<Type>,
    pub bytearray: Arc<Type>,
    pub tuple: Arc<Type>,
    pub list: Arc<Type>,
    pub dict: Arc<Type>,
    pub set: Arc<Type>,
    pub frozenset: Arc<Type>,
    pub range: Arc<Type>,
    pub range_iterator: Arc<Type>,
    pub slice: Arc<Type>,
    pub function: Arc<Type>,
    pub method: Arc<Type>,
    pub builtin_function: Arc<Type>,
    pub module: Arc<Type>,
    pub generator: Arc<Type>,
    pub coroutine: Arc<Type>,
    pub property: Arc<Type>,
    pub staticmethod: Arc<Type>,
    pub classmethod: Arc<Type>,
    pub super_: Arc<Type>,
    pub dict_keys: Arc<Type>,
    pub dict_values: Arc<Type>,
    pub dict_items: Arc<Type>,
    /// The iterator classes, by name (`list_iterator`, `enumerate`, `zip`, ...).
    pub iterators: Vec<Arc<Type>>,
    /// The exception classes, indexed by `ExcKind as usize`.
    pub exceptions: Vec<Arc<Type>>,
    /// Interned special names.
    pub names: Names,
}

/// Names of the iterator classes (`iterators`, in this order).
pub const ITERATOR_NAMES: &[&str] = &[
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "str_iterator",
    "bytes_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "set_iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
    "iterator",
    "reversed",
    "callable_iterator",
];

/// The built-in classes, created on first use.
pub fn types() -> &'static BuiltinTypes {
    static TYPES: OnceLock<BuiltinTypes> = OnceLock::new();
    TYPES.get_or_init(BuiltinTypes::create)
}

/// A built-in class.
fn make(name: &str, bases: Vec<Arc<Type>>, layout: Layout, basetype: bool) -> Arc<Type> {
    let flags = TypeFlags::IMMUTABLE | if basetype { TypeFlags::BASETYPE } else { 0 };
    let flags = match layout {
        Layout::Exception => flags | TypeFlags::HAS_DICT,
        _ => flags,
    };
    Type::new(TypeSpec {
        name: intern(name),
        qualname: intern(name),
        module: intern("builtins"),
        bases,
        dict: Dict::new(),
        own_slots: None,
        flags,
        layout: Some(layout),
    })
    .unwrap_or_else(|e| panic!("built-in class {name} cannot be created: {}", e.0))
}

impl BuiltinTypes {
    fn create() -> BuiltinTypes {
        let t = BuiltinTypes::create_classes();
        // The mutable containers are unhashable: `__hash__ = None`, as in
        // CPython (`list.__hash__ is None`).
        for c in [
            &t.list,
            &t.dict,
            &t.set,
            &t.bytearray,
            &t.dict_keys,
            &t.dict_items,
            &t.dict_values,
        ] {
            c.dict.set_str(t.names.hash.clone(), Value::None);
        }
        t
    }

    fn create_classes() -> BuiltinTypes {
        let object = make("object", Vec::new(), Layout::Object, true);
        let b = |name: &str, layout: Layout, basetype: bool| {
            make(name, vec![object.clone()], layout, basetype)
        };
        let int = b("int", Layout::Builtin, false);
        let bool_ = make("bool", vec![int.clone()], Layout::Builtin, false);
        let mut exceptions: Vec<Arc<Type>> = Vec::with_capacity(EXC_KINDS.len());
        for (kind, parent) in EXC_KINDS {
            let base = match parent {
                Some(p) => exceptions[*p as usize].clone(),
                None => object.clone(),
            };
            debug_assert_eq!(*kind as usize, exceptions.len());
            exceptions.push(make(kind.name(), vec![base], Layout::Exception, true));
        }
        BuiltinTypes {
            type_: b("type", Layout::Builtin, false),
            none: b("NoneType", Layout::Builtin, false),
            not_implemented: b("NotImplementedType", Layout::Builtin, false),
            ellipsis: b("ellipsis", Layout::Builtin, false),
            float: b("float", Layout::Builtin, false),
            str_: b("str", Layout::Builtin, false),
            bytes: b("bytes", Layout::Builtin, false),
            bytearray: b("bytearray", Layout::Builtin, false),
            tuple: b("tuple", Layout::Tuple, true),
            list: b("list", Layout::List, true),
            dict: b("dict", Layout::Dict, true),
            set: b("set", Layout::Set, true),
            frozenset: b("frozenset", Layout::Set, true),
            range: b("range", Layout::Builtin, false),
            range_iterator: b("range_iterator", Layout::Builtin, false),
            slice: b("slice", Layout::Builtin, false),
            function: b("function", Layout::Builtin, false),
            method: b("method", Layout::Builtin, false),
            builtin_function: b("builtin_function_or_method", Layout::Builtin, false),
            module: b("module", Layout::Builtin, false),
            generator: b("generator", Layout::Builtin, false),
            coroutine: b("coroutine", Layout::Builtin, false),
            property: b("property", Layout::Native("property"), true),
            staticmethod: b("staticmethod", Layout::Native("staticmethod"), true),
            classmethod: b("classmethod", Layout::Native("classmethod"), true),
            super_: b("super", Layout::Native("super"), true),
            dict_keys: b("dict_keys", Layout::Builtin, false),
            dict_values: b("dict_values", Layout::Builtin, false),
            dict_items: b("dict_items", Layout::Builtin, false),
            iterators: ITERATOR_NAMES
                .iter()
                .map(|n| b(n, Layout::Builtin, false))
                .collect(),
            exceptions,
            names: Names::new(),
            int,
            bool_,
            object,
        }
    }

    /// The class of built-in exception `kind`.
    #[inline]
    pub fn exc(&self, kind: ExcKind) -> &Arc<Type> {
        &self.exceptions[kind as usize]
    }

    /// The iterator class called `name` (`iterator` for unknown names).
    pub fn iterator_type(&self, name: &str) -> &Arc<Type> {
        let i = ITERATOR_NAMES
            .iter()
            .position(|n| *n == name)
            .unwrap_or(ITERATOR_NAMES.len() - 3);
        &self.iterators[i]
    }

    /// `object.__eq__` (to tell whether a class overrides it).
    pub fn object_eq(&self) -> Value {
        self.object
            .dict
            .get_str(&self.names.eq)
            .unwrap_or(Value::Null)
    }

    /// Every built-in class by its Python name (for the builtins module).
    pub fn by_name(&self) -> Vec<(&'static str, &Arc<Type>)> {
        let mut v: Vec<(&'static str, &Arc<Type>)> = vec![
            ("object", &self.object),
            ("type", &self.type_),
            ("int", &self.int),
            ("bool", &self.bool_),
            ("float", &self.float),
            ("str", &self.str_),
            ("bytes", &self.bytes),
            ("bytearray", &self.bytearray),
            ("tuple", &self.tuple),
            ("list", &self.list),
            ("dict", &self.dict),
            ("set", &self.set),
            ("frozenset", &self.frozenset),
            ("range", &self.range),
            ("slice", &self.slice),
            ("property", &self.property),
            ("staticmethod", &self.staticmethod),
            ("classmethod", &self.classmethod),
            ("super", &self.super_),
        ];
        for name in ["enumerate", "zip", "map", "filter", "reversed"] {
            v.push((name, self.iterator_type(name)));
        }
        for (kind, _) in EXC_KINDS {
            v.push((kind.name(), self.exc(*kind)));
        }
        v
    }
}
