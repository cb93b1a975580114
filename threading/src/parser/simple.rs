//! Simple statements: the ones that fit on a line, several per line with
//! `;` — expression statements, every assignment form, `return`, `raise`,
//! `del`, `assert`, `global`, `nonlocal`, `pass`/`break`/`continue`, and
//! imports.
//!
//! ```text
//!   a = b = f(x)          Assign { targets: [a, b], value: Call }
//!   x: int = 0            AnnAssign { simple: true, … }
//!   total += n            AugAssign { op: Add, … }
//!   from a.b import c as d, e      ImportFrom { module: "a.b", names: Names […] }
//! ```
//!
//! Python equivalent: the `simple_stmt` rules of `Grammar/python.gram`.

use super::limits::cost;
use super::targets::Store;
use super::Parser;
use crate::ast::{Alias, BinOp, Expr, ExprKind, ImportNames, Stmt, StmtKind};
use crate::error::SourceError;
use crate::lexer::Tok;

type SResult = Result<Stmt, SourceError>;

impl Parser {
    /// `simple (';' simple)* [';'] NEWLINE`, pushed onto `out`.
    pub(super) fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> Result<(), SourceError> {
        loop {
            out.push(self.simple_statement()?);
            if !self.eat_op(";") || self.check_tok(&Tok::Newline) || self.at_eof() {
                break;
            }
        }
        if !self.check_tok(&Tok::Newline) && !self.at_eof() {
            return Err(self.invalid());
        }
        self.next();
        Ok(())
    }

    fn simple_statement(&mut self) -> SResult {
        let t = self.peek().clone();
        let (line, col) = (t.line, t.col);
        let word = match &t.tok {
            Tok::Name(n) => n.as_str(),
            _ => "",
        };
        let kind = match word {
            "pass" | "break" | "continue" => {
                self.next();
                match word {
                    "pass" => StmtKind::Pass,
                    "break" => StmtKind::Break,
                    _ => StmtKind::Continue,
                }
            }
            "return" => {
                self.next();
                let value = if self.starts_expression() || self.check_op("*") {
                    Some(self.at_statement_level(cost::RETURN, Parser::star_expressions)?)
                } else {
                    None
                };
                StmtKind::Return { value }
            }
            "raise" => {
                self.next();
                self.at_statement_level(cost::KEYWORD_STMT, Parser::raise_rest)?
            }
            "global" | "nonlocal" => {
                self.next();
                let mut names = vec![self.ident()?];
                while self.eat_op(",") {
                    names.push(self.ident()?);
                }
                if word == "global" {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            "del" => {
                self.next();
                let targets = self.at_statement_level(cost::EXPR_STMT, Parser::del_targets)?;
                StmtKind::Delete { targets }
            }
            "assert" => {
                self.next();
                self.at_statement_level(cost::KEYWORD_STMT, |p| {
                    let test = p.expression()?;
                    let msg = if p.eat_op(",") {
                        Some(p.expression()?)
                    } else {
                        None
                    };
                    Ok(StmtKind::Assert { test, msg })
                })?
            }
            "import" => {
                self.next();
                let mut names = vec![self.dotted_alias()?];
                while self.eat_op(",") {
                    names.push(self.dotted_alias()?);
                }
                StmtKind::Import { names }
            }
            "from" => {
                self.next();
                self.parse_from_import()?
            }
            _ => return self.expression_statement(line, col),
        };
        Ok(self.mk_stmt(kind, line, col))
    }

    /// After `raise`: `[exc [from cause]]`.
    fn raise_rest(&mut self) -> Result<StmtKind, SourceError> {
        if !self.starts_expression() {
            return Ok(StmtKind::Raise {
                exc: None,
                cause: None,
            });
        }
        let exc = Some(self.expression()?);
        let cause = if self.eat_kw("from") {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(StmtKind::Raise { exc, cause })
    }

    /// `del a, b[i], c.d` (a trailing comma allowed).
    fn del_targets(&mut self) -> Result<Vec<Expr>, SourceError> {
        let mut targets = Vec::new();
        loop {
            let e = self.deeper(cost::SMALL_STEP, Parser::bitwise_or)?;
            self.check_store_target(&e, Store::Del)?;
            targets.push(e);
            if !self.eat_op(",") || !self.starts_expression() {
                break;
            }
        }
        Ok(targets)
    }

    /// `a.b.c [as d]` in an `import`.
    fn dotted_alias(&mut self) -> Result<Alias, SourceError> {
        let t = self.peek().clone();
        let name = self.dotted_name()?;
        let asname = if self.eat_kw("as") {
            Some(self.ident()?)
        } else {
            None
        };
        let end = self.prev();
        Ok(Alias {
            name,
            asname,
            line: t.line,
            col: t.col,
            end_line: end.end_line,
            end_col: end.end_col,
        })
    }

    fn dotted_name(&mut self) -> Result<String, SourceError> {
        let mut name = self.ident()?;
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.ident()?);
        }
        Ok(name)
    }

    /// After `from`: `module import (names | '(' names ')' | '*')`.
    fn parse_from_import(&mut self) -> Result<StmtKind, SourceError> {
        if self.check_op(".") || self.check_op("...") {
            let t = self.peek();
            return Err(SourceError::unsupported(
                "a relative import ('from . import …')",
                t.line,
                t.col,
            ));
        }
        let module = self.dotted_name()?;
        self.expect_kw("import")?;
        if self.eat_op("*") {
            return Ok(StmtKind::ImportFrom {
                module,
                names: ImportNames::Star,
            });
        }
        let paren = self.eat_op("(");
        let mut names = Vec::new();
        loop {
            let t = self.peek().clone();
            let name = self.ident()?;
            let asname = if self.eat_kw("as") {
                Some(self.ident()?)
            } else {
                None
            };
            let end = self.prev();
            names.push(Alias {
                name,
                asname,
                line: t.line,
                col: t.col,
                end_line: end.end_line,
                end_col: end.end_col,
            });
            if !self.eat_op(",") {
                break;
            }
            if paren && self.check_op(")") {
                break;
            }
            if !paren && !self.at_ident() {
                let comma = self.prev();
                return Err(SourceError::syntax(
                    "trailing comma not allowed without surrounding parentheses",
                    comma.line,
                    comma.end_col,
                ));
            }
        }
        if paren {
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names: ImportNames::Names(names),
        })
    }

    /// A statement value: `yield …` or `star_expressions`.
    fn statement_value(&mut self) -> Result<Expr, SourceError> {
        if self.check_kw("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// An expression statement or an assignment of any form.
    fn expression_statement(&mut self, line: u32, col: u32) -> SResult {
        let first_tok = self.peek().clone();
        let first = self.at_statement_level(cost::EXPR_STMT, Parser::statement_value)?;
        if self.eat_op(":") {
            self.check_ann_target(&first)?;
            let simple =
                matches!(first.kind, ExprKind::Name(_)) && matches!(first_tok.tok, Tok::Name(_));
            let annotation = self.at_statement_level(cost::ASSIGN_VALUE, Parser::expression)?;
            let value = if self.eat_op("=") {
                Some(self.at_statement_level(cost::ANN_VALUE, Parser::statement_value)?)
            } else {
                None
            };
            let kind = StmtKind::AnnAssign {
                target: first,
                annotation,
                value,
                simple,
            };
            return Ok(self.mk_stmt(kind, line, col));
        }
        if let Tok::Op(sym) = self.peek().tok {
            if let Some(op) = BinOp::from_augmented(sym).filter(|_| sym.len() >= 2) {
                self.check_aug_target(&first)?;
                self.next();
                let value = self.at_statement_level(cost::ASSIGN_VALUE, Parser::statement_value)?;
                let kind = StmtKind::AugAssign {
                    target: first,
                    op,
                    value,
                };
                return Ok(self.mk_stmt(kind, line, col));
            }
        }
        if !self.check_op("=") {
            self.legacy_print(&first)?;
            if !self.check_tok(&Tok::Newline) && !self.check_op(";") && !self.at_eof() {
                if self.check_op(":=") {
                    return Err(self.invalid());
                }
                return Err(self.invalid());
            }
            return Ok(self.mk_stmt(StmtKind::Expr(first), line, col));
        }
        let mut targets = vec![first];
        while self.eat_op("=") {
            targets.push(self.at_statement_level(cost::ASSIGN_VALUE, Parser::statement_value)?);
        }
        let value = targets.pop().unwrap_or_else(|| unreachable_value(line));
        let last = targets.len().saturating_sub(1);
        for (i, t) in targets.iter().enumerate() {
            let store = if i == last && bitwise_level(t) {
                Store::AssignHere
            } else {
                Store::Assign
            };
            self.check_store_target(t, store)?;
        }
        Ok(self.mk_stmt(StmtKind::Assign { targets, value }, line, col))
    }

    /// `print "hi"`: CPython's "Missing parentheses in call to 'print'".
    fn legacy_print(&mut self, first: &Expr) -> Result<(), SourceError> {
        let ExprKind::Name(n) = &first.kind else {
            return Ok(());
        };
        if !(n == "print" || n == "exec") || !self.starts_expression() {
            return Ok(());
        }
        let rest = self.star_expressions()?;
        Err(SourceError::syntax(
            format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
            first.line,
            first.col,
        )
        .ending_at(if rest.end_line == first.line {
            rest.end_col
        } else {
            first.end_col
        }))
    }
}

/// Whether `e` is an expression CPython's "cannot assign to … here. Maybe
/// you meant '==' instead of '='?" rule can see (one below comparisons).
fn bitwise_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::UnaryOp {
                op: crate::ast::UnaryOp::Not,
                ..
            }
    )
}

/// The assignment chain always holds the first expression, so this is
/// never reached; it exists so no input can make the parser panic.
fn unreachable_value(line: u32) -> Expr {
    Expr::new(ExprKind::Const(crate::ast::Const::None), line, 1, line, 1)
}
