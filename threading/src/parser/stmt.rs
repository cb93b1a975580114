//! Statements: simple ones (`x = 1; print(x)`) and compound ones with an
//! indented block (`if`, `while`, `for`, `def`, `try`, `with`).
//!
//! ```text
//!   block := simple_stmts NEWLINE                    (one-line body)
//!          | NEWLINE INDENT stmt+ DEDENT
//! ```
//!
//! A missing block is CPython's `IndentationError: expected an indented
//! block after 'if' statement on line N`.

use super::Parser;
use crate::ast::{
    Alias, Arguments, BinOp, Expr, ExprKind, FunctionDef, Handler, ImportNames, Param, Stmt,
    StmtKind, WithItem,
};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::Tok;

type SResult = Result<(), SourceError>;

const AUG_OPS: &[(&str, BinOp)] = &[
    ("+=", BinOp::Add),
    ("-=", BinOp::Sub),
    ("*=", BinOp::Mul),
    ("/=", BinOp::Div),
    ("//=", BinOp::FloorDiv),
    ("%=", BinOp::Mod),
    ("**=", BinOp::Pow),
];

impl Parser {
    /// Parses one statement line (or compound statement) into `out`.
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> SResult {
        self.reject_unsupported()?;
        let t = self.peek().clone();
        let (line, col) = (t.line, t.col);
        let kw = match &t.tok {
            Tok::Name(n) => n.clone(),
            _ => String::new(),
        };
        let push = |p: &Parser, out: &mut Vec<Stmt>, kind| out.push(p.mk_stmt(kind, line, col));
        match kw.as_str() {
            "if" => {
                self.next();
                let s = self.if_rest(line, col)?;
                out.push(s);
            }
            "while" => {
                self.next();
                let test = self.expression()?;
                let body = self.block("'while' statement", line)?;
                let orelse = self.else_block()?;
                push(self, out, StmtKind::While { test, body, orelse });
            }
            "for" => {
                self.next();
                let target = self.target_list()?;
                self.check_target(&target)?;
                self.expect_kw("in")?;
                let iter = self.expression_list()?;
                let body = self.block("'for' statement", line)?;
                let orelse = self.else_block()?;
                push(
                    self,
                    out,
                    StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse,
                        is_async: false,
                    },
                );
            }
            "def" => {
                self.next();
                let f = self.def_rest(line)?;
                push(self, out, StmtKind::FunctionDef(Box::new(f)));
            }
            "try" => {
                self.next();
                let s = self.try_rest(line, col)?;
                out.push(s);
            }
            "with" => {
                self.next();
                let ctx = self.expression()?;
                let name = if self.eat_kw("as") {
                    let target = self.target_list()?;
                    self.check_target(&target)?;
                    Some(target)
                } else {
                    None
                };
                if self.check_op(",") {
                    return Err(
                        self.unsupported_here("a 'with' statement with several context managers")
                    );
                }
                let body = self.block("'with' statement", line)?;
                let items = vec![WithItem {
                    context_expr: ctx,
                    optional_vars: name,
                }];
                push(
                    self,
                    out,
                    StmtKind::With {
                        items,
                        body,
                        is_async: false,
                    },
                );
            }
            _ => {
                loop {
                    let s = self.simple()?;
                    out.push(s);
                    if !self.eat_op(";") || self.check_tok(&Tok::Newline) {
                        break;
                    }
                }
                if !self.check_tok(&Tok::Newline) && !self.at_eof() {
                    return Err(self.error_here("invalid syntax"));
                }
                self.next();
            }
        }
        Ok(())
    }

    fn if_rest(&mut self, line: u32, col: u32) -> Result<Stmt, SourceError> {
        let test = self.expression()?;
        let body = self.block("'if' statement", line)?;
        let orelse = if self.check_kw("elif") {
            let t = self.next();
            vec![self.if_rest(t.line, t.col)?]
        } else {
            self.else_block()?
        };
        Ok(self.mk_stmt(StmtKind::If { test, body, orelse }, line, col))
    }

    fn else_block(&mut self) -> Result<Vec<Stmt>, SourceError> {
        if self.check_kw("else") {
            let t = self.next();
            self.block("'else' statement", t.line)
        } else {
            Ok(Vec::new())
        }
    }

    /// `: body` — a one-line body or an indented block.
    fn block(&mut self, what: &str, line: u32) -> Result<Vec<Stmt>, SourceError> {
        self.expect_op(":")?;
        let mut body = Vec::new();
        if !self.check_tok(&Tok::Newline) {
            // One-line body: `if x: y = 1; z = 2`.
            let before = self.pos;
            self.statement(&mut body)?;
            if self.pos == before {
                return Err(self.error_here("invalid syntax"));
            }
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
        while !self.check_tok(&Tok::Dedent) && !self.at_eof() {
            if self.check_tok(&Tok::Indent) {
                return Err(self.error_here("unexpected indent"));
            }
            self.statement(&mut body)?;
        }
        if self.check_tok(&Tok::Dedent) {
            self.next();
        }
        Ok(body)
    }

    fn def_rest(&mut self, line: u32) -> Result<FunctionDef, SourceError> {
        let name = self.ident()?;
        self.expect_op("(")?;
        let mut params: Vec<Param> = Vec::new();
        let mut seen_default = false;
        while !self.check_op(")") {
            if self.check_op("*") {
                return Err(self.unsupported_here("'*args' in a definition"));
            }
            if self.check_op("**") {
                return Err(self.unsupported_here("'**kwargs' in a definition"));
            }
            if self.check_op("/") {
                return Err(self.unsupported_here("a positional-only marker '/'"));
            }
            let t = self.peek().clone();
            let p = self.ident()?;
            if params.iter().any(|q| q.name == p) {
                return Err(SourceError::syntax(
                    format!("duplicate argument '{p}' in function definition"),
                    t.line,
                    t.col,
                ));
            }
            if self.check_op(":") {
                return Err(self.unsupported_here("a parameter annotation"));
            }
            let default = if self.eat_op("=") {
                seen_default = true;
                Some(self.expression()?)
            } else if seen_default {
                return Err(SourceError::syntax(
                    "non-default argument follows default argument",
                    t.line,
                    t.col,
                ));
            } else {
                None
            };
            params.push(Param {
                name: p,
                annotation: None,
                default,
                line: t.line,
                col: t.col,
                end_line: t.end_line,
                end_col: t.end_col,
            });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        if self.check_op("->") {
            return Err(self.unsupported_here("a return annotation"));
        }
        let body = self.block("function definition", line)?;
        Ok(FunctionDef {
            name,
            args: Arguments {
                args: params,
                ..Arguments::default()
            },
            body,
            decorators: Vec::new(),
            returns: None,
            is_async: false,
        })
    }

    fn try_rest(&mut self, line: u32, col: u32) -> Result<Stmt, SourceError> {
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        while self.check_kw("except") {
            let t = self.next();
            if self.check_op("*") {
                return Err(self.unsupported_here("'except*'"));
            }
            let type_ = if self.check_op(":") {
                None
            } else {
                Some(self.expression()?)
            };
            let name = if self.eat_kw("as") {
                Some(self.ident()?)
            } else {
                None
            };
            let hbody = self.block("'except' statement", t.line)?;
            let last = self.toks[self.pos.saturating_sub(1)].clone();
            handlers.push(Handler {
                type_,
                name,
                body: hbody,
                line: t.line,
                col: t.col,
                end_line: last.end_line,
                end_col: last.end_col,
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let finally = if self.check_kw("finally") {
            let t = self.next();
            self.block("'finally' statement", t.line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finally.is_empty() {
            return Err(self.error_here("expected 'except' or 'finally' block"));
        }
        Ok(self.mk_stmt(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody: finally,
            },
            line,
            col,
        ))
    }

    fn simple(&mut self) -> Result<Stmt, SourceError> {
        self.reject_unsupported()?;
        let t = self.peek().clone();
        let (line, col) = (t.line, t.col);
        let kw = match &t.tok {
            Tok::Name(n) => n.clone(),
            _ => String::new(),
        };
        let kind = match kw.as_str() {
            "pass" => {
                self.next();
                StmtKind::Pass
            }
            "break" => {
                self.next();
                StmtKind::Break
            }
            "continue" => {
                self.next();
                StmtKind::Continue
            }
            "return" => {
                self.next();
                let v = if self.starts_expression() {
                    Some(self.expression_list()?)
                } else {
                    None
                };
                StmtKind::Return { value: v }
            }
            "global" => {
                self.next();
                let mut names = vec![self.ident()?];
                while self.eat_op(",") {
                    names.push(self.ident()?);
                }
                StmtKind::Global { names }
            }
            "raise" => {
                self.next();
                let v = if self.starts_expression() {
                    Some(self.expression()?)
                } else {
                    None
                };
                if self.check_kw("from") {
                    return Err(self.unsupported_here("'raise ... from ...'"));
                }
                StmtKind::Raise {
                    exc: v,
                    cause: None,
                }
            }
            "assert" => {
                self.next();
                let test = self.expression()?;
                let msg = if self.eat_op(",") {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            "import" => {
                self.next();
                let nt = self.peek().clone();
                let module = self.ident()?;
                if self.check_op(".") || self.check_op(",") {
                    return Err(self.unsupported_here("a dotted or multiple import"));
                }
                let asname = if self.eat_kw("as") {
                    Some(self.ident()?)
                } else {
                    None
                };
                let last = self.toks[self.pos - 1].clone();
                StmtKind::Import {
                    names: vec![Alias {
                        name: module,
                        asname,
                        line: nt.line,
                        col: nt.col,
                        end_line: last.end_line,
                        end_col: last.end_col,
                    }],
                }
            }
            "from" => {
                self.next();
                let module = self.ident()?;
                self.expect_kw("import")?;
                if self.check_op("*") {
                    return Err(self.unsupported_here("'from ... import *'"));
                }
                let paren = self.eat_op("(");
                let mut names = Vec::new();
                loop {
                    let nt = self.peek().clone();
                    let n = self.ident()?;
                    let asname = if self.eat_kw("as") {
                        Some(self.ident()?)
                    } else {
                        None
                    };
                    let last = self.toks[self.pos - 1].clone();
                    names.push(Alias {
                        name: n,
                        asname,
                        line: nt.line,
                        col: nt.col,
                        end_line: last.end_line,
                        end_col: last.end_col,
                    });
                    if !self.eat_op(",") || (paren && self.check_op(")")) {
                        break;
                    }
                }
                if paren {
                    self.expect_op(")")?;
                }
                StmtKind::ImportFrom {
                    module,
                    names: ImportNames::Names(names),
                }
            }
            _ => return self.expr_statement(line, col),
        };
        Ok(self.mk_stmt(kind, line, col))
    }

    fn expr_statement(&mut self, line: u32, col: u32) -> Result<Stmt, SourceError> {
        let first = self.expression_list()?;
        for (sym, op) in AUG_OPS {
            if self.check_op(sym) {
                self.next();
                if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Subscript { .. }) {
                    return Err(SourceError::syntax(
                        "'expression' is an illegal expression for augmented assignment",
                        first.line,
                        first.col,
                    ));
                }
                let value = self.expression_list()?;
                let kind = StmtKind::AugAssign {
                    target: first,
                    op: *op,
                    value,
                };
                return Ok(self.mk_stmt(kind, line, col));
            }
        }
        if self.check_op(":") {
            return Err(self.unsupported_here("a variable annotation"));
        }
        if !self.check_op("=") {
            return Ok(self.mk_stmt(StmtKind::Expr(first), line, col));
        }
        let mut targets = vec![first];
        while self.eat_op("=") {
            targets.push(self.expression_list()?);
        }
        let value = targets.pop().unwrap_or_else(|| unreachable_expr(line));
        for t in &targets {
            self.check_target(t)?;
        }
        Ok(self.mk_stmt(StmtKind::Assign { targets, value }, line, col))
    }

    /// Only names, subscripts and (nested) tuples/lists of them are targets.
    pub(super) fn check_target(&self, t: &Expr) -> SResult {
        match &t.kind {
            ExprKind::Name(_) | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                elts.iter().try_for_each(|i| self.check_target(i))
            }
            ExprKind::Attribute { .. } => Err(SourceError::unsupported(
                "assignment to an attribute",
                t.line,
                t.col,
            )),
            _ => Err(SourceError::syntax(
                "cannot assign to expression here. Maybe you meant '==' instead of '='?",
                t.line,
                t.col,
            )),
        }
    }
}

/// The `targets` vector always holds at least the first expression, so this
/// is never reached; it exists so no user input can make the parser panic.
fn unreachable_expr(line: u32) -> Expr {
    Expr::new(ExprKind::Const(crate::ast::Const::None), line, 1, line, 1)
}
