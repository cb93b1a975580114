//! The socket leaf's argument checks (`src/modules/socket/`): address
//! tuples and timeouts, with CPython's exception classes and texts, fixed
//! and against the live `python3` when it is present (skipped with a note
//! otherwise). The loopback behaviour is in `socket_leaf.rs`.

#[allow(dead_code, unused_imports)]
#[path = "../src/modules/errno.rs"]
mod errno;
#[allow(dead_code, unused_imports)]
#[path = "../src/modules/socket/mod.rs"]
mod socket;

use socket::{parse_address, Address, BuiltinClass, Socket, SocketError, Timeout};
use std::net::{Ipv4Addr, SocketAddrV4};

#[test]
fn address_tuples_are_checked_as_cpython_checks_them() {
    let localhost = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80);
    assert_eq!(
        parse_address("127.0.0.1", 80, "bind"),
        Ok(Address::Numeric(localhost))
    );
    let any = parse_address("", 5, "bind").unwrap();
    assert_eq!(
        any.resolve().unwrap(),
        SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 5)
    );
    let broadcast = parse_address("<broadcast>", 5, "bind").unwrap();
    assert_eq!(*broadcast.resolve().unwrap().ip(), Ipv4Addr::BROADCAST);
    let name = parse_address("localhost", 80, "connect").unwrap();
    assert!(name.needs_lookup(), "names go to getaddrinfo");
    assert_eq!(name.resolve().unwrap(), localhost);
    // The pre-inet_pton forms are the resolver's, as in CPython.
    let short = parse_address("127.1", 80, "connect").unwrap();
    assert!(short.needs_lookup());
    assert_eq!(short.resolve().unwrap(), localhost);

    let overflow = parse_address("localhost", 70000, "bind").unwrap_err();
    assert_eq!(overflow.class_name(), "OverflowError");
    assert_eq!(overflow.to_string(), "bind(): port must be 0-65535.");
    let negative = parse_address("localhost", -1, "connect").unwrap_err();
    assert_eq!(negative.to_string(), "connect(): port must be 0-65535.");
    let nul = parse_address("a\0b", 70000, "bind").unwrap_err();
    assert_eq!(
        nul,
        SocketError::builtin(
            BuiltinClass::TypeError,
            "host name must not contain null character"
        ),
        "the host is checked before the port"
    );
}

#[test]
fn timeouts_parse_and_print_as_cpython() {
    let cases: [(f64, Result<Option<f64>, &str>); 8] = [
        (0.05, Ok(Some(0.05))),
        (0.0, Ok(Some(0.0))),
        (-0.0, Ok(Some(0.0))),
        (1e-10, Ok(Some(1e-9))),
        (2147483.648, Ok(Some(2147483.648))),
        (-1.0, Err("ValueError: Timeout value out of range")),
        (
            f64::NAN,
            Err("ValueError: Invalid value NaN (not a number)"),
        ),
        (
            1e19,
            Err("OverflowError: timestamp out of range for platform time_t"),
        ),
    ];
    for (seconds, expected) in cases {
        let got = Timeout::from_seconds_f64(seconds)
            .map(Timeout::as_seconds)
            .map_err(|e| format!("{}: {e}", e.class_name()));
        assert_eq!(
            got,
            expected.map_err(str::to_string),
            "settimeout({seconds})"
        );
    }
    assert_eq!(
        Timeout::from_seconds_i64(3).unwrap().as_seconds(),
        Some(3.0)
    );
    assert_eq!(
        Timeout::from_seconds_i64(10_000_000_000)
            .unwrap_err()
            .to_string(),
        "timestamp too large to convert to C _PyTime_t"
    );
    assert_eq!(Timeout::from_seconds_i64(0).unwrap(), Timeout::NonBlocking);
}

/// Runs `script` under python3; None (with a note) if python3 is missing.
fn python_lines(script: &str) -> Option<Vec<String>> {
    let output = match std::process::Command::new("python3")
        .args(["-c", script])
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            eprintln!("note: python3 not found; the live comparison was skipped");
            return None;
        }
    };
    assert!(output.status.success(), "python3 failed: {output:?}");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    Some(text.lines().map(str::to_string).collect())
}

/// `Class: message`, the last line of a traceback, for one of our errors.
fn exception_line(error: &SocketError) -> String {
    format!("{}: {error}", error.class_name())
}

#[test]
fn argument_errors_and_timeouts_match_live_cpython() {
    let float_timeouts = [
        0.05,
        0.0,
        1e-10,
        2147483.648,
        9.2e9,
        -1.0,
        -1e-10,
        9.3e9,
        1e300,
    ];
    let int_timeouts = [0_i64, 3, 9_223_372_036, 9_223_372_037, -2];
    let script = format!(
        r#"
import socket
def show(f):
    try:
        r = f()
        print('ok: ' + repr(r))
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
s = socket.socket()
def timeout(v):
    s.settimeout(v)
    return s.gettimeout()
for v in {floats:?} + [float('nan')]:
    show(lambda: timeout(float(v)))
for v in {ints:?}:
    show(lambda: timeout(v))
show(lambda: s.bind(('localhost', 70000)))
show(lambda: s.connect(('localhost', -1)))
show(lambda: s.bind(('a\0b', 70000)))
show(lambda: s.recv(-1))
s.close()
show(lambda: s.recv(1))
print(repr(s))
"#,
        floats = float_timeouts,
        ints = int_timeouts,
    );
    let Some(cpython) = python_lines(&script) else {
        return;
    };
    let mut ours: Vec<String> = Vec::new();
    let mut floats: Vec<f64> = float_timeouts.to_vec();
    floats.push(f64::NAN);
    let timeouts = floats
        .iter()
        .map(|v| Timeout::from_seconds_f64(*v))
        .chain(int_timeouts.iter().map(|v| Timeout::from_seconds_i64(*v)));
    for result in timeouts {
        ours.push(match result {
            Ok(mode) => match mode.as_seconds() {
                None => "ok: None".to_string(),
                Some(seconds) => format!("ok: {seconds:?}"),
            },
            Err(error) => exception_line(&error),
        });
    }
    let sock = Socket::new().unwrap();
    for (host, port, caller) in [
        ("localhost", 70000, "bind"),
        ("localhost", -1, "connect"),
        ("a\0b", 70000, "bind"),
    ] {
        ours.push(exception_line(
            &parse_address(host, port, caller).unwrap_err(),
        ));
    }
    ours.push(exception_line(&sock.recv(-1).unwrap_err()));
    sock.close().unwrap();
    ours.push(exception_line(&sock.recv(1).unwrap_err()));
    ours.push(sock.python_repr());

    assert_eq!(
        ours.len(),
        cpython.len(),
        "ours: {ours:#?}\ncpython: {cpython:#?}"
    );
    for (mine, theirs) in ours.iter().zip(&cpython) {
        // Floats are compared by value: Python prints 1e-09, Rust 1e-9.
        let as_float = |line: &str| {
            line.strip_prefix("ok: ")
                .and_then(|v| v.parse::<f64>().ok())
        };
        match (as_float(mine), as_float(theirs)) {
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{mine} vs {theirs}"),
            _ => assert_eq!(mine, theirs),
        }
    }
}
