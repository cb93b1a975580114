//! The pool suite with the forkserver start method, plus forkserver facts.
//!
//! Harness caveat: a test binary has no `main` of ours, and the harness
//! starts its threads before any test runs. The forkserver must be forked
//! while the process is still single-threaded, so this binary starts it
//! from an ELF `.init_array` constructor, which the loader runs before
//! `main` — before the harness exists.

include!("support/pool_suite.rs");

/// Runs before `main` (the loader calls every `.init_array` entry).
extern "C" fn start_forkserver_before_main() {
    multiprocessing::forkserver::ensure_started().expect("forkserver starts");
}

#[used]
#[link_section = ".init_array"]
static START_FORKSERVER: extern "C" fn() = start_forkserver_before_main;

pool_suite!(
    forkserver_pipe,
    multiprocessing::StartMethod::ForkServer,
    multiprocessing::Transport::Pipe
);

#[test]
fn workers_are_children_of_the_forkserver_not_of_us() {
    let server = multiprocessing::forkserver::server_pid().expect("started before main");
    let pool = multiprocessing::Pool::builder()
        .processes(2)
        .start_method(multiprocessing::StartMethod::ForkServer)
        .build()
        .unwrap();
    for pid in pool.worker_pids() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // Field 4 (after the parenthesised command name) is the parent pid.
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let ppid: i32 = after.split(' ').nth(1).unwrap().parse().unwrap();
        assert_eq!(ppid, server, "worker {pid} has parent {ppid}");
    }
}

#[test]
fn the_ipc_transport_is_refused_with_the_forkserver() {
    let result = multiprocessing::Pool::builder()
        .start_method(multiprocessing::StartMethod::ForkServer)
        .transport(multiprocessing::Transport::IpcChannel)
        .build();
    assert!(matches!(result, Err(multiprocessing::Error::State(_))));
}
