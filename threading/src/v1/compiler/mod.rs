//! The compiler: AST → [`Code`] objects, one per function plus the module.
//!
//! ```text
//!   def f(n):            scope analysis: n, i are locals (slots 0, 1)
//!       i = n            ─▶ LOAD_FAST 0 (n); STORE_FAST 1 (i)
//!       return i + g     g is global      ─▶ LOAD_GLOBAL (g)
//! ```
//!
//! Scope rules (Python's, minus closures): inside a function every name that
//! is assigned (and not declared `global`) is a local with a fixed slot;
//! every other name is global. At module level every name is global
//! (`LOAD_NAME`/`STORE_NAME`). All global names of the program share one
//! table, so the VM indexes globals by slot, not by string. A nested `def`
//! that reads its enclosing function's locals would need a closure, which is
//! outside MiniPy: it is rejected here.
//!
//! List comprehensions are compiled inline with hidden local slots for their
//! loop variables (Python 3.12's PEP 709 does the same), so the variable does
//! not leak, as in Python 3.
//!
//! Python equivalent: `Python/symtable.c` + `Python/compile.c`.

mod expr;
pub mod quicken;
mod scope;
mod stmt;

use crate::ast::Stmt;
use crate::error::SourceError;
use crate::v1::bytecode::{Code, Op, Span};
use crate::v1::vm::value::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The program-wide global name table.
#[derive(Default)]
pub(crate) struct GlobalTable {
    /// Names in slot order.
    names: Vec<String>,
    /// Name → slot.
    index: HashMap<String, u32>,
}

impl GlobalTable {
    fn slot(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

/// What a `break`/`continue`/`return` must undo on its way out.
#[derive(Clone, Debug)]
enum FBlock {
    /// A loop: where `continue` goes, and the `break` jumps to patch. `for`
    /// loops keep their iterator on the stack.
    Loop {
        /// Where `continue` jumps (the loop test or `FOR_ITER`).
        continue_to: u32,
        /// `JUMP_FORWARD`s emitted by `break`, patched to the loop's end.
        breaks: Vec<usize>,
        /// A `for` loop keeps its iterator on the stack (`break` pops it).
        is_for: bool,
    },
    /// Inside `try` (a `SETUP_FINALLY` is active) with a `finally` body to run.
    TryFinally(Vec<Stmt>),
    /// Inside `try` with only handlers.
    TryExcept,
    /// Inside an `except` body.
    Handler,
    /// Inside a `with` body (the manager is on the stack).
    With,
    /// Inside a `finally` body that runs because of an exception.
    FinallyExc,
}

/// Compiles one code object.
pub(crate) struct FnCompiler<'g> {
    /// The shared global table.
    globals: &'g mut GlobalTable,
    /// File name for code objects and errors.
    filename: String,
    /// Name of the code object.
    name: String,
    /// Whether this is the module body.
    is_module: bool,
    /// Emitted instructions.
    ops: Vec<Op>,
    /// Line of each instruction.
    lines: Vec<u32>,
    /// Expression span of each instruction.
    spans: Vec<Span>,
    /// The span of the expression being compiled (`(0, 0, 0)` at statement level).
    span: Span,
    /// Constants.
    consts: Vec<Value>,
    /// Attribute / import names.
    names: Vec<String>,
    /// Local slot names.
    varnames: Vec<String>,
    /// Name → local slot (functions only).
    locals: HashMap<String, u32>,
    /// Comprehension scopes, innermost last: name → hidden slot.
    comp_scopes: Vec<HashMap<String, u32>>,
    /// Compiled nested functions.
    children: Vec<Arc<Code>>,
    /// Active loops / try blocks, innermost last.
    fblocks: Vec<FBlock>,
    /// The line being compiled.
    line: u32,
}

/// Compiles a parsed module into its code object.
pub fn compile_module(body: &[Stmt], filename: &str) -> Result<Arc<Code>, SourceError> {
    let mut globals = GlobalTable::default();
    let mut c = FnCompiler::new(&mut globals, filename, "<module>", true);
    c.emit(Op::Resume);
    c.block(body)?;
    let none = c.const_index(Value::None);
    c.emit(Op::LoadConst(none));
    c.emit(Op::ReturnValue);
    let table = Arc::new(std::mem::take(&mut c.globals.names));
    Ok(c.finish(1, 0, &table))
}

impl<'g> FnCompiler<'g> {
    fn new(globals: &'g mut GlobalTable, filename: &str, name: &str, is_module: bool) -> Self {
        FnCompiler {
            globals,
            filename: filename.to_string(),
            name: name.to_string(),
            is_module,
            ops: Vec::new(),
            lines: Vec::new(),
            spans: Vec::new(),
            span: (0, 0, 0),
            consts: Vec::new(),
            names: Vec::new(),
            varnames: Vec::new(),
            locals: HashMap::new(),
            comp_scopes: Vec::new(),
            children: Vec::new(),
            fblocks: Vec::new(),
            line: 1,
        }
    }

    /// Builds the code object. The global table is attached afterwards
    /// (children get it when the module finishes, see `attach_globals`).
    fn finish(self, first_line: u32, argcount: usize, table: &Arc<Vec<String>>) -> Arc<Code> {
        let children = self
            .children
            .iter()
            .map(|c| attach_globals(c, table))
            .collect();
        let mut code = Code {
            name: self.name,
            filename: self.filename,
            first_line,
            argcount,
            varnames: self.varnames,
            consts: self.consts,
            names: self.names,
            quick: Vec::new(),
            ops: self.ops,
            lines: self.lines,
            spans: self.spans,
            children,
            globals: table.clone(),
        };
        code.quick = quicken::quicken(&code.ops);
        Arc::new(code)
    }

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.lines.push(self.line);
        self.spans.push(self.span);
        self.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        use Op::*;
        self.ops[at] = match self.ops[at] {
            PopJumpIfFalse(_) => PopJumpIfFalse(target),
            PopJumpIfTrue(_) => PopJumpIfTrue(target),
            JumpIfFalseOrPop(_) => JumpIfFalseOrPop(target),
            JumpIfTrueOrPop(_) => JumpIfTrueOrPop(target),
            JumpForward(_) => JumpForward(target),
            ForIter(_) => ForIter(target),
            SetupFinally(_) => SetupFinally(target),
            other => other,
        };
    }

    fn const_index(&mut self, v: Value) -> u32 {
        if let Some(i) = self.consts.iter().position(|c| c.same_constant(&v)) {
            return i as u32;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }

    fn name_index(&mut self, n: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|c| c == n) {
            return i as u32;
        }
        self.names.push(n.to_string());
        (self.names.len() - 1) as u32
    }

    fn new_local(&mut self, name: &str) -> u32 {
        self.varnames.push(name.to_string());
        (self.varnames.len() - 1) as u32
    }

    /// Emits the load of a variable.
    fn load_name(&mut self, name: &str) {
        if let Some(slot) = self.lookup_local(name) {
            self.emit(Op::LoadFast(slot));
        } else {
            let g = self.globals.slot(name);
            self.emit(if self.is_module {
                Op::LoadName(g)
            } else {
                Op::LoadGlobal(g)
            });
        }
    }

    /// Emits the store of a variable.
    fn store_name(&mut self, name: &str) {
        if let Some(slot) = self.lookup_local(name) {
            self.emit(Op::StoreFast(slot));
        } else {
            let g = self.globals.slot(name);
            self.emit(if self.is_module {
                Op::StoreName(g)
            } else {
                Op::StoreGlobal(g)
            });
        }
    }

    fn lookup_local(&self, name: &str) -> Option<u32> {
        for scope in self.comp_scopes.iter().rev() {
            if let Some(&s) = scope.get(name) {
                return Some(s);
            }
        }
        self.locals.get(name).copied()
    }

    fn block(&mut self, body: &[Stmt]) -> Result<(), SourceError> {
        for s in body {
            self.statement(s)?;
        }
        Ok(())
    }
}

/// Gives a finished child (and its children) the program's global table.
fn attach_globals(code: &Arc<Code>, table: &Arc<Vec<String>>) -> Arc<Code> {
    let children = code
        .children
        .iter()
        .map(|c| attach_globals(c, table))
        .collect();
    Arc::new(Code {
        name: code.name.clone(),
        filename: code.filename.clone(),
        first_line: code.first_line,
        argcount: code.argcount,
        varnames: code.varnames.clone(),
        consts: code.consts.clone(),
        names: code.names.clone(),
        ops: code.ops.clone(),
        quick: code.quick.clone(),
        lines: code.lines.clone(),
        spans: code.spans.clone(),
        children,
        globals: table.clone(),
    })
}
