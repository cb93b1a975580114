//! The `minipy` binary: exit codes, stdout/stderr split, `--dis`, `--stats`,
//! `--timeline`, presets and bad flags.

use std::path::PathBuf;
use std::process::{Command, Output};

fn script(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minipy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, src).expect("write script");
    path
}

fn minipy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minipy"))
        .args(args)
        .output()
        .expect("run minipy")
}

const RACE: &str = "\
counter = 0
def work(n):
    global counter
    for _ in range(n):
        counter += 1
work(10)
print(counter)
";

#[test]
fn runs_a_program_and_returns_its_exit_code() {
    let ok = script("ok.py", RACE);
    let out = minipy(&[ok.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10\n");
    let bad = script("bad.py", "print('before')\nx = 1 / 0\n");
    let out = minipy(&[bad.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn dis_shows_where_counter_plus_equals_splits() {
    let p = script("race.py", RACE);
    let out = minipy(&[p.to_str().unwrap_or_default(), "--dis"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let order = [
        "LOAD_GLOBAL",
        "LOAD_CONST",
        "BINARY_OP",
        "(+=)",
        "STORE_GLOBAL",
        "JUMP_BACKWARD",
    ];
    let mut at = text
        .find("Disassembly of <code object work")
        .expect("work's listing");
    for word in order {
        at += text[at..]
            .find(word)
            .unwrap_or_else(|| panic!("{word} after the previous one in:\n{text}"));
    }
}

#[test]
fn stats_and_timeline_are_written() {
    let p = script("threads.py", "import threading\nts = [threading.Thread(target=print, args=(i,)) for i in range(2)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n");
    let svg = p.with_extension("svg");
    let out = minipy(&[
        p.to_str().unwrap_or_default(),
        "--as",
        "3.9",
        "--stats",
        "--timeline",
        svg.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("switches:") && err.contains("MainThread"),
        "{err}"
    );
    let drawn = std::fs::read_to_string(&svg).expect("timeline file");
    assert!(
        drawn.starts_with("<svg") || drawn.contains("<svg"),
        "not an SVG"
    );
}

#[test]
fn bad_flags_and_syntax_errors_are_reported() {
    let out = minipy(&["--gil", "fast", "x.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown --gil"));
    let out = minipy(&["/nonexistent/dir/x.py"]);
    assert_eq!(out.status.code(), Some(2));
    let p = script("syn.py", "x = (1,\n");
    let out = minipy(&[p.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 1") && err.contains("SyntaxError: '(' was never closed"),
        "{err}"
    );
}
