//! `minipy FILE.py ARGS...`: the program sees its arguments in `sys.argv`,
//! as under `python3 FILE.py ARGS...`; `minipy` options may still come
//! anywhere, and everything after `--` is the program's.

use std::process::Command;

#[test]
fn arguments_after_the_program_are_its_sys_argv() {
    let dir = std::env::temp_dir().join(format!("minipy-argv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let program = dir.join("args.py");
    std::fs::write(&program, "import sys\nprint(sys.argv[1:])\n").expect("write program");
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .arg(&program)
        .args(["server", "25000", "--as", "3.12", "--", "--as", "x"])
        .output()
        .expect("run minipy");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['server', '25000', '--as', 'x']\n"
    );
}
