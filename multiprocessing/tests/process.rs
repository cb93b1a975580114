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

#[test]
fn after_an_external_reap_join_says_so_and_nothing_is_signalled() {
    let mut p = Process::new(|| {});
    p.start().unwrap();
    let pid = p.pid().unwrap();
    // Wait for the exit on the sentinel, then reap behind the Process's back.
    assert!(support::wait_readable(p.sentinel().unwrap(), PATIENCE));
    nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None).unwrap();
    assert!(!p.is_alive());
    assert_eq!(p.exitcode(), None);
    match p.join(Some(PATIENCE)) {
        Err(Error::State(msg)) => assert!(msg.contains("reaped by someone else"), "{msg}"),
        other => panic!("expected a clear state error, got {other:?}"),
    }
    p.terminate().unwrap(); // a no-op now, never a signal to a stale pid
    p.kill().unwrap();
}

/// The scenario of the next test, run as pid 1 of a fresh pid namespace:
/// a child exits and is reaped behind its `Process`'s back; a decoy is then
/// forked onto the very same pid (`ns_last_pid`); `terminate`, `kill` and
/// drop must not reach it. Exit codes: 0 ok, 77 cannot force pid reuse here
/// (skip), 10 the decoy got a signal, 11 the decoy did not get the stale
/// pid, 12 `join` did not report the external reap.
fn stale_pid_scenario() -> i32 {
    let mut p = Process::new(|| {});
    if p.start().is_err() {
        return 77;
    }
    let stale = p.pid().unwrap();
    if !support::wait_readable(p.sentinel().unwrap(), PATIENCE) {
        return 12;
    }
    // SAFETY: reaps any child; only `p`'s child exists in this namespace.
    unsafe { libc::waitpid(-1, std::ptr::null_mut(), 0) };
    if std::fs::write("/proc/sys/kernel/ns_last_pid", (stale - 1).to_string()).is_err() {
        return 77;
    }
    let (r, w) = nix::unistd::pipe().unwrap();
    // SAFETY: this process is single-threaded (a forked child); the decoy
    // only blocks in read(2) and leaves with _exit.
    let decoy = unsafe { libc::fork() };
    if decoy == 0 {
        let mut byte = [0u8; 1];
        // SAFETY: closes the decoy's copy of the write end (so end of file
        // can come), reads into a live local, then ends the process.
        unsafe {
            libc::close(std::os::fd::AsRawFd::as_raw_fd(&w));
            libc::read(
                std::os::fd::AsRawFd::as_raw_fd(&r),
                byte.as_mut_ptr().cast(),
                1,
            );
            libc::_exit(0)
        }
    }
    let mut code = 0;
    if decoy != stale {
        code = 11;
    }
    let _ = p.terminate();
    let _ = p.kill();
    if !matches!(p.join(Some(PATIENCE)), Err(Error::State(_))) {
        code = 12;
    }
    drop(p);
    drop(w); // the decoy reads end of file and exits 0, unless signalled
    let mut status = 0;
    // SAFETY: waits for our own child into a live local.
    unsafe { libc::waitpid(decoy, &mut status, 0) };
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) && code == 0 {
        code = 10;
    }
    code
}

#[test]
fn a_recycled_pid_is_never_signalled() {
    // Run in a helper that owns a new user and pid namespace: there, pids
    // are handed out in order and `ns_last_pid` forces the stale pid onto a
    // decoy deterministically (no other process of the machine competes).
    let mut helper = Process::new(|| {
        // SAFETY: unshare only changes this (single-threaded) process's namespaces.
        if unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWPID) } != 0 {
            // SAFETY: ends the helper at once.
            unsafe { libc::_exit(77) };
        }
        let mut init = Process::new(|| {
            // If the helper dies (the test gave up), so does this namespace.
            // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number.
            unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
            let code = stale_pid_scenario();
            // SAFETY: ends pid 1 of the namespace with the scenario's verdict.
            unsafe { libc::_exit(code) };
        });
        let code = match init.start().and_then(|()| init.join(Some(PATIENCE))) {
            Ok(()) => init.exitcode().unwrap_or(13),
            Err(_) => 13,
        };
        // SAFETY: ends the helper with the verdict.
        unsafe { libc::_exit(code) };
    });
    helper.start().unwrap();
    helper.join(Some(PATIENCE * 3)).unwrap();
    match helper.exitcode() {
        Some(0) => {}
        Some(77) => eprintln!("cannot make a pid namespace or force pid reuse here: skipped"),
        Some(10) => panic!("a signal reached the process that inherited the stale pid"),
        other => panic!("scenario failed: exit code {other:?} (see stale_pid_scenario)"),
    }
}

#[test]
fn a_pool_works_inside_a_process_child_with_every_start_method() {
    use multiprocessing::StartMethod;
    for method in [
        StartMethod::Fork,
        StartMethod::ForkServer,
        StartMethod::Spawn,
    ] {
        let (mut report, mut child_report) = Pipe(true).unwrap();
        let mut p = Process::new(move || {
            let ok = Pool::builder()
                .processes(2)
                .start_method(method)
                .build()
                .and_then(|pool| pool.map(|x: u64| x * x, 0..10u64, None))
                .map(|v| v.into_iter().filter_map(|r| r.ok()).sum::<u64>());
            let _ = child_report.send(&ok.map_err(|e| e.to_string()));
        });
        p.start().unwrap();
        let got: Result<u64, String> =
            support::watchdog(PATIENCE * 3, move || report.recv().unwrap());
        assert_eq!(got, Ok(285), "{method:?}");
        p.join(Some(PATIENCE)).unwrap();
        assert_eq!(p.exitcode(), Some(0), "{method:?}");
    }
}

#[test]
fn a_daemonic_process_may_not_have_children_as_in_cpython() {
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut p = Process::new(move || {
        let pool = Pool::new(1).err().map(|e| e.to_string());
        let process = Process::new(|| {}).start().err().map(|e| e.to_string());
        let _ = child_report.send(&(pool, process));
    })
    .daemon(true);
    p.start().unwrap();
    let (pool, process): (Option<String>, Option<String>) = report.recv().unwrap();
    for err in [pool, process] {
        let err = err.expect("refused");
        assert!(
            err.contains("daemonic processes are not allowed to have children"),
            "{err}"
        );
    }
    p.join(Some(PATIENCE)).unwrap();
}
