//! Handles that outlive their loop: a sleep or a socket from one `run`
//! dropped inside a later `run` must not touch the later loop's timers or
//! fds, even though their slab keys collide. A watchdog fails the test
//! instead of hanging.

use asyncio::net::{TcpListener, TcpStream};
use asyncio::{loop_stats, run, sleep, spawn};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

#[path = "support/watchdog.rs"]
mod watchdog;
use watchdog::with_watchdog;

#[test]
// Returning a still-armed future out of `run` is the point of this test.
#[allow(clippy::async_yields_async)]
fn a_sleep_from_an_old_loop_does_not_cancel_a_new_loops_timer() {
    with_watchdog("this test", Duration::from_secs(60), || {
        // Loop A: arm a sleep (timer slot 0) and hand it out, still armed.
        let armed: Pin<Box<asyncio::Sleep>> = run(async {
            let mut s = Box::pin(sleep(Duration::from_secs(3600)));
            poll_fn(|cx| {
                assert!(s.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            s
        })
        .unwrap();
        // Loop B: its first timer takes slot 0 too.
        run(async move {
            let waiter = spawn(sleep(Duration::from_millis(5)));
            asyncio::yield_now().await;
            assert_eq!(loop_stats().timers_active, 1);
            drop(armed); // must not cancel B's timer
            assert_eq!(loop_stats().timers_active, 1);
            waiter.await.unwrap();
        })
        .unwrap();
    });
}

#[test]
fn a_socket_from_an_old_loop_does_not_deregister_a_new_loops_fd() {
    with_watchdog("this test", Duration::from_secs(60), || {
        // Loop A: one stream (reactor slot 0), connected to a plain std
        // listener that is not on any loop; keep the stream.
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let target = std_listener.local_addr().unwrap();
        let old_stream = run(async move { TcpStream::connect(target).await.unwrap() }).unwrap();
        run(async move {
            // B's listener takes reactor slot 0 too.
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            drop(old_stream); // must not remove B's listener from B's reactor
            let client = spawn(async move { TcpStream::connect(addr).await.map(|_| ()) });
            let (_stream, _peer) = listener.accept().await.unwrap();
            client.await.unwrap().unwrap();
        })
        .unwrap();
    });
}
