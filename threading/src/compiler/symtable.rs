//! The symbol table: for every scope (module, class body, function,
//! lambda, comprehension), which names are locals, cells, free variables
//! or globals.
//!
//! ```text
//!   def outer():          outer: x LOCAL+CELL (an inner scope reads it)
//!       x = 1
//!       def inner():      inner: x FREE (from outer), y LOCAL, print GLOBAL
//!           y = x
//!           print(y)
//!       return inner
//! ```
//!
//! Two passes, as CPython's `symtable.c`: the first walks the tree and
//! records, per scope, what each name does there (bound, read, declared
//! `global`/`nonlocal`, a parameter); the second resolves each name top
//! down — declared global, or bound here (local), or bound in an
//! enclosing *function* scope (free; class bodies are invisible to the
//! functions inside them), else global — and marks a local that an inner
//! scope reads as a cell. A free variable passes through every scope
//! between its cell and its use.
//!
//! Special names: a method that says `super` or `__class__` reads the
//! implicit `__class__` cell of its class body; a walrus inside a
//! comprehension binds in the enclosing function.
//!
//! Python equivalent: `Python/symtable.c`.

use crate::ast::{Arguments, Comprehension, Expr, ExprKind, ImportNames, Stmt, StmtKind};
use crate::error::SourceError;
use std::collections::{BTreeSet, HashMap};

/// What kind of code a scope compiles to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module body.
    Module,
    /// A class body.
    Class,
    /// A `def` or `async def`.
    Function,
    /// A `lambda`.
    Lambda,
    /// A comprehension or generator expression.
    Comprehension,
}

impl ScopeKind {
    /// Whether names bound here are fast locals (a function-like scope).
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// How a name resolves in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A fast local (function scopes) or a namespace name (class bodies).
    Local,
    /// A local that inner scopes capture: lives in a cell.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: a module global or a builtin.
    GlobalImplicit,
}

/// What the first pass learned about a name in one scope.
#[derive(Clone, Copy, Debug, Default)]
struct Use {
    /// Assigned, imported, defined, deleted or a loop/with/except target.
    bound: bool,
    /// Read.
    read: bool,
    /// A parameter.
    param: bool,
    /// Declared `global`.
    global: bool,
    /// Declared `nonlocal`.
    nonlocal: bool,
    /// Line of the first use (for messages).
    line: u32,
}

/// One scope's analysis.
#[derive(Debug)]
pub struct Scope {
    /// Its kind.
    pub kind: ScopeKind,
    /// The name (`f`, `C`, `<lambda>`, `<listcomp>`, `<module>`).
    pub name: String,
    /// Resolution of every name mentioned.
    pub names: HashMap<String, Resolution>,
    /// Parameter names in `co_varnames` order.
    pub params: Vec<String>,
    /// Other local names in first-seen order (function scopes).
    pub locals: Vec<String>,
    /// Cell variables (sorted).
    pub cellvars: Vec<String>,
    /// Free variables (sorted).
    pub freevars: Vec<String>,
    /// Contains `yield` (a generator).
    pub is_generator: bool,
    /// Is an `async def`.
    pub is_coroutine: bool,
    /// Reads the implicit `__class__` cell (`super()`).
    pub uses_class_cell: bool,
    /// Child scopes.
    pub children: Vec<Scope>,
    /// The address of the AST node that opens this scope (the code
    /// generator finds a child scope by its node).
    pub node: usize,
    /// First-pass facts.
    uses: HashMap<String, Use>,
    /// Names in first-mention order (for `locals`).
    order: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, node: usize) -> Scope {
        Scope {
            kind,
            node,
            name: name.to_string(),
            names: HashMap::new(),
            params: Vec::new(),
            locals: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            uses_class_cell: false,
            children: Vec::new(),
            uses: HashMap::new(),
            order: Vec::new(),
        }
    }

    fn entry(&mut self, name: &str, line: u32) -> &mut Use {
        if !self.uses.contains_key(name) {
            self.order.push(name.to_string());
            self.uses.insert(
                name.to_string(),
                Use {
                    line,
                    ..Use::default()
                },
            );
        }
        self.uses.get_mut(name).unwrap_or_else(|| unreachable!())
    }

    /// The child scope opened by the AST node at `node`.
    pub fn child(&self, node: usize) -> Option<&Scope> {
        self.children.iter().find(|c| c.node == node)
    }

    /// How `name` resolves here.
    pub fn resolve(&self, name: &str) -> Resolution {
        self.names
            .get(name)
            .copied()
            .unwrap_or(Resolution::GlobalImplicit)
    }
}

/// Builds the scope tree of a module.
pub fn build(body: &[Stmt]) -> Result<Scope, SourceError> {
    let mut b = Builder { stack: Vec::new() };
    b.stack.push(Scope::new(ScopeKind::Module, "<module>", 0));
    for s in body {
        b.stmt(s)?;
    }
    let mut module = b
        .stack
        .pop()
        .unwrap_or_else(|| Scope::new(ScopeKind::Module, "<module>", 0));
    analyze(&mut module, &BTreeSet::new())?;
    Ok(module)
}

/// The identity of an AST node (its address: the tree does not move
/// while it is compiled).
pub fn node_id<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Every name the module's code reads or writes as a global (module-level
/// names, globals of functions, and the names class bodies look up with
/// `LOAD_NAME`, whose fallback is the global of the same name), in
/// first-seen order: the module's global slots.
pub fn global_names(module: &Scope) -> Vec<String> {
    fn walk(s: &Scope, out: &mut Vec<String>, seen: &mut std::collections::HashSet<String>) {
        for n in &s.order {
            let r = s.resolve(n);
            let global = s.kind == ScopeKind::Module
                || matches!(r, Resolution::GlobalExplicit | Resolution::GlobalImplicit)
                || (s.kind == ScopeKind::Class && r == Resolution::Local);
            if global && !n.starts_with('.') && seen.insert(n.clone()) {
                out.push(n.clone());
            }
        }
        for c in &s.children {
            walk(c, out, seen);
        }
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for n in [
        "__name__",
        "__doc__",
        "__builtins__",
        "__file__",
        "__annotations__",
    ] {
        seen.insert(n.to_string());
        out.push(n.to_string());
    }
    walk(module, &mut out, &mut seen);
    out
}

/// The first pass.
struct Builder {
    /// Open scopes, innermost last.
    stack: Vec<Scope>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let n = self.stack.len();
        &mut self.stack[n - 1]
    }

    fn bind(&mut self, name: &str, line: u32) {
        self.cur().entry(name, line).bound = true;
    }

    fn read(&mut self, name: &str, line: u32) {
        if name == "super" || name == "__class__" {
            let in_function = self.cur().kind.is_function();
            if in_function {
                self.cur().uses_class_cell = true;
            }
        }
        self.cur().entry(name, line).read = true;
    }

    fn push(&mut self, kind: ScopeKind, name: &str, node: usize) {
        self.stack.push(Scope::new(kind, name, node));
    }

    fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.cur().children.push(s);
        }
    }

    fn body(&mut self, body: &[Stmt]) -> Result<(), SourceError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn declare(&mut self, names: &[String], global: bool, line: u32) -> Result<(), SourceError> {
        let kind = self.cur().kind;
        for n in names {
            if !global && kind == ScopeKind::Module {
                return Err(SourceError::syntax(
                    "nonlocal declaration not allowed at module level",
                    line,
                    1,
                )
                .whole_statement());
            }
            let u = *self.cur().entry(n, line);
            if u.param {
                let what = if global { "global" } else { "nonlocal" };
                return Err(SourceError::syntax(
                    format!("name '{n}' is parameter and {what}"),
                    line,
                    1,
                )
                .whole_statement());
            }
            if u.bound || u.read {
                let what = if global { "global" } else { "nonlocal" };
                let how = if u.bound { "assigned to" } else { "used" };
                return Err(SourceError::syntax(
                    format!("name '{n}' is {how} before {what} declaration"),
                    line,
                    1,
                )
                .whole_statement());
            }
            let e = self.cur().entry(n, line);
            if global {
                e.global = true;
            } else {
                e.nonlocal = true;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SourceError> {
        let line = s.line;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.defaults(&f.args)?;
                self.bind(&f.name, line);
                self.push(ScopeKind::Function, &f.name, node_id(&**f));
                self.cur().is_coroutine = f.is_async;
                self.params(&f.args, line);
                self.body(&f.body)?;
                self.pop();
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    if k.arg.as_deref() == Some("metaclass") {
                        // MINIPY.md: metaclasses are out of scope; refused
                        // before anything runs, like a syntax error.
                        return Err(SourceError::unsupported(
                            "'metaclass=' (metaclasses)",
                            k.line,
                            k.col,
                        )
                        .ending_at(k.end_col));
                    }
                    self.expr(&k.value)?;
                }
                self.bind(&c.name, line);
                self.push(ScopeKind::Class, &c.name, node_id(&**c));
                self.body(&c.body)?;
                self.pop();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.read(n, line);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign {
                target,
                value,
                simple,
                ..
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.target(target)?;
                } else if *simple {
                    if let ExprKind::Name(n) = &target.kind {
                        // `x: int` alone makes x a local (never bound).
                        let _ = self.cur().entry(n, line);
                        if self.cur().kind.is_function() {
                            self.cur().entry(n, line).bound = true;
                        }
                    }
                } else {
                    self.expr(target)?;
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    if let Some(t) = &it.optional_vars {
                        self.target(t)?;
                    }
                }
                self.body(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.body(body)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.line);
                    }
                    self.body(&h.body)?;
                }
                self.body(orelse)?;
                self.body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import { names } => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.bind(bound, line);
                }
            }
            StmtKind::ImportFrom { names, .. } => match names {
                ImportNames::Star => {
                    if self.cur().kind != ScopeKind::Module {
                        return Err(SourceError::syntax(
                            "import * only allowed at module level",
                            line,
                            1,
                        )
                        .whole_statement());
                    }
                }
                ImportNames::Names(aliases) => {
                    for a in aliases {
                        self.bind(a.asname.as_ref().unwrap_or(&a.name), line);
                    }
                }
            },
            StmtKind::Global { names } => self.declare(names, true, line)?,
            StmtKind::Nonlocal { names } => self.declare(names, false, line)?,
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// Parameter defaults (evaluated in the enclosing scope).
    fn defaults(&mut self, args: &Arguments) -> Result<(), SourceError> {
        for p in args.all() {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    /// Declares the parameters of the current (new) scope.
    fn params(&mut self, args: &Arguments, line: u32) {
        for p in args.all() {
            let cur = self.cur();
            cur.params.push(p.name.clone());
            let e = cur.entry(&p.name, line);
            e.param = true;
            e.bound = true;
        }
    }

    /// A name assigned to (or deleted): binds; attributes and subscripts
    /// read their object.
    fn target(&mut self, t: &Expr) -> Result<(), SourceError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n, t.line),
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                for e in elts {
                    self.target(e)?;
                }
            }
            ExprKind::Starred { value } => self.target(value)?,
            _ => self.expr(t)?,
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        node: usize,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
        is_genexp: bool,
    ) -> Result<(), SourceError> {
        // The first iterable is evaluated outside, in the enclosing scope.
        if let Some(first) = generators.first() {
            self.expr(&first.iter)?;
        }
        self.push(ScopeKind::Comprehension, name, node);
        self.cur().params.push(".0".to_string());
        self.cur().entry(".0", 0).param = true;
        if let Some(e) = self.cur().uses.get_mut(".0") {
            e.bound = true;
        }
        self.cur().is_generator = is_genexp;
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            for c in &g.ifs {
                self.expr(c)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        self.pop();
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SourceError> {
        match &e.kind {
            ExprKind::Name(n) => self.read(n, e.line),
            ExprKind::Lambda { args, body } => {
                self.defaults(args)?;
                self.push(ScopeKind::Lambda, "<lambda>", node_id(e));
                self.params(args, e.line);
                self.expr(body)?;
                self.pop();
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(node_id(e), "<listcomp>", generators, &[elt], false)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(node_id(e), "<setcomp>", generators, &[elt], false)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(node_id(e), "<genexpr>", generators, &[elt], true)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(node_id(e), "<dictcomp>", generators, &[key, value], false)?,
            ExprKind::Yield { value } => {
                self.check_yield(e)?;
                self.cur().is_generator = true;
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield(e)?;
                self.cur().is_generator = true;
                self.expr(value)?;
            }
            ExprKind::Await { value } => {
                let kind = self.cur().kind;
                let ok = self.cur().is_coroutine || kind == ScopeKind::Comprehension;
                if !ok {
                    let err = SourceError::syntax("'await' outside async function", e.line, e.col);
                    return Err(if e.end_line == e.line {
                        err.ending_at(e.end_col)
                    } else {
                        err
                    });
                }
                self.expr(value)?;
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    // Binds in the nearest scope that is not a
                    // comprehension; the comprehensions in between see it
                    // as a free variable (or a global at module level).
                    let idx = self
                        .stack
                        .iter()
                        .rposition(|s| s.kind != ScopeKind::Comprehension)
                        .unwrap_or(0);
                    let line = e.line;
                    if idx + 1 < self.stack.len() {
                        if self.stack[idx].kind == ScopeKind::Class {
                            return Err(SourceError::syntax(
                                "assignment expression within a comprehension cannot be used in a class body",
                                line,
                                e.col,
                            ));
                        }
                        self.stack[idx].entry(n, line).bound = true;
                        let module = self.stack[idx].kind == ScopeKind::Module;
                        for s in &mut self.stack[idx + 1..] {
                            let u = s.entry(n, line);
                            u.read = true;
                            if module {
                                u.global = true;
                            } else {
                                u.nonlocal = true;
                            }
                        }
                    } else {
                        self.bind(n, line);
                    }
                }
            }
            other => {
                let mut err = Ok(());
                other.for_each_child(&mut |c| {
                    if err.is_ok() {
                        err = self.expr(c);
                    }
                });
                err?;
            }
        }
        Ok(())
    }

    fn check_yield(&mut self, e: &Expr) -> Result<(), SourceError> {
        match self.cur().kind {
            ScopeKind::Module | ScopeKind::Class => {
                let err = SourceError::syntax("'yield' outside function", e.line, e.col);
                Err(if e.end_line == e.line {
                    err.ending_at(e.end_col)
                } else {
                    err
                })
            }
            ScopeKind::Comprehension => {
                let what = self.cur().name.trim_matches(['<', '>']).to_string();
                let what = match what.as_str() {
                    "listcomp" => "list comprehension",
                    "setcomp" => "set comprehension",
                    "dictcomp" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(SourceError::syntax(
                    format!("'yield' inside {what}"),
                    e.line,
                    e.col,
                ))
            }
            _ => Ok(()),
        }
    }
}

/// The second pass: resolves every name of `scope`, given the names bound
/// in the enclosing function scopes; returns nothing but fills `names`,
/// `locals`, `cellvars` and `freevars` of the whole subtree.
fn analyze(scope: &mut Scope, enclosing: &BTreeSet<String>) -> Result<(), SourceError> {
    let kind = scope.kind;
    // Resolve this scope's own names.
    for name in scope.order.clone() {
        let u = scope.uses[&name];
        let r = if u.global {
            Resolution::GlobalExplicit
        } else if u.nonlocal {
            if !enclosing.contains(&name) {
                return Err(SourceError::syntax(
                    format!("no binding for nonlocal '{name}' found"),
                    u.line,
                    1,
                )
                .whole_statement());
            }
            Resolution::Free
        } else if u.bound {
            if kind == ScopeKind::Module {
                Resolution::GlobalImplicit
            } else {
                Resolution::Local
            }
        } else if enclosing.contains(&name) {
            Resolution::Free
        } else {
            Resolution::GlobalImplicit
        };
        scope.names.insert(name, r);
    }
    if scope.uses_class_cell && kind.is_function() {
        // `super()` reads __class__ from the class body's cell (through
        // any scope in between).
        if enclosing.contains("__class__") {
            scope.names.insert("__class__".into(), Resolution::Free);
        } else {
            scope.uses_class_cell = false;
        }
    }
    // What the children can see.
    let mut visible = enclosing.clone();
    if kind.is_function() {
        for (n, r) in &scope.names {
            if matches!(r, Resolution::Local | Resolution::Free) {
                visible.insert(n.clone());
            }
            if *r == Resolution::GlobalExplicit {
                visible.remove(n);
            }
        }
    }
    if kind == ScopeKind::Class {
        visible.insert("__class__".into());
    }
    let mut children = std::mem::take(&mut scope.children);
    for child in children.iter_mut() {
        analyze(child, &visible)?;
    }
    // Free variables of the children: cells here, or free here too.
    for child in &children {
        for f in &child.freevars {
            if kind == ScopeKind::Class && f == "__class__" {
                scope.names.insert("__class__".into(), Resolution::Cell);
                continue;
            }
            match scope.names.get(f).copied() {
                Some(Resolution::Local) if kind.is_function() => {
                    scope.names.insert(f.clone(), Resolution::Cell);
                }
                Some(Resolution::Cell) => {}
                Some(Resolution::Free) => {}
                Some(Resolution::Local) | Some(Resolution::GlobalImplicit) | None
                    if kind != ScopeKind::Module =>
                {
                    // Passes through this scope (a class body keeps its
                    // own local of the same name separately).
                    if kind == ScopeKind::Class && scope.names.get(f) == Some(&Resolution::Local) {
                        scope.names.insert(format!(".free.{f}"), Resolution::Free);
                    } else {
                        scope.names.insert(f.clone(), Resolution::Free);
                    }
                }
                _ => {}
            }
        }
    }
    scope.children = children;
    // Slot lists.
    let mut cells: Vec<String> = Vec::new();
    let mut frees: Vec<String> = Vec::new();
    for (n, r) in &scope.names {
        match r {
            Resolution::Cell => cells.push(n.clone()),
            Resolution::Free => frees.push(n.trim_start_matches(".free.").to_string()),
            _ => {}
        }
    }
    cells.sort();
    frees.sort();
    frees.dedup();
    scope.cellvars = cells;
    scope.freevars = frees;
    if kind.is_function() {
        let params = scope.params.clone();
        scope.locals = scope
            .order
            .iter()
            .filter(|n| {
                !params.contains(n) && matches!(scope.names.get(*n), Some(Resolution::Local))
            })
            .cloned()
            .collect();
    }
    Ok(())
}
