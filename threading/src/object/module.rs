//! Modules and their globals: numbered slots resolved at compile time,
//! with a name → slot map for dynamic access.
//!
//! ```text
//!   counter = 0            compiler: global slot 3 is "counter"
//!   def work():
//!       global counter     LOAD_GLOBAL 3 / STORE_GLOBAL 3: an index, no hashing
//!       counter += 1
//!
//!   Globals { names: [.., "counter", ..], slots: [PyCell<Option<Value>>; n],
//!             builtins: [fallback per slot], extra: {names no code mentions} }
//! ```
//!
//! Every name any code of the module uses as a global gets a slot; a
//! missing slot falls back to the builtin of the same name (looked up once
//! when the module is created). Names set only dynamically
//! (`setattr(mod, name, v)`, `from m import *` of a name the module never
//! mentions) go to `extra`. Each slot is its own cell: under a GIL the
//! cell is free; without one it keeps a racing store memory-safe, while
//! `LOAD_GLOBAL; BINARY_OP; STORE_GLOBAL` stays three steps another thread
//! can interleave with (the 3.13t lost update).
//!
//! Simplification: `globals()` returns a snapshot dict (CPython returns
//! the live namespace); writing to it does not change the module.
//!
//! Python equivalent: `Objects/moduleobject.c`, and `LOAD_GLOBAL`'s
//! dictionary lookups (which CPython 3.11 speeds up with per-instruction
//! caches keyed by dict versions instead of numbering slots).

use super::cell::PyCell;
use super::dict::Dict;
use super::str::PyStr;
use super::value::Value;
use crate::object::refcount::Arc;
use std::collections::HashMap;

/// A module's global namespace.
pub struct Globals {
    /// A number no other `Globals` of this process has (never reused, as an
    /// address could be): what an attribute site keys a module's slot by
    /// (`object/attr_site.rs`, `random.random`).
    pub id: u64,
    /// The module's `__name__`.
    pub module_name: Arc<PyStr>,
    /// Slot names, in slot order (shared with the module's code objects).
    pub names: std::sync::Arc<[Arc<PyStr>]>,
    /// Name → slot.
    index: HashMap<Box<str>, u32>,
    /// The values (`None`: unbound).
    pub slots: Box<[PyCell<Option<Value>>]>,
    /// The builtin each slot falls back to when unbound.
    pub fallback: Box<[Option<Value>]>,
    /// Names without a slot (set dynamically).
    pub extra: Dict,
}

impl Globals {
    /// Globals for a module whose code uses `names`; `builtin` gives the
    /// fallback of each name.
    pub fn new(
        module_name: Arc<PyStr>,
        names: std::sync::Arc<[Arc<PyStr>]>,
        builtin: impl Fn(&str) -> Option<Value>,
    ) -> Globals {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (Box::from(n.as_str()), i as u32))
            .collect();
        let slots = names.iter().map(|_| PyCell::new(None)).collect();
        let fallback = names.iter().map(|n| builtin(n.as_str())).collect();
        /// Source of [`Globals::id`]s; 0 is never handed out.
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Globals {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            module_name,
            names,
            index,
            slots,
            fallback,
            extra: Dict::new(),
        }
    }

    /// The slot of `name`, if the module's code uses it.
    pub fn slot_of(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// `LOAD_GLOBAL slot` without the builtin fallback.
    #[inline]
    pub fn get_slot(&self, slot: u32) -> Option<Value> {
        self.slots.get(slot as usize).and_then(|c| c.lock().clone())
    }

    /// `STORE_GLOBAL slot`; the old value is dropped outside the cell.
    #[inline]
    pub fn set_slot(&self, slot: u32, v: Option<Value>) -> Option<Value> {
        match self.slots.get(slot as usize) {
            Some(c) => std::mem::replace(&mut *c.lock(), v),
            None => None,
        }
    }

    /// The global `name` (slot or extra), without the builtin fallback.
    pub fn get(&self, name: &str) -> Option<Value> {
        match self.slot_of(name) {
            Some(s) => self.get_slot(s),
            None => self.extra.get_str(&PyStr::new(name)),
        }
    }

    /// Sets the global `name`.
    pub fn set(&self, name: Arc<PyStr>, v: Value) {
        match self.slot_of(name.as_str()) {
            Some(s) => drop(self.set_slot(s, Some(v))),
            None => self.extra.set_str(name, v),
        }
    }

    /// Deletes the global `name`; `false` if it was not bound.
    pub fn delete(&self, name: &str) -> bool {
        match self.slot_of(name) {
            Some(s) => self.set_slot(s, None).is_some(),
            None => {
                let old = self.extra.lock().remove_str(&PyStr::new(name));
                old.is_some()
            }
        }
    }

    /// Every bound global, slots first (in slot order), then the extras.
    pub fn items(&self) -> Vec<(Arc<PyStr>, Value)> {
        let mut out: Vec<(Arc<PyStr>, Value)> = self
            .names
            .iter()
            .zip(self.slots.iter())
            .filter_map(|(n, c)| c.lock().clone().map(|v| (n.clone(), v)))
            .collect();
        for (k, v) in self.extra.entries() {
            if let Value::Str(k) = k {
                out.push((k, v));
            }
        }
        out
    }
}

/// A module object.
pub struct Module {
    /// `__name__` (dotted for submodules: `concurrent.futures`).
    pub name: Arc<PyStr>,
    /// Its globals.
    pub globals: Arc<Globals>,
    /// Where it came from, for `repr`: `(built-in)`, `from 'x.py'`.
    pub origin: ModuleOrigin,
}

/// Where a module came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModuleOrigin {
    /// Written in Rust.
    Native,
    /// Python source embedded in the interpreter.
    Embedded,
    /// A `.py` file (the program itself, or a sibling module).
    File(String),
}
