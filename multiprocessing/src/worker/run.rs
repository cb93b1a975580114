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
//! **Results leave as soon as their chunk is done.** The worker stores a
//! chunk's result frames in its link (for the default transport: its
//! shared-memory result ring, `ring.rs`) before it starts the next chunk, so
//! a worker that dies (an `abort()` in a task, a `SIGKILL`) loses only the
//! chunk it was running: every finished result is where the parent will
//! find it, and `imap` sees each one as soon as it is done.
//!
//! Roads not taken: (1) keep results until the worker is about to block on
//! its link, then send them in one `write` — the old design: one system call
//! per *batch*, but a death threw away every finished result of the batch,
//! and `imap` saw nothing until the batch was over; (2) a `write` on the
//! socket per chunk — safe, but a system call (and usually a wake-up of the
//! handler) per chunk made a trivial task about 5× dearer relative to
//! CPython in the same run.
//!
//! What batching remains, and what it costs:
//! - *Tasks in*: the handler writes many task frames per `write` and the
//!   worker reads everything available in one `read`.
//! - *Results out*: no system call per chunk — a `memcpy` into the ring,
//!   plus one wake byte when the handler said it was going to sleep; the
//!   handler then takes every result stored meanwhile in one go. With
//!   ipc-channel, one `send` per chunk.
//! - A chunk's items are encoded together; a chunk whose results grow past
//!   [`PART_BYTES`] is sent in several frames, so no frame outgrows the
//!   message limit and a dying worker loses only the part it had not sent.
//!
//! The worker runs in a child forked from a (possibly) threaded parent, or
//! from the forkserver, or in a spawned image; it uses raw fds, and the
//! caller `_exit`s with its return value (see `child.rs`). It knows nothing
//! of the pool: a spec, a link, frames.
//!
//! Needs: `spec.rs`, `task.rs`, `link.rs`; `frame.rs`, `child.rs`.
//!
//! Python equivalent: `multiprocessing.pool.worker`.

use super::link::ChildLink;
use super::spec::{image_base, CallInit, WorkerSpec, EXIT_INIT_FAILED, EXIT_LINK_FAILED};
use super::task::{self, TaskFrame};
use crate::child::panic_message;
use crate::frame::FrameBuf;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A chunk's results are sent in frames of about this size (or the message
/// limit, if smaller): large results stream, and none outgrows the limit.
pub(crate) const PART_BYTES: usize = 1 << 20;

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
