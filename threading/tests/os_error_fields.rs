//! `OSError`'s fields and text, as CPython 3.11 has them (the expected
//! output below is python3.11's for the same program): `errno`,
//! `strerror`, `filename`, `filename2` read from the args, and
//! `[Errno N] text` as `str()`. The socket module raises these.

use threading::{Config, Interpreter};

const PROGRAM: &str = "\
e = ConnectionRefusedError(111, 'Connection refused')
print(e, e.errno, e.strerror, e.filename, isinstance(e, OSError))
print(repr(e), e.args)
print(str(OSError(None, None)), str(OSError(1, 'a', 'f')))
print(str(OSError(1, 'a', 'f', None, 'g')))
t = TimeoutError('timed out')
print(t, t.errno, t.strerror)
print(OSError(1).errno, str(OSError(1, 2, 3, 4, 5, 6)))
try:
    raise BrokenPipeError(32, 'Broken pipe')
except ConnectionError as x:
    print(type(x).__name__, x)
e.errno = 5
print(e.errno)
";

const CPYTHON: &str = "\
[Errno 111] Connection refused 111 Connection refused None True
ConnectionRefusedError(111, 'Connection refused') (111, 'Connection refused')
[Errno None] None [Errno 1] a: 'f'
[Errno 1] a: 'f' -> 'g'
timed out None None
None (1, 2, 3, 4, 5, 6)
BrokenPipeError [Errno 32] Broken pipe
5
";

#[test]
fn os_error_fields_and_text_match_cpython() {
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("oserror.py", PROGRAM);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, CPYTHON);
    assert_eq!(out.exit_code, 0);
}
