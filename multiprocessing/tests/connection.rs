//! `Pipe`/`Connection`: round trips, CPython's exact framing, and hostile
//! bytes (arbitrary frames, a 4 GiB header) that must yield errors — never a
//! panic, never an allocation past the limit. A counting global allocator
//! records the largest single allocation to prove the last point.

use multiprocessing::{Connection, Error, Pipe, Process};
use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::os::fd::OwnedFd;
use std::time::Duration;

/// Wraps the system allocator and remembers the largest request.
struct Counting;

thread_local! {
    /// The largest single allocation made by this thread since the last
    /// reset (per thread: tests run concurrently in one process).
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

/// Records an allocation of `size` bytes on this thread.
fn record(size: usize) {
    let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
}

/// Runs `f` and returns its result with the largest allocation it made.
fn largest_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.with(|l| l.set(0));
    let out = f();
    (out, LARGEST.with(|l| l.get()))
}

// SAFETY: delegates every call to `System` unchanged; only records sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A one-way pipe whose write end is a raw fd (to inject arbitrary bytes).
fn raw_pipe(limit: usize) -> (Connection, OwnedFd) {
    let (r, w) = nix::unistd::pipe().expect("pipe");
    let mut conn = Connection::from_fd(r, true, false, false);
    conn.set_max_message(limit);
    (conn, w)
}

/// Writes `bytes` then closes the write end.
fn feed(w: OwnedFd, bytes: &[u8]) {
    let mut file = std::fs::File::from(w);
    std::io::Write::write_all(&mut file, bytes).expect("write");
}

#[test]
fn duplex_round_trip_of_typed_values() {
    let (mut a, mut b) = Pipe(true).unwrap();
    a.send(&(1u32, "two".to_string(), vec![3.0f64])).unwrap();
    let got: (u32, String, Vec<f64>) = b.recv().unwrap();
    assert_eq!(got, (1, "two".to_string(), vec![3.0]));
    b.send_bytes(b"back").unwrap();
    assert_eq!(a.recv_bytes().unwrap(), b"back");
}

#[test]
fn one_way_pipe_refuses_the_wrong_direction() {
    let (mut r, mut w) = Pipe(false).unwrap();
    assert!(matches!(r.send_bytes(b"x"), Err(Error::State(_))));
    assert!(matches!(w.recv_bytes(), Err(Error::State(_))));
    w.send_bytes(b"ok").unwrap();
    assert_eq!(r.recv_bytes().unwrap(), b"ok");
}

#[test]
fn framing_is_cpythons_big_endian_length_prefix() {
    let (mut conn, w) = raw_pipe(1 << 20);
    // What CPython's `Connection.send_bytes(b"hello")` writes.
    feed(w, b"\x00\x00\x00\x05hello");
    assert_eq!(conn.recv_bytes().unwrap(), b"hello");
    assert!(matches!(conn.recv_bytes(), Err(Error::Closed)));
}

#[test]
fn large_marker_header_is_understood() {
    let (mut conn, w) = raw_pipe(1 << 20);
    let mut bytes = (-1i32).to_be_bytes().to_vec();
    bytes.extend_from_slice(&3u64.to_be_bytes());
    bytes.extend_from_slice(b"abc");
    feed(w, &bytes);
    assert_eq!(conn.recv_bytes().unwrap(), b"abc");
}

#[test]
fn peer_gone_between_frames_is_closed_and_mid_frame_is_io() {
    let (mut conn, w) = raw_pipe(1 << 20);
    feed(w, b"");
    assert!(matches!(conn.recv_bytes(), Err(Error::Closed)));
    let (mut conn, w) = raw_pipe(1 << 20);
    feed(w, b"\x00\x00\x00\x09shor");
    assert!(matches!(conn.recv_bytes(), Err(Error::Io(_))));
}

#[test]
fn garbage_in_a_complete_frame_is_a_decode_error() {
    let (mut conn, w) = raw_pipe(1 << 20);
    feed(w, b"\x00\x00\x00\x02\xff\xff");
    assert!(matches!(conn.recv::<String>(), Err(Error::Decode(_))));
}

#[test]
fn a_4_gib_header_allocates_nothing_and_is_too_large() {
    let (mut conn, w) = raw_pipe(1 << 20);
    let mut bytes = (-1i32).to_be_bytes().to_vec();
    bytes.extend_from_slice(&(4u64 << 30).to_be_bytes());
    bytes.extend_from_slice(&[0; 100]);
    feed(w, &bytes);
    let (result, largest) = largest_allocation(|| conn.recv_bytes());
    assert!(
        matches!(result, Err(Error::TooLarge { announced, .. }) if announced == 4 << 30),
        "{result:?}"
    );
    assert!(
        largest <= 128 * 1024,
        "allocated {largest} bytes for a refused frame"
    );
}

#[test]
fn a_length_prefixed_vec_claiming_2_pow_60_elements_is_refused() {
    let (mut conn, w) = raw_pipe(1 << 20);
    // bincode varint: 0xFF then a u64 length, no elements follow.
    let mut payload = vec![0xffu8];
    payload.extend_from_slice(&(1u64 << 60).to_le_bytes());
    let mut bytes = (payload.len() as i32).to_be_bytes().to_vec();
    bytes.extend_from_slice(&payload);
    feed(w, &bytes);
    assert!(matches!(conn.recv::<Vec<u64>>(), Err(Error::Decode(_))));
}

#[test]
fn poll_reports_readiness_with_a_timeout() {
    let (mut a, b) = Pipe(true).unwrap();
    assert!(!b.poll(Some(Duration::from_millis(1))).unwrap());
    a.send(&7u8).unwrap();
    assert!(b.poll(Some(Duration::from_secs(5))).unwrap());
}

#[test]
fn a_forked_child_talks_over_the_pipe() {
    let (mut parent_end, mut child_end) = Pipe(true).unwrap();
    let mut p = Process::new(move || {
        let n: u64 = child_end.recv().unwrap();
        child_end.send(&(n * 2)).unwrap();
    });
    p.start().unwrap();
    parent_end.send(&21u64).unwrap();
    assert_eq!(parent_end.recv::<u64>().unwrap(), 42);
    p.join(Some(Duration::from_secs(10))).unwrap();
    assert_eq!(p.exitcode(), Some(0));
}

proptest! {
    #![proptest_config(common::props::config(256))]

    /// Arbitrary bytes: an error or a frame, never a panic; never an
    /// allocation much beyond the limit (the read buffer is 64 KiB).
    #[test]
    fn arbitrary_bytes_never_panic_nor_allocate_past_the_limit(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        header in prop_oneof![Just(None), any::<u32>().prop_map(Some), Just(Some(u32::MAX))],
        long in any::<u64>(),
    ) {
        let limit = 4096;
        let (mut conn, w) = raw_pipe(limit);
        let mut all = Vec::new();
        if let Some(h) = header {
            all.extend_from_slice(&h.to_be_bytes());
            if h == u32::MAX {
                all.extend_from_slice(&long.to_be_bytes());
            }
        }
        all.extend_from_slice(&bytes);
        feed(w, &all);
        let (outcomes, largest) = largest_allocation(|| {
            let mut outcomes = Vec::new();
            for _ in 0..4 {
                let r = conn.recv::<(u8, String)>();
                let end = matches!(r, Err(Error::Closed | Error::Io(_) | Error::TooLarge { .. }));
                outcomes.push(r);
                if end {
                    break;
                }
            }
            outcomes
        });
        for r in &outcomes {
            prop_assert!(
                matches!(r, Ok(_) | Err(Error::Decode(_) | Error::Closed | Error::Io(_) | Error::TooLarge { .. })),
                "unexpected outcome {r:?}"
            );
        }
        // The read buffer is 64 KiB; a frame may add at most the limit.
        prop_assert!(largest <= 64 * 1024 + limit + 64, "allocated {largest} bytes");
    }
}
