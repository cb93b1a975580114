//! Statement compilation: control flow, `try`, `with`, `def`, `class`,
//! imports, `del`, `assert`.
//!
//! ```text
//!   while c: body          for x in it: body          try: body
//!   else: e                else: e                    except E as e: h
//!   ─────────────          ─────────────────          ─────────────────
//!   top: <c>               <it> GET_ITER              SETUP_FINALLY H
//!        POP_JUMP_IF_FALSE top: FOR_ITER else         <body> POP_BLOCK <else>
//!        <body>                 STORE x               JUMP_FORWARD end
//!        JUMP_BACKWARD top      <body>                H: PUSH_EXC_INFO
//!   else: <e>                   JUMP_BACKWARD top        COPY 1 <E> CHECK_EXC_MATCH
//!   end:                   else: <e>                     POP_JUMP_IF_FALSE R
//!                          end:                          STORE e <h> POP_EXCEPT
//!                                                        (e = None; del e)
//!                                                        JUMP_FORWARD end
//!                                                     R: RERAISE
//! ```
//!
//! `break`/`continue`/`return` unwind the enclosing blocks first (pop the
//! `for` iterator, `POP_BLOCK`, run a `finally` body inline, call a
//! `with`'s `__exit__`), as CPython's `compiler_unwind_fblock` does.
//!
//! Python equivalent: `Python/compile.c` (`compiler_visit_stmt` and
//! friends).

use super::{CodeGen, FBlock};
use crate::ast::{
    Arguments, ClassDef, ExprKind, FunctionDef, Handler, ImportNames, Stmt, StmtKind, WithItem,
};
use crate::bytecode::{CodeFlags, Op, MF_DEFAULTS, MF_KWDEFAULTS};
use crate::error::SourceError;
use crate::object::Value;

type CResult = Result<(), SourceError>;

impl CodeGen<'_> {
    pub(super) fn statement(&mut self, s: &Stmt) -> CResult {
        self.line = s.line;
        self.span = (0, 0, 0);
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
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                self.annotation(target, annotation, *simple)?;
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
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
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return Err(SourceError::unsupported("'async for'", s.line, s.col));
                }
                self.expr(iter)?;
                self.line = s.line;
                self.emit(Op::GetIter);
                let top = self.here();
                let exit = self.emit(Op::ForIter(0));
                self.store_target(target)?;
                self.loop_body(top, true, body, orelse, exit, s.line)?;
            }
            StmtKind::Break | StmtKind::Continue => {
                self.break_continue(matches!(s.kind, StmtKind::Break), s.line)?
            }
            StmtKind::Pass | StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {}
            StmtKind::Return { value } => {
                if !self.scope.kind.is_function() {
                    return Err(SourceError::syntax("'return' outside function", s.line, 1)
                        .whole_statement());
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_none(),
                }
                self.line = s.line;
                self.unwind_to(0, true, s.line)?;
                self.emit(Op::ReturnValue);
            }
            StmtKind::FunctionDef(f) => self.def(f, s)?,
            StmtKind::ClassDef(c) => self.class(c, s)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Raise { exc, cause } => {
                let n = match (exc, cause) {
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        2
                    }
                    (Some(e), None) => {
                        self.expr(e)?;
                        1
                    }
                    _ => 0,
                };
                self.line = s.line;
                self.span = (0, 0, 0);
                self.emit(Op::RaiseVarargs(n));
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    return Err(SourceError::unsupported("'async with'", s.line, s.col));
                }
                self.with(items, body, s.line)?
            }
            StmtKind::Import { names } => {
                for a in names {
                    let i = self.name_index(&a.name);
                    match &a.asname {
                        Some(asname) => {
                            self.emit(Op::ImportName(i, false));
                            self.store_name(asname);
                        }
                        None => {
                            self.emit(Op::ImportName(i, true));
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                if module == "__future__" && s.line > self.m.future_last_line {
                    return Err(super::future::misplaced(s));
                }
                let i = self.name_index(module);
                self.emit(Op::ImportName(i, false));
                match names {
                    ImportNames::Star => {
                        self.emit(Op::ImportStar);
                    }
                    ImportNames::Names(aliases) => {
                        for a in aliases {
                            let j = self.name_index(&a.name);
                            self.emit(Op::ImportFrom(j));
                            self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                        }
                        self.emit(Op::PopTop);
                    }
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                self.line = s.line;
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.line = s.line;
                    self.emit(Op::Call(1));
                }
                // CPython 3.11 points the failure at the test expression.
                self.line = test.line;
                self.span = (test.col, test.end_line, test.end_col);
                self.emit(Op::RaiseVarargs(1));
                self.span = (0, 0, 0);
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
        self.span = (0, 0, 0);
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
        let Some(idx) = self
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(SourceError::syntax(msg, line, 1).whole_statement());
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
                FBlock::Handler(name) => {
                    if preserve_tos {
                        self.emit(Op::Swap(2));
                    }
                    self.emit(Op::PopTop);
                    self.emit(Op::PopExcept);
                    if let Some(n) = name {
                        self.emit_none();
                        self.store_name(&n);
                        self.delete_name(&n);
                    }
                }
                FBlock::With => {
                    self.emit(Op::PopBlock);
                    if preserve_tos {
                        self.emit(Op::Swap(2));
                    }
                    self.emit(Op::WithExit);
                }
                FBlock::FinallyExc => {
                    if preserve_tos {
                        self.emit(Op::Swap(2));
                    }
                    self.emit(Op::PopExcept);
                    self.emit(Op::PopTop);
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
            self.block(orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.block(finally)?;
        let end = self.emit(Op::JumpForward(0));
        self.patch(fin);
        // The exception is on the stack: remember it while `finally` runs.
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
        for (i, h) in handlers.iter().enumerate() {
            self.line = h.line;
            self.span = (0, 0, 0);
            if h.type_.is_none() && i + 1 < handlers.len() {
                return Err(SourceError::syntax(
                    "default 'except:' must be last",
                    h.line,
                    h.col,
                ));
            }
            let next = match &h.type_ {
                Some(c) => {
                    self.expr(c)?;
                    self.line = h.line;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => None,
            };
            // The exception stays on the stack while the handler runs (the
            // `as` target gets a copy), so `return`/`break` can drop it.
            if let Some(n) = &h.name {
                self.emit(Op::Copy(1));
                self.store_name(n);
            }
            self.fblocks.push(FBlock::Handler(h.name.clone()));
            self.block(&h.body)?;
            self.fblocks.pop();
            self.line = h.line;
            self.emit(Op::PopTop);
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                // `except E as e` deletes `e` at the end (CPython does it
                // too, to break the traceback's reference cycle).
                self.emit_none();
                self.store_name(n);
                self.delete_name(n);
            }
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

    fn with(&mut self, items: &[WithItem], body: &[Stmt], line: u32) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.block(body);
        };
        self.expr(&first.context_expr)?;
        self.line = line;
        self.span = (0, 0, 0);
        self.emit(Op::BeforeWith);
        match &first.optional_vars {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        let handler = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::With);
        if rest.is_empty() {
            self.block(body)?;
        } else {
            self.with(rest, body, line)?;
        }
        self.fblocks.pop();
        self.line = line;
        self.span = (0, 0, 0);
        self.emit(Op::PopBlock);
        self.emit(Op::WithExit);
        let end = self.emit(Op::JumpForward(0));
        // [exit, exc]: call exit(type, exc, tb); a true result swallows it.
        self.patch(handler);
        self.emit(Op::PushExcInfo);
        self.emit(Op::WithExceptStart);
        let suppress = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::PopTop);
        self.emit(Op::PopExcept);
        self.emit(Op::PopTop);
        self.patch(end);
        Ok(())
    }

    /// Positional defaults tuple and keyword-only defaults dict for a
    /// `def` or `lambda`; returns the `MAKE_FUNCTION` flags.
    pub(super) fn defaults(&mut self, args: &Arguments) -> Result<u8, SourceError> {
        let mut flags = 0;
        let positional: Vec<_> = args
            .posonly
            .iter()
            .chain(&args.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !positional.is_empty() {
            for d in &positional {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(positional.len() as u32));
            flags |= MF_DEFAULTS;
        }
        let kw: Vec<_> = args
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref().map(|d| (p.name.clone(), d)))
            .collect();
        if !kw.is_empty() {
            for (name, d) in &kw {
                let i = self.const_index(Value::str(name));
                self.emit(Op::LoadConst(i));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kw.len() as u32));
            flags |= MF_KWDEFAULTS;
        }
        Ok(flags)
    }

    fn def(&mut self, f: &FunctionDef, s: &Stmt) -> CResult {
        for d in &f.decorators {
            self.expr(d)?;
        }
        self.line = s.line;
        let flags = self.defaults(&f.args)?;
        let node = super::symtable::node_id(f);
        let scope = self
            .scope
            .child(node)
            .ok_or_else(|| SourceError::syntax("internal: no scope for def", s.line, 1))?;
        let qualname = self.child_qualname(&f.name);
        let def_line = f
            .decorators
            .last()
            .map(|d| d.end_line + 1)
            .unwrap_or(s.line)
            .max(s.line);
        let mut child = self.child_codegen(scope, &f.name, &qualname);
        child.line = def_line;
        child.emit(Op::Resume);
        if let Some(doc) = super::docstring(&f.body) {
            child.consts.push(Value::str(&doc));
            child.flags |= CodeFlags::HAS_DOCSTRING;
        }
        child.flags |= varargs_flags(&f.args);
        if scope.uses_class_cell {
            child.flags |= CodeFlags::USES_CLASS_CELL;
        }
        child.block(&f.body)?;
        child.emit_none();
        child.emit(Op::ReturnValue);
        let argcount = (f.args.posonly.len() + f.args.args.len()) as u32;
        let code = child.finish(
            def_line,
            argcount,
            f.args.posonly.len() as u32,
            f.args.kwonly.len() as u32,
        );
        let i = self.add_child(code);
        self.line = s.line;
        self.emit(Op::MakeFunction(i, flags));
        for _ in &f.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    fn class(&mut self, c: &ClassDef, s: &Stmt) -> CResult {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.line = s.line;
        self.emit(Op::LoadBuildClass);
        let node = super::symtable::node_id(c);
        let scope = self
            .scope
            .child(node)
            .ok_or_else(|| SourceError::syntax("internal: no scope for class", s.line, 1))?;
        let qualname = self.child_qualname(&c.name);
        let mut body = CodeGen::new(self.m, scope, &c.name, &qualname);
        body.private = Some(std::sync::Arc::from(c.name.as_str()));
        body.flags |= CodeFlags::CLASS_BODY;
        body.line = s.line;
        body.emit(Op::Resume);
        body.setup_annotations(&c.body);
        body.docstring_store(&c.body)?;
        body.block(&c.body)?;
        body.emit_none();
        body.emit(Op::ReturnValue);
        let code = body.finish(s.line, 0, 0, 0);
        let i = self.add_child(code);
        self.line = s.line;
        self.emit(Op::MakeFunction(i, 0));
        let name = self.const_index(Value::str(&c.name));
        self.emit(Op::LoadConst(name));
        // `class C(*bases, **kw)` and plain bases alike go through a call.
        let starred = c
            .bases
            .iter()
            .any(|b| matches!(b.kind, ExprKind::Starred { .. }))
            || c.keywords.iter().any(|k| k.arg.is_none());
        if starred {
            self.emit(Op::BuildList(2));
            for b in &c.bases {
                match &b.kind {
                    ExprKind::Starred { value } => {
                        self.expr(value)?;
                        self.emit(Op::ListExtend(1));
                    }
                    _ => {
                        self.expr(b)?;
                        self.emit(Op::ListAppend(1));
                    }
                }
            }
            self.emit(Op::ListToTuple);
            // The callee (__build_class__) sits below the tuple.
            let has_kw = !c.keywords.is_empty();
            if has_kw {
                self.call_kwargs_dict(&c.keywords)?;
            }
            self.line = s.line;
            self.emit(Op::CallFunctionEx(has_kw as u8));
        } else {
            for b in &c.bases {
                self.expr(b)?;
            }
            for k in &c.keywords {
                self.expr(&k.value)?;
            }
            self.line = s.line;
            if !c.keywords.is_empty() {
                let names: Vec<Value> = c
                    .keywords
                    .iter()
                    .map(|k| Value::str(k.arg.as_deref().unwrap_or("")))
                    .collect();
                let i = self.const_index(Value::tuple(names));
                self.emit(Op::KwNames(i));
            }
            self.emit(Op::Call((2 + c.bases.len() + c.keywords.len()) as u32));
        }
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }
}

/// `CodeFlags` for `*args` / `**kwargs` parameters.
pub(super) fn varargs_flags(args: &Arguments) -> u32 {
    let mut f = 0;
    if args.vararg.is_some() {
        f |= CodeFlags::VARARGS;
    }
    if args.kwarg.is_some() {
        f |= CodeFlags::VARKEYWORDS;
    }
    f
}
