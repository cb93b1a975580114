//! `CALL_COMPREHENSION`: a comprehension or generator expression called
//! without a function object (quickened code, ≥ 3.10 policy).
//!
//! ```text
//!   plain path (ops):   MAKE_FUNCTION i ─▶ Function { code, globals, closure, meta }
//!                       GET_ITER; CALL 1 ─▶ frame (locals[0] = iterator)
//!                                          ─▶ Generator (genexp) or run (listcomp)
//!                       the Function is dropped
//!   fast path (quick):  NOP ... CALL_COMPREHENSION i
//!                       ─▶ frame from code i, the running frame's globals
//!                          and cells ─▶ Generator or run
//! ```
//!
//! Fast path: what the function object carried to the frame (its code,
//! globals and closure cells) is read straight from the child code and the
//! running frame, which `MAKE_FUNCTION` read them from anyway; the
//! generator's `__name__`/`__qualname__` come from the child code, as
//! `MAKE_FUNCTION` copied them. The plain path is the unquickened
//! `MAKE_FUNCTION` + `CALL` (`vm/class.rs`, `vm/call.rs`), which the
//! ≤ 3.9 policy runs. See `compiler/comprehension_calls.rs` for where the
//! instruction comes from and why nothing observable changes.
//!
//! Python equivalent: `MAKE_FUNCTION` then `CALL` of 3.11's comprehension
//! sequence; 3.12's PEP 709 inlining of list comprehensions goes further
//! (no frame either).
//!
//! Needs: `vm/frame_arena.rs` (the frame), `object/generator.rs`.

use super::ThreadCtx;
use crate::bytecode::{Code, CodeFlags};
use crate::object::frame::{Frame, Resume};
use crate::object::generator::{GenKind, Generator};
use crate::object::refcount::Arc;
use crate::object::Value;

impl ThreadCtx {
    /// Calls comprehension `code.children[i]` (run by the top frame,
    /// whose code is `code`) with the iterator `it` as its `.0` argument:
    /// a generator expression pushes its new generator (`false`); a list,
    /// set or dict comprehension pushes its frame for the frame loop to
    /// run (`true`, as `CALL` returns).
    pub(super) fn call_comprehension(&mut self, code: &Code, i: usize, it: Value) -> bool {
        let Some(child) = code.children.get(i) else {
            panic!("CALL_COMPREHENSION names child code {i}, which its code does not have");
        };
        let Some(parent) = self.frames.last() else {
            panic!("CALL_COMPREHENSION runs with no frame");
        };
        let mut frame = self.frame_arena.acquire(child, &parent.globals);
        frame.locals.resize(child.varnames.len(), None);
        // `.0`, the comprehension's only parameter (never a cell: no name
        // can refer to it).
        frame.locals[0] = Some(it);
        if child.ncells() != 0 {
            frame.cells = Frame::cells_with(child, Frame::closure_cells(child, &parent.cells));
            frame.init_cells();
        }
        if child.flags.has(CodeFlags::GENERATOR) {
            let g = Generator::new(
                GenKind::Generator,
                child.name.clone(),
                child.qualname.clone(),
                frame,
            );
            self.stack.push(Value::Generator(Arc::new(g)));
            return false;
        }
        frame.resume = Resume::Call;
        frame.stack_base = self.stack.len();
        self.frames.push(frame);
        true
    }
}
