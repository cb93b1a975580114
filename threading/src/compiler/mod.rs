//! # The compiler: AST → code objects
//!
//! ```text
//!   source ─parser─▶ AST ─symtable/──▶ scopes (locals, cells, free, globals)
//!                        ─stmt.rs / expr.rs / target.rs─▶ ops + lines + spans
//!                        ─quicken.rs─▶ the same ops with superinstructions
//!                        ─comprehension_calls.rs─▶ comprehensions called
//!                          without a function object (quick only)
//!                        ─attr_sites.rs─▶ attribute ops with inline caches
//!                        ─load_pairs.rs─▶ the loads left over, paired
//!                        ─method_calls.rs─▶ `l.m()`, `l.m(x)` from lookup to call (last)
//!                        = Code { ops, quick, consts, names, varnames, children, ... }
//! ```
//!
//! One [`CodeGen`] per code object (module, class body, function, lambda,
//! comprehension). Names compile by their scope resolution: fast locals
//! (`LOAD_FAST`), cells (`LOAD_DEREF`), module globals by slot
//! (`LOAD_GLOBAL`, the module's slot table is known before code
//! generation starts), class-body names (`LOAD_NAME`). Comprehensions and
//! generator expressions are functions of their own (as in CPython 3.11,
//! so a traceback inside one says `in <listcomp>`).
//!
//! Every instruction records its line and its expression's span; the
//! traceback draws CPython 3.11's `^~~` markers from the span of the
//! instruction that failed.
//!
//! Python equivalent: `Python/compile.c` + `Python/symtable.c`.

mod attr_sites;
mod comprehension_calls;
mod expr;
mod future;
mod load_pairs;
pub(crate) mod mangle;
mod method_calls;
pub mod quicken;
mod stmt;
pub mod symtable;
mod target;
pub mod warnings;

use crate::ast::{Expr, Stmt};
use crate::bytecode::{Code, CodeFlags, Op, SourceLines, Span};
use crate::error::SourceError;
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::value::Flag;
use crate::object::Value;
use std::collections::HashMap;
use symtable::{Resolution, Scope, ScopeKind};

/// What a `break`/`continue`/`return` must undo on its way out.
#[derive(Clone)]
enum FBlock {
    /// A loop: where `continue` goes and the `break` jumps to patch.
    Loop {
        /// Where `continue` jumps (the loop test or `FOR_ITER`).
        continue_to: u32,
        /// `JUMP_FORWARD`s emitted by `break`, patched to the loop's end.
        breaks: Vec<usize>,
        /// A `for` loop keeps its iterator on the stack.
        is_for: bool,
    },
    /// Inside `try` with a `finally` body to run on the way out.
    TryFinally(Vec<Stmt>),
    /// Inside `try` with only handlers (a block to pop).
    TryExcept,
    /// Inside an `except` body (an exception being handled to drop), with
    /// the handler's `as` name to clear.
    Handler(Option<String>),
    /// Inside a `with` body: the `__exit__` is on the stack.
    With,
    /// Inside a `finally` body that runs because of an exception.
    FinallyExc,
}

/// The module-wide context: file, source and the global slot table.
struct ModuleCtx {
    /// File name for code objects and errors.
    filename: std::sync::Arc<str>,
    /// The source lines, for tracebacks.
    source: Arc<SourceLines>,
    /// The module's global slot names.
    global_names: std::sync::Arc<[Arc<PyStr>]>,
    /// Name → global slot.
    global_index: HashMap<String, u32>,
    /// `from __future__ import annotations`: annotations are stored as
    /// their source text instead of being evaluated (PEP 563).
    future_annotations: bool,
    /// The line of the last import of the module's future block (0:
    /// none): a `from __future__ import` past it is a SyntaxError.
    future_last_line: u32,
}

/// Whether a module or class body binds an annotation in
/// `__annotations__` (a simple `name: T` anywhere outside nested
/// functions and classes): then the body starts by creating the dict
/// (CPython's `SETUP_ANNOTATIONS`).
pub(crate) fn has_annotations(body: &[Stmt]) -> bool {
    use crate::ast::StmtKind;
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { simple, target, .. } => {
            *simple && matches!(target.kind, crate::ast::ExprKind::Name(_))
        }
        StmtKind::If { body, orelse, .. }
        | StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        _ => false,
    })
}

/// Compiles one code object.
pub(crate) struct CodeGen<'a> {
    /// The module-wide context.
    m: &'a ModuleCtx,
    /// This code object's scope.
    scope: &'a Scope,
    /// `co_name`.
    name: String,
    /// `co_qualname`.
    qualname: String,
    /// Emitted instructions.
    ops: Vec<Op>,
    /// Line of each instruction.
    lines: Vec<u32>,
    /// Expression span of each instruction.
    spans: Vec<Span>,
    /// The span being compiled (`(0, 0, 0)` at statement level).
    span: Span,
    /// The line being compiled.
    line: u32,
    /// Constants.
    consts: Vec<Value>,
    /// Attribute / import / namespace names.
    names: Vec<Arc<PyStr>>,
    /// Local slot names.
    varnames: Vec<Arc<PyStr>>,
    /// Name → local slot.
    local_index: HashMap<String, u32>,
    /// Name → cell index (cell variables, then free variables).
    cell_index: HashMap<String, u32>,
    /// Compiled nested code objects.
    children: Vec<Arc<Code>>,
    /// Where each comprehension's `MAKE_FUNCTION ... GET_ITER; CALL 1`
    /// sits, recorded as emitted (`comprehension_calls.rs`).
    comprehension_calls: Vec<comprehension_calls::ComprehensionCall>,
    /// Active loops / try blocks, innermost last.
    fblocks: Vec<FBlock>,
    /// Flags gathered while compiling.
    flags: u32,
    /// The innermost enclosing class's name, for private name mangling
    /// (`mangle.rs`; CPython's `u_private`); inherited by nested scopes.
    private: Option<std::sync::Arc<str>>,
}

/// Decodes nothing: compiles UTF-8 source text of module `filename`.
pub fn compile_source(filename: &str, source: &str) -> Result<Arc<Code>, SourceError> {
    compile_source_warned(filename, source).map(|c| c.code)
}

/// A compiled module and what CPython's compiler would have said about it
/// on the way.
pub struct Compiled {
    /// The module's code object.
    pub code: Arc<Code>,
    /// Its `SyntaxWarning`s as stderr shows them (`warnings.rs`); empty
    /// for most programs.
    pub warnings: String,
}

/// [`compile_source`], keeping the compile-time warnings for the caller
/// to show before the module runs.
pub fn compile_source_warned(filename: &str, source: &str) -> Result<Compiled, SourceError> {
    let ast = crate::parser::parse_module(source).map_err(|e| e.with_source(filename, source))?;
    let warnings = warnings::render(filename, source, &warnings::syntax_warnings(&ast));
    let code =
        compile_module(&ast, filename, source).map_err(|e| e.with_source(filename, source))?;
    Ok(Compiled { code, warnings })
}

/// Compiles a parsed module into its code object.
pub fn compile_module(
    body: &[Stmt],
    filename: &str,
    source: &str,
) -> Result<Arc<Code>, SourceError> {
    // CPython reads the future block before it builds the symbol table.
    let futures = future::parse(body, usize::from(docstring(body).is_some()))?;
    let scope = symtable::build(body)?;
    let names = symtable::global_names(&scope);
    let global_index = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u32))
        .collect();
    let m = ModuleCtx {
        filename: std::sync::Arc::from(filename),
        source: Arc::new(SourceLines::new(source)),
        global_names: names.iter().map(|n| intern(n)).collect(),
        global_index,
        future_annotations: futures.annotations,
        future_last_line: futures.last_line,
    };
    let mut c = CodeGen::new(&m, &scope, "<module>", "<module>");
    c.flags |= CodeFlags::MODULE;
    c.emit(Op::Resume);
    c.setup_annotations(body);
    c.docstring_store(body)?;
    c.block(body)?;
    c.emit_none();
    c.emit(Op::ReturnValue);
    Ok(c.finish(1, 0, 0, 0))
}

impl<'a> CodeGen<'a> {
    fn new(m: &'a ModuleCtx, scope: &'a Scope, name: &str, qualname: &str) -> CodeGen<'a> {
        let mut c = CodeGen {
            m,
            scope,
            name: name.to_string(),
            qualname: qualname.to_string(),
            ops: Vec::new(),
            lines: Vec::new(),
            spans: Vec::new(),
            span: (0, 0, 0),
            line: 1,
            consts: Vec::new(),
            names: Vec::new(),
            varnames: Vec::new(),
            local_index: HashMap::new(),
            cell_index: HashMap::new(),
            children: Vec::new(),
            comprehension_calls: Vec::new(),
            fblocks: Vec::new(),
            flags: 0,
            private: None,
        };
        if scope.kind.is_function() {
            for n in scope.params.iter().chain(scope.locals.iter()) {
                c.new_local(n);
            }
        }
        for (i, n) in scope
            .cellvars
            .iter()
            .chain(scope.freevars.iter())
            .enumerate()
        {
            c.cell_index.insert(n.clone(), i as u32);
        }
        c
    }

    /// Builds the code object.
    fn finish(self, first_line: u32, argcount: u32, posonly: u32, kwonly: u32) -> Arc<Code> {
        let mut flags = self.flags;
        if self.scope.is_generator {
            flags |= CodeFlags::GENERATOR;
        }
        if self.scope.is_coroutine {
            flags |= CodeFlags::COROUTINE;
        }
        let cellvars: Vec<Arc<PyStr>> = self.scope.cellvars.iter().map(|n| intern(n)).collect();
        let cell_params: Vec<(u32, u32)> = self
            .scope
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, n)| {
                self.scope
                    .params
                    .iter()
                    .position(|p| p == n)
                    .map(|slot| (ci as u32, slot as u32))
            })
            .collect();
        let ops = self.ops.into_boxed_slice();
        let mut quick = quicken::quicken(&ops);
        let unpack_targets = quicken::attach_unpack_targets(&ops, &mut quick);
        comprehension_calls::fuse(&ops, &mut quick, &self.comprehension_calls);
        let attr_sites = attr_sites::attach(&mut quick, &self.names);
        attr_sites::fuse_attr_updates(&mut quick, &attr_sites);
        attr_sites::fuse_local_receivers(&mut quick);
        attr_sites::fuse_local_moves(&mut quick);
        attr_sites::fuse_global_receivers(&mut quick);
        load_pairs::fuse(&mut quick);
        method_calls::fuse(&mut quick);
        let quick = quick.into_boxed_slice();
        Arc::new(Code {
            name: intern(&self.name),
            qualname: intern(&self.qualname),
            filename: self.m.filename.clone(),
            first_line,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            flags: CodeFlags(flags),
            varnames: self.varnames.into_boxed_slice(),
            cellvars: cellvars.into_boxed_slice(),
            freevars: self.scope.freevars.iter().map(|n| intern(n)).collect(),
            cell_params: cell_params.into_boxed_slice(),
            closure: Box::new([]),
            consts: self.consts.into_boxed_slice(),
            names: self.names.into_boxed_slice(),
            global_names: self.m.global_names.clone(),
            ops,
            quick,
            attr_sites,
            unpack_targets,
            lines: self.lines.into_boxed_slice(),
            spans: self.spans.into_boxed_slice(),
            children: self.children.into_boxed_slice(),
            source: self.m.source.clone(),
        })
    }

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.lines.push(self.line);
        self.spans.push(self.span);
        self.ops.len() - 1
    }

    fn emit_none(&mut self) {
        let i = self.const_index(Value::None);
        self.emit(Op::LoadConst(i));
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
        if let Some(i) = self.consts.iter().position(|c| same_constant(c, &v)) {
            return i as u32;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }

    fn name_index(&mut self, n: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|c| c.as_str() == n) {
            return i as u32;
        }
        self.names.push(intern(n));
        (self.names.len() - 1) as u32
    }

    /// The names-table index of attribute `attr`, mangled if private.
    fn attr_index(&mut self, attr: &str) -> u32 {
        match mangle::mangle(self.private.as_deref(), attr) {
            Some(m) => self.name_index(&m),
            None => self.name_index(attr),
        }
    }

    /// A child scope's code generator: it inherits the private class name.
    fn child_codegen(&self, scope: &'a Scope, name: &str, qualname: &str) -> CodeGen<'a> {
        let mut child = CodeGen::new(self.m, scope, name, qualname);
        child.private = self.private.clone();
        child
    }

    fn new_local(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.local_index.get(name) {
            return i;
        }
        self.varnames.push(intern(name));
        let i = (self.varnames.len() - 1) as u32;
        self.local_index.insert(name.to_string(), i);
        i
    }

    fn global_slot(&self, name: &str) -> u32 {
        self.m.global_index.get(name).copied().unwrap_or(0)
    }

    /// How a name is accessed here.
    fn access(&self, name: &str) -> Access {
        let r = self.scope.resolve(name);
        match self.scope.kind {
            ScopeKind::Module => Access::Global(self.global_slot(name)),
            ScopeKind::Class => match r {
                Resolution::Local | Resolution::GlobalImplicit => {
                    Access::Name(self.global_slot(name))
                }
                Resolution::GlobalExplicit => Access::Global(self.global_slot(name)),
                Resolution::Free | Resolution::Cell => match self.cell_index.get(name) {
                    Some(&c) => Access::ClassDeref(c),
                    None => Access::Name(self.global_slot(name)),
                },
            },
            _ => match r {
                Resolution::Local => match self.local_index.get(name) {
                    Some(&i) => Access::Fast(i),
                    None => Access::Global(self.global_slot(name)),
                },
                Resolution::Cell | Resolution::Free => match self.cell_index.get(name) {
                    Some(&c) => Access::Deref(c),
                    None => Access::Global(self.global_slot(name)),
                },
                Resolution::GlobalExplicit | Resolution::GlobalImplicit => {
                    Access::Global(self.global_slot(name))
                }
            },
        }
    }

    /// Emits the load of a variable.
    fn load_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::LoadFast(i),
            Access::Deref(c) => Op::LoadDeref(c),
            Access::ClassDeref(c) => Op::LoadClassDeref(self.attr_index(name), c),
            Access::Global(g) => Op::LoadGlobal(g),
            Access::Name(g) => Op::LoadName(self.attr_index(name), g),
        };
        self.emit(op);
    }

    /// Emits the store of a variable.
    fn store_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::StoreFast(i),
            Access::Deref(c) | Access::ClassDeref(c) => Op::StoreDeref(c),
            Access::Global(g) => Op::StoreGlobal(g),
            Access::Name(_) => Op::StoreName(self.attr_index(name)),
        };
        self.emit(op);
    }

    /// Emits the deletion of a variable.
    fn delete_name(&mut self, name: &str) {
        let op = match self.access(name) {
            Access::Fast(i) => Op::DeleteFast(i),
            Access::Deref(c) | Access::ClassDeref(c) => Op::DeleteDeref(c),
            Access::Global(g) => Op::DeleteGlobal(g),
            Access::Name(_) => Op::DeleteName(self.attr_index(name)),
        };
        self.emit(op);
    }

    fn block(&mut self, body: &[Stmt]) -> Result<(), SourceError> {
        for s in body {
            self.statement(s)?;
        }
        Ok(())
    }

    /// The qualified name a child scope called `name` gets.
    fn child_qualname(&self, name: &str) -> String {
        match self.scope.kind {
            ScopeKind::Module => name.to_string(),
            // CPython's `compiler_set_qualname` adds `<locals>` only under
            // a function or lambda: a comprehension's children read
            // `f.<locals>.<genexpr>.<genexpr>`, `<genexpr>.<lambda>`.
            ScopeKind::Class | ScopeKind::Comprehension => format!("{}.{name}", self.qualname),
            ScopeKind::Function | ScopeKind::Lambda => {
                format!("{}.<locals>.{name}", self.qualname)
            }
        }
    }

    /// Adds a finished child code object; its closure maps each of its free
    /// variables to this code's cell of the same name.
    fn add_child(&mut self, code: Arc<Code>) -> u32 {
        let closure: Vec<u32> = code
            .freevars
            .iter()
            .map(|n| self.cell_index.get(n.as_str()).copied().unwrap_or(0))
            .collect();
        let code = if closure.is_empty() {
            code
        } else {
            Arc::new(Code {
                closure: closure.into_boxed_slice(),
                ..clone_code(&code)
            })
        };
        self.children.push(code);
        (self.children.len() - 1) as u32
    }

    /// A module or class docstring: stored as `__doc__`.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if has_annotations(body) {
            self.emit(Op::BuildMap(0));
            self.store_name("__annotations__");
        }
    }

    /// `x: T` in a module or class body records `__annotations__['x']`
    /// (the annotation's value, or its source text under PEP 563); other
    /// annotations are evaluated at module and class level only.
    pub(crate) fn annotation(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        simple: bool,
    ) -> Result<(), SourceError> {
        let at_top = matches!(self.scope.kind, ScopeKind::Module | ScopeKind::Class);
        if !at_top {
            return Ok(());
        }
        let future = self.m.future_annotations;
        match (&target.kind, simple) {
            (crate::ast::ExprKind::Name(n), true) => {
                if future {
                    let text = self.source_text(annotation);
                    let i = self.const_index(Value::string(text));
                    self.emit(Op::LoadConst(i));
                } else {
                    self.expr(annotation)?;
                }
                self.load_name("__annotations__");
                let i = self.const_index(Value::str(n.as_str()));
                self.emit(Op::LoadConst(i));
                self.emit(Op::StoreSubscr);
            }
            _ if !future => {
                self.expr(annotation)?;
                self.emit(Op::PopTop);
            }
            _ => {}
        }
        Ok(())
    }

    /// The source text of an expression (PEP 563's string annotations;
    /// CPython unparses the tree, which gives the same text for the usual
    /// annotations).
    fn source_text(&self, e: &Expr) -> String {
        let lines = &self.m.source.lines;
        let (l0, c0, l1, c1) = (
            e.line as usize,
            e.col as usize,
            e.end_line as usize,
            e.end_col as usize,
        );
        let mut out = String::new();
        for l in l0..=l1.max(l0) {
            let Some(text) = lines.get(l.wrapping_sub(1)) else {
                break;
            };
            let chars: Vec<char> = text.chars().collect();
            let from = if l == l0 { c0.saturating_sub(1) } else { 0 };
            let to = if l == l1 {
                c1.saturating_sub(1).min(chars.len())
            } else {
                chars.len()
            };
            if from < to {
                out.extend(&chars[from..to]);
            }
            if l != l1 {
                out.push(' ');
            }
        }
        out
    }

    fn docstring_store(&mut self, body: &[Stmt]) -> Result<(), SourceError> {
        if let Some(doc) = docstring(body) {
            self.line = body[0].line;
            let i = self.const_index(Value::str(&doc));
            self.emit(Op::LoadConst(i));
            self.store_name("__doc__");
        }
        Ok(())
    }
}

/// How a name is read and written in one code object.
enum Access {
    /// `LOAD_FAST` slot.
    Fast(u32),
    /// `LOAD_DEREF` cell.
    Deref(u32),
    /// `LOAD_CLASSDEREF` cell (class bodies).
    ClassDeref(u32),
    /// `LOAD_GLOBAL` slot.
    Global(u32),
    /// `LOAD_NAME` (class bodies) with this global slot as the fallback.
    Name(u32),
}

/// The docstring of a body, if its first statement is a string literal.
fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first().map(|s| &s.kind) {
        Some(crate::ast::StmtKind::Expr(e)) => match &e.kind {
            crate::ast::ExprKind::Const(crate::ast::Const::Str(s)) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A copy of a code object (to set its closure map).
fn clone_code(c: &Code) -> Code {
    Code {
        name: c.name.clone(),
        qualname: c.qualname.clone(),
        filename: c.filename.clone(),
        first_line: c.first_line,
        argcount: c.argcount,
        posonlyargcount: c.posonlyargcount,
        kwonlyargcount: c.kwonlyargcount,
        flags: c.flags,
        varnames: c.varnames.clone(),
        cellvars: c.cellvars.clone(),
        freevars: c.freevars.clone(),
        cell_params: c.cell_params.clone(),
        closure: c.closure.clone(),
        consts: c.consts.clone(),
        names: c.names.clone(),
        global_names: c.global_names.clone(),
        ops: c.ops.clone(),
        quick: c.quick.clone(),
        attr_sites: c.attr_sites.clone(),
        unpack_targets: c.unpack_targets.clone(),
        lines: c.lines.clone(),
        spans: c.spans.clone(),
        children: c.children.clone(),
        source: c.source.clone(),
    }
}

/// Whether two constants are the same entry of a constant table (type and
/// value: `1`, `1.0` and `True` stay distinct, as in CPython).
fn same_constant(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        (Value::Bool(Flag(a)), Value::Bool(Flag(b))) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::BigInt(a), Value::BigInt(b)) => a == b,
        (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
        (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
        (Value::Bytes(a), Value::Bytes(b)) => a.data == b.data,
        (Value::Tuple(a), Value::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| same_constant(x, y))
        }
        _ => false,
    }
}
