//! How a task travels: functions by reference, arguments by value, and the
//! task and result frames.
//!
//! ## Why `fn` pointers and not closures
//! CPython pickles a module-level function *by reference* — its module and
//! qualified name — and the worker imports it; a lambda has no importable
//! name, so `Pool.map(lambda x: x, ...)` fails with a `PicklingError`.
//! The Rust counterpart of "a name that means the same code in the worker"
//! is a code address: a forked worker is a copy of the parent's address
//! space, so the address of a function in the parent is the same function in
//! the child (ASLR picks the layout once per *exec*, not per fork; a worker
//! of the forkserver or of spawn, a fresh `exec` of the program, shifts
//! every address by its load offset, see `spec.rs`).
//!
//! A task therefore carries two addresses:
//! ```text
//!   [ call: address of call_one::<A, R> ][ func: address of the user's fn(A) -> R ]
//!     the monomorphised trampoline that       the function itself, which the
//!     knows A and R: it decodes one arg,      trampoline turns back into a
//!     calls, encodes the result               typed fn pointer
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
//! before fork), so only the parent can write to it. The other direction is
//! not trusted: result frames are checked by the handler (see
//! [`ResultHeader`]) and decoded with limits by the caller.
//!
//! ## Frames (inside the CPython-style length prefix of [`crate::frame`])
//! ```text
//!   task:    [TASK][job u64][chunk u32][call u64][func u64][count u32][A]*count
//!   stop:    [STOP]
//!   result:  [job u64][chunk u32][first u32][count u32] item*count
//!   item:    [OK][R] | [PANICKED][message] | [CODEC][message] | [TOO_LARGE][size u64][limit u64]
//! ```
//! A chunk's results may span several result frames (`first` is the index
//! of the frame's first item within the chunk), so no frame outgrows the
//! message limit however large the chunk. All integers little-endian; `A`,
//! `R` and messages are bincode 2.0.1.
//!
//! Needs: `frame.rs`, `connection/` (bincode configuration), `child.rs`
//! (panic messages), `error.rs`.
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
const KIND_TASK: u8 = 1;
/// First byte of a stop frame: finish what you hold, then exit 0.
const KIND_STOP: u8 = 2;

/// Result tag: the call returned; a bincode `R` follows.
const TAG_OK: u8 = 0;
/// Result tag: the call panicked; a bincode `String` message follows.
const TAG_PANICKED: u8 = 1;
/// Result tag: arguments or result could not be (de)coded; a message follows.
const TAG_CODEC: u8 = 2;
/// Result tag: the encoded result was over the message limit; its size and
/// the limit follow (two `u64`).
const TAG_TOO_LARGE: u8 = 3;

/// Bytes before the arguments in a task frame's payload.
const TASK_HEADER: usize = 1 + 8 + 4 + 8 + 8 + 4;
/// Bytes before the items in a result frame's payload.
pub(crate) const RESULT_HEADER: usize = 8 + 4 + 4 + 4;

/// A trampoline: decodes one argument from the front of `args` (advancing
/// it), calls `func` on it, appends one tagged result to `out`.
///
/// # Safety
/// `func` must be the address of a `fn` of exactly the type the trampoline
/// was monomorphised for.
pub(crate) type CallOne = unsafe fn(func: usize, args: &mut &[u8], out: &mut Vec<u8>);

/// A function reference as it travels: trampoline address plus fn address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct FuncRef {
    /// Address of a [`CallOne`] trampoline.
    pub call: usize,
    /// Address of the user's function.
    pub func: usize,
}

impl FuncRef {
    /// The reference for `f: fn(A) -> R` (Python: pickling `f` by name).
    pub(crate) fn of<A: DeserializeOwned, R: Serialize>(f: fn(A) -> R) -> FuncRef {
        FuncRef {
            call: call_one::<A, R> as CallOne as usize,
            func: f as usize,
        }
    }

    /// The reference for `f: fn(A, B) -> R`, called on `(A, B)` pairs
    /// (Python: `starmap`).
    pub(crate) fn of_star<A: DeserializeOwned, B: DeserializeOwned, R: Serialize>(
        f: fn(A, B) -> R,
    ) -> FuncRef {
        FuncRef {
            call: call_one_star::<A, B, R> as CallOne as usize,
            func: f as usize,
        }
    }
}

/// Appends `tag` and a bincode message.
fn push_message(out: &mut Vec<u8>, tag: u8, msg: &str) {
    out.push(tag);
    let _ = bincode::serde::encode_into_std_write(msg, out, config());
}

/// Decodes one `A` from the front of `args`, runs `call`, appends its
/// tagged result. A bad argument stream is out of step for good: the rest
/// of `args` is dropped, so every later item reports a decode error too.
fn run_one<A: DeserializeOwned, R: Serialize>(
    args: &mut &[u8],
    out: &mut Vec<u8>,
    call: impl FnOnce(A) -> R,
) {
    let arg = match bincode::serde::decode_from_slice::<A, _>(args, decode_config()) {
        Ok((arg, used)) => {
            *args = &args[used..];
            arg
        }
        Err(err) => {
            *args = &[];
            return push_message(out, TAG_CODEC, &err.to_string());
        }
    };
    match catch_unwind(AssertUnwindSafe(|| call(arg))) {
        Ok(value) => {
            let mark = out.len();
            out.push(TAG_OK);
            if let Err(err) = bincode::serde::encode_into_std_write(&value, out, config()) {
                out.truncate(mark);
                push_message(out, TAG_CODEC, &err.to_string());
            }
        }
        Err(payload) => push_message(out, TAG_PANICKED, &panic_message(payload.as_ref())),
    }
}

/// The trampoline for `fn(A) -> R`.
///
/// # Safety
/// `func` must be the address of a `fn(A) -> R` (as made by [`FuncRef::of`]).
unsafe fn call_one<A: DeserializeOwned, R: Serialize>(
    func: usize,
    args: &mut &[u8],
    out: &mut Vec<u8>,
) {
    // SAFETY: the caller guarantees `func` came from `f as usize` for an
    // `f: fn(A) -> R` in this same program image, and fn pointers are
    // pointer-sized.
    let f = unsafe { std::mem::transmute::<usize, fn(A) -> R>(func) };
    run_one(args, out, f);
}

/// The trampoline for `fn(A, B) -> R` over `(A, B)` arguments.
///
/// # Safety
/// `func` must be the address of a `fn(A, B) -> R` (see [`FuncRef::of_star`]).
unsafe fn call_one_star<A: DeserializeOwned, B: DeserializeOwned, R: Serialize>(
    func: usize,
    args: &mut &[u8],
    out: &mut Vec<u8>,
) {
    // SAFETY: as in `call_one`, for the type `fn(A, B) -> R`.
    let f = unsafe { std::mem::transmute::<usize, fn(A, B) -> R>(func) };
    run_one(args, out, |(a, b): (A, B)| f(a, b));
}

/// Encodes task frames for one job, splitting chunks so that no frame's
/// payload exceeds the message limit.
pub(crate) struct TaskEncoder {
    /// Job id written into every frame.
    job: u64,
    /// The function every frame calls.
    func: FuncRef,
    /// Largest frame payload.
    limit: usize,
    /// Most items per chunk (the caller's chunksize).
    chunksize: usize,
    /// Finished frames back to back, then the open one.
    frames: Vec<u8>,
    /// Frame `i` is `frames[bounds[i]..bounds[i + 1]]`; the last entry is
    /// where the open frame starts.
    bounds: Vec<usize>,
    /// Items in each finished chunk.
    chunk_lens: Vec<u32>,
    /// Items in the open frame.
    open_items: u32,
}

impl TaskEncoder {
    /// An encoder for `job` calling `func`, chunks of at most `chunksize`
    /// items and `limit` payload bytes.
    pub(crate) fn new(job: u64, func: FuncRef, chunksize: usize, limit: usize) -> TaskEncoder {
        TaskEncoder {
            job,
            func,
            limit,
            chunksize: chunksize.max(1),
            frames: Vec::new(),
            bounds: vec![0],
            chunk_lens: Vec::new(),
            open_items: 0,
        }
    }

    /// Starts a frame for the next chunk.
    fn open(&mut self) {
        frame::begin_frame(&mut self.frames);
        self.frames.push(KIND_TASK);
        self.frames.extend_from_slice(&self.job.to_le_bytes());
        let chunk = self.chunk_lens.len() as u32;
        self.frames.extend_from_slice(&chunk.to_le_bytes());
        self.frames
            .extend_from_slice(&(self.func.call as u64).to_le_bytes());
        self.frames
            .extend_from_slice(&(self.func.func as u64).to_le_bytes());
        self.frames.extend_from_slice(&0u32.to_le_bytes()); // count, set by `close`
    }

    /// Finishes the open frame: writes its item count and header.
    fn close(&mut self) {
        let at = *self.bounds.last().expect("bounds start with 0");
        let count_at = at + frame::SMALL_HEADER + TASK_HEADER - 4;
        self.frames[count_at..count_at + 4].copy_from_slice(&self.open_items.to_le_bytes());
        frame::finish_frame(&mut self.frames, at);
        self.bounds.push(self.frames.len());
        self.chunk_lens.push(self.open_items);
        self.open_items = 0;
    }

    /// Adds one item; a single item over the limit is `Err(TooLarge)`.
    pub(crate) fn push<T: Serialize>(&mut self, item: &T) -> Result<()> {
        if self.open_items == 0 {
            self.open();
        }
        let mark = self.frames.len();
        bincode::serde::encode_into_std_write(item, &mut self.frames, config())
            .map_err(|e| Error::Encode(e.to_string()))?;
        let at = *self.bounds.last().expect("bounds start with 0");
        let payload = self.frames.len() - at - frame::SMALL_HEADER;
        if payload > self.limit {
            let item_len = self.frames.len() - mark;
            if self.open_items == 0 || TASK_HEADER + item_len > self.limit {
                return Err(Error::TooLarge {
                    announced: (TASK_HEADER + item_len) as u64,
                    limit: self.limit,
                });
            }
            // Shrink this chunk: close it without the item, which opens the next.
            let item = self.frames.split_off(mark);
            self.close();
            self.open();
            self.frames.extend_from_slice(&item);
        }
        self.open_items += 1;
        if self.open_items as usize == self.chunksize {
            self.close();
        }
        Ok(())
    }

    /// Closes the last, partly filled chunk; returns the frames and the
    /// item count of each chunk.
    pub(crate) fn finish(mut self) -> (TaskFrames, Vec<u32>) {
        if self.open_items > 0 {
            self.close();
        }
        let frames = TaskFrames {
            bytes: self.frames,
            bounds: self.bounds,
        };
        (frames, self.chunk_lens)
    }
}

/// A job's task frames, back to back; kept (shared) until every chunk is
/// answered, so a chunk queued on a worker that died can be sent again.
#[derive(Debug)]
pub(crate) struct TaskFrames {
    /// The frames.
    bytes: Vec<u8>,
    /// Frame `i` is `bytes[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<usize>,
}

impl TaskFrames {
    /// Frame `i`, header included.
    pub(crate) fn frame(&self, i: usize) -> &[u8] {
        &self.bytes[self.bounds[i]..self.bounds[i + 1]]
    }

    /// Number of frames (chunks).
    pub(crate) fn len(&self) -> usize {
        self.bounds.len() - 1
    }
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
    bytes[at..at + N].try_into().expect("N bytes by the range")
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

/// Runs one item of `task` (advancing `args`) and appends its tagged result
/// to `out`; a result over `limit` is replaced by a `TOO_LARGE` item.
///
/// # Safety
/// `task.func` must have been made by [`FuncRef::of`]/[`FuncRef::of_star`]
/// in this program image (guaranteed when the frame came from our parent).
pub(crate) unsafe fn run_item(
    task: &TaskFrame<'_>,
    args: &mut &[u8],
    out: &mut Vec<u8>,
    limit: usize,
) {
    let mark = out.len();
    // SAFETY: `call` is the address of a `CallOne` trampoline (caller's
    // contract); fn pointers are pointer-sized.
    let call = unsafe { std::mem::transmute::<usize, CallOne>(task.func.call) };
    // SAFETY: the trampoline and `func` were paired by `FuncRef` (caller's contract).
    unsafe { call(task.func.func, args, out) };
    let size = out.len() - mark;
    if RESULT_HEADER + size > limit {
        out.truncate(mark);
        out.push(TAG_TOO_LARGE);
        out.extend_from_slice(&(size as u64).to_le_bytes());
        out.extend_from_slice(&(limit as u64).to_le_bytes());
    }
}

/// Starts a result frame for items `first..` of `(job, chunk)`; returns the
/// frame's position for [`finish_result_frame`].
pub(crate) fn begin_result_frame(out: &mut Vec<u8>, job: u64, chunk: u32, first: u32) -> usize {
    let at = frame::begin_frame(out);
    out.extend_from_slice(&job.to_le_bytes());
    out.extend_from_slice(&chunk.to_le_bytes());
    out.extend_from_slice(&first.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes()); // count, set when finished
    at
}

/// Writes the item count and the header of the result frame at `at`.
pub(crate) fn finish_result_frame(out: &mut Vec<u8>, at: usize, count: u32) {
    let count_at = at + frame::SMALL_HEADER + RESULT_HEADER - 4;
    out[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
    frame::finish_frame(out, at);
}

/// The fixed header of a result frame, as the worker claims it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ResultHeader {
    /// The job it answers.
    pub job: u64,
    /// The chunk it answers.
    pub chunk: u32,
    /// Index of its first item within the chunk.
    pub first: u32,
    /// How many items it carries.
    pub count: u32,
}

/// Parses a result frame's header (`None` if the payload is too short).
pub(crate) fn parse_result_header(payload: &[u8]) -> Option<ResultHeader> {
    if payload.len() < RESULT_HEADER {
        return None;
    }
    Some(ResultHeader {
        job: u64::from_le_bytes(le(payload, 0)),
        chunk: u32::from_le_bytes(le(payload, 8)),
        first: u32::from_le_bytes(le(payload, 12)),
        count: u32::from_le_bytes(le(payload, 16)),
    })
}

/// Decodes one bincode value from the front of `body`.
fn decode_one<T: DeserializeOwned>(body: &[u8]) -> Result<(T, usize)> {
    bincode::serde::decode_from_slice::<T, _>(body, decode_config())
        .map_err(|e| Error::Decode(e.to_string()))
}

/// Decodes the items of a result payload, appending them to `out`. The
/// payload must hold exactly the items its header counts.
pub(crate) fn decode_results<R: DeserializeOwned>(
    payload: &[u8],
    out: &mut Vec<Result<R>>,
) -> Result<()> {
    let header =
        parse_result_header(payload).ok_or_else(|| Error::Decode("short result frame".into()))?;
    let mut rest = &payload[RESULT_HEADER..];
    for _ in 0..header.count {
        let (&tag, body) = rest
            .split_first()
            .ok_or_else(|| Error::Decode("result frame ended early".into()))?;
        let (item, used) = match tag {
            TAG_OK => {
                let (value, used) = decode_one::<R>(body)?;
                (Ok(value), used)
            }
            TAG_PANICKED => {
                let (msg, used) = decode_one::<String>(body)?;
                (Err(Error::TaskPanicked(msg)), used)
            }
            TAG_CODEC => {
                let (msg, used) = decode_one::<String>(body)?;
                (Err(Error::Decode(msg)), used)
            }
            TAG_TOO_LARGE if body.len() >= 16 => {
                let announced = u64::from_le_bytes(le(body, 0));
                let limit = u64::from_le_bytes(le(body, 8)) as usize;
                (Err(Error::TooLarge { announced, limit }), 16)
            }
            _ => return Err(Error::Decode(format!("bad result item (tag {tag})"))),
        };
        out.push(item);
        rest = &body[used..];
    }
    if !rest.is_empty() {
        return Err(Error::Decode(format!(
            "{} bytes after the last result item",
            rest.len()
        )));
    }
    Ok(())
}
