//! `bytes.split` / `rsplit` with `sep` and `maxsplit`, as CPython 3.11
//! (the expected text is python3.11's output for the same program): the
//! whitespace form keeps the far side of the unsplit remainder, `\x0b`
//! counts as whitespace, `rsplit` counts splits from the right.

use threading::{Config, Interpreter};

const PROGRAM: &str = r#"for d in [b"  a b  c  ", b"a,b,,c,", b"\x0ba\x0bb", b""]:
    for m in (-1, 0, 1, 2):
        print(m, d.split(None, m), d.rsplit(None, m), d.split(b",", m), d.rsplit(sep=b",", maxsplit=m))
print(bytearray(b"a,b,c").rsplit(b",", 1), b"aaa".split(b"aa"), b"aaa".rsplit(b"aa"))
try:
    b"a".split(b"")
except ValueError as e:
    print(e)
try:
    b"a".split("x")
except TypeError as e:
    print(e)
"#;

const CPYTHON: &str = r#"-1 [b'a', b'b', b'c'] [b'a', b'b', b'c'] [b'  a b  c  '] [b'  a b  c  ']
0 [b'a b  c  '] [b'  a b  c'] [b'  a b  c  '] [b'  a b  c  ']
1 [b'a', b'b  c  '] [b'  a b', b'c'] [b'  a b  c  '] [b'  a b  c  ']
2 [b'a', b'b', b'c  '] [b'  a', b'b', b'c'] [b'  a b  c  '] [b'  a b  c  ']
-1 [b'a,b,,c,'] [b'a,b,,c,'] [b'a', b'b', b'', b'c', b''] [b'a', b'b', b'', b'c', b'']
0 [b'a,b,,c,'] [b'a,b,,c,'] [b'a,b,,c,'] [b'a,b,,c,']
1 [b'a,b,,c,'] [b'a,b,,c,'] [b'a', b'b,,c,'] [b'a,b,,c', b'']
2 [b'a,b,,c,'] [b'a,b,,c,'] [b'a', b'b', b',c,'] [b'a,b,', b'c', b'']
-1 [b'a', b'b'] [b'a', b'b'] [b'\x0ba\x0bb'] [b'\x0ba\x0bb']
0 [b'a\x0bb'] [b'\x0ba\x0bb'] [b'\x0ba\x0bb'] [b'\x0ba\x0bb']
1 [b'a', b'b'] [b'\x0ba', b'b'] [b'\x0ba\x0bb'] [b'\x0ba\x0bb']
2 [b'a', b'b'] [b'a', b'b'] [b'\x0ba\x0bb'] [b'\x0ba\x0bb']
-1 [] [] [b''] [b'']
0 [] [] [b''] [b'']
1 [] [] [b''] [b'']
2 [] [] [b''] [b'']
[bytearray(b'a,b'), bytearray(b'c')] [b'', b'a'] [b'a', b'']
empty separator
a bytes-like object is required, not 'str'
"#;

#[test]
fn bytes_split_and_rsplit_match_cpython() {
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("split.py", PROGRAM);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, CPYTHON);
}
