//! `Value` and `Array`: plain data in `MAP_SHARED` memory, each with its
//! own process-shared lock.
//!
//! ```text
//!   Value<T>:  [ RawLock ][ T ]                  one mmap, inherited by fork
//!   Array<T>:  [ RawLock ][ pad ][ T; len ]
//! ```
//!
//! Every `get`/`set` takes the lock for that one access, exactly like
//! CPython's synchronized `Value.value`. So `v.set(v.get() + 1)` is *two*
//! locked steps with a gap between them: two processes can read the same
//! value and one increment is lost. `with_lock(|x| *x += 1)` holds the lock
//! across the read-modify-write and loses nothing (see
//! `examples/shared_counter.rs`).
//!
//! Only `Copy` types are allowed: a value is bytes in a shared page, and a
//! type that owns heap memory (a `String`, a `Vec`) would point into *one*
//! process's private heap. Simplification: a `Copy` type holding a
//! reference is still accepted; with fork the referenced statics exist in
//! every process, so it works, but it is not what `Value` is for.
//!
//! Needs: `sync.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.Value`, `multiprocessing.Array`
//! (with their default `lock=True`).

use crate::error::Result;
use crate::sync::{RawLock, SharedRegion};
use std::cell::UnsafeCell;
use std::sync::Arc;

/// The shared block of a `Value`.
#[repr(C)]
struct ValueCell<T> {
    /// Guards `value`.
    lock: RawLock,
    /// The data; accessed only while `lock` is held.
    value: UnsafeCell<T>,
}

// SAFETY: `value` is only touched while `lock` is held (see `Value`), so
// concurrent `&ValueCell` users never race on it; `T: Send` lets the data
// be read and written from any thread.
unsafe impl<T: Send> Sync for ValueCell<T> {}

/// Releases the raw lock when dropped (also during a panic in `f`).
struct Held<'a>(&'a RawLock);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// A `T` in shared memory with a lock (Python's `Value(typecode, init)`).
/// Clones (and forked children) see the same value.
#[derive(Clone)]
pub struct Value<T: Copy + Send + 'static> {
    /// The mapping holding lock and value.
    region: Arc<SharedRegion<ValueCell<T>>>,
}

impl<T: Copy + Send + 'static> Value<T> {
    /// A shared value starting at `init`.
    pub fn new(init: T) -> Result<Value<T>> {
        let cell = ValueCell {
            lock: RawLock::default(),
            value: UnsafeCell::new(init),
        };
        Ok(Value {
            region: Arc::new(SharedRegion::new(cell, 0)?),
        })
    }

    /// Runs `f` on the value with the lock held (Python's `with v.get_lock():`).
    pub fn with_lock<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let cell = self.region.get();
        cell.lock.acquire(None);
        let _held = Held(&cell.lock);
        // SAFETY: we hold `cell.lock`, so no other thread or process
        // accesses `value` until `_held` releases it.
        f(unsafe { &mut *cell.value.get() })
    }

    /// Reads the value (one locked step; Python's `v.value`).
    pub fn get(&self) -> T {
        self.with_lock(|v| *v)
    }

    /// Writes the value (one locked step; Python's `v.value = x`).
    pub fn set(&self, value: T) {
        self.with_lock(|v| *v = value)
    }
}

/// The header of an `Array`'s shared block; the elements follow it.
#[repr(C)]
struct ArrayHeader {
    /// Guards the elements.
    lock: RawLock,
}

/// A fixed-length `[T]` in shared memory with one lock (Python's
/// `Array(typecode, size_or_initializer)`).
#[derive(Clone)]
pub struct Array<T: Copy + Send + 'static> {
    /// The mapping: header, then `len` elements at `offset`.
    region: Arc<SharedRegion<ArrayHeader>>,
    /// Byte offset of element 0 (the header rounded up to `T`'s alignment).
    offset: usize,
    /// Number of elements.
    len: usize,
    /// The element type.
    _marker: std::marker::PhantomData<T>,
}

// SAFETY: the elements are only touched while the header's lock is held.
unsafe impl<T: Copy + Send + 'static> Sync for Array<T> {}
// SAFETY: as above; the handle is an Arc of a shared mapping.
unsafe impl<T: Copy + Send + 'static> Send for Array<T> {}

impl<T: Copy + Send + 'static> Array<T> {
    /// A shared array holding a copy of `init`.
    pub fn new(init: &[T]) -> Result<Array<T>> {
        let align = std::mem::align_of::<T>();
        let offset = std::mem::size_of::<ArrayHeader>().div_ceil(align) * align;
        let bytes = offset + std::mem::size_of_val(init);
        let region = SharedRegion::new(
            ArrayHeader {
                lock: RawLock::default(),
            },
            bytes,
        )?;
        let elements = region.byte_ptr(offset).cast::<T>();
        // SAFETY: `elements` is aligned for T (page-aligned base + offset
        // rounded to align_of::<T>()), has room for init.len() elements, and
        // does not overlap `init` (fresh mapping).
        unsafe { std::ptr::copy_nonoverlapping(init.as_ptr(), elements, init.len()) };
        Ok(Array {
            region: Arc::new(region),
            offset,
            len: init.len(),
            _marker: std::marker::PhantomData,
        })
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Runs `f` on the elements with the lock held.
    pub fn with_lock<R>(&self, f: impl FnOnce(&mut [T]) -> R) -> R {
        let header = self.region.get();
        header.lock.acquire(None);
        let _held = Held(&header.lock);
        let elements = self.region.byte_ptr(self.offset).cast::<T>();
        // SAFETY: `len` initialised, aligned elements live at `elements`
        // (see `new`), and we hold the lock, so this is the only access.
        f(unsafe { std::slice::from_raw_parts_mut(elements, self.len) })
    }

    /// Element `i` (`None` if out of range), one locked step.
    pub fn get(&self, i: usize) -> Option<T> {
        self.with_lock(|a| a.get(i).copied())
    }

    /// Sets element `i`; false if out of range.
    pub fn set(&self, i: usize, value: T) -> bool {
        self.with_lock(|a| a.get_mut(i).map(|slot| *slot = value).is_some())
    }

    /// A copy of all elements (Python's `arr[:]`).
    pub fn to_vec(&self) -> Vec<T> {
        self.with_lock(|a| a.to_vec())
    }
}
