//! Each hand-rolled program and its async-std twin compute the same
//! results (the sleepers and producer/consumer pairs are also covered by
//! the property tests).

use asyncio::{programs, twin};
use std::time::Duration;

#[test]
fn echo_programs_serve_the_same_round_trips() {
    let ours = asyncio::run(async {
        let server = programs::echo::start_echo_server("127.0.0.1:0").unwrap();
        let done = programs::echo::echo_load(server.local_addr(), 8, 25, 2000).await;
        server.close();
        done.unwrap()
    })
    .unwrap();
    let theirs = twin::block_on(async {
        let addr = twin::echo::start_echo_server("127.0.0.1:0").await.unwrap();
        twin::echo::echo_load(addr, 8, 25, 2000).await.unwrap()
    });
    assert_eq!(ours, 8 * 25);
    assert_eq!(ours, theirs);
}

#[test]
fn fetch_data_programs_both_complete() {
    let latency = Duration::from_millis(1);
    asyncio::run(programs::fetch_data::main(latency))
        .unwrap()
        .unwrap();
    twin::block_on(twin::fetch_data::main(latency));
}
