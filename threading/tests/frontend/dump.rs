//! `ast.dump` for MiniPy's tree: prints a parsed module exactly as CPython
//! 3.11's `ast.dump(ast.parse(src))` prints it (no positions), so the
//! front-end tests can compare the two parsers node for node.
//!
//! ```text
//!   x = f(*a, k=1)  →  Module(body=[Assign(targets=[Name(id='x', ctx=Store())],
//!                      value=Call(func=Name(id='f', ctx=Load()), args=[Starred(
//!                      value=Name(id='a', ctx=Load()), ctx=Load())], keywords=[
//!                      keyword(arg='k', value=Constant(value=1))]))], type_ignores=[])
//! ```
//!
//! MiniPy's tree is shaped differently in places (a parameter carries its
//! default, a dict display is a list of items, `async` is a flag, no
//! `ctx`); this file rebuilds CPython's layout from it: `defaults` and
//! `kw_defaults` lists, `keys`/`values`, `AsyncFunctionDef`, `Store()`
//! where an expression is assigned. A field that is `None` is left out and
//! an empty list printed as `[]`, as `ast.dump` does.

#[path = "pyrepr.rs"]
mod pyrepr;

use pyrepr::{constant, py_str};
use threading::ast::{
    Arguments, BinOp, BoolOp, CmpOp, Conversion, Expr, ExprKind, ImportNames, Param, Stmt,
    StmtKind, UnaryOp,
};

/// The context CPython records on names, attributes, subscripts,
/// starred items, lists and tuples.
#[derive(Clone, Copy)]
enum Ctx {
    Load,
    Store,
    Del,
}

impl Ctx {
    fn text(self) -> &'static str {
        match self {
            Ctx::Load => "Load()",
            Ctx::Store => "Store()",
            Ctx::Del => "Del()",
        }
    }
}

/// `ast.dump` of a whole module.
pub fn dump_module(body: &[Stmt]) -> String {
    format!("Module(body={}, type_ignores=[])", stmts(body))
}

fn stmts(body: &[Stmt]) -> String {
    list(body.iter().map(stmt))
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn exprs(es: &[Expr]) -> String {
    list(es.iter().map(|e| expr(e, Ctx::Load)))
}

fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => format!("Expr(value={})", expr(e, Ctx::Load)),
        StmtKind::Assign { targets, value } => format!(
            "Assign(targets={}, value={})",
            list(targets.iter().map(|t| expr(t, Ctx::Store))),
            expr(value, Ctx::Load)
        ),
        StmtKind::AugAssign { target, op, value } => format!(
            "AugAssign(target={}, op={}, value={})",
            expr(target, Ctx::Store),
            binop(*op),
            expr(value, Ctx::Load)
        ),
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => {
            let value = value
                .as_ref()
                .map(|v| format!(", value={}", expr(v, Ctx::Load)))
                .unwrap_or_default();
            format!(
                "AnnAssign(target={}, annotation={}{value}, simple={})",
                expr(target, Ctx::Store),
                expr(annotation, Ctx::Load),
                u8::from(*simple)
            )
        }
        StmtKind::Delete { targets } => format!(
            "Delete(targets={})",
            list(targets.iter().map(|t| expr(t, Ctx::Del)))
        ),
        StmtKind::Pass => "Pass()".into(),
        StmtKind::Break => "Break()".into(),
        StmtKind::Continue => "Continue()".into(),
        StmtKind::Return { value } => match value {
            Some(v) => format!("Return(value={})", expr(v, Ctx::Load)),
            None => "Return()".into(),
        },
        StmtKind::Raise { exc, cause } => {
            let mut fields = Vec::new();
            if let Some(e) = exc {
                fields.push(format!("exc={}", expr(e, Ctx::Load)));
            }
            if let Some(c) = cause {
                fields.push(format!("cause={}", expr(c, Ctx::Load)));
            }
            format!("Raise({})", fields.join(", "))
        }
        StmtKind::Assert { test, msg } => {
            let msg = msg
                .as_ref()
                .map(|m| format!(", msg={}", expr(m, Ctx::Load)))
                .unwrap_or_default();
            format!("Assert(test={}{msg})", expr(test, Ctx::Load))
        }
        StmtKind::Global { names } => format!("Global(names={})", strs(names)),
        StmtKind::Nonlocal { names } => format!("Nonlocal(names={})", strs(names)),
        StmtKind::Import { names } => format!(
            "Import(names={})",
            list(names.iter().map(|a| alias(&a.name, &a.asname)))
        ),
        StmtKind::ImportFrom { module, names } => {
            let names = match names {
                ImportNames::Star => "[alias(name='*')]".to_string(),
                ImportNames::Names(ns) => list(ns.iter().map(|a| alias(&a.name, &a.asname))),
            };
            format!(
                "ImportFrom(module={}, names={names}, level=0)",
                py_str(module)
            )
        }
        StmtKind::If { test, body, orelse } => format!(
            "If(test={}, body={}, orelse={})",
            expr(test, Ctx::Load),
            stmts(body),
            stmts(orelse)
        ),
        StmtKind::While { test, body, orelse } => format!(
            "While(test={}, body={}, orelse={})",
            expr(test, Ctx::Load),
            stmts(body),
            stmts(orelse)
        ),
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        } => format!(
            "{}(target={}, iter={}, body={}, orelse={})",
            if *is_async { "AsyncFor" } else { "For" },
            expr(target, Ctx::Store),
            expr(iter, Ctx::Load),
            stmts(body),
            stmts(orelse)
        ),
        StmtKind::With {
            items,
            body,
            is_async,
        } => {
            let items = list(items.iter().map(|i| {
                let vars = i
                    .optional_vars
                    .as_ref()
                    .map(|v| format!(", optional_vars={}", expr(v, Ctx::Store)))
                    .unwrap_or_default();
                format!(
                    "withitem(context_expr={}{vars})",
                    expr(&i.context_expr, Ctx::Load)
                )
            }));
            format!(
                "{}(items={items}, body={})",
                if *is_async { "AsyncWith" } else { "With" },
                stmts(body)
            )
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let handlers = list(handlers.iter().map(|h| {
                let mut fields = Vec::new();
                if let Some(t) = &h.type_ {
                    fields.push(format!("type={}", expr(t, Ctx::Load)));
                }
                if let Some(n) = &h.name {
                    fields.push(format!("name={}", py_str(n)));
                }
                fields.push(format!("body={}", stmts(&h.body)));
                format!("ExceptHandler({})", fields.join(", "))
            }));
            format!(
                "Try(body={}, handlers={handlers}, orelse={}, finalbody={})",
                stmts(body),
                stmts(orelse),
                stmts(finalbody)
            )
        }
        StmtKind::FunctionDef(f) => {
            let returns = f
                .returns
                .as_ref()
                .map(|r| format!(", returns={}", expr(r, Ctx::Load)))
                .unwrap_or_default();
            format!(
                "{}(name={}, args={}, body={}, decorator_list={}{returns})",
                if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                },
                py_str(&f.name),
                arguments(&f.args),
                stmts(&f.body),
                exprs(&f.decorators)
            )
        }
        StmtKind::ClassDef(c) => format!(
            "ClassDef(name={}, bases={}, keywords={}, body={}, decorator_list={})",
            py_str(&c.name),
            exprs(&c.bases),
            list(c.keywords.iter().map(|k| keyword(&k.arg, &k.value))),
            stmts(&c.body),
            exprs(&c.decorators)
        ),
    }
}

fn strs(names: &[String]) -> String {
    list(names.iter().map(|n| py_str(n)))
}

fn alias(name: &str, asname: &Option<String>) -> String {
    match asname {
        Some(a) => format!("alias(name={}, asname={})", py_str(name), py_str(a)),
        None => format!("alias(name={})", py_str(name)),
    }
}

fn keyword(arg: &Option<String>, value: &Expr) -> String {
    match arg {
        Some(a) => format!(
            "keyword(arg={}, value={})",
            py_str(a),
            expr(value, Ctx::Load)
        ),
        None => format!("keyword(value={})", expr(value, Ctx::Load)),
    }
}

fn param(p: &Param) -> String {
    match &p.annotation {
        Some(a) => format!(
            "arg(arg={}, annotation={})",
            py_str(&p.name),
            expr(a, Ctx::Load)
        ),
        None => format!("arg(arg={})", py_str(&p.name)),
    }
}

fn arguments(a: &Arguments) -> String {
    let mut out = format!(
        "arguments(posonlyargs={}, args={}",
        list(a.posonly.iter().map(param)),
        list(a.args.iter().map(param))
    );
    if let Some(v) = &a.vararg {
        out += &format!(", vararg={}", param(v));
    }
    out += &format!(
        ", kwonlyargs={}, kw_defaults={}",
        list(a.kwonly.iter().map(param)),
        list(a.kwonly.iter().map(|p| match &p.default {
            Some(d) => expr(d, Ctx::Load),
            None => "None".into(),
        }))
    );
    if let Some(k) = &a.kwarg {
        out += &format!(", kwarg={}", param(k));
    }
    let defaults = a
        .posonly
        .iter()
        .chain(&a.args)
        .filter_map(|p| p.default.as_ref());
    out += &format!(", defaults={})", list(defaults.map(|d| expr(d, Ctx::Load))));
    out
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add()",
        BinOp::Sub => "Sub()",
        BinOp::Mul => "Mult()",
        BinOp::MatMul => "MatMult()",
        BinOp::Div => "Div()",
        BinOp::Mod => "Mod()",
        BinOp::Pow => "Pow()",
        BinOp::LShift => "LShift()",
        BinOp::RShift => "RShift()",
        BinOp::BitOr => "BitOr()",
        BinOp::BitXor => "BitXor()",
        BinOp::BitAnd => "BitAnd()",
        BinOp::FloorDiv => "FloorDiv()",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq()",
        CmpOp::Ne => "NotEq()",
        CmpOp::Lt => "Lt()",
        CmpOp::Le => "LtE()",
        CmpOp::Gt => "Gt()",
        CmpOp::Ge => "GtE()",
        CmpOp::In => "In()",
        CmpOp::NotIn => "NotIn()",
        CmpOp::Is => "Is()",
        CmpOp::IsNot => "IsNot()",
    }
}

fn comprehensions(gens: &[threading::ast::Comprehension]) -> String {
    list(gens.iter().map(|g| {
        format!(
            "comprehension(target={}, iter={}, ifs={}, is_async={})",
            expr(&g.target, Ctx::Store),
            expr(&g.iter, Ctx::Load),
            exprs(&g.ifs),
            u8::from(g.is_async)
        )
    }))
}

fn opt(e: &Option<Box<Expr>>, name: &str) -> Option<String> {
    e.as_ref().map(|e| format!("{name}={}", expr(e, Ctx::Load)))
}

fn expr(e: &Expr, ctx: Ctx) -> String {
    match &e.kind {
        ExprKind::Const(c) => format!("Constant(value={})", constant(c)),
        ExprKind::Name(n) => format!("Name(id={}, ctx={})", py_str(n), ctx.text()),
        ExprKind::JoinedStr { values } => format!("JoinedStr(values={})", exprs(values)),
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let conv = match conversion {
                None => -1,
                Some(Conversion::Str) => 115,
                Some(Conversion::Repr) => 114,
                Some(Conversion::Ascii) => 97,
            };
            let spec = opt(format_spec, "format_spec")
                .map(|s| format!(", {s}"))
                .unwrap_or_default();
            format!(
                "FormattedValue(value={}, conversion={conv}{spec})",
                expr(value, Ctx::Load)
            )
        }
        ExprKind::BinOp { left, op, right } => format!(
            "BinOp(left={}, op={}, right={})",
            expr(left, Ctx::Load),
            binop(*op),
            expr(right, Ctx::Load)
        ),
        ExprKind::UnaryOp { op, operand } => {
            let op = match op {
                UnaryOp::Invert => "Invert()",
                UnaryOp::Not => "Not()",
                UnaryOp::UAdd => "UAdd()",
                UnaryOp::USub => "USub()",
            };
            format!("UnaryOp(op={op}, operand={})", expr(operand, Ctx::Load))
        }
        ExprKind::BoolOp { op, values } => {
            let op = match op {
                BoolOp::And => "And()",
                BoolOp::Or => "Or()",
            };
            format!("BoolOp(op={op}, values={})", exprs(values))
        }
        ExprKind::Compare { left, comparisons } => format!(
            "Compare(left={}, ops={}, comparators={})",
            expr(left, Ctx::Load),
            list(comparisons.iter().map(|c| cmpop(c.op).to_string())),
            list(comparisons.iter().map(|c| expr(&c.right, Ctx::Load)))
        ),
        ExprKind::IfExp { test, body, orelse } => format!(
            "IfExp(test={}, body={}, orelse={})",
            expr(test, Ctx::Load),
            expr(body, Ctx::Load),
            expr(orelse, Ctx::Load)
        ),
        ExprKind::NamedExpr { target, value } => format!(
            "NamedExpr(target={}, value={})",
            expr(target, Ctx::Store),
            expr(value, Ctx::Load)
        ),
        ExprKind::Lambda { args, body } => format!(
            "Lambda(args={}, body={})",
            arguments(args),
            expr(body, Ctx::Load)
        ),
        ExprKind::Call {
            func,
            args,
            keywords,
        } => format!(
            "Call(func={}, args={}, keywords={})",
            expr(func, Ctx::Load),
            exprs(args),
            list(keywords.iter().map(|k| keyword(&k.arg, &k.value)))
        ),
        ExprKind::Attribute { value, attr } => format!(
            "Attribute(value={}, attr={}, ctx={})",
            expr(value, Ctx::Load),
            py_str(attr),
            ctx.text()
        ),
        ExprKind::Subscript { value, slice } => format!(
            "Subscript(value={}, slice={}, ctx={})",
            expr(value, Ctx::Load),
            expr(slice, Ctx::Load),
            ctx.text()
        ),
        ExprKind::Slice { lower, upper, step } => {
            let fields: Vec<String> = [opt(lower, "lower"), opt(upper, "upper"), opt(step, "step")]
                .into_iter()
                .flatten()
                .collect();
            format!("Slice({})", fields.join(", "))
        }
        ExprKind::Starred { value } => {
            format!("Starred(value={}, ctx={})", expr(value, ctx), ctx.text())
        }
        ExprKind::List { elts } => format!(
            "List(elts={}, ctx={})",
            list(elts.iter().map(|x| expr(x, ctx))),
            ctx.text()
        ),
        ExprKind::Tuple { elts } => format!(
            "Tuple(elts={}, ctx={})",
            list(elts.iter().map(|x| expr(x, ctx))),
            ctx.text()
        ),
        ExprKind::Set { elts } => format!("Set(elts={})", exprs(elts)),
        ExprKind::Dict { items } => format!(
            "Dict(keys={}, values={})",
            list(items.iter().map(|i| match &i.key {
                Some(k) => expr(k, Ctx::Load),
                None => "None".into(),
            })),
            list(items.iter().map(|i| expr(&i.value, Ctx::Load)))
        ),
        ExprKind::ListComp { elt, generators } => format!(
            "ListComp(elt={}, generators={})",
            expr(elt, Ctx::Load),
            comprehensions(generators)
        ),
        ExprKind::SetComp { elt, generators } => format!(
            "SetComp(elt={}, generators={})",
            expr(elt, Ctx::Load),
            comprehensions(generators)
        ),
        ExprKind::GeneratorExp { elt, generators } => format!(
            "GeneratorExp(elt={}, generators={})",
            expr(elt, Ctx::Load),
            comprehensions(generators)
        ),
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => format!(
            "DictComp(key={}, value={}, generators={})",
            expr(key, Ctx::Load),
            expr(value, Ctx::Load),
            comprehensions(generators)
        ),
        ExprKind::Await { value } => format!("Await(value={})", expr(value, Ctx::Load)),
        ExprKind::Yield { value } => match value {
            Some(v) => format!("Yield(value={})", expr(v, Ctx::Load)),
            None => "Yield()".into(),
        },
        ExprKind::YieldFrom { value } => format!("YieldFrom(value={})", expr(value, Ctx::Load)),
    }
}
