//! `str.isprintable()`'s table (`object/printable.rs`, what `repr()` of a
//! `str` escapes) against the live `python3`: every code point, both
//! ways. Skipped, with a note, when python3 is absent or is not 3.11 (the
//! table is Unicode 14.0, CPython 3.11's; other versions carry other
//! Unicode versions).

use common::measure::python;
use std::process::Command;
use threading::object::printable::is_printable;

#[test]
fn printable_table_matches_cpython_311() {
    let Some(py) = python::python3() else {
        eprintln!("python3 not found: the printable table is not checked");
        return;
    };
    let script = "import sys\n\
                  if sys.version_info[:2] != (3, 11): print('other'); sys.exit()\n\
                  print(' '.join(str(c) for c in range(sys.maxunicode + 1) if not chr(c).isprintable()))\n";
    let out = Command::new(py)
        .arg("-c")
        .arg(script)
        .output()
        .expect("run python3");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    if text.trim() == "other" {
        eprintln!("python3 is not 3.11: the printable table is not checked");
        return;
    }
    let theirs: std::collections::HashSet<u32> = text
        .split_whitespace()
        .map(|n| n.parse().expect("a code point"))
        .collect();
    assert!(
        theirs.len() > 1000,
        "python3 answered {} code points",
        theirs.len()
    );
    let mut differ = Vec::new();
    for code in 0..=0x10FFFFu32 {
        let ours_printable = char::from_u32(code).map(is_printable);
        // Surrogates are no Rust `char`: CPython counts them non-printable.
        let ours_printable = ours_printable.unwrap_or(false);
        if ours_printable == theirs.contains(&code) {
            differ.push(format!("U+{code:04X}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ: {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
}
