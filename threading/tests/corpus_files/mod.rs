//! The differential corpus on disk, shared by `corpus.rs` (which runs it
//! as the library does) and `cell_mode.rs` (which runs it in a claimed
//! process): `tests/SUB/NAME.py` with the committed CPython 3.11 results
//! `NAME.stdout`, `NAME.status` and, where CPython wrote to stderr,
//! `NAME.stderr`.

// Each test binary uses some of these, not all.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `tests/SUB`.
pub fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(sub)
}

/// The programs of `tests/SUB`, sorted, without the files named in
/// `skip` and without `_name.py` helper modules that programs import.
pub fn programs(sub: &str, skip: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir(sub))
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter(|p| !skip.iter().any(|s| p.file_name().is_some_and(|n| n == *s)))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('_'))
        })
        .collect();
    v.sort();
    v
}

/// What CPython printed for `program` and how it exited: (stdout, status).
pub fn expected(program: &Path) -> (String, i32) {
    let stem = program.with_extension("");
    let out = std::fs::read_to_string(stem.with_extension("stdout")).expect("NAME.stdout");
    let status: i32 = std::fs::read_to_string(stem.with_extension("status"))
        .expect("NAME.status")
        .trim()
        .parse()
        .expect("status is a number");
    (out, status)
}
