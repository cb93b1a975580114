//! Frames and the frame loop: calls, returns and exception unwinding
//! without Rust recursion.
//!
//! ```text
//!   frames: Vec<Frame>   [<module>] [f] [g]        ← top runs in eval::exec
//!     exec returns Flow::Call(h)   → push h         (depth ≤ 1000, else
//!     exec returns Flow::Return(v) → pop, push v       RecursionError)
//!     exec returns Flow::Error(e)  → unwind: innermost handler block of the
//!                                    top frame, else pop the frame and retry
//! ```
//!
//! Because Python calls push onto a `Vec` instead of recursing in Rust,
//! `RecursionError` at depth 1000 is an ordinary exception and no MiniPy
//! program can overflow the native stack (CPython 3.11 made the same move
//! for Python-to-Python calls).
//!
//! Python equivalent: `_PyInterpreterFrame` and the `exception_unwind`
//! label of `Python/ceval.c`.

use super::exception::{ExcKind, PyErr, PyResult};
use super::value::{Function, Value};
use super::ThreadCtx;
use crate::v1::bytecode::Code;
use std::sync::Arc;

/// CPython's default recursion limit: frames per thread, module included.
pub const RECURSION_LIMIT: usize = 1000;

/// A handler pushed by `SETUP_FINALLY`.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Where to jump when an exception arrives.
    pub handler: u32,
    /// Value-stack height to restore.
    pub stack_depth: usize,
    /// `handled` height to restore.
    pub handled_depth: usize,
}

/// One function activation.
pub struct Frame {
    /// The code being run.
    pub code: Arc<Code>,
    /// Index of the next instruction.
    pub pc: usize,
    /// Local slots (`None`: unbound).
    pub locals: Vec<Option<Value>>,
    /// Where this frame's part of the value stack starts.
    pub stack_base: usize,
    /// Active handler blocks, innermost last.
    pub blocks: Vec<Block>,
    /// Exceptions being handled (`except` bodies), innermost last: the
    /// target of a bare `raise` and the context of a new exception.
    pub handled: Vec<Value>,
}

/// What `exec` hands back to the frame loop.
pub enum Flow {
    /// The top frame returned.
    Return(Value),
    /// The top frame calls a Python function: push this frame.
    Call(Frame),
    /// An exception; `true` when the top frame's line belongs in the
    /// traceback (not for a re-raise).
    Error(PyErr, bool),
}

impl Frame {
    /// A frame for `code` with no arguments bound (module bodies).
    pub fn new(code: Arc<Code>, stack_base: usize) -> Frame {
        let n = code.varnames.len();
        Frame {
            code,
            pc: 0,
            locals: vec![None; n],
            stack_base,
            blocks: Vec::new(),
            handled: Vec::new(),
        }
    }

    /// The line of the instruction that ran last.
    pub fn line(&self) -> u32 {
        let i = self.pc.saturating_sub(1);
        self.code
            .lines
            .get(i)
            .copied()
            .unwrap_or(self.code.first_line)
    }
}

/// Binds call arguments to a new frame for `func`, with Python's errors for
/// missing, surplus, duplicate and unknown arguments.
pub fn bind_frame(
    func: &Function,
    args: Vec<Value>,
    kwargs: Vec<(Arc<String>, Value)>,
    stack_base: usize,
) -> PyResult<Frame> {
    let code = &func.code;
    let name = &code.name;
    let argc = code.argcount;
    let mut frame = Frame::new(code.clone(), stack_base);
    if args.len() > argc {
        let given = args.len();
        let min = argc - func.defaults.len();
        let takes = if func.defaults.is_empty() {
            format!(
                "{argc} positional argument{}",
                if argc == 1 { "" } else { "s" }
            )
        } else {
            format!("from {min} to {argc} positional arguments")
        };
        return Err(PyErr::type_error(format!(
            "{name}() takes {takes} but {given} {} given",
            if given == 1 { "was" } else { "were" }
        )));
    }
    for (i, a) in args.into_iter().enumerate() {
        frame.locals[i] = Some(a);
    }
    for (k, v) in kwargs {
        match code.varnames[..argc].iter().position(|p| p == k.as_str()) {
            Some(i) => {
                if frame.locals[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                frame.locals[i] = Some(v);
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let first_default = argc - func.defaults.len();
    let mut missing = Vec::new();
    for i in 0..argc {
        if frame.locals[i].is_none() {
            if i >= first_default {
                frame.locals[i] = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(format!("'{}'", code.varnames[i]));
            }
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        return Err(PyErr::type_error(format!(
            "{name}() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(frame)
}

impl ThreadCtx {
    /// `CALL n` with the callable and its `n` arguments on the stack (the
    /// last `kwnames.len()` of them keyword arguments). A Python function
    /// becomes a new frame for the frame loop; anything else runs now and
    /// leaves its result on the stack.
    pub(super) fn op_call(&mut self, n: usize, kwnames: Option<Value>) -> PyResult<Option<Frame>> {
        let base = self.stack.len().saturating_sub(n + 1);
        let fast = match (&kwnames, self.stack.get(base)) {
            (None, Some(Value::Function(func)))
                if n <= func.code.argcount && n + func.defaults.len() >= func.code.argcount =>
            {
                Some(func.clone())
            }
            _ => None,
        };
        if let Some(func) = fast {
            // Fast path: positional arguments move straight into the new
            // frame's local slots (one allocation per call).
            let code = &func.code;
            let mut locals: Vec<Option<Value>> = Vec::with_capacity(code.varnames.len());
            locals.extend(self.stack.drain(base + 1..).map(Some));
            let first_default = code.argcount - func.defaults.len();
            for i in n..code.argcount {
                locals.push(Some(func.defaults[i - first_default].clone()));
            }
            locals.resize(code.varnames.len(), None);
            self.stack.pop();
            return Ok(Some(Frame {
                code: code.clone(),
                pc: 0,
                locals,
                stack_base: self.stack.len(),
                blocks: Vec::new(),
                handled: Vec::new(),
            }));
        }
        let names: Vec<Arc<String>> = match kwnames {
            Some(Value::Tuple(t)) => t
                .iter()
                .map(|v| match v {
                    Value::Str(s) => s.clone(),
                    _ => Arc::new(String::new()),
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut args: Vec<Value> = self.stack.drain(base + 1..).collect();
        let callee = self.stack.pop().unwrap_or(Value::None);
        let kw_values = args.split_off(args.len() - names.len().min(args.len()));
        let kwargs: Vec<(Arc<String>, Value)> = names.into_iter().zip(kw_values).collect();
        match &callee {
            Value::Function(func) => Ok(Some(bind_frame(func, args, kwargs, self.stack.len())?)),
            other => {
                let r = self.call_native(other, args, kwargs)?;
                self.stack.push(r);
                Ok(None)
            }
        }
    }

    /// `CALL_METHOD`: `obj.name(args)` with `obj` below the arguments. A
    /// built-in method runs directly on `obj`; any other attribute is loaded
    /// and called like `CALL`.
    pub(super) fn op_call_method(
        &mut self,
        name: &str,
        n: usize,
        kwnames: Option<Value>,
    ) -> PyResult<Option<Frame>> {
        let base = self.stack.len().saturating_sub(n + 1);
        let recv = self.stack.get(base).cloned().unwrap_or(Value::None);
        if kwnames.is_none() {
            if let Some(m) = crate::v1::builtins::attrs::method_name(&recv, name) {
                let args: Vec<Value> = self.stack.drain(base + 1..).collect();
                self.stack.pop();
                let r = self.call_method(&recv, m, args, Vec::new())?;
                self.stack.push(r);
                return Ok(None);
            }
        }
        let attr = crate::v1::builtins::attrs::load_attr(&recv, name)?;
        if let Some(slot) = self.stack.get_mut(base) {
            *slot = attr;
        }
        self.op_call(n, kwnames)
    }

    /// Runs `first` (and every frame it calls) to completion.
    pub fn run_frames(&mut self, first: Frame) -> PyResult {
        let mut frames = vec![first];
        loop {
            let flow = match frames.last_mut() {
                Some(top) => self.exec(top),
                None => return Ok(Value::None),
            };
            let (err, add_tb) = match flow {
                Flow::Return(v) => {
                    if let Some(done) = frames.pop() {
                        self.stack.truncate(done.stack_base);
                    }
                    if frames.is_empty() {
                        return Ok(v);
                    }
                    self.stack.push(v);
                    continue;
                }
                Flow::Call(frame) => {
                    if frames.len() < RECURSION_LIMIT {
                        frames.push(frame);
                        continue;
                    }
                    self.stack.truncate(frame.stack_base);
                    (
                        PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"),
                        true,
                    )
                }
                Flow::Error(e, add) => (e, add),
            };
            self.unwind(&mut frames, err, add_tb)?;
        }
    }

    /// Finds a handler for `err`, popping frames that have none. `Ok` when
    /// the top frame now runs its handler; `Err` when no frame caught it.
    fn unwind(&mut self, frames: &mut Vec<Frame>, err: PyErr, mut add_tb: bool) -> PyResult<()> {
        loop {
            let Some(top) = frames.last_mut() else {
                return Err(err);
            };
            if let PyErr::Exc(exc) = &err {
                if add_tb {
                    exc.add_frame(&top.code, top.pc.saturating_sub(1));
                    set_context(exc, &top.handled);
                }
                if let Some(block) = top.blocks.pop() {
                    self.stack.truncate(block.stack_depth);
                    top.handled.truncate(block.handled_depth);
                    self.stack.push(Value::Exception(exc.clone()));
                    top.pc = block.handler as usize;
                    return Ok(());
                }
            }
            if let Some(done) = frames.pop() {
                self.stack.truncate(done.stack_base);
            }
            add_tb = true;
        }
    }

    /// Calls any callable from outside the eval loop (a thread's target).
    pub fn call_value(
        &mut self,
        callee: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<String>, Value)>,
    ) -> PyResult {
        match callee {
            Value::Function(f) => {
                let frame = bind_frame(f, args, kwargs, self.stack.len())?;
                self.run_frames(frame)
            }
            other => self.call_native(other, args, kwargs),
        }
    }
}

/// Records the exception being handled as the new exception's context
/// (the first time only, and never itself).
fn set_context(exc: &Arc<super::exception::ExcObj>, handled: &[Value]) {
    if let Some(Value::Exception(h)) = handled.last() {
        if !Arc::ptr_eq(h, exc) {
            let mut ctx = super::value::lock(&exc.context);
            if ctx.is_none() {
                *ctx = Some(h.clone());
            }
        }
    }
}
