//! Expressions, one function per precedence level, lowest first:
//!
//! ```text
//!   a if c else b  <  or  <  and  <  not  <  == < in is  <  + -
//!   <  * / // %  <  unary -  <  **  <  call . [ ]  <  atom
//! ```
//!
//! Each level parses its operands with the next level, so precedence falls
//! out of the call structure. `**` is right-associative and binds tighter
//! than a unary minus on its left (`-2 ** 2 == -4`), as in Python.

use super::Parser;
use crate::ast::{BinOp, BoolOp, CmpOp, Comparison, Expr, ExprKind, Keyword, UnaryOp};
use crate::error::SourceError;
use crate::lexer::Tok;

type PResult = Result<Expr, SourceError>;

/// Positional and keyword arguments of a call.
struct CallArgs {
    /// Positional arguments.
    args: Vec<Expr>,
    /// `name=value` arguments.
    keywords: Vec<Keyword>,
}

impl Parser {
    /// A full expression, including a bare tuple `a, b` (as after `return`
    /// or on the right of `=`).
    pub(super) fn expression_list(&mut self) -> PResult {
        let first = self.expression()?;
        if !self.check_op(",") {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.starts_expression() {
                items.push(self.expression()?);
            } else {
                break;
            }
        }
        Ok(self.mk(ExprKind::Tuple { elts: items }, line, col))
    }

    /// Whether the next token can start an expression.
    pub(super) fn starts_expression(&self) -> bool {
        match &self.peek().tok {
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) | Tok::FStr(_) => true,
            Tok::Name(n) => {
                !super::KEYWORDS.contains(&n.as_str())
                    || matches!(n.as_str(), "None" | "True" | "False" | "not" | "lambda")
            }
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~"),
            _ => false,
        }
    }

    /// `a if c else b` (the top of the precedence ladder).
    pub(super) fn expression(&mut self) -> PResult {
        self.reject_unsupported()?;
        self.enter()?;
        let body = self.or_expr()?;
        let result = if self.check_kw("if") {
            self.next();
            let cond = self.or_expr()?;
            self.expect_kw("else")?;
            let orelse = self.expression()?;
            let (l, c) = (body.line, body.col);
            self.mk(
                ExprKind::IfExp {
                    test: Box::new(cond),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
                l,
                c,
            )
        } else {
            body
        };
        self.depth -= 1;
        Ok(result)
    }

    fn bool_chain(&mut self, kw: &str, is_and: bool) -> PResult {
        let first = if is_and {
            self.not_expr()?
        } else {
            self.bool_chain("and", true)?
        };
        if !self.check_kw(kw) {
            return Ok(first);
        }
        let (l, c) = (first.line, first.col);
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(if is_and {
                self.not_expr()?
            } else {
                self.bool_chain("and", true)?
            });
        }
        let op = if is_and { BoolOp::And } else { BoolOp::Or };
        Ok(self.mk(ExprKind::BoolOp { op, values }, l, c))
    }

    pub(super) fn or_expr(&mut self) -> PResult {
        self.bool_chain("or", false)
    }

    fn not_expr(&mut self) -> PResult {
        if self.check_kw("not") {
            let t = self.next();
            self.enter()?;
            let e = self.not_expr()?;
            self.depth -= 1;
            return Ok(self.mk(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(e),
                },
                t.line,
                t.col,
            ));
        }
        self.comparison()
    }

    fn comp_op(&mut self) -> Option<CmpOp> {
        let op = match &self.peek().tok {
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::Ne,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::Le,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::Ge,
            Tok::Name(n) if n == "in" => CmpOp::In,
            Tok::Name(n) if n == "not" && matches!(self.peek_at(1), Tok::Name(m) if m == "in") => {
                self.pos += 1;
                CmpOp::NotIn
            }
            Tok::Name(n) if n == "is" => {
                if matches!(self.peek_at(1), Tok::Name(m) if m == "not") {
                    self.pos += 1;
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    fn comparison(&mut self) -> PResult {
        let left = self.bitwise()?;
        let mut comparisons = Vec::new();
        while let Some(op) = self.comp_op() {
            comparisons.push(Comparison {
                op,
                right: self.bitwise()?,
            });
        }
        if comparisons.is_empty() {
            return Ok(left);
        }
        let (l, c) = (left.line, left.col);
        Ok(self.mk(
            ExprKind::Compare {
                left: Box::new(left),
                comparisons,
            },
            l,
            c,
        ))
    }

    /// Bitwise operators are valid Python but outside MiniPy.
    fn bitwise(&mut self) -> PResult {
        let e = self.sum()?;
        for op in ["|", "^", "&", "<<", ">>"] {
            if self.check_op(op) {
                let t = self.peek();
                return Err(SourceError::unsupported(
                    &format!("the bitwise operator '{op}'"),
                    t.line,
                    t.col,
                ));
            }
        }
        Ok(e)
    }

    fn binary_level(&mut self, ops: &[(&str, BinOp)], next: fn(&mut Parser) -> PResult) -> PResult {
        let saved = self.depth;
        let mut left = next(self)?;
        'outer: loop {
            for (sym, op) in ops {
                if self.check_op(sym) {
                    self.next();
                    self.enter()?;
                    let right = next(self)?;
                    let (l, c) = (left.line, left.col);
                    left = self.mk(
                        ExprKind::BinOp {
                            left: Box::new(left),
                            op: *op,
                            right: Box::new(right),
                        },
                        l,
                        c,
                    );
                    continue 'outer;
                }
            }
            break;
        }
        self.depth = saved;
        Ok(left)
    }

    fn sum(&mut self) -> PResult {
        self.binary_level(&[("+", BinOp::Add), ("-", BinOp::Sub)], Parser::term)
    }

    fn term(&mut self) -> PResult {
        if self.check_op("@") {
            return Err(self.error_here("invalid syntax"));
        }
        self.binary_level(
            &[
                ("*", BinOp::Mul),
                ("//", BinOp::FloorDiv),
                ("/", BinOp::Div),
                ("%", BinOp::Mod),
            ],
            Parser::unary,
        )
    }

    fn unary(&mut self) -> PResult {
        if self.check_op("-") || self.check_op("+") {
            let t = self.next();
            self.enter()?;
            let e = self.unary()?;
            self.depth -= 1;
            let op = if t.tok == Tok::Op("-") {
                UnaryOp::USub
            } else {
                UnaryOp::UAdd
            };
            return Ok(self.mk(
                ExprKind::UnaryOp {
                    op,
                    operand: Box::new(e),
                },
                t.line,
                t.col,
            ));
        }
        if self.check_op("~") {
            let t = self.peek();
            return Err(SourceError::unsupported(
                "the bitwise operator '~'",
                t.line,
                t.col,
            ));
        }
        self.power()
    }

    fn power(&mut self) -> PResult {
        let base = self.primary()?;
        if self.eat_op("**") {
            self.enter()?;
            let exp = self.unary()?;
            self.depth -= 1;
            let (l, c) = (base.line, base.col);
            return Ok(self.mk(
                ExprKind::BinOp {
                    left: Box::new(base),
                    op: BinOp::Pow,
                    right: Box::new(exp),
                },
                l,
                c,
            ));
        }
        Ok(base)
    }

    fn primary(&mut self) -> PResult {
        let saved = self.depth;
        let mut e = self.atom()?;
        loop {
            let (l, c) = (e.line, e.col);
            if self.eat_op("(") {
                self.enter()?;
                let CallArgs { args, keywords } = self.call_args()?;
                e = self.mk(
                    ExprKind::Call {
                        func: Box::new(e),
                        args,
                        keywords,
                    },
                    l,
                    c,
                );
            } else if self.eat_op("[") {
                self.enter()?;
                let index = self.subscript()?;
                self.expect_op("]")?;
                e = self.mk(
                    ExprKind::Subscript {
                        value: Box::new(e),
                        slice: Box::new(index),
                    },
                    l,
                    c,
                );
            } else if self.eat_op(".") {
                self.enter()?;
                let name = self.ident()?;
                e = self.mk(
                    ExprKind::Attribute {
                        value: Box::new(e),
                        attr: name,
                    },
                    l,
                    c,
                );
            } else {
                break;
            }
        }
        self.depth = saved;
        Ok(e)
    }

    fn call_args(&mut self) -> Result<CallArgs, SourceError> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        while !self.check_op(")") {
            if self.check_op("*") || self.check_op("**") {
                let t = self.peek();
                return Err(SourceError::unsupported(
                    "argument unpacking ('*'/'**' in a call)",
                    t.line,
                    t.col,
                ));
            }
            let is_kw =
                matches!(self.peek().tok, Tok::Name(_)) && matches!(self.peek_at(1), Tok::Op("="));
            if is_kw {
                let t = self.peek().clone();
                let name = self.ident()?;
                self.next();
                if keywords.iter().any(|k| k.arg.as_deref() == Some(&name)) {
                    return Err(SourceError::syntax(
                        format!("keyword argument repeated: {name}"),
                        t.line,
                        t.col,
                    ));
                }
                let value = self.expression()?;
                keywords.push(Keyword {
                    arg: Some(name),
                    line: t.line,
                    col: t.col,
                    end_line: value.end_line,
                    end_col: value.end_col,
                    value,
                });
            } else {
                if !keywords.is_empty() {
                    return Err(self.error_here("positional argument follows keyword argument"));
                }
                let arg = self.expression()?;
                if self.check_kw("for") {
                    let t = self.peek();
                    return Err(SourceError::unsupported(
                        "a generator expression",
                        t.line,
                        t.col,
                    ));
                }
                args.push(arg);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok(CallArgs { args, keywords })
    }

    fn subscript(&mut self) -> PResult {
        let t = self.peek().clone();
        let part = |p: &mut Parser| -> Result<Option<Box<Expr>>, SourceError> {
            if p.check_op(":") || p.check_op("]") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let lower = part(self)?;
        if !self.eat_op(":") {
            return lower
                .map(|b| *b)
                .ok_or_else(|| self.error_here("invalid syntax"));
        }
        let upper = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        Ok(self.mk(ExprKind::Slice { lower, upper, step }, t.line, t.col))
    }

    pub(super) fn unsupported_here(&self, what: &str) -> SourceError {
        let t = self.peek();
        SourceError::unsupported(what, t.line, t.col)
    }

    /// A `for` target: a name or a comma list of names/tuples (no `in`
    /// parsing, which a full expression would swallow).
    pub(super) fn target_list(&mut self) -> PResult {
        let first = self.target_atom()?;
        if !self.check_op(",") {
            return Ok(first);
        }
        let (l, c) = (first.line, first.col);
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.check_kw("in") || self.check_op("=") {
                break;
            }
            items.push(self.target_atom()?);
        }
        Ok(self.mk(ExprKind::Tuple { elts: items }, l, c))
    }

    fn target_atom(&mut self) -> PResult {
        if self.check_op("(") || self.check_op("[") {
            let t = self.next();
            self.enter()?;
            let inner = self.target_list()?;
            self.expect_op(if t.tok == Tok::Op("(") { ")" } else { "]" })?;
            self.depth -= 1;
            return Ok(inner);
        }
        self.primary()
    }
}
