//! `frame.rs` and `connection.rs` need only `sys.rs` and `error.rs`: their
//! `//!` blocks say so, and this test keeps them honest by compiling exactly
//! those four source files into this test crate — nothing else of the crate
//! — and using the result. Copy those four files into coursework and they
//! build.

#[allow(dead_code, unused_imports)]
#[path = "../src/sys.rs"]
mod sys;

#[allow(dead_code)]
#[path = "../src/error.rs"]
mod error;

#[allow(dead_code)]
#[path = "../src/frame.rs"]
mod frame;

#[allow(dead_code)]
#[path = "../src/connection.rs"]
mod connection;

#[test]
fn the_closed_set_round_trips_a_message() {
    let (mut a, mut b) = connection::Pipe(true).unwrap();
    a.send(&("closed", 4u8)).unwrap();
    let got: (String, u8) = b.recv().unwrap();
    assert_eq!(got, ("closed".to_string(), 4));
    b.send_bytes(&[]).unwrap();
    assert!(a.recv_bytes().unwrap().is_empty());
}
