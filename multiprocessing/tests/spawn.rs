//! The pool suite with the spawn start method: every worker is a fresh
//! `exec` of this test binary, loaded at another address (ASLR), so every
//! function address in every task is relocated on arrival.
//!
//! Nothing to call first: the crate's pre-main hook (`src/boot.rs`) turns a
//! spawned image into a worker before the test harness's `main` would run.

mod support;

include!("support/pool_suite.rs");

pool_suite!(
    spawn_pipe,
    multiprocessing::StartMethod::Spawn,
    multiprocessing::Transport::Pipe
);

/// The address of a function, to compare across processes.
fn probe(_: u8) -> usize {
    probe as fn(u8) -> usize as usize
}

#[test]
fn spawned_workers_live_at_another_address_and_still_find_functions() {
    let pool = multiprocessing::Pool::builder()
        .processes(1)
        .start_method(multiprocessing::StartMethod::Spawn)
        .build()
        .unwrap();
    let theirs = pool.apply(probe, 0).unwrap();
    let ours = probe(0);
    // With ASLR the worker's copy of `probe` usually sits elsewhere, yet the
    // call above found it: the same function of the same image, so the
    // offset within its (page-aligned) load base is the same.
    assert_eq!(theirs & 0xfff, ours & 0xfff);
    eprintln!("probe: parent {ours:#x}, spawned worker {theirs:#x}");
}
