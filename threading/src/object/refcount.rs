//! `Arc<T>`: the reference-counted pointer behind every `Value` — std's
//! `Arc` with one difference: where the process's one run allows it (a
//! GIL-mode run, or a free-threaded run that has one thread:
//! `cell_mode.rs`) its counts are plain increments and decrements, not
//! atomic read-modify-writes.
//!
//! ```text
//!   Arc<T> ──▶ Inner { strong, weak, release, value: T }   (one allocation)
//!
//!   clone:  counts_are_plain()           strong = strong + 1     mov/add/mov
//!           otherwise                    strong.fetch_add(1)     lock xadd
//!   drop:   the same choice for strong - 1; the last one calls the
//!           object's own `release` (`release::<T>`, stored at `new`),
//!           which drops `value`, then gives up the strong side's weak
//!           count; the last weak frees the allocation (std's scheme)
//! ```
//!
//! Why `release` sits in the object: with the type's drop called directly
//! (std's way), `Arc<T>::drop` is different code for every `T`, so the
//! drop glue of `Value` (one arm per pointer variant, 19 of them) was a
//! jump table on the tag, and every inlined `Value` drop carried one: an
//! indirect jump per dropped value, predicted badly because one shared
//! table serves every drop site (perf: `drop_in_place::<Value>` 8 % of
//! go's samples, the largest function after the instruction loop). With
//! the last reference's work found through the object — as CPython finds
//! `tp_dealloc` through `ob_type` — every arm is the same decrement and
//! the compiler folds them into one range test on the tag: 13 files −9 %
//! CPU (nbody −25 %, spectral_norm −16 %, richards −9 %), for 8 bytes per
//! object and an indirect call where an object is freed.
//!
//! Why: a `Value` clone or drop is a reference count change, and with
//! std's `Arc` each one is an atomic RMW (`lock xadd`, ~20 cycles even
//! uncontended). In pyperformance's class-heavy files `Value::clone` and
//! `drop_in_place::<Value>` were a quarter of the run (perf: go 10 % + 14 %,
//! richards 12 % + 12 %), nearly all of it on the locked instruction.
//! CPython's GIL builds count with a plain `ob_refcnt++`: the GIL makes its
//! holder the only thread touching objects. The same holds here in a
//! process that claimed one GIL-mode run (`cell_mode.rs`, the `minipy`
//! CLI): every count change of a `Value`-reachable object happens on the
//! thread holding the GIL, and the GIL's mutex orders one holder's
//! changes before the next holder's. Everywhere else (`--gil none`, the
//! test harness's side-by-side interpreters, sharing the process-wide
//! built-in types) the counts stay atomic, exactly as std's; so do a
//! free-threaded run's from its second thread on.
//!
//! What the claim relies on, beyond `cell.rs`'s rules: **no thread changes
//! a `Value`'s count without holding the GIL.** A thread's last act under
//! the GIL is to drop every value it holds (its frames, stack, frame
//! arena, type cache and its target's result: `vm/lifecycle.rs`); a
//! blocking call's closure works on native state only; the runtime (module
//! dicts, builtins) is dropped after every thread is joined. Objects that
//! threads reach outside the GIL (the runtime, the GIL itself, sockets,
//! lock handles, code objects' file names) use std's `Arc`, named as such.
//!
//! Roads not taken:
//! - Biased reference counting (PEP 703, CPython 3.13t): an owner thread
//!   counts without atomics, others with; it would speed up `--gil none`
//!   too, but needs a per-object owner id, a shared counter and merging
//!   when the owner dies: far more machinery than one process-wide mode.
//! - Immortal objects (PEP 683): no counting at all for `None`, small ints
//!   and the like; ours are inline in `Value` already and never counted.
//!
//! Same API as the std items it replaces (`new`, `clone`, `ptr_eq`,
//! `as_ptr`, `strong_count`, `downgrade`/`Weak::upgrade`, `Deref`,
//! comparisons delegating to `T`), so a file switches by its `use` line.
//! Sized `T` only: no value type needs `Arc<dyn Trait>` or `Arc<[T]>`.
//!
//! Python equivalent: `Py_INCREF`/`Py_DECREF` (`Include/object.h`), plain
//! in the GIL builds, atomic/biased in the free-threaded one. Needs
//! `cell_mode.rs` (whether the claim holds) and std.

use super::cell_mode::counts_are_plain;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{fence, AtomicUsize};

/// The one allocation behind an [`Arc`] and its [`Weak`]s. `repr(C)`: the
/// strong count is at offset 0 and `release` at offset 16 whatever `T` is,
/// so `Value`'s clone and drop arms for its many pointer variants compile
/// to the same instructions.
#[repr(C)]
struct Inner<T> {
    /// Strong references (`Arc`s).
    strong: AtomicUsize,
    /// Weak references, plus one held collectively by the strong ones
    /// while any exists (std's scheme: the allocation is freed when this
    /// reaches zero).
    weak: AtomicUsize,
    /// `release::<T>`: what the last strong reference runs, read from the
    /// object rather than chosen by the type at the drop site, so that
    /// `Arc<T>::drop` is the same instructions for every `T` (module docs).
    release: unsafe fn(NonNull<()>),
    /// The object; dropped by hand in `drop_slow` when the last strong
    /// reference goes, before the allocation itself is freed (when the
    /// last weak one goes).
    value: ManuallyDrop<T>,
}

/// Counts past this abort, as std's `Arc` does: a count that wrapped would
/// free a live object.
const MAX_REFCOUNT: usize = isize::MAX as usize;

/// Adds one to `count`: a plain add under the claimed GIL, else atomic.
#[inline(always)]
fn increment(count: &AtomicUsize) {
    let old = if counts_are_plain() {
        // Fast path: the GIL holder (or a free-threaded run's only
        // thread) is the only thread counting, so the count is changed
        // with plain memory accesses. The road not taken, a Relaxed load
        // and store, is as exclusive, but the compiler never fuses atomic
        // accesses: with plain ones `decrement` below is one `dec` of
        // memory (this increment stays a load, an add and a store, since
        // its overflow check needs the old count).
        // `counts_are_plain` holds only while one thread at a time changes
        // any count (`cell_mode.rs`), and that thread is this one.
        let p = count.as_ptr();
        // SAFETY: no atomic or plain access to this count runs
        // concurrently, so the plain read-modify-write is no data race.
        unsafe {
            let n = *p;
            *p = n + 1;
            n
        }
    } else {
        // Plain path: Relaxed suffices for an increment (std's reasoning:
        // the new reference is made from an existing one, which keeps the
        // object alive).
        count.fetch_add(1, Relaxed)
    };
    if old > MAX_REFCOUNT {
        std::process::abort();
    }
}

/// Takes one from `count`; whether that was the last (the caller then
/// owns the object outright, every other holder's writes visible).
#[inline(always)]
fn decrement(count: &AtomicUsize) -> bool {
    if counts_are_plain() {
        // Fast path: as `increment`; the GIL's mutex already ordered every
        // earlier holder's writes before this thread's.
        let p = count.as_ptr();
        // SAFETY: as in `increment`: this thread is the only one counting.
        unsafe {
            let n = *p;
            *p = n - 1;
            n == 1
        }
    } else if count.fetch_sub(1, Release) == 1 {
        // Plain path: std's `Arc::drop`: Release on every decrement, one
        // Acquire fence by the last, so every other holder's use of the
        // object happens before its destruction.
        fence(Acquire);
        true
    } else {
        false
    }
}

/// A counted pointer to a shared `T` (see the module docs).
pub struct Arc<T> {
    /// The allocation; live while this `Arc` is.
    ptr: NonNull<Inner<T>>,
    /// Owns an `Inner<T>` for the drop checker.
    _owns: PhantomData<Inner<T>>,
}

// As std's `Arc`: sending or sharing an `Arc<T>` lets another thread
// reach `&T` and drop the last reference (dropping `T` there), so both
// need `T: Send + Sync`; the counts themselves are atomics (used plainly
// only when `cell_mode.rs` says one thread at a time counts).
// SAFETY: so `T: Send + Sync` is exactly what crossing threads needs.
unsafe impl<T: Send + Sync> Send for Arc<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync> Sync for Arc<T> {}

impl<T> Arc<T> {
    /// A new allocation holding `value`, with one strong reference.
    pub fn new(value: T) -> Arc<T> {
        let inner = Box::new(Inner {
            strong: AtomicUsize::new(1),
            weak: AtomicUsize::new(1),
            release: release::<T>,
            value: ManuallyDrop::new(value),
        });
        Arc {
            ptr: NonNull::from(Box::leak(inner)),
            _owns: PhantomData,
        }
    }

    #[inline(always)]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: this `Arc` holds a strong reference, so the allocation
        // and its value are alive.
        unsafe { self.ptr.as_ref() }
    }

    /// This `Arc`'s strong reference as a handle that has forgotten `T`
    /// (see [`ErasedRef`]).
    #[inline(always)]
    pub fn into_erased(this: Arc<T>) -> ErasedRef {
        let this = ManuallyDrop::new(this);
        ErasedRef {
            ptr: this.ptr.cast(),
        }
    }

    /// This `Arc`'s strong count as a handle that has forgotten `T`, so
    /// that code holding `Arc`s of many types (`Value::clone`'s pointer
    /// variants) takes one more reference with the same instructions for
    /// every type (see [`StrongCount`]).
    #[inline(always)]
    pub fn strong_handle(this: &Arc<T>) -> StrongCount<'_> {
        StrongCount(&this.inner().strong)
    }

    /// Whether two `Arc`s point to the same allocation (`is`).
    #[inline]
    pub fn ptr_eq(a: &Arc<T>, b: &Arc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The address of the value (`id()`), stable while any `Arc` lives.
    #[inline]
    pub fn as_ptr(this: &Arc<T>) -> *const T {
        let value: &T = &this.inner().value;
        value
    }

    /// The value, mutably, when this `Arc` is its only reference (strong
    /// count 1, and no `Weak` besides the strong side's own: nothing else
    /// can reach the value or make a new reference to it); `None`
    /// otherwise. `Acquire` loads, as std's `Arc::get_mut`: a last other
    /// reference dropped on another thread (`--gil none`) released its
    /// accesses with its decrement, so they happen before ours.
    pub fn get_mut(this: &mut Arc<T>) -> Option<&mut T> {
        let inner = this.inner();
        if inner.strong.load(Acquire) != 1 || inner.weak.load(Acquire) != 1 {
            return None;
        }
        // The only strong reference is `this`, borrowed mutably here, and
        // no `Weak` exists that could upgrade meanwhile (weak count 1 is
        // the strong side's own).
        // SAFETY: no other reference to the value exists for the borrow.
        let inner = unsafe { &mut *this.ptr.as_ptr() };
        Some(&mut *inner.value)
    }

    /// The number of strong references (tests and "am I the only holder"
    /// checks; exact under a GIL, a snapshot otherwise).
    pub fn strong_count(this: &Arc<T>) -> usize {
        this.inner().strong.load(Relaxed)
    }

    /// A weak reference to the same object.
    pub fn downgrade(this: &Arc<T>) -> Weak<T> {
        increment(&this.inner().weak);
        Weak { ptr: this.ptr }
    }

    /// Drops the value and gives up the strong side's weak count: the
    /// last strong reference is gone. Out of line: the common drop is a
    /// decrement and nothing else.
    #[inline(never)]
    fn drop_slow(&mut self) {
        // The strong count reached zero on this thread, so no other `Arc`
        // exists and nobody else can reach `value`. The allocation stays
        // until the weak count (which includes the strong side's one)
        // reaches zero below.
        // SAFETY: so `value` is live, unshared, and dropped exactly once, here.
        unsafe { ManuallyDrop::drop(&mut (*self.ptr.as_ptr()).value) };
        drop(Weak { ptr: self.ptr });
    }
}

/// One strong reference of some [`Arc`], its type forgotten (owned: the
/// reference is given up when this is dropped).
///
/// Why: the mirror of [`StrongCount`] for drops. `Value`'s drop glue
/// calls each pointer variant's `Arc<T>::drop`, which is the same
/// decrement at the same offset for every `T`, yet LLVM lowers the glue's
/// match as a jump table on the tag (its arms are separate code until
/// inlined) and leaves the glue out of line. A match whose arms each turn
/// their `Arc` into this handle computes one value (the payload pointer),
/// so it folds into one range test, and the decrement is written once,
/// inline where the value is let go (`Value::release`).
pub struct ErasedRef {
    /// The allocation, an `Inner<T>` for the `T` the handle forgot.
    ptr: NonNull<()>,
}

impl Drop for ErasedRef {
    #[inline(always)]
    fn drop(&mut self) {
        // `Inner` is `repr(C)`: `strong` and `release` sit at the same
        // offsets whatever `T` is, so they are read through `Inner<()>`.
        let inner = self.ptr.cast::<Inner<()>>();
        // SAFETY: `ptr` came from a live `Arc<T>` whose strong reference
        // this handle owns (`Arc::into_erased`), so the allocation is live;
        // only the `T`-independent prefix fields are read.
        let (strong, release) = unsafe { (&(*inner.as_ptr()).strong, (*inner.as_ptr()).release) };
        if decrement(strong) {
            // SAFETY: `release` is `release::<T>` for this very allocation
            // (set in `Arc::new`), and this was its last strong reference.
            unsafe { release(self.ptr) };
        }
    }
}

/// The strong count of some [`Arc`], its type forgotten (borrowed from
/// that `Arc`, so the object is alive while the handle is).
///
/// Why: `Arc<T>::clone` is the same increment at the same offset for
/// every `T` (`Inner` is `repr(C)`), but a `match` whose arms each clone a
/// different `Arc<T>` still compiles to a jump table on the tag: the arms
/// are separate code that happens to be alike. Arms that each return this
/// handle compute the same value (the payload pointer), so the match
/// folds into one range test on the tag and the increment is written
/// once, after it.
pub struct StrongCount<'a>(&'a AtomicUsize);

impl StrongCount<'_> {
    /// One more strong reference: the caller then owns it, and must make
    /// an `Arc` of it (`Value::clone` copies the value's bits).
    #[inline(always)]
    pub fn take_one_more(&self) {
        increment(self.0);
    }
}

impl<T> Clone for Arc<T> {
    #[inline(always)]
    fn clone(&self) -> Arc<T> {
        increment(&self.inner().strong);
        Arc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for Arc<T> {
    #[inline(always)]
    fn drop(&mut self) {
        if decrement(&self.inner().strong) {
            let release = self.inner().release;
            // SAFETY: `release` is `release::<T>` for this very allocation
            // (set in `new`), and this was its last strong reference.
            unsafe { release(self.ptr.cast()) };
        }
    }
}

/// The last strong reference to an `Inner<T>` is gone: drop the value and
/// give up the strong side's weak count (`drop_slow`, through an `Arc`
/// remade from the erased pointer and not dropped again).
///
/// # Safety
/// `ptr` must be an `Inner<T>` whose strong count just reached zero.
unsafe fn release<T>(ptr: NonNull<()>) {
    let mut last = ManuallyDrop::new(Arc::<T> {
        ptr: ptr.cast(),
        _owns: PhantomData,
    });
    last.drop_slow();
}

impl<T> std::ops::Deref for Arc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.inner().value
    }
}

impl<T> AsRef<T> for Arc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T> std::borrow::Borrow<T> for Arc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T> From<T> for Arc<T> {
    fn from(value: T) -> Arc<T> {
        Arc::new(value)
    }
}

impl<T: Default> Default for Arc<T> {
    fn default() -> Arc<T> {
        Arc::new(T::default())
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Arc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Arc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Arc<T> {
    fn eq(&self, other: &Arc<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Arc<T> {}

impl<T: PartialOrd> PartialOrd for Arc<T> {
    fn partial_cmp(&self, other: &Arc<T>) -> Option<std::cmp::Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: Ord> Ord for Arc<T> {
    fn cmp(&self, other: &Arc<T>) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: std::hash::Hash> std::hash::Hash for Arc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

/// A reference that does not keep the object alive (a class's list of
/// subclasses); [`Weak::upgrade`] gives an [`Arc`] while one exists.
pub struct Weak<T> {
    /// The allocation; kept (not the value) while this `Weak` lives.
    ptr: NonNull<Inner<T>>,
}

// SAFETY: as std's `Weak`: upgrading gives an `Arc<T>` on this thread.
unsafe impl<T: Send + Sync> Send for Weak<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync> Sync for Weak<T> {}

impl<T> Weak<T> {
    /// The strong count. Through a raw field projection, not `&Inner`:
    /// the value may be being dropped on another thread (`drop_slow`), and
    /// a reference to the whole `Inner` would overlap its `&mut`.
    #[inline]
    fn strong(&self) -> &AtomicUsize {
        // SAFETY: a `Weak` keeps the allocation (not the value) alive.
        unsafe { &*std::ptr::addr_of!((*self.ptr.as_ptr()).strong) }
    }

    /// The weak count (as [`strong`](Self::strong)).
    #[inline]
    fn weak(&self) -> &AtomicUsize {
        // SAFETY: as in `strong`.
        unsafe { &*std::ptr::addr_of!((*self.ptr.as_ptr()).weak) }
    }

    /// The number of strong references (0: the object is gone).
    pub fn strong_count(&self) -> usize {
        self.strong().load(Relaxed)
    }

    /// An `Arc` to the object if it is still alive.
    pub fn upgrade(&self) -> Option<Arc<T>> {
        let strong = self.strong();
        if counts_are_plain() {
            // Fast path: no other thread can drop the last `Arc` meanwhile.
            let n = strong.load(Relaxed);
            if n == 0 {
                return None;
            }
            strong.store(n + 1, Relaxed);
        } else {
            // Plain path: std's upgrade: increment only from non-zero.
            strong
                .fetch_update(Acquire, Relaxed, |n| {
                    (n != 0 && n <= MAX_REFCOUNT).then_some(n + 1)
                })
                .ok()?;
        }
        Some(Arc {
            ptr: self.ptr,
            _owns: PhantomData,
        })
    }
}

impl<T> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        increment(self.weak());
        Weak { ptr: self.ptr }
    }
}

impl<T> Drop for Weak<T> {
    fn drop(&mut self) {
        if decrement(self.weak()) {
            // The weak count (which the strong side holds one of while any
            // `Arc` lives) reached zero: nothing else refers to the
            // allocation, and the value was dropped in `drop_slow`. The
            // pointer came from `Box::leak` in `Arc::new`; the value is
            // `ManuallyDrop`, so freeing the box does not drop it again.
            // SAFETY: so this is the box's one and last owner.
            drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize as Counter;

    /// Counts its drops.
    struct Tracked<'a>(&'a Counter);
    impl Drop for Tracked<'_> {
        fn drop(&mut self) {
            self.0.fetch_add(1, Relaxed);
        }
    }

    #[test]
    fn clones_share_and_the_last_drop_drops_once() {
        let drops = Counter::new(0);
        let a = Arc::new(Tracked(&drops));
        let b = a.clone();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(Arc::strong_count(&a), 2);
        drop(a);
        assert_eq!(drops.load(Relaxed), 0);
        drop(b);
        assert_eq!(drops.load(Relaxed), 1);
    }

    #[test]
    fn an_erased_reference_gives_up_its_count_and_the_last_one_drops() {
        let drops = Counter::new(0);
        let a = Arc::new(Tracked(&drops));
        let b = a.clone();
        let w = Arc::downgrade(&a);
        drop(Arc::into_erased(a));
        assert_eq!((Arc::strong_count(&b), drops.load(Relaxed)), (1, 0));
        drop(Arc::into_erased(b));
        assert_eq!(drops.load(Relaxed), 1);
        // The allocation outlives the value while a weak reference does.
        assert!(w.upgrade().is_none());
    }

    #[test]
    fn weak_upgrades_while_alive_and_not_after() {
        let drops = Counter::new(0);
        let a = Arc::new(Tracked(&drops));
        let w = Arc::downgrade(&a);
        let w2 = w.clone();
        assert!(w.upgrade().is_some());
        drop(a);
        assert_eq!(drops.load(Relaxed), 1);
        assert!(w.upgrade().is_none());
        drop(w);
        drop(w2);
        assert_eq!(drops.load(Relaxed), 1);
    }

    #[test]
    fn threads_cloning_and_dropping_leave_exact_counts() {
        // This test binary never claims, so the counts are atomic here.
        let drops = Counter::new(0);
        let a = Arc::new(Tracked(&drops));
        std::thread::scope(|s| {
            for _ in 0..4 {
                let mine = a.clone();
                s.spawn(move || {
                    for _ in 0..10_000 {
                        drop(mine.clone());
                    }
                    drop(mine);
                });
            }
        });
        assert_eq!(Arc::strong_count(&a), 1);
        drop(a);
        assert_eq!(drops.load(Relaxed), 1);
    }

    #[test]
    fn as_ptr_is_the_value_address() {
        let a = Arc::new(7u64);
        assert_eq!(Arc::as_ptr(&a), &*a as *const u64);
    }
}
