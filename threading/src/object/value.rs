//! `Value`: every MiniPy object, in 16 bytes.
//!
//! ```text
//!   Value ─┬─ None | Bool | Int(i64) | Float(f64)        inline: no allocation, no refcount
//!          ├─ Str | Bytes | Tuple | FrozenSet | Range     immutable, behind an Arc
//!          ├─ List | Dict | Set | ByteArray               mutable: their state is in a PyCell
//!          ├─ Function | Method | Native                  callables
//!          ├─ Type | Instance | Module                    classes and their instances
//!          └─ Generator | Iter | RangeIter | DictView | Slice
//! ```
//!
//! Ints, floats, bools and `None` live inline, so arithmetic loops never
//! touch a reference count (CPython boxes every int: the main reason a
//! MiniPy count loop can beat it). Every heap object is an `Arc`: threads
//! share objects freely, and whatever can change sits in the one cell type
//! (`cell.rs`). Built-in types have their own variant so the eval loop can
//! match them directly; everything else — user classes' instances,
//! exceptions, native objects like locks — is an [`Instance`] of a
//! [`Type`].
//!
//! `type(v)` is [`Value::class`]: the variant's built-in type (from
//! `builtin_types.rs`) or the instance's class.
//!
//! Simplification: reference cycles (`xs.append(xs)`, an instance whose
//! attribute refers back to it) leak, as they would in CPython without its
//! cycle collector.
//!
//! Python equivalent: `PyObject` and the concrete object types of
//! `Objects/`.

use super::bigint::BigInt;
use super::builtin_types::types;
use super::bytes::{ByteArray, Bytes};
use super::dict::Dict;
use super::function::{Function, Method, NativeFunction};
use super::generator::Generator;
use super::instance::{Instance, Payload};
use super::iter::{DictView, Iter};
use super::module::Module;
use super::range::{Range, RangeIter, Slice};
use super::seq::{List, Tuple};
use super::set::Set;
use super::str::PyStr;
use super::types::Type;
use crate::object::refcount::{Arc, StrongCount};
use std::sync::OnceLock;

/// A `bool` aligned like a pointer: the payload of [`Value::Bool`].
///
/// Why: with a plain `bool` the compiler packs it right after `Value`'s
/// tag byte (offset 1), so "the payload" spans bytes 1..16 and every move
/// of a `Value` between differently shaped places (into a `PyResult`,
/// onto the stack, out of an `Option`) copies a tag byte plus 15 bytes
/// as two overlapping 8-byte loads at offsets 1 and 8 — loads the CPU
/// cannot forward from the stores that wrote the value (a tag byte and
/// the 8 bytes at offset 8), a stall of ~15 cycles on each (perf: the
/// largest single cost left in `exec_policy` and the attribute paths).
/// With every payload at offset 8, a move is the tag and one aligned
/// 8-byte word, each matching a store. `Value` stays 16 bytes and keeps
/// its niche (`Option<Value>` is 16 bytes too).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(align(8))]
pub struct Flag(pub bool);

/// A MiniPy value.
pub enum Value {
    /// An empty stack slot (`LOAD_METHOD`'s "no self"); never visible to
    /// Python code.
    Null,
    /// `None`
    None,
    /// `NotImplemented`
    NotImplemented,
    /// `...`
    Ellipsis,
    /// `True` / `False`, in an 8-aligned [`Flag`] so that every variant's
    /// payload sits at offset 8 (see [`Flag`]).
    Bool(Flag),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// `float`
    Float(f64),
    /// An `int` that does not (never one that fits: results demote).
    BigInt(Arc<BigInt>),
    /// `str`
    Str(Arc<PyStr>),
    /// `bytes`
    Bytes(Arc<Bytes>),
    /// `bytearray`
    ByteArray(Arc<ByteArray>),
    /// `tuple`
    Tuple(Arc<Tuple>),
    /// `list`
    List(Arc<List>),
    /// `dict`
    Dict(Arc<Dict>),
    /// `set`
    Set(Arc<Set>),
    /// `frozenset`
    FrozenSet(Arc<Set>),
    /// `range`
    Range(Arc<Range>),
    /// `iter(range(...))`: the hot `for i in range(n)` iterator, lock-free.
    RangeIter(Arc<RangeIter>),
    /// `slice`
    Slice(Arc<Slice>),
    /// A Python function.
    Function(Arc<Function>),
    /// A bound method.
    Method(Arc<Method>),
    /// A function written in Rust.
    Native(Arc<NativeFunction>),
    /// A class.
    Type(Arc<Type>),
    /// An instance of a class (user classes, exceptions, native objects).
    Instance(Arc<Instance>),
    /// A module.
    Module(Arc<Module>),
    /// A generator or coroutine.
    Generator(Arc<Generator>),
    /// A built-in iterator.
    Iter(Arc<Iter>),
    /// `dict_keys` / `dict_values` / `dict_items`.
    DictView(Arc<DictView>),
}

impl Clone for Value {
    /// One more reference: the payload's count goes up (pointer variants),
    /// then the 16 bytes are copied whole.
    ///
    /// Why not `#[derive(Clone)]`: the derived clone rebuilds the value
    /// field by field (a tag byte store, then the payload), and the next
    /// copy of the result — into a `PyResult`, onto the stack — reads it
    /// back in other pieces (bytes 1..9, 8..16), which the CPU cannot
    /// forward from two separate stores: a stall of ~15 cycles on every
    /// clone whose result moves on at once (perf: a third of a cached
    /// `self.x`). One 16-byte copy is forwarded to any load inside it.
    ///
    /// Always inlined: at a call site that knows the variant (an unpacked
    /// tuple of ints, a float slot) the match folds away; out of line it
    /// was a call plus a jump table per clone (unpack_sequence −23 %,
    /// richards −5 % CPU, N=9; the binary grows 2 %).
    ///
    /// Fast path: the count is found through [`refcount`](Self::refcount),
    /// one range test on the tag. The plain match cloning each variant's
    /// `Arc` in its own arm stayed a jump table at every inlined site (perf:
    /// an indirect jump per cached `self.x`): go −1 %, nbody −3 %
    /// instructions, go/richards/nbody −4 to −5 %, raytrace −8 % CPU.
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(count) = self.refcount() {
            count.take_one_more();
        }
        // The match above took the one extra reference the copy owns (a
        // pointer variant's count, forgotten so that it stays taken), or
        // the variant owns nothing.
        // SAFETY: so the bitwise copy is a second, independent owner, as the derived clone's result is.
        unsafe { std::ptr::read(self) }
    }
}

impl Default for Value {
    /// `Null`: an empty slot.
    fn default() -> Value {
        Value::Null
    }
}

impl Value {
    /// A new `str`.
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(PyStr::new(s)))
    }

    /// A new `str` from an owned `String`.
    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(PyStr::new(s)))
    }

    /// A new `tuple`.
    pub fn tuple(items: Vec<Value>) -> Value {
        if items.is_empty() {
            return Value::empty_tuple();
        }
        Value::Tuple(Arc::new(Tuple::new(items)))
    }

    /// `()`: one shared object, as in CPython (`() is ()`).
    pub fn empty_tuple() -> Value {
        static EMPTY: OnceLock<Arc<Tuple>> = OnceLock::new();
        Value::Tuple(
            EMPTY
                .get_or_init(|| Arc::new(Tuple::new(Vec::new())))
                .clone(),
        )
    }

    /// A new `list`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(List::new(items)))
    }

    /// A new empty `dict`.
    pub fn new_dict() -> Value {
        Value::Dict(Arc::new(Dict::new()))
    }

    /// The value's class (`type(v)`).
    #[inline]
    pub fn class(&self) -> &Arc<Type> {
        let t = types();
        match self {
            Value::Instance(i) => &i.class,
            // `type(C)` is `type` (MiniPy has no metaclasses).
            Value::Type(_) => &t.type_,
            Value::Null | Value::None => &t.none,
            Value::NotImplemented => &t.not_implemented,
            Value::Ellipsis => &t.ellipsis,
            Value::Bool(Flag(_)) => &t.bool_,
            Value::Int(_) | Value::BigInt(_) => &t.int,
            Value::Float(_) => &t.float,
            Value::Str(_) => &t.str_,
            Value::Bytes(_) => &t.bytes,
            Value::ByteArray(_) => &t.bytearray,
            Value::Tuple(_) => &t.tuple,
            Value::List(_) => &t.list,
            Value::Dict(_) => &t.dict,
            Value::Set(_) => &t.set,
            Value::FrozenSet(_) => &t.frozenset,
            Value::Range(_) => &t.range,
            Value::RangeIter(_) => &t.range_iterator,
            Value::Slice(_) => &t.slice,
            Value::Function(_) => &t.function,
            Value::Method(_) => &t.method,
            Value::Native(_) => &t.builtin_function,
            Value::Module(_) => &t.module,
            Value::Generator(g) => match g.kind {
                super::generator::GenKind::Generator => &t.generator,
                super::generator::GenKind::Coroutine => &t.coroutine,
            },
            Value::Iter(it) => t.iterator_type(it.type_name),
            Value::DictView(v) => match v.kind {
                super::iter::ViewKind::Keys => &t.dict_keys,
                super::iter::ViewKind::Values => &t.dict_values,
                super::iter::ViewKind::Items => &t.dict_items,
            },
        }
    }

    /// The class name, as error messages print it (`'int' object ...`).
    #[inline]
    pub fn type_name(&self) -> &str {
        self.class().name.as_str()
    }

    /// Identity (`is`): the same object for heap values; the same value
    /// for the inline ones (CPython caches small ints, `None`, `True`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) | (NotImplemented, NotImplemented) => true,
            (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => {
                Arc::ptr_eq(a, b) || (a.char_count() <= 1 && a.as_str() == b.as_str())
            }
            _ => self.heap_ptr().is_some() && self.heap_ptr() == other.heap_ptr(),
        }
    }

    /// The address of the heap object, if the value has one.
    pub fn heap_ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            Str(a) => Arc::as_ptr(a) as usize,
            BigInt(a) => Arc::as_ptr(a) as usize,
            Bytes(a) => Arc::as_ptr(a) as usize,
            ByteArray(a) => Arc::as_ptr(a) as usize,
            Tuple(a) => Arc::as_ptr(a) as usize,
            List(a) => Arc::as_ptr(a) as usize,
            Dict(a) => Arc::as_ptr(a) as usize,
            Set(a) | FrozenSet(a) => Arc::as_ptr(a) as usize,
            Range(a) => Arc::as_ptr(a) as usize,
            RangeIter(a) => Arc::as_ptr(a) as usize,
            Slice(a) => Arc::as_ptr(a) as usize,
            Function(a) => Arc::as_ptr(a) as usize,
            Method(a) => Arc::as_ptr(a) as usize,
            Native(a) => Arc::as_ptr(a) as usize,
            Type(a) => Arc::as_ptr(a) as usize,
            Instance(a) => Arc::as_ptr(a) as usize,
            Module(a) => Arc::as_ptr(a) as usize,
            Generator(a) => Arc::as_ptr(a) as usize,
            Iter(a) => Arc::as_ptr(a) as usize,
            DictView(a) => Arc::as_ptr(a) as usize,
            _ => return Option::None,
        })
    }

    /// `id(v)`: the heap address, or a number derived from an inline value.
    pub fn id(&self) -> i64 {
        match self.heap_ptr() {
            Some(p) => p as i64,
            Option::None => match self {
                Value::Int(i) => 0x1000_0000_0000_i64.wrapping_add(i.wrapping_mul(32)),
                Value::Float(f) => 0x2000_0000_0000_i64 ^ (f.to_bits() >> 4) as i64,
                Value::Bool(Flag(b)) => 0x3000_0000_0000 + *b as i64 * 32,
                Value::None => 0x3000_0000_0100,
                Value::NotImplemented => 0x3000_0000_0200,
                Value::Ellipsis => 0x3000_0000_0300,
                _ => 0,
            },
        }
    }

    /// Equality as containers test it (`x is y or x == y`), when it needs
    /// no Python code: `None` means "ask the interpreter" (a class that
    /// defines `__eq__`, or mutable containers).
    pub fn fast_eq(&self, other: &Value) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a == b),
            (Str(a), Str(b)) => Some(Arc::ptr_eq(a, b) || a.as_str() == b.as_str()),
            (BigInt(a), BigInt(b)) => Some(a == b),
            (BigInt(a), Float(f)) | (Float(f), BigInt(a)) => {
                Some(a.cmp_f64(*f) == Some(std::cmp::Ordering::Equal))
            }
            (BigInt(_), Int(_) | Bool(_)) | (Int(_) | Bool(_), BigInt(_)) => Some(false),
            (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => {
                if self.is(other) {
                    return Some(true);
                }
                Some(match (self.as_f64_exact(), other.as_f64_exact()) {
                    (Some(NumKey::I(a)), Some(NumKey::I(b))) => a == b,
                    (Some(NumKey::F(a)), Some(NumKey::F(b))) => a == b,
                    (Some(NumKey::I(i)), Some(NumKey::F(f)))
                    | (Some(NumKey::F(f)), Some(NumKey::I(i))) => int_float_eq(i, f),
                    _ => false,
                })
            }
            (None, None) | (Null, Null) | (NotImplemented, NotImplemented) => Some(true),
            (Ellipsis, Ellipsis) => Some(true),
            (Tuple(a), Tuple(b)) => {
                if Arc::ptr_eq(a, b) {
                    return Some(true);
                }
                if a.len() != b.len() {
                    return Some(false);
                }
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.fast_eq(y) {
                        Some(true) => {}
                        other => return other,
                    }
                }
                Some(true)
            }
            (Bytes(a), Bytes(b)) => Some(a.data == b.data),
            (Type(a), Type(b)) => Some(Arc::ptr_eq(a, b)),
            (Method(a), Method(b)) => Some(a.func.is(&b.func) && a.self_.is(&b.self_)),
            (Range(a), Range(b)) => Some(**a == **b || (a.is_empty() && b.is_empty())),
            (Instance(a), Instance(b)) if Arc::ptr_eq(a, b) => Some(true),
            (Instance(a), _) | (_, Instance(a)) => {
                if a.class
                    .lookup(&types().names.eq)
                    .is_some_and(|m| !m.is(&types().object_eq()))
                {
                    Option::None
                } else {
                    match (self, other) {
                        (Instance(_), Instance(_)) => Some(false),
                        // A plain instance against a built-in value: the
                        // built-in side may still define equality
                        // (containers); let the interpreter decide.
                        (List(_) | Dict(_) | Set(_) | FrozenSet(_), _)
                        | (_, List(_) | Dict(_) | Set(_) | FrozenSet(_)) => Option::None,
                        _ => Some(false),
                    }
                }
            }
            (List(_) | Dict(_) | Set(_) | FrozenSet(_) | ByteArray(_) | DictView(_), _)
            | (_, List(_) | Dict(_) | Set(_) | FrozenSet(_) | ByteArray(_) | DictView(_)) => {
                if self.is(other) {
                    Some(true)
                } else {
                    Option::None
                }
            }
            _ => Some(self.is(other)),
        }
    }

    /// `Value::Type(type(self))`.
    pub fn class_value(&self) -> Value {
        Value::Type(self.class().clone())
    }

    /// The number inside an int, bool or float, as an exact key.
    fn as_f64_exact(&self) -> Option<NumKey> {
        match self {
            Value::Int(i) => Some(NumKey::I(*i)),
            Value::Bool(Flag(b)) => Some(NumKey::I(*b as i64)),
            Value::Float(f) => Some(NumKey::F(*f)),
            _ => Option::None,
        }
    }

    /// The list storage of a `list` or list-subclass instance.
    #[inline]
    pub fn as_list(&self) -> Option<&List> {
        match self {
            Value::List(l) => Some(l),
            Value::Instance(i) => match &i.payload {
                Payload::List(l) => Some(l),
                _ => Option::None,
            },
            _ => Option::None,
        }
    }

    /// The dict storage of a `dict` or dict-subclass instance.
    #[inline]
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Value::Dict(d) => Some(d),
            Value::Instance(i) => match &i.payload {
                Payload::Dict(d) => Some(d),
                _ => Option::None,
            },
            _ => Option::None,
        }
    }

    /// The items of a `tuple` or tuple-subclass instance.
    #[inline]
    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self {
            Value::Tuple(t) => Some(&t.items),
            Value::Instance(i) => match &i.payload {
                Payload::Tuple(t) => Some(&t.items),
                _ => Option::None,
            },
            _ => Option::None,
        }
    }

    /// The table of a `set`/`frozenset` or set-subclass instance.
    #[inline]
    pub fn as_set(&self) -> Option<&Set> {
        match self {
            Value::Set(s) | Value::FrozenSet(s) => Some(s),
            Value::Instance(i) => match &i.payload {
                Payload::Set(s) => Some(s),
                _ => Option::None,
            },
            _ => Option::None,
        }
    }

    /// The text of a `str`.
    #[inline]
    pub fn as_str(&self) -> Option<&PyStr> {
        match self {
            Value::Str(s) => Some(s),
            _ => Option::None,
        }
    }

    /// The strong count of a pointer variant's object, its type forgotten
    /// (`None` for the variants that own nothing): what `clone` changes. Every pointer arm returns the
    /// same thing (the payload pointer, the count sitting at offset 0 of
    /// every `Arc`'s allocation), so this match compiles to one range
    /// test on the tag, not a jump table (`Float` precedes `BigInt` in
    /// the enum for that: the variants owning nothing are tags 0..=6).
    /// Only `clone` uses it: the same test and an inline decrement in
    /// [`discard`](Self::discard) (the glue only for a last reference)
    /// took fewer instructions at some sites and more at others, and
    /// no less CPU time (go +1 %, richards +5 %, N=7).
    #[inline(always)]
    fn refcount(&self) -> Option<StrongCount<'_>> {
        match self {
            Value::Null
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(Flag(_))
            | Value::Int(_)
            | Value::Float(_) => None,
            Value::BigInt(a) => Some(Arc::strong_handle(a)),
            Value::Str(a) => Some(Arc::strong_handle(a)),
            Value::Bytes(a) => Some(Arc::strong_handle(a)),
            Value::ByteArray(a) => Some(Arc::strong_handle(a)),
            Value::Tuple(a) => Some(Arc::strong_handle(a)),
            Value::List(a) => Some(Arc::strong_handle(a)),
            Value::Dict(a) => Some(Arc::strong_handle(a)),
            Value::Set(a) => Some(Arc::strong_handle(a)),
            Value::FrozenSet(a) => Some(Arc::strong_handle(a)),
            Value::Range(a) => Some(Arc::strong_handle(a)),
            Value::RangeIter(a) => Some(Arc::strong_handle(a)),
            Value::Slice(a) => Some(Arc::strong_handle(a)),
            Value::Function(a) => Some(Arc::strong_handle(a)),
            Value::Method(a) => Some(Arc::strong_handle(a)),
            Value::Native(a) => Some(Arc::strong_handle(a)),
            Value::Type(a) => Some(Arc::strong_handle(a)),
            Value::Instance(a) => Some(Arc::strong_handle(a)),
            Value::Module(a) => Some(Arc::strong_handle(a)),
            Value::Generator(a) => Some(Arc::strong_handle(a)),
            Value::Iter(a) => Some(Arc::strong_handle(a)),
            Value::DictView(a) => Some(Arc::strong_handle(a)),
        }
    }

    /// Lets `self` go with the reference count's decrement inline: one
    /// range test on the tag, then the decrement
    /// ([`ErasedRef`](crate::object::refcount::ErasedRef)), the
    /// object's release called only for a last reference. For out-of-line
    /// code that lets many values go at once (a returning frame's locals,
    /// `Frame::reset`), where the plain `drop` called the enum's drop
    /// glue, out of line, whose match LLVM lowers as a jump table.
    #[inline(always)]
    pub fn release(self) {
        let erased = match self {
            Value::Null
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(Flag(_))
            | Value::Int(_)
            | Value::Float(_) => return,
            Value::BigInt(a) => Arc::into_erased(a),
            Value::Str(a) => Arc::into_erased(a),
            Value::Bytes(a) => Arc::into_erased(a),
            Value::ByteArray(a) => Arc::into_erased(a),
            Value::Tuple(a) => Arc::into_erased(a),
            Value::List(a) => Arc::into_erased(a),
            Value::Dict(a) => Arc::into_erased(a),
            Value::Set(a) => Arc::into_erased(a),
            Value::FrozenSet(a) => Arc::into_erased(a),
            Value::Range(a) => Arc::into_erased(a),
            Value::RangeIter(a) => Arc::into_erased(a),
            Value::Slice(a) => Arc::into_erased(a),
            Value::Function(a) => Arc::into_erased(a),
            Value::Method(a) => Arc::into_erased(a),
            Value::Native(a) => Arc::into_erased(a),
            Value::Type(a) => Arc::into_erased(a),
            Value::Instance(a) => Arc::into_erased(a),
            Value::Module(a) => Arc::into_erased(a),
            Value::Generator(a) => Arc::into_erased(a),
            Value::Iter(a) => Arc::into_erased(a),
            Value::DictView(a) => Arc::into_erased(a),
        };
        drop(erased);
    }

    /// Drops `self`, testing inline for a variant that holds no reference
    /// (`None`, a bool, an int, a float, ...): those need nothing done, and
    /// the plain `drop` is an out-of-line call through the enum's drop glue
    /// even for them. Fast path for the eval loop's pops, where most values
    /// dropped are such scalars. (The glue itself was a jump table on the
    /// tag until `refcount.rs` put each object's release function in the
    /// object: now one range test, but still a call. The history below is
    /// from the jump-table days.)
    ///
    /// Roads not taken (measured, 13 pyperformance files, N=21: geomean
    /// 0.993, every file within the ±3 % noise): `discard` at the other
    /// hot drop sites perf names (`call_stack`'s callable, `Frame::reset`'s
    /// locals, the native call's argument buffer, `positional_frame`'s
    /// truncate, the cached attribute store's old value), with a pointer
    /// variant's count taken off in an out-of-line helper that tests the
    /// tag with one compare instead of the glue's jump table. Cachegrind
    /// counted 18 % fewer indirect mispredicts in richards, yet the CPU
    /// time did not move: the glue's cost is mostly its load of the tag
    /// from memory, which the helper pays too (perf moved the samples
    /// from `drop_in_place` to `call_stack`). Folding the 21 pointer arms
    /// into that one test needs the count read through a type-erased
    /// handle: arms calling `Arc::drop`-like code per type stay a jump
    /// table. Inlined into `discard`, the helper's test merged with the
    /// scalar test into a jump table at each site (the fused unpack
    /// store's loop, old values all ints: +17 % CPU).
    #[inline(always)]
    pub fn discard(self) {
        match self {
            Value::Null
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_) => std::mem::forget(self),
            // Plain path: the drop glue.
            other => drop(other),
        }
    }

    /// `*slot = v` for a local variable slot, the old value (if bound)
    /// dropped through [`discard`](Self::discard). The plain assignment
    /// calls the shared drop glue, whose one jump table on the tag (then)
    /// served every caller and so predicted badly: with this,
    /// unpack_sequence took 35–40 % less CPU. (The same inline test in the int/float fast paths
    /// of BINARY_OP and COMPARE_OP cost richards 25 %, so it is not there:
    /// measure each site.)
    #[inline(always)]
    pub fn store_local(slot: &mut Option<Value>, v: Option<Value>) {
        if let Some(old) = std::mem::replace(slot, v) {
            old.discard();
        }
    }

    /// [`truthy_fast`](Self::truthy_fast) for the instruction loop's
    /// jumps. Fast path: a bool, `None` or an int answered inline (most
    /// tests are comparisons); anything else calls the whole match, which
    /// the compiler keeps out of line (12 instructions a call, 700 k calls
    /// in go and richards).
    #[inline(always)]
    pub fn truthy_inline(&self) -> Option<bool> {
        match self.scalar_truth() {
            Some(b) => Some(b),
            None => self.truthy_fast(),
        }
    }

    /// The truth of a bool, `None` or an int (`None` for anything else):
    /// the values whose truth is their payload, which own nothing.
    #[inline(always)]
    pub fn scalar_truth(&self) -> Option<bool> {
        match self {
            Value::Bool(Flag(b)) => Some(*b),
            Value::None => Some(false),
            Value::Int(i) => Some(*i != 0),
            _ => None,
        }
    }

    /// Truthiness when no Python code is needed (`None` for instances
    /// whose class may define `__bool__` or `__len__`).
    pub fn truthy_fast(&self) -> Option<bool> {
        Some(match self {
            Value::None | Value::Null => false,
            Value::Bool(Flag(b)) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => s.char_count() > 0,
            Value::Bytes(b) => !b.data.is_empty(),
            Value::ByteArray(b) => !b.lock().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) | Value::FrozenSet(s) => !s.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(_) | Value::DictView(_) => return Option::None,
            _ => true,
        })
    }
}

/// An exact numeric key for cross-type equality.
enum NumKey {
    /// An int.
    I(i64),
    /// A float.
    F(f64),
}

/// `i == f` exactly (no rounding of `i` to a float first).
fn int_float_eq(i: i64, f: f64) -> bool {
    if !f.is_finite() || f.fract() != 0.0 {
        return false;
    }
    // 2**63 as a float: every integral float below it fits an i64.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_63..TWO_63).contains(&f) {
        f as i64 == i
    } else {
        false
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Bool(Flag(b)) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::None => f.write_str("None"),
            Value::Str(s) => write!(f, "{s:?}"),
            other => write!(f, "<{} object>", other.type_name()),
        }
    }
}

#[cfg(test)]
mod layout {
    use super::*;

    #[test]
    fn a_value_is_two_words_and_keeps_its_niche() {
        // `Flag` moved `Bool`'s payload to offset 8 without growing
        // anything: `Option<Value>` (locals, slots, dict entries) still
        // uses the tag's spare values for `None`.
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
        assert_eq!(std::mem::align_of::<Flag>(), 8);
    }
}
