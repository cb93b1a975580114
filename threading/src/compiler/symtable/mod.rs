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
//!
//! | file | holds |
//! |---|---|
//! | `mod.rs` | the scope tree ([`Scope`], [`Resolution`]), `build`, `global_names` |
//! | `record.rs` | pass one over statements (the `Builder`) |
//! | `record_expr.rs` | pass one over expressions, comprehension scopes |
//! | `resolve.rs` | pass two: every name to local, cell, free or global |

mod record;
mod record_expr;
mod resolve;

use crate::ast::Stmt;
use crate::error::SourceError;
use record::Builder;
use resolve::analyze;
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
