//! The pool `small_alloc` threads share: per size class a stack of
//! batches of free blocks (what a thread's list sheds past its limit, or
//! hands over when the thread ends), and the uncarved rests of ended
//! threads' chunks.
//!
//! ```text
//!   push_batch(class, first) ─▶ batches[class]: first ─▶ older batch ─▶ ...
//!   pop_batch(class)          ◀─ a thread whose list of `class` is empty
//!   put_spare / take_spare     a chunk rest, for a new thread to carve
//! ```
//!
//! One spin lock guards it all: a thread comes here only when a list
//! overflows or runs dry, or once when it ends, so the lock is rare and
//! held for a few instructions. `nonempty` lets a refill skip the lock
//! when the pool has no batch of the class (the usual case: only threads
//! that free more than they allocate feed it).
//!
//! Python equivalent: `pymalloc`'s `usedpools` / arena lists (guarded by
//! the GIL there). Needs `mod.rs` (`FreeBlock`) and std.

use super::{FreeBlock, CLASSES};
use std::cell::UnsafeCell;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many ended threads' chunk rests the pool keeps for new threads.
const SPARE_CHUNKS: usize = 64;

/// The pool shared by all threads: per class, a stack of batches.
pub(super) struct Pool {
    /// Held while a batch is pushed or popped (a few instructions).
    lock: AtomicBool,
    /// Per class, the first block of the first batch (null: none).
    batches: UnsafeCell<[*mut FreeBlock; CLASSES]>,
    /// Per class, whether `batches` holds any: written under the lock,
    /// read without it as a hint (a stale `false` only means carving a
    /// block while a batch waits; a stale `true` a look under the lock).
    nonempty: [AtomicBool; CLASSES],
    /// Uncarved rests of the chunks of threads that ended, for new
    /// threads to carve before they ask the system for memory.
    spare: UnsafeCell<SpareChunks>,
}

/// A stack of chunk rests (see [`Pool::spare`]); a rest that finds it
/// full is left unused (address space only: it was never touched).
struct SpareChunks {
    /// The rests, `(next uncarved byte, end)`, the first `len` valid.
    rests: [ChunkRest; SPARE_CHUNKS],
    /// How many are valid.
    len: usize,
}

/// The uncarved part of a chunk.
#[derive(Clone, Copy)]
pub(super) struct ChunkRest {
    /// Its first byte.
    pub(super) bump: *mut u8,
    /// One past its last byte.
    pub(super) end: *mut u8,
}

// SAFETY: `batches` and `spare` are only read or written while `lock` is
// held (`Pool::with`, `Pool::with_spare`), and the blocks and chunk rests
// they link are owned by whichever list, batch or stack links them.
unsafe impl Sync for Pool {}

/// The one pool.
pub(super) static POOL: Pool = Pool {
    lock: AtomicBool::new(false),
    batches: UnsafeCell::new([null_mut(); CLASSES]),
    nonempty: [const { AtomicBool::new(false) }; CLASSES],
    spare: UnsafeCell::new(SpareChunks {
        rests: [ChunkRest {
            bump: null_mut(),
            end: null_mut(),
        }; SPARE_CHUNKS],
        len: 0,
    }),
};

impl Pool {
    /// Runs `f` on the batch stacks under the pool's spin lock.
    fn with<R>(&self, f: impl FnOnce(&mut [*mut FreeBlock; CLASSES]) -> R) -> R {
        while self
            .lock
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
        // SAFETY: the lock is held, so this is the only reference.
        let r = f(unsafe { &mut *self.batches.get() });
        self.lock.store(false, Ordering::Release);
        r
    }

    /// Runs `f` on the spare chunk rests under the pool's spin lock.
    fn with_spare<R>(&self, f: impl FnOnce(&mut SpareChunks) -> R) -> R {
        self.with(|_| {
            // SAFETY: the pool lock is held (inside `with`), so this is the
            // only reference.
            f(unsafe { &mut *self.spare.get() })
        })
    }

    /// Pushes the batch starting at `first` onto the stack of `class`.
    pub(super) fn push_batch(&self, class: usize, first: *mut FreeBlock) {
        self.with(|batches| {
            // SAFETY: the batch is ours until it is linked here; lock held.
            unsafe { (*first).next_batch = batches[class] };
            batches[class] = first;
            self.nonempty[class].store(true, Ordering::Relaxed);
        });
    }

    /// Pops a batch of `class` (null: none).
    pub(super) fn pop_batch(&self, class: usize) -> *mut FreeBlock {
        self.with(|batches| {
            let first = batches[class];
            if !first.is_null() {
                // SAFETY: a pooled batch's first block holds the link to the
                // next batch; the pool lock is held.
                batches[class] = unsafe { (*first).next_batch };
            }
            self.nonempty[class].store(!batches[class].is_null(), Ordering::Relaxed);
            first
        })
    }

    /// Whether a batch of `class` may be waiting (a hint read without
    /// the lock).
    #[inline]
    pub(super) fn may_have_batch(&self, class: usize) -> bool {
        self.nonempty[class].load(Ordering::Relaxed)
    }

    /// A chunk rest an ended thread left, if any.
    pub(super) fn take_spare(&self) -> Option<ChunkRest> {
        self.with_spare(|spare| {
            spare.len = spare.len.checked_sub(1)?;
            Some(spare.rests[spare.len])
        })
    }

    /// Keeps `rest` for a new thread, unless the stack is full (then it
    /// is left unused: address space only, never touched).
    pub(super) fn put_spare(&self, rest: ChunkRest) {
        self.with_spare(|spare| {
            if spare.len < SPARE_CHUNKS {
                spare.rests[spare.len] = rest;
                spare.len += 1;
            }
        });
    }
}
