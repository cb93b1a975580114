//! `frame.rs` and `connection/` (`Connection`, `Pipe`, `Listener`,
//! `Client` and the authkey handshake) need only `sys.rs` and `error.rs`:
//! their `//!` blocks say so, and this test keeps them honest by compiling
//! exactly those source files into this test crate — nothing else of the
//! crate — and using the result. Copy them into coursework and they build.

#[allow(dead_code, unused_imports)]
#[path = "../src/sys.rs"]
mod sys;

#[allow(dead_code)]
#[path = "../src/error.rs"]
mod error;

#[allow(dead_code)]
#[path = "../src/frame.rs"]
mod frame;

#[allow(dead_code, unused_imports)]
#[path = "../src/connection/mod.rs"]
mod connection;

#[test]
fn the_closed_set_authenticates_over_tcp() {
    let listener = connection::Listener::bind("127.0.0.1:0", b"key").unwrap();
    let address = listener.address().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let mut conn = listener.accept().unwrap();
        let message = conn.recv_bytes().unwrap();
        conn.send_bytes(&message).unwrap();
    });
    let mut conn = connection::Client::connect(address.as_str(), b"key").unwrap();
    conn.send_bytes(b"closed").unwrap();
    assert_eq!(conn.recv_bytes().unwrap(), b"closed");
    server.join().unwrap();
}

#[test]
fn the_closed_set_round_trips_a_message() {
    let (mut a, mut b) = connection::Pipe(true).unwrap();
    a.send(&("closed", 4u8)).unwrap();
    let got: (String, u8) = b.recv().unwrap();
    assert_eq!(got, ("closed".to_string(), 4));
    b.send_bytes(&[]).unwrap();
    assert!(a.recv_bytes().unwrap().is_empty());
}
