//! `range`, its iterator, and `slice` objects.
//!
//! ```text
//!   range(2, 10, 3)        Range { start: 2, stop: 10, step: 3 }   len 3: 2, 5, 8
//!   iter(range(...))       RangeIter: the next value in ONE atomic, no lock
//!   xs[1:-1:2]             Slice { start: 1, stop: -1, step: 2 } ─indices(len)─▶ positions
//! ```
//!
//! `for i in range(n)` is the hottest loop there is, so the range iterator
//! steps an atomic instead of going through a cell.
//!
//! Simplification: range bounds are 64-bit (`range(2**70)` raises
//! `OverflowError`, as CPython does for `len()` of such a range).
//! Simplification: two threads sharing one range iterator may both get the
//! same number (the load and the store are not one atomic step); nothing
//! can crash, and CPython 3.13t documents the same for shared iterators.
//!
//! Python equivalent: `Objects/rangeobject.c`, `Objects/sliceobject.c`
//! (`PySlice_Unpack`, `PySlice_AdjustIndices`).

use super::value::Value;
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

/// A `range`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// First value.
    pub start: i64,
    /// Exclusive bound.
    pub stop: i64,
    /// Never 0.
    pub step: i64,
}

impl Range {
    /// `range(*args)` when `args` are one to three small ints and the step
    /// is not zero; `None` for anything `range.__new__` must convert
    /// (`__index__`, bools, big ints) or reject, which it does itself.
    pub fn from_ints(args: &[Value]) -> Option<Range> {
        let int = |v: &Value| match v {
            Value::Int(i) => Some(*i),
            _ => None,
        };
        let (start, stop, step) = match args {
            [stop] => (0, int(stop)?, 1),
            [start, stop] => (int(start)?, int(stop)?, 1),
            [start, stop, step] => (int(start)?, int(stop)?, int(step)?),
            _ => return None,
        };
        (step != 0).then_some(Range { start, stop, step })
    }

    /// `len(r)`.
    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start + step - 1) / step
        } else if step < 0 && start > stop {
            (start - stop - step - 1) / (-step)
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `r[i]` for `0 <= i < len`.
    pub fn item(&self, i: i64) -> i64 {
        self.start.wrapping_add(i.wrapping_mul(self.step))
    }

    /// Whether `v in r`.
    pub fn contains(&self, v: i64) -> bool {
        let inside = if self.step > 0 {
            self.start <= v && v < self.stop
        } else {
            self.stop < v && v <= self.start
        };
        inside && (v as i128 - self.start as i128) % self.step as i128 == 0
    }
}

/// `iter(range(...))`.
#[derive(Debug)]
pub struct RangeIter {
    /// The next value to yield (Relaxed: see the module docs).
    next: AtomicI64,
    /// Values left to yield (so the last step cannot overflow).
    left: AtomicI64,
    /// The step.
    step: i64,
}

impl RangeIter {
    /// An iterator over `r`.
    pub fn new(r: &Range) -> RangeIter {
        RangeIter {
            next: AtomicI64::new(r.start),
            left: AtomicI64::new(r.len()),
            step: r.step,
        }
    }

    /// The next value, or `None` when exhausted.
    #[inline(always)]
    pub fn next_int(&self) -> Option<i64> {
        let left = self.left.load(Relaxed);
        if left <= 0 {
            return None;
        }
        self.left.store(left - 1, Relaxed);
        let v = self.next.load(Relaxed);
        self.next.store(v.wrapping_add(self.step), Relaxed);
        Some(v)
    }

    /// How many values are left (`__length_hint__`).
    pub fn remaining(&self) -> i64 {
        self.left.load(Relaxed).max(0)
    }
}

/// A `slice` object: its three parts as given (`None` where omitted).
pub struct Slice {
    /// `start` (or `None`).
    pub start: Value,
    /// `stop` (or `None`).
    pub stop: Value,
    /// `step` (or `None`).
    pub step: Value,
}

/// A slice resolved against a length: `slice.indices(len)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIndices {
    /// First position.
    pub start: i64,
    /// Exclusive end (may be -1 for a backwards slice).
    pub stop: i64,
    /// Never 0.
    pub step: i64,
    /// How many positions the slice selects.
    pub len: usize,
}

impl SliceIndices {
    /// `PySlice_AdjustIndices`: clamps `start`/`stop` (already unpacked,
    /// `None` for omitted) into a sequence of `len` items.
    pub fn adjust(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> SliceIndices {
        let len = len as i64;
        let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
            None => default,
            Some(i) => {
                let i = if i < 0 { i.saturating_add(len) } else { i };
                i.clamp(lo, hi)
            }
        };
        let (start, stop) = if step > 0 {
            (clamp(start, 0, 0, len), clamp(stop, len, 0, len))
        } else {
            (
                clamp(start, len - 1, -1, len - 1),
                clamp(stop, -1, -1, len - 1),
            )
        };
        let n = if step > 0 {
            if start < stop {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        SliceIndices {
            start,
            stop,
            step,
            len: n.max(0) as usize,
        }
    }

    /// The selected positions, in order.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |k| (self.start + k as i64 * self.step) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_membership() {
        let r = Range {
            start: 2,
            stop: 10,
            step: 3,
        };
        assert_eq!(r.len(), 3);
        assert!(r.contains(8) && !r.contains(9));
        let back = Range {
            start: 10,
            stop: 0,
            step: -4,
        };
        assert_eq!(back.len(), 3);
        let it = RangeIter::new(&back);
        let got: Vec<i64> = std::iter::from_fn(|| it.next_int()).collect();
        assert_eq!(got, [10, 6, 2]);
    }

    #[test]
    fn slices_clamp_like_cpython() {
        let s = SliceIndices::adjust(None, None, -1, 5);
        assert_eq!(s.positions().collect::<Vec<_>>(), [4, 3, 2, 1, 0]);
        let s = SliceIndices::adjust(Some(-100), Some(100), 2, 5);
        assert_eq!(s.positions().collect::<Vec<_>>(), [0, 2, 4]);
        let s = SliceIndices::adjust(Some(3), Some(1), 1, 5);
        assert_eq!(s.len, 0);
    }
}
