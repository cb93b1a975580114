//! MiniPy's pure-Python standard library (`src/modules/py/*.py`), checked
//! against CPython 3.11 and against its own contract.
//!
//! - `our_modules_behave_as_cpythons`: runs `tests/stdlib_py/validate.py`,
//!   which runs every program of `tests/stdlib_py/` twice under python3 —
//!   with CPython's own `threading`, `queue`, `logging`, `random` ... and
//!   with ours shadowing them — and fails on any difference in stdout,
//!   stderr or exit code. Skipped (with a note) when python3 is absent;
//!   validate.py itself skips on a CPython other than 3.11.
//! - `our_modules_import_only_natives_and_siblings`: needs no Python. Our
//!   modules may import each other and only the native modules MiniPy
//!   provides (listed in `src/modules/py/NATIVES.md`); anything else would
//!   work under CPython and fail in MiniPy. They may not use `exec`/`eval`,
//!   which MiniPy does not have.
//! - `the_embedded_table_lists_every_module`: `src/modules/py/mod.rs` (the
//!   `include_str!` table the import system reads) lists exactly the `.py`
//!   files, with each module after the embedded modules it imports.
//!
//! Python equivalent: none; this is the project's own check.

use common::measure::python;
use std::path::{Path, PathBuf};

#[path = "../src/modules/py/mod.rs"]
mod py;

/// The native modules our Python modules may import (CPython's C modules
/// of the same names; MiniPy provides them in Rust).
const NATIVES: &[&str] = &[
    "_thread",
    "_warnings",
    "time",
    "sys",
    "os",
    "math",
    "_random",
    "_sha512",
    "_collections",
    "itertools",
    "traceback",
];

fn py_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/modules/py")
}

/// Our modules by dotted name (`concurrent.futures.py` -> `concurrent.futures`).
fn our_modules() -> Vec<(String, String)> {
    let mut modules: Vec<(String, String)> = std::fs::read_dir(py_dir())
        .expect("src/modules/py exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .map(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap().to_string();
            let source = std::fs::read_to_string(&p).expect("read module");
            (name, source)
        })
        .collect();
    modules.sort();
    modules
}

/// The modules named by one `import a, b.c as d` or `from a.b import c`
/// line (its leading whitespace already removed); empty for other lines.
fn imported_modules(line: &str) -> Vec<String> {
    if let Some(rest) = line.strip_prefix("import ") {
        rest.split(',')
            .filter_map(|part| part.split_whitespace().next())
            .map(str::to_string)
            .collect()
    } else if let Some(rest) = line.strip_prefix("from ") {
        rest.split_whitespace()
            .next()
            .map(|m| vec![m.to_string()])
            .unwrap_or_default()
    } else {
        Vec::new()
    }
}

#[test]
fn our_modules_import_only_natives_and_siblings() {
    let modules = our_modules();
    let names: Vec<&str> = modules.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "_threading_sync",
        "_threading_local",
        "_logging_format",
        "concurrent.futures._base",
        "concurrent.futures.thread",
        "threading",
        "queue",
        "heapq",
        "concurrent.futures",
        "logging",
        "random",
        "functools",
        "contextlib",
        "dataclasses",
        "collections",
        "operator",
        "bisect",
        "io",
    ] {
        assert!(names.contains(&expected), "module {expected}.py is missing");
    }
    let mut problems = Vec::new();
    for (name, source) in &modules {
        if !source.starts_with("\"\"\"") {
            problems.push(format!("{name}.py does not open with a docstring"));
        }
        let mut in_docstring = false;
        for (number, raw) in source.lines().enumerate() {
            let line = raw.trim_start();
            // Skip the text of docstrings (they quote code).
            if line.matches("\"\"\"").count() == 1 {
                in_docstring = !in_docstring;
                continue;
            }
            if in_docstring || line.starts_with('#') {
                continue;
            }
            for module in imported_modules(line) {
                let allowed = NATIVES.contains(&module.as_str())
                    || names.contains(&module.as_str())
                    || module == "__future__";
                if !allowed {
                    problems.push(format!(
                        "{name}.py:{}: imports `{module}`, neither a native nor one of ours",
                        number + 1
                    ));
                }
            }
            for banned in ["exec(", "eval(", "compile("] {
                let code = line.split('#').next().unwrap_or("");
                if code.contains(banned) && !code.contains(&format!(".{banned}")) {
                    problems.push(format!("{name}.py:{}: uses {banned}..)", number + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn our_modules_behave_as_cpythons() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib_py/validate.py");
    let Some(out) = python::run_script(&script, &[]) else {
        eprintln!("note: python3 not found; the CPython comparison of src/modules/py is skipped");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "validate.py found differences from CPython's modules:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("programs agree") || stdout.contains("skipped"),
        "validate.py printed no summary:\n{stdout}\n{stderr}"
    );
}

#[test]
fn the_embedded_table_lists_every_module() {
    let files = our_modules();
    for (name, source) in &files {
        let embedded = py::find(name).unwrap_or_else(|| panic!("{name}.py is not in mod.rs"));
        assert!(
            embedded.source == source,
            "{name}: mod.rs embeds other text than {name}.py"
        );
    }
    for (position, embedded) in py::MODULES.iter().enumerate() {
        let prefix = format!("{}.", embedded.name);
        let has_submodules = py::MODULES.iter().any(|m| m.name.starts_with(&prefix));
        assert_eq!(
            embedded.is_package, has_submodules,
            "{}: is_package must say whether it has submodules",
            embedded.name
        );
        if embedded.is_package {
            assert!(
                py::MODULES[..position]
                    .iter()
                    .all(|m| !m.name.starts_with(&prefix)),
                "package {} is listed after one of its submodules",
                embedded.name
            );
        }
        let has_file = files.iter().any(|(n, _)| n == embedded.name);
        assert_eq!(
            has_file,
            !embedded.source.is_empty(),
            "{}: listed with code but no .py file, or the reverse",
            embedded.name
        );
        // Top-level imports (unindented lines) of embedded modules must be
        // listed earlier, so that loading in table order never recurses; a
        // package may import its own submodules.
        for line in embedded.source.lines() {
            for module in imported_modules(line) {
                if module.starts_with(&prefix) {
                    continue;
                }
                if let Some(position_of_dependency) =
                    py::MODULES.iter().position(|m| m.name == module)
                {
                    assert!(
                        position_of_dependency < position,
                        "{} imports {module}, which mod.rs lists after it",
                        embedded.name
                    );
                }
            }
        }
    }
}
