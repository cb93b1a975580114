//! Names of CPython's modules beyond MiniPy's library list are refused
//! clearly: `AttributeError: module 'math' has no attribute 'cbrt'
//! (CPython's math.cbrt is outside MiniPy)`, with no "Did you mean"
//! (CPython, which has the name, would suggest nothing), while a name
//! CPython lacks too keeps CPython's plain message.
//!
//! - `the_table_is_current`: `src/modules/cpython_names.rs` equals what
//!   `tests/cpython_names/regen.py` renders from python3's modules (skipped
//!   with a note without python3 3.11).
//! - the other tests run small programs through the library API.

use common::measure::python;
use std::path::Path;
use threading::{Config, Interpreter};

/// stderr of `src` run as a program.
fn stderr_of(src: &str) -> String {
    let interp = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    });
    let out = interp.run_bytes_in(Path::new("."), "names.py", src.as_bytes());
    assert_eq!(out.exit_code, 1, "the program must fail: {}", out.stderr);
    out.stderr
}

/// The last line of a traceback.
fn last_line(stderr: &str) -> &str {
    stderr.trim_end().lines().last().unwrap_or("")
}

#[test]
fn the_table_is_current() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython_names/regen.py");
    let Some(out) = python::run_script(&script, &["--check"]) else {
        eprintln!("note: python3 not found; cpython_names.rs is not compared");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("CPython 3.11 needed") {
        eprintln!("note: {stderr}");
        return;
    }
    assert!(out.status.success(), "{stderr}");
}

#[test]
fn a_name_cpython_has_is_said_to_be_outside_minipy() {
    let err = stderr_of("import math\nmath.cbrt(8.0)\n");
    assert_eq!(
        last_line(&err),
        "AttributeError: module 'math' has no attribute 'cbrt' \
         (CPython's math.cbrt is outside MiniPy)"
    );
}

#[test]
fn no_suggestion_is_made_for_a_name_outside_minipy() {
    // `expovariate` is close enough to `betavariate` that a plain lookup
    // failure would suggest it.
    let err = stderr_of("import random\nrandom.betavariate(1, 2)\n");
    assert_eq!(
        last_line(&err),
        "AttributeError: module 'random' has no attribute 'betavariate' \
         (CPython's random.betavariate is outside MiniPy)"
    );
}

#[test]
fn a_name_cpython_lacks_too_keeps_cpythons_message() {
    let err = stderr_of("import math\nmath.sqrtt(4.0)\n");
    assert_eq!(
        last_line(&err),
        "AttributeError: module 'math' has no attribute 'sqrtt'. Did you mean: 'sqrt'?"
    );
}

#[test]
fn a_from_import_of_a_name_outside_minipy_says_so() {
    let err = stderr_of("from itertools import groupby\n");
    assert_eq!(
        last_line(&err),
        "ImportError: cannot import name 'groupby' from 'itertools' (unknown location) \
         (CPython's itertools.groupby is outside MiniPy)"
    );
    let err = stderr_of("from math import nothing_here\n");
    assert_eq!(
        last_line(&err),
        "ImportError: cannot import name 'nothing_here' from 'math' (unknown location)"
    );
}
