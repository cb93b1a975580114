//! CPython as the oracle for the wire format: frames written by CPython's
//! own `multiprocessing.connection.Connection.send_bytes` are read by our
//! `Connection`, and frames we write are read by CPython's `recv_bytes`.
//! Skipped (with a note) when python3 is absent.

use common::measure::python;
use multiprocessing::Connection;
use std::io::Write;

/// Payload sizes around CPython's 16 KiB "one write or two" threshold.
const SIZES: [usize; 5] = [0, 1, 16_383, 16_385, 300_000];

#[test]
fn frames_written_by_cpython_are_read_by_us() {
    let source = format!(
        "from multiprocessing.connection import Connection\n\
         c = Connection(1, readable=False)\n\
         for n in {SIZES:?}:\n    c.send_bytes(bytes(i % 251 for i in range(n)))\n"
    );
    let Some(out) = python::run_source(&source, &[]) else {
        eprintln!("python3 absent: skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (r, w) = nix::unistd::pipe().unwrap();
    let writer = std::thread::spawn(move || {
        let mut w = std::fs::File::from(w);
        w.write_all(&out.stdout).unwrap();
    });
    let mut conn = Connection::from_fd(r, true, false, false);
    for n in SIZES {
        let got = conn.recv_bytes().unwrap();
        let want: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
        assert_eq!(got, want, "payload of {n} bytes");
    }
    assert!(matches!(
        conn.recv_bytes(),
        Err(multiprocessing::Error::Closed)
    ));
    writer.join().unwrap();
}

#[test]
fn frames_written_by_us_are_read_by_cpython() {
    if python::python3().is_none() {
        eprintln!("python3 absent: skipped");
        return;
    }
    let path = std::env::temp_dir().join(format!("mp-frames-{}", std::process::id()));
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut conn = Connection::from_fd(file.into(), false, true, false);
        for n in SIZES {
            let payload: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            conn.send_bytes(&payload).unwrap();
        }
    }
    let source = format!(
        "import os, sys\n\
         from multiprocessing.connection import Connection\n\
         c = Connection(os.open(sys.argv[1], os.O_RDONLY), writable=False)\n\
         for n in {SIZES:?}:\n    assert c.recv_bytes() == bytes(i % 251 for i in range(n)), n\n\
         print('ok')\n"
    );
    let out = python::run_source(&source, &[path.to_str().unwrap()]).unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
}

/// Every CPython on this machine worth a handshake, one per version:
/// `python3`, `python3.11`/`python3.12`/`python3.13` where they run, and
/// the interpreters listed in `$PYTHON_PEERS` (colon-separated paths). A
/// CPython ≤ 3.11 speaks the legacy HMAC-MD5 handshake, 3.12+ the
/// `{sha256}` one: both variants are covered when both kinds are present.
fn pythons() -> Vec<(String, std::path::PathBuf)> {
    let mut found: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut candidates: Vec<std::path::PathBuf> = python::python3().into_iter().collect();
    candidates.extend(["python3.11", "python3.12", "python3.13"].map(Into::into));
    if let Some(extra) = std::env::var_os("PYTHON_PEERS") {
        candidates.extend(std::env::split_paths(&extra));
    }
    for path in candidates {
        let Ok(out) = std::process::Command::new(&path)
            .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
            .output()
        else {
            continue;
        };
        let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if out.status.success() && !found.iter().any(|(v, _)| *v == version) {
            found.push((version, path));
        }
    }
    found
}

/// The payloads both directions echo: empty, small, and 1 MiB.
const ECHO_SIZES: [usize; 3] = [0, 5, 1 << 20];

/// The payload of `n` bytes both sides agree on.
fn payload(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 256) as u8).collect()
}

/// Echoes one connection's messages until the peer closes.
fn echo_until_closed(conn: &mut Connection) {
    loop {
        match conn.recv_bytes() {
            Ok(m) => conn.send_bytes(&m).unwrap(),
            Err(multiprocessing::Error::Closed) => return,
            Err(other) => panic!("echo: {other}"),
        }
    }
}

#[test]
fn cpython_clients_through_our_listener() {
    use multiprocessing::connection::Listener;
    let pythons = pythons();
    if pythons.is_empty() {
        eprintln!("python3 absent: skipped");
        return;
    }
    for (version, path) in pythons {
        let listener = Listener::bind("127.0.0.1:0", b"secret").unwrap();
        let address = listener.address().unwrap().to_string();
        let (host, port) = address.rsplit_once(':').unwrap();
        // Good key, wrong key, good key again: the listener serves all three.
        let server = std::thread::spawn(move || {
            let mut outcomes = Vec::new();
            for _ in 0..3 {
                match listener.accept() {
                    Ok(mut conn) => {
                        echo_until_closed(&mut conn);
                        outcomes.push("served".to_owned());
                    }
                    Err(err) => outcomes.push(format!("refused: {err}")),
                }
            }
            outcomes
        });
        let source = "import sys\n\
            from multiprocessing.connection import Client, AuthenticationError\n\
            addr = (sys.argv[1], int(sys.argv[2]))\n\
            pay = lambda n: (bytes(range(256)) * (n // 256 + 1))[:n]\n\
            with Client(addr, authkey=b'secret') as c:\n    for n in (0, 5, 1 << 20):\n        c.send_bytes(pay(n)); assert c.recv_bytes() == pay(n), n\n\
            try:\n    Client(addr, authkey=b'wrong'); print('wrong key accepted')\n\
            except AuthenticationError:\n    print('wrong key refused')\n\
            with Client(addr, authkey=b'secret') as c:\n    c.send_bytes(b'again'); assert c.recv_bytes() == b'again'\n\
            print('ok')\n";
        let out = std::process::Command::new(&path)
            .args(["-c", source, host, port])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "CPython {version}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            stdout.lines().collect::<Vec<_>>(),
            ["wrong key refused", "ok"],
            "CPython {version}"
        );
        let outcomes = server.join().unwrap();
        assert_eq!(outcomes[0], "served", "CPython {version}");
        assert!(
            outcomes[1].starts_with("refused: authentication failed"),
            "CPython {version}: {outcomes:?}"
        );
        assert_eq!(outcomes[2], "served", "CPython {version}");
        eprintln!("CPython {version} client: good key echoed, wrong key refused both sides, next client served");
    }
}

#[test]
fn our_client_through_cpython_listeners() {
    use multiprocessing::connection::Client;
    use std::io::BufRead;
    let pythons = pythons();
    if pythons.is_empty() {
        eprintln!("python3 absent: skipped");
        return;
    }
    for (version, path) in pythons {
        let source = "from multiprocessing.connection import Listener, AuthenticationError\n\
            with Listener(('127.0.0.1', 0), authkey=b'secret') as l:\n    print(l.address[1], flush=True)\n\
            \x20   with l.accept() as c:\n        while True:\n            try:\n                m = c.recv_bytes()\n            except EOFError:\n                break\n            c.send_bytes(m)\n\
            \x20   try:\n        l.accept(); print('wrong key accepted', flush=True)\n    except AuthenticationError:\n        print('wrong key refused', flush=True)\n";
        let mut child = std::process::Command::new(&path)
            .args(["-c", source])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let port = lines.next().unwrap().unwrap();
        let address = format!("127.0.0.1:{port}");
        {
            let mut conn = Client::connect(address.as_str(), b"secret").unwrap();
            for n in ECHO_SIZES {
                conn.send_bytes(&payload(n)).unwrap();
                assert_eq!(
                    conn.recv_bytes().unwrap(),
                    payload(n),
                    "CPython {version}: {n} bytes"
                );
            }
        }
        match Client::connect(address.as_str(), b"wrong") {
            Err(multiprocessing::Error::AuthenticationError(_)) => {}
            other => panic!("CPython {version}: expected AuthenticationError, got {other:?}"),
        }
        assert_eq!(
            lines.next().unwrap().unwrap(),
            "wrong key refused",
            "CPython {version}"
        );
        assert!(child.wait().unwrap().success());
        eprintln!("CPython {version} listener: good key echoed, wrong key refused both sides");
    }
}
