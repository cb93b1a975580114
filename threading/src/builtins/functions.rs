//! The built-in functions: `print`, `len`, `repr`, `isinstance`,
//! `getattr`, `sorted`, `min`, `sum`, `round`, `hash`, `id`, `chr`, ...
//!
//! Error messages are CPython 3.11's word for word, because programs print
//! them (`except TypeError as e: print(e)`).
//!
//! Python equivalent: `Python/bltinmodule.c`.

use crate::ast::BinOp;
use crate::object::builtin_types::types;
use crate::object::str::{intern, PyStr};
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{index_arg, not_an_int};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ThreadCtx;
use std::sync::Arc;

fn print(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file: Option<Value> = None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        let text = |v: &Value, what: &str| -> PyResult<Option<String>> {
            match v {
                Value::None => Ok(None),
                Value::Str(s) => Ok(Some(s.as_str().to_string())),
                o => Err(PyErr::type_error(format!(
                    "{what} must be None or a string, not {}",
                    o.type_name()
                ))),
            }
        };
        match k.as_str() {
            "sep" => {
                if let Some(s) = text(v, "sep")? {
                    sep = s;
                }
            }
            "end" => {
                if let Some(s) = text(v, "end")? {
                    end = s;
                }
            }
            "file" => {
                if !matches!(v, Value::None) {
                    file = Some(v.clone());
                }
            }
            "flush" => flush = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    // CPython's print: one `file.write` per piece (each argument's str,
    // the separators, then `end`), then `flush()` if asked. Unbuffered,
    // every piece is a system call that releases the GIL.
    // No `file=`: `sys.stdout`, which a program may have replaced.
    let file = file.or_else(|| crate::vm::stdio::replaced_stdout(vm));
    let rt = vm.rt.clone();
    let write = match &file {
        None => None,
        Some(f) => Some(vm.get_attr(f, &intern("write"))?),
    };
    let count = args.positional().len();
    for (i, a) in args.positional().iter().enumerate() {
        let piece = vm.str(a)?;
        print_piece(vm, &rt, write.as_ref(), piece)?;
        if i + 1 < count {
            print_piece(vm, &rt, write.as_ref(), sep.clone())?;
        }
    }
    print_piece(vm, &rt, write.as_ref(), end)?;
    if flush {
        match &file {
            None => rt.out.flush_gil(vm)?,
            Some(f) => {
                if let Some(fl) = vm.get_attr_opt(f, &intern("flush"))? {
                    vm.call(&fl, &[])?;
                }
            }
        }
    }
    Ok(Value::None)
}

/// One `file.write(piece)` of `print`: `sys.stdout` directly, or the
/// `write` method of `file=`.
fn print_piece(
    vm: &mut ThreadCtx,
    rt: &crate::vm::Runtime,
    write: Option<&Value>,
    piece: String,
) -> PyResult<()> {
    match write {
        None => rt.out.write_gil(vm, &piece),
        Some(w) => vm.call(w, &[Value::string(piece)]).map(drop),
    }
}

fn len(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("len")?;
    args.arity("len", 1, 1)?;
    Ok(Value::Int(vm.len(&args.positional()[0])?))
}

fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("repr")?;
    args.arity("repr", 1, 1)?;
    Ok(Value::string(vm.repr(&args.positional()[0])?))
}

fn ascii(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("ascii", 1, 1)?;
    let r = vm.repr(&args.positional()[0])?;
    Ok(Value::string(crate::vm::repr::ascii_escape(&r)))
}

/// `isinstance(v, cls)` for one class or a tuple of classes.
pub fn isinstance_of(v: &Value, cls: &Value) -> PyResult<bool> {
    match cls {
        Value::Type(t) => Ok(v.class().is_subtype(t)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if isinstance_of(v, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn isinstance(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("isinstance", 2, 2)?;
    let p = args.positional();
    Ok(Value::Bool(isinstance_of(&p[0], &p[1])?))
}

fn subclass_of(c: &Value, cls: &Value) -> PyResult<bool> {
    let Value::Type(c) = c else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    match cls {
        Value::Type(t) => Ok(c.is_subtype(t)),
        Value::Tuple(items) => {
            for x in items.iter() {
                if subclass_of(&Value::Type(c.clone()), x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        )),
    }
}

fn issubclass(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("issubclass", 2, 2)?;
    let p = args.positional();
    Ok(Value::Bool(subclass_of(&p[0], &p[1])?))
}

fn attr_name(v: &Value, fname: &str) -> PyResult<Arc<PyStr>> {
    match v {
        Value::Str(s) => Ok(intern(s.as_str())),
        other => Err(PyErr::type_error(format!(
            "{fname}(): attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

fn getattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getattr", 2, 3)?;
    let p = args.positional();
    let name = match &p[1] {
        Value::Str(s) => intern(s.as_str()),
        other => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                other.type_name()
            )))
        }
    };
    match p.get(2) {
        None => vm.get_attr(&p[0], &name),
        Some(default) => Ok(vm
            .get_attr_opt(&p[0], &name)?
            .unwrap_or_else(|| default.clone())),
    }
}

fn setattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("setattr", 3, 3)?;
    let p = args.positional();
    let name = attr_name(&p[1], "setattr")?;
    vm.set_attr(&p[0], &name, p[2].clone())?;
    Ok(Value::None)
}

fn hasattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("hasattr", 2, 2)?;
    let p = args.positional();
    let name = attr_name(&p[1], "hasattr")?;
    Ok(Value::Bool(vm.get_attr_opt(&p[0], &name)?.is_some()))
}

fn delattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("delattr", 2, 2)?;
    let p = args.positional();
    let name = attr_name(&p[1], "delattr")?;
    vm.del_attr(&p[0], &name)?;
    Ok(Value::None)
}

fn abs(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("abs", 1, 1)?;
    let v = &args.positional()[0];
    if let Some(i) = int_ref(v) {
        return Ok(crate::vm::number::int_abs(i));
    }
    match v {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Instance(_) => match vm.special_method(v, &types().names.abs)? {
            Some(m) => vm.call(&m, &[]),
            None => Err(PyErr::type_error(format!(
                "bad operand type for abs(): '{}'",
                v.type_name()
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

/// `min`/`max`: the extreme item (`less` picks the comparison direction).
fn min_max(vm: &mut ThreadCtx, args: Args, name: &str, want_less: bool) -> PyResult {
    let key = args
        .kw("key")
        .filter(|k| !matches!(k, Value::None))
        .cloned();
    let default = args.kw("default").cloned();
    for (k, _) in args.kwargs() {
        if !matches!(k.as_str(), "key" | "default") {
            return Err(PyErr::type_error(format!(
                "'{}' is an invalid keyword argument for {name}()",
                k.as_str()
            )));
        }
    }
    let pos = args.positional();
    let items = match pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => vm.collect(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&x))?,
            None => x.clone(),
        };
        best = Some(match best {
            None => (x, k),
            Some((bx, bk)) => {
                let better = if want_less {
                    vm.less_than(&k, &bk)?
                } else {
                    vm.less_than(&bk, &k)?
                };
                if better {
                    (x, k)
                } else {
                    (bx, bk)
                }
            }
        });
    }
    match best {
        Some((x, _)) => Ok(x),
        None => {
            default.ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
        }
    }
}

fn min(vm: &mut ThreadCtx, args: Args) -> PyResult {
    min_max(vm, args, "min", true)
}

fn max(vm: &mut ThreadCtx, args: Args) -> PyResult {
    min_max(vm, args, "max", false)
}

fn sum(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [iterable, start] = args.bind("sum", ["iterable", "start"], 1)?;
    let mut acc = start.cloned().unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::Bytes(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ))
        }
        Value::ByteArray(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum bytearray [use b''.join(seq) instead]",
            ))
        }
        _ => {}
    }
    let it = vm.get_iter(iterable.unwrap_or(&Value::None))?;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(r) => Value::Int(r),
                None => vm.binary_op(BinOp::Add, &acc, &x)?,
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(BinOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}

/// Sorts `items` in place by `key` (stable; `reverse` keeps equal items
/// in their original order, as CPython's does).
pub fn sort_values(
    vm: &mut ThreadCtx,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(vm.call(f, std::slice::from_ref(x))?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    // A merge sort that calls `<` through the VM and stops at the first
    // error (Rust's sort cannot propagate one).
    let mut err: Option<PyErr> = None;
    merge_sort(&mut order, &mut |a, b| {
        if err.is_some() {
            return false;
        }
        match vm.less_than(&keys[*b], &keys[*a]) {
            Ok(lt) => lt,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    if reverse {
        order.reverse();
    }
    let old = std::mem::take(items);
    let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
    *items = order.into_iter().filter_map(|i| slots[i].take()).collect();
    Ok(())
}

/// A stable merge sort: `less(b, a)` says whether `b` must come before `a`.
fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(&usize, &usize) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    if n <= 16 {
        // Insertion sort for short runs.
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(&v[j - 1], &v[j]) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        // Take from the right only when it is strictly smaller: stable.
        if less(&v[i], &v[j]) {
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&merged);
}

fn sorted(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("sorted", 1, 1)?;
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k.as_str() {
            "key" => {
                if !matches!(v, Value::None) {
                    key = Some(v.clone());
                }
            }
            "reverse" => reverse = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let mut items = vm.collect(&args.positional()[0])?;
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn any_all(vm: &mut ThreadCtx, args: Args, want: bool, name: &str) -> PyResult {
    args.arity(name, 1, 1)?;
    let it = vm.get_iter(&args.positional()[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

fn any(vm: &mut ThreadCtx, args: Args) -> PyResult {
    any_all(vm, args, true, "any")
}

fn all(vm: &mut ThreadCtx, args: Args) -> PyResult {
    any_all(vm, args, false, "all")
}

fn next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("next", 1, 2)?;
    let p = args.positional();
    if !crate::vm::iter::is_iterator(&p[0]) {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            p[0].type_name()
        )));
    }
    match &p[0] {
        Value::Generator(g) => match vm.resume_generator(g, Value::None)? {
            crate::vm::iter::GenStep::Yielded(v) => Ok(v),
            crate::vm::iter::GenStep::Returned(v) => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(match v {
                    Value::None => None,
                    v => Some(v),
                })),
            },
        },
        Value::Instance(_) => {
            let m = vm
                .special_method(&p[0], &types().names.next)?
                .unwrap_or(Value::None);
            match vm.call(&m, &[]) {
                Err(e) if e.is(ExcKind::StopIteration) && p.len() > 1 => Ok(p[1].clone()),
                r => r,
            }
        }
        it => match vm.next(it)? {
            Some(v) => Ok(v),
            None => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(None)),
            },
        },
    }
}

fn iter(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("iter", 1, 2)?;
    let p = args.positional();
    if p.len() == 2 {
        if !crate::vm::call::is_callable(&p[0]) {
            return Err(PyErr::type_error("iter(v, w): v must be callable"));
        }
        return Ok(crate::vm::iter::iter_value(
            crate::object::iter::IterState::Callable {
                func: p[0].clone(),
                sentinel: p[1].clone(),
            },
        ));
    }
    vm.get_iter(&p[0])
}

fn divmod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("divmod", 2, 2)?;
    let p = args.positional();
    if let (Some(a), Some(b)) = (int_ref(&p[0]), int_ref(&p[1])) {
        let (q, r) = crate::vm::number::int_divmod(a, b)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    if let (Some(a), Some(b)) = (
        crate::vm::number::as_f64(&p[0]),
        crate::vm::number::as_f64(&p[1]),
    ) {
        let (a, b) = (a?, b?);
        if b == 0.0 {
            return Err(PyErr::new(ExcKind::ZeroDivisionError, "float divmod()"));
        }
        let (q, r) = crate::vm::number::float_divmod(a, b);
        return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    if let Value::Instance(_) = &p[0] {
        if let Some(m) = vm.special_method(&p[0], &intern("__divmod__"))? {
            return vm.call(&m, &p[1..2]);
        }
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        p[0].type_name(),
        p[1].type_name()
    )))
}

fn pow(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [base, exp, modulus] = args.bind("pow", ["base", "exp", "mod"], 2)?;
    let (base, exp) = (base.unwrap_or(&Value::None), exp.unwrap_or(&Value::None));
    match modulus {
        None | Some(Value::None) => vm.binary_op(BinOp::Pow, base, exp),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (int_ref(base), int_ref(exp), int_ref(m)) else {
                return Err(PyErr::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            let r = b
                .to_big()
                .pow_mod(&e.to_big(), &m.to_big())
                .map_err(crate::vm::number::big_err)?;
            Ok(crate::vm::number::big_value(r))
        }
    }
}

fn hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("hash", 1, 1)?;
    Ok(Value::Int(vm.hash(&args.positional()[0])?))
}

fn id(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("id", 1, 1)?;
    Ok(Value::Int(args.positional()[0].id()))
}

fn callable(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("callable", 1, 1)?;
    Ok(Value::Bool(crate::vm::call::is_callable(
        &args.positional()[0],
    )))
}

fn ord(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("ord", 1, 1)?;
    match &args.positional()[0] {
        Value::Str(s) => {
            if s.char_count() != 1 {
                return Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_count()
                )));
            }
            Ok(Value::Int(
                s.as_str().chars().next().map_or(0, |c| c as i64),
            ))
        }
        Value::Bytes(b) if b.data.len() == 1 => Ok(Value::Int(b.data[0] as i64)),
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn chr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("chr", 1, 1)?;
    let i = index_arg(vm, &args.positional()[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
    }
}

fn radix(vm: &mut ThreadCtx, args: Args, name: &str, r: u32, prefix: &str) -> PyResult {
    args.arity(name, 1, 1)?;
    let v = &args.positional()[0];
    let v = match int_ref(v) {
        Some(_) => v.clone(),
        None => match vm.index_value(v)? {
            Some(i) => Value::Int(i),
            None => return Err(not_an_int(v)),
        },
    };
    let Some(i) = int_ref(&v) else {
        return Err(not_an_int(&v));
    };
    let neg = i.is_negative();
    let digits = match i {
        IntRef::Small(x) => {
            let u = x.unsigned_abs();
            match r {
                2 => format!("{u:b}"),
                8 => format!("{u:o}"),
                _ => format!("{u:x}"),
            }
        }
        IntRef::Big(b) => b.abs_digits_pow2(r, false),
    };
    Ok(Value::string(format!(
        "{}{prefix}{digits}",
        if neg { "-" } else { "" }
    )))
}

fn bin(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "bin", 2, "0b")
}

fn oct(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "oct", 8, "0o")
}

fn hex(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "hex", 16, "0x")
}

fn format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("format", 1, 2)?;
    let p = args.positional();
    let spec = match p.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )))
        }
        None => String::new(),
    };
    Ok(Value::string(vm.format(&p[0], &spec)?))
}

fn round(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [number, ndigits] = args.bind("round", ["number", "ndigits"], 1)?;
    let v = number.unwrap_or(&Value::None);
    let nd = match ndigits {
        None | Some(Value::None) => None,
        Some(n) => Some(index_arg(vm, n)?),
    };
    if let Some(i) = int_ref(v) {
        return match nd {
            None => Ok(match i {
                IntRef::Small(x) => Value::Int(x),
                IntRef::Big(_) => v.clone(),
            }),
            Some(n) if n >= 0 => Ok(match i {
                IntRef::Small(x) => Value::Int(x),
                IntRef::Big(_) => v.clone(),
            }),
            Some(n) => {
                // round(1234, -2) == 1200 (ties to even).
                let p = crate::object::bigint::BigInt::from(10i64)
                    .pow(&crate::object::bigint::BigInt::from(-n))
                    .map_err(crate::vm::number::big_err)?;
                let big = i.to_big();
                let (q, r) = big.divmod(&p).map_err(crate::vm::number::big_err)?;
                let twice = &r + &r;
                let q = match twice.cmp(&p) {
                    std::cmp::Ordering::Greater => &q + &crate::object::bigint::BigInt::one(),
                    std::cmp::Ordering::Equal if q.is_odd() => {
                        &q + &crate::object::bigint::BigInt::one()
                    }
                    _ => q,
                };
                Ok(crate::vm::number::big_value(&q * &p))
            }
        };
    }
    match v {
        Value::Float(f) => match nd {
            None => {
                if f.is_nan() {
                    return Err(PyErr::value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(PyErr::new(
                        ExcKind::OverflowError,
                        "cannot convert float infinity to integer",
                    ));
                }
                let r = f.round_ties_even();
                let b = crate::object::bigint::BigInt::from_f64(r)
                    .map_err(crate::vm::number::big_err)?;
                Ok(crate::vm::number::big_value(b))
            }
            Some(n) => Ok(Value::Float(round_float(*f, n))),
        },
        Value::Instance(_) => match vm.special_method(v, &types().names.round)? {
            Some(m) => match ndigits {
                Some(n) => vm.call(&m, std::slice::from_ref(n)),
                None => vm.call(&m, &[]),
            },
            None => Err(PyErr::type_error(format!(
                "type {} doesn't define __round__ method",
                v.type_name()
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// CPython's `round(x, n)` for floats: correctly rounded through the
/// decimal string (ties to even on the exact value).
pub fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    if n > 323 {
        return f;
    }
    if n < -308 {
        return 0.0_f64.copysign(f);
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        s.parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = f / p;
        let r = y.round_ties_even();
        // Exact halfway cases of the scaled value decide by even digits;
        // rounding error in `y` is below the resolution that matters here.
        (r * p).copysign(f)
    }
}

fn vars(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("vars", 0, 1)?;
    match args.positional().first() {
        None => locals(vm, args),
        Some(v) => match v {
            Value::Module(m) => Ok(crate::vm::import::module_dict(m)),
            _ => vm
                .get_attr_opt(v, &types().names.dict)?
                .ok_or_else(|| PyErr::type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn globals(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("globals", 0, 0)?;
    let Some(f) = vm.frames.last() else {
        return Ok(Value::new_dict());
    };
    let d = crate::object::dict::Dict::new();
    for (k, v) in f.globals.items() {
        d.set_str(k, v);
    }
    Ok(Value::Dict(Arc::new(d)))
}

fn locals(vm: &mut ThreadCtx, _args: Args) -> PyResult {
    let Some(f) = vm.frames.last() else {
        return Ok(Value::new_dict());
    };
    if let Some(ns) = &f.namespace {
        return Ok(Value::Dict(ns.clone()));
    }
    if f.code.flags.has(crate::bytecode::CodeFlags::MODULE) {
        let d = crate::object::dict::Dict::new();
        for (k, v) in f.globals.items() {
            d.set_str(k, v);
        }
        return Ok(Value::Dict(Arc::new(d)));
    }
    let d = crate::object::dict::Dict::new();
    for (name, v) in f.code.varnames.iter().zip(f.locals.iter()) {
        if let Some(v) = v {
            d.set_str(name.clone(), v.clone());
        }
    }
    let ncell = f.code.cellvars.len();
    for (i, name) in f
        .code
        .cellvars
        .iter()
        .chain(f.code.freevars.iter())
        .enumerate()
    {
        if let Some(v) = f.cells.get(i).and_then(|c| c.lock().clone()) {
            if i >= ncell || !f.code.varnames.iter().any(|n| n == name) {
                d.set_str(name.clone(), v);
            }
        }
    }
    Ok(Value::Dict(Arc::new(d)))
}

fn dir(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("dir", 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    match args.positional().first() {
        None => {
            let l = locals(vm, args)?;
            if let Some(d) = l.as_dict() {
                for (k, _) in d.entries() {
                    if let Value::Str(s) = k {
                        names.push(s.as_str().to_string());
                    }
                }
            }
        }
        Some(v) => {
            let push_dict = |d: &crate::object::dict::Dict, names: &mut Vec<String>| {
                for (k, _) in d.entries() {
                    if let Value::Str(s) = k {
                        if !names.iter().any(|n| n == s.as_str()) {
                            names.push(s.as_str().to_string());
                        }
                    }
                }
            };
            match v {
                Value::Module(m) => {
                    for (k, _) in m.globals.items() {
                        names.push(k.as_str().to_string());
                    }
                }
                Value::Type(t) => {
                    for c in t.full_mro() {
                        push_dict(&c.dict, &mut names);
                    }
                }
                _ => {
                    if let Value::Instance(i) = v {
                        if let Some(d) = i.dict.get() {
                            push_dict(d, &mut names);
                        }
                    }
                    for c in v.class().full_mro() {
                        push_dict(&c.dict, &mut names);
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn refused(name: &str) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("{name}() is outside MiniPy"),
    )
}

fn open(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        "open() is outside MiniPy (file I/O beyond sys.stdout/sys.stderr)",
    ))
}

fn exec(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("exec"))
}

fn eval(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("eval"))
}

fn compile(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("compile"))
}

fn complex(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        "complex() is outside MiniPy (complex numbers)",
    ))
}

fn input(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Err(refused("input"))
}

/// The class a zero-argument `super()` is about (the caller's
/// `__class__` cell) and its first argument.
fn implicit_super_args(vm: &ThreadCtx) -> PyResult<(Arc<Type>, Value)> {
    let f = vm
        .frames
        .last()
        .ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): no current frame"))?;
    let code = &f.code;
    if code.argcount == 0 && !code.flags.has(crate::bytecode::CodeFlags::VARARGS) {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): no arguments"));
    }
    let first_name = code.varnames.first().cloned();
    let mut first = f.locals.first().cloned().flatten();
    if let Some(n) = &first_name {
        if let Some(ci) = code.cellvars.iter().position(|c| c == n) {
            first = f.cells.get(ci).and_then(|c| c.lock().clone());
        }
    }
    let first =
        first.ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): arg[0] deleted"))?;
    let idx = code
        .freevars
        .iter()
        .position(|n| n.as_str() == "__class__")
        .map(|i| i + code.cellvars.len())
        .ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): __class__ cell not found"))?;
    match f.cells.get(idx).and_then(|c| c.lock().clone()) {
        Some(Value::Type(t)) => Ok((t, first)),
        _ => Err(PyErr::new(
            ExcKind::RuntimeError,
            "super(): empty __class__ cell",
        )),
    }
}

/// `super()` / `super(T, obj)`.
pub fn super_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let pos = args.positional();
    // Called as super.__new__(cls, ...) through the type: drop the class.
    let pos = match pos.first() {
        Some(Value::Type(t)) if Arc::ptr_eq(t, &types().super_) && pos.len() != 2 => &pos[1..],
        _ => pos,
    };
    let (this, obj) = match pos.len() {
        0 => implicit_super_args(vm)?,
        2 => match &pos[0] {
            Value::Type(t) => (t.clone(), pos[1].clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    other.type_name()
                )))
            }
        },
        _ => {
            return Err(PyErr::type_error(
                "super() takes 0 or 2 arguments in MiniPy",
            ))
        }
    };
    let obj_type = match &obj {
        Value::Type(t) if t.is_subtype(&this) => t.clone(),
        other => {
            let c = other.class().clone();
            if !c.is_subtype(&this) {
                return Err(PyErr::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            c
        }
    };
    Ok(Value::Instance(Arc::new(
        crate::object::instance::Instance::new(
            types().super_.clone(),
            crate::object::instance::Payload::Super(crate::object::instance::Super {
                this_class: this,
                obj,
                obj_type,
            }),
        ),
    )))
}

/// The functions of the `builtins` module.
pub static FUNCTIONS: &[NativeSpec] = &[
    NativeSpec::function("print", print),
    NativeSpec::function("len", len),
    NativeSpec::function("repr", repr),
    NativeSpec::function("ascii", ascii),
    NativeSpec::function("isinstance", isinstance),
    NativeSpec::function("issubclass", issubclass),
    NativeSpec::function("getattr", getattr),
    NativeSpec::function("setattr", setattr),
    NativeSpec::function("hasattr", hasattr),
    NativeSpec::function("delattr", delattr),
    NativeSpec::function("abs", abs),
    NativeSpec::function("min", min),
    NativeSpec::function("max", max),
    NativeSpec::function("sum", sum),
    NativeSpec::function("sorted", sorted),
    NativeSpec::function("any", any),
    NativeSpec::function("all", all),
    NativeSpec::function("next", next),
    NativeSpec::function("iter", iter),
    NativeSpec::function("divmod", divmod),
    NativeSpec::function("pow", pow),
    NativeSpec::function("hash", hash),
    NativeSpec::function("id", id),
    NativeSpec::function("callable", callable),
    NativeSpec::function("ord", ord),
    NativeSpec::function("chr", chr),
    NativeSpec::function("bin", bin),
    NativeSpec::function("oct", oct),
    NativeSpec::function("hex", hex),
    NativeSpec::function("format", format),
    NativeSpec::function("round", round),
    NativeSpec::function("vars", vars),
    NativeSpec::function("globals", globals),
    NativeSpec::function("locals", locals),
    NativeSpec::function("dir", dir),
    NativeSpec::function("open", open),
    NativeSpec::function("exec", exec),
    NativeSpec::function("eval", eval),
    NativeSpec::function("complex", complex),
    NativeSpec::function("compile", compile),
    NativeSpec::function("input", input),
];
