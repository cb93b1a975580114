//! How a task travels: functions by reference, arguments by value.
//!
//! ## Why `fn` pointers and not closures
//! CPython pickles a module-level function *by reference* — its module and
//! qualified name — and the worker imports it; a lambda has no importable
//! name, so `Pool.map(lambda x: x, ...)` fails with a `PicklingError`.
//! The Rust counterpart of "a name that means the same code in the worker"
//! is a code address: a forked worker is a copy of the parent's address
//! space, so the address of a function in the parent is the same function in
//! the child (ASLR picks the layout once per *exec*, not per fork; the
//! forkserver is forked from the same image, so the same holds there).
//!
//! A task therefore carries two addresses:
//! ```text
//!   [ call: address of call_chunk::<A, R> ][ func: address of the user's fn(A) -> R ]
//!     the monomorphised trampoline that        the function itself, which the
//!     knows A and R: it decodes the args,       trampoline turns back into a
//!     calls, encodes the result                 typed fn pointer
//! ```
//! A closure that captures state has no such address for its data (the
//! captured values live in the caller's memory *after* the fork, so the
//! worker's copy would be stale or absent), which is why the API takes
//! `fn(A) -> R` and the compiler refuses capturing closures — just as Python
//! refuses lambdas. A *non-capturing* closure coerces to a `fn` pointer and
//! is accepted: it has no state to lose.
//!
//! Trust: like unpickling, running a task frame means executing code at an
//! address it names. The task pipe is private to the pool (a socketpair made
//! before fork), so only the parent can write to it.
//!
//! ## Frames (inside the CPython-style length prefix of [`crate::frame`])
//! ```text
//!   task:    [TASK][job u64][chunk u32][call u64][func u64][count u32][A]*count
//!   stop:    [STOP]
//!   result:  [job u64][chunk u32][count u32]([tag u8][R | message String])*count
//! ```
//! All integers little-endian; `A`, `R` and messages are bincode 2.0.1.
//!
//! Python equivalent: `multiprocessing.pool.mapstar`/`starmapstar` and the
//! `(job, i, func, args, kwds)` task tuples of `Pool._handle_tasks`.

use crate::child::panic_message;
use crate::connection::{config, decode_config};
use crate::error::{Error, Result};
use crate::frame;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// First byte of a task frame: run a chunk.
pub(crate) const KIND_TASK: u8 = 1;
/// First byte of a stop frame: finish what you hold, then exit 0.
pub(crate) const KIND_STOP: u8 = 2;

/// Result tag: the call returned; a bincode `R` follows.
const TAG_OK: u8 = 0;
/// Result tag: the call panicked; a bincode `String` message follows.
const TAG_PANICKED: u8 = 1;
/// Result tag: arguments or result could not be (de)coded; a message follows.
const TAG_CODEC: u8 = 2;

/// Bytes before the arguments in a task frame's payload.
const TASK_HEADER: usize = 1 + 8 + 4 + 8 + 8 + 4;
/// Bytes before the items in a result frame's payload.
pub(crate) const RESULT_HEADER: usize = 8 + 4 + 4;

/// A trampoline: decodes `count` arguments, calls `func` on each, appends
/// tagged results to `out`.
///
/// # Safety
/// `func` must be the address of a `fn` of exactly the type the trampoline
/// was monomorphised for.
pub(crate) type CallChunk = unsafe fn(func: usize, args: &[u8], count: u32, out: &mut Vec<u8>);

/// A function reference as it travels: trampoline address plus fn address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct FuncRef {
    /// Address of a [`CallChunk`] trampoline.
    pub call: usize,
    /// Address of the user's function.
    pub func: usize,
}

impl FuncRef {
    /// The reference for `f: fn(A) -> R` (Python: pickling `f` by name).
    pub(crate) fn of<A: DeserializeOwned, R: Serialize>(f: fn(A) -> R) -> FuncRef {
        FuncRef {
            call: call_chunk::<A, R> as CallChunk as usize,
            func: f as usize,
        }
    }

    /// The reference for `f: fn(A, B) -> R`, called on `(A, B)` pairs
    /// (Python: `starmap`).
    pub(crate) fn of_star<A: DeserializeOwned, B: DeserializeOwned, R: Serialize>(
        f: fn(A, B) -> R,
    ) -> FuncRef {
        FuncRef {
            call: call_chunk_star::<A, B, R> as CallChunk as usize,
            func: f as usize,
        }
    }
}

/// Runs `call` on each of `count` bincode-encoded arguments in `args`.
fn run_each<A: DeserializeOwned, R: Serialize>(
    mut args: &[u8],
    count: u32,
    out: &mut Vec<u8>,
    call: impl Fn(A) -> R,
) {
    for _ in 0..count {
        let arg = match bincode::serde::decode_from_slice::<A, _>(args, decode_config()) {
            Ok((arg, used)) => {
                args = &args[used..];
                arg
            }
            Err(err) => {
                // The stream of arguments is no longer in step: every
                // remaining item reports the same decode error.
                out.push(TAG_CODEC);
                let _ = bincode::serde::encode_into_std_write(err.to_string(), out, config());
                args = &[];
                continue;
            }
        };
        match catch_unwind(AssertUnwindSafe(|| call(arg))) {
            Ok(value) => {
                let mark = out.len();
                out.push(TAG_OK);
                if let Err(err) = bincode::serde::encode_into_std_write(&value, out, config()) {
                    out.truncate(mark);
                    out.push(TAG_CODEC);
                    let _ = bincode::serde::encode_into_std_write(err.to_string(), out, config());
                }
            }
            Err(payload) => {
                out.push(TAG_PANICKED);
                let msg = panic_message(payload.as_ref());
                let _ = bincode::serde::encode_into_std_write(msg, out, config());
            }
        }
    }
}

/// The trampoline for `fn(A) -> R`.
///
/// # Safety
/// `func` must be the address of a `fn(A) -> R` (as made by [`FuncRef::of`]).
unsafe fn call_chunk<A: DeserializeOwned, R: Serialize>(
    func: usize,
    args: &[u8],
    count: u32,
    out: &mut Vec<u8>,
) {
    // SAFETY: the caller guarantees `func` came from `f as usize` for an
    // `f: fn(A) -> R` in this same program image (fork keeps the address
    // space), and fn pointers are pointer-sized.
    let f = unsafe { std::mem::transmute::<usize, fn(A) -> R>(func) };
    run_each(args, count, out, f);
}

/// The trampoline for `fn(A, B) -> R` over `(A, B)` arguments.
///
/// # Safety
/// `func` must be the address of a `fn(A, B) -> R` (see [`FuncRef::of_star`]).
unsafe fn call_chunk_star<A: DeserializeOwned, B: DeserializeOwned, R: Serialize>(
    func: usize,
    args: &[u8],
    count: u32,
    out: &mut Vec<u8>,
) {
    // SAFETY: as in `call_chunk`, for the type `fn(A, B) -> R`.
    let f = unsafe { std::mem::transmute::<usize, fn(A, B) -> R>(func) };
    run_each(args, count, out, |(a, b): (A, B)| f(a, b));
}

/// Appends one complete task frame (prefix included) for `items` to `out`.
pub(crate) fn push_task_frame<'a, A: Serialize + 'a>(
    out: &mut Vec<u8>,
    job: u64,
    chunk: u32,
    func: FuncRef,
    items: impl ExactSizeIterator<Item = &'a A>,
) -> Result<()> {
    let at = frame::begin_small_frame(out);
    out.push(KIND_TASK);
    out.extend_from_slice(&job.to_le_bytes());
    out.extend_from_slice(&chunk.to_le_bytes());
    out.extend_from_slice(&(func.call as u64).to_le_bytes());
    out.extend_from_slice(&(func.func as u64).to_le_bytes());
    out.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for item in items {
        bincode::serde::encode_into_std_write(item, out, config())
            .map_err(|e| Error::Encode(e.to_string()))?;
    }
    if out.len() - at - 4 > crate::connection::DEFAULT_MAX_MESSAGE {
        return Err(Error::TooLarge {
            announced: (out.len() - at - 4) as u64,
            limit: crate::connection::DEFAULT_MAX_MESSAGE,
        });
    }
    frame::finish_small_frame(out, at);
    Ok(())
}

/// Appends a stop frame to `out`.
pub(crate) fn push_stop_frame(out: &mut Vec<u8>) {
    frame::push_header(out, 1);
    out.push(KIND_STOP);
}

/// A decoded task frame, borrowing its arguments.
pub(crate) struct TaskFrame<'a> {
    /// Job id (echoed in the result).
    pub job: u64,
    /// Chunk index within the job (echoed).
    pub chunk: u32,
    /// What to call.
    pub func: FuncRef,
    /// How many arguments follow.
    pub count: u32,
    /// The encoded arguments.
    pub args: &'a [u8],
}

/// Reads a little-endian integer field.
fn le<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

/// Parses a task frame payload; `None` for a stop frame. A malformed frame
/// is an error (the worker then exits: the parent broke the protocol).
pub(crate) fn parse_task(payload: &[u8]) -> Result<Option<TaskFrame<'_>>> {
    match payload.first() {
        Some(&KIND_STOP) => Ok(None),
        Some(&KIND_TASK) if payload.len() >= TASK_HEADER => Ok(Some(TaskFrame {
            job: u64::from_le_bytes(le(payload, 1)),
            chunk: u32::from_le_bytes(le(payload, 9)),
            func: FuncRef {
                call: u64::from_le_bytes(le(payload, 13)) as usize,
                func: u64::from_le_bytes(le(payload, 21)) as usize,
            },
            count: u32::from_le_bytes(le(payload, 29)),
            args: &payload[TASK_HEADER..],
        })),
        _ => Err(Error::Decode("malformed task frame".into())),
    }
}

/// Runs a task and appends its complete result frame to `out`.
///
/// # Safety
/// `task.func` must have been made by [`FuncRef::of`]/[`FuncRef::of_star`]
/// in this program image (guaranteed when the frame came from our parent).
pub(crate) unsafe fn run_task(task: &TaskFrame<'_>, out: &mut Vec<u8>) {
    let at = frame::begin_small_frame(out);
    out.extend_from_slice(&task.job.to_le_bytes());
    out.extend_from_slice(&task.chunk.to_le_bytes());
    out.extend_from_slice(&task.count.to_le_bytes());
    // SAFETY: `call` is the address of a `CallChunk` trampoline (caller's
    // contract); fn pointers are pointer-sized.
    let call = unsafe { std::mem::transmute::<usize, CallChunk>(task.func.call) };
    // SAFETY: the trampoline and `func` were paired by `FuncRef` (caller's contract).
    unsafe { call(task.func.func, task.args, task.count, out) };
    frame::finish_small_frame(out, at);
}

/// The (job, chunk, count) header of a result payload.
pub(crate) fn parse_result_header(payload: &[u8]) -> Option<(u64, u32, u32)> {
    if payload.len() < RESULT_HEADER {
        return None;
    }
    Some((
        u64::from_le_bytes(le(payload, 0)),
        u32::from_le_bytes(le(payload, 8)),
        u32::from_le_bytes(le(payload, 12)),
    ))
}

/// Decodes the items of a result payload, appending `count` results to `out`.
pub(crate) fn decode_results<R: DeserializeOwned>(
    payload: &[u8],
    out: &mut Vec<Result<R>>,
) -> Result<()> {
    let (_, _, count) =
        parse_result_header(payload).ok_or_else(|| Error::Decode("short result frame".into()))?;
    let mut rest = &payload[RESULT_HEADER..];
    for _ in 0..count {
        let (&tag, body) = rest
            .split_first()
            .ok_or_else(|| Error::Decode("result frame ended early".into()))?;
        let (item, used) = match tag {
            TAG_OK => {
                let (value, used) =
                    bincode::serde::decode_from_slice::<R, _>(body, decode_config())
                        .map_err(|e| Error::Decode(e.to_string()))?;
                (Ok(value), used)
            }
            TAG_PANICKED | TAG_CODEC => {
                let (msg, used) =
                    bincode::serde::decode_from_slice::<String, _>(body, decode_config())
                        .map_err(|e| Error::Decode(e.to_string()))?;
                let err = if tag == TAG_PANICKED {
                    Error::TaskPanicked(msg)
                } else {
                    Error::Decode(msg)
                };
                (Err(err), used)
            }
            _ => return Err(Error::Decode(format!("unknown result tag {tag}"))),
        };
        out.push(item);
        rest = &body[used..];
    }
    Ok(())
}
