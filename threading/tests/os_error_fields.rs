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

/// `OSError(errno, strerror)` is PEP 3151's subclass for the errno, as
/// CPython's `OSError.__new__` builds it (only `OSError` itself, 2 to 5
/// args, an int errno). Expected output: python3.11's for the program.
const ERRNO_MAP_PROGRAM: &str = "\
for args in [(111, 'x'), (32, 'p'), (2, 'n', 'f'), (110, 't'), (1, 'a', 'b', None, 'c'), (111,), (111, 'x', 1, 2, 3, 4), ('111', 'x'), (True, 'b'), (99999, 'z'), (11, 'again')]:
    e = OSError(*args)
    print(type(e).__name__, e.errno, e.args[:2])
print(type(IOError(111, 'x')).__name__, type(EnvironmentError(104, 'r')).__name__)
class Mine(OSError):
    pass
print(type(Mine(111, 'x')).__name__, type(ConnectionError(111, 'x')).__name__)
try:
    raise OSError(111, 'Connection refused')
except ConnectionRefusedError as e:
    print('caught', repr(e), e)
";

const ERRNO_MAP_CPYTHON: &str = "\
ConnectionRefusedError 111 (111, 'x')
BrokenPipeError 32 (32, 'p')
FileNotFoundError 2 (2, 'n')
TimeoutError 110 (110, 't')
PermissionError 1 (1, 'a')
OSError None (111,)
OSError None (111, 'x')
OSError 111 ('111', 'x')
PermissionError True (True, 'b')
OSError 99999 (99999, 'z')
BlockingIOError 11 (11, 'again')
ConnectionRefusedError ConnectionResetError
Mine ConnectionError
caught ConnectionRefusedError(111, 'Connection refused') [Errno 111] Connection refused
";

#[test]
fn os_error_with_an_errno_is_the_pep_3151_subclass() {
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("oserror_map.py", ERRNO_MAP_PROGRAM);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, ERRNO_MAP_CPYTHON);
    assert_eq!(out.exit_code, 0);
    // The committed output is python3's own when python3 is here.
    if let Ok(live) = std::process::Command::new("python3")
        .args(["-c", ERRNO_MAP_PROGRAM])
        .output()
    {
        if live.status.success() {
            assert_eq!(String::from_utf8_lossy(&live.stdout), ERRNO_MAP_CPYTHON);
        }
    }
}
