//! The symbol table's first pass, expressions: names read, walrus targets,
//! `lambda` and comprehension scopes, and the `yield` placement errors.
//!
//! A comprehension is a function scope of its own (as in CPython 3.11):
//! its first iterable is evaluated in the enclosing scope, the rest
//! inside; a walrus inside it binds in the enclosing function.
//!
//! Python equivalent: `symtable_visit_expr`, `symtable_handle_comprehension`
//! in `Python/symtable.c`.
//!
//! Needs: the parent `mod.rs` (the scope tree) and `record.rs` (the
//! builder).

use super::record::Builder;
use super::{node_id, ScopeKind};
use crate::ast::{Comprehension, Expr, ExprKind};
use crate::error::SourceError;

impl Builder {
    pub(super) fn comprehension(
        &mut self,
        node: usize,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
        is_genexp: bool,
    ) -> Result<(), SourceError> {
        // The first iterable is evaluated outside, in the enclosing scope.
        if let Some(first) = generators.first() {
            self.expr(&first.iter)?;
        }
        self.push(ScopeKind::Comprehension, name, node);
        self.cur().params.push(".0".to_string());
        self.cur().entry(".0", 0).param = true;
        if let Some(e) = self.cur().uses.get_mut(".0") {
            e.bound = true;
        }
        self.cur().is_generator = is_genexp;
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            for c in &g.ifs {
                self.expr(c)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        self.pop();
        Ok(())
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Result<(), SourceError> {
        match &e.kind {
            ExprKind::Name(n) => self.read(n, e.line),
            ExprKind::Lambda { args, body } => {
                self.defaults(args)?;
                self.push(ScopeKind::Lambda, "<lambda>", node_id(e));
                self.params(args, e.line);
                self.expr(body)?;
                self.pop();
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(node_id(e), "<listcomp>", generators, &[elt], false)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(node_id(e), "<setcomp>", generators, &[elt], false)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(node_id(e), "<genexpr>", generators, &[elt], true)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(node_id(e), "<dictcomp>", generators, &[key, value], false)?,
            ExprKind::Yield { value } => {
                self.check_yield(e)?;
                self.cur().is_generator = true;
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield(e)?;
                self.cur().is_generator = true;
                self.expr(value)?;
            }
            ExprKind::Await { value } => {
                let kind = self.cur().kind;
                let ok = self.cur().is_coroutine || kind == ScopeKind::Comprehension;
                if !ok {
                    let err = SourceError::syntax("'await' outside async function", e.line, e.col);
                    return Err(if e.end_line == e.line {
                        err.ending_at(e.end_col)
                    } else {
                        err
                    });
                }
                self.expr(value)?;
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    // Binds in the nearest scope that is not a
                    // comprehension; the comprehensions in between see it
                    // as a free variable (or a global at module level).
                    let idx = self
                        .stack
                        .iter()
                        .rposition(|s| s.kind != ScopeKind::Comprehension)
                        .unwrap_or(0);
                    let line = e.line;
                    if idx + 1 < self.stack.len() {
                        if self.stack[idx].kind == ScopeKind::Class {
                            return Err(SourceError::syntax(
                                "assignment expression within a comprehension cannot be used in a class body",
                                line,
                                e.col,
                            ));
                        }
                        self.stack[idx].entry(n, line).bound = true;
                        let module = self.stack[idx].kind == ScopeKind::Module;
                        for s in &mut self.stack[idx + 1..] {
                            let u = s.entry(n, line);
                            u.read = true;
                            if module {
                                u.global = true;
                            } else {
                                u.nonlocal = true;
                            }
                        }
                    } else {
                        self.bind(n, line);
                    }
                }
            }
            other => {
                let mut err = Ok(());
                other.for_each_child(&mut |c| {
                    if err.is_ok() {
                        err = self.expr(c);
                    }
                });
                err?;
            }
        }
        Ok(())
    }

    pub(super) fn check_yield(&mut self, e: &Expr) -> Result<(), SourceError> {
        match self.cur().kind {
            ScopeKind::Module | ScopeKind::Class => {
                let err = SourceError::syntax("'yield' outside function", e.line, e.col);
                Err(if e.end_line == e.line {
                    err.ending_at(e.end_col)
                } else {
                    err
                })
            }
            ScopeKind::Comprehension => {
                let what = self.cur().name.trim_matches(['<', '>']).to_string();
                let what = match what.as_str() {
                    "listcomp" => "list comprehension",
                    "setcomp" => "set comprehension",
                    "dictcomp" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(SourceError::syntax(
                    format!("'yield' inside {what}"),
                    e.line,
                    e.col,
                ))
            }
            _ => Ok(()),
        }
    }
}
