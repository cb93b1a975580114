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
