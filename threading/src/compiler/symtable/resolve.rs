//! The symbol table's second pass: resolve every name of every scope,
//! top down.
//!
//! ```text
//!   declared global ─▶ GlobalExplicit
//!   bound here       ─▶ Local (a Cell if an inner scope reads it)
//!   bound in an enclosing function ─▶ Free (passed through every scope
//!                                     between its cell and its use)
//!   else             ─▶ GlobalImplicit (module, then builtins, at run time)
//! ```
//!
//! Class bodies are invisible to the functions inside them: a class
//! scope's names are not in `enclosing` for its methods, as in CPython.
//!
//! Python equivalent: `analyze_block`, `analyze_name`,
//! `analyze_cells` in `Python/symtable.c`.
//!
//! Needs: the parent `mod.rs` (the scope tree).

use super::{Resolution, Scope, ScopeKind};
use crate::error::SourceError;
use std::collections::BTreeSet;

/// The second pass: resolves every name of `scope`, given the names bound
/// in the enclosing function scopes; returns nothing but fills `names`,
/// `locals`, `cellvars` and `freevars` of the whole subtree.
pub(super) fn analyze(scope: &mut Scope, enclosing: &BTreeSet<String>) -> Result<(), SourceError> {
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
