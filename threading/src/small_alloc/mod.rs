//! `SmallAlloc`: the `minipy` binary's allocator — per-thread free lists of
//! small blocks in front of the system allocator, as CPython's `pymalloc`
//! sits in front of `malloc`.
//!
//! ```text
//!   alloc(size ≤ 512, align ≤ 16)   class = ⌈size / 16⌉ − 1
//!       this thread's list[class] non-empty → pop it                (fast path)
//!       else a batch from the shared pool[class] → becomes the list
//!       else carve 16·(class+1) bytes off this thread's 64 KiB chunk
//!   dealloc(small block)            push onto this thread's list[class]
//!       list longer than its limit → half of it goes to pool[class] as one batch
//!   anything larger or more aligned → System (glibc malloc), untouched
//! ```
//!
//! Why: a MiniPy program allocates and frees an object (and often its item
//! vector) per list slice, tuple, instance, bound value that outlives a
//! frame. In nqueens' callgrind profile glibc's `free` took ~100
//! instructions and `malloc` ~40 per call, 1.7 million of each: an eighth
//! of the run. CPython meets the same churn with `pymalloc`
//! (`Objects/obmalloc.c`): size classes of 16 bytes up to 512, pools of
//! equal blocks, a free list per pool. A pop or push here is a handful of
//! instructions on memory only this thread touches.
//!
//! Where the memory goes and why it stays bounded:
//! - A block freed by another thread than the one that made it joins the
//!   freeing thread's list (no owner lookup, no atomics). A thread that
//!   only frees (a consumer of a queue) would grow its lists without end,
//!   so each list has a limit (64 KiB of blocks, at least 64 blocks) past
//!   which half of it moves, as one linked batch, to a pool shared by all
//!   threads; a thread whose list is empty takes a batch from the pool
//!   before it carves new memory. Memory carved is therefore at most the
//!   program's peak of live small blocks plus the lists' limits.
//! - A MiniPy thread hands its lists to the pool when it ends
//!   ([`release_thread_cache`], from `vm/lifecycle.rs`); a thread that
//!   never calls it keeps at most its limits (plus the untouched rest of
//!   its chunk, which is address space, never faulted in).
//! - Chunks are never returned to the system (simplification: `pymalloc`
//!   frees an arena once all its pools are empty, which needs per-pool
//!   counts this allocator does not keep).
//!
//! Roads not taken: a crate (`mimalloc`, `jemalloc`) — the crate has no
//! runtime dependencies, and the mechanism is CPython's own; owner-returning
//! frees (mimalloc's delayed free lists) — they bound memory per thread
//! more tightly but need an atomic per cross-thread free; one global lock —
//! every allocation would take it.
//!
//! Only the `minipy` binary installs it (`#[global_allocator]` in
//! `bin/minipy.rs`), and the crate's bench (`examples/bench.rs`), which
//! times MiniPy as that binary runs it; the library, its tests' in-process
//! interpreters and the other crates keep the system allocator. The CLI
//! tests (and the corpus, run through the binary) exercise it.
//!
//! Python equivalent: `Objects/obmalloc.c` (`pymalloc_alloc`,
//! `pymalloc_free`). Needs `pool.rs` (the shared pool) and std.

mod pool;

use pool::{ChunkRest, POOL};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// Block sizes are multiples of this, and every block is aligned to it.
const GRAIN: usize = 16;
/// Size classes: 16, 32, ..., 512 bytes.
pub(crate) const CLASSES: usize = 32;
/// The largest size served from the lists.
const MAX_SMALL: usize = GRAIN * CLASSES;
/// Bytes carved at a time from the system for one thread's new blocks.
const CHUNK: usize = 64 * 1024;
/// Bytes of free blocks a thread keeps per class before handing half to
/// the pool.
const LIST_BYTES: usize = 64 * 1024;

/// A free block: the link to the next free block of its list, and, on the
/// first block of a batch in the pool, the link to the next batch.
pub(crate) struct FreeBlock {
    /// The next block of the same list or batch.
    next: *mut FreeBlock,
    /// The next batch (meaningful only on a batch's first block).
    pub(crate) next_batch: *mut FreeBlock,
}

/// One thread's free lists and the chunk it carves from.
struct ThreadCache {
    /// Per class, the first free block (null: empty).
    heads: [*mut FreeBlock; CLASSES],
    /// Per class, how many blocks the list holds.
    counts: [u32; CLASSES],
    /// The next uncarved byte of this thread's chunk.
    bump: *mut u8,
    /// One past the chunk's last byte.
    end: *mut u8,
}

impl ThreadCache {
    /// A thread's cache before its first allocation.
    const EMPTY: ThreadCache = ThreadCache {
        heads: [null_mut(); CLASSES],
        counts: [0; CLASSES],
        bump: null_mut(),
        end: null_mut(),
    };
}

thread_local! {
    /// This thread's cache. `const`-initialised and without `Drop`, so an
    /// access is a plain thread-local load: no lazy registration, which
    /// could itself allocate inside the allocator.
    static CACHE: UnsafeCell<ThreadCache> = const { UnsafeCell::new(ThreadCache::EMPTY) };
}

/// The class of a small layout, or `None` for one the system serves.
#[inline(always)]
fn class_of(layout: &Layout) -> Option<usize> {
    if layout.size() > MAX_SMALL || layout.align() > GRAIN || layout.size() == 0 {
        return None;
    }
    Some((layout.size() - 1) / GRAIN)
}

/// How many blocks of `class` a thread's list holds before it sheds half:
/// [`LIST_BYTES`] worth, at least 64. A table made at compile time: it is
/// read on every free, and computed there it was a division per free (1 %
/// of nqueens' instructions, and a long-latency instruction besides).
#[inline(always)]
fn list_limit(class: usize) -> u32 {
    const LIMITS: [u32; CLASSES] = {
        let mut limits = [0; CLASSES];
        let mut class = 0;
        while class < CLASSES {
            let n = LIST_BYTES / (GRAIN * (class + 1));
            limits[class] = if n > 64 { n as u32 } else { 64 };
            class += 1;
        }
        limits
    };
    LIMITS[class]
}

/// The allocator (see the module docs).
pub struct SmallAlloc;

// Blocks are `GRAIN`-aligned (chunks carved in its multiples) and at least
// their layout's size; each is on one list or batch at most, never handed
// out while it is; `class_of` gives `dealloc` the class `alloc` used.
// SAFETY: GlobalAlloc's contract, by the three facts above; larger sizes
// and alignments go to `System` both ways.
unsafe impl GlobalAlloc for SmallAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(&layout) else {
            // SAFETY: the caller's layout contract, passed through.
            return unsafe { System.alloc(layout) };
        };
        CACHE.with(|cache| {
            // SAFETY: this thread's cache; the allocator never re-enters
            // itself (the paths below call only `System` and the pool).
            let cache = unsafe { &mut *cache.get() };
            let head = cache.heads[class];
            // Fast path: pop this thread's list.
            if !head.is_null() {
                // SAFETY: a listed block is a free block we own; its
                // `next` was written when it was pushed.
                cache.heads[class] = unsafe { (*head).next };
                cache.counts[class] -= 1;
                return head.cast();
            }
            refill(cache, class)
        })
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class_of(&layout) else {
            // SAFETY: allocated by `System` with this layout (`alloc`).
            return unsafe { System.dealloc(ptr, layout) };
        };
        CACHE.with(|cache| {
            // SAFETY: as in `alloc`.
            let cache = unsafe { &mut *cache.get() };
            let block: *mut FreeBlock = ptr.cast();
            // SAFETY: the caller gives the block back; it is at least 16
            // bytes and 16-aligned (its class), room for the two links.
            unsafe { (*block).next = cache.heads[class] };
            cache.heads[class] = block;
            cache.counts[class] += 1;
            if cache.counts[class] > list_limit(class) {
                shed_half(cache, class);
            }
        })
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Fast path: both sizes are the system's (a growing big vector):
        // glibc may grow it in place.
        if layout.size() > MAX_SMALL && new_size > MAX_SMALL {
            // SAFETY: allocated by `System` with `layout`; the caller's
            // contract on `new_size`, passed through.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // SAFETY: the caller guarantees `new_size` with `layout.align()`
        // is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // Fast path: the new size is in the block's own class (a small
        // vector growing or shrinking within 16 bytes).
        if let Some(class) = class_of(&layout) {
            if class_of(&new_layout) == Some(class) {
                return ptr;
            }
        }
        // Plain path: allocate, copy, free (the trait's default).
        // SAFETY: a non-zero size (`new_size` > 0 by the realloc contract).
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are valid for the smaller size and
            // distinct (the old one is still allocated).
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// The list of `class` is empty: a batch from the pool becomes it, or a
/// block is carved from the chunk. Out of line: the fast path stays small.
#[cold]
#[inline(never)]
fn refill(cache: &mut ThreadCache, class: usize) -> *mut u8 {
    // The pool is usually empty (only threads that free more than they
    // allocate feed it): a relaxed look first keeps its lock off the path
    // of a fresh allocation.
    let batch = if POOL.may_have_batch(class) {
        POOL.pop_batch(class)
    } else {
        null_mut()
    };
    if !batch.is_null() {
        // The batch's first block is the answer; the rest becomes the list.
        let mut n = 0;
        // SAFETY: the batch is ours now; its blocks are linked by `next`.
        let rest = unsafe { (*batch).next };
        let mut b = rest;
        while !b.is_null() {
            n += 1;
            // SAFETY: as above.
            b = unsafe { (*b).next };
        }
        cache.heads[class] = rest;
        cache.counts[class] = n;
        return batch.cast();
    }
    let size = GRAIN * (class + 1);
    if (cache.end as usize) - (cache.bump as usize) < size {
        // A new chunk (the rest of the old one, under 512 bytes, is
        // left): an ended thread's rest if the pool has one, else the
        // system's.
        let rest = match POOL.take_spare() {
            Some(rest) => rest,
            None => {
                // SAFETY: a valid, non-zero layout.
                let chunk =
                    unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN)) };
                if chunk.is_null() {
                    return chunk;
                }
                ChunkRest {
                    bump: chunk,
                    // SAFETY: one past the end of the chunk just allocated.
                    end: unsafe { chunk.add(CHUNK) },
                }
            }
        };
        cache.bump = rest.bump;
        cache.end = rest.end;
    }
    // One block at a time, so that consecutive allocations of any classes
    // (an instance, its dict, the dict's entries) sit side by side as
    // malloc would place them (see the module docs).
    let block = cache.bump;
    // SAFETY: `size` bytes fit before `end` (checked above).
    cache.bump = unsafe { block.add(size) };
    block
}

/// The list of `class` is past its limit: its first half moves to the
/// pool as one batch.
#[cold]
#[inline(never)]
fn shed_half(cache: &mut ThreadCache, class: usize) {
    let keep = cache.counts[class] / 2;
    let give = cache.counts[class] - keep;
    let first = cache.heads[class];
    let mut last = first;
    for _ in 1..give {
        // SAFETY: the list holds `counts[class]` linked blocks.
        last = unsafe { (*last).next };
    }
    // SAFETY: `last` is the `give`-th block of the list.
    cache.heads[class] = unsafe { (*last).next };
    cache.counts[class] = keep;
    // SAFETY: as above; the batch now ends at `last`.
    unsafe { (*last).next = null_mut() };
    POOL.push_batch(class, first);
}

/// Hands this thread's free lists to the pool (a MiniPy thread's last act:
/// `vm/lifecycle.rs`), so blocks it freed serve other threads after it
/// ends. Blocks freed later on this thread start new lists.
pub fn release_thread_cache() {
    CACHE.with(|cache| {
        // SAFETY: this thread's cache; no allocation runs meanwhile.
        let cache = unsafe { &mut *cache.get() };
        for class in 0..CLASSES {
            let first = cache.heads[class];
            if !first.is_null() {
                cache.heads[class] = null_mut();
                cache.counts[class] = 0;
                POOL.push_batch(class, first);
            }
        }
        // The chunk's uncarved rest, if worth keeping, for a new thread.
        if (cache.end as usize) - (cache.bump as usize) >= 4096 {
            let rest = ChunkRest {
                bump: cache.bump,
                end: cache.end,
            };
            POOL.put_spare(rest);
        }
        cache.bump = null_mut();
        cache.end = null_mut();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_blocks_are_reused_aligned_and_large_ones_pass_through() {
        let a = SmallAlloc;
        let l = Layout::from_size_align(40, 8).expect("layout");
        // SAFETY: matching alloc/dealloc pairs with the same layout.
        unsafe {
            let p = a.alloc(l);
            assert_eq!(p as usize % GRAIN, 0);
            p.write_bytes(0xAB, 40);
            a.dealloc(p, l);
            // The same class hands the same block back (LIFO list).
            let q = a.alloc(Layout::from_size_align(48, 16).expect("layout"));
            assert_eq!(p, q);
            a.dealloc(q, Layout::from_size_align(48, 16).expect("layout"));
            let big = Layout::from_size_align(4096, 8).expect("layout");
            let b = a.alloc(big);
            b.write_bytes(1, 4096);
            let b2 = a.realloc(b, big, 8192);
            assert_eq!(*b2.add(4095), 1);
            a.dealloc(b2, Layout::from_size_align(8192, 8).expect("layout"));
        }
    }

    #[test]
    fn a_thread_that_only_frees_hands_blocks_to_the_pool() {
        let a = SmallAlloc;
        let l = Layout::from_size_align(32, 8).expect("layout");
        let n = 3 * list_limit(1) as usize;
        // SAFETY: blocks allocated here are freed once, on another thread.
        let blocks: Vec<usize> = (0..n).map(|_| unsafe { a.alloc(l) } as usize).collect();
        std::thread::spawn(move || {
            for p in blocks {
                // SAFETY: each block was allocated with `l` and is freed once.
                unsafe { SmallAlloc.dealloc(p as *mut u8, l) };
            }
            let kept = CACHE.with(|c| {
                // SAFETY: this thread's cache, read only.
                unsafe { (*c.get()).counts[1] }
            });
            assert!(kept <= list_limit(1), "the list stays within its limit");
            release_thread_cache();
        })
        .join()
        .expect("freeing thread");
        // This thread's next allocations come from the pooled batches.
        // SAFETY: allocated and freed with the same layout.
        unsafe {
            let p = a.alloc(l);
            assert!(!p.is_null());
            a.dealloc(p, l);
        }
    }
}
