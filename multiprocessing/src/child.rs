//! What runs in a freshly forked child: entering child mode, catching a
//! panic without Rust's panic printer, and leaving with `_exit`.
//!
//! ## The hazard
//! `fork` copies only the calling thread. Any lock another parent thread
//! held at that instant stays locked forever in the child, with nobody left
//! to unlock it. The locks a Rust child is most likely to touch:
//! - the `stdout`/`stderr` re-entrant mutexes (`println!`, `eprintln!`);
//! - the lock std's default panic hook takes while it prints a message and
//!   backtrace;
//! - `malloc`'s arena locks — but glibc resets those in the child with its
//!   own `atfork` handlers, so allocating is safe *with glibc* (musl or a
//!   custom allocator would need care: Simplification, we assume glibc).
//!
//! ## Our choice
//! 1. Once, before the first fork, `prepare_fork` installs a process-wide
//!    panic hook that wraps the previous one. In the parent it simply
//!    delegates, so the parent's panics print as before. In a forked child
//!    (`enter_child` set a flag in the child's own copy of memory) it
//!    prints nothing: the child's `catch_unwind` reports the panic itself
//!    with a raw `write(2)` to fd 2, which takes no lock.
//!    Road not taken: setting a hook *in* the child — `set_hook` takes the
//!    hook's write lock, which a parent thread might have held at fork time.
//!    Residual hazard (documented, not fixed): panicking reads the hook
//!    under its `RwLock`; if another parent thread was inside `set_hook` at
//!    the instant of the fork, the child's first panic would block. A user
//!    who replaces the hook after us also replaces our silence.
//! 2. Children never use `println!`; they write with [`write_fd_raw`].
//! 3. Children leave with `_exit`, never `exit`: no atexit handlers, no
//!    flushing of stdio buffers that hold the *parent's* unwritten output.
//!
//! Needs: `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.popen_fork.Popen._launch` and
//! `BaseProcess._bootstrap` (which calls `os._exit` too).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

/// Exit code of a child whose target panicked (CPython: an uncaught exception → 1).
pub const PANIC_EXIT_CODE: i32 = 1;

/// Set only in a forked child's copy of memory, never in the parent.
/// Relaxed is enough: the child is single-threaded when it sets and reads it.
static IN_FORKED_CHILD: AtomicBool = AtomicBool::new(false);

/// Set in a daemonic process: a `daemon(true)` child or a pool worker.
/// Relaxed: set and read by the process's own (first) thread.
static DAEMONIC: AtomicBool = AtomicBool::new(false);

/// Guards the one-time hook installation.
static HOOK_INSTALLED: Once = Once::new();

/// Installs the child-silent panic hook (once per process). Call before
/// every fork; after the first call it costs one atomic load.
pub(crate) fn prepare_fork() {
    HOOK_INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_FORKED_CHILD.load(Ordering::Relaxed) {
                return; // the child's catch_unwind reports it, lock-free
            }
            previous(info)
        }));
    });
}

/// Marks this process as a forked child. Call first thing after `fork`
/// returns in the child.
pub(crate) fn enter_child() {
    IN_FORKED_CHILD.store(true, Ordering::Relaxed);
}

/// Marks this process daemonic (a `daemon(true)` child, a pool worker).
pub(crate) fn become_daemonic() {
    DAEMONIC.store(true, Ordering::Relaxed);
}

/// CPython's rule: a daemonic process may not start processes or pools (it
/// dies with its parent, so its children would be orphaned mid-work).
pub(crate) fn check_may_have_children() -> crate::Result<()> {
    if DAEMONIC.load(Ordering::Relaxed) {
        return Err(crate::Error::State(
            "daemonic processes are not allowed to have children",
        ));
    }
    Ok(())
}

/// Whether this process is a child forked by this crate.
pub fn in_forked_child() -> bool {
    IN_FORKED_CHILD.load(Ordering::Relaxed)
}

/// The text of a panic payload (`&str` or `String`, else a placeholder).
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "Box<dyn Any>".to_owned()
    }
}

/// Writes `bytes` to `fd` with raw `write(2)` calls: no lock, no buffer.
/// This is how a forked child prints (fd 1 for stdout, 2 for stderr).
pub fn write_fd_raw(fd: i32, bytes: &[u8]) {
    let _ = crate::sys::write_all(fd, bytes, false);
}

/// Runs `body` in the child, reports a panic on fd 2, and `_exit`s with the
/// body's code (or [`PANIC_EXIT_CODE`]). Never returns.
pub(crate) fn run_and_exit(body: impl FnOnce() -> i32) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(code) => code,
        Err(payload) => {
            let msg = panic_message(payload.as_ref());
            let pid = std::process::id();
            let text = format!("Process {pid}: panicked: {msg}\n");
            crate::sys::write_stderr_raw(text.as_bytes());
            PANIC_EXIT_CODE
        }
    };
    exit_now(code)
}

/// `_exit(2)`: ends the process at once — no atexit handlers, no stdio
/// flush, no destructors (nix 0.30 has no wrapper for it).
pub(crate) fn exit_now(code: i32) -> ! {
    // SAFETY: `_exit` is async-signal-safe and takes only an int; it never
    // returns, so no Rust invariant can be observed broken afterwards.
    unsafe { libc::_exit(code) }
}

/// Makes this child die with `SIGKILL` when its parent dies, then closes
/// the race where the parent died before `prctl` ran. Linux caveat: the
/// "parent" is the *thread* that forked us; when that thread exits, the
/// signal fires even if the parent process lives on. The pool therefore
/// forks from its long-lived handler thread, never from a caller's thread.
pub(crate) fn die_with_parent(parent: nix::unistd::Pid) {
    let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
    if nix::unistd::getppid() != parent {
        exit_now(PANIC_EXIT_CODE);
    }
}
