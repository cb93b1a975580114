//! The pool suite (tests/support/pool_suite.rs) with the fork start method,
//! once over the pipe transport and once over ipc-channel.

mod support;

include!("support/pool_suite.rs");

pool_suite!(
    fork_pipe,
    multiprocessing::StartMethod::Fork,
    multiprocessing::Transport::Pipe
);
pool_suite!(
    fork_ipc_channel,
    multiprocessing::StartMethod::Fork,
    multiprocessing::Transport::IpcChannel
);

/// A 600 KiB result (a `String`: serde encodes it as one byte string, where
/// a `Vec<u8>` would go through bincode one element at a time).
fn big_result(i: u32) -> String {
    char::from(b'a' + (i % 26) as u8)
        .to_string()
        .repeat(600 << 10)
}

#[test]
fn a_thousand_600_kib_results_through_map_with_the_default_chunksize() {
    // CPython's default chunking puts 125 of them (75 MB) in one chunk, over
    // the 64 MiB message limit: the worker sends a chunk's results in
    // several frames instead.
    let pool = multiprocessing::Pool::new(2).unwrap();
    let results = pool.map(big_result, 0..1000u32, None).unwrap();
    assert_eq!(results.len(), 1000);
    for (i, r) in results.into_iter().enumerate() {
        let v = r.unwrap_or_else(|e| panic!("item {i}: {e}"));
        assert!(
            v.len() == 600 << 10 && v.as_bytes()[0] == b'a' + (i % 26) as u8,
            "item {i}"
        );
    }
}
