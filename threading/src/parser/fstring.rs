//! f-string fields: each `{code!conv:spec}` the lexer split out becomes a
//! `FormattedValue` whose expression is parsed from `code` at its real
//! position in the file (so traceback markers land under it), whose spec is
//! a `JoinedStr` of its own, and whose `=` text joins the literal before it.
//!
//! ```text
//!   f"a{x=}b{y:>{w}}"  ──▶  JoinedStr [Const "ax=", FormattedValue(x, !r),
//!                                      Const "b", FormattedValue(y, spec:
//!                                        JoinedStr [Const ">", FormattedValue(w)])]
//! ```
//!
//! CPython parses a field's text as `(code)` with a parser of its own, so
//! an error inside one shows that text (`(1 +)`) with an "f-string: "
//! prefix, and its parser stack starts afresh (`limits.rs`).
//!
//! Python equivalent: `fstring_compile_expr` and `fstring_parse` in
//! `Parser/string_parser.c`.

use super::limits::cost;
use super::PResult;
use super::Parser;
use crate::ast::{Const, Conversion, Expr, ExprKind};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::{self, FField, FPiece, Tok, Token};

impl Parser {
    /// Appends an f-string token's pieces: literal text accumulates in
    /// `text` (adjacent literals join), fields flush it into `parts`.
    pub(super) fn fstring_pieces(
        &mut self,
        pieces: Vec<FPiece>,
        tok: &Token,
        text: &mut String,
        parts: &mut Vec<Expr>,
    ) -> Result<(), SourceError> {
        for piece in pieces {
            match piece {
                FPiece::Lit(s) => text.push_str(&s),
                FPiece::Field(field) => {
                    if let Some(debug) = &field.debug_text {
                        text.push_str(debug);
                    }
                    if !text.is_empty() {
                        let lit = ExprKind::Const(Const::Str(std::mem::take(text)));
                        parts.push(self.mk(lit, tok.line, tok.col));
                    }
                    parts.push(self.formatted_value(&field, tok)?);
                }
            }
        }
        Ok(())
    }

    /// One field as a `FormattedValue` (positioned at the whole literal,
    /// as CPython positions it).
    fn formatted_value(&mut self, field: &FField, tok: &Token) -> PResult {
        let value = self.field_expression(&field.code, field.line, field.col)?;
        let conversion = field.conversion.map(|c| match c {
            's' => Conversion::Str,
            'a' => Conversion::Ascii,
            _ => Conversion::Repr,
        });
        let format_spec = match &field.spec {
            // `f"{x:}"` has an empty spec, as in CPython.
            Some(pieces) => {
                let mut values = Vec::new();
                for piece in pieces {
                    match piece {
                        FPiece::Lit(s) => {
                            let lit = ExprKind::Const(Const::Str(s.clone()));
                            values.push(self.mk(lit, tok.line, tok.col));
                        }
                        FPiece::Field(inner) => values.push(self.formatted_value(inner, tok)?),
                    }
                }
                let spec = self.mk(ExprKind::JoinedStr { values }, tok.line, tok.col);
                Some(Box::new(spec))
            }
            None => None,
        };
        let kind = ExprKind::FormattedValue {
            value: Box::new(value),
            conversion,
            format_spec,
        };
        Ok(self.mk(kind, tok.line, tok.col))
    }

    /// Parses a field's `code` (`star_expressions`, or a `yield`) with the
    /// cursor moved onto its own tokens, then moved back.
    fn field_expression(&mut self, code: &str, line: u32, col: u32) -> PResult {
        let toks = lexer::tokenize_fstring_expr(code, line, col)
            .map_err(|e| field_error(e, code, line, col))?;
        let saved_toks = std::mem::replace(&mut self.toks, toks);
        // CPython parses the field as `(code)`: inside brackets.
        let saved = (self.pos, self.level, self.leftmost, self.in_brackets);
        let furthest = self.furthest.get();
        (self.pos, self.level, self.leftmost, self.in_brackets) = (0, 0, false, 1);
        let parsed = self.field_body();
        self.toks = saved_toks;
        (self.pos, self.level, self.leftmost, self.in_brackets) = saved;
        self.furthest.set(furthest);
        parsed.map_err(|e| field_error(e, code, line, col))
    }

    fn field_body(&mut self) -> PResult {
        self.descend(cost::FSTRING_FIELD)?;
        let e = if self.check_kw("yield") {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        if !matches!(self.peek().tok, Tok::Eof) {
            return Err(self.invalid());
        }
        if matches!(e.kind, ExprKind::Starred { .. }) {
            let msg = "cannot use starred expression here";
            return Err(SourceError::syntax(msg, e.line, e.col).ending_at(e.end_col));
        }
        Ok(e)
    }
}

/// CPython's shape for an error inside a field: "f-string: " before the
/// message, and the field's text in parentheses as the source line, the
/// caret placed within it.
fn field_error(mut e: SourceError, code: &str, line: u32, col: u32) -> SourceError {
    if !matches!(e.kind, SourceErrorKind::Syntax) || e.msg.starts_with("f-string") {
        return e;
    }
    let shift = |c: u32| if c == 0 { 0 } else { c + 2 - col.min(c + 1) };
    if e.line == line {
        e.col = shift(e.col);
        e.end_col = shift(e.end_col);
    } else {
        e.col = 0;
        e.end_col = 0;
    }
    e.line = line;
    e.msg = format!("f-string: {}", e.msg);
    e.source_line = Some(format!("({code})"));
    e
}
