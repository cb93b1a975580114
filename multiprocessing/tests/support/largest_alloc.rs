//! A global allocator that remembers the largest single request, for the
//! tests that prove hostile bytes allocate nothing past the message limit.
//!
//! Include it with `#[path = "support/largest_alloc.rs"] mod largest_alloc;`
//! and install it with `#[global_allocator] static A: largest_alloc::Counting
//! = largest_alloc::Counting;`. Process-wide: a test that reads it must run
//! alone in its binary (or serialise with the others).
//!
//! Needs: std only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Wraps the system allocator and remembers the largest request.
pub struct Counting;

/// The largest single allocation since the last [`reset`], process-wide.
static LARGEST: AtomicUsize = AtomicUsize::new(0);

/// Forgets the largest request seen so far.
pub fn reset() {
    LARGEST.store(0, Ordering::Relaxed);
}

/// The largest single request since the last [`reset`].
pub fn largest() -> usize {
    LARGEST.load(Ordering::Relaxed)
}

// SAFETY: delegates every call to `System` unchanged; only records sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
