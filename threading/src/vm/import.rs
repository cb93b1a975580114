//! Importing: module objects from native modules, embedded Python sources
//! and `.py` files beside the program; `sys.modules`; `from m import x`
//! and `from m import *`.
//!
//! ```text
//!   import a.b.c   → import a, then a.b, then a.b.c (each once: sys.modules);
//!                    bind `a` (or the leaf, with `as`)
//!   where a name comes from, in order:
//!     sys.modules   the registry's native modules   its embedded .py modules
//!     NAME.py beside the program
//!     else ModuleNotFoundError: No module named 'NAME'
//! ```
//!
//! A Python module runs once: its module object enters `sys.modules`
//! before its body runs (so circular imports see the partial module, as in
//! CPython) and leaves it again if the body raises.
//!
//! Python equivalent: `Python/import.c` (`PyImport_ImportModuleLevelObject`,
//! `import_from`), `Lib/importlib/_bootstrap.py` (`_handle_fromlist`).

use super::native::{fill_native_module, ShownLine};
use super::SiblingNames;
use super::ThreadCtx;
use crate::bytecode::{Code, ShownNumber};
use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::frame::Frame;
use crate::object::module::{Globals, Module, ModuleOrigin};
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// `ModuleNotFoundError: No module named 'x'`, with `name` set.
fn not_found(name: &str) -> PyErr {
    import_error(
        ExcKind::ModuleNotFoundError,
        format!("No module named '{name}'"),
        name,
        None,
    )
}

/// An `ImportError` (or subclass) whose `name` and `path` attributes are
/// set, as CPython's import machinery sets them (`e.name` is the module
/// that could not be imported; a program's fallback logic reads it).
fn import_error(kind: ExcKind, msg: String, name: &str, path: Option<&str>) -> PyErr {
    let err = PyErr::new(kind, msg);
    if let PyErr::Exc(inst) = &err {
        // Exceptions have attributes: neither store can be refused.
        let _ = inst.set_attr(&intern("name"), Value::str(name));
        let _ = inst.set_attr(&intern("path"), path.map_or(Value::None, Value::str));
    }
    err
}

/// The `name` attribute an import error was raised with.
fn import_error_name(err: &PyErr) -> Option<String> {
    match err {
        PyErr::Exc(inst) => match inst.dict_get(&PyStr::new("name")) {
            Some(Value::Str(s)) => Some(s.as_str().to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Well-known modules outside CPython's standard library that programs
/// reach for; refused as clearly as the standard library's own.
const WELL_KNOWN_THIRD_PARTY: &[&str] = &["numpy", "requests"];

impl ThreadCtx {
    /// `IMPORT_NAME`: imports a dotted name; returns the top package when
    /// `top` (`import a.b` binds `a`), else the leaf module.
    pub fn import_name(&mut self, dotted: &PyStr, top: bool) -> PyResult {
        let name = dotted.as_str();
        let mut module = Value::None;
        let mut first = Value::None;
        let mut prefix = String::new();
        for (i, part) in name.split('.').enumerate() {
            if i > 0 {
                prefix.push('.');
            }
            prefix.push_str(part);
            let m = self.import_module(&prefix)?;
            if i > 0 {
                // The package gets the submodule as an attribute.
                if let Value::Module(parent) = &module {
                    parent.globals.set(intern(part), m.clone());
                }
            } else {
                first = m.clone();
            }
            module = m;
        }
        Ok(if top { first } else { module })
    }

    /// One module by its full dotted name, imported once.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.rt.modules.get_str(&PyStr::new(name)) {
            return Ok(m);
        }
        let registry = self.rt.registry;
        if let Some(spec) = registry.native_module(name) {
            let globals = Arc::new(Globals::new(
                intern(name),
                std::sync::Arc::from(Vec::new()),
                |_| None,
            ));
            let module = Arc::new(Module {
                name: intern(name),
                globals: globals.clone(),
                origin: ModuleOrigin::Native,
            });
            let value = Value::Module(module);
            self.rt.modules.set_str(intern(name), value.clone());
            globals.set(intern("__name__"), Value::str(name));
            if let Err(e) = fill_native_module(self, spec, &globals.extra) {
                self.rt.modules.remove_str(&PyStr::new(name));
                return Err(e);
            }
            return Ok(value);
        }
        if let Some(m) = registry.embedded_module(name) {
            let filename = format!("<stdlib>/{}.py", name.replace('.', "/"));
            return self.exec_source_module_with(
                name,
                &filename,
                m.source,
                ModuleOrigin::Embedded,
                m.shown_lines,
            );
        }
        if !name.contains('.') {
            if let Some(dir) = self.rt.program_dir.clone() {
                let path = dir.path.join(format!("{name}.py"));
                if let Ok(bytes) = std::fs::read(&path) {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        PyErr::new(
                            ExcKind::SyntaxError,
                            format!("Non-UTF-8 code in file '{}'", path.display()),
                        )
                    })?;
                    let filename = match dir.names {
                        SiblingNames::Full => path.display().to_string(),
                        SiblingNames::Bare => path
                            .file_name()
                            .and_then(|n| n.to_str())
                            .unwrap_or(name)
                            .to_string(),
                    };
                    let origin = ModuleOrigin::File(path.display().to_string());
                    return self.exec_source_module(name, &filename, &text, origin);
                }
            }
        }
        let root = name.split('.').next().unwrap_or(name);
        if super::stdlib_names::is_cpython_stdlib(root) || WELL_KNOWN_THIRD_PARTY.contains(&root) {
            return Err(import_error(
                ExcKind::ModuleNotFoundError,
                format!("No module named '{name}' (the module '{name}' is outside MiniPy)"),
                name,
                None,
            ));
        }
        Err(not_found(name))
    }

    /// Compiles and runs a Python module's source as module `name`.
    fn exec_source_module(
        &mut self,
        name: &str,
        filename: &str,
        source: &str,
        origin: ModuleOrigin,
    ) -> PyResult {
        self.exec_source_module_with(name, filename, source, origin, &[])
    }

    /// [`exec_source_module`](Self::exec_source_module), with the lines
    /// tracebacks show renumbered (an embedded module's CPython numbers).
    fn exec_source_module_with(
        &mut self,
        name: &str,
        filename: &str,
        source: &str,
        origin: ModuleOrigin,
        shown_lines: &[ShownLine],
    ) -> PyResult {
        let code = match crate::compiler::compile_source_warned(filename, source) {
            Ok(c) => {
                // Shown at import, as CPython's compiler does.
                if !c.warnings.is_empty() {
                    self.rt.err.write(&c.warnings);
                }
                c.code
            }
            Err(e) => return Err(PyErr::new(ExcKind::SyntaxError, e.msg.clone())),
        };
        if !shown_lines.is_empty() {
            let _ = code
                .source
                .shown
                .set(shown_numbers(&code, shown_lines).into());
        }
        let globals = self.new_globals(name, &code);
        let module = Arc::new(Module {
            name: intern(name),
            globals: globals.clone(),
            origin,
        });
        let value = Value::Module(module);
        self.rt.modules.set_str(intern(name), value.clone());
        if let ModuleOrigin::File(path) = &value_origin(&value) {
            globals.set(intern("__file__"), Value::str(path));
        }
        let frame = Frame::new(code, globals, &[]);
        if let Err(e) = self.run_frame(frame) {
            self.rt.modules.remove_str(&PyStr::new(name));
            return Err(e);
        }
        Ok(value)
    }

    /// Fresh globals for module `name` whose code is `code`, with
    /// `__name__` set and the builtins as the fallback.
    pub fn new_globals(&mut self, name: &str, code: &crate::bytecode::Code) -> Arc<Globals> {
        let builtins = self.rt.builtins.globals.clone();
        let globals = Arc::new(Globals::new(intern(name), code.global_names.clone(), |n| {
            builtins.get(n)
        }));
        globals.set(intern("__name__"), Value::str(name));
        globals.set(intern("__doc__"), Value::None);
        globals.set(
            intern("__builtins__"),
            Value::Module(self.rt.builtins.clone()),
        );
        globals
    }

    /// `IMPORT_FROM`: `from module import name` (a submodule if need be).
    pub fn import_from(&mut self, module: &Value, name: &Arc<PyStr>) -> PyResult {
        match self.get_attr_opt(module, name)? {
            Some(v) => Ok(v),
            None => {
                let Value::Module(m) = module else {
                    return Err(PyErr::new(
                        ExcKind::ImportError,
                        format!("cannot import name '{}'", name.as_str()),
                    ));
                };
                let full = format!("{}.{}", m.name.as_str(), name.as_str());
                match self.import_module(&full) {
                    Ok(sub) => Ok(sub),
                    // Only the submodule itself being missing means "no such
                    // name"; a module *it* imports failing is its own error
                    // (CPython's `_handle_fromlist`).
                    Err(e)
                        if e.is(ExcKind::ModuleNotFoundError)
                            && import_error_name(&e).as_deref() == Some(full.as_str()) =>
                    {
                        let path = match &m.origin {
                            ModuleOrigin::File(p) => Some(p.clone()),
                            _ => None,
                        };
                        let location = path.clone().unwrap_or("unknown location".to_string());
                        Err(import_error(
                            ExcKind::ImportError,
                            format!(
                                "cannot import name '{}' from '{}' ({location}){}",
                                name.as_str(),
                                m.name.as_str(),
                                crate::modules::cpython_names::outside_note(
                                    m.name.as_str(),
                                    name.as_str()
                                )
                            ),
                            m.name.as_str(),
                            path.as_deref(),
                        ))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `from module import *` into `globals`: `__all__`, else every name
    /// not starting with `_`.
    pub fn import_star(&mut self, module: &Value, globals: &Arc<Globals>) -> PyResult<()> {
        let Value::Module(m) = module else {
            return Err(PyErr::type_error("import * from a non-module"));
        };
        let names: Vec<Arc<PyStr>> = match m.globals.get("__all__") {
            Some(all) => {
                let items = self.collect(&all)?;
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        Value::Str(s) => out.push(s),
                        other => {
                            return Err(PyErr::type_error(format!(
                                "Item in {}.__all__ must be str, not {}",
                                m.name.as_str(),
                                other.type_name()
                            )))
                        }
                    }
                }
                out
            }
            None => m
                .globals
                .items()
                .into_iter()
                .map(|(k, _)| k)
                .filter(|k| !k.as_str().starts_with('_'))
                .collect(),
        };
        for n in names {
            let v = self.get_attr(module, &n)?;
            globals.set(n, v);
        }
        Ok(())
    }
}

/// Where each of `shown` sits in the module compiled to `code` (entries
/// that match no line are left out: they keep their own numbers).
pub fn shown_numbers(code: &Code, shown: &[ShownLine]) -> Vec<ShownNumber> {
    shown
        .iter()
        .filter_map(|s| {
            find_line(code, s).map(|line| ShownNumber {
                line,
                shown: s.line,
            })
        })
        .collect()
}

/// The line `s` names: in the code object called `s.qualname` (searched
/// through nested code), the `s.occurrence`-th distinct line, in source
/// order, whose text is `s.text`.
fn find_line(code: &Code, s: &ShownLine) -> Option<u32> {
    if code.qualname.as_str() == s.qualname {
        let mut lines: Vec<u32> = code
            .lines
            .iter()
            .copied()
            .filter(|&l| code.source.line(l).map(str::trim) == Some(s.text))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        return lines.get(s.occurrence).copied();
    }
    code.children.iter().find_map(|c| find_line(c, s))
}

/// A module's origin.
fn value_origin(v: &Value) -> ModuleOrigin {
    match v {
        Value::Module(m) => m.origin.clone(),
        _ => ModuleOrigin::Native,
    }
}

/// A snapshot of a module's namespace as a dict (`vars(module)`,
/// `module.__dict__`).
pub fn module_dict(m: &Module) -> Value {
    let d = Dict::new();
    for (k, v) in m.globals.items() {
        d.set_str(k, v);
    }
    Value::Dict(Arc::new(d))
}

/// The `__build_class__` native (what `LOAD_BUILD_CLASS` pushes).
pub fn build_class_function() -> Value {
    static SPEC: super::native::NativeSpec =
        super::native::NativeSpec::function("__build_class__", super::class::build_class);
    static VALUE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    VALUE.get_or_init(|| SPEC.to_value("builtins")).clone()
}

/// Keeps the builtin types reachable from here (the builtins module lists
/// them).
pub fn builtin_type_values() -> Vec<(&'static str, Value)> {
    types()
        .by_name()
        .into_iter()
        .map(|(n, t)| (n, Value::Type(t.clone())))
        .collect()
}
