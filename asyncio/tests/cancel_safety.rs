//! Cancel safety of the stream operations, as asyncio's streams have it:
//! a read, write or accept dropped at an `await` — the way `wait_for` and
//! `task.cancel()` stop it — loses no byte and no connection.
//!
//! Each test cancels the operation at *every* point where it waits: the
//! operation is polled until it parks with a known amount of progress
//! (counted by `read_buffer_size` / `write_buffer_size`), then dropped,
//! then the data is read back whole. The peer is a plain std socket driven
//! from the same thread, so the interleaving is decided by the test, not
//! by a scheduler. Facts, never timings; every test has a watchdog.

use asyncio::net::{TcpListener, TcpStream};
use asyncio::{run, wait_for, yield_now};
use std::future::{poll_fn, Future};
use std::io::{ErrorKind, Read, Write};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

#[path = "support/watchdog.rs"]
mod watchdog;
use watchdog::with_watchdog;

/// A connected pair: our stream (server side) and a std socket (client
/// side) the test drives by hand.
async fn pair() -> (TcpStream, std::net::TcpStream) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    // A loopback connect completes in the kernel's backlog: no loop needed.
    let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().await.unwrap();
    (server, client)
}

/// Polls `future` until it completes (`Some(output)`) or `parked()` says
/// it has reached the wanted progress and waits (`None`). Woken by the
/// reactor, like any task: no sleeping, no spinning.
async fn poll_until<F: Future>(
    mut future: std::pin::Pin<&mut F>,
    parked: impl Fn() -> bool,
) -> Option<F::Output> {
    poll_fn(|cx| match future.as_mut().poll(cx) {
        Poll::Ready(output) => Poll::Ready(Some(output)),
        Poll::Pending if parked() => Poll::Ready(None),
        Poll::Pending => Poll::Pending,
    })
    .await
}

/// The bytes `0, 1, 2, ...` (mod 251): a stream whose every byte says
/// where it belongs.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

#[test]
fn read_exact_cancelled_at_every_await_point_loses_nothing() {
    with_watchdog("this test", Duration::from_secs(60), || {
        // (chunk sizes the peer sends, bytes read_exact asks for)
        let cases: [(&[usize], usize); 3] = [(&[5, 10], 10), (&[3, 4, 2, 6], 10), (&[1; 12], 12)];
        for (chunks, wanted) in cases {
            let total: usize = chunks.iter().sum();
            let sent = pattern(total);
            // Cancel after 0, 1, 2, ... chunks, as long as they do not
            // complete the read.
            let mut cancel_after = 0;
            while chunks[..cancel_after].iter().sum::<usize>() < wanted {
                let (sent, chunks) = (sent.clone(), chunks.to_vec());
                run(async move {
                    let (stream, mut client) = pair().await;
                    let mut offset = 0;
                    {
                        let mut buf = vec![0u8; wanted];
                        let mut read = pin!(stream.read_exact(&mut buf));
                        assert!(poll_until(read.as_mut(), || true).await.is_none());
                        for &chunk in &chunks[..cancel_after] {
                            client.write_all(&sent[offset..offset + chunk]).unwrap();
                            offset += chunk;
                            let got =
                                poll_until(read.as_mut(), || stream.read_buffer_size() == offset)
                                    .await;
                            assert!(got.is_none(), "read_exact completed early");
                        }
                        // Cancelled here: dropped while waiting.
                    }
                    assert_eq!(stream.read_buffer_size(), offset, "the bytes stayed queued");
                    client.write_all(&sent[offset..]).unwrap();
                    let mut all = vec![0u8; total];
                    stream.read_exact(&mut all).await.unwrap();
                    assert_eq!(all, sent, "every byte, once, in order");
                })
                .unwrap();
                cancel_after += 1;
            }
        }
    });
}

#[test]
fn the_issues_probe_wait_for_around_read_exact_keeps_abcde() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let (stream, mut client) = pair().await;
            client.write_all(b"ABCDE").unwrap();
            let mut buf = [0u8; 10];
            // Five bytes can never make ten: the wait must time out.
            let timed_out = wait_for(Duration::from_millis(100), stream.read_exact(&mut buf)).await;
            assert!(timed_out.is_err());
            client.write_all(b"FGHIJKLMNO").unwrap();
            stream.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"ABCDEFGHIJ");
            let mut rest = [0u8; 5];
            stream.read_exact(&mut rest).await.unwrap();
            assert_eq!(&rest, b"KLMNO");
        })
        .unwrap();
    });
}

#[test]
fn read_and_read_with_cancelled_while_waiting_lose_nothing() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let (stream, mut client) = pair().await;
            {
                let mut buf = [0u8; 8];
                let read = pin!(stream.read(&mut buf));
                assert!(poll_until(read, || true).await.is_none());
            }
            {
                let read_with = pin!(stream.read_with(|data| data.to_vec()));
                assert!(poll_until(read_with, || true).await.is_none());
            }
            client.write_all(b"hello").unwrap();
            let mut buf = [0u8; 8];
            let n = stream.read(&mut buf).await.unwrap();
            assert_eq!(&buf[..n], b"hello");
            client.write_all(b"again").unwrap();
            assert_eq!(stream.read_with(<[u8]>::to_vec).await.unwrap(), b"again");
        })
        .unwrap();
    });
}

/// Reads whatever the non-blocking `client` has, appending to `got`.
fn read_available(client: &mut std::net::TcpStream, got: &mut Vec<u8>) {
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match client.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e) => panic!("client read: {e}"),
        }
    }
}

#[test]
fn drain_and_write_all_cancelled_at_every_await_point_lose_nothing() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let (stream, mut client) = pair().await;
            client.set_nonblocking(true).unwrap();
            // Far more than the kernel buffers hold, so writes must wait.
            let sent = pattern(16 * 1024 * 1024);
            let mut got = Vec::new();
            let (first, second) = sent.split_at(sent.len() / 2);
            for (round, part) in [first, second].into_iter().enumerate() {
                // The first wait: of `write_all` (round 0), or of the
                // `drain` after a `write` (round 1). Cancelled there.
                if round == 0 {
                    let writing = pin!(stream.write_all(part));
                    assert!(poll_until(writing, || true).await.is_none());
                } else {
                    stream.write(part).unwrap();
                    let draining = pin!(stream.drain());
                    assert!(poll_until(draining, || true).await.is_none());
                }
                assert!(
                    stream.write_buffer_size() > 0,
                    "the kernel cannot hold it all"
                );
                // Two more waits of `drain`, each after some progress.
                for _ in 0..2 {
                    read_available(&mut client, &mut got);
                    let before = stream.write_buffer_size();
                    let draining = pin!(stream.drain());
                    let finished =
                        poll_until(draining, || stream.write_buffer_size() < before).await;
                    if finished.is_some() {
                        break;
                    }
                    // Cancelled here, with fewer bytes queued than before.
                }
                // Finish: drain while the client reads, yielding between.
                loop {
                    let draining = pin!(stream.drain());
                    let finished = poll_until(draining, || true).await;
                    read_available(&mut client, &mut got);
                    if matches!(finished, Some(Ok(()))) {
                        break;
                    }
                    yield_now().await;
                }
            }
            while got.len() < sent.len() {
                read_available(&mut client, &mut got);
                yield_now().await;
            }
            assert_eq!(got.len(), sent.len());
            assert!(got == sent, "every byte, once, in order");
            assert_eq!(asyncio::net::buffer_stats().bytes_held, 0);
        })
        .unwrap();
    });
}

#[test]
fn accept_cancelled_while_waiting_loses_no_connection() {
    with_watchdog("this test", Duration::from_secs(60), || {
        run(async {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            {
                let accept = pin!(listener.accept());
                assert!(poll_until(accept, || true).await.is_none());
            }
            let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (_server, peer) = listener.accept().await.unwrap();
            assert_eq!(peer, client.local_addr().unwrap());
        })
        .unwrap();
    });
}
