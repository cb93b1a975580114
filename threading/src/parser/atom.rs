//! Atoms: literals, names, adjacent-string concatenation (with f-strings),
//! parenthesised expressions and tuples, list displays and comprehensions,
//! dict displays.
//!
//! ```text
//!   atom := NUMBER | STRING+ | NAME | None | True | False
//!         | '(' [expr (',' expr)* [',']] ')'
//!         | '[' [expr ('for' target 'in' or_expr ['if' or_expr] | (',' expr)*)] ']'
//!         | '{' [expr ':' expr (',' expr ':' expr)*] '}'
//! ```
//!
//! Python equivalent: the `atom` rules of `Grammar/python.gram`.

use super::Parser;
use crate::ast::{Comprehension, Const, Conversion, DictItem, Expr, ExprKind};
use crate::error::SourceError;
use crate::lexer::{FPiece, Tok};

type PResult = Result<Expr, SourceError>;

impl Parser {
    pub(super) fn atom(&mut self) -> PResult {
        self.reject_unsupported()?;
        let t = self.next();
        let (l, c) = (t.line, t.col);
        let k = match t.tok {
            Tok::Int(v) => ExprKind::Const(Const::Int(v)),
            Tok::Float(v) => ExprKind::Const(Const::Float(v)),
            Tok::Str(_) | Tok::FStr(_) => {
                self.pos -= 1;
                return self.strings();
            }
            Tok::Name(n) => match n.as_str() {
                "None" => ExprKind::Const(Const::None),
                "True" => ExprKind::Const(Const::Bool(true)),
                "False" => ExprKind::Const(Const::Bool(false)),
                _ if super::KEYWORDS.contains(&n.as_str()) => {
                    return Err(SourceError::syntax("invalid syntax", l, c));
                }
                _ => ExprKind::Name(n),
            },
            Tok::Op("(") => return self.paren(l, c),
            Tok::Op("[") => return self.list_display(l, c),
            Tok::Op("{") => return self.dict_display(l, c),
            Tok::Newline | Tok::Eof | Tok::Indent | Tok::Dedent => {
                self.pos -= 1;
                return Err(self.error_here("invalid syntax"));
            }
            _ => return Err(SourceError::syntax("invalid syntax", l, c)),
        };
        Ok(self.mk(k, l, c))
    }

    /// Adjacent string literals concatenate (`"a" "b"`, `"a" f"{b}"`).
    fn strings(&mut self) -> PResult {
        let (l, c) = (self.peek().line, self.peek().col);
        let mut values: Vec<Expr> = Vec::new();
        let mut text = String::new();
        let mut any_f = false;
        loop {
            let (tl, tc) = (self.peek().line, self.peek().col);
            match self.peek().tok.clone() {
                Tok::Str(s) => text.push_str(&s),
                Tok::FStr(pieces) => {
                    any_f = true;
                    for p in pieces {
                        match p {
                            FPiece::Lit(s) => text.push_str(&s),
                            FPiece::Expr {
                                code,
                                conv,
                                spec,
                                line,
                                col,
                            } => {
                                if !text.is_empty() {
                                    let lit =
                                        ExprKind::Const(Const::Str(std::mem::take(&mut text)));
                                    values.push(self.mk(lit, tl, tc));
                                }
                                let value = Box::new(super::parse_fstring_expr(&code, line, col)?);
                                let conversion = match conv {
                                    Some('r') => Some(Conversion::Repr),
                                    Some('s') => Some(Conversion::Str),
                                    Some('a') => Some(Conversion::Ascii),
                                    _ => None,
                                };
                                let format_spec = if spec.is_empty() {
                                    None
                                } else {
                                    let lit = self.mk(ExprKind::Const(Const::Str(spec)), tl, tc);
                                    let joined = ExprKind::JoinedStr { values: vec![lit] };
                                    Some(Box::new(self.mk(joined, tl, tc)))
                                };
                                let fv = ExprKind::FormattedValue {
                                    value,
                                    conversion,
                                    format_spec,
                                };
                                values.push(self.mk(fv, tl, tc));
                            }
                        }
                    }
                }
                _ => break,
            }
            self.pos += 1;
        }
        if !any_f {
            return Ok(self.mk(ExprKind::Const(Const::Str(text)), l, c));
        }
        if !text.is_empty() {
            values.push(self.mk(ExprKind::Const(Const::Str(text)), l, c));
        }
        Ok(self.mk(ExprKind::JoinedStr { values }, l, c))
    }

    fn paren(&mut self, l: u32, c: u32) -> PResult {
        self.enter()?;
        if self.eat_op(")") {
            self.depth -= 1;
            return Ok(self.mk(ExprKind::Tuple { elts: Vec::new() }, l, c));
        }
        let first = self.expression()?;
        if self.check_kw("for") {
            return Err(SourceError::unsupported("a generator expression", l, c));
        }
        let result = if self.check_op(",") {
            let mut items = vec![first];
            while self.eat_op(",") {
                if self.check_op(")") {
                    break;
                }
                items.push(self.expression()?);
            }
            self.mk(ExprKind::Tuple { elts: items }, l, c)
        } else {
            first
        };
        self.expect_op(")")?;
        self.depth -= 1;
        Ok(result)
    }

    fn list_display(&mut self, l: u32, c: u32) -> PResult {
        self.enter()?;
        let mut items = Vec::new();
        if !self.check_op("]") {
            let first = self.expression()?;
            if self.eat_kw("for") {
                let target = self.target_list()?;
                self.expect_kw("in")?;
                let iter = self.or_expr()?;
                let cond = if self.eat_kw("if") {
                    Some(Box::new(self.or_expr()?))
                } else {
                    None
                };
                if self.check_kw("for") || self.check_kw("if") {
                    return Err(
                        self.unsupported_here("a list comprehension with more than one 'for'/'if'")
                    );
                }
                self.expect_op("]")?;
                self.depth -= 1;
                let generators = vec![Comprehension {
                    target,
                    iter,
                    ifs: cond.into_iter().map(|b| *b).collect(),
                    is_async: false,
                }];
                return Ok(self.mk(
                    ExprKind::ListComp {
                        elt: Box::new(first),
                        generators,
                    },
                    l,
                    c,
                ));
            }
            items.push(first);
            while self.eat_op(",") {
                if self.check_op("]") {
                    break;
                }
                items.push(self.expression()?);
            }
        }
        self.expect_op("]")?;
        self.depth -= 1;
        Ok(self.mk(ExprKind::List { elts: items }, l, c))
    }

    fn dict_display(&mut self, l: u32, c: u32) -> PResult {
        self.enter()?;
        let mut items = Vec::new();
        while !self.check_op("}") {
            let k = self.expression()?;
            if !self.check_op(":") {
                return Err(SourceError::unsupported(
                    "a set (or set comprehension)",
                    l,
                    c,
                ));
            }
            self.next();
            let v = self.expression()?;
            if self.check_kw("for") {
                return Err(self.unsupported_here("a dict comprehension"));
            }
            items.push(DictItem {
                key: Some(k),
                value: v,
            });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        self.depth -= 1;
        Ok(self.mk(ExprKind::Dict { items }, l, c))
    }
}
