//! Primaries: an atom followed by any number of trailers — calls with
//! every argument form, subscripts with slices and tuples of them, and
//! attribute references.
//!
//! ```text
//!   f(a, *rest, key=1, **opts)   Call { args: [a, Starred rest],
//!                                       keywords: [key=1, **opts] }
//!   f(x for x in xs)             Call { args: [GeneratorExp] }
//!   a[1:2, ::3]                  Subscript { slice: Tuple [Slice, Slice] }
//! ```
//!
//! Trailers are a loop (`f()()()…` nests without recursion). Argument
//! order errors are CPython's ("positional argument follows keyword
//! argument", "Generator expression must be parenthesized", …). Two
//! checks CPython makes after parsing (a repeated keyword, a duplicate
//! parameter) are deferred the same way (`Parser::defer`).
//!
//! Python equivalent: the `primary`, `slices` and `arguments` rules of
//! `Grammar/python.gram`.

use super::limits::cost;
use super::PResult;
use super::Parser;
use crate::ast::{Expr, ExprKind, Keyword};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::Tok;

/// What a parenthesised argument list holds.
pub(super) struct CallArgs {
    /// Positional arguments (`Starred` for `*x`).
    pub args: Vec<Expr>,
    /// `name=value` and `**mapping` arguments.
    pub keywords: Vec<Keyword>,
}

impl Parser {
    /// An atom and its trailers.
    pub(super) fn primary(&mut self) -> PResult {
        let leftmost = self.leftmost;
        let mut e = self.atom()?;
        loop {
            let (line, col) = (e.line, e.col);
            if self.eat_op(".") {
                let attr = self.ident()?;
                let kind = ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                };
                e = self.mk(kind, line, col);
            } else if self.check_op("(") {
                self.next();
                let CallArgs { args, keywords } =
                    self.bracketed(cost::TRAILER, leftmost, |p| p.call_args(")"))?;
                let kind = ExprKind::Call {
                    func: Box::new(e),
                    args,
                    keywords,
                };
                e = self.mk(kind, line, col);
            } else if self.check_op("[") {
                self.next();
                let slice = self.bracketed(cost::TRAILER, leftmost, |p| p.slices())?;
                let kind = ExprKind::Subscript {
                    value: Box::new(e),
                    slice: Box::new(slice),
                };
                e = self.mk(kind, line, col);
            } else {
                break;
            }
        }
        Ok(e)
    }

    /// Arguments up to and including `close` (`)` for a call or a class
    /// header).
    pub(super) fn call_args(&mut self, close: &str) -> Result<CallArgs, SourceError> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        // Where the first keyword (`k=v`) and `**` argument appeared.
        let mut seen_keyword = false;
        let mut seen_double_star = false;
        while !self.check_op(close) {
            let t = self.peek().clone();
            if self.eat_op("**") {
                let value = self.deeper(cost::KEYWORD_VALUE, Parser::expression)?;
                seen_double_star = true;
                keywords.push(keyword(None, &t, value));
            } else if self.check_op("*") {
                self.next();
                if seen_double_star {
                    return Err(SourceError::syntax(
                        "iterable argument unpacking follows keyword argument unpacking",
                        t.line,
                        t.col,
                    ));
                }
                let value = Box::new(self.deeper(cost::KEYWORD_VALUE, Parser::expression)?);
                args.push(self.mk(ExprKind::Starred { value }, t.line, t.col));
            } else if self.at_ident() && matches!(self.peek_at(1), Tok::Op("=")) {
                let name = self.ident()?;
                self.next();
                let value = self.deeper(cost::KEYWORD_VALUE, Parser::expression)?;
                if self.check_kw("for") {
                    return Err(SourceError::syntax(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        t.line,
                        t.col,
                    )
                    .ending_at(value.end_col));
                }
                if keywords.iter().any(|k| k.arg.as_deref() == Some(&name)) {
                    let end = value.end_col;
                    self.defer(
                        SourceError::syntax(
                            format!("keyword argument repeated: {name}"),
                            t.line,
                            t.col,
                        )
                        .ending_at(end),
                    );
                }
                seen_keyword = true;
                keywords.push(keyword(Some(name), &t, value));
            } else {
                let arg = self.named_expression()?;
                if self.check_kw("for") || self.check_kw("async") {
                    let genexp = self.genexp_from(arg)?;
                    let alone = args.is_empty() && keywords.is_empty();
                    if !alone || !self.check_op(close) {
                        let msg = "Generator expression must be parenthesized";
                        let e = SourceError::syntax(msg, genexp.line, genexp.col);
                        return Err(e.ending_at(genexp.end_col));
                    }
                    args.push(genexp);
                    continue;
                }
                if seen_keyword || seen_double_star {
                    let msg = if seen_double_star {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    let next = self.peek();
                    return Err(SourceError::syntax(msg, next.line, next.col));
                }
                self.forgot_comma(&arg)?;
                args.push(arg);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(close)?;
        Ok(CallArgs { args, keywords })
    }

    /// CPython's "Perhaps you forgot a comma?": inside brackets, an
    /// expression directly followed by another one.
    pub(super) fn forgot_comma(&mut self, first: &Expr) -> Result<(), SourceError> {
        if !self.starts_expression() || self.check_kw("not") {
            return Ok(());
        }
        // `print f"…"`-style prefixes and soft keywords are CPython's exceptions.
        let name_then_string = matches!(first.kind, ExprKind::Name(_))
            && matches!(self.peek().tok, Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_));
        if name_then_string {
            return Ok(());
        }
        // The second expression is parsed without this check (CPython's
        // `expression_without_invalid`): only its extent matters.
        // If it does not parse, there is no hint: the cursor goes back and
        // the caller fails on its own.
        let saved = (
            self.pos,
            self.level,
            self.leftmost,
            self.too_deep,
            self.deferred.clone(),
            std::mem::replace(&mut self.in_brackets, 0),
        );
        let second = self.expression();
        self.in_brackets = saved.5;
        let end = match second {
            Ok(second) if second.end_line == first.line => second.end_col,
            Ok(_) => first.end_col,
            Err(e) if e.kind == SourceErrorKind::Memory => return Err(e),
            Err(_) => {
                (
                    self.pos,
                    self.level,
                    self.leftmost,
                    self.too_deep,
                    self.deferred,
                ) = (saved.0, saved.1, saved.2, saved.3, saved.4);
                return Ok(());
            }
        };
        Err(SourceError::syntax(
            "invalid syntax. Perhaps you forgot a comma?",
            first.line,
            first.col,
        )
        .ending_at(end))
    }

    /// The index of a subscript, up to and including `]`: one expression
    /// or slice, or a tuple of them (`a[1:2, ::3]`, `a[*idx]`).
    fn slices(&mut self) -> PResult {
        let first = self.slice_item()?;
        // `a[*idx]` is a one-element tuple, as in CPython.
        let starred = matches!(first.kind, ExprKind::Starred { .. });
        let result = if self.check_op(",") || starred {
            let (line, col) = (first.line, first.col);
            let mut elts = vec![first];
            while self.eat_op(",") {
                if self.check_op("]") {
                    break;
                }
                elts.push(self.slice_item()?);
            }
            self.mk(ExprKind::Tuple { elts }, line, col)
        } else {
            first
        };
        self.expect_op("]")?;
        Ok(result)
    }

    /// `expr`, `*expr`, or `lower:upper:step` with every part optional.
    fn slice_item(&mut self) -> PResult {
        let t = self.peek().clone();
        if self.check_op("*") {
            return self.star_expression();
        }
        let lower = if self.check_op(":") {
            None
        } else {
            let e = self.named_expression()?;
            if !self.check_op(":") {
                self.forgot_comma(&e)?;
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(":")?;
        let part = |p: &mut Parser| -> Result<Option<Box<Expr>>, SourceError> {
            if p.check_op(":") || p.check_op("]") || p.check_op(",") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        Ok(self.mk(ExprKind::Slice { lower, upper, step }, t.line, t.col))
    }
}

/// A keyword argument from its first token (`name` or `**`) and value.
fn keyword(arg: Option<String>, start: &crate::lexer::Token, value: Expr) -> Keyword {
    Keyword {
        arg,
        line: start.line,
        col: start.col,
        end_line: value.end_line,
        end_col: value.end_col,
        value,
    }
}
