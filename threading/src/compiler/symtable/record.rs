//! The symbol table's first pass, statements: walk the tree and record,
//! per scope, what each name does there.
//!
//! ```text
//!   Builder.stack: [module, class C, def m]   (innermost last)
//!   x = 1      ─▶ bind("x")     in the innermost scope
//!   print(x)   ─▶ read("print"), read("x")
//!   global g   ─▶ declare: g is global here (an error if used before)
//!   def f():   ─▶ bind("f") here, defaults read here, push a new scope
//! ```
//!
//! A `def`, `lambda`, `class` or comprehension pushes a new [`Scope`] and
//! pops it into its parent's children when its body is done. Nothing is
//! resolved yet: that is `resolve.rs`, once every use in every scope is
//! known (a name bound after an inner function reads it is still a cell).
//!
//! Python equivalent: `symtable_visit_stmt` and the `symtable_add_def`
//! bookkeeping of `Python/symtable.c`.
//!
//! Needs: the parent `mod.rs` (the scope tree) and `record_expr.rs` (the
//! expressions inside statements).

use super::{node_id, Scope, ScopeKind};
use crate::ast::{Arguments, Expr, ExprKind, ImportNames, Stmt, StmtKind};
use crate::error::SourceError;

/// The first pass.
pub(super) struct Builder {
    /// Open scopes, innermost last.
    pub(super) stack: Vec<Scope>,
}

impl Builder {
    pub(super) fn cur(&mut self) -> &mut Scope {
        let n = self.stack.len();
        &mut self.stack[n - 1]
    }

    pub(super) fn bind(&mut self, name: &str, line: u32) {
        self.cur().entry(name, line).bound = true;
    }

    pub(super) fn read(&mut self, name: &str, line: u32) {
        if name == "super" || name == "__class__" {
            let in_function = self.cur().kind.is_function();
            if in_function {
                self.cur().uses_class_cell = true;
            }
        }
        self.cur().entry(name, line).read = true;
    }

    pub(super) fn push(&mut self, kind: ScopeKind, name: &str, node: usize) {
        self.stack.push(Scope::new(kind, name, node));
    }

    pub(super) fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.cur().children.push(s);
        }
    }

    pub(super) fn body(&mut self, body: &[Stmt]) -> Result<(), SourceError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn declare(
        &mut self,
        names: &[String],
        global: bool,
        line: u32,
    ) -> Result<(), SourceError> {
        let kind = self.cur().kind;
        for n in names {
            if !global && kind == ScopeKind::Module {
                return Err(SourceError::syntax(
                    "nonlocal declaration not allowed at module level",
                    line,
                    1,
                )
                .whole_statement());
            }
            let u = *self.cur().entry(n, line);
            if u.param {
                let what = if global { "global" } else { "nonlocal" };
                return Err(SourceError::syntax(
                    format!("name '{n}' is parameter and {what}"),
                    line,
                    1,
                )
                .whole_statement());
            }
            if u.bound || u.read {
                let what = if global { "global" } else { "nonlocal" };
                let how = if u.bound { "assigned to" } else { "used" };
                return Err(SourceError::syntax(
                    format!("name '{n}' is {how} before {what} declaration"),
                    line,
                    1,
                )
                .whole_statement());
            }
            let e = self.cur().entry(n, line);
            if global {
                e.global = true;
            } else {
                e.nonlocal = true;
            }
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> Result<(), SourceError> {
        let line = s.line;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.defaults(&f.args)?;
                self.bind(&f.name, line);
                self.push(ScopeKind::Function, &f.name, node_id(&**f));
                self.cur().is_coroutine = f.is_async;
                self.params(&f.args, line);
                self.body(&f.body)?;
                self.pop();
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    if k.arg.as_deref() == Some("metaclass") {
                        // MINIPY.md: metaclasses are out of scope; refused
                        // before anything runs, like a syntax error.
                        return Err(SourceError::unsupported(
                            "'metaclass=' (metaclasses)",
                            k.line,
                            k.col,
                        )
                        .ending_at(k.end_col));
                    }
                    self.expr(&k.value)?;
                }
                self.bind(&c.name, line);
                self.push(ScopeKind::Class, &c.name, node_id(&**c));
                self.body(&c.body)?;
                self.pop();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.read(n, line);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                // Module and class bodies evaluate the annotation (into
                // `__annotations__`), so its names are reads there; a
                // function body never evaluates it (CPython neither).
                if !self.cur().kind.is_function() {
                    self.expr(annotation)?;
                }
                if let Some(v) = value {
                    self.expr(v)?;
                    self.target(target)?;
                } else if *simple {
                    if let ExprKind::Name(n) = &target.kind {
                        // `x: int` alone makes x a local (never bound).
                        let _ = self.cur().entry(n, line);
                        if self.cur().kind.is_function() {
                            self.cur().entry(n, line).bound = true;
                        }
                    }
                } else {
                    self.expr(target)?;
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    if let Some(t) = &it.optional_vars {
                        self.target(t)?;
                    }
                }
                self.body(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.body(body)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.line);
                    }
                    self.body(&h.body)?;
                }
                self.body(orelse)?;
                self.body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import { names } => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.bind(bound, line);
                }
            }
            StmtKind::ImportFrom { names, .. } => match names {
                ImportNames::Star => {
                    if self.cur().kind != ScopeKind::Module {
                        return Err(SourceError::syntax(
                            "import * only allowed at module level",
                            line,
                            1,
                        )
                        .whole_statement());
                    }
                }
                ImportNames::Names(aliases) => {
                    for a in aliases {
                        self.bind(a.asname.as_ref().unwrap_or(&a.name), line);
                    }
                }
            },
            StmtKind::Global { names } => self.declare(names, true, line)?,
            StmtKind::Nonlocal { names } => self.declare(names, false, line)?,
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// Parameter defaults (evaluated in the enclosing scope).
    pub(super) fn defaults(&mut self, args: &Arguments) -> Result<(), SourceError> {
        for p in args.all() {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    /// Declares the parameters of the current (new) scope.
    pub(super) fn params(&mut self, args: &Arguments, line: u32) {
        for p in args.all() {
            let cur = self.cur();
            cur.params.push(p.name.clone());
            let e = cur.entry(&p.name, line);
            e.param = true;
            e.bound = true;
        }
    }

    /// A name assigned to (or deleted): binds; attributes and subscripts
    /// read their object.
    pub(super) fn target(&mut self, t: &Expr) -> Result<(), SourceError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n, t.line),
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                for e in elts {
                    self.target(e)?;
                }
            }
            ExprKind::Starred { value } => self.target(value)?,
            _ => self.expr(t)?,
        }
        Ok(())
    }
}
