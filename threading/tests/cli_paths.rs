//! How `minipy FILE.py` names its script, as `python3 FILE.py` does since
//! CPython 3.9: `sys.argv[0]` is the path as typed, while `__file__`,
//! tracebacks and warnings carry it made absolute against the current
//! directory (`.` and `..` kept), and a sibling module imported from the
//! script's directory carries its real absolute path. A file that cannot be
//! opened is reported by its absolute path with `[Errno N]`.
//!
//! Each program runs from its own directory by a relative path (`./d/../d/
//! main.py`, the shape that tells joining from resolving); when `python3`
//! is on the PATH it runs the same way and the two must agree byte for
//! byte.

use common::measure::python;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh directory `root/d` holding `main.py` and `helper.py`; returns
/// `root`.
fn programs(tag: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("minipy-paths-{tag}-{}", std::process::id()));
    let dir = root.join("d");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let main = "\
import sys, threading
print(sys.argv[0])
print(__file__)
print(threading.currentThread().name)
import helper
helper.fail()
";
    std::fs::write(dir.join("main.py"), main).expect("write main");
    std::fs::write(dir.join("helper.py"), "def fail():\n    return 1 / 0\n").expect("write helper");
    root
}

fn run(program: &Path, cwd: &Path, path: &str) -> Output {
    Command::new(program)
        .arg(path)
        .current_dir(cwd)
        .output()
        .expect("run interpreter")
}

#[test]
fn a_relative_script_path_is_shown_absolute_but_argv_keeps_it() {
    let root = programs("rel");
    let typed = "./d/../d/main.py";
    let out = run(Path::new(env!("CARGO_BIN_EXE_minipy")), &root, typed);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let cwd = std::fs::canonicalize(&root).expect("real root");
    // The working directory as the process sees it (getcwd: links resolved).
    let joined = format!("{}/{typed}", cwd.display());
    let real_helper = cwd.join("d").join("helper.py");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, format!("{typed}\n{joined}\nMainThread\n"));
    assert!(
        stderr.starts_with(&format!("{joined}:4: DeprecationWarning: currentThread()")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("  File \"{joined}\", line 6, in <module>\n")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "  File \"{}\", line 2, in fail\n",
            real_helper.display()
        )),
        "{stderr}"
    );
    if let Some(py) = python::python3() {
        let want = run(&py, &root, typed);
        assert_eq!(String::from_utf8_lossy(&want.stdout), stdout);
        assert_eq!(String::from_utf8_lossy(&want.stderr), stderr);
        assert_eq!(want.status.code(), out.status.code());
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_missing_script_is_named_absolute_with_its_errno() {
    let root = programs("missing");
    let out = run(Path::new(env!("CARGO_BIN_EXE_minipy")), &root, "d/nope.py");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr,
        format!(
            "minipy: can't open file '{}/d/nope.py': [Errno 2] No such file or directory\n",
            std::fs::canonicalize(&root).expect("real root").display()
        )
    );
    let _ = std::fs::remove_dir_all(&root);
}
