//! Keyword calls of plain Python functions bound in the instruction loop:
//! `sq.find(update=True)` maps each keyword to its parameter slot, fills
//! the parameters left out from the defaults, and pushes the frame, as
//! the exact-arguments path does for a call without keywords.
//!
//! ```text
//!   plain path (call.rs → args.rs `bind`)      fast path (this file)
//!     call_stack: bound methods, classes,        a plain function (positional
//!     natives, generators decided; an            parameters only, no cells,
//!     8-slot buffer; bind: kwonly, *args,        not a generator), ≤ 8
//!     **kwargs, errors, defaults ─▶ Invoked      keywords each naming a
//!     ─▶ push_invoked (~650 instructions)        parameter after the positional
//!                                                ones ─▶ slots decided, then
//!                                                every value moved once
//! ```
//!
//! Everything is checked before anything moves, so a call this path does
//! not take (a keyword naming no parameter or one already given, a
//! positional-only name, a parameter with neither value nor default, more
//! than eight keywords, a bound method or any other callable) goes to
//! `call_stack` untouched, which binds it or raises CPython's `TypeError`.
//! Keyword names are interned, so a name matches its parameter by pointer
//! almost always; the string comparison `bind` makes is the fallback.
//!
//! Python equivalent: none in 3.11, whose `CALL` with `KW_NAMES` is not
//! specialised (`_PyFunction_Vectorcall` → `initialize_locals` each time).
//! The road not taken: a keyword-slot plan cached per call site, which an
//! earlier round built inside `call_stack` and measured 0.15 % more
//! instructions on go (it grew the general path every call takes); here
//! the plan is made per call, in a function of its own. Needs
//! `exact_call.rs` (the callable check, the frame push) and
//! `object/function.rs`.

use super::ThreadCtx;
use crate::object::refcount::Arc;
use crate::object::Value;

/// At most this many keywords are mapped here; more take `call_stack`.
const MAX_KEYWORDS: usize = 8;

impl ThreadCtx {
    /// Fast path of `KW_NAMES k; CALL n` / `CALL_METHOD n` (`kwnames` the
    /// names tuple, its values the last `k` of the `n` arguments): `true`
    /// when the frame is pushed (the caller admits it), `false` with
    /// nothing touched for every call it does not take (see the module
    /// docs).
    #[inline(never)]
    pub(super) fn push_keywords_frame(&mut self, n: usize, method: bool, kwnames: &Value) -> bool {
        let Some(names) = kwnames.as_tuple() else {
            return false;
        };
        let nargs = n + method as usize;
        let Some(npos) = nargs.checked_sub(names.len()) else {
            return false;
        };
        let Some((base, func)) = super::exact_call::called_function(&self.stack, nargs, method)
        else {
            return false;
        };
        let shape = func.call;
        let code = &func.code;
        let argcount = shape.argcount as usize;
        if !shape.exact_args || npos > argcount || names.len() > MAX_KEYWORDS {
            return false;
        }
        // The slot of each keyword, in the names' order: a parameter after
        // the positional arguments (and not positional-only), given once.
        let first_named = npos.max(code.posonlyargcount as usize);
        let mut slots = [0usize; MAX_KEYWORDS];
        for (j, name) in names.iter().enumerate() {
            let Value::Str(name) = name else {
                return false;
            };
            let Some(p) = code.varnames[first_named..argcount]
                .iter()
                .position(|v| Arc::ptr_eq(v, name) || v.as_str() == name.as_str())
            else {
                return false;
            };
            let slot = first_named + p;
            if slots[..j].contains(&slot) {
                return false;
            }
            slots[j] = slot;
        }
        // Every parameter neither given nor named needs a default.
        let first_default = argcount - func.defaults.len();
        let named = &slots[..names.len()];
        if (npos..first_default).any(|p| !named.contains(&p)) {
            return false;
        }
        // Decided: the frame, the defaults of the parameters left out, the
        // keyword values, then the positional ones, each moved once.
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        let locals = &mut frame.locals;
        locals.resize(shape.nlocals as usize, None);
        let defaulted = npos.max(first_default)..argcount;
        for (p, slot) in locals
            .iter_mut()
            .enumerate()
            .take(defaulted.end)
            .skip(defaulted.start)
        {
            if !named.contains(&p) {
                *slot = Some(func.defaults[p - first_default].clone());
            }
        }
        for &slot in named.iter().rev() {
            locals[slot] = self.stack.pop();
        }
        super::call::pop_arguments(&mut self.stack, &mut locals[..npos]);
        self.push_call_frame(frame, base);
        true
    }
}
