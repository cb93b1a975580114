//! The thread's slice cache: `BUILD_SLICE` refills the slice object of
//! the previous `a[i:j]` instead of allocating a new one, once nothing
//! else holds it.
//!
//! ```text
//!   a[i:j]   BUILD_SLICE ─▶ cache unique? ─yes─▶ its three fields replaced,
//!                                 │              a second reference pushed
//!                                 └─no──▶ a fresh slice, which becomes the cache
//!            BINARY_SUBSCR reads it, pops it: the count goes back to 1,
//!            no free, no drop of its fields
//! ```
//!
//! Why: slices are made and dropped once per slicing, and the object
//! itself is only a carrier of its three bounds. fannkuch and nqueens make
//! several hundred thousand; each was an allocation, a free and the
//! object's release dropping three values through the drop glue.
//!
//! Who can tell: nobody. A slice that a `__getitem__` stored, or that
//! `slice(...)` made and a variable holds, has a second reference, so the
//! cache leaves it alone and takes a fresh slice. The bounds of the last
//! slice live until the next one replaces them or the thread ends
//! (`ThreadCtx::drop_values`) — invisible without `__del__` or weak
//! references, which MiniPy does not have (as `frame_arena.rs` says of the
//! code objects a spare frame keeps).
//!
//! Python equivalent: `Objects/sliceobject.c`'s `slice_cache` (3.11: one
//! slice object per interpreter, put back by `slice_dealloc` and taken by
//! `_PyBuildSlice_Consume2`); ours stays referenced instead of put back,
//! since our `Arc` frees at a count of zero. 3.12's `BINARY_SLICE` goes
//! further and builds no slice object at all, which needs new instructions
//! (the road not taken here). Needs `object/range.rs` (`Slice`) and
//! `object/refcount.rs` (`Arc::get_mut`).

use crate::object::range::Slice;
use crate::object::refcount::Arc;
use crate::object::Value;

/// A thread's cached slice object (see the module docs).
#[derive(Default)]
pub struct SliceCache {
    /// The last slice `build` made, still referenced by the cache.
    slot: Option<Arc<Slice>>,
}

impl SliceCache {
    /// `slice(start, stop, step)` for `BUILD_SLICE`. Fast path: the cached
    /// slice, when the cache's reference is its only one, refilled in
    /// place; plain path: a fresh allocation, kept as the new cache.
    pub fn build(&mut self, start: Value, stop: Value, step: Value) -> Value {
        if let Some(cached) = &mut self.slot {
            if let Some(slice) = Arc::get_mut(cached) {
                // The old bounds (mostly ints and `None`) let go inline.
                std::mem::replace(&mut slice.start, start).release();
                std::mem::replace(&mut slice.stop, stop).release();
                std::mem::replace(&mut slice.step, step).release();
                return Value::Slice(cached.clone());
            }
        }
        let fresh = Arc::new(Slice { start, stop, step });
        self.slot = Some(fresh.clone());
        Value::Slice(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(v: &Value) -> (i64, i64) {
        match v {
            Value::Slice(s) => match (&s.start, &s.stop) {
                (Value::Int(a), Value::Int(b)) => (*a, *b),
                _ => panic!("int bounds"),
            },
            _ => panic!("a slice"),
        }
    }

    #[test]
    fn a_slice_no_one_holds_is_refilled_and_a_held_one_is_left_alone() {
        let mut cache = SliceCache::default();
        let first = cache.build(Value::Int(1), Value::Int(2), Value::None);
        let first_id = first.id();
        drop(first);
        // Only the cache held it: the same object comes back, refilled.
        let second = cache.build(Value::Int(3), Value::Int(4), Value::None);
        assert_eq!(second.id(), first_id);
        assert_eq!(bounds(&second), (3, 4));
        // `second` is still held: the next slice is a fresh object and
        // `second` keeps its bounds.
        let third = cache.build(Value::Int(5), Value::Int(6), Value::None);
        assert_ne!(third.id(), second.id());
        assert_eq!((bounds(&second), bounds(&third)), ((3, 4), (5, 6)));
    }
}
