//! A worker's link is hostile input: a task runs arbitrary code, and that
//! code can write anything on the socket its worker answers through. The
//! parent must survive every byte string — no allocation sized by a
//! hostile header, no frame taken for the wrong task — kill and replace the
//! worker, fail only its running task, and serve the next task.
//!
//! A counting global allocator records the largest single allocation of the
//! whole process (the handler thread is the one that reads the link), and
//! the resident set size is read before and after: both must stay below the
//! message limit. The two tests here allocate nothing large themselves.

mod support;

use multiprocessing::{Error, Pool, StartMethod};
use proptest::prelude::*;
use std::sync::Arc;
use std::time::Duration;

#[path = "support/largest_alloc.rs"]
mod largest_alloc;

#[global_allocator]
static ALLOCATOR: largest_alloc::Counting = largest_alloc::Counting;

/// The pool's default message limit.
const LIMIT: usize = multiprocessing::connection::DEFAULT_MAX_MESSAGE;

/// The result ring's layout (see `src/pool/ring.rs`): a header page whose
/// first word is `tail`, then the data bytes.
const RING_HEADER: usize = 4096;
/// Data bytes in a result ring.
const RING_CAPACITY: usize = 256 * 1024;

/// Offset of the ring's `head` word (the parent's consumed count).
const RING_HEAD: usize = 64;

/// The base address of this worker's result ring mapping.
fn my_ring() -> Option<usize> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    let line = maps.lines().find(|l| l.contains("memfd:mp-results"))?;
    usize::from_str_radix(line.split('-').next()?, 16).ok()
}

/// Stores `bytes` in this worker's result stream as a hostile task would:
/// finds the ring mapping in `/proc/self/maps`, copies the bytes at `tail`,
/// publishes them and wakes the parent; then waits (on the futex of `head`,
/// bounded) until the parent has consumed them — the worker's own next write
/// would overwrite them otherwise. A parent that refuses them kills us while
/// we wait. Returns 1 if it found the ring.
fn write_on_my_link(bytes: Vec<u8>) -> u8 {
    let Some(start) = my_ring() else { return 0 };
    let tail_word = start as *const std::sync::atomic::AtomicU32;
    let head_word = (start + RING_HEAD) as *const std::sync::atomic::AtomicU32;
    // SAFETY: `start` is the base of this worker's live ring mapping (header
    // page, then RING_CAPACITY data bytes); the worker is single-threaded and
    // between results, so only we and the parent touch it now.
    let (tail, head) = unsafe { (&*tail_word, &*head_word) };
    let old = tail.load(std::sync::atomic::Ordering::SeqCst);
    for (k, &b) in bytes.iter().enumerate() {
        let at = (old as usize + k) % RING_CAPACITY;
        // SAFETY: inside the data area of the mapping.
        unsafe { *(start as *mut u8).add(RING_HEADER + at) = b };
    }
    let new = old.wrapping_add(bytes.len() as u32);
    tail.store(new, std::sync::atomic::Ordering::SeqCst);
    let _ = write_on_my_socket(vec![1]);
    for _ in 0..200 {
        let seen = head.load(std::sync::atomic::Ordering::SeqCst);
        if seen == new {
            break;
        }
        let wait = libc::timespec {
            tv_sec: 0,
            tv_nsec: 50_000_000,
        };
        // SAFETY: FUTEX_WAIT on a live, aligned word with a valid timespec.
        unsafe {
            libc::syscall(
                libc::SYS_futex,
                head_word,
                libc::FUTEX_WAIT,
                seen,
                &wait as *const libc::timespec,
            );
        }
    }
    1
}

/// Writes `bytes` on this worker's socket instead: the parent reads that
/// direction only as wake-ups, so this must be harmless.
fn write_on_my_socket(bytes: Vec<u8>) -> u8 {
    for fd in 3..1024 {
        // SAFETY: fstat writes into a zeroed stat we own; a closed fd fails.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: as above.
        if unsafe { libc::fstat(fd, &mut st) } == 0 && st.st_mode & libc::S_IFMT == libc::S_IFSOCK {
            // SAFETY: writes from a live slice of `bytes.len()` bytes.
            unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
            return 1;
        }
    }
    0
}

/// Squares.
fn square(x: u64) -> u64 {
    x * x
}

/// A pool of one forked worker over the socketpair transport.
fn pool() -> Arc<Pool> {
    let pool = Pool::builder()
        .processes(1)
        .start_method(StartMethod::Fork)
        .build()
        .expect("pool");
    Arc::new(pool)
}

/// Resident memory of this process, in bytes.
fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS line");
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .expect("VmRSS value");
    kib * 1024
}

/// Sends `bytes` through the worker of `pool`; checks that the parent's
/// memory did not move, that the worker was replaced when it broke the
/// protocol, and that the next task succeeds. Returns the hostile task's result.
fn survive(pool: &Arc<Pool>, bytes: Vec<u8>) -> multiprocessing::Result<u8> {
    survive_with(pool, write_on_my_link, bytes)
}

/// [`survive`] with the task that delivers the bytes.
fn survive_with(
    pool: &Arc<Pool>,
    task: fn(Vec<u8>) -> u8,
    bytes: Vec<u8>,
) -> multiprocessing::Result<u8> {
    let before = pool.worker_pids();
    let rss_before = rss();
    largest_alloc::reset();
    let result = support::watchdog(Duration::from_secs(60), {
        let pool = Arc::clone(pool);
        move || pool.apply(task, bytes)
    });
    let largest = largest_alloc::largest();
    let grown = rss().saturating_sub(rss_before);
    assert!(largest < LIMIT / 4, "largest allocation {largest} bytes");
    assert!(grown < LIMIT, "RSS grew by {grown} bytes");
    assert_eq!(pool.apply(square, 7).expect("the next task succeeds"), 49);
    if matches!(result, Err(Error::Protocol { .. })) {
        // The next task ran on a replacement, so the pool has published it.
        let after = pool.worker_pids();
        assert!(
            after.len() == 1 && !before.contains(&after[0]),
            "the offending worker was replaced: {before:?} -> {after:?}"
        );
    }
    result
}

/// A result frame header as a worker writes it, with `count` items.
fn result_frame(job: u64, chunk: u32, first: u32, count: u32, body: &[u8]) -> Vec<u8> {
    let mut payload = Vec::new();
    payload.extend_from_slice(&job.to_le_bytes());
    payload.extend_from_slice(&chunk.to_le_bytes());
    payload.extend_from_slice(&first.to_le_bytes());
    payload.extend_from_slice(&count.to_le_bytes());
    payload.extend_from_slice(body);
    let mut frame = (payload.len() as i32).to_be_bytes().to_vec();
    frame.extend_from_slice(&payload);
    frame
}

#[test]
fn hostile_headers_and_frames_kill_the_worker_not_the_parent() {
    let mut large = (-1i32).to_be_bytes().to_vec();
    large.extend_from_slice(&(1u64 << 62).to_be_bytes());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a negative length", (-2i32).to_be_bytes().to_vec()),
        ("a 2^62-byte large frame", large),
        ("a 2 GiB small frame", 0x7fff_ffffi32.to_be_bytes().to_vec()),
        ("a zero-length frame", 0i32.to_be_bytes().to_vec()),
        (
            "an unknown job id",
            result_frame(u64::MAX, 0, 0, 1, &[0, 0]),
        ),
        // A fresh pool's first job is job 0, chunk 0, one item.
        ("a wrong item count", result_frame(0, 0, 0, 5, &[0, 0])),
    ];
    for (what, bytes) in cases {
        let pool = pool();
        match survive(&pool, bytes) {
            Err(Error::Protocol { reason, .. }) => eprintln!("{what}: refused ({reason})"),
            other => panic!("{what}: expected a protocol error, got {other:?}"),
        }
    }
    // A tail that claims more bytes than the ring holds.
    let corrupt = pool();
    let result = survive_with(
        &corrupt,
        |_| {
            if let Some(start) = my_ring() {
                // SAFETY: as in `write_on_my_link`: the tail word of our ring.
                unsafe { std::ptr::write_volatile(start as *mut u32, 0x8000_0000) };
                let _ = write_on_my_socket(vec![1]);
                // The parent kills us once it sees the tail; wait for that.
                std::thread::park();
            }
            1
        },
        Vec::new(),
    );
    assert!(matches!(result, Err(Error::Protocol { .. })), "{result:?}");
    // Garbage on the socket is not result data: the task just succeeds.
    let harmless = pool();
    assert_eq!(
        survive_with(&harmless, write_on_my_socket, vec![0xff; 100]).unwrap(),
        1
    );
}

proptest! {
    #![proptest_config(common::props::config(24))]

    #[test]
    fn random_bytes_on_the_link_never_hurt_the_parent(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let pool = pool();
        // Any outcome but a hang, a crash or a grown parent is acceptable:
        // garbage that happens to look like a result is refused one frame
        // later, and `survive` checks what must hold.
        let _ = survive(&pool, bytes);
    }
}
