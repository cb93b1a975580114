//! `Listener`/`Client` among themselves and against hostile peers: a
//! client that answers the challenge with a 4 GiB frame, one that stops in
//! the middle of the handshake, one that connects and closes. Each costs
//! only its own `accept` an `Err`; the listener serves the next client;
//! nothing is allocated past the handshake's 256-byte limit (a counting
//! global allocator records the largest allocation); the fd count returns
//! to its baseline.
//!
//! The tests of this binary take one lock each: the fd count needs a
//! process where no other test opens fds at the same time.

mod support;

use multiprocessing::connection::{Address, Client, Listener};
use multiprocessing::Error;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::Duration;

#[path = "support/largest_alloc.rs"]
mod largest_alloc;

#[global_allocator]
static ALLOCATOR: largest_alloc::Counting = largest_alloc::Counting;

/// One test at a time in this binary (fd counts, the allocation record).
static SERIAL: Mutex<()> = Mutex::new(());

/// Reads one CPython frame from a raw stream (the challenge).
fn read_frame(stream: &mut TcpStream) -> Vec<u8> {
    let mut header = [0u8; 4];
    stream.read_exact(&mut header).unwrap();
    let mut payload = vec![0u8; i32::from_be_bytes(header) as usize];
    stream.read_exact(&mut payload).unwrap();
    payload
}

/// A well-behaved client: connects, echoes "hi", closes.
fn good_client(address: &str) -> multiprocessing::Result<Vec<u8>> {
    let mut conn = Client::connect(address, b"secret")?;
    conn.send_bytes(b"hi")?;
    conn.recv_bytes()
}

#[test]
fn hostile_clients_cost_only_their_own_accept() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let baseline = support::fd_count();
    let mut listener = Listener::bind("127.0.0.1:0", b"secret").unwrap();
    listener.set_handshake_timeout(Some(Duration::from_millis(300)));
    let address = listener.address().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let mut outcomes = Vec::new();
        for _ in 0..4 {
            largest_alloc::reset();
            let outcome = listener.accept().map(|mut conn| {
                let message = conn.recv_bytes().unwrap();
                conn.send_bytes(&message).unwrap();
            });
            outcomes.push((outcome, largest_alloc::largest()));
        }
        outcomes
    });
    // 1. A 4 GiB answer to the challenge: refused from its header.
    let mut huge = TcpStream::connect(&address).unwrap();
    let challenge = read_frame(&mut huge);
    assert!(challenge.starts_with(b"#CHALLENGE#{sha256}"));
    let mut header = (-1i32).to_be_bytes().to_vec();
    header.extend_from_slice(&(4u64 << 30).to_be_bytes());
    huge.write_all(&header).unwrap();
    // 2. Silence after the challenge: the handshake deadline refuses it.
    let mut silent = TcpStream::connect(&address).unwrap();
    let _ = read_frame(&mut silent);
    // 3. Connect and close at once.
    drop(TcpStream::connect(&address).unwrap());
    // 4. A good client is served after all of them.
    assert_eq!(good_client(&address).unwrap(), b"hi");
    let outcomes = support::watchdog(Duration::from_secs(60), move || server.join().unwrap());
    drop((huge, silent));
    let errors: Vec<String> = outcomes
        .iter()
        .map(|(o, _)| {
            o.as_ref()
                .err()
                .map_or("served".into(), |e| format!("{e:?}"))
        })
        .collect();
    assert!(
        matches!(outcomes[0].0, Err(Error::TooLarge { .. })),
        "{errors:?}"
    );
    assert!(matches!(outcomes[1].0, Err(Error::Timeout)), "{errors:?}");
    assert!(
        matches!(outcomes[2].0, Err(Error::Closed) | Err(Error::Io(_))),
        "{errors:?}"
    );
    assert!(outcomes[3].0.is_ok(), "{errors:?}");
    // Nothing past the handshake's 256-byte limit (plus a frame header,
    // and the listener's own small bookkeeping).
    for (i, (_, largest)) in outcomes.iter().enumerate().take(3) {
        assert!(
            *largest <= 1024,
            "client {i}: an allocation of {largest} bytes"
        );
    }
    let after = support::fd_count();
    assert_eq!(after, baseline, "fds: {baseline} before, {after} after");
}

#[test]
fn a_wrong_key_fails_on_both_sides_over_a_unix_socket() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let path = std::env::temp_dir().join(format!("mp-listener-{}.sock", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let listener = Listener::bind(path.to_str().unwrap(), b"secret").unwrap();
    assert_eq!(listener.address().unwrap(), Address::Unix(path.clone()));
    let server = std::thread::spawn(move || {
        let first = listener.accept().map(|_| ());
        let second = listener.accept().map(|mut conn| {
            let message = conn.recv_bytes().unwrap();
            conn.send_bytes(&message).unwrap();
        });
        (first, second)
    });
    let address = path.to_str().unwrap();
    assert!(matches!(
        Client::connect(address, b"wrong"),
        Err(Error::AuthenticationError(_))
    ));
    assert_eq!(good_client(address).unwrap(), b"hi");
    let (first, second) = server.join().unwrap();
    assert!(
        matches!(first, Err(Error::AuthenticationError(_))),
        "{first:?}"
    );
    assert!(second.is_ok(), "{second:?}");
    // The listener is gone: so is its socket file (as CPython's close).
    assert!(!path.exists());
}

#[test]
fn an_empty_authkey_means_no_handshake_as_in_cpython() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let listener = Listener::bind("127.0.0.1:0", b"").unwrap();
    let address = listener.address().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let mut conn = listener.accept().unwrap();
        let value: (u32, String) = conn.recv().unwrap();
        conn.send(&value).unwrap();
    });
    let mut conn = Client::connect(address.as_str(), b"").unwrap();
    conn.send(&(7u32, "seven".to_string())).unwrap();
    assert_eq!(
        conn.recv::<(u32, String)>().unwrap(),
        (7, "seven".to_string())
    );
    server.join().unwrap();
}
