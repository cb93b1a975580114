//! The special methods of `int`, `bool` and `float` as callable
//! attributes: `(7).__add__(3)`, `float.__lt__`, `(5).__neg__()`,
//! `int.__radd__` found by `sum()`-style code that calls them by name.
//!
//! ```text
//!   (7).__add__(3)      → 10
//!   (7).__add__(0.5)    → NotImplemented   int knows only ints; Python then
//!   (0.5).__radd__(7)   → 7.5              tries the float's reflected method
//!   (7).__lt__("x")     → NotImplemented
//! ```
//!
//! The operators themselves never come here: `a + b` on numbers is
//! `vm/number.rs`'s arithmetic, reached directly by `BINARY_OP` (the
//! plain path). These methods wrap the same arithmetic for code that names
//! them, with CPython's rule that a number's method returns
//! `NotImplemented` for an operand of a type it does not know (an `int`
//! method knows `int` and `bool`; a `float` method also knows `int`).
//!
//! Python equivalent: the `nb_*` and `tp_richcompare` slots of
//! `Objects/longobject.c` and `Objects/floatobject.c`, exposed as
//! `wrapper_descriptor`s by `Objects/typeobject.c` (`slotdefs`).

use crate::ast::{BinOp, CmpOp};
use crate::bytecode::UnaryOp;
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{int_ref, number_binop};
use crate::vm::ThreadCtx;

/// Which operand the receiver is.
#[derive(Clone, Copy)]
enum Side {
    /// `self op other` (`__add__`).
    Left,
    /// `other op self` (`__radd__`).
    Right,
}

/// Which numbers a type's methods accept as the other operand.
#[derive(Clone, Copy)]
enum Knows {
    /// `int` (and `bool`): ints only.
    Ints,
    /// `float`: floats and ints.
    IntsAndFloats,
}

impl Knows {
    fn accepts(self, v: &Value) -> bool {
        int_ref(v).is_some()
            || (matches!(self, Knows::IntsAndFloats) && matches!(v, Value::Float(_)))
    }

    /// Whether `v` is this type's receiver (`int.__add__(1.5, 2)` is an
    /// error, as in CPython).
    fn is_receiver(self, v: &Value) -> bool {
        match self {
            Knows::Ints => int_ref(v).is_some(),
            Knows::IntsAndFloats => matches!(v, Value::Float(_)),
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            Knows::Ints => "int",
            Knows::IntsAndFloats => "float",
        }
    }
}

/// The receiver, checked: `descriptor '__add__' requires a 'int' object
/// but received a 'str'`.
fn receiver<'a>(args: &Args<'a>, name: &str, knows: Knows) -> PyResult<&'a Value> {
    match args.positional().first() {
        Some(v) if knows.is_receiver(v) => Ok(v),
        Some(v) => Err(PyErr::type_error(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            knows.type_name(),
            v.type_name()
        ))),
        None => Err(PyErr::type_error(format!(
            "descriptor '{name}' of '{}' object needs an argument",
            knows.type_name()
        ))),
    }
}

/// The argument count of a slot wrapper, self excluded, with CPython's
/// messages (`expected 1 argument, got 2`; the `__pow__` ones keep
/// CPython's leading space, from an empty function name).
fn expect(args: &Args, min: usize, max: usize) -> PyResult<()> {
    let got = args.positional().len().saturating_sub(1);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if min == max && got != min {
        return Err(PyErr::type_error(format!(
            "expected {min} argument{}, got {got}",
            plural(min)
        )));
    }
    if got < min {
        return Err(PyErr::type_error(format!(
            " expected at least {min} argument{}, got {got}",
            plural(min)
        )));
    }
    if got > max {
        return Err(PyErr::type_error(format!(
            " expected at most {max} argument{}, got {got}",
            plural(max)
        )));
    }
    Ok(())
}

/// `self op other` / `other op self`, or `NotImplemented`.
fn binary(args: &Args, name: &str, op: BinOp, side: Side, knows: Knows) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 1, 1)?;
    let other = &args.positional()[1];
    if !knows.accepts(other) {
        return Ok(Value::NotImplemented);
    }
    let (a, b) = match side {
        Side::Left => (me, other),
        Side::Right => (other, me),
    };
    number_binop(op, a, b).unwrap_or(Ok(Value::NotImplemented))
}

/// `__pow__(other, mod=None)` / `__rpow__`: a modulus goes through the
/// `pow` builtin (its three-argument rules).
fn power(vm: &mut ThreadCtx, args: &Args, name: &str, side: Side, knows: Knows) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 1, 2)?;
    let p = args.positional();
    match p.get(2) {
        None | Some(Value::None) => binary(
            &Args::positional_only(&p[..2]),
            name,
            BinOp::Pow,
            side,
            knows,
        ),
        Some(m) => {
            let other = &p[1];
            if !knows.accepts(other) {
                return Ok(Value::NotImplemented);
            }
            let (a, b) = match side {
                Side::Left => (me, other),
                Side::Right => (other, me),
            };
            let pow = vm.rt.builtins.globals.get("pow").unwrap_or(Value::None);
            vm.call(&pow, &[a.clone(), b.clone(), m.clone()])
        }
    }
}

/// `self == other` and friends, or `NotImplemented`.
fn compare(vm: &mut ThreadCtx, args: &Args, name: &str, op: CmpOp, knows: Knows) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 1, 1)?;
    let other = &args.positional()[1];
    if !knows.accepts(other) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(me, other, op)
}

/// `-self`, `+self`, `~self`, `abs(self)`.
fn unary(
    vm: &mut ThreadCtx,
    args: &Args,
    name: &str,
    op: Option<UnaryOp>,
    knows: Knows,
) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 0, 0)?;
    match op {
        Some(op) => vm.unary_op(op, me),
        None => {
            let abs = vm.rt.builtins.globals.get("abs").unwrap_or(Value::None);
            vm.call(&abs, std::slice::from_ref(me))
        }
    }
}

/// `divmod(self, other)` / `divmod(other, self)`, or `NotImplemented`.
fn divmod(vm: &mut ThreadCtx, args: &Args, name: &str, side: Side, knows: Knows) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 1, 1)?;
    let other = &args.positional()[1];
    if !knows.accepts(other) {
        return Ok(Value::NotImplemented);
    }
    let (a, b) = match side {
        Side::Left => (me, other),
        Side::Right => (other, me),
    };
    let divmod = vm.rt.builtins.globals.get("divmod").unwrap_or(Value::None);
    vm.call(&divmod, &[a.clone(), b.clone()])
}

/// `bool(self)`.
fn to_bool(vm: &mut ThreadCtx, args: &Args, name: &str, knows: Knows) -> PyResult {
    let me = receiver(args, name, knows)?;
    expect(args, 0, 0)?;
    Ok(Value::Bool(Flag(vm.truthy(me)?)))
}

/// Declares one native function per special method, for `int` (`Ints`)
/// or `float` (`IntsAndFloats`).
macro_rules! number_methods {
    ($knows:expr, $table:ident: $($fname:ident $pyname:literal => $how:tt $($arg:expr),*;)*) => {
        $(
            fn $fname(vm: &mut ThreadCtx, args: Args) -> PyResult {
                let _ = &vm;
                number_methods!(@call $how vm, args, $pyname, $knows, $($arg),*)
            }
        )*
        /// The special methods, for the type's method table.
        pub static $table: &[NativeSpec] = &[$(NativeSpec::method($pyname, $fname)),*];
    };
    (@call binary $vm:ident, $args:ident, $name:expr, $knows:expr, $op:expr, $side:expr) => {
        binary(&$args, $name, $op, $side, $knows)
    };
    (@call power $vm:ident, $args:ident, $name:expr, $knows:expr, $side:expr) => {
        power($vm, &$args, $name, $side, $knows)
    };
    (@call compare $vm:ident, $args:ident, $name:expr, $knows:expr, $op:expr) => {
        compare($vm, &$args, $name, $op, $knows)
    };
    (@call unary $vm:ident, $args:ident, $name:expr, $knows:expr, $op:expr) => {
        unary($vm, &$args, $name, $op, $knows)
    };
    (@call divmod $vm:ident, $args:ident, $name:expr, $knows:expr, $side:expr) => {
        divmod($vm, &$args, $name, $side, $knows)
    };
    (@call to_bool $vm:ident, $args:ident, $name:expr, $knows:expr,) => {
        to_bool($vm, &$args, $name, $knows)
    };
}

/// The operators both types have.
macro_rules! arithmetic {
    ($knows:expr, $table:ident, $($extra:tt)*) => {
        number_methods! { $knows, $table:
            add "__add__" => binary BinOp::Add, Side::Left;
            radd "__radd__" => binary BinOp::Add, Side::Right;
            sub "__sub__" => binary BinOp::Sub, Side::Left;
            rsub "__rsub__" => binary BinOp::Sub, Side::Right;
            mul "__mul__" => binary BinOp::Mul, Side::Left;
            rmul "__rmul__" => binary BinOp::Mul, Side::Right;
            truediv "__truediv__" => binary BinOp::Div, Side::Left;
            rtruediv "__rtruediv__" => binary BinOp::Div, Side::Right;
            floordiv "__floordiv__" => binary BinOp::FloorDiv, Side::Left;
            rfloordiv "__rfloordiv__" => binary BinOp::FloorDiv, Side::Right;
            modulo "__mod__" => binary BinOp::Mod, Side::Left;
            rmodulo "__rmod__" => binary BinOp::Mod, Side::Right;
            pow "__pow__" => power Side::Left;
            rpow "__rpow__" => power Side::Right;
            divmod_ "__divmod__" => divmod Side::Left;
            rdivmod "__rdivmod__" => divmod Side::Right;
            eq "__eq__" => compare CmpOp::Eq;
            ne "__ne__" => compare CmpOp::Ne;
            lt "__lt__" => compare CmpOp::Lt;
            le "__le__" => compare CmpOp::Le;
            gt "__gt__" => compare CmpOp::Gt;
            ge "__ge__" => compare CmpOp::Ge;
            neg "__neg__" => unary Some(UnaryOp::Negative);
            pos "__pos__" => unary Some(UnaryOp::Positive);
            abs "__abs__" => unary None;
            bool_ "__bool__" => to_bool;
            $($extra)*
        }
    };
}

/// `int`'s (and so `bool`'s) special methods.
pub mod int {
    use super::*;
    arithmetic! { Knows::Ints, INT_DUNDERS,
        lshift "__lshift__" => binary BinOp::LShift, Side::Left;
        rlshift "__rlshift__" => binary BinOp::LShift, Side::Right;
        rshift "__rshift__" => binary BinOp::RShift, Side::Left;
        rrshift "__rrshift__" => binary BinOp::RShift, Side::Right;
        and "__and__" => binary BinOp::BitAnd, Side::Left;
        rand "__rand__" => binary BinOp::BitAnd, Side::Right;
        or "__or__" => binary BinOp::BitOr, Side::Left;
        ror "__ror__" => binary BinOp::BitOr, Side::Right;
        xor "__xor__" => binary BinOp::BitXor, Side::Left;
        rxor "__rxor__" => binary BinOp::BitXor, Side::Right;
        invert "__invert__" => unary Some(UnaryOp::Invert);
    }
}

/// `float`'s special methods.
pub mod float {
    use super::*;
    arithmetic! { Knows::IntsAndFloats, FLOAT_DUNDERS, }
}
