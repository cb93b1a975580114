//! # `array`: compact arrays of one C type
//!
//! ```text
//!   array.array('B', [0, 0, 255])     Array { code: 'B', bytes: PyCell<[00 00 ff]> }
//!        a[2] = 7                     encode 7 as one unsigned char, store in place
//!        a[2]                         decode the item's bytes into an int
//!        a.tobytes()                  the bytes as they are (machine byte order)
//! ```
//!
//! An array keeps raw C values rather than Python objects: a million
//! `'d'` items are 8 MB of doubles, not a million float objects. Every
//! store converts the value to the type code's C type, with CPython's
//! range and type errors (`typecode.rs`); every load makes a fresh Python
//! value. The bytes live in the one cell type (`object/cell.rs`), so each
//! method is one short critical section: atomic under the GIL, untorn
//! without it. Values are converted *before* the cell is locked, because
//! a conversion may run Python code (`__index__`, `__float__`).
//!
//! Files: `typecode.rs` (the C types, conversions in and out), this file
//! (the class, its constructor and named methods), `seq.rs` (the sequence
//! protocol: indexing, slices, comparisons, `+`, `*`, iteration, repr).
//!
//! Differences from CPython, named: no buffer protocol (so no
//! `memoryview(a)`, and `bytes(a)` iterates the items instead of copying
//! the raw bytes: the same result only for `'B'`); no `fromfile`/`tofile`
//! (MiniPy has no file I/O) or pickling (`__reduce_ex__`); `buffer_info()`
//! reports the address of the bytes while the array is not resized.
//!
//! Python equivalent: `Modules/arraymodule.c`.

mod seq;
pub mod typecode;

use crate::object::bytes::Bytes;
use crate::object::cell::PyCell;
use crate::object::refcount::Arc;
use crate::object::types::Type;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, ModuleInit, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use typecode::{TypeCode, MAX_ITEMSIZE, TYPECODES};

/// An `array.array` object's native state.
pub struct Array {
    /// The C type of every item; fixed at creation.
    code: TypeCode,
    /// The items' bytes, `len * code.itemsize()` of them, in machine byte
    /// order. Locked for every access (see `object/cell.rs`).
    bytes: PyCell<Vec<u8>>,
}

impl Array {
    /// Bytes per item.
    fn itemsize(&self) -> usize {
        self.code.itemsize()
    }

    /// The number of items.
    fn len(&self) -> usize {
        self.bytes.lock().len() / self.itemsize()
    }

    /// A copy of the bytes.
    fn snapshot(&self) -> Vec<u8> {
        self.bytes.lock().clone()
    }

    /// The Python values of all items.
    fn values(&self) -> PyResult<Vec<Value>> {
        let bytes = self.snapshot();
        bytes
            .chunks_exact(self.itemsize())
            .map(|raw| self.code.decode(raw))
            .collect()
    }
}

/// `array.array`.
pub static ARRAY: NativeClass = NativeClass::new(
    "array",
    "array",
    &[
        NativeSpec::staticmethod("__new__", array_new),
        NativeSpec::getter("typecode", typecode),
        NativeSpec::getter("itemsize", itemsize),
        NativeSpec::method("append", append),
        NativeSpec::method("extend", extend),
        NativeSpec::method("insert", insert),
        NativeSpec::method("pop", pop),
        NativeSpec::method("remove", remove),
        NativeSpec::method("index", index),
        NativeSpec::method("count", count),
        NativeSpec::method("reverse", reverse),
        NativeSpec::method("byteswap", byteswap),
        NativeSpec::method("buffer_info", buffer_info),
        NativeSpec::method("tobytes", tobytes),
        NativeSpec::method("frombytes", frombytes),
        NativeSpec::method("tolist", tolist),
        NativeSpec::method("fromlist", fromlist),
        NativeSpec::method("tounicode", tounicode),
        NativeSpec::method("fromunicode", fromunicode),
        NativeSpec::method("__copy__", copy),
        NativeSpec::method("__deepcopy__", deepcopy),
        NativeSpec::method("__len__", seq::len),
        NativeSpec::method("__getitem__", seq::getitem),
        NativeSpec::method("__setitem__", seq::setitem),
        NativeSpec::method("__delitem__", seq::delitem),
        NativeSpec::method("__contains__", seq::contains),
        NativeSpec::method("__iter__", seq::iter),
        NativeSpec::method("__repr__", seq::repr),
        NativeSpec::method("__eq__", seq::eq),
        NativeSpec::method("__ne__", seq::ne),
        NativeSpec::method("__lt__", seq::lt),
        NativeSpec::method("__le__", seq::le),
        NativeSpec::method("__gt__", seq::gt),
        NativeSpec::method("__ge__", seq::ge),
        NativeSpec::method("__add__", seq::add),
        NativeSpec::method("__iadd__", seq::iadd),
        NativeSpec::method("__mul__", seq::mul),
        NativeSpec::method("__rmul__", seq::mul),
        NativeSpec::method("__imul__", seq::imul),
    ],
)
.subclassable()
.unhashable();

/// The `array` module.
pub static MODULE: NativeModule = NativeModule {
    name: "array",
    functions: &[],
    classes: &[&ARRAY],
    init: Some(init),
};

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    m.add("ArrayType", Value::Type(ARRAY.class().clone()));
    m.add("typecodes", Value::str(TYPECODES));
    Ok(())
}

/// The receiver's array.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Array> {
    args.native_self::<Array>(&ARRAY, method)
}

/// The array inside `v`, if `v` is one.
fn array_of(v: &Value) -> Option<&Array> {
    match v {
        Value::Instance(i) => i.native::<Array>(),
        _ => None,
    }
}

/// A new array value of class `cls` (`None`: `array.array` itself).
fn new_array(cls: Option<&Arc<Type>>, code: TypeCode, bytes: Vec<u8>) -> Value {
    let state = Array {
        code,
        bytes: PyCell::new(bytes),
    };
    match cls {
        Some(c) => NativeClass::instance_of(c, state),
        None => ARRAY.instance(state),
    }
}

/// The one argument of a method (`a.append(x)`).
fn one_arg<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    args.no_kwargs(name)?;
    args.arity(name, 2, 2)?;
    Ok(&args.positional()[1])
}

/// `values` encoded as `code`'s bytes, or the first conversion error.
fn encode_all(vm: &mut ThreadCtx, code: TypeCode, values: &[Value]) -> PyResult<Vec<u8>> {
    let size = code.itemsize();
    let mut out = Vec::with_capacity(values.len() * size);
    let mut buf = [0u8; MAX_ITEMSIZE];
    for v in values {
        code.encode(vm, v, &mut buf)?;
        out.extend_from_slice(&buf[..size]);
    }
    Ok(out)
}

/// `array.array(typecode[, initializer])`.
fn array_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    let cls = match cls {
        Some(Value::Type(c)) => c.clone(),
        _ => ARRAY.class().clone(),
    };
    if rest.has_kwargs() && Arc::ptr_eq(&cls, ARRAY.class()) {
        return Err(PyErr::type_error(
            "array.array() takes no keyword arguments",
        ));
    }
    let pos = rest.positional();
    match pos.len() {
        0 => {
            return Err(PyErr::type_error(
                "array() takes at least 1 argument (0 given)",
            ))
        }
        1 | 2 => {}
        n => {
            return Err(PyErr::type_error(format!(
                "array() takes at most 2 arguments ({n} given)"
            )))
        }
    }
    let c = match &pos[0] {
        Value::Str(s) if s.as_str().chars().count() == 1 => s.as_str().chars().next(),
        _ => None,
    };
    let Some(c) = c else {
        return Err(PyErr::type_error(format!(
            "array() argument 1 must be a unicode character, not {}",
            pos[0].type_name()
        )));
    };
    let initial = pos.get(1).filter(|v| !matches!(v, Value::None));
    // CPython's order of checks: str/unicode-array initializers first,
    // then "is it iterable", then the type code itself.
    if let (Some(init), true) = (initial, c != 'u') {
        if matches!(init, Value::Str(_)) {
            return Err(PyErr::type_error(format!(
                "cannot use a str to initialize an array with typecode '{c}'"
            )));
        }
        if array_of(init).is_some_and(|a| a.code == TypeCode::Unicode) {
            return Err(PyErr::type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{c}'"
            )));
        }
    }
    let direct = initial.is_some_and(|init| match init {
        Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_) => true,
        Value::Str(_) => c == 'u',
        other => array_of(other).is_some_and(|a| a.code.as_char() == c),
    });
    let iterator = match initial {
        Some(init) if !direct => Some(vm.get_iter(init)?),
        _ => None,
    };
    let Some(code) = TypeCode::from_char(c) else {
        return Err(PyErr::value_error(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        ));
    };
    let bytes = match (initial, iterator) {
        (None, _) => Vec::new(),
        (Some(_), Some(it)) => {
            let items = vm.collect(&it)?;
            encode_all(vm, code, &items)?
        }
        (Some(init), None) => match init {
            Value::List(l) => encode_all(vm, code, &l.snapshot())?,
            Value::Tuple(t) => encode_all(vm, code, &t.items)?,
            Value::Bytes(b) => whole_items(code, b.data.to_vec())?,
            Value::ByteArray(b) => whole_items(code, b.lock().clone())?,
            Value::Str(s) => unicode_bytes(s.as_str()),
            other => array_of(other).map(Array::snapshot).unwrap_or_default(),
        },
    };
    Ok(new_array(Some(&cls), code, bytes))
}

/// `bytes` as items of `code`: ValueError unless whole items.
fn whole_items(code: TypeCode, bytes: Vec<u8>) -> PyResult<Vec<u8>> {
    if !bytes.len().is_multiple_of(code.itemsize()) {
        return Err(PyErr::value_error(
            "bytes length not a multiple of item size",
        ));
    }
    Ok(bytes)
}

/// The `'u'` bytes of a string: one UCS-4 code unit per character.
fn unicode_bytes(s: &str) -> Vec<u8> {
    s.chars().flat_map(|c| (c as u32).to_ne_bytes()).collect()
}

fn typecode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "typecode")?;
    Ok(Value::string(a.code.as_char().to_string()))
}

fn itemsize(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "itemsize")?;
    Ok(Value::Int(a.itemsize() as i64))
}

/// `a.append(x)`.
fn append(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "append")?;
    let v = one_arg(&args, "append")?;
    let mut buf = [0u8; MAX_ITEMSIZE];
    a.code.encode(vm, v, &mut buf)?;
    a.bytes.lock().extend_from_slice(&buf[..a.itemsize()]);
    Ok(Value::None)
}

/// Appends the items of `iterable` to `a`: an array of the same code as a
/// block, anything else item by item (so a bad item stops the extension
/// after the good ones before it, as in CPython).
fn extend_with(vm: &mut ThreadCtx, a: &Array, iterable: &Value) -> PyResult<()> {
    if let Some(other) = array_of(iterable) {
        if other.code != a.code {
            return Err(PyErr::type_error("can only extend with array of same kind"));
        }
        let more = other.snapshot();
        a.bytes.lock().extend_from_slice(&more);
        return Ok(());
    }
    let it = vm.get_iter(iterable)?;
    let mut buf = [0u8; MAX_ITEMSIZE];
    while let Some(v) = vm.next(&it)? {
        a.code.encode(vm, &v, &mut buf)?;
        a.bytes.lock().extend_from_slice(&buf[..a.itemsize()]);
    }
    Ok(())
}

/// `a.extend(iterable)`.
fn extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "extend")?;
    let iterable = one_arg(&args, "extend")?;
    extend_with(vm, a, iterable)?;
    Ok(Value::None)
}

/// `a.insert(i, x)`: `i` is clamped into `0..=len`, as for lists.
fn insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "insert")?;
    args.no_kwargs("insert")?;
    args.arity("insert", 3, 3)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let mut buf = [0u8; MAX_ITEMSIZE];
    a.code.encode(vm, &args.positional()[2], &mut buf)?;
    let size = a.itemsize();
    let mut bytes = a.bytes.lock();
    let len = (bytes.len() / size) as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    bytes.splice(at * size..at * size, buf[..size].iter().copied());
    Ok(Value::None)
}

/// `a.pop(i=-1)`.
fn pop(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "pop")?;
    args.no_kwargs("pop")?;
    args.arity("pop", 1, 2)?;
    let i = match args.positional().get(1) {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let size = a.itemsize();
    let raw: Vec<u8> = {
        let mut bytes = a.bytes.lock();
        let len = (bytes.len() / size) as i64;
        if len == 0 {
            return Err(PyErr::index_error("pop from empty array"));
        }
        let at = if i < 0 { i + len } else { i };
        if !(0..len).contains(&at) {
            return Err(PyErr::index_error("pop index out of range"));
        }
        let at = at as usize * size;
        bytes.drain(at..at + size).collect()
    };
    a.code.decode(&raw)
}

/// The first position in `a[start:stop]` whose item equals `x`.
fn find(
    vm: &mut ThreadCtx,
    a: &Array,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let items = a.values()?;
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if vm.eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `a.remove(x)`: the first item equal to `x`.
fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "remove")?;
    let x = one_arg(&args, "remove")?;
    let Some(i) = find(vm, a, x, 0, usize::MAX)? else {
        return Err(PyErr::value_error("array.remove(x): x not in array"));
    };
    let size = a.itemsize();
    let mut bytes = a.bytes.lock();
    if (i + 1) * size <= bytes.len() {
        bytes.drain(i * size..(i + 1) * size);
    }
    Ok(Value::None)
}

/// `a.index(x[, start[, stop]])`.
fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "index")?;
    args.no_kwargs("index")?;
    args.arity("index", 2, 4)?;
    let pos = args.positional();
    let len = a.len() as i64;
    // Bounds as in list.index: negative counts from the end, clamped.
    let mut bound = |i: usize, default: i64| -> PyResult<usize> {
        let v = match pos.get(i) {
            Some(v) => index_arg(vm, v)?,
            None => default,
        };
        Ok(if v < 0 { (v + len).max(0) } else { v.min(len) } as usize)
    };
    let start = bound(2, 0)?;
    let stop = bound(3, len)?;
    match find(vm, a, &pos[1], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("array.index(x): x not in array")),
    }
}

/// `a.count(x)`.
fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "count")?;
    let x = one_arg(&args, "count")?;
    let mut n = 0;
    for v in a.values()? {
        if vm.eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `a.reverse()`: the order of the items, not of their bytes.
fn reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "reverse")?;
    args.arity("reverse", 1, 1)?;
    let size = a.itemsize();
    let mut bytes = a.bytes.lock();
    let reversed: Vec<u8> = bytes.chunks_exact(size).rev().flatten().copied().collect();
    *bytes = reversed;
    Ok(Value::None)
}

/// `a.byteswap()`: each item's bytes in the other byte order.
fn byteswap(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "byteswap")?;
    args.arity("byteswap", 1, 1)?;
    let size = a.itemsize();
    for item in a.bytes.lock().chunks_exact_mut(size) {
        item.reverse();
    }
    Ok(Value::None)
}

/// `a.buffer_info()`: `(address, length)` of the items' memory.
fn buffer_info(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "buffer_info")?;
    let bytes = a.bytes.lock();
    let address = bytes.as_ptr() as usize as i64;
    let len = (bytes.len() / a.itemsize()) as i64;
    Ok(Value::tuple(vec![Value::Int(address), Value::Int(len)]))
}

/// `a.tobytes()`.
fn tobytes(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "tobytes")?;
    args.arity("tobytes", 1, 1)?;
    Ok(Value::Bytes(Arc::new(Bytes::new(a.snapshot()))))
}

/// `a.frombytes(b)`: appends whole items read from `b`.
fn frombytes(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "frombytes")?;
    let b = one_arg(&args, "frombytes")?;
    let data = match b {
        Value::Bytes(b) => b.data.to_vec(),
        Value::ByteArray(b) => b.lock().clone(),
        other => match array_of(other) {
            Some(o) => o.snapshot(),
            None => {
                return Err(PyErr::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    other.type_name()
                )))
            }
        },
    };
    let data = whole_items(a.code, data)?;
    a.bytes.lock().extend_from_slice(&data);
    Ok(Value::None)
}

/// `a.tolist()`.
fn tolist(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "tolist")?;
    args.arity("tolist", 1, 1)?;
    Ok(Value::list(a.values()?))
}

/// `a.fromlist(list)`: all or nothing.
fn fromlist(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "fromlist")?;
    let Value::List(l) = one_arg(&args, "fromlist")? else {
        return Err(PyErr::type_error("arg must be list"));
    };
    let more = encode_all(vm, a.code, &l.snapshot())?;
    a.bytes.lock().extend_from_slice(&more);
    Ok(Value::None)
}

/// `a.tounicode()` (`'u'` arrays only).
fn tounicode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "tounicode")?;
    if a.code != TypeCode::Unicode {
        return Err(PyErr::value_error(
            "tounicode() may only be called on unicode type arrays",
        ));
    }
    let mut s = String::new();
    for v in a.values()? {
        if let Value::Str(c) = v {
            s.push_str(c.as_str());
        }
    }
    Ok(Value::string(s))
}

/// `a.fromunicode(s)` (`'u'` arrays only).
fn fromunicode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "fromunicode")?;
    let s = one_arg(&args, "fromunicode")?;
    if a.code != TypeCode::Unicode {
        return Err(PyErr::value_error(
            "fromunicode() may only be called on unicode type arrays",
        ));
    }
    let Value::Str(s) = s else {
        return Err(PyErr::type_error(format!(
            "fromunicode() argument must be str, not {}",
            s.type_name()
        )));
    };
    a.bytes.lock().extend(unicode_bytes(s.as_str()));
    Ok(Value::None)
}

/// `copy.copy(a)`: a new array of the same class and items.
fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__copy__")?;
    let cls = args.positional()[0].class().clone();
    Ok(new_array(Some(&cls), a.code, a.snapshot()))
}

/// `copy.deepcopy(a, memo)`: items are plain numbers, so a copy.
fn deepcopy(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__deepcopy__", 2, 2)?;
    copy(vm, Args::positional_only(&args.positional()[..1]))
}
