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
use crate::ast::{BinOp, CmpOp, Const, Expr, ExprKind};
use crate::error::SourceError;
use crate::lexer::Tok;

type PResult = Result<Expr, SourceError>;

/// Positional and keyword arguments of a call.
type CallArgs = (Vec<Expr>, Vec<(String, Expr)>);

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
        Ok(self.mk(ExprKind::Tuple(items), line, col))
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
                ExprKind::IfExp(Box::new(cond), Box::new(body), Box::new(orelse)),
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
        let saved = self.depth;
        let mut left = if is_and {
            self.not_expr()?
        } else {
            self.bool_chain("and", true)?
        };
        while self.eat_kw(kw) {
            self.enter()?;
            let right = if is_and {
                self.not_expr()?
            } else {
                self.bool_chain("and", true)?
            };
            let (l, c) = (left.line, left.col);
            left = self.mk(
                ExprKind::BoolOp(is_and, Box::new(left), Box::new(right)),
                l,
                c,
            );
        }
        self.depth = saved;
        Ok(left)
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
            return Ok(self.mk(ExprKind::Not(Box::new(e)), t.line, t.col));
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
        let mut rest = Vec::new();
        while let Some(op) = self.comp_op() {
            self.enter()?;
            rest.push((op, self.bitwise()?));
        }
        if rest.is_empty() {
            return Ok(left);
        }
        self.depth -= rest.len();
        let (l, c) = (left.line, left.col);
        Ok(self.mk(ExprKind::Compare(Box::new(left), rest), l, c))
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
                    left = self.mk(ExprKind::Bin(*op, Box::new(left), Box::new(right)), l, c);
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
            // Fold `-literal` so `-9223372036854775808`-style constants and
            // `dis` listings look like CPython's (which folds them too).
            if t.tok == Tok::Op("-") {
                if let ExprKind::Const(Const::Int(v)) = e.kind {
                    if let Some(n) = v.checked_neg() {
                        return Ok(self.mk(ExprKind::Const(Const::Int(n)), t.line, t.col));
                    }
                }
                if let ExprKind::Const(Const::Float(v)) = e.kind {
                    return Ok(self.mk(ExprKind::Const(Const::Float(-v)), t.line, t.col));
                }
            }
            return Ok(self.mk(
                ExprKind::Unary(t.tok == Tok::Op("-"), Box::new(e)),
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
                ExprKind::Bin(BinOp::Pow, Box::new(base), Box::new(exp)),
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
                let (args, kwargs) = self.call_args()?;
                e = self.mk(ExprKind::Call(Box::new(e), args, kwargs), l, c);
            } else if self.eat_op("[") {
                self.enter()?;
                let index = self.subscript()?;
                self.expect_op("]")?;
                e = self.mk(ExprKind::Subscript(Box::new(e), Box::new(index)), l, c);
            } else if self.eat_op(".") {
                self.enter()?;
                let name = self.ident()?;
                e = self.mk(ExprKind::Attr(Box::new(e), name), l, c);
            } else {
                break;
            }
        }
        self.depth = saved;
        Ok(e)
    }

    fn call_args(&mut self) -> Result<CallArgs, SourceError> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(String, Expr)> = Vec::new();
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
                if kwargs.iter().any(|(k, _)| *k == name) {
                    return Err(SourceError::syntax(
                        format!("keyword argument repeated: {name}"),
                        t.line,
                        t.col,
                    ));
                }
                kwargs.push((name, self.expression()?));
            } else {
                if !kwargs.is_empty() {
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
        Ok((args, kwargs))
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
        let lo = part(self)?;
        if !self.eat_op(":") {
            return lo
                .map(|b| *b)
                .ok_or_else(|| self.error_here("invalid syntax"));
        }
        let hi = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        Ok(self.mk(ExprKind::Slice(lo, hi, step), t.line, t.col))
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
        Ok(self.mk(ExprKind::Tuple(items), l, c))
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
