//! The statements that guard a block: `try`/`except`/`else`/`finally`
//! and `with` (several items, parenthesised or not).
//!
//! ```text
//!   with (a as x, b):     parenthesised items — or a parenthesised
//!   with (a, b) as c:     expression: tried as items first, and on any
//!                         other shape parsed again as an expression
//! ```
//!
//! `except*` (exception groups) is valid Python outside MiniPy and refused
//! by name; `except A, B:` is CPython's "multiple exception types must be
//! parenthesized".
//!
//! Python equivalent: the `try_stmt` and `with_stmt` rules of
//! `Grammar/python.gram`.

use super::limits::cost;
use super::targets::Store;
use super::Parser;
use crate::ast::{Handler, Stmt, StmtKind, WithItem};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::Tok;

type SResult = Result<Stmt, SourceError>;

/// The items of a parenthesised `with` header, or why that reading failed
/// (`None`: the header does not start with `(`).
type WithAttempt = Result<Vec<WithItem>, Option<SourceError>>;

impl Parser {
    pub(super) fn try_statement(&mut self) -> SResult {
        let t = self.next();
        let body = self.block("'try' statement", t.line, cost::TRY_BLOCK)?;
        let mut handlers = Vec::new();
        while self.check_kw("except") {
            handlers.push(self.handler()?);
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let finalbody = if self.check_kw("finally") {
            let f = self.next();
            self.block("'finally' statement", f.line, cost::BLOCK)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            // CPython points at the next statement.
            let next = self.peek();
            // (A DEDENT sits on the line it ends at; the end marker on the
            // file's last line; neither has a caret.)
            let (line, col) = match next.tok {
                Tok::Eof | Tok::Dedent | Tok::Newline => (next.line, 0),
                _ => (next.line, next.col),
            };
            return Err(SourceError::syntax(
                "expected 'except' or 'finally' block",
                line,
                col,
            ));
        }
        let kind = StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        };
        Ok(self.mk_compound(kind, t.line, t.col))
    }

    /// `except [type [as name]]: body`.
    fn handler(&mut self) -> Result<Handler, SourceError> {
        let t = self.next();
        if self.check_op("*") {
            let star = self.peek();
            return Err(SourceError::unsupported(
                "'except*' (exception groups)",
                star.line,
                star.col,
            ));
        }
        let (type_, name) = self.at_statement_level(cost::HEADER, |p| {
            if p.check_op(":") {
                return Ok((None, None));
            }
            let type_ = p.expression()?;
            if p.check_op(",") {
                let mut end = type_.end_col;
                while p.eat_op(",") {
                    end = p.expression()?.end_col;
                }
                return Err(SourceError::syntax(
                    "multiple exception types must be parenthesized",
                    type_.line,
                    type_.col,
                )
                .ending_at(end));
            }
            let name = if p.eat_kw("as") {
                Some(p.ident()?)
            } else {
                None
            };
            Ok((Some(type_), name))
        })?;
        let body = self.block("'except' statement", t.line, cost::EXCEPT_BLOCK)?;
        let last = body
            .last()
            .map_or((t.end_line, t.end_col), |s| (s.end_line, s.end_col));
        Ok(Handler {
            type_,
            name,
            body,
            line: t.line,
            col: t.col,
            end_line: last.0,
            end_col: last.1,
        })
    }

    /// `with a as x, b:` or `with (a as x, b):` (`async_start`: where
    /// `async` began).
    pub(super) fn with_statement(&mut self, async_start: Option<(u32, u32)>) -> SResult {
        let t = self.next();
        let (line, col) = async_start.unwrap_or((t.line, t.col));
        let items = match self.parenthesized_with_items()? {
            Ok(items) => items,
            Err(attempt_error) => self
                .at_statement_level(cost::HEADER, |p| {
                    let mut items = vec![p.with_item()?];
                    while p.eat_op(",") {
                        items.push(p.deeper(cost::SMALL_STEP, Parser::with_item)?);
                    }
                    Ok(items)
                })
                .map_err(|e| further_error(e, attempt_error))?,
        };
        let body = self.block("'with' statement", t.line, cost::BLOCK)?;
        let kind = StmtKind::With {
            items,
            body,
            is_async: async_start.is_some(),
        };
        Ok(self.mk_compound(kind, line, col))
    }

    /// Tries `( item, item, … ) :`; on any other shape, puts the cursor
    /// back (the header is then an ordinary expression such as `(a, b)`)
    /// and hands back why the attempt failed. The retry parses the header
    /// at most twice: linear.
    fn parenthesized_with_items(&mut self) -> Result<WithAttempt, SourceError> {
        if !self.check_op("(") {
            return Ok(Err(None));
        }
        let saved = (
            self.pos,
            self.level,
            self.leftmost,
            self.too_deep,
            self.deferred.clone(),
            self.in_brackets,
        );
        let attempt = self.at_statement_level(cost::HEADER, |p| {
            p.next();
            p.in_brackets += 1;
            let mut items = vec![p.with_item()?];
            while p.eat_op(",") {
                if p.check_op(")") {
                    break;
                }
                items.push(p.with_item()?);
            }
            p.in_brackets -= 1;
            p.expect_op(")")?;
            if !p.check_op(":") {
                return Err(p.invalid());
            }
            Ok(items)
        });
        match attempt {
            Ok(items) => Ok(Ok(items)),
            Err(e) if matches!(e.kind, SourceErrorKind::Memory) => Err(e),
            Err(e) => {
                (
                    self.pos,
                    self.level,
                    self.leftmost,
                    self.too_deep,
                    self.deferred,
                    self.in_brackets,
                ) = saved;
                Ok(Err(Some(e)))
            }
        }
    }

    fn with_item(&mut self) -> Result<WithItem, SourceError> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat_kw("as") {
            // One target: the comma after it starts the next item.
            let target = self.star_target()?;
            // CPython names a bad target only where an item may end.
            if !(self.check_op(",") || self.check_op(")") || self.check_op(":")) {
                return Err(self.invalid());
            }
            self.check_store_target(&target, Store::For)?;
            Some(target)
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }
}

/// Which error to report when both readings of a `with` header fail. As
/// CPython: a specific error found in the parenthesised reading (its
/// second pass tries that reading first), else the generic error that got
/// further (it reports the furthest token its parser reached).
fn further_error(plain: SourceError, attempt: Option<SourceError>) -> SourceError {
    let generic = |e: &SourceError| e.msg == "invalid syntax";
    match attempt {
        Some(a) if !generic(&a) => a,
        Some(a) if generic(&plain) && (a.line, a.col) > (plain.line, plain.col) => a,
        _ => plain,
    }
}
