//! `Process`: exit codes as CPython reports them, join with a timeout on
//! the sentinel, terminate/kill, reaping on drop, daemon children dying
//! with their parent.

mod support;

use multiprocessing::{Error, Pipe, Pool, Process};
use std::time::Duration;

/// Long enough for anything that is not a hang on a loaded 2-core machine.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn a_finished_child_reports_exit_code_zero() {
    let mut p = Process::new(|| {});
    assert_eq!(p.exitcode(), None);
    p.start().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(0));
    assert!(!p.is_alive());
}

#[test]
fn a_panicking_target_exits_with_one() {
    let mut p = Process::new(|| panic!("target failed on purpose"));
    p.start().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(1));
}

#[test]
fn an_explicit_exit_code_is_reported() {
    // SAFETY: `_exit` ends the child at once; nothing runs afterwards.
    let mut p = Process::new(|| unsafe { libc::_exit(3) });
    p.start().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(3));
}

#[test]
fn join_times_out_then_terminate_gives_minus_sigterm() {
    let (mut keep_open, mut child_end) = Pipe(true).unwrap();
    let mut p = Process::new(move || {
        let _ = child_end.recv_bytes(); // blocks: the parent never sends
    });
    p.start().unwrap();
    assert!(matches!(
        p.join(Some(Duration::from_millis(20))),
        Err(Error::Timeout)
    ));
    assert!(p.is_alive());
    assert_eq!(p.exitcode(), None);
    p.terminate().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(-libc::SIGTERM));
    let _ = keep_open.send_bytes(b"");
}

#[test]
fn kill_gives_minus_sigkill() {
    let (_keep_open, mut child_end) = Pipe(true).unwrap();
    let mut p = Process::new(move || {
        let _ = child_end.recv_bytes();
    });
    p.start().unwrap();
    p.kill().unwrap();
    p.join(Some(PATIENCE)).unwrap();
    assert_eq!(p.exitcode(), Some(-libc::SIGKILL));
}

#[test]
fn start_twice_and_join_before_start_are_state_errors() {
    let mut p = Process::new(|| {});
    assert!(matches!(p.join(None), Err(Error::State(_))));
    p.start().unwrap();
    assert!(matches!(p.start(), Err(Error::State(_))));
    p.join(Some(PATIENCE)).unwrap();
}

#[test]
fn dropping_a_running_process_terminates_and_reaps_it() {
    let (_keep_open, mut child_end) = Pipe(true).unwrap();
    let mut p = Process::new(move || {
        let _ = child_end.recv_bytes();
    });
    p.start().unwrap();
    let pid = p.pid().unwrap();
    drop(p);
    assert!(support::is_reaped(pid), "pid {pid} left as a zombie");
}

#[test]
fn daemon_grandchild_dies_when_its_parent_is_killed() {
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut parent = Process::new(move || {
        let (_keep, mut grandchild_end) = Pipe(true).unwrap();
        let mut grandchild = Process::new(move || {
            let _ = grandchild_end.recv_bytes();
        })
        .daemon(true);
        grandchild.start().unwrap();
        child_report.send(&grandchild.pid().unwrap()).unwrap();
        let _ = child_report.recv_bytes(); // wait to be killed
    });
    parent.start().unwrap();
    let grandchild: i32 = report.recv().unwrap();
    parent.kill().unwrap();
    parent.join(Some(PATIENCE)).unwrap();
    let left = support::still_running_after(&[grandchild], Duration::from_secs(1));
    assert!(
        left.is_empty(),
        "daemon child {left:?} outlived its parent by 1 s"
    );
}

#[test]
fn pool_workers_die_within_a_second_when_the_parent_is_killed() {
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut parent = Process::new(move || {
        let pool = Pool::new(2).unwrap();
        child_report.send(&pool.worker_pids()).unwrap();
        let _ = child_report.recv_bytes(); // wait to be killed
        drop(pool);
    });
    parent.start().unwrap();
    let workers: Vec<i32> = report.recv().unwrap();
    assert_eq!(workers.len(), 2);
    parent.kill().unwrap();
    parent.join(Some(PATIENCE)).unwrap();
    let left = support::still_running_after(&workers, Duration::from_secs(1));
    assert!(
        left.is_empty(),
        "workers {left:?} outlived their parent by 1 s"
    );
}
