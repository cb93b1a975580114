//! asyncio's `ntodo` rule: a task that keeps yielding runs once per tick,
//! and every tick looks at timers and I/O first — so a spinning task
//! cannot starve a timer or a socket. Each spinner gives up after a huge
//! number of yields and reports starvation, so a broken loop fails the
//! test instead of hanging it.

use asyncio::net::{TcpListener, TcpStream};
use asyncio::{run, sleep, spawn, yield_now};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Far more yields than a 1 ms timer or a loopback write needs.
const STARVATION: u64 = 50_000_000;

/// Yields until `done` is set; returns how many yields that took, or
/// `None` when it gave up (starvation).
async fn spin_until(done: Rc<Cell<bool>>) -> Option<u64> {
    let mut spins = 0;
    while !done.get() {
        if spins == STARVATION {
            return None;
        }
        spins += 1;
        yield_now().await;
    }
    Some(spins)
}

#[test]
fn a_spinning_task_does_not_starve_a_timer() {
    let spins = run(async {
        let done = Rc::new(Cell::new(false));
        let flag = Rc::clone(&done);
        let spinner = spawn(spin_until(Rc::clone(&done)));
        spawn(async move {
            sleep(Duration::from_millis(1)).await;
            flag.set(true);
        });
        spinner.await.unwrap()
    })
    .unwrap();
    assert!(spins.is_some(), "the timer never fired while a task spun");
}

#[test]
fn a_spinning_task_does_not_starve_a_socket() {
    let spins = run(async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let done = Rc::new(Cell::new(false));
        let flag = Rc::clone(&done);
        let spinner = spawn(spin_until(Rc::clone(&done)));
        spawn(async move {
            let client = TcpStream::connect(addr).await.unwrap();
            client.write_all(b"ping").await.unwrap();
        });
        spawn(async move {
            let (server, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4];
            server.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"ping");
            flag.set(true);
        });
        spinner.await.unwrap()
    })
    .unwrap();
    assert!(
        spins.is_some(),
        "the socket was never polled while a task spun"
    );
}
