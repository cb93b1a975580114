//! `xs.append(x)` and `xs.pop()` run by the instruction loop itself: the
//! fast path of a native call whose `NativeSpec` is marked
//! `InlineNative` by `list`'s method table.
//!
//! ```text
//!   stack: [.. list.append, xs, x]            CALL_METHOD 1
//!   plain path (call.rs, call_native_small): xs and x moved into an
//!       argument array, Args built, `append` called through its pointer;
//!       it checks its arity and its receiver's type, then pushes
//!   fast path (here): the spec says ListAppend, exactly one argument, the
//!       receiver holds a list: x moves into it, the three slots go, the
//!       result is None   (callgrind: 568 → 451 instructions an append
//!       in a loop; the rest is dispatch, LOAD_METHOD and the call's tests)
//!   xs.pop(): ListPop, no argument, a non-empty list: the last item is
//!       the result. An empty list (IndexError), an index argument, a
//!       receiver of another type: the plain path, nothing touched here.
//! ```
//!
//! `call.rs`'s `call_native_small` reads the mark and calls the function
//! here for it.
//!
//! The receiver may be a list subclass's instance: its method was looked
//! up and found to be `list`'s own native (a subclass overriding `append`
//! has a Python function there, which never reaches this file).
//!
//! The GIL's check points do not move: `CALL` took its check before the
//! call began (the loop's `call!`), and nothing here can release the GIL,
//! as nothing in `listobject.c`'s `list_append` can; so an append stays
//! atomic under every GIL era, as in CPython. Free-threaded, `push` and
//! `pop` take the list's cell lock exactly as the plain path's code does.
//!
//! Python equivalent: CPython 3.11's `PRECALL_NO_KW_LIST_APPEND`
//! (`Python/ceval.c`); 3.11 has no specialisation of `pop`, whose
//! method-call overhead it pays through `PRECALL_NO_KW_METHOD_DESCRIPTOR_O`
//! instead. Needs `native.rs` (the marks, read by `call.rs`) and `object/seq.rs` (`List`).

use crate::object::Value;

/// `xs.append(x)` in place, for the callable at `stack[base]` marked
/// `InlineNative::ListAppend` and its arguments (receiver first) at
/// `stack[first..]`: the stack is cut to `base` and the result (`None`)
/// returned. `None`, with the stack untouched, for another argument
/// count or a receiver holding no list.
#[inline(always)]
pub(super) fn append_in_place(stack: &mut Vec<Value>, first: usize, base: usize) -> Option<Value> {
    if stack.len() != first + 2 {
        return None;
    }
    let item = stack.pop()?;
    match stack[first].as_list() {
        Some(list) => list.push(item),
        // `list.append(3, x)`: the item goes back for the plain path,
        // which raises.
        None => {
            stack.push(item);
            return None;
        }
    }
    cut(stack, base);
    Some(Value::None)
}

/// `xs.pop()` in place (`InlineNative::ListPop`), as
/// [`append_in_place`]: the last item is the result. An empty list pops
/// nothing here, so the plain path can raise its IndexError with the
/// stack as it was.
#[inline(always)]
pub(super) fn pop_in_place(stack: &mut Vec<Value>, first: usize, base: usize) -> Option<Value> {
    if stack.len() != first + 1 {
        return None;
    }
    let last = stack[first].as_list()?.lock().pop()?;
    cut(stack, base);
    Some(last)
}

/// The stack cut to `base`, each slot let go by [`Value::release`]:
/// `truncate` ran the slice's drop glue out of line (34 instructions a
/// call for the two or three slots).
#[inline(always)]
pub(super) fn cut(stack: &mut Vec<Value>, base: usize) {
    while stack.len() > base {
        if let Some(v) = stack.pop() {
            v.release();
        }
    }
}
