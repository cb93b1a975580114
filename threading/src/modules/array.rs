//! # `array`: compact arrays of one C number type
//!
//! ```text
//!   array.array('B', [0] * n)     typecode  b B h H i I l L q Q (ints)  f d (floats)  u (chars)
//!     items are checked against the C type's range on the way in, with
//!     CPython's messages ("unsigned byte integer is less than minimum")
//!   a[i]  a[i:j] (an array)  a[i] = x  append extend insert pop remove index count
//!   reverse tolist tobytes frombytes fromlist  len  in  ==  +  *  repr
//! ```
//!
//! Items live in the one cell type as `i128` (every integer typecode fits),
//! `f64` (`'f'` rounds through `f32` on the way in, as C does) or `char`.
//! Simplification: no buffer protocol beyond `tobytes()`/`bytes(a)`, no
//! `byteswap`, `fromfile`/`tofile`.
//!
//! Python equivalent: `Modules/arraymodule.c`.

use crate::object::bytes::Bytes;
use crate::object::cell::PyCell;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg};
use crate::vm::native::{Args, NativeClass, NativeModule, NativeSpec};
use crate::vm::number::{big_value, int_ref, IntRef};
use crate::vm::ThreadCtx;
use std::sync::Arc;

/// An array's items.
#[derive(Clone)]
enum Items {
    /// Integer typecodes.
    Int(Vec<i128>),
    /// `'f'` and `'d'`.
    Float(Vec<f64>),
    /// `'u'`.
    Char(Vec<char>),
}

impl Items {
    fn len(&self) -> usize {
        match self {
            Items::Int(v) => v.len(),
            Items::Float(v) => v.len(),
            Items::Char(v) => v.len(),
        }
    }
}

/// An array's state.
pub struct ArrayState {
    /// The typecode.
    code: char,
    /// The items, in the one cell type.
    items: PyCell<Items>,
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
        NativeSpec::method("fromlist", extend),
        NativeSpec::method("insert", insert),
        NativeSpec::method("pop", pop),
        NativeSpec::method("remove", remove),
        NativeSpec::method("index", index),
        NativeSpec::method("count", count),
        NativeSpec::method("reverse", reverse),
        NativeSpec::method("tolist", tolist),
        NativeSpec::method("tobytes", tobytes),
        NativeSpec::method("__bytes__", tobytes),
        NativeSpec::method("frombytes", frombytes),
        NativeSpec::method("buffer_info", buffer_info),
        NativeSpec::method("__len__", len),
        NativeSpec::method("__getitem__", getitem),
        NativeSpec::method("__setitem__", setitem),
        NativeSpec::method("__delitem__", delitem),
        NativeSpec::method("__iter__", iter),
        NativeSpec::method("__contains__", contains),
        NativeSpec::method("__repr__", repr),
        NativeSpec::method("__eq__", eq),
        NativeSpec::method("__ne__", ne),
        NativeSpec::method("__add__", add),
        NativeSpec::method("__iadd__", iadd),
        NativeSpec::method("__mul__", mul),
        NativeSpec::method("__rmul__", mul),
    ],
)
.subclassable();

/// The C item size of a typecode.
fn size_of(code: char) -> usize {
    match code {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' | 'u' => 4,
        _ => 8,
    }
}

fn overflow(msg: &str) -> PyErr {
    PyErr::new(ExcKind::OverflowError, msg.to_string())
}

/// An int item for typecode `code`, range-checked as `arraymodule.c` does.
fn int_item(vm: &mut ThreadCtx, code: char, v: &Value) -> PyResult<i128> {
    let x: i128 = match int_ref(v) {
        Some(IntRef::Small(i)) => i as i128,
        Some(IntRef::Big(b)) => match b.to_i128() {
            Some(i) => i,
            None => {
                return Err(overflow(match code {
                    'q' | 'Q' => "int too big to convert",
                    'I' | 'L' if !b.is_negative() => {
                        "Python int too large to convert to C unsigned long"
                    }
                    'I' | 'L' => "can't convert negative value to unsigned int",
                    _ => "Python int too large to convert to C long",
                }))
            }
        },
        None => match v {
            Value::Float(_) => {
                return Err(PyErr::type_error(
                    "'float' object cannot be interpreted as an integer",
                ))
            }
            _ => index_arg(vm, v)? as i128,
        },
    };
    let long = i64::MIN as i128..=i64::MAX as i128;
    let check = |lo: i128, hi: i128, big: &str, small: &str| -> PyResult<i128> {
        if x > hi {
            Err(overflow(big))
        } else if x < lo {
            Err(overflow(small))
        } else {
            Ok(x)
        }
    };
    match code {
        'b' | 'B' | 'h' | 'H' | 'i' | 'l' if !long.contains(&x) => {
            Err(overflow("Python int too large to convert to C long"))
        }
        'b' => {
            check(
                -32768,
                32767,
                "signed short integer is greater than maximum",
                "signed short integer is less than minimum",
            )?;
            check(
                -128,
                127,
                "signed char is greater than maximum",
                "signed char is less than minimum",
            )
        }
        'B' => check(
            0,
            255,
            "unsigned byte integer is greater than maximum",
            "unsigned byte integer is less than minimum",
        ),
        'h' => check(
            -32768,
            32767,
            "signed short integer is greater than maximum",
            "signed short integer is less than minimum",
        ),
        'H' => {
            check(
                i32::MIN as i128,
                i32::MAX as i128,
                "signed integer is greater than maximum",
                "signed integer is less than minimum",
            )?;
            check(
                0,
                65535,
                "unsigned short is greater than maximum",
                "unsigned short is less than minimum",
            )
        }
        'i' => check(
            i32::MIN as i128,
            i32::MAX as i128,
            "signed integer is greater than maximum",
            "signed integer is less than minimum",
        ),
        'I' => {
            if x < 0 {
                return Err(overflow("can't convert negative value to unsigned int"));
            }
            if x > u64::MAX as i128 {
                return Err(overflow(
                    "Python int too large to convert to C unsigned long",
                ));
            }
            check(
                0,
                u32::MAX as i128,
                "unsigned int is greater than maximum",
                "",
            )
        }
        'l' => Ok(x),
        'L' => {
            if x < 0 {
                return Err(overflow("can't convert negative value to unsigned int"));
            }
            check(
                0,
                u64::MAX as i128,
                "Python int too large to convert to C unsigned long",
                "",
            )
        }
        'q' => check(
            i64::MIN as i128,
            i64::MAX as i128,
            "int too big to convert",
            "int too big to convert",
        ),
        _ => {
            if x < 0 {
                return Err(overflow("can't convert negative int to unsigned"));
            }
            check(0, u64::MAX as i128, "int too big to convert", "")
        }
    }
}

/// An item of typecode `code` appended to `items`.
fn push(vm: &mut ThreadCtx, code: char, items: &mut Items, v: &Value) -> PyResult<()> {
    match items {
        Items::Int(xs) => xs.push(int_item(vm, code, v)?),
        Items::Float(xs) => {
            let f = float_arg(vm, v)?;
            xs.push(if code == 'f' { f as f32 as f64 } else { f });
        }
        Items::Char(xs) => match v {
            Value::Str(s) if s.char_count() == 1 => {
                xs.push(s.as_str().chars().next().unwrap_or('\0'))
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "array item must be unicode character, not {}",
                    other.type_name()
                )))
            }
        },
    }
    Ok(())
}

/// The item at `i` as a value.
fn item(items: &Items, i: usize) -> Value {
    match items {
        Items::Int(xs) => {
            let x = xs[i];
            match i64::try_from(x) {
                Ok(v) => Value::Int(v),
                Err(_) => big_value(crate::object::bigint::BigInt::from_u32_words_le(&[
                    x as u32,
                    (x >> 32) as u32,
                    (x >> 64) as u32,
                ])),
            }
        }
        Items::Float(xs) => Value::Float(xs[i]),
        Items::Char(xs) => Value::string(xs[i].to_string()),
    }
}

fn empty(code: char) -> Items {
    match code {
        'f' | 'd' => Items::Float(Vec::new()),
        'u' => Items::Char(Vec::new()),
        _ => Items::Int(Vec::new()),
    }
}

fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a ArrayState> {
    args.native_self::<ArrayState>(&ARRAY, method)
}

fn new_array(code: char, items: Items) -> Value {
    ARRAY.instance(ArrayState {
        code,
        items: PyCell::new(items),
    })
}

/// `array(typecode[, initializer])`.
fn array_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("array")?;
    rest.arity("array", 1, 2)?;
    let p = rest.positional();
    let code = match &p[0] {
        Value::Str(s) if s.char_count() == 1 => s.as_str().chars().next().unwrap_or(' '),
        other => {
            return Err(PyErr::type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                other.type_name()
            )))
        }
    };
    if !"bBuhHiIlLqQfd".contains(code) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        ));
    }
    let mut items = empty(code);
    match p.get(1) {
        None => {}
        Some(Value::Bytes(b)) => from_bytes(code, &mut items, &b.data)?,
        Some(Value::Str(s)) if code == 'u' => {
            if let Items::Char(xs) = &mut items {
                xs.extend(s.as_str().chars());
            }
        }
        Some(init) => {
            for v in vm.collect(init)? {
                push(vm, code, &mut items, &v)?;
            }
        }
    }
    let state = ArrayState {
        code,
        items: PyCell::new(items),
    };
    Ok(match args.positional().first() {
        Some(Value::Type(cls)) => NativeClass::instance_of(cls, state),
        _ => ARRAY.instance(state),
    })
}

/// Decodes machine bytes (little-endian) into items.
fn from_bytes(code: char, items: &mut Items, data: &[u8]) -> PyResult<()> {
    let size = size_of(code);
    if !data.len().is_multiple_of(size) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "bytes length not a multiple of item size",
        ));
    }
    for chunk in data.chunks(size) {
        let mut buf = [0u8; 8];
        buf[..size].copy_from_slice(chunk);
        let raw = u64::from_le_bytes(buf);
        match items {
            Items::Int(xs) => xs.push(match code {
                'b' => raw as u8 as i8 as i128,
                'h' => raw as u16 as i16 as i128,
                'i' => raw as u32 as i32 as i128,
                'l' | 'q' => raw as i64 as i128,
                _ => raw as i128,
            }),
            Items::Float(xs) => xs.push(if code == 'f' {
                f32::from_bits(raw as u32) as f64
            } else {
                f64::from_bits(raw)
            }),
            Items::Char(xs) => xs.push(char::from_u32(raw as u32).unwrap_or('\u{fffd}')),
        }
    }
    Ok(())
}

fn typecode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::string(me(&args, "typecode")?.code.to_string()))
}

fn itemsize(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(size_of(me(&args, "itemsize")?.code) as i64))
}

fn append(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "append")?;
    args.arity("append", 2, 2)?;
    let mut items = a.items.lock().clone();
    push(vm, a.code, &mut items, &args.positional()[1])?;
    *a.items.lock() = items;
    Ok(Value::None)
}

fn extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "extend")?;
    args.arity("extend", 2, 2)?;
    let src = &args.positional()[1];
    let values = match src {
        Value::Instance(i) => match i.native::<ArrayState>() {
            Some(o) if o.code != a.code => {
                return Err(PyErr::type_error("can only extend with array of same kind"))
            }
            _ => vm.collect(src)?,
        },
        _ => vm.collect(src)?,
    };
    let mut items = empty(a.code);
    for v in &values {
        push(vm, a.code, &mut items, v)?;
    }
    let mut mine = a.items.lock();
    match (&mut *mine, items) {
        (Items::Int(x), Items::Int(y)) => x.extend(y),
        (Items::Float(x), Items::Float(y)) => x.extend(y),
        (Items::Char(x), Items::Char(y)) => x.extend(y),
        _ => {}
    }
    Ok(Value::None)
}

/// `i` normalised against `len` for insertion (clamped).
fn clamp(i: i64, len: usize) -> usize {
    let len = len as i64;
    (if i < 0 { (i + len).max(0) } else { i.min(len) }) as usize
}

fn insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "insert")?;
    args.arity("insert", 3, 3)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let mut one = empty(a.code);
    push(vm, a.code, &mut one, &args.positional()[2])?;
    let mut items = a.items.lock();
    let at = clamp(i, items.len());
    match (&mut *items, one) {
        (Items::Int(x), Items::Int(y)) => x.insert(at, y[0]),
        (Items::Float(x), Items::Float(y)) => x.insert(at, y[0]),
        (Items::Char(x), Items::Char(y)) => x.insert(at, y[0]),
        _ => {}
    }
    Ok(Value::None)
}

/// The position of index `i` (negative from the end), checked.
fn position(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyErr::new(ExcKind::IndexError, what.to_string()));
    }
    Ok(j as usize)
}

fn remove_at(items: &mut Items, i: usize) -> Value {
    let v = item(items, i);
    match items {
        Items::Int(x) => {
            x.remove(i);
        }
        Items::Float(x) => {
            x.remove(i);
        }
        Items::Char(x) => {
            x.remove(i);
        }
    }
    v
}

fn pop(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "pop")?;
    args.arity("pop", 1, 2)?;
    let i = match args.positional().get(1) {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let mut items = a.items.lock();
    if items.len() == 0 {
        return Err(PyErr::new(ExcKind::IndexError, "pop from empty array"));
    }
    let at = position(i, items.len(), "pop index out of range")?;
    Ok(remove_at(&mut items, at))
}

/// The index of the first item equal to `x`.
fn find(vm: &mut ThreadCtx, a: &ArrayState, x: &Value) -> PyResult<Option<usize>> {
    let items = a.items.lock().clone();
    for i in 0..items.len() {
        if vm.eq(&item(&items, i), x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "remove")?;
    args.arity("remove", 2, 2)?;
    match find(vm, a, &args.positional()[1])? {
        Some(i) => {
            remove_at(&mut a.items.lock(), i);
            Ok(Value::None)
        }
        None => Err(PyErr::new(
            ExcKind::ValueError,
            "array.remove(x): x not in array",
        )),
    }
}

fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "index")?;
    args.arity("index", 2, 2)?;
    match find(vm, a, &args.positional()[1])? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::new(
            ExcKind::ValueError,
            "array.index(x): x not in array",
        )),
    }
}

fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "count")?;
    args.arity("count", 2, 2)?;
    let items = a.items.lock().clone();
    let mut n = 0;
    for i in 0..items.len() {
        if vm.eq(&item(&items, i), &args.positional()[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "reverse")?;
    match &mut *a.items.lock() {
        Items::Int(x) => x.reverse(),
        Items::Float(x) => x.reverse(),
        Items::Char(x) => x.reverse(),
    }
    Ok(Value::None)
}

/// Every item as a value.
fn values(a: &ArrayState) -> Vec<Value> {
    let items = a.items.lock();
    (0..items.len()).map(|i| item(&items, i)).collect()
}

fn tolist(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::list(values(me(&args, "tolist")?)))
}

/// The machine bytes (little-endian).
fn bytes_of(a: &ArrayState) -> Vec<u8> {
    let size = size_of(a.code);
    let items = a.items.lock();
    let mut out = Vec::with_capacity(items.len() * size);
    match &*items {
        Items::Int(xs) => {
            for x in xs {
                out.extend_from_slice(&(*x as u64).to_le_bytes()[..size]);
            }
        }
        Items::Float(xs) => {
            for x in xs {
                if a.code == 'f' {
                    out.extend_from_slice(&(*x as f32).to_le_bytes());
                } else {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        Items::Char(xs) => {
            for c in xs {
                out.extend_from_slice(&(*c as u32).to_le_bytes());
            }
        }
    }
    out
}

fn tobytes(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "tobytes")?;
    Ok(Value::Bytes(Arc::new(Bytes::new(bytes_of(a)))))
}

fn frombytes(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "frombytes")?;
    args.arity("frombytes", 2, 2)?;
    let data = match &args.positional()[1] {
        Value::Bytes(b) => b.data.to_vec(),
        Value::ByteArray(b) => b.lock().clone(),
        other => {
            return Err(PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            )))
        }
    };
    let mut items = a.items.lock().clone();
    from_bytes(a.code, &mut items, &data)?;
    *a.items.lock() = items;
    Ok(Value::None)
}

fn buffer_info(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "buffer_info")?;
    let n = a.items.lock().len();
    Ok(Value::tuple(vec![
        Value::Int(args.positional()[0].id()),
        Value::Int(n as i64),
    ]))
}

fn len(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "__len__")?.items.lock().len() as i64))
}

fn getitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__getitem__")?;
    args.arity("__getitem__", 2, 2)?;
    let key = &args.positional()[1];
    if let Value::Slice(s) = key {
        let items = a.items.lock().clone();
        let ix = vm.slice_indices(s, items.len())?;
        let mut out = empty(a.code);
        for i in ix.positions() {
            match (&mut out, &items) {
                (Items::Int(o), Items::Int(x)) => o.push(x[i]),
                (Items::Float(o), Items::Float(x)) => o.push(x[i]),
                (Items::Char(o), Items::Char(x)) => o.push(x[i]),
                _ => {}
            }
        }
        return Ok(new_array(a.code, out));
    }
    let i = index_arg(vm, key)?;
    let items = a.items.lock();
    let at = position(i, items.len(), "array index out of range")?;
    Ok(item(&items, at))
}

fn setitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__setitem__")?;
    args.arity("__setitem__", 3, 3)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let mut one = empty(a.code);
    push(vm, a.code, &mut one, &args.positional()[2])?;
    let mut items = a.items.lock();
    let at = position(i, items.len(), "array assignment index out of range")?;
    match (&mut *items, one) {
        (Items::Int(x), Items::Int(y)) => x[at] = y[0],
        (Items::Float(x), Items::Float(y)) => x[at] = y[0],
        (Items::Char(x), Items::Char(y)) => x[at] = y[0],
        _ => {}
    }
    Ok(Value::None)
}

fn delitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__delitem__")?;
    args.arity("__delitem__", 2, 2)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let mut items = a.items.lock();
    let at = position(i, items.len(), "array assignment index out of range")?;
    remove_at(&mut items, at);
    Ok(Value::None)
}

fn iter(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let list = Value::list(values(me(&args, "__iter__")?));
    vm.get_iter(&list)
}

fn contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__contains__")?;
    args.arity("__contains__", 2, 2)?;
    Ok(Value::Bool(find(vm, a, &args.positional()[1])?.is_some()))
}

fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__repr__")?;
    let vals = values(a);
    if vals.is_empty() {
        return Ok(Value::string(format!("array('{}')", a.code)));
    }
    if a.code == 'u' {
        let s: String = vals
            .iter()
            .filter_map(|v| v.as_str().map(|s| s.as_str().to_string()))
            .collect();
        return Ok(Value::string(format!(
            "array('u', {})",
            crate::vm::repr::str_repr(&s)
        )));
    }
    let list = vm.repr(&Value::list(vals))?;
    Ok(Value::string(format!("array('{}', {list})", a.code)))
}

/// The other operand's array state, if it is an array.
fn other(v: &Value) -> Option<&ArrayState> {
    match v {
        Value::Instance(i) => i.native::<ArrayState>(),
        _ => None,
    }
}

fn eq(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__eq__")?;
    let Some(b) = other(&args.positional()[1]) else {
        return Ok(Value::NotImplemented);
    };
    let (x, y) = (values(a), values(b));
    if x.len() != y.len() {
        return Ok(Value::Bool(false));
    }
    for (p, q) in x.iter().zip(&y) {
        if !vm.eq(p, q)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn ne(vm: &mut ThreadCtx, args: Args) -> PyResult {
    match eq(vm, args)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        v => Ok(v),
    }
}

fn add(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__add__")?;
    let Some(b) = other(&args.positional()[1]) else {
        return Err(PyErr::type_error(format!(
            "can only append array (not \"{}\") to array",
            args.positional()[1].type_name()
        )));
    };
    if a.code != b.code {
        return Err(PyErr::type_error(
            "bad argument type for built-in operation",
        ));
    }
    let mut items = a.items.lock().clone();
    let more = b.items.lock().clone();
    match (&mut items, more) {
        (Items::Int(x), Items::Int(y)) => x.extend(y),
        (Items::Float(x), Items::Float(y)) => x.extend(y),
        (Items::Char(x), Items::Char(y)) => x.extend(y),
        _ => {}
    }
    Ok(new_array(a.code, items))
}

fn iadd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let this = args.positional()[0].clone();
    extend(vm, args)?;
    Ok(this)
}

fn mul(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__mul__")?;
    let n = index_arg(vm, &args.positional()[1])?.max(0) as usize;
    let items = a.items.lock().clone();
    let out = match items {
        Items::Int(x) => Items::Int(x.repeat(n)),
        Items::Float(x) => Items::Float(x.repeat(n)),
        Items::Char(x) => Items::Char(x.repeat(n)),
    };
    Ok(new_array(a.code, out))
}

/// The `array` module.
pub static MODULE: NativeModule = NativeModule {
    name: "array",
    functions: &[],
    classes: &[&ARRAY],
    init: Some(init),
};

fn init(_vm: &mut ThreadCtx, m: &crate::vm::native::ModuleInit<'_>) -> PyResult<()> {
    m.add("ArrayType", Value::Type(ARRAY.class().clone()));
    m.add("typecodes", Value::str("bBuhHiIlLqQfd"));
    Ok(())
}
