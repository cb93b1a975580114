//! What a worker needs to know besides its link: the [`WorkerSpec`] (the
//! initializer, `maxtasksperchild`, the message limit, the transport, and
//! where the parent's program image sits), and the exit codes a worker
//! reports its own failures with.
//!
//! The spec travels by value: copied by `fork`, encoded into the
//! forkserver's request, or sent as a spawned worker's first frame. The
//! initializer travels like a task's function, by address (see `task.rs`):
//! a trampoline monomorphised for `fn(A)` plus the function, with the
//! arguments bincode-encoded.
//!
//! Needs: `link.rs` (the `Transport` it names), `connection/` (bincode
//! configuration), `error.rs`.
//!
//! Python equivalent: the `initializer`, `initargs` and `maxtasks`
//! arguments of `multiprocessing.pool.worker`.

use super::link::Transport;
use crate::connection::{decode_config, DEFAULT_MAX_MESSAGE};
use serde::de::DeserializeOwned;

/// Exit code: the initializer panicked (the pool stops replacing workers).
pub(crate) const EXIT_INIT_FAILED: i32 = 70;
/// Exit code: the parent sent a malformed frame, or the link failed.
pub(crate) const EXIT_LINK_FAILED: i32 = 71;

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
pub(crate) type CallInit = unsafe fn(func: usize, args: &[u8]) -> Result<(), String>;

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
    /// The parent's address of [`image_anchor`]. A forked worker shares
    /// the parent's layout (delta 0); a forkserver or spawned worker runs a
    /// fresh `exec` of the same binary, loaded at another base address
    /// (ASLR), and shifts every function address it receives by the
    /// difference.
    pub image_base: usize,
    /// The largest frame payload either side of the link accepts.
    pub max_message: usize,
    /// Socketpair + ring, or ipc-channel (the latter: fork only).
    pub transport: Transport,
}

impl Default for WorkerSpec {
    fn default() -> Self {
        WorkerSpec {
            initializer: None,
            maxtasks: None,
            image_base: 0,
            max_message: DEFAULT_MAX_MESSAGE,
            transport: Transport::Pipe,
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
