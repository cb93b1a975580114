//! The worker process's main loop.
//!
//! ```text
//!   initializer(initargs) ──▶ ┌─▶ complete task frame buffered? ── no ──▶ block on read ─┐
//!                             │        │ yes                                              │
//!                             │   run its items one by one ──▶ send the chunk's results ──┤
//!                             └───────────────────────────────────────────────────────────┘
//!   exit 0 on: stop frame, end of file (parent closed the link or died),
//!              maxtasksperchild reached
//! ```
//!
//! **Results leave as soon as their chunk is done.** The worker writes a
//! chunk's result frame before it starts the next chunk, so a worker that
//! dies (an `abort()` in a task, a `SIGKILL`) loses only the chunk it was
//! running: every finished result is already in the parent's socket buffer.
//! Road not taken (the previous design): keep results until the worker is
//! about to block on its link, then send them in one `write` — one system
//! call per *batch* instead of per chunk, but a death threw away every
//! finished result of the batch, and `imap` saw nothing until the batch was
//! over.
//!
//! What batching remains, and what it costs:
//! - *Tasks in*: the handler writes many task frames per `write` and the
//!   worker reads everything available in one `read`.
//! - *Results out*: one `write` per chunk (a few hundred nanoseconds of
//!   system call per chunk, measured by the bench's
//!   `map_chunksize1_us_per_task`); a chunk's items are encoded together.
//!   A chunk whose results grow past [`PART_BYTES`] is sent in several
//!   frames, so no frame outgrows the message limit and a dying worker
//!   loses only the part it had not sent.
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
use task::TaskFrame;

/// Exit code: the initializer panicked (the pool stops replacing workers).
pub(crate) const EXIT_INIT_FAILED: i32 = 70;
/// Exit code: the parent sent a malformed frame, or the link failed.
pub(crate) const EXIT_LINK_FAILED: i32 = 71;

/// A chunk's results are sent in frames of about this size (or the message
/// limit, if smaller): large results stream, and none outgrows the limit.
pub(crate) const PART_BYTES: usize = 1 << 20;

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
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
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
    /// The largest frame payload either side of the link accepts.
    pub max_message: usize,
}

impl Default for WorkerSpec {
    fn default() -> Self {
        WorkerSpec {
            initializer: None,
            maxtasks: None,
            image_base: 0,
            max_message: DEFAULT_MAX_MESSAGE,
        }
    }
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
    // Pool workers are daemonic, as in CPython: no pools or processes of their own.
    crate::child::become_daemonic();
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
    let mut inbuf = FrameBuf::new(spec.max_message);
    let mut out: Vec<u8> = Vec::new();
    let mut done: u64 = 0;
    loop {
        let span = match inbuf.next_frame() {
            Ok(Some(span)) => span,
            Ok(None) => match link.fill(&mut inbuf) {
                Ok(true) => continue,
                Ok(false) => return 0, // parent closed the link (or died)
                Err(_) => return EXIT_LINK_FAILED,
            },
            Err(_) => return EXIT_LINK_FAILED,
        };
        let mut task = match task::parse_task(inbuf.get(span)) {
            Ok(Some(task)) => task,
            Ok(None) => return 0, // stop frame
            Err(_) => return EXIT_LINK_FAILED,
        };
        task.func.call = task.func.call.wrapping_add(delta);
        task.func.func = task.func.func.wrapping_add(delta);
        // SAFETY: the frame came from our parent over our private link, so
        // its addresses were made by `FuncRef` in the parent's image of this
        // binary, and `delta` maps them into ours.
        if unsafe { run_chunk(&task, &mut link, &mut out, spec.max_message) }.is_err() {
            return EXIT_LINK_FAILED;
        }
        done += 1;
        if spec.maxtasks.is_some_and(|max| done >= max) {
            return 0;
        }
    }
}

/// Runs every item of `task` and sends the chunk's results: one frame, or
/// several when they grow past [`PART_BYTES`] (each frame names its first
/// item). Returns once the last frame is written.
///
/// # Safety
/// As [`task::run_item`]: `task.func` was made by `FuncRef` in this image.
unsafe fn run_chunk(
    task: &TaskFrame<'_>,
    link: &mut ChildLink,
    out: &mut Vec<u8>,
    limit: usize,
) -> crate::Result<()> {
    let part_bytes = PART_BYTES.min(limit);
    let mut args = task.args;
    out.clear();
    let mut first = 0u32;
    let mut at = task::begin_result_frame(out, task.job, task.chunk, first);
    for i in 0..task.count {
        let mark = out.len();
        // SAFETY: the caller's contract.
        unsafe { task::run_item(task, &mut args, out, limit) };
        let in_frame = i - first;
        if in_frame > 0 && out.len() - at > part_bytes {
            // This item would push the frame past the part size: send the
            // frame without it, then start the next frame with it.
            let item = out.split_off(mark);
            task::finish_result_frame(out, at, in_frame);
            link.send(out)?;
            out.clear();
            first = i;
            at = task::begin_result_frame(out, task.job, task.chunk, first);
            out.extend_from_slice(&item);
        }
    }
    task::finish_result_frame(out, at, task.count - first);
    link.send(out)
}
