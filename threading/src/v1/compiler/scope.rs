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

use crate::ast::{Expr, ExprKind, ImportNames, Stmt, StmtKind};
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
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                elts.iter().for_each(|i| self.bind_target(i))
            }
            ExprKind::Starred { value } => self.bind_target(value),
            _ => {}
        }
    }

    /// Collects bindings of `body` (not descending into nested defs).
    pub fn collect(&mut self, body: &[Stmt]) {
        for s in body {
            match &s.kind {
                StmtKind::Assign { targets, .. } => {
                    targets.iter().for_each(|t| self.bind_target(t))
                }
                StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
                    self.bind_target(target)
                }
                StmtKind::For { target, .. } => self.bind_target(target),
                StmtKind::FunctionDef(f) => self.bind(&f.name),
                StmtKind::ClassDef(c) => self.bind(&c.name),
                StmtKind::Global { names } => names.iter().for_each(|n| {
                    self.globals.insert(n.clone());
                }),
                StmtKind::Try { handlers, .. } => {
                    for h in handlers {
                        if let Some(n) = &h.name {
                            self.bind(n);
                        }
                    }
                }
                StmtKind::With { items, .. } => {
                    for item in items {
                        if let Some(t) = &item.optional_vars {
                            self.bind_target(t);
                        }
                    }
                }
                StmtKind::Import { names } => {
                    for a in names {
                        let first = a.name.split('.').next().unwrap_or(&a.name);
                        self.bind(a.asname.as_deref().unwrap_or(first));
                    }
                }
                StmtKind::ImportFrom {
                    names: ImportNames::Names(names),
                    ..
                } => {
                    for a in names {
                        self.bind(a.asname.as_ref().unwrap_or(&a.name));
                    }
                }
                _ => {}
            }
            if !matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::ClassDef(_)) {
                s.for_each_body(&mut |b| self.collect(b));
            }
        }
    }
}

/// Every name *read* anywhere in `body` (including nested defs), with the
/// line of its first read: used to find closures over enclosing locals.
pub(super) fn names_read(body: &[Stmt], out: &mut Vec<(String, u32)>) {
    for s in body {
        s.for_each_expr(&mut |e| expr_names(e, out));
        s.for_each_body(&mut |b| names_read(b, out));
    }
}

fn expr_names(e: &Expr, out: &mut Vec<(String, u32)>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        if let ExprKind::Name(n) = &e.kind {
            out.push((n.clone(), e.line));
        }
        // A comprehension's own variable is read here too: a conservative
        // over-approximation, fine for closure detection (v1 did the same).
        e.kind.for_each_child(&mut |c| stack.push(c));
    }
}
