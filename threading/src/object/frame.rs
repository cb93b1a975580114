//! Frames: one activation of a code object, as data. The VM (`vm/`) runs
//! them; generators keep theirs while suspended.
//!
//! ```text
//!   thread's frames: [<module>] [main] [work]      top runs; the rest wait
//!   thread's value stack: | module's slice | main's slice | work's slice |
//!                                                          ^ work.stack_base
//!   Frame { code, globals, pc, locals: [Option<Value>], cells, blocks, handled, .. }
//! ```
//!
//! All frames of a thread share one value stack; a frame's part starts at
//! its `stack_base`. A suspended generator frame keeps its part of the
//! stack in its own `saved_stack` and gets it back on resumption; the
//! frame itself stays in one heap allocation (`Box<Frame>`) that moves
//! between the thread's frame list and the generator object by pointer
//! (`vm/frame_arena.rs`).
//!
//! Python equivalent: `_PyInterpreterFrame` (`Include/internal/pycore_frame.h`).

use super::dict::Dict;
use super::function::Cell;
use super::generator::Generator;
use super::module::Globals;
use super::value::Value;
use crate::ast::BinOp;
use crate::bytecode::{Code, Op};
use crate::object::refcount::Arc;

/// A handler pushed by `SETUP_FINALLY`.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Where to jump when an exception arrives.
    pub handler: u32,
    /// Value-stack height to restore (relative to the frame's base).
    pub stack_depth: u32,
    /// `handled` height to restore.
    pub handled_depth: u32,
}

/// What the frame loop does with a frame's result (how it was entered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// A call: push the return value for the caller.
    Call,
    /// A class's `__init__`: the caller's stack already holds the new
    /// instance; the return value must be `None` and is dropped.
    Init,
    /// A binary operator's left method (`a.__sub__(b)`) run for the
    /// caller's `BINARY_OP`, both operands kept on the caller's stack
    /// under the frame's slice: they are dropped and the result pushed,
    /// or, on `NotImplemented`, the operator goes on to the built-in rules
    /// and `b`'s reflected method (`vm/dunder_call.rs`).
    BinaryOp(BinOp),
    /// A generator resumed by the caller's `FOR_ITER` (which jumps to the
    /// target when the generator finishes).
    ForIter(u32),
    /// A generator resumed by the caller's `YIELD_FROM`: a yielded value
    /// passes on through the caller; the return value is pushed for it.
    YieldFrom,
    /// A generator resumed by a Rust consumer draining it
    /// (`vm/iter/drain.rs`: `list(g)`, `set(g)`, ...), which keeps the
    /// generator in the stack slot just below the frame's slice and gets
    /// every yield and the return back from the frame loop, as with
    /// `Native`.
    Consumer,
    /// The first frame of a run of the frame loop (a thread's target, a
    /// native calling back into Python): hand the result to Rust.
    Native,
}

/// One activation.
pub struct Frame {
    /// The code being run.
    pub code: Arc<Code>,
    /// The module globals.
    pub globals: Arc<Globals>,
    /// Index of the next instruction.
    pub pc: usize,
    /// Local slots (`None`: unbound).
    pub locals: Vec<Option<Value>>,
    /// Cell variables, then free variables (`LOAD_DEREF i`).
    pub cells: Box<[Arc<Cell>]>,
    /// Where this frame's part of the value stack starts.
    pub stack_base: usize,
    /// Active handler blocks, innermost last.
    pub blocks: Vec<Block>,
    /// Exceptions being handled (`except` bodies), innermost last: the
    /// target of a bare `raise` and the context of a new exception.
    pub handled: Vec<Value>,
    /// The namespace of a class body (`LOAD_NAME`/`STORE_NAME`).
    pub namespace: Option<Arc<Dict>>,
    /// The generator this frame belongs to, if any.
    pub generator: Option<Arc<Generator>>,
    /// How the frame was entered (see [`Resume`]).
    pub resume: Resume,
    /// The keyword names of the call being built (`KW_NAMES`).
    pub kwnames: Option<Value>,
    /// A suspended generator's part of the value stack, saved at its
    /// `yield` and handed back on resumption (empty while running), top
    /// first (popped off the value stack in turn, pushed back by popping
    /// this). Kept in the frame so its capacity survives: a generator
    /// allocates for its stack once, not at every `yield`.
    pub saved_stack: Vec<Value>,
}

impl Frame {
    /// A frame for `code` with every local unbound and fresh cells.
    pub fn new(code: Arc<Code>, globals: Arc<Globals>, closure: &[Arc<Cell>]) -> Frame {
        let mut frame = Frame::empty(code, globals);
        frame.locals.resize(frame.code.varnames.len(), None);
        frame.cells = Frame::new_cells(&frame.code, closure);
        frame
    }

    /// A frame for `code` with no local slots and no cells yet: the
    /// caller sizes `locals` (binding arguments into it) and sets
    /// `cells` ([`new_cells`](Self::new_cells)) when `code` has any.
    pub fn empty(code: Arc<Code>, globals: Arc<Globals>) -> Frame {
        Frame {
            code,
            globals,
            pc: 0,
            locals: Vec::new(),
            cells: Box::new([]),
            stack_base: 0,
            blocks: Vec::new(),
            handled: Vec::new(),
            namespace: None,
            generator: None,
            resume: Resume::Call,
            kwnames: None,
            saved_stack: Vec::new(),
        }
    }

    /// Fresh cells for `code`'s cell variables, then `closure`'s free
    /// variables (`LOAD_DEREF i` indexes both).
    pub fn new_cells(code: &Code, closure: &[Arc<Cell>]) -> Box<[Arc<Cell>]> {
        Frame::cells_with(code, closure.iter().cloned())
    }

    /// [`new_cells`](Self::new_cells) with the free variables' cells
    /// given as they are found (a comprehension run without a function
    /// object takes them straight from its creating frame:
    /// [`closure_cells`](Self::closure_cells)).
    pub fn cells_with(code: &Code, free: impl Iterator<Item = Arc<Cell>>) -> Box<[Arc<Cell>]> {
        if code.ncells() == 0 {
            return Box::new([]);
        }
        (0..code.cellvars.len())
            .map(|_| Arc::new(Cell::new(None)))
            .chain(free)
            .collect()
    }

    /// The cells `child`'s free variables name, taken from the cells of
    /// the frame creating it (`child.closure` indexes them): what
    /// `MAKE_FUNCTION` puts in a function's closure.
    pub fn closure_cells<'a>(
        child: &'a Code,
        parent_cells: &'a [Arc<Cell>],
    ) -> impl Iterator<Item = Arc<Cell>> + 'a {
        child
            .closure
            .iter()
            .filter_map(|&c| parent_cells.get(c as usize).cloned())
    }

    /// Empties the frame for its next activation (`vm/frame_arena.rs`):
    /// every value it holds is dropped now, the vectors keep their
    /// capacity, and `code` and `globals` stay (the next call is often
    /// of the same function, which then sets neither).
    #[inline]
    pub fn reset(&mut self) {
        // Locals first, as when a frame is dropped whole (declaration
        // order). Fast path: each let go with its count's decrement inline
        // (`Value::release`), walking the slots in place with the length
        // set to zero once, first to last as CPython's `_PyFrame_Clear`
        // does. The plain `self.locals.clear()` called the enum's
        // out-of-line drop glue for every bound local; a `pop()` loop
        // stored the length back per slot (~36 instructions a return in
        // go). The road not taken: `self.locals.drain(..)`, the same walk
        // without `unsafe`, took 2-5 % more instructions on 10 of the 13
        // files (its drop handles a tail the frame never has). The length
        // is zero before any slot is read, so were a release to unwind the
        // rest would leak, never be dropped twice.
        let n = self.locals.len();
        let slots = self.locals.as_ptr();
        // SAFETY: length zeroed first; each of the `n` initialised slots
        // is read exactly once, and the buffer is untouched otherwise.
        unsafe {
            self.locals.set_len(0);
            for i in 0..n {
                if let Some(v) = std::ptr::read(slots.add(i)) {
                    v.release();
                }
            }
        }
        // Fast path: what an ordinary call's frame never has is tested,
        // not dropped (a drop of an empty box or `None` is still an
        // out-of-line call per field, per return).
        if !self.cells.is_empty() {
            self.cells = Box::new([]);
        }
        self.blocks.clear();
        if !self.handled.is_empty() {
            self.handled.clear();
        }
        if self.namespace.is_some() {
            self.namespace = None;
        }
        if self.generator.is_some() {
            self.generator = None;
        }
        if self.kwnames.is_some() {
            self.kwnames = None;
        }
        if !self.saved_stack.is_empty() {
            self.saved_stack.clear();
        }
        self.pc = 0;
        self.stack_base = 0;
        self.resume = Resume::Call;
    }

    /// Whether this suspended generator frame is parked in a `yield from`
    /// or `await` (its `pc` at the `YIELD_FROM` it runs again when
    /// resumed). Its resumption is CPython ≥ 3.11's `RESUME 2`/`3`, which
    /// is not a check point, where a plain `yield`'s `RESUME 1` is.
    #[inline]
    pub fn parked_in_yield_from(&self) -> bool {
        matches!(self.code.ops.get(self.pc), Some(Op::YieldFrom))
    }

    /// The line of the instruction that ran last.
    pub fn line(&self) -> u32 {
        self.code.line_of(self.pc.saturating_sub(1))
    }

    /// Moves parameters that are cells into their cells (`MAKE_CELL`):
    /// call after binding the arguments.
    pub fn init_cells(&mut self) {
        for &(cell, slot) in self.code.cell_params.iter() {
            let v = self.locals.get_mut(slot as usize).and_then(Option::take);
            if let Some(c) = self.cells.get(cell as usize) {
                *c.lock() = v;
            }
        }
    }
}
