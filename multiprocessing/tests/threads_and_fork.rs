//! Threads and fork (issue: "forking a threaded parent wedges the pool").
//! Each scenario runs in a `Process` child, a process of its own whose
//! threads and file descriptors the test controls: a thread that prints
//! continuously while pools start and their tasks print, and the count of
//! CPython 3.12's threaded-fork warning on the child's stderr.

mod support;

use multiprocessing::{Pipe, Pool, Process, StartMethod};
use std::io::Write;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Long enough for anything that is not a hang.
const PATIENCE: Duration = Duration::from_secs(120);

/// A task that prints through Rust's stdout (its lock, its buffer). Not
/// `println!`: in a test binary that writes to the harness's per-test
/// capture buffer instead, whose lock no fork can protect; a program's
/// `println!` takes exactly the lock `writeln!(stdout())` takes.
fn chatty(x: u32) -> u32 {
    let _ = writeln!(std::io::stdout(), "task {x} says hello");
    x
}

/// Points fd `fd` of this process at `/dev/null`.
fn silence(fd: i32) {
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .expect("/dev/null");
    // SAFETY: dup2 onto a standard fd of this (child) process.
    unsafe { libc::dup2(null.as_raw_fd(), fd) };
}

/// In a child whose stdout is `/dev/null`: a thread prints without pause
/// while `pools` pools of `method` start and map eight printing tasks each.
/// Returns the sum of every result (`pools * 28`).
fn maps_while_printing(method: StartMethod, pools: usize) -> u64 {
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut child = Process::new(move || {
        silence(1);
        let stop = Arc::new(AtomicBool::new(false));
        let printer = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let _ = writeln!(std::io::stdout(), "the other thread prints");
                }
            })
        };
        let mut total = 0u64;
        for _ in 0..pools {
            let pool = Pool::builder()
                .processes(2)
                .start_method(method)
                .build()
                .unwrap();
            let got = pool.map(chatty, 0..8u32, Some(1)).unwrap();
            total += got.into_iter().map(|r| r.unwrap() as u64).sum::<u64>();
        }
        stop.store(true, Ordering::Relaxed);
        printer.join().unwrap();
        child_report.send(&total).unwrap();
    });
    child.start().unwrap();
    let total = support::watchdog(PATIENCE, move || report.recv::<u64>().unwrap());
    child.join(Some(PATIENCE)).unwrap();
    assert_eq!(child.exitcode(), Some(0));
    total
}

#[test]
fn pools_complete_while_another_thread_prints_with_the_default_forkserver() {
    // The start method the docs recommend for threaded programs (the default).
    assert_eq!(StartMethod::default(), StartMethod::ForkServer);
    assert_eq!(maps_while_printing(StartMethod::ForkServer, 30), 30 * 28);
}

#[test]
fn fork_pools_complete_too_because_stdout_is_held_across_the_fork() {
    // Before: 30 of 30 fork pools hung here (a worker inherited the stdout
    // lock the printing thread held). Now every fork holds stdout itself.
    assert_eq!(maps_while_printing(StartMethod::Fork, 30), 30 * 28);
}

/// Square (a task that touches no lock).
fn square(x: u64) -> u64 {
    x * x
}

#[test]
fn forking_a_threaded_process_prints_the_warning_exactly_once() {
    let (mut report, mut child_report) = Pipe(true).unwrap();
    let mut child = Process::new(move || {
        // Capture this child's stderr in a pipe.
        let (r, w) = nix::unistd::pipe().unwrap();
        // SAFETY: dup2 onto fd 2 of this (child) process.
        unsafe { libc::dup2(w.as_raw_fd(), 2) };
        let fork_pool = || {
            let pool = Pool::builder()
                .processes(2)
                .start_method(StartMethod::Fork)
                .build()
                .unwrap();
            assert_eq!(pool.map(square, 0..4u64, None).unwrap().len(), 4);
        };
        // Alone (the pool's own handler thread does not count): no warning.
        fork_pool();
        let mut p = Process::new(|| {});
        p.start().unwrap();
        p.join(None).unwrap();
        let _ = std::io::stderr().flush();
        let before = drain(r.as_raw_fd());
        // With a user thread alive: one warning, however many forks follow.
        let parked = std::thread::spawn(std::thread::park);
        fork_pool();
        fork_pool();
        for _ in 0..3 {
            let mut p = Process::new(|| {});
            p.start().unwrap();
            p.join(None).unwrap();
        }
        let _ = std::io::stderr().flush();
        let after = drain(r.as_raw_fd());
        parked.thread().unpark();
        parked.join().unwrap();
        let count = |text: &str| {
            text.matches(multiprocessing::fork::THREADED_FORK_WARNING)
                .count()
        };
        child_report.send(&(count(&before), count(&after))).unwrap();
    });
    child.start().unwrap();
    let (before, after): (usize, usize) =
        support::watchdog(PATIENCE, move || report.recv().unwrap());
    child.join(Some(PATIENCE)).unwrap();
    assert_eq!(
        before, 0,
        "no warning while the process had no other thread"
    );
    assert_eq!(
        after, 1,
        "exactly one warning for all the forks of a threaded process"
    );
}

/// Everything readable on `fd` now, as text.
fn drain(fd: i32) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; a zero timeout.
        if unsafe { libc::poll(&mut pfd, 1, 0) } <= 0 {
            break;
        }
        // SAFETY: reads into a live local buffer.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
    String::from_utf8_lossy(&out).into_owned()
}
