//! Compound statements and blocks: `if`/`elif`/`else`, `while`, `for`,
//! `def`, `class`, decorators, and their `async` forms (`try` and `with`
//! are in `try_with.rs`); `match` is recognised only to be refused.
//!
//! ```text
//!   block := ':' simple_stmts                       (a body on the header's line)
//!          | ':' NEWLINE INDENT statement+ DEDENT
//! ```
//!
//! A missing body is CPython's `IndentationError: expected an indented
//! block after 'if' statement on line N`; a header ending its line without
//! `:` is "expected ':'". Each block is one statement deeper for the
//! compiler's depth count and a few levels deeper in CPython's parser
//! stack (`limits.rs`).
//!
//! Python equivalent: the `compound_stmt` rules of `Grammar/python.gram`.

use super::limits::cost;
use super::primary::CallArgs;
use super::targets::Store;
use super::Parser;
use crate::ast::{ClassDef, Expr, ExprKind, FunctionDef, Stmt, StmtKind};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::Tok;

type SResult = Result<Stmt, SourceError>;

impl Parser {
    /// One statement line (or compound statement) onto `out`.
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> Result<(), SourceError> {
        let t = self.peek().clone();
        let word = match &t.tok {
            Tok::Name(n) => n.as_str(),
            Tok::Op("@") => "@",
            _ => "",
        };
        let stmt = match word {
            "if" => self.if_statement(false)?,
            "while" => self.while_statement()?,
            "for" => self.for_statement(None)?,
            "try" => self.try_statement()?,
            "with" => self.with_statement(None)?,
            "def" => self.function_def(Vec::new(), None)?,
            "class" => self.class_def(Vec::new())?,
            "@" => self.decorated()?,
            "async" => self.async_statement()?,
            "match" if self.is_match_statement() => {
                return Err(SourceError::unsupported(
                    "'match' (a match statement)",
                    t.line,
                    t.col,
                ))
            }
            _ => return self.simple_statements(out),
        };
        out.push(stmt);
        Ok(())
    }

    /// `: body` — a body on the header's line or an indented block.
    /// `what` names the header in CPython's IndentationError.
    pub(super) fn block(
        &mut self,
        what: &str,
        line: u32,
        block_cost: u32,
    ) -> Result<Vec<Stmt>, SourceError> {
        if !self.check_op(":") {
            if self.check_tok(&Tok::Newline) {
                return Err(self.error_here("expected ':'"));
            }
            return Err(self.invalid());
        }
        self.next();
        self.stmt_depth += 1;
        let body = self.block_body(what, line, block_cost);
        self.stmt_depth -= 1;
        body
    }

    fn block_body(
        &mut self,
        what: &str,
        line: u32,
        block_cost: u32,
    ) -> Result<Vec<Stmt>, SourceError> {
        let mut body = Vec::new();
        if !self.check_tok(&Tok::Newline) {
            let saved = self.level;
            self.descend(cost::ONE_LINE_BODY)?;
            if self.starts_compound() {
                return Err(self.invalid());
            }
            self.simple_statements(&mut body)?;
            self.level = saved;
            return Ok(body);
        }
        self.next();
        if !self.check_tok(&Tok::Indent) {
            let t = self.peek();
            return Err(SourceError::new(
                SourceErrorKind::Indentation,
                format!("expected an indented block after {what} on line {line}"),
                t.line,
                t.col,
            ));
        }
        self.next();
        let saved = self.level;
        self.descend(block_cost)?;
        while !self.check_tok(&Tok::Dedent) && !self.at_eof() {
            if self.check_tok(&Tok::Indent) {
                return Err(self.error_here("unexpected indent"));
            }
            self.statement(&mut body)?;
        }
        self.level = saved;
        if self.check_tok(&Tok::Dedent) {
            self.next();
        }
        Ok(body)
    }

    /// Whether the next token starts a compound statement (not allowed on
    /// a header's line).
    fn starts_compound(&self) -> bool {
        match &self.peek().tok {
            Tok::Name(n) => matches!(
                n.as_str(),
                "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async"
            ),
            Tok::Op("@") => true,
            _ => false,
        }
    }

    /// A statement node ending where `bodies`' last statement ends.
    pub(super) fn mk_compound(&self, kind: StmtKind, line: u32, col: u32) -> Stmt {
        let mut s = self.mk_stmt(kind, line, col);
        let mut last: Option<&Stmt> = None;
        s.for_each_body(&mut |b| {
            if let Some(x) = b.last() {
                last = Some(x);
            }
        });
        if let Some(x) = last {
            (s.end_line, s.end_col) = (x.end_line, x.end_col);
        }
        s
    }

    /// A header's condition: a named expression, with CPython's hint for
    /// `if x = 1:`.
    fn condition(&mut self, base: u32) -> Result<Expr, SourceError> {
        self.at_statement_level(base, |p| {
            let test = p.named_expression()?;
            if p.check_op("=") {
                p.next();
                let right = p.bitwise_or()?;
                let msg = match &test.kind {
                    ExprKind::Name(_) => {
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string()
                    }
                    _ => format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        super::targets::expr_name(&test)
                    ),
                };
                let end = if matches!(test.kind, ExprKind::Name(_)) {
                    right.end_col
                } else {
                    test.end_col
                };
                return Err(SourceError::syntax(msg, test.line, test.col).ending_at(end));
            }
            Ok(test)
        })
    }

    /// `if`/`elif` (an `elif` is an `If` alone in `orelse`).
    fn if_statement(&mut self, is_elif: bool) -> SResult {
        let t = self.next();
        let (what, base) = if is_elif {
            ("'elif' statement", cost::HEADER)
        } else {
            ("'if' statement", cost::KEYWORD_STMT)
        };
        let test = self.condition(base)?;
        let body = self.block(what, t.line, cost::BLOCK)?;
        let orelse = if self.check_kw("elif") {
            vec![self.if_statement(true)?]
        } else {
            self.else_block()?
        };
        Ok(self.mk_compound(StmtKind::If { test, body, orelse }, t.line, t.col))
    }

    pub(super) fn else_block(&mut self) -> Result<Vec<Stmt>, SourceError> {
        if !self.check_kw("else") {
            return Ok(Vec::new());
        }
        let t = self.next();
        self.block("'else' statement", t.line, cost::BLOCK)
    }

    fn while_statement(&mut self) -> SResult {
        let t = self.next();
        let test = self.condition(cost::KEYWORD_STMT)?;
        let body = self.block("'while' statement", t.line, cost::BLOCK)?;
        let orelse = self.else_block()?;
        Ok(self.mk_compound(StmtKind::While { test, body, orelse }, t.line, t.col))
    }

    /// `for` (`async_start`: where `async` began).
    fn for_statement(&mut self, async_start: Option<(u32, u32)>) -> SResult {
        let t = self.next();
        let (line, col) = async_start.unwrap_or((t.line, t.col));
        let (target, iter) = self.at_statement_level(cost::HEADER, |p| {
            let target = p.star_targets()?;
            p.check_store_target(&target, Store::For)?;
            p.expect_kw("in")?;
            let iter = p.star_expressions()?;
            Ok((target, iter))
        })?;
        let body = self.block("'for' statement", t.line, cost::BLOCK)?;
        let orelse = self.else_block()?;
        let kind = StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async: async_start.is_some(),
        };
        Ok(self.mk_compound(kind, line, col))
    }

    /// `@decorator` lines, then the `def`/`class` they decorate.
    fn decorated(&mut self) -> SResult {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            let d = self.at_statement_level(cost::DECORATOR, |p| {
                p.leftmost = false;
                p.named_expression()
            })?;
            decorators.push(d);
            if !self.check_tok(&Tok::Newline) {
                return Err(self.invalid());
            }
            self.next();
        }
        match &self.peek().tok {
            Tok::Name(n) if n == "def" => self.function_def(decorators, None),
            Tok::Name(n) if n == "class" => self.class_def(decorators),
            Tok::Name(n)
                if n == "async" && matches!(self.peek_at(1), Tok::Name(m) if m == "def") =>
            {
                let a = self.next();
                self.function_def(decorators, Some((a.line, a.col)))
            }
            _ => Err(self.invalid()),
        }
    }

    /// `async def` / `async for` / `async with`.
    fn async_statement(&mut self) -> SResult {
        let a = self.next();
        let start = Some((a.line, a.col));
        match &self.peek().tok {
            Tok::Name(n) if n == "def" => self.function_def(Vec::new(), start),
            Tok::Name(n) if n == "for" => self.for_statement(start),
            Tok::Name(n) if n == "with" => self.with_statement(start),
            _ => Err(self.invalid()),
        }
    }

    /// `def name(params) [-> returns]: body` (`async_start`: where `async` began).
    fn function_def(&mut self, decorators: Vec<Expr>, async_start: Option<(u32, u32)>) -> SResult {
        let t = self.next();
        let (line, col) = async_start.unwrap_or((t.line, t.col));
        let name = self.ident()?;
        if !self.check_op("(") {
            return Err(self.error_here("expected '('"));
        }
        self.next();
        let args = self.def_params()?;
        let returns = if self.eat_op("->") {
            Some(self.at_statement_level(cost::DEF_DEFAULT, Parser::expression)?)
        } else {
            None
        };
        let body = self.block("function definition", t.line, cost::DEF_BLOCK)?;
        let def = FunctionDef {
            name,
            args,
            body,
            decorators,
            returns,
            is_async: async_start.is_some(),
        };
        Ok(self.mk_compound(StmtKind::FunctionDef(Box::new(def)), line, col))
    }

    /// `class name[(bases, keywords)]: body`.
    fn class_def(&mut self, decorators: Vec<Expr>) -> SResult {
        let t = self.next();
        let name = self.ident()?;
        let CallArgs { args, keywords } = if self.eat_op("(") {
            self.at_statement_level(cost::DEF_DEFAULT, |p| {
                p.leftmost = false;
                p.in_brackets += 1;
                let args = p.call_args(")")?;
                p.in_brackets -= 1;
                Ok(args)
            })?
        } else {
            CallArgs {
                args: Vec::new(),
                keywords: Vec::new(),
            }
        };
        let body = self.block("class definition", t.line, cost::DEF_BLOCK)?;
        let class = ClassDef {
            name,
            bases: args,
            keywords,
            body,
            decorators,
        };
        Ok(self.mk_compound(StmtKind::ClassDef(Box::new(class)), t.line, t.col))
    }

    /// Whether a statement starting with the soft keyword `match` is a
    /// match statement: its logical line ends with `:` and opens a block
    /// (no other statement starting with a name does). Scans one line.
    fn is_match_statement(&self) -> bool {
        let mut i = self.pos + 1;
        while i < self.toks.len() && !matches!(self.toks[i].tok, Tok::Newline | Tok::Eof) {
            i += 1;
        }
        i > self.pos + 1
            && matches!(self.toks[i - 1].tok, Tok::Op(":"))
            && matches!(self.toks.get(i + 1).map(|t| &t.tok), Some(Tok::Indent))
    }
}
