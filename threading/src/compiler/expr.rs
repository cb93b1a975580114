//! Expression compilation: operands first, then the operator (a stack
//! machine); short-circuit jumps for `and`/`or`; CPython 3.11's
//! `SWAP`/`COPY` dance for chained comparisons; calls with keywords and
//! `*`/`**`; displays with unpacking; comprehensions, generator
//! expressions and lambdas as functions of their own.
//!
//! ```text
//!   a < b < c    ─▶  <a> <b> SWAP 2; COPY 2; COMPARE_OP <
//!                    JUMP_IF_FALSE_OR_POP cleanup
//!                    <c> COMPARE_OP <; JUMP_FORWARD end
//!           cleanup: SWAP 2; POP_TOP
//!   obj.m(x, k=1)    <obj> LOAD_METHOD m <x> <1> KW_NAMES ('k',) CALL_METHOD 2
//!   f(*a, **kw)      <f> <a> <kw as dict> CALL_FUNCTION_EX 1
//!   [x*x for x in xs]  MAKE_FUNCTION <listcomp>; <xs> GET_ITER; CALL 1
//! ```
//!
//! Python equivalent: `Python/compile.c` (`compiler_visit_expr1`,
//! `compiler_call_helper`, `starunpack_helper`, `compiler_comprehension`),
//! `Python/ast_opt.c` (the constant folding of `-1`).

use super::CodeGen;
use crate::ast::{
    BoolOp, CmpOp, Comparison, Comprehension, Const, Conversion, DictItem, Expr, ExprKind, Keyword,
    UnaryOp,
};
use crate::bytecode::{
    CodeFlags, Op, UnaryOp as VmUnary, CONV_ASCII, CONV_NONE, CONV_REPR, CONV_STR,
};
use crate::error::SourceError;
use crate::object::bigint::BigInt;
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::Value;

type CResult = Result<(), SourceError>;

/// What kind of container a comprehension builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    /// `[...]`
    List,
    /// `{...}`
    Set,
    /// `{k: v ...}`
    Dict,
    /// `(...)`: yields instead of building.
    Generator,
}

/// The value of a constant literal.
pub(super) fn const_value(c: &Const) -> Value {
    match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(Flag(*b)),
        Const::Ellipsis => Value::Ellipsis,
        Const::Int(i) => Value::Int(*i),
        Const::BigInt(lit) => match BigInt::parse(&lit.digits, lit.radix as i64) {
            Ok(b) => crate::vm::number::big_value(b),
            Err(_) => Value::Int(0),
        },
        Const::Float(f) => Value::Float(*f),
        Const::Str(s) => Value::str(s),
        Const::Bytes(b) => Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(b.clone()))),
    }
}

/// The folded value of `-c` / `+c` / `~c` for a numeric literal.
fn fold_unary(op: UnaryOp, v: &Value) -> Option<Value> {
    use crate::vm::number::{int_invert, int_neg, int_ref};
    match (op, v) {
        (UnaryOp::USub, Value::Float(f)) => Some(Value::Float(-f)),
        (UnaryOp::UAdd, Value::Float(f)) => Some(Value::Float(*f)),
        (UnaryOp::USub, _) => int_ref(v)
            .filter(|_| !matches!(v, Value::Bool(Flag(_))))
            .map(int_neg),
        (UnaryOp::Invert, _) => int_ref(v)
            .filter(|_| !matches!(v, Value::Bool(Flag(_))))
            .map(int_invert),
        (UnaryOp::UAdd, Value::Int(_) | Value::BigInt(_)) => Some(v.clone()),
        _ => None,
    }
}

impl CodeGen<'_> {
    /// A constant the expression folds to, if it is one (literals, and
    /// `-literal` as CPython's AST optimizer folds it).
    fn constant_of(&self, e: &Expr) -> Option<Value> {
        match &e.kind {
            ExprKind::Const(c) => Some(const_value(c)),
            ExprKind::UnaryOp { op, operand } => {
                let inner = self.constant_of(operand)?;
                fold_unary(*op, &inner)
            }
            ExprKind::Tuple { elts } => {
                let mut items = Vec::with_capacity(elts.len());
                for x in elts {
                    if matches!(x.kind, ExprKind::Starred { .. }) {
                        return None;
                    }
                    items.push(self.constant_of(x)?);
                }
                Some(Value::tuple(items))
            }
            _ => None,
        }
    }

    pub(super) fn expr(&mut self, e: &Expr) -> CResult {
        let saved_line = self.line;
        let saved_span = self.span;
        self.line = e.line;
        self.span = (e.col, e.end_line, e.end_col);
        self.expr_inner(e)?;
        self.line = saved_line;
        self.span = saved_span;
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult {
        if let ExprKind::UnaryOp { .. } | ExprKind::Tuple { .. } = &e.kind {
            if let Some(v) = self.constant_of(e) {
                let i = self.const_index(v);
                self.emit(Op::LoadConst(i));
                return Ok(());
            }
        }
        match &e.kind {
            ExprKind::Const(c) => {
                let i = self.const_index(const_value(c));
                self.emit(Op::LoadConst(i));
            }
            ExprKind::Name(n) => {
                if n == "__debug__" {
                    let i = self.const_index(Value::Bool(Flag(true)));
                    self.emit(Op::LoadConst(i));
                } else {
                    self.load_name(n);
                }
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::BinaryOp(*op, false));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Op::Unary(match op {
                    UnaryOp::USub => VmUnary::Negative,
                    UnaryOp::UAdd => VmUnary::Positive,
                    UnaryOp::Not => VmUnary::Not,
                    UnaryOp::Invert => VmUnary::Invert,
                }));
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare { left, comparisons } => self.compare(left, comparisons)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let to_end = self.emit(Op::JumpForward(0));
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(to_end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::Copy(1));
                match &target.kind {
                    ExprKind::Name(n) => self.store_name(n),
                    _ => {
                        return Err(SourceError::syntax(
                            "cannot use assignment expressions with this target",
                            target.line,
                            target.col,
                        ))
                    }
                }
            }
            ExprKind::Lambda { args, body } => {
                let flags = self.defaults(args)?;
                let node = super::symtable::node_id(e);
                let scope = self.scope.child(node).ok_or_else(|| {
                    SourceError::syntax("internal: no scope for lambda", e.line, 1)
                })?;
                let qualname = self.child_qualname("<lambda>");
                let mut child = self.child_codegen(scope, "<lambda>", &qualname);
                child.line = e.line;
                child.emit(Op::Resume);
                child.flags |= super::stmt::varargs_flags(args);
                child.expr(body)?;
                child.emit(Op::ReturnValue);
                let code = child.finish(
                    e.line,
                    (args.posonly.len() + args.args.len()) as u32,
                    args.posonly.len() as u32,
                    args.kwonly.len() as u32,
                );
                let i = self.add_child(code);
                self.emit(Op::MakeFunction(i, flags));
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                let parts = [lower, upper, step];
                let n = if step.is_some() { 3 } else { 2 };
                for p in parts.iter().take(n) {
                    match p {
                        Some(x) => self.expr(x)?,
                        None => self.emit_none(),
                    }
                }
                self.emit(Op::BuildSlice(n as u32));
            }
            ExprKind::Starred { .. } => {
                return Err(SourceError::syntax(
                    "can't use starred expression here",
                    e.line,
                    e.col,
                ))
            }
            ExprKind::List { elts } => self.display(elts, Op::BuildList(0), false)?,
            ExprKind::Tuple { elts } => self.display(elts, Op::BuildTuple(0), true)?,
            ExprKind::Set { elts } => self.set_display(elts)?,
            ExprKind::Dict { items } => self.dict_display(items)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, CompKind::List, "<listcomp>", &[elt], generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, CompKind::Set, "<setcomp>", &[elt], generators)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, CompKind::Dict, "<dictcomp>", &[key, value], generators)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, CompKind::Generator, "<genexpr>", &[elt], generators)?
            }
            ExprKind::JoinedStr { values } => {
                for v in values {
                    match &v.kind {
                        ExprKind::Const(Const::Str(s)) => {
                            let i = self.const_index(Value::str(s));
                            self.emit(Op::LoadConst(i));
                        }
                        _ => self.expr(v)?,
                    }
                }
                if values.len() != 1 || !matches!(values[0].kind, ExprKind::Const(Const::Str(_))) {
                    self.emit(Op::BuildString(values.len() as u32));
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                }
                let c = match conversion {
                    Some(Conversion::Str) => CONV_STR,
                    Some(Conversion::Repr) => CONV_REPR,
                    Some(Conversion::Ascii) => CONV_ASCII,
                    None => CONV_NONE,
                };
                self.emit(Op::FormatValue(c, format_spec.is_some()));
            }
            ExprKind::Await { value } => {
                self.expr(value)?;
                self.emit(Op::GetAwaitable);
                self.emit_none();
                self.emit(Op::YieldFrom);
            }
            ExprKind::Yield { value } => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_none(),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom { value } => {
                if self.scope.is_coroutine {
                    return Err(SourceError::syntax(
                        "'yield from' inside async function",
                        e.line,
                        e.col,
                    ));
                }
                self.expr(value)?;
                self.emit(Op::GetYieldFromIter);
                self.emit_none();
                self.emit(Op::YieldFrom);
            }
        }
        Ok(())
    }

    fn cmp_op(&mut self, op: CmpOp) {
        self.emit(match op {
            CmpOp::In => Op::ContainsOp(false),
            CmpOp::NotIn => Op::ContainsOp(true),
            CmpOp::Is => Op::IsOp(false),
            CmpOp::IsNot => Op::IsOp(true),
            other => Op::CompareOp(other),
        });
    }

    fn compare(&mut self, first: &Expr, rest: &[Comparison]) -> CResult {
        self.expr(first)?;
        if rest.len() == 1 {
            self.expr(&rest[0].right)?;
            self.cmp_op(rest[0].op);
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, c) in rest.iter().enumerate() {
            self.expr(&c.right)?;
            if i + 1 < rest.len() {
                self.emit(Op::Swap(2));
                self.emit(Op::Copy(2));
                self.cmp_op(c.op);
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.cmp_op(c.op);
            }
        }
        let end = self.emit(Op::JumpForward(0));
        for c in cleanups {
            self.patch(c);
        }
        self.emit(Op::Swap(2));
        self.emit(Op::PopTop);
        self.patch(end);
        Ok(())
    }

    /// A call.
    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult {
        let starred = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        let call_span = (e.col, e.end_line, e.end_col);
        if !starred {
            let method = match &func.kind {
                ExprKind::Attribute { value, attr } => {
                    self.expr(value)?;
                    self.span = (func.col, func.end_line, func.end_col);
                    let i = self.attr_index(attr);
                    self.emit(Op::LoadMethod(i));
                    true
                }
                _ => {
                    self.expr(func)?;
                    false
                }
            };
            for a in args {
                self.expr(a)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.line = e.line;
            self.span = call_span;
            if !keywords.is_empty() {
                let names: Vec<Value> = keywords
                    .iter()
                    .map(|k| Value::str(k.arg.as_deref().unwrap_or("")))
                    .collect();
                let i = self.const_index(Value::tuple(names));
                self.emit(Op::KwNames(i));
            }
            let n = (args.len() + keywords.len()) as u32;
            self.emit(if method {
                Op::CallMethod(n)
            } else {
                Op::Call(n)
            });
            return Ok(());
        }
        self.expr(func)?;
        // Positional arguments as one tuple (a lone `*x` passes through).
        if let [Expr {
            kind: ExprKind::Starred { value },
            ..
        }] = args
        {
            self.expr(value)?;
        } else {
            self.display(args, Op::BuildTuple(0), true)?;
        }
        let has_kw = !keywords.is_empty();
        if has_kw {
            self.call_kwargs_dict(keywords)?;
        }
        self.line = e.line;
        self.span = call_span;
        self.emit(Op::CallFunctionEx(has_kw as u8));
        Ok(())
    }

    /// The keyword arguments of a `CALL_FUNCTION_EX` as one dict.
    pub(super) fn call_kwargs_dict(&mut self, keywords: &[Keyword]) -> CResult {
        self.emit(Op::BuildMap(0));
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    let i = self.const_index(Value::str(name));
                    self.emit(Op::LoadConst(i));
                    self.expr(&k.value)?;
                    self.emit(Op::MapAdd(1));
                }
                None => {
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge(1));
                }
            }
        }
        Ok(())
    }

    /// A list or tuple display (with `*x` unpacking).
    fn display(&mut self, elts: &[Expr], build: Op, tuple: bool) -> CResult {
        let starred = elts
            .iter()
            .any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        if !starred {
            for x in elts {
                self.expr(x)?;
            }
            let n = elts.len() as u32;
            self.emit(match build {
                Op::BuildTuple(_) => Op::BuildTuple(n),
                _ => Op::BuildList(n),
            });
            return Ok(());
        }
        self.emit(Op::BuildList(0));
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value } => {
                    self.expr(value)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(x)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        if tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    /// A set display. More than two constants become a frozenset constant
    /// merged into an empty set, as CPython compiles it (which decides the
    /// iteration order of the result).
    fn set_display(&mut self, elts: &[Expr]) -> CResult {
        if elts.len() > 2 {
            let consts: Option<Vec<Value>> = elts.iter().map(|x| self.constant_of(x)).collect();
            if let Some(consts) = consts {
                if let Some(frozen) = frozenset_constant(&consts) {
                    self.emit(Op::BuildSet(0));
                    let i = self.const_index(frozen);
                    self.emit(Op::LoadConst(i));
                    self.emit(Op::SetUpdate(1));
                    return Ok(());
                }
            }
        }
        let starred = elts
            .iter()
            .any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        if !starred {
            for x in elts {
                self.expr(x)?;
            }
            self.emit(Op::BuildSet(elts.len() as u32));
            return Ok(());
        }
        self.emit(Op::BuildSet(0));
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value } => {
                    self.expr(value)?;
                    self.emit(Op::SetUpdate(1));
                }
                _ => {
                    self.expr(x)?;
                    self.emit(Op::SetAdd(1));
                }
            }
        }
        Ok(())
    }

    /// A dict display (with `**m` unpacking).
    fn dict_display(&mut self, items: &[DictItem]) -> CResult {
        if items.iter().all(|it| it.key.is_some()) {
            for it in items {
                if let Some(k) = &it.key {
                    self.expr(k)?;
                }
                self.expr(&it.value)?;
            }
            self.emit(Op::BuildMap(items.len() as u32));
            return Ok(());
        }
        self.emit(Op::BuildMap(0));
        for it in items {
            match &it.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&it.value)?;
                    self.emit(Op::MapAdd(1));
                }
                None => {
                    self.expr(&it.value)?;
                    self.emit(Op::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    /// A comprehension or generator expression: a function of its own,
    /// called with the iterator of the first iterable.
    fn comprehension(
        &mut self,
        e: &Expr,
        kind: CompKind,
        name: &str,
        parts: &[&Expr],
        generators: &[Comprehension],
    ) -> CResult {
        if generators.iter().any(|g| g.is_async) {
            return Err(SourceError::unsupported(
                "an asynchronous comprehension",
                e.line,
                e.col,
            ));
        }
        let node = super::symtable::node_id(e);
        let scope = self.scope.child(node).ok_or_else(|| {
            SourceError::syntax("internal: no scope for comprehension", e.line, 1)
        })?;
        let qualname = self.child_qualname(name);
        let mut child = self.child_codegen(scope, name, &qualname);
        child.line = e.line;
        child.span = (e.col, e.end_line, e.end_col);
        child.emit(Op::Resume);
        match kind {
            CompKind::List => {
                child.emit(Op::BuildList(0));
            }
            CompKind::Set => {
                child.emit(Op::BuildSet(0));
            }
            CompKind::Dict => {
                child.emit(Op::BuildMap(0));
            }
            CompKind::Generator => {}
        }
        child.comp_loop(kind, parts, generators, 0)?;
        if kind == CompKind::Generator {
            child.emit_none();
        }
        child.emit(Op::ReturnValue);
        if kind == CompKind::Generator {
            child.flags |= CodeFlags::GENERATOR;
        }
        let code = child.finish(e.line, 1, 0, 0);
        let i = self.add_child(code);
        let make_function = self.emit(Op::MakeFunction(i, 0));
        if let Some(first) = generators.first() {
            self.expr(&first.iter)?;
        }
        let get_iter = self.emit(Op::GetIter);
        self.emit(Op::Call(1));
        self.comprehension_calls
            .push(super::comprehension_calls::ComprehensionCall {
                make_function,
                get_iter,
                child: i,
            });
        Ok(())
    }

    /// One `for` clause of a comprehension (and, recursively, the rest).
    fn comp_loop(
        &mut self,
        kind: CompKind,
        parts: &[&Expr],
        generators: &[Comprehension],
        index: usize,
    ) -> CResult {
        let g = &generators[index];
        if index == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter);
        }
        let top = self.here();
        let exit = self.emit(Op::ForIter(0));
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            // A failing filter goes back to the loop's top through a
            // backward jump: a check point, as CPython 3.11's
            // POP_JUMP_BACKWARD_IF_FALSE is.
            let keep = self.emit(Op::PopJumpIfTrue(0));
            self.emit(Op::JumpBackward(top));
            self.patch(keep);
        }
        if index + 1 < generators.len() {
            self.comp_loop(kind, parts, generators, index + 1)?;
        } else {
            let depth = (generators.len() + 1) as u32;
            match kind {
                CompKind::List => {
                    self.expr(parts[0])?;
                    self.emit(Op::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(parts[0])?;
                    self.emit(Op::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(parts[0])?;
                    self.expr(parts[1])?;
                    self.emit(Op::MapAdd(depth));
                }
                CompKind::Generator => {
                    self.expr(parts[0])?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::PopTop);
                }
            }
        }
        self.emit(Op::JumpBackward(top));
        self.patch(exit);
        Ok(())
    }
}

/// The frozenset constant CPython's compiler makes of a set display's
/// constants: built from the items in order, then rebuilt from its own
/// iteration order (as `merge_consts_recursive` does). `None` when an item
/// has no compile-time hash.
fn frozenset_constant(items: &[Value]) -> Option<Value> {
    use crate::object::set::{Set, SetTable};
    let mut first = SetTable::new();
    for v in items {
        let h = const_hash(v)?;
        if first.find(v, h) == crate::object::set::SetFind::Missing {
            first.insert_absent(v.clone(), h);
        }
    }
    let mut second = SetTable::new();
    for (v, h) in first.entries() {
        second.insert_absent(v.clone(), h);
    }
    Some(Value::FrozenSet(Arc::new(Set::from_table(second))))
}

/// The hash of a constant, computed at compile time.
fn const_hash(v: &Value) -> Option<i64> {
    use crate::object::hash::{hash_f64, hash_i64, hash_tuple};
    match v {
        Value::Int(i) => Some(hash_i64(*i)),
        Value::Bool(Flag(b)) => Some(*b as i64),
        Value::BigInt(b) => Some(b.py_hash()),
        Value::Float(f) => hash_f64(*f),
        Value::Str(s) => Some(s.hash()),
        Value::Tuple(t) => {
            let hs: Option<Vec<i64>> = t.iter().map(const_hash).collect();
            Some(hash_tuple(hs?.into_iter()))
        }
        _ => None,
    }
}
