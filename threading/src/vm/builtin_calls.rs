//! `len(x)` and `isinstance(x, C)` answered by the instruction loop
//! itself: the fast path of a call of the built-in `len` or `isinstance`,
//! whose `NativeSpec`s the builtins table marks `InlineNative::Len` and
//! `InlineNative::IsInstance`.
//!
//! ```text
//!   stack: [.. NULL, len, xs]                    CALL 1
//!   plain path (call.rs, call_native_small): xs moved into an argument
//!       array, Args built, `len` called through its pointer; it checks
//!       for keywords and its arity, then asks `ThreadCtx::len`, which
//!       matches on the type (callgrind: ~520 instructions for
//!       `x = len(xs)` in a loop, CPython 3.11 ~170)
//!   fast path (here): the spec says Len, exactly one argument whose
//!       size reading it runs no Python code (`subscript.rs`'s
//!       `builtin_len`, where the plain path starts too): its size is
//!       read, the slots go, the result is an int.
//!       isinstance: IsInstance, two arguments, the second a class:
//!       the first's class or one of its bases is it (an MRO walk).
//! ```
//!
//! `builtin_len` covers the built-in sized types and an instance of a
//! `list`, `dict`, `tuple` or `set` subclass whose class keeps the
//! built-in `__len__` (`Type::native_len`, cached per class until it or a
//! base changes).
//!
//! What the fast path leaves to the plain path, untouched: any other
//! argument count (the plain path's arity errors), an instance whose
//! class has a Python `__len__` (or a native class's, `deque`'s), anything
//! unsized (the plain path's `TypeError`), and `isinstance` with a tuple
//! of classes or a second argument that is not a class (its `TypeError`).
//! The answers are the plain path's: `len` reads its sizes through the
//! same function, and `isinstance` of a class is `is_subtype` of the first
//! argument's class there as here (MiniPy has no metaclasses, so no
//! `__instancecheck__` can intervene).
//!
//! The GIL's check points do not move: `CALL` took its check before the
//! call began, and neither built-in can release the GIL in CPython
//! (`len` of a built-in type and `isinstance` of a plain class run no
//! Python code). Free-threaded, the sizes are read under each object's
//! lock exactly as `ThreadCtx::len` reads them.
//!
//! Python equivalent: CPython 3.11's `PRECALL_NO_KW_LEN` and
//! `PRECALL_NO_KW_ISINSTANCE` (`Python/ceval.c`), which check that the
//! callable is the built-in and call `PyObject_Size` /
//! `PyObject_IsInstance` directly. Needs `native.rs` (the marks),
//! `list_calls.rs` (the stack's cut) and `subscript.rs` (`builtin_len`).

use super::list_calls::cut;
use super::subscript::builtin_len;
use crate::object::value::Flag;
use crate::object::Value;

/// `len(x)` when `builtin_len` reads it, for the one argument at
/// `stack[first]`: the stack is cut to `base` and the size returned as an
/// int. `None`, with the stack untouched, for anything else.
#[inline(always)]
pub(super) fn len_in_place(stack: &mut Vec<Value>, first: usize, base: usize) -> Option<Value> {
    if stack.len() != first + 1 {
        return None;
    }
    let n = builtin_len(&stack[first])?;
    cut(stack, base);
    Some(Value::Int(n))
}

/// `isinstance(x, C)` for a class `C`, the two arguments at
/// `stack[first..]`: the stack is cut to `base` and the answer returned.
/// `None`, with the stack untouched, for a tuple of classes, a second
/// argument that is not a class, or another argument count.
#[inline(always)]
pub(super) fn isinstance_in_place(
    stack: &mut Vec<Value>,
    first: usize,
    base: usize,
) -> Option<Value> {
    if stack.len() != first + 2 {
        return None;
    }
    let Value::Type(cls) = &stack[first + 1] else {
        return None;
    };
    let answer = stack[first].class().is_subtype(cls);
    cut(stack, base);
    Some(Value::Bool(Flag(answer)))
}
