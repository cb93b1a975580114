//! `_random.Random` and `_sha512.sha512` as Python classes.
//!
//! ```text
//!   seed(None)        624 words from the OS
//!   seed(int)         init_by_array(|n|'s 32-bit words, least significant first)
//!   seed(other)       hash(other) as an unsigned 64-bit int, then as an int
//!   random()          53 bits from two outputs      getrandbits(k) → int
//!   getstate()        625 ints (624 words + index)  setstate(tuple)
//! ```
//!
//! The generator lives in the one cell type: one call is one critical
//! section, so it is atomic under the GIL and safe without one (CPython's
//! free-threaded build locks the generator the same way).
//!
//! Python equivalent: `Modules/_randommodule.c`, `Modules/sha512module.c`.

use super::mt19937::{Mt19937, MtState, N};
use super::sha512::Sha512;
use crate::object::bigint::BigInt;
use crate::object::bytes::Bytes;
use crate::object::cell::PyCell;
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeClass, NativeModule, NativeSpec};
use crate::vm::number::{big_value, int_ref, IntRef};
use crate::vm::ThreadCtx;

/// A `Random` instance's generator.
pub struct RandomState {
    /// The generator, in the one cell type.
    mt: PyCell<Mt19937>,
}

/// `_random.Random` (subclassed by `random.Random`).
pub static RANDOM: NativeClass = NativeClass::new(
    "Random",
    "_random",
    &[
        NativeSpec::staticmethod("__new__", random_new),
        NativeSpec::method("__init__", random_init),
        NativeSpec::method("seed", seed),
        NativeSpec::method("random", random),
        NativeSpec::method("getrandbits", getrandbits),
        NativeSpec::method("getstate", getstate),
        NativeSpec::method("setstate", setstate),
    ],
)
.subclassable();

fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a RandomState> {
    args.native_self::<RandomState>(&RANDOM, method)
}

/// The generator a seed value gives.
fn seeded(vm: &mut ThreadCtx, arg: Option<&Value>) -> PyResult<Mt19937> {
    let key: Vec<u32> = match arg {
        None | Some(Value::None) => return Ok(Mt19937::from_os_entropy()),
        Some(v) => match int_ref(v) {
            Some(IntRef::Small(i)) => {
                let u = i.unsigned_abs();
                vec![u as u32, (u >> 32) as u32]
            }
            Some(IntRef::Big(b)) => b.abs_u32_words_le(),
            None => {
                let h = vm.hash(v)? as u64;
                vec![h as u32, (h >> 32) as u32]
            }
        },
    };
    let mut key = key;
    while key.len() > 1 && key.last() == Some(&0) {
        key.pop();
    }
    Ok(Mt19937::init_by_array(&key))
}

/// `Random.__new__(cls, *args)`: an unseeded generator (seeding is
/// `__init__`'s job, which `random.Random` overrides to call its own
/// `seed`, as CPython's `random_new`/`random_init` split it).
fn random_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    let state = RandomState {
        mt: PyCell::new(Mt19937::init_genrand(0)),
    };
    Ok(match p.first() {
        Some(Value::Type(cls)) => NativeClass::instance_of(cls, state),
        _ => RANDOM.instance(state),
    })
}

/// `Random.__init__(x=None)`: seeds.
fn random_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "__init__")?;
    args.no_kwargs("Random")?;
    if args.len() > 2 {
        return Err(PyErr::type_error("Random() requires 0 or 1 argument"));
    }
    let mt = seeded(vm, args.positional().get(1))?;
    *r.mt.lock() = mt;
    Ok(Value::None)
}

/// `seed(n=None)`.
fn seed(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "seed")?;
    args.arity("seed", 1, 2)?;
    let mt = seeded(vm, args.positional().get(1))?;
    *r.mt.lock() = mt;
    Ok(Value::None)
}

/// `random()`: a float in [0, 1).
fn random(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "random")?;
    Ok(Value::Float(r.mt.lock().random()))
}

/// `getrandbits(k)`.
fn getrandbits(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "getrandbits")?;
    args.arity("getrandbits", 2, 2)?;
    let k = index_arg(vm, &args.positional()[1])?;
    if k < 0 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "number of bits must be non-negative",
        ));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    if k <= 32 {
        let w = r.mt.lock().genrand_uint32() >> (32 - k);
        return Ok(Value::Int(w as i64));
    }
    let words = r.mt.lock().getrandbits(k as u32);
    Ok(big_value(BigInt::from_u32_words_le(&words)))
}

/// `getstate()`: 624 words and the index.
fn getstate(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "getstate")?;
    let st = r.mt.lock().get_state();
    let mut items: Vec<Value> = st.words.iter().map(|&w| Value::Int(w as i64)).collect();
    items.push(Value::Int(st.index as i64));
    Ok(Value::tuple(items))
}

/// `setstate(state)`.
fn setstate(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = me(&args, "setstate")?;
    args.arity("setstate", 2, 2)?;
    let Some(items) = args.positional()[1].as_tuple() else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "state vector is the wrong size",
        ));
    }
    let mut words = [0u32; N];
    for (w, v) in words.iter_mut().zip(items) {
        *w = match int_ref(v) {
            Some(IntRef::Small(i)) if i >= 0 => i as u32,
            Some(IntRef::Big(b)) if !b.is_negative() => {
                b.abs_u32_words_le().first().copied().unwrap_or(0)
            }
            Some(_) => {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "can't convert negative int to unsigned",
                ))
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                )))
            }
        };
    }
    let index = index_arg(vm, &items[N])?;
    let state =
        MtState::new(words, index).map_err(|e| PyErr::new(ExcKind::ValueError, e.to_string()))?;
    r.mt.lock().set_state(&state);
    Ok(Value::None)
}

/// The `_random` module.
pub static RANDOM_MODULE: NativeModule = NativeModule {
    name: "_random",
    functions: &[],
    classes: &[&RANDOM],
    init: None,
};

/// A `sha512` object's hasher.
pub struct HashState {
    /// The hasher, in the one cell type.
    h: PyCell<Sha512>,
}

/// `_sha512.sha512`.
pub static SHA512: NativeClass = NativeClass::new(
    "sha512",
    "_sha512",
    &[
        NativeSpec::method("update", update),
        NativeSpec::method("digest", digest),
        NativeSpec::method("hexdigest", hexdigest),
        NativeSpec::method("copy", copy),
        NativeSpec::getter("digest_size", digest_size),
        NativeSpec::getter("block_size", block_size),
        NativeSpec::getter("name", name),
    ],
);

/// The bytes of a hashing argument.
fn data_of(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.data.to_vec()),
        Value::ByteArray(b) => Ok(b.lock().clone()),
        Value::Str(_) => Err(PyErr::type_error("Strings must be encoded before hashing")),
        other => Err(PyErr::type_error(format!(
            "object supporting the buffer API required, not '{}'",
            other.type_name()
        ))),
    }
}

/// `_sha512.sha512(data=b'')`.
fn sha512_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [data, _] = args.bind("sha512", ["string", "usedforsecurity"], 0)?;
    let mut h = Sha512::new();
    if let Some(d) = data {
        h.update(&data_of(d)?);
    }
    Ok(SHA512.instance(HashState { h: PyCell::new(h) }))
}

fn hasher<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a HashState> {
    args.native_self::<HashState>(&SHA512, method)
}

fn update(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let h = hasher(&args, "update")?;
    args.arity("update", 2, 2)?;
    let d = data_of(&args.positional()[1])?;
    h.h.lock().update(&d);
    Ok(Value::None)
}

fn digest(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let h = hasher(&args, "digest")?;
    let d = h.h.lock().digest();
    Ok(Value::Bytes(Arc::new(Bytes::new(d))))
}

fn hexdigest(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let h = hasher(&args, "hexdigest")?;
    Ok(Value::string(h.h.lock().hexdigest()))
}

fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let h = hasher(&args, "copy")?;
    let c = h.h.lock().clone();
    Ok(SHA512.instance(HashState { h: PyCell::new(c) }))
}

fn digest_size(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let h = hasher(&args, "digest_size")?;
    Ok(Value::Int(h.h.lock().digest_size() as i64))
}

fn block_size(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    hasher(&args, "block_size")?;
    Ok(Value::Int(128))
}

fn name(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    hasher(&args, "name")?;
    Ok(Value::str("sha512"))
}

/// The `_sha512` module.
pub static SHA512_MODULE: NativeModule = NativeModule {
    name: "_sha512",
    functions: &[NativeSpec::function("sha512", sha512_new)],
    classes: &[],
    init: None,
};
