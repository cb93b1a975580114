//! Atoms: literals, names, adjacent-string concatenation, parenthesised
//! forms (group, tuple, generator expression, `yield`), list/set/dict
//! displays with `*`/`**` unpacking, and comprehensions with several
//! `for`/`if` clauses.
//!
//! ```text
//!   atom := NAME | NUMBER | STRING+ | None | True | False | ...
//!         | '(' [yield | star_named (',' star_named)* [','] | named comp] ')'
//!         | '[' [star_named (',' star_named)* [','] | named comp] ']'
//!         | '{' [dict_item (',' dict_item)* | key ':' value comp
//!              | star_named (',' star_named)* | named comp] '}'
//!   comp := ('async'? 'for' targets 'in' or ('if' or)*)+
//! ```
//!
//! Python equivalent: the `atom`, `tuple`, `list`, `dict`, `set` and
//! `for_if_clauses` rules of `Grammar/python.gram`.

use super::limits::cost;
use super::PResult;
use super::Parser;
use crate::ast::{Comprehension, Const, DictItem, Expr, ExprKind};
use crate::error::SourceError;
use crate::lexer::Tok;

/// Which display a comprehension was written in.
#[derive(Clone, Copy)]
enum Display {
    /// `[…]`
    List,
    /// `{…}`
    Set,
    /// `(…)` or a lone call argument.
    Generator,
}

impl Parser {
    pub(super) fn atom(&mut self) -> PResult {
        let t = self.peek().clone();
        let (l, c) = (t.line, t.col);
        let kind = match &t.tok {
            Tok::Int(v) => ExprKind::Const(Const::Int(*v)),
            Tok::BigInt(b) => ExprKind::Const(Const::BigInt(b.clone())),
            Tok::Float(v) => ExprKind::Const(Const::Float(*v)),
            Tok::Str(_) | Tok::Bytes(_) | Tok::FStr(_) => return self.strings(),
            Tok::Op("...") => ExprKind::Const(Const::Ellipsis),
            Tok::Invalid(bad) if bad.is_string => return self.strings(),
            Tok::Invalid(bad) => return Err(bad.error.clone()),
            Tok::Name(n) => match n.as_str() {
                "None" => ExprKind::Const(Const::None),
                "True" => ExprKind::Const(Const::Bool(true)),
                "False" => ExprKind::Const(Const::Bool(false)),
                _ if super::KEYWORDS.contains(&n.as_str()) => return Err(self.invalid()),
                _ => ExprKind::Name(n.clone()),
            },
            Tok::Op("(") => {
                let leftmost = self.leftmost;
                self.next();
                return self.bracketed(cost::PAREN, leftmost, |p| p.paren(l, c));
            }
            Tok::Op("[") => {
                let leftmost = self.leftmost;
                self.next();
                return self.bracketed(cost::DISPLAY, leftmost, |p| p.list_display(l, c));
            }
            Tok::Op("{") => {
                let leftmost = self.leftmost;
                self.next();
                return self.bracketed(cost::DISPLAY, leftmost, |p| p.brace_display(l, c));
            }
            _ => return Err(self.invalid()),
        };
        self.next();
        Ok(self.mk(kind, l, c))
    }

    /// `( … )` after the `(`: `()`, a group, a tuple, a generator
    /// expression, or a parenthesised `yield`.
    fn paren(&mut self, l: u32, c: u32) -> PResult {
        if self.eat_op(")") {
            return Ok(self.mk(ExprKind::Tuple { elts: Vec::new() }, l, c));
        }
        if self.check_kw("yield") {
            let y = self.deeper(cost::SMALL_STEP, Parser::yield_expr)?;
            self.expect_op(")")?;
            return Ok(y);
        }
        let first = self.star_named_expression()?;
        if self.check_kw("for") || self.check_kw("async") {
            let g = self.comprehension(Display::Generator, first, l, c)?;
            self.expect_op(")")?;
            return Ok(g);
        }
        if !self.check_op(",") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(SourceError::syntax(
                    "cannot use starred expression here",
                    first.line,
                    first.col,
                )
                .ending_at(first.end_col));
            }
            self.forgot_comma(&first)?;
            self.expect_op(")")?;
            return Ok(first);
        }
        let elts = self.rest_of_items(first, ")")?;
        Ok(self.mk(ExprKind::Tuple { elts }, l, c))
    }

    /// `*bitwise_or` or a named expression (a display element).
    #[inline(always)]
    fn star_named_expression(&mut self) -> PResult {
        if self.check_op("*") {
            let t = self.next();
            let value = Box::new(self.shallower(cost::BELOW_EXPRESSION, Parser::bitwise_or)?);
            return Ok(self.mk(ExprKind::Starred { value }, t.line, t.col));
        }
        self.named_expression()
    }

    /// `, item, item…` up to and including `close` (a trailing comma allowed).
    fn rest_of_items(&mut self, first: Expr, close: &str) -> Result<Vec<Expr>, SourceError> {
        let mut elts = vec![first];
        let item_cost = if close == ")" {
            cost::TUPLE_ITEM
        } else {
            cost::DISPLAY_ITEM
        };
        while self.eat_op(",") {
            if self.check_op(close) {
                break;
            }
            let e = self.deeper(item_cost, Parser::star_named_expression)?;
            if self.check_kw("for") {
                return Err(comprehension_target_error(&elts[0], &e));
            }
            self.forgot_comma(&e)?;
            elts.push(e);
        }
        if !self.check_op(close) {
            if let Some(last) = elts.last() {
                self.forgot_comma(last)?;
            }
        }
        self.expect_op(close)?;
        Ok(elts)
    }

    /// `[ … ]` after the `[`.
    fn list_display(&mut self, l: u32, c: u32) -> PResult {
        if self.eat_op("]") {
            return Ok(self.mk(ExprKind::List { elts: Vec::new() }, l, c));
        }
        let first = self.star_named_expression()?;
        if self.check_kw("for") || self.check_kw("async") {
            let comp = self.comprehension(Display::List, first, l, c)?;
            self.expect_op("]")?;
            return Ok(comp);
        }
        if !self.check_op(",") {
            self.forgot_comma(&first)?;
        }
        let elts = self.rest_of_items(first, "]")?;
        Ok(self.mk(ExprKind::List { elts }, l, c))
    }

    /// `{ … }` after the `{`: a dict or set display or comprehension.
    fn brace_display(&mut self, l: u32, c: u32) -> PResult {
        if self.eat_op("}") {
            return Ok(self.mk(ExprKind::Dict { items: Vec::new() }, l, c));
        }
        if self.check_op("**") {
            return self.dict_rest(Vec::new(), l, c);
        }
        let first = self.star_named_expression()?;
        if !self.check_op(":") || matches!(first.kind, ExprKind::Starred { .. }) {
            if self.check_kw("for") || self.check_kw("async") {
                let comp = self.comprehension(Display::Set, first, l, c)?;
                self.expect_op("}")?;
                return Ok(comp);
            }
            if !self.check_op(",") {
                self.forgot_comma(&first)?;
            }
            let elts = self.rest_of_items(first, "}")?;
            return Ok(self.mk(ExprKind::Set { elts }, l, c));
        }
        self.next();
        let value = self.expression()?;
        if self.check_kw("for") || self.check_kw("async") {
            let generators = self.comp_clauses()?;
            self.expect_op("}")?;
            let kind = ExprKind::DictComp {
                key: Box::new(first),
                value: Box::new(value),
                generators,
            };
            return Ok(self.mk(kind, l, c));
        }
        let items = vec![DictItem {
            key: Some(first),
            value,
        }];
        if self.eat_op(",") {
            return self.dict_rest(items, l, c);
        }
        self.expect_op("}")?;
        Ok(self.mk(ExprKind::Dict { items }, l, c))
    }

    /// The remaining `key: value` / `**mapping` items of a dict display.
    fn dict_rest(&mut self, mut items: Vec<DictItem>, l: u32, c: u32) -> PResult {
        let mut first = items.is_empty();
        while !self.check_op("}") {
            let item_cost = if first { 0 } else { cost::DISPLAY_ITEM };
            first = false;
            self.descend(item_cost)?;
            if self.eat_op("**") {
                let value = self.shallower(cost::BELOW_EXPRESSION, Parser::bitwise_or)?;
                if self.check_kw("for") {
                    return Err(self.error_here_at(
                        &value,
                        "dict unpacking cannot be used in dict comprehension",
                    ));
                }
                items.push(DictItem { key: None, value });
            } else {
                let key = self.expression()?;
                if !self.check_op(":") {
                    return Err(self.invalid());
                }
                self.next();
                let value = self.expression()?;
                items.push(DictItem {
                    key: Some(key),
                    value,
                });
            }
            self.ascend(item_cost);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        Ok(self.mk(ExprKind::Dict { items }, l, c))
    }

    /// A comprehension whose element has been parsed (the bracket already
    /// open; the caller consumes the closing one).
    fn comprehension(&mut self, display: Display, elt: Expr, l: u32, c: u32) -> PResult {
        if matches!(elt.kind, ExprKind::Starred { .. }) {
            return Err(SourceError::syntax(
                "iterable unpacking cannot be used in comprehension",
                elt.line,
                elt.col,
            )
            .ending_at(elt.end_col));
        }
        let generators = self.comp_clauses()?;
        let elt = Box::new(elt);
        let kind = match display {
            Display::List => ExprKind::ListComp { elt, generators },
            Display::Set => ExprKind::SetComp { elt, generators },
            Display::Generator => ExprKind::GeneratorExp { elt, generators },
        };
        Ok(self.mk(kind, l, c))
    }

    /// `elt for …` as a lone call argument (no brackets of its own).
    pub(super) fn genexp_from(&mut self, elt: Expr) -> PResult {
        let (l, c) = (elt.line, elt.col);
        self.comprehension(Display::Generator, elt, l, c)
    }

    /// One or more `[async] for targets in disjunction (if disjunction)*`.
    fn comp_clauses(&mut self) -> Result<Vec<Comprehension>, SourceError> {
        let mut clauses = Vec::new();
        loop {
            let is_async =
                self.check_kw("async") && matches!(self.peek_at(1), Tok::Name(n) if n == "for");
            if is_async {
                self.next();
            }
            if !self.eat_kw("for") {
                break;
            }
            let target = self.star_targets()?;
            self.check_store_target(&target, super::targets::Store::For)?;
            self.expect_kw("in")?;
            let iter = self.shallower(cost::BELOW_EXPRESSION_ITER, Parser::disjunction)?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            clauses.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(clauses)
    }

    /// Adjacent string literals concatenate (`"a" "b"`, `"a" f"{b}"`,
    /// `b"x" b"y"`); str and bytes may not mix.
    fn strings(&mut self) -> PResult {
        let first = self.peek().clone();
        let (l, c) = (first.line, first.col);
        let mut parts: Vec<Expr> = Vec::new();
        let mut text = String::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_str = false;
        let mut any_f = false;
        loop {
            let mut t = self.peek().clone();
            match std::mem::replace(&mut t.tok, Tok::Eof) {
                Tok::Str(s) => {
                    any_str = true;
                    text.push_str(&s);
                }
                Tok::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend(b),
                Tok::Invalid(bad) if bad.is_string => return Err(bad.error),
                Tok::FStr(pieces) => {
                    any_f = true;
                    self.pos += 1;
                    self.fstring_pieces(pieces, &t, &mut text, &mut parts)?;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if let Some(b) = bytes {
            if any_str || any_f {
                let end = self.prev();
                return Err(SourceError::syntax(
                    "cannot mix bytes and nonbytes literals",
                    end.end_line,
                    end.end_col,
                ));
            }
            return Ok(self.mk(ExprKind::Const(Const::Bytes(b)), l, c));
        }
        if !any_f {
            return Ok(self.mk(ExprKind::Const(Const::Str(text)), l, c));
        }
        if !text.is_empty() {
            parts.push(self.mk(ExprKind::Const(Const::Str(text)), l, c));
        }
        for p in &mut parts {
            // CPython gives every piece the whole literal's position.
            let last = &self.toks[self.pos - 1];
            (p.line, p.col, p.end_line, p.end_col) = (l, c, last.end_line, last.end_col);
        }
        Ok(self.mk(ExprKind::JoinedStr { values: parts }, l, c))
    }

    /// An error with the given message underlining `e`.
    fn error_here_at(&self, e: &Expr, msg: &str) -> SourceError {
        SourceError::syntax(msg, e.line, e.col).ending_at(e.end_col)
    }
}

/// `[a, b for a, b in c]`: CPython's hint for a comprehension over a
/// tuple target written without parentheses.
fn comprehension_target_error(first: &Expr, last: &Expr) -> SourceError {
    SourceError::syntax(
        "did you forget parentheses around the comprehension target?",
        first.line,
        first.col,
    )
    .ending_at(if last.end_line == first.line {
        last.end_col
    } else {
        first.end_col
    })
}
