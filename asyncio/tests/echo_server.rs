//! The echo server against many clients, well-behaved and not: it keeps
//! serving, every reply is right, and the fd count returns to baseline.
//!
//! This file holds one test on purpose: `/proc/self/fd` counts the whole
//! process, so no other test may open sockets at the same time.

use asyncio::net::{start_server, TcpStream};
use asyncio::sync::Event;
use asyncio::{run, to_thread};
use common::EchoSpec;
use nix::sys::socket::{setsockopt, sockopt};
use std::cell::Cell;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd")
        .count()
}

/// Blocking clients on a pool thread: the EchoSpec round trips with a
/// digest, then rude clients.
fn clients(addr: SocketAddr, spec: EchoSpec) -> std::io::Result<(u64, usize)> {
    let std_threads: Vec<_> = (0..spec.connections)
        .map(|conn| {
            std::thread::spawn(move || -> std::io::Result<u64> {
                let mut stream = std::net::TcpStream::connect(addr)?;
                let mut total = 0u64;
                let mut reply = vec![0u8; spec.payload];
                for req in 0..spec.requests {
                    stream.write_all(&spec.payload_for(conn, req))?;
                    stream.read_exact(&mut reply)?;
                    total = total.wrapping_add(EchoSpec::reply_digest(conn, req, &reply));
                }
                Ok(total)
            })
        })
        .collect();
    let mut digest = 0u64;
    for t in std_threads {
        digest = digest.wrapping_add(t.join().expect("client thread")?);
    }
    let mut rude = 0;
    // Connects and leaves at once.
    for _ in 0..20 {
        drop(std::net::TcpStream::connect(addr)?);
        rude += 1;
    }
    // Writes half a message, then resets the connection (SO_LINGER 0).
    for _ in 0..20 {
        let mut s = std::net::TcpStream::connect(addr)?;
        s.write_all(&[7u8; 512])?;
        setsockopt(
            &s,
            sockopt::Linger,
            &nix::libc::linger {
                l_onoff: 1,
                l_linger: 0,
            },
        )?;
        drop(s);
        rude += 1;
    }
    // Writes half a message and closes its write side, never reading.
    for _ in 0..20 {
        let s = std::net::TcpStream::connect(addr)?;
        (&s).write_all(&[9u8; 300])?;
        s.shutdown(std::net::Shutdown::Write)?;
        drop(s);
        rude += 1;
    }
    Ok((digest, rude))
}

#[test]
fn echo_server_survives_rude_clients_and_returns_fds_to_baseline() {
    let spec = EchoSpec {
        connections: 16,
        requests: 20,
        payload: 3000,
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let before_loop = open_fds();
        let result = run(async move {
            let served = Rc::new(Cell::new(0usize));
            let all_served = Rc::new(Event::new());
            let expected = spec.connections + 60;
            let (s, a) = (Rc::clone(&served), Rc::clone(&all_served));
            let server = start_server("127.0.0.1:0", move |stream: TcpStream| {
                let (s, a) = (Rc::clone(&s), Rc::clone(&a));
                async move {
                    asyncio::programs::echo::handle_echo(stream).await;
                    s.set(s.get() + 1);
                    if s.get() == expected {
                        a.set();
                    }
                }
            })
            .unwrap();
            let baseline = open_fds();
            let addr = server.local_addr();
            let (digest, rude) = to_thread(move || clients(addr, spec))
                .await
                .unwrap()
                .unwrap();
            all_served.wait().await;
            // The server still serves after all that.
            let after_rude = asyncio::programs::echo::echo_load(addr, 4, 10, 100).await;
            server.close();
            asyncio::yield_now().await; // let the cancelled accept task drop
            (digest, rude, served.get(), after_rude.ok(), baseline)
        });
        let after_loop = open_fds();
        let _ = tx.send((result.map_err(|e| e.to_string()), before_loop, after_loop));
    });
    let (result, before_loop, after_loop) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("watchdog: the echo test did not finish");
    let (digest, rude, served, after_rude, baseline) = result.unwrap();
    assert_eq!(
        digest,
        spec.expected_digest(),
        "every reply was the right bytes"
    );
    assert_eq!(rude, 60);
    assert!(served >= spec.connections + 60);
    assert_eq!(after_rude, Some(40), "still serving after the rude clients");
    assert_eq!(
        after_loop, before_loop,
        "every fd closed (baseline inside the loop: {baseline})"
    );
}
