//! Scope analysis for one function body: which names are locals, which are
//! declared `global`, and which free names a nested `def` reads.
//!
//! ```text
//!   def f(a):          params            → locals {a}
//!       global g       declared global   → never local
//!       b = a; g = b   assigned          → locals {a, b}
//!       for i in ...   loop targets      → locals {a, b, i}
//! ```
//!
//! Python equivalent: `Python/symtable.c` (without cell/free variables).

use crate::ast::{Expr, ExprKind, FPart, Stmt, StmtKind};
use std::collections::HashSet;

/// Names bound and declared in one function body.
#[derive(Default)]
pub(super) struct Scope {
    /// Names assigned in the body (in first-seen order).
    pub assigned: Vec<String>,
    /// Names declared `global`.
    pub globals: HashSet<String>,
}

impl Scope {
    fn bind(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
    }

    fn bind_target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.bind_target(i))
            }
            _ => {}
        }
    }

    /// Collects bindings of `body` (not descending into nested defs).
    pub fn collect(&mut self, body: &[Stmt]) {
        for s in body {
            match &s.kind {
                StmtKind::Assign(targets, _) => targets.iter().for_each(|t| self.bind_target(t)),
                StmtKind::AugAssign(t, ..) => self.bind_target(t),
                StmtKind::For(t, _, b, e) => {
                    self.bind_target(t);
                    self.collect(b);
                    self.collect(e);
                }
                StmtKind::While(_, b, e) | StmtKind::If(_, b, e) => {
                    self.collect(b);
                    self.collect(e);
                }
                StmtKind::Def(f) => self.bind(&f.name),
                StmtKind::Global(names) => names.iter().for_each(|n| {
                    self.globals.insert(n.clone());
                }),
                StmtKind::Try(b, handlers, e, f) => {
                    self.collect(b);
                    for h in handlers {
                        if let Some(n) = &h.name {
                            self.bind(n);
                        }
                        self.collect(&h.body);
                    }
                    self.collect(e);
                    self.collect(f);
                }
                StmtKind::With(_, t, b) => {
                    if let Some(t) = t {
                        self.bind_target(t);
                    }
                    self.collect(b);
                }
                StmtKind::Import(m, alias) => self.bind(alias.as_ref().unwrap_or(m)),
                StmtKind::ImportFrom(_, names) => {
                    for (n, a) in names {
                        self.bind(a.as_ref().unwrap_or(n));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Every name *read* anywhere in `body` (including nested defs), with the
/// line of its first read: used to find closures over enclosing locals.
pub(super) fn names_read(body: &[Stmt], out: &mut Vec<(String, u32)>) {
    for s in body {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => {
                expr_names(e, out)
            }
            StmtKind::Assign(t, v) => {
                t.iter().for_each(|t| expr_names(t, out));
                expr_names(v, out);
            }
            StmtKind::AugAssign(t, _, v) => {
                expr_names(t, out);
                expr_names(v, out);
            }
            StmtKind::If(c, b, e) | StmtKind::While(c, b, e) => {
                expr_names(c, out);
                names_read(b, out);
                names_read(e, out);
            }
            StmtKind::For(t, i, b, e) => {
                expr_names(t, out);
                expr_names(i, out);
                names_read(b, out);
                names_read(e, out);
            }
            StmtKind::Def(f) => {
                f.defaults.iter().for_each(|d| expr_names(d, out));
                names_read(&f.body, out);
            }
            StmtKind::Try(b, h, e, f) => {
                names_read(b, out);
                for h in h {
                    if let Some(c) = &h.class {
                        expr_names(c, out);
                    }
                    names_read(&h.body, out);
                }
                names_read(e, out);
                names_read(f, out);
            }
            StmtKind::With(c, _, b) => {
                expr_names(c, out);
                names_read(b, out);
            }
            StmtKind::Assert(t, m) => {
                expr_names(t, out);
                if let Some(m) = m {
                    expr_names(m, out);
                }
            }
            _ => {}
        }
    }
}

fn expr_names(e: &Expr, out: &mut Vec<(String, u32)>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Name(n) => out.push((n.clone(), e.line)),
            ExprKind::Const(_) => {}
            ExprKind::Bin(_, a, b) | ExprKind::BoolOp(_, a, b) | ExprKind::Subscript(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            ExprKind::Unary(_, a) | ExprKind::Not(a) | ExprKind::Attr(a, _) => stack.push(a),
            ExprKind::Compare(a, rest) => {
                stack.push(a);
                rest.iter().for_each(|(_, r)| stack.push(r));
            }
            ExprKind::IfExp(a, b, c) => {
                stack.push(a);
                stack.push(b);
                stack.push(c);
            }
            ExprKind::Call(f, args, kw) => {
                stack.push(f);
                args.iter().for_each(|a| stack.push(a));
                kw.iter().for_each(|(_, a)| stack.push(a));
            }
            ExprKind::Slice(a, b, c) => [a, b, c].into_iter().flatten().for_each(|x| stack.push(x)),
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                items.iter().for_each(|i| stack.push(i))
            }
            ExprKind::Dict(items) => items.iter().for_each(|(k, v)| {
                stack.push(k);
                stack.push(v);
            }),
            ExprKind::ListComp(elt, _, iter, cond) => {
                // The comprehension's own variable is not a free name; a
                // conservative read of `elt` is fine for closure detection
                // only when it is not the loop variable, handled by caller.
                stack.push(iter);
                if let Some(c) = cond {
                    stack.push(c);
                }
                stack.push(elt);
            }
            ExprKind::FString(parts) => parts.iter().for_each(|p| {
                if let FPart::Value(v, ..) = p {
                    stack.push(v);
                }
            }),
        }
    }
}
