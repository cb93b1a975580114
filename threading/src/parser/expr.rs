//! Expressions above the arithmetic operators, lowest precedence first:
//!
//! ```text
//!   lambda, … if … else …  <  or  <  and  <  not  <  == < in is …
//!   <  the binary operators | ^ & << >> + - * / // % @ (arith.rs)
//!   <  unary - + ~  <  **  <  await  <  primary  <  atom
//! ```
//!
//! Each level parses its operands with the next one, so precedence falls
//! out of the call structure; `and`/`or` chains and comparison chains are
//! one node each, as in CPython. Every bracket re-enters this ladder, so
//! it is kept short (small levels are inlined, `and`/`or` share a frame,
//! the binary operators are one frame): 200 nested brackets — the most the
//! tokenizer allows — fit a 2 MiB thread stack.
//!
//! The chains that nest *without brackets* are loops too, folded from the
//! right once the last operand is parsed: prefix operators (`- - -x`,
//! `not not x`), `**` (right-associative: `2 ** -3 ** 2` is
//! `2 ** (-(3 ** 2))`), `lambda: lambda: x` and `a if c else b if d else e`.
//! Recursion would have used a native stack frame per operator; a 100,000
//! minus input must end in CPython's `MemoryError`, not a stack overflow
//! (`limits.rs` charges each link what it costs CPython).

use super::limits::cost;
use super::{PResult, Parser};
use crate::ast::{Arguments, BoolOp, CmpOp, Comparison, Expr, ExprKind, UnaryOp};
use crate::error::SourceError;
use crate::lexer::Tok;

/// One pending link of a `lambda`/`if`–`else` chain, closed by the
/// expression that ends the chain.
enum Link {
    /// `lambda args:` whose body comes next.
    Lambda {
        /// The parameters.
        args: Box<Arguments>,
        /// Where `lambda` starts.
        line: u32,
        /// Its column.
        col: u32,
    },
    /// `body if test else` whose `else` branch comes next.
    IfElse {
        /// The value when true.
        body: Expr,
        /// The condition.
        test: Expr,
    },
}

impl Parser {
    /// Whether the next token can start an expression.
    pub(super) fn starts_expression(&self) -> bool {
        match &self.peek().tok {
            Tok::Int(_)
            | Tok::BigInt(_)
            | Tok::Float(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FStr(_)
            | Tok::Invalid(_) => true,
            Tok::Name(n) => {
                !super::KEYWORDS.contains(&n.as_str())
                    || matches!(
                        n.as_str(),
                        "None" | "True" | "False" | "not" | "lambda" | "await"
                    )
            }
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~" | "..."),
            _ => false,
        }
    }

    /// `star_expressions`: `a`, or `a, *b, c` as a tuple (a trailing comma
    /// makes a one-element tuple). Statement values, `return`, `for … in`.
    pub(super) fn star_expressions(&mut self) -> PResult {
        let first = self.star_expression()?;
        if !self.check_op(",") {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !(self.starts_expression() || self.check_op("*")) {
                break;
            }
            elts.push(self.deeper(cost::TUPLE_ITEM, Parser::star_expression)?);
        }
        Ok(self.mk(ExprKind::Tuple { elts }, line, col))
    }

    /// `*bitwise_or` or an expression.
    #[inline(always)]
    pub(super) fn star_expression(&mut self) -> PResult {
        if self.check_op("*") {
            let t = self.next();
            self.leftmost = false;
            let value = Box::new(self.shallower(cost::BELOW_EXPRESSION, Parser::bitwise_or)?);
            return Ok(self.mk(ExprKind::Starred { value }, t.line, t.col));
        }
        self.expression()
    }

    /// `NAME := expression` or an expression.
    #[inline(always)]
    pub(super) fn named_expression(&mut self) -> PResult {
        if self.at_ident() && matches!(self.peek_at(1), Tok::Op(":=")) {
            let t = self.next();
            self.next();
            self.leftmost = false;
            self.descend(1)?;
            let value = self.expression()?;
            self.ascend(1);
            let target = Box::new(Expr::new(
                ExprKind::Name(match t.tok {
                    Tok::Name(n) => n,
                    _ => String::new(),
                }),
                t.line,
                t.col,
                t.end_line,
                t.end_col,
            ));
            let kind = ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            };
            return Ok(self.mk(kind, t.line, t.col));
        }
        let e = self.expression()?;
        if self.check_op(":=") {
            let msg = format!(
                "cannot use assignment expressions with {}",
                super::targets::expr_name(&e)
            );
            return Err(SourceError::syntax(msg, e.line, e.col).ending_at(e.end_col));
        }
        Ok(e)
    }

    /// `expression`: a chain of `lambda …:` and `… if … else` links ending
    /// in a disjunction, parsed as a loop and folded from the right.
    pub(super) fn expression(&mut self) -> PResult {
        let mut links: Vec<Link> = Vec::new();
        let mut charged = 0;
        let last = loop {
            if self.check_kw("lambda") {
                let t = self.next();
                self.leftmost = false;
                let args = self.lambda_params()?;
                self.expect_op(":")?;
                self.descend(cost::LAMBDA)?;
                charged += cost::LAMBDA;
                links.push(Link::Lambda {
                    args: Box::new(args),
                    line: t.line,
                    col: t.col,
                });
                continue;
            }
            let start = self.pos;
            let body = self.disjunction()?;
            if !self.check_kw("if") {
                if self.in_brackets > 0 && !self.soft_start(start) {
                    self.forgot_comma(&body)?;
                }
                break body;
            }
            self.next();
            let test = self.disjunction()?;
            if !self.eat_kw("else") {
                let end = self.prev().end_col;
                return Err(SourceError::syntax(
                    "expected 'else' after 'if' expression",
                    body.line,
                    body.col,
                )
                .ending_at(end));
            }
            self.descend(cost::IF_ELSE)?;
            charged += cost::IF_ELSE;
            links.push(Link::IfElse { body, test });
        };
        self.ascend(charged);
        let mut acc = last;
        while let Some(link) = links.pop() {
            acc = match link {
                Link::Lambda { args, line, col } => {
                    let kind = ExprKind::Lambda {
                        args,
                        body: Box::new(acc),
                    };
                    self.mk(kind, line, col)
                }
                Link::IfElse { body, test } => {
                    let (line, col) = (body.line, body.col);
                    let kind = ExprKind::IfExp {
                        test: Box::new(test),
                        body: Box::new(body),
                        orelse: Box::new(acc),
                    };
                    self.mk(kind, line, col)
                }
            };
        }
        Ok(acc)
    }

    /// Whether the expression starting at token `start` begins with a soft
    /// keyword or a name glued to a string (`print "x"`): CPython's comma
    /// hint skips those.
    fn soft_start(&self, start: usize) -> bool {
        let tok = |i: usize| self.toks.get(i).map(|t| &t.tok);
        match tok(start) {
            Some(Tok::Name(n)) if matches!(n.as_str(), "match" | "case" | "_") => true,
            Some(Tok::Name(_)) => matches!(
                tok(start + 1),
                Some(Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) | Tok::Invalid(_))
            ),
            _ => false,
        }
    }

    /// `a or b and c or …`: one frame for both operators (`and` binds
    /// tighter), one `BoolOp` node per chain as in CPython.
    pub(super) fn disjunction(&mut self) -> PResult {
        let first = self.conjunction()?;
        if !self.check_kw("or") {
            return Ok(first);
        }
        let mut values = vec![first];
        self.descend(cost::BOOL_OP)?;
        while self.eat_kw("or") {
            values.push(self.conjunction()?);
        }
        self.ascend(cost::BOOL_OP);
        Ok(self.bool_node(BoolOp::Or, values))
    }

    /// `a and b and c`.
    #[inline(always)]
    fn conjunction(&mut self) -> PResult {
        let first = self.inversion()?;
        if !self.check_kw("and") {
            return Ok(first);
        }
        let mut values = vec![first];
        self.descend(cost::BOOL_OP)?;
        while self.eat_kw("and") {
            values.push(self.inversion()?);
        }
        self.ascend(cost::BOOL_OP);
        Ok(self.bool_node(BoolOp::And, values))
    }

    /// One `BoolOp` spanning its first to its last operand.
    fn bool_node(&mut self, op: BoolOp, values: Vec<Expr>) -> Expr {
        let (line, col) = (values[0].line, values[0].col);
        let last = &values[values.len() - 1];
        let (end_line, end_col) = (last.end_line, last.end_col);
        self.mk_span(
            ExprKind::BoolOp { op, values },
            line,
            col,
            end_line,
            end_col,
        )
    }

    /// `not not x`: a loop over the `not`s, folded from the inside out.
    fn inversion(&mut self) -> PResult {
        let mut nots = Vec::new();
        while self.check_kw("not") {
            nots.push(self.next());
        }
        if nots.is_empty() {
            return self.comparison();
        }
        self.leftmost = false;
        let charged = nots.len() as u32 * cost::UNARY;
        self.descend(charged)?;
        let mut acc = self.comparison()?;
        self.ascend(charged);
        while let Some(t) = nots.pop() {
            let kind = ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(acc),
            };
            acc = self.mk(kind, t.line, t.col);
        }
        Ok(acc)
    }

    /// The comparison operator at the cursor (consumed), if any.
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

    /// `a < b <= c` (one node).
    #[inline(always)]
    fn comparison(&mut self) -> PResult {
        let left = self.bitwise_or()?;
        let mut comparisons = Vec::new();
        while let Some(op) = self.comp_op() {
            self.descend(cost::COMPARE)?;
            let right = self.bitwise_or()?;
            self.ascend(cost::COMPARE);
            comparisons.push(Comparison { op, right });
        }
        if comparisons.is_empty() {
            return Ok(left);
        }
        let (line, col) = (left.line, left.col);
        let kind = ExprKind::Compare {
            left: Box::new(left),
            comparisons,
        };
        Ok(self.mk(kind, line, col))
    }

    /// `yield`, `yield value[, …]`, `yield from value` (where a statement
    /// value or a parenthesised expression may be one).
    pub(super) fn yield_expr(&mut self) -> PResult {
        let t = self.next();
        self.leftmost = false;
        if self.eat_kw("from") {
            let value = Box::new(self.expression()?);
            return Ok(self.mk(ExprKind::YieldFrom { value }, t.line, t.col));
        }
        let value = if self.starts_expression() || self.check_op("*") {
            Some(Box::new(self.star_expressions()?))
        } else {
            None
        };
        Ok(self.mk(ExprKind::Yield { value }, t.line, t.col))
    }
}
