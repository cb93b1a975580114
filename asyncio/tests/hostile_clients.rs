//! The echo server against clients that try to make it hold memory: one
//! that writes and never reads, a slowloris that trickles single bytes,
//! and one that resets the connection while the server still has bytes to
//! send. The facts are the server's counters — `net::buffer_stats()` and
//! `loop_stats()` — never timings or RSS.
//!
//! The hostile client is a plain non-blocking std socket driven from the
//! server loop's own thread, between `yield_now`s: the server makes
//! progress only when the test yields, so "the client is stuck and the
//! server has stopped reading" is something the test can observe rather
//! than wait for.

use asyncio::net::{buffer_stats, READ_BUFFER_SIZE};
use asyncio::programs::echo::start_echo_server;
use asyncio::{loop_stats, run, yield_now};
use nix::sys::socket::{setsockopt, sockopt};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

#[path = "support/watchdog.rs"]
mod watchdog;
use watchdog::with_watchdog;

/// If the server read everything a never-reading client sends, the client
/// would get this far; a bounded server stops it after the kernel buffers
/// (a few MB on loopback).
const UNBOUNDED: u64 = 256 * 1024 * 1024;

/// Ticks the server gets between two attempts of the client.
const TICKS_PER_ROUND: usize = 4;

/// Writes `client` full without ever reading: write until the kernel
/// refuses, let the server run a few ticks, again — until three rounds in
/// a row send nothing. Returns the bytes sent.
async fn write_until_stuck(client: &mut TcpStream) -> u64 {
    let chunk = [0x5a_u8; 64 * 1024];
    let mut sent = 0u64;
    let mut rounds_without_progress = 0;
    while rounds_without_progress < 3 {
        let before = sent;
        loop {
            match client.write(&chunk) {
                Ok(n) => sent += n as u64,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => panic!("client write: {e}"),
            }
            assert!(
                sent < UNBOUNDED,
                "the server kept reading from a client that never reads"
            );
        }
        for _ in 0..TICKS_PER_ROUND {
            yield_now().await;
        }
        if sent == before {
            rounds_without_progress += 1;
        } else {
            rounds_without_progress = 0;
        }
    }
    sent
}

#[test]
fn a_client_that_never_reads_costs_at_most_one_read_buffer() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let server = start_echo_server("127.0.0.1:0").unwrap();
            let mut client = TcpStream::connect(server.local_addr()).unwrap();
            client.set_nonblocking(true).unwrap();
            let sent = write_until_stuck(&mut client).await;
            let stuck = buffer_stats();
            assert!(
                stuck.bytes_held > 0,
                "the server waits with refused bytes queued"
            );
            assert_eq!(stuck.queues_holding, 1);
            assert!(
                stuck.peak_bytes_held <= READ_BUFFER_SIZE,
                "queued {} bytes: more than one read's worth",
                stuck.peak_bytes_held
            );
            // Now the client reads: every byte comes back, and the queue
            // is freed.
            let mut got = 0u64;
            let mut buf = vec![0u8; 256 * 1024];
            while got < sent {
                match client.read(&mut buf) {
                    Ok(0) => panic!("the server closed early"),
                    Ok(n) => {
                        assert!(buf[..n].iter().all(|&b| b == 0x5a));
                        got += n as u64;
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => yield_now().await,
                    Err(e) => panic!("client read: {e}"),
                }
            }
            assert_eq!(got, sent);
            assert_eq!(buffer_stats().bytes_held, 0);
            assert!(buffer_stats().peak_bytes_held <= READ_BUFFER_SIZE);
        })
        .unwrap();
    });
}

#[test]
fn a_slowloris_client_costs_what_an_idle_one_does() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let server = start_echo_server("127.0.0.1:0").unwrap();
            let _idle = TcpStream::connect(server.local_addr()).unwrap();
            let mut slow = TcpStream::connect(server.local_addr()).unwrap();
            slow.set_nonblocking(true).unwrap();
            // Let both be accepted: two handler tasks, three fds.
            while loop_stats().io_sources < 3 {
                yield_now().await;
            }
            let idle_cost = (loop_stats().tasks, buffer_stats());
            // One byte at a time (a real slowloris waits a second between
            // bytes; the wait changes nothing the server holds).
            for (i, byte) in (b'a'..=b'z').cycle().take(200).enumerate() {
                slow.write_all(&[byte]).unwrap();
                let mut echo = [0u8; 1];
                loop {
                    match slow.read(&mut echo) {
                        Ok(1) => break,
                        Ok(_) => panic!("the server closed"),
                        Err(e) if e.kind() == ErrorKind::WouldBlock => yield_now().await,
                        Err(e) => panic!("client read: {e}"),
                    }
                }
                assert_eq!(echo[0], byte, "byte {i}");
                // Between bytes, the slow connection holds what the idle
                // one does: its task and its fd, no buffer.
                assert_eq!((loop_stats().tasks, buffer_stats()), idle_cost, "byte {i}");
            }
            assert_eq!(buffer_stats().peak_bytes_held, 0, "no byte was ever queued");
        })
        .unwrap();
    });
}

#[test]
fn a_client_that_resets_mid_write_frees_everything() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let server = start_echo_server("127.0.0.1:0").unwrap();
            let before = loop_stats();
            let mut client = TcpStream::connect(server.local_addr()).unwrap();
            client.set_nonblocking(true).unwrap();
            write_until_stuck(&mut client).await;
            assert!(buffer_stats().bytes_held > 0, "mid-write: bytes queued");
            assert_eq!(loop_stats().tasks, before.tasks + 1);
            // SO_LINGER 0: close sends a reset, not a FIN.
            setsockopt(
                &client,
                sockopt::Linger,
                &nix::libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                },
            )
            .unwrap();
            drop(client);
            // The handler sees the reset at its next write and ends; its
            // stream leaves the reactor and frees its queue.
            let mut ticks = 0;
            while loop_stats().io_sources > before.io_sources {
                ticks += 1;
                assert!(ticks < 100_000, "the server never noticed the reset");
                yield_now().await;
            }
            let after = loop_stats();
            assert_eq!(
                (after.tasks, after.io_sources),
                (before.tasks, before.io_sources)
            );
            assert_eq!(buffer_stats().bytes_held, 0);
            assert_eq!(buffer_stats().queues_holding, 0);
        })
        .unwrap();
    });
}

/// What an idle connection's task holds is its future: the stream (fd
/// registration, two empty queues) and the state of the `await` it is
/// parked at. A 16 KiB buffer per connection — the old design — would be
/// a heap allocation the future points at; this asserts the future stays
/// small and `buffer_stats` that nothing else is held.
#[test]
fn an_idle_connections_future_is_small_and_holds_no_buffer() {
    with_watchdog("this test", Duration::from_secs(60), || {
        let size = run(async {
            let listener = asyncio::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (stream, _) = listener.accept().await.unwrap();
            let handler = asyncio::programs::echo::handle_echo(stream);
            std::mem::size_of_val(&handler)
        })
        .unwrap();
        println!("the echo handler's future: {size} bytes");
        assert_eq!(size, asyncio::programs::echo::handler_future_size());
        assert!(size <= 96, "the echo handler's future is {size} bytes");
        assert_eq!(buffer_stats().bytes_held, 0);
    });
}
