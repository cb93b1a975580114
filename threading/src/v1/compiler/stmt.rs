//! Statement compilation: control flow, `try`, `with`, `def`, imports.
//!
//! ```text
//!   while c: body          for x in it: body          try: body
//!   ─────────────          ─────────────────          except E as e: h
//!   top: <c>               <it> GET_ITER              ─────────────────
//!        POP_JUMP_IF_FALSE top: FOR_ITER end          SETUP_FINALLY H
//!        <body>                 STORE x               <body> POP_BLOCK
//!        JUMP_BACKWARD top      <body>                JUMP_FORWARD end
//!   end:                        JUMP_BACKWARD top     H: PUSH_EXC_INFO
//!                          end:                          COPY 1 <E> CHECK_EXC_MATCH
//!                                                        POP_JUMP_IF_FALSE R
//!                                                        STORE e <h> POP_EXCEPT
//!                                                        JUMP_FORWARD end
//!                                                     R: RERAISE
//! ```
//!
//! `break`/`continue`/`return` unwind the enclosing blocks first (pop the
//! `for` iterator, `POP_BLOCK`, run a `finally` body inline, release a
//! `with` lock), as CPython's `compiler_unwind_fblock` does.

use super::expr::unsupported;
use super::scope::{names_read, Scope};
use super::{FBlock, FnCompiler};
use crate::ast::{Expr, ExprKind, FunctionDef, Handler, ImportNames, Stmt, StmtKind};
use crate::error::SourceError;
use crate::v1::bytecode::Op;
use crate::v1::vm::value::Value;
use std::sync::Arc;

type CResult = Result<(), SourceError>;

impl FnCompiler<'_> {
    pub(super) fn statement(&mut self, s: &Stmt) -> CResult {
        self.line = s.line;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::PopTop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Copy(1));
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => match &target.kind {
                _ if !super::expr::V1_BINOPS.contains(op) => {
                    return Err(SourceError::unsupported(
                        &format!("the bitwise operator '{}='", op.symbol()),
                        s.line,
                        s.col,
                    ))
                }
                ExprKind::Name(n) => {
                    self.load_name(n);
                    self.expr(value)?;
                    self.line = s.line;
                    self.emit(Op::BinaryOp(*op, true));
                    self.store_name(n);
                }
                ExprKind::Subscript {
                    value: obj,
                    slice: idx,
                } => {
                    self.expr(obj)?;
                    self.expr(idx)?;
                    self.emit(Op::Copy(2));
                    self.emit(Op::Copy(2));
                    self.emit(Op::BinarySubscr);
                    self.expr(value)?;
                    self.emit(Op::BinaryOp(*op, true));
                    self.emit(Op::Swap(3));
                    self.emit(Op::Swap(2));
                    self.emit(Op::StoreSubscr);
                }
                _ => {
                    return Err(SourceError::syntax(
                        "illegal expression for augmented assignment",
                        s.line,
                        1,
                    ))
                }
            },
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.block(body)?;
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Op::JumpForward(0));
                    self.patch(to_else);
                    self.block(orelse)?;
                    self.patch(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.here();
                self.expr(test)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.loop_body(top, false, body, orelse, exit, s.line)?;
            }
            StmtKind::For { is_async: true, .. } => {
                return Err(SourceError::unsupported(
                    "'async' ('async for')",
                    s.line,
                    s.col,
                ))
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                let top = self.here();
                let exit = self.emit(Op::ForIter(0));
                self.store_target(target)?;
                self.loop_body(top, true, body, orelse, exit, s.line)?;
            }
            StmtKind::Break | StmtKind::Continue => {
                self.break_continue(matches!(s.kind, StmtKind::Break), s.line)?
            }
            StmtKind::Pass | StmtKind::Global { .. } => {}
            StmtKind::Return { value } => {
                if self.is_module {
                    return Err(SourceError::syntax("'return' outside function", s.line, 1)
                        .whole_statement());
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let none = self.const_index(Value::None);
                        self.emit(Op::LoadConst(none));
                    }
                }
                self.line = s.line;
                self.unwind_to(0, true, s.line)?;
                self.emit(Op::ReturnValue);
            }
            StmtKind::FunctionDef(f) => self.def(f, s)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Raise { cause: Some(c), .. } => {
                return Err(unsupported("'raise ... from ...'", c))
            }
            StmtKind::Raise { exc, cause: None } => {
                let n = match exc {
                    Some(e) => {
                        self.expr(e)?;
                        1
                    }
                    None => 0,
                };
                self.line = s.line;
                self.emit(Op::RaiseVarargs(n));
            }
            StmtKind::With { is_async: true, .. } => {
                return Err(SourceError::unsupported(
                    "'async' ('async with')",
                    s.line,
                    s.col,
                ))
            }
            StmtKind::With { items, .. } if items.len() != 1 => {
                return Err(SourceError::unsupported(
                    "a 'with' statement with several context managers",
                    s.line,
                    s.col,
                ))
            }
            StmtKind::With { items, body, .. } => {
                let (ctx, target) = (&items[0].context_expr, &items[0].optional_vars);
                self.expr(ctx)?;
                self.emit(Op::BeforeWith);
                match target {
                    Some(t) => self.store_target(t)?,
                    None => {
                        self.emit(Op::PopTop);
                    }
                }
                let handler = self.emit(Op::SetupFinally(0));
                self.fblocks.push(FBlock::With);
                self.block(body)?;
                self.fblocks.pop();
                self.line = s.line;
                self.emit(Op::PopBlock);
                self.emit(Op::ExitWith);
                let end = self.emit(Op::JumpForward(0));
                self.patch(handler);
                self.emit(Op::Swap(2));
                self.emit(Op::ExitWith);
                self.emit(Op::Reraise);
                self.patch(end);
            }
            StmtKind::Import { names } => {
                if names.len() != 1 || names[0].name.contains('.') {
                    return Err(SourceError::unsupported(
                        "a dotted or multiple import",
                        s.line,
                        s.col,
                    ));
                }
                let (m, alias) = (&names[0].name, &names[0].asname);
                check_module(m, s.line)?;
                let i = self.name_index(m);
                self.emit(Op::ImportName(i));
                self.store_name(alias.as_ref().unwrap_or(m));
            }
            StmtKind::ImportFrom {
                names: ImportNames::Star,
                ..
            } => {
                return Err(SourceError::unsupported(
                    "'from ... import *'",
                    s.line,
                    s.col,
                ))
            }
            StmtKind::ImportFrom {
                module: m,
                names: ImportNames::Names(names),
            } => {
                if m.contains('.') {
                    return Err(SourceError::unsupported(
                        "a dotted or multiple import",
                        s.line,
                        s.col,
                    ));
                }
                check_module(m, s.line)?;
                let i = self.name_index(m);
                self.emit(Op::ImportName(i));
                for alias in names {
                    let j = self.name_index(&alias.name);
                    self.emit(Op::ImportFrom(j));
                    self.store_name(alias.asname.as_ref().unwrap_or(&alias.name));
                }
                self.emit(Op::PopTop);
            }
            StmtKind::ClassDef(_) => {
                return Err(SourceError::unsupported("'class' (classes)", s.line, s.col))
            }
            StmtKind::Nonlocal { .. } => {
                return Err(SourceError::unsupported("'nonlocal'", s.line, s.col))
            }
            StmtKind::Delete { .. } => {
                return Err(SourceError::unsupported("'del'", s.line, s.col))
            }
            StmtKind::AnnAssign { .. } => {
                return Err(SourceError::unsupported(
                    "a variable annotation",
                    s.line,
                    s.col,
                ))
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::RaiseVarargs(1));
                self.patch(ok);
            }
        }
        Ok(())
    }

    fn loop_body(
        &mut self,
        top: u32,
        is_for: bool,
        body: &[Stmt],
        orelse: &[Stmt],
        exit: usize,
        line: u32,
    ) -> CResult {
        self.fblocks.push(FBlock::Loop {
            continue_to: top,
            breaks: Vec::new(),
            is_for,
        });
        self.block(body)?;
        self.line = line;
        self.emit(Op::JumpBackward(top));
        self.patch(exit);
        let breaks = match self.fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        };
        self.block(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, line: u32) -> CResult {
        let word = if is_break { "'break'" } else { "'continue'" };
        let Some(idx) = self
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            return Err(
                SourceError::syntax(format!("{word} outside loop"), line, 1).whole_statement()
            );
        };
        self.unwind_to(idx + 1, false, line)?;
        if let FBlock::Loop {
            continue_to,
            is_for,
            ..
        } = self.fblocks[idx].clone()
        {
            if is_break {
                if is_for {
                    self.emit(Op::PopTop);
                }
                let j = self.emit(Op::JumpForward(0));
                if let FBlock::Loop { breaks, .. } = &mut self.fblocks[idx] {
                    breaks.push(j);
                }
            } else {
                self.emit(Op::JumpBackward(continue_to));
            }
        }
        Ok(())
    }

    /// Emits the cleanup of every fblock from the innermost down to index
    /// `down_to` (inclusive), keeping TOS when `preserve_tos`.
    fn unwind_to(&mut self, down_to: usize, preserve_tos: bool, line: u32) -> CResult {
        let saved = self.fblocks.clone();
        for i in (down_to..saved.len()).rev() {
            self.fblocks.truncate(i);
            match saved[i].clone() {
                FBlock::Loop { is_for, .. } => {
                    if is_for {
                        if preserve_tos {
                            self.emit(Op::Swap(2));
                        }
                        self.emit(Op::PopTop);
                    }
                }
                FBlock::TryExcept => {
                    self.emit(Op::PopBlock);
                }
                FBlock::TryFinally(body) => {
                    self.emit(Op::PopBlock);
                    self.block(&body)?;
                    self.line = line;
                }
                FBlock::Handler => {
                    self.emit(Op::PopExcept);
                }
                FBlock::With => {
                    self.emit(Op::PopBlock);
                    if preserve_tos {
                        self.emit(Op::Swap(2));
                    }
                    self.emit(Op::ExitWith);
                }
                FBlock::FinallyExc => {
                    self.fblocks = saved;
                    return Err(SourceError::unsupported(
                        "'return'/'break'/'continue' inside a 'finally' block",
                        line,
                        1,
                    ));
                }
            }
        }
        self.fblocks = saved;
        Ok(())
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finally: &[Stmt],
    ) -> CResult {
        if finally.is_empty() {
            return self.try_except(body, handlers, orelse);
        }
        let fin = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::TryFinally(finally.to_vec()));
        if handlers.is_empty() {
            self.block(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.block(finally)?;
        let end = self.emit(Op::JumpForward(0));
        self.patch(fin);
        self.emit(Op::PushExcInfo);
        self.fblocks.push(FBlock::FinallyExc);
        self.block(finally)?;
        self.fblocks.pop();
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn try_except(&mut self, body: &[Stmt], handlers: &[Handler], orelse: &[Stmt]) -> CResult {
        let setup = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::TryExcept);
        self.block(body)?;
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.block(orelse)?;
        let mut ends = vec![self.emit(Op::JumpForward(0))];
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        for h in handlers {
            self.line = h.line;
            let next = match &h.type_ {
                Some(c) => {
                    self.expr(c)?;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => None,
            };
            match &h.name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            self.fblocks.push(FBlock::Handler);
            self.block(&h.body)?;
            self.fblocks.pop();
            self.emit(Op::PopExcept);
            ends.push(self.emit(Op::JumpForward(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn def(&mut self, f: &FunctionDef, s: &Stmt) -> CResult {
        let line = s.line;
        if let Some(d) = f.decorators.first() {
            return Err(SourceError::unsupported("a decorator ('@')", d.line, d.col));
        }
        if f.is_async {
            return Err(SourceError::unsupported(
                "'async' ('async def')",
                line,
                s.col,
            ));
        }
        let a = &f.args;
        if let Some(p) = &a.vararg {
            return Err(SourceError::unsupported(
                "'*args' in a definition",
                p.line,
                p.col,
            ));
        }
        if let Some(p) = &a.kwarg {
            return Err(SourceError::unsupported(
                "'**kwargs' in a definition",
                p.line,
                p.col,
            ));
        }
        if let Some(p) = a.posonly.first().or(a.kwonly.first()) {
            return Err(SourceError::unsupported(
                "a positional-only or keyword-only parameter",
                p.line,
                p.col,
            ));
        }
        if let Some(p) = a.args.iter().find(|p| p.annotation.is_some()) {
            return Err(SourceError::unsupported(
                "a parameter annotation",
                p.line,
                p.col,
            ));
        }
        if let Some(r) = &f.returns {
            return Err(unsupported("a return annotation", r));
        }
        let params: Vec<String> = a.args.iter().map(|p| p.name.clone()).collect();
        let defaults: Vec<&Expr> = a.args.iter().filter_map(|p| p.default.as_ref()).collect();
        for d in &defaults {
            self.expr(d)?;
        }
        if !defaults.is_empty() {
            self.emit(Op::BuildTuple(defaults.len() as u32));
        }
        let mut scope = Scope::default();
        scope.collect(&f.body);
        if let Some(p) = params.iter().find(|p| scope.globals.contains(*p)) {
            return Err(SourceError::syntax(
                format!("name '{p}' is parameter and global"),
                line,
                1,
            ));
        }
        if !self.is_module {
            let mut reads = Vec::new();
            names_read(&f.body, &mut reads);
            for (name, l) in reads {
                let inner_local = params.contains(&name)
                    || (scope.assigned.contains(&name) && !scope.globals.contains(&name));
                if !inner_local && !scope.globals.contains(&name) && self.locals.contains_key(&name)
                {
                    return Err(SourceError::unsupported(
                        &format!(
                            "a closure ('{}' reads '{name}' of its enclosing function)",
                            f.name
                        ),
                        l,
                        1,
                    ));
                }
            }
        }
        let mut child = FnCompiler::new(&mut *self.globals, &self.filename, &f.name, false);
        for p in &params {
            let slot = child.new_local(p);
            child.locals.insert(p.clone(), slot);
        }
        for n in &scope.assigned {
            if !scope.globals.contains(n) && !child.locals.contains_key(n) {
                let slot = child.new_local(n);
                child.locals.insert(n.clone(), slot);
            }
        }
        child.line = line;
        child.emit(Op::Resume);
        child.block(&f.body)?;
        let none = child.const_index(Value::None);
        child.emit(Op::LoadConst(none));
        child.emit(Op::ReturnValue);
        let code = child.finish(line, params.len(), &Arc::new(Vec::new()));
        self.children.push(code);
        self.line = line;
        self.emit(Op::MakeFunction(
            (self.children.len() - 1) as u32,
            !defaults.is_empty(),
        ));
        self.store_name(&f.name);
        Ok(())
    }

    /// Stores TOS into an assignment target.
    pub(super) fn store_target(&mut self, t: &Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                if let Some(x) = elts
                    .iter()
                    .find(|x| matches!(x.kind, ExprKind::Starred { .. }))
                {
                    return Err(unsupported("star unpacking ('*') in an assignment", x));
                }
                self.emit(Op::UnpackSequence(elts.len() as u32));
                for i in elts {
                    self.store_target(i)?;
                }
            }
            ExprKind::Attribute { .. } => return Err(unsupported("assignment to an attribute", t)),
            _ => {
                return Err(SourceError::syntax(
                    "cannot assign to expression",
                    t.line,
                    t.col,
                ))
            }
        }
        Ok(())
    }
}

/// MiniPy's four modules; any other import is outside the subset.
fn check_module(m: &str, line: u32) -> CResult {
    if crate::v1::modules::MODULES.contains(&m) {
        return Ok(());
    }
    Err(SourceError::unsupported(
        &format!("'import {m}' (MiniPy has only the modules threading, time, queue, sys)"),
        line,
        1,
    ))
}
