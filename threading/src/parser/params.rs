//! Parameter lists of `def` and `lambda`, in CPython's five groups, with
//! its messages for the orders Python forbids.
//!
//! ```text
//!   def f(a, b=1, /, c=2, *args, d, e=3, **kw)
//!         └ posonly ┘  └args┘ └vararg┘ └kwonly┘ └kwarg┘
//!   def f(a=1, b): …     non-default argument follows default argument
//!   def f(*): …          named arguments must follow bare *
//!   def f(a, a): …       duplicate argument 'a' in function definition  (deferred)
//! ```
//!
//! A lambda's list is the same without annotations, ending at `:`.
//! "duplicate argument" is found by CPython's symbol table, after parsing,
//! so it is deferred (`Parser::defer`).
//!
//! Python equivalent: the `parameters`/`lambda_parameters` rules and
//! `invalid_parameters` in `Grammar/python.gram`.

use super::limits::cost;
use super::Parser;
use crate::ast::{Arguments, Expr, Param};
use crate::error::SourceError;
use crate::lexer::Tok;

/// Which slot a parameter fills (what `=` after it means).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// An ordinary or keyword-only parameter: `=` gives a default.
    Plain,
    /// `*args`: no default allowed.
    VarPositional,
    /// `**kwargs`: no default allowed.
    VarKeyword,
}

/// Which kind of list is being parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    /// `def f(…)`: annotations allowed, ends at `)`.
    Def,
    /// `lambda …:`: no annotations, ends at `:`.
    Lambda,
}

impl Parser {
    /// `(…)` of a `def`, after the `(`, up to and including the `)`.
    pub(super) fn def_params(&mut self) -> Result<Arguments, SourceError> {
        // Inside the parentheses (for "Perhaps you forgot a comma?").
        self.in_brackets += 1;
        let args = self.param_list(ListKind::Def)?;
        self.in_brackets -= 1;
        self.expect_op(")")?;
        Ok(args)
    }

    /// The parameters of a lambda, up to (not including) its `:`.
    pub(super) fn lambda_params(&mut self) -> Result<Arguments, SourceError> {
        self.param_list(ListKind::Lambda)
    }

    fn param_list(&mut self, kind: ListKind) -> Result<Arguments, SourceError> {
        let close = match kind {
            ListKind::Def => ")",
            ListKind::Lambda => ":",
        };
        let mut a = Arguments::default();
        // A bare `*` or `*args` has been seen: later names are keyword-only.
        let mut star: Option<(u32, u32)> = None;
        let mut seen_slash = false;
        let mut seen_default = false;
        while !self.check_op(close) {
            let t = self.peek().clone();
            if a.kwarg.is_some() {
                return Err(SourceError::syntax(
                    "arguments cannot follow var-keyword argument",
                    t.line,
                    t.col,
                ));
            }
            if self.eat_op("/") {
                if seen_slash {
                    return Err(SourceError::syntax("/ may appear only once", t.line, t.col));
                }
                if star.is_some() {
                    return Err(SourceError::syntax("/ must be ahead of *", t.line, t.col));
                }
                if a.args.is_empty() {
                    return Err(SourceError::syntax(
                        "at least one argument must precede /",
                        t.line,
                        t.col,
                    ));
                }
                seen_slash = true;
                a.posonly = std::mem::take(&mut a.args);
            } else if self.eat_op("*") {
                if star.is_some() {
                    return Err(SourceError::syntax(
                        "* argument may appear only once",
                        t.line,
                        t.col,
                    ));
                }
                star = Some((t.line, t.col));
                if self.check_op(",") || self.check_op(close) {
                    let bare_end = self.check_op(close)
                        || matches!(self.peek_at(1), Tok::Op("**"))
                        || matches!(self.peek_at(1), Tok::Op(o) if *o == close);
                    if bare_end {
                        return Err(SourceError::syntax(
                            "named arguments must follow bare *",
                            t.line,
                            t.col,
                        ));
                    }
                } else {
                    a.vararg = Some(self.param(kind, Slot::VarPositional)?);
                }
            } else if self.eat_op("**") {
                a.kwarg = Some(self.param(kind, Slot::VarKeyword)?);
            } else {
                let p = self.param(kind, Slot::Plain)?;
                if star.is_some() {
                    a.kwonly.push(p);
                } else {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err(SourceError::syntax(
                            "non-default argument follows default argument",
                            p.line,
                            p.col,
                        )
                        .ending_at(p.end_col));
                    }
                    a.args.push(p);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if !self.check_op(close) {
            return Err(self.invalid());
        }
        self.check_duplicates(&a);
        Ok(a)
    }

    /// One `name[: annotation][= default]`.
    fn param(&mut self, kind: ListKind, slot: Slot) -> Result<Param, SourceError> {
        let t = self.peek().clone();
        let name = self.ident()?;
        let annotation = if kind == ListKind::Def && self.eat_op(":") {
            Some(self.at_statement_level(cost::DEF_DEFAULT, Parser::expression)?)
        } else {
            None
        };
        let default = match (slot, self.check_op("=")) {
            (_, false) => None,
            (Slot::Plain, true) => {
                self.next();
                Some(self.default_value(kind)?)
            }
            (Slot::VarPositional, true) => {
                return Err(self.error_here("var-positional argument cannot have default value"))
            }
            (Slot::VarKeyword, true) => {
                return Err(self.error_here("var-keyword argument cannot have default value"))
            }
        };
        Ok(Param {
            name,
            annotation,
            default,
            line: t.line,
            col: t.col,
            end_line: t.end_line,
            end_col: t.end_col,
        })
    }

    fn default_value(&mut self, kind: ListKind) -> Result<Expr, SourceError> {
        match kind {
            ListKind::Def => self.at_statement_level(cost::DEF_DEFAULT, Parser::expression),
            ListKind::Lambda => self.deeper(cost::LAMBDA_DEFAULT, Parser::expression),
        }
    }

    /// Defers "duplicate argument 'a' in function definition" (CPython's
    /// symbol table finds it after parsing).
    fn check_duplicates(&mut self, a: &Arguments) {
        let mut seen: Vec<&str> = Vec::new();
        for p in a.all() {
            if seen.contains(&p.name.as_str()) {
                self.defer(
                    SourceError::syntax(
                        format!("duplicate argument '{}' in function definition", p.name),
                        p.line,
                        p.col,
                    )
                    .ending_at(p.end_col),
                );
                return;
            }
            seen.push(&p.name);
        }
    }
}
