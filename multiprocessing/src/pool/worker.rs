//! The worker process's main loop.
//!
//! ```text
//!   initializer(initargs) ──▶ ┌─▶ complete task frame buffered? ── yes ──▶ run it, append result
//!                             │        │ no                                   │
//!                             │   flush results (one write), block on read     │
//!                             └────────┴──────────────────────────────────────┘
//!   exit 0 on: stop frame, end of file (parent closed the link or died),
//!              maxtasksperchild reached (after flushing)
//! ```
//!
//! The loop never blocks with results unsent: results are flushed exactly
//! when the worker is about to wait for input, so a pipelined batch of
//! tasks costs one read and one write, however many tasks it holds, while
//! a lone task is answered at once.
//!
//! The worker runs in a child forked from a (possibly) threaded parent; it
//! uses raw fds, writes nothing through `std::io`, and the caller `_exit`s
//! with its return value (see [`crate::child`]).
//!
//! Python equivalent: `multiprocessing.pool.worker`.

use super::link::ChildLink;
use super::task;
use crate::child::panic_message;
use crate::connection::{decode_config, DEFAULT_MAX_MESSAGE};
use crate::frame::FrameBuf;
use serde::de::DeserializeOwned;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Exit code: the initializer panicked (the pool stops replacing workers).
pub(crate) const EXIT_INIT_FAILED: i32 = 70;
/// Exit code: the parent sent a malformed frame, or the link failed.
pub(crate) const EXIT_LINK_FAILED: i32 = 71;

/// Flush results once this many bytes are pending, even mid-batch, so a
/// long batch streams instead of arriving all at the end.
const FLUSH_AT: usize = 64 * 1024;

/// The initializer as it travels (same by-reference scheme as tasks).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct InitCall {
    /// Address of `call_init::<A>`.
    pub call: usize,
    /// Address of the user's `fn(A)`.
    pub func: usize,
    /// bincode-encoded `initargs`.
    pub args: Vec<u8>,
}

/// An initializer trampoline.
///
/// # Safety
/// `func` must be the address of a `fn(A)` matching the trampoline.
type CallInit = unsafe fn(func: usize, args: &[u8]) -> Result<(), String>;

/// The initializer trampoline for `fn(A)`.
///
/// # Safety
/// `func` must be the address of a `fn(A)` (made by [`InitCall::of`]).
unsafe fn call_init<A: DeserializeOwned>(func: usize, args: &[u8]) -> Result<(), String> {
    // SAFETY: the caller guarantees `func` is a `fn(A)` of this image.
    let f = unsafe { std::mem::transmute::<usize, fn(A)>(func) };
    let (arg, _) = bincode::serde::decode_from_slice::<A, _>(args, decode_config())
        .map_err(|e| e.to_string())?;
    f(arg);
    Ok(())
}

impl InitCall {
    /// Packs `f(initargs)`.
    pub(crate) fn of<A: serde::Serialize + DeserializeOwned>(
        f: fn(A),
        initargs: &A,
    ) -> crate::Result<InitCall> {
        Ok(InitCall {
            call: call_init::<A> as CallInit as usize,
            func: f as usize,
            args: bincode::serde::encode_to_vec(initargs, crate::connection::config())
                .map_err(|e| crate::Error::Encode(e.to_string()))?,
        })
    }
}

/// What a worker needs to know besides its link.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct WorkerSpec {
    /// Run once at start (Python's `initializer(*initargs)`).
    pub initializer: Option<InitCall>,
    /// Exit after this many tasks (Python's `maxtasksperchild`).
    pub maxtasks: Option<u64>,
    /// The parent's address of [`image_anchor`]. Fork and forkserver
    /// workers share the parent's layout (delta 0); a spawned worker is a
    /// fresh `exec` of the same binary, loaded at another base address (ASLR),
    /// and shifts every function address it receives by the difference.
    pub image_base: usize,
}

/// A fixed function whose address locates the program image in memory.
#[inline(never)]
pub(crate) fn image_anchor() {}

/// This process's address of [`image_anchor`].
pub(crate) fn image_base() -> usize {
    image_anchor as fn() as usize
}

/// The worker's main loop; returns the exit code for `_exit`.
pub(crate) fn worker_main(mut link: ChildLink, spec: &WorkerSpec) -> i32 {
    // 0 for fork/forkserver; the load-address shift for a spawned worker.
    let delta = image_base().wrapping_sub(spec.image_base);
    if let Some(init) = &spec.initializer {
        // `init.call` is a `CallInit` trampoline address made by
        // `InitCall::of` in the parent's image of this same binary (sent over
        // our private link, or copied by fork); adding `delta` maps it here.
        // SAFETY: so it is the address of a function of type `CallInit`.
        let call = unsafe { std::mem::transmute::<usize, CallInit>(init.call.wrapping_add(delta)) };
        let func = init.func.wrapping_add(delta);
        // SAFETY: `call` and `func` were paired by `InitCall::of`.
        let outcome = catch_unwind(AssertUnwindSafe(|| unsafe { call(func, &init.args) }));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(msg)) => Some(msg),
            Err(payload) => Some(panic_message(payload.as_ref())),
        };
        if let Some(msg) = failure {
            let text = format!(
                "pool worker {}: initializer failed: {msg}\n",
                std::process::id()
            );
            crate::sys::write_stderr_raw(text.as_bytes());
            return EXIT_INIT_FAILED;
        }
    }
    let mut inbuf = FrameBuf::new();
    let mut out: Vec<u8> = Vec::with_capacity(FLUSH_AT);
    let mut done: u64 = 0;
    loop {
        let span = match inbuf.next_frame(DEFAULT_MAX_MESSAGE) {
            Ok(span) => span,
            Err(_) => return EXIT_LINK_FAILED,
        };
        let Some(span) = span else {
            // Nothing complete to run: send what we have, then wait.
            if !out.is_empty() {
                if link.send(&out).is_err() {
                    return EXIT_LINK_FAILED;
                }
                out.clear();
            }
            match link.fill(&mut inbuf) {
                Ok(true) => continue,
                Ok(false) => return 0, // parent closed the link (or died)
                Err(_) => return EXIT_LINK_FAILED,
            }
        };
        let mut task = match task::parse_task(inbuf.get(span)) {
            Ok(Some(task)) => task,
            Ok(None) => break, // stop frame
            Err(_) => return EXIT_LINK_FAILED,
        };
        task.func.call = task.func.call.wrapping_add(delta);
        task.func.func = task.func.func.wrapping_add(delta);
        // SAFETY: the frame came from our parent over our private link, so
        // its addresses were made by `FuncRef` in the parent's image of this
        // binary, and `delta` maps them into ours.
        unsafe { task::run_task(&task, &mut out) };
        done += 1;
        let retiring = spec.maxtasks.is_some_and(|max| done >= max);
        if out.len() >= FLUSH_AT || retiring {
            if link.send(&out).is_err() {
                return EXIT_LINK_FAILED;
            }
            out.clear();
        }
        if retiring {
            return 0;
        }
    }
    if !out.is_empty() && link.send(&out).is_err() {
        return EXIT_LINK_FAILED;
    }
    0
}
