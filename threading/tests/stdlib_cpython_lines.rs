//! The embedded standard library shows CPython's line numbers in
//! tracebacks (`src/modules/stdlib_lines.rs`): every entry of the table
//! names a line that exists in MiniPy's module, the number is the one
//! CPython 3.11.7 gives the same text (checked live when that python3 is
//! on the PATH), and a thread's exception report — `threading.excepthook`'s
//! output — is CPython's byte for byte, `<stdlib>` frames included.

use common::measure::python;
use std::path::Path;
use std::process::Command;
use threading::modules::{py, stdlib_lines};
use threading::vm::import::shown_numbers;
use threading::{Config, Interpreter};

#[test]
fn every_renumbered_line_exists_in_the_embedded_module() {
    for name in stdlib_lines::MODULES {
        let module = py::find(name).unwrap_or_else(|| panic!("{name} is not embedded"));
        let filename = format!("<stdlib>/{}.py", name.replace('.', "/"));
        let code = threading::compiler::compile_source(&filename, module.source)
            .unwrap_or_else(|e| panic!("{name} does not compile: {}", e.msg));
        let table = stdlib_lines::for_module(name);
        let found = shown_numbers(&code, table);
        for entry in table {
            assert!(
                found.iter().any(|f| f.shown == entry.line),
                "{name}: no line {:?} (occurrence {}) in {}",
                entry.text,
                entry.occurrence,
                entry.qualname
            );
        }
    }
}

#[test]
fn the_numbers_are_cpython_3_11_7s() {
    let Some(py) = python::python3() else {
        eprintln!("no python3: the live check is skipped");
        return;
    };
    let version = Command::new(&py)
        .args(["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"])
        .output()
        .expect("python3 --version");
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    if version != "3.11.7" {
        eprintln!("python3 is {version}, the table is 3.11.7's: the live check is skipped");
        return;
    }
    let mut script = String::from("import importlib, linecache\n");
    for name in stdlib_lines::MODULES {
        for entry in stdlib_lines::for_module(name) {
            script.push_str(&format!(
                "print(linecache.getline(importlib.import_module({name:?}).__file__, {}).strip())\n",
                entry.line
            ));
        }
    }
    let out = Command::new(&py)
        .args(["-c", &script])
        .output()
        .expect("run python3");
    let got = String::from_utf8_lossy(&out.stdout);
    let mut lines = got.lines();
    for name in stdlib_lines::MODULES {
        for entry in stdlib_lines::for_module(name) {
            assert_eq!(
                lines.next(),
                Some(entry.text),
                "{name} line {} in CPython",
                entry.line
            );
        }
    }
}

#[test]
fn a_threads_exception_report_is_cpythons_byte_for_byte() {
    // The corpus programs whose committed CPython stderr has `<stdlib>`
    // frames: compared here without the corpus's line-number mask.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    for name in [
        "82_uncaught_in_thread",
        "t12_excepthook",
        "t24_thread_exception_report",
    ] {
        let program = dir.join(format!("{name}.py"));
        let bytes = std::fs::read(&program).expect("corpus program");
        let want = std::fs::read_to_string(dir.join(format!("{name}.stderr"))).expect("stderr");
        assert!(want.contains("File \"<stdlib>/threading.py\", line 1045"));
        let interp = Interpreter::new(Config {
            capture: true,
            ..Config::default()
        });
        let out = interp.run_bytes(&format!("{name}.py"), &bytes);
        assert_eq!(out.stderr, want, "{name}");
    }
}
