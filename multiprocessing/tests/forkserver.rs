//! The pool suite with the forkserver start method, plus forkserver facts.
//!
//! Nothing is started by hand: the test harness is a threaded `main` we do
//! not own, and the first forkserver pool re-executes this test binary as
//! the server (the crate's pre-main hook, `src/boot.rs`, turns that image
//! into the server before the harness would start).

mod support;

include!("support/pool_suite.rs");

pool_suite!(
    forkserver_pipe,
    multiprocessing::StartMethod::ForkServer,
    multiprocessing::Transport::Pipe
);

#[test]
fn workers_are_children_of_the_forkserver_not_of_us() {
    let pool = multiprocessing::Pool::builder()
        .processes(2)
        .start_method(multiprocessing::StartMethod::ForkServer)
        .build()
        .unwrap();
    let server = multiprocessing::forkserver::server_pid().expect("started by the pool");
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

#[test]
fn forkserver_workers_exit_when_the_pool_owner_is_killed() {
    use multiprocessing::{Pipe, Pool, Process, StartMethod};
    use std::time::Duration;
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut owner = Process::new(move || {
        let pool = Pool::builder()
            .processes(2)
            .start_method(StartMethod::ForkServer)
            .build()
            .unwrap();
        child_report.send(&pool.worker_pids()).unwrap();
        let _ = child_report.recv_bytes(); // wait to be killed
        drop(pool);
    });
    owner.start().unwrap();
    let workers: Vec<i32> = report.recv().unwrap();
    assert_eq!(workers.len(), 2);
    owner.kill().unwrap();
    owner.join(Some(Duration::from_secs(20))).unwrap();
    // Their links reach end of file: only the dead owner held the other end.
    let left = support::still_running_after(&workers, Duration::from_secs(1));
    assert!(
        left.is_empty(),
        "forkserver workers {left:?} outlived their pool's owner by 1 s"
    );
}
