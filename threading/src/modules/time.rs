//! # `time`: clocks, sleeping (with the GIL released), calendar times
//!
//! ```text
//!   time.sleep(s)  ─▶ vm.blocking(|| rt.sleep(s))   the GIL is free meanwhile;
//!                                                   a daemon thread's sleep
//!                                                   ends at interpreter exit
//!   time.time() / monotonic() / perf_counter() (+ _ns)
//!   time.process_time() / thread_time() (+ _ns)   CPU time (`time_c/cpu_clock.rs`)
//!   time.gmtime(s) / localtime(s) ─▶ struct_time ─▶ strftime(fmt, t)
//! ```
//!
//! The calendar (`localtime`, `gmtime`, `mktime`, `strftime`, `asctime`,
//! `ctime`, the `timezone`/`tzname` constants) comes from the C library
//! through the std-only leaf `time_c/`, as CPython's does: `TZ` and
//! `/etc/localtime` are honoured, and `strftime` knows every directive
//! glibc knows. (std alone has no time-zone database.) `logging`'s
//! `asctime` goes through `localtime` and `strftime` here.
//!
//! `struct_time` is a `tuple` subclass whose payload is the nine items;
//! `tm_zone` and `tm_gmtoff` live in two instance slots (CPython's
//! `n_sequence_fields = 9` of 11).
//!
//! Python equivalent: `Modules/timemodule.c`.

use super::errno;
use super::time_c::{self, StructTime, TimeError};
use crate::object::builtin_types::types;
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::seq::Tuple;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg, seconds_arg};
use crate::vm::native::{Args, ModuleInit, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The field names of `struct_time`, in tuple order.
const FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

/// `time.struct_time`: a 9-tuple with named fields.
pub static STRUCT_TIME: NativeClass = NativeClass::new(
    "struct_time",
    "time",
    &[
        NativeSpec::staticmethod("__new__", struct_time_new),
        NativeSpec::method("__repr__", struct_time_repr),
        NativeSpec::getter("tm_year", tm_year),
        NativeSpec::getter("tm_mon", tm_mon),
        NativeSpec::getter("tm_mday", tm_mday),
        NativeSpec::getter("tm_hour", tm_hour),
        NativeSpec::getter("tm_min", tm_min),
        NativeSpec::getter("tm_sec", tm_sec),
        NativeSpec::getter("tm_wday", tm_wday),
        NativeSpec::getter("tm_yday", tm_yday),
        NativeSpec::getter("tm_isdst", tm_isdst),
        NativeSpec::getter("tm_zone", tm_zone),
        NativeSpec::getter("tm_gmtoff", tm_gmtoff),
    ],
)
.with_base(tuple_type)
.with_slots(&["tm_zone", "tm_gmtoff"]);

fn tuple_type() -> Arc<Type> {
    types().tuple.clone()
}

/// A `struct_time` holding `items` (9 values) and the zone fields.
fn struct_time_of(items: Vec<Value>, zone: Value, gmtoff: Value) -> Value {
    let inst = Instance::new(
        STRUCT_TIME.class().clone(),
        Payload::Tuple(Tuple::new(items)),
    );
    {
        let mut slots = inst.slots.lock();
        if let (Some(z), Some(g)) = (inst.slot_index("tm_zone"), inst.slot_index("tm_gmtoff")) {
            slots[z] = Some(zone);
            slots[g] = Some(gmtoff);
        }
    }
    Value::Instance(Arc::new(inst))
}

/// The `struct_time` of a broken-down time from the C library.
fn struct_time(t: &StructTime) -> Value {
    struct_time_of(
        t.items().iter().map(|&f| Value::Int(f)).collect(),
        t.tm_zone.clone().map_or(Value::None, Value::string),
        t.tm_gmtoff.map_or(Value::None, Value::Int),
    )
}

/// Slot `name` of a `struct_time` instance (`None` if unset).
fn slot(inst: &Instance, name: &str) -> Value {
    inst.slot_index(name)
        .and_then(|k| inst.slots.lock()[k].clone())
        .unwrap_or(Value::None)
}

/// Field `i` of a `struct_time` receiver.
fn field(args: &Args, i: usize) -> PyResult {
    if let Some(Value::Instance(inst)) = args.positional().first() {
        if let Payload::Tuple(t) = &inst.payload {
            return Ok(t.items.get(i).cloned().unwrap_or(Value::None));
        }
    }
    Err(PyErr::type_error(
        "descriptor needs a 'time.struct_time' object",
    ))
}

fn tm_year(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 0)
}
fn tm_mon(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 1)
}
fn tm_mday(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 2)
}
fn tm_hour(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 3)
}
fn tm_min(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 4)
}
fn tm_sec(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 5)
}
fn tm_wday(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 6)
}
fn tm_yday(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 7)
}
fn tm_isdst(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    field(&a, 8)
}
/// A zone slot of the receiver.
fn zone_field(args: &Args, name: &str) -> PyResult {
    match args.positional().first() {
        Some(Value::Instance(inst)) => Ok(slot(inst, name)),
        _ => Err(PyErr::type_error(
            "descriptor needs a 'time.struct_time' object",
        )),
    }
}
fn tm_zone(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    zone_field(&a, "tm_zone")
}
fn tm_gmtoff(_vm: &mut ThreadCtx, a: Args) -> PyResult {
    zone_field(&a, "tm_gmtoff")
}

/// `struct_time(sequence)`: 9 items, or 11 with `tm_zone`, `tm_gmtoff`.
fn struct_time_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("struct_time", 2, 2)?;
    let mut items = vm.collect(&args.positional()[1])?;
    if !(9..=11).contains(&items.len()) {
        let (at_least, n) = if items.len() < 9 {
            ("at least", 9)
        } else {
            ("at most", 11)
        };
        return Err(PyErr::type_error(format!(
            "time.struct_time() takes an {at_least} {n}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    let gmtoff = if items.len() > 10 { items.pop() } else { None };
    let zone = if items.len() > 9 { items.pop() } else { None };
    Ok(struct_time_of(
        items,
        zone.unwrap_or(Value::None),
        gmtoff.unwrap_or(Value::None),
    ))
}

/// `repr(struct_time)`.
fn struct_time_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let mut parts = Vec::with_capacity(9);
    for (i, name) in FIELDS.iter().enumerate() {
        let v = field(&args, i)?;
        parts.push(format!("{name}={}", vm.repr(&v)?));
    }
    Ok(Value::string(format!(
        "time.struct_time({})",
        parts.join(", ")
    )))
}

/// Seconds since the epoch, now.
fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The process's monotonic origin.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn time(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("time", 0, 0)?;
    Ok(Value::Float(now_secs()))
}

fn time_ns(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("time_ns", 0, 0)?;
    let ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Ok(Value::Int(ns))
}

fn monotonic(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("monotonic", 0, 0)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64() + 1.0))
}

fn monotonic_ns(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("monotonic_ns", 0, 0)?;
    Ok(Value::Int(
        origin().elapsed().as_nanos() as i64 + 1_000_000_000,
    ))
}

/// `clock`'s CPU time in nanoseconds, or the `OSError` of its errno.
fn cpu_ns(clock: time_c::CpuClock) -> PyResult<i64> {
    time_c::cpu_time_ns(clock).map_err(|code| time_err(TimeError::Os(code)))
}

/// `time.process_time()`: the CPU time (user and system) of every thread
/// of the process, in seconds (`time_c/cpu_clock.rs`).
fn process_time(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("process_time", 0, 0)?;
    Ok(Value::Float(
        cpu_ns(time_c::CpuClock::Process)? as f64 * 1e-9,
    ))
}

/// `time.process_time_ns()`: as `process_time`, in nanoseconds.
fn process_time_ns(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("process_time_ns", 0, 0)?;
    Ok(Value::Int(cpu_ns(time_c::CpuClock::Process)?))
}

/// `time.thread_time()`: the calling thread's CPU time, in seconds.
fn thread_time(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("thread_time", 0, 0)?;
    Ok(Value::Float(
        cpu_ns(time_c::CpuClock::Thread)? as f64 * 1e-9,
    ))
}

/// `time.thread_time_ns()`: as `thread_time`, in nanoseconds.
fn thread_time_ns(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("thread_time_ns", 0, 0)?;
    Ok(Value::Int(cpu_ns(time_c::CpuClock::Thread)?))
}

/// `time.sleep(secs)`: the GIL is released for the whole sleep.
fn sleep(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("sleep", 1, 1)?;
    // CPython's conversion (NaN, overflow and type errors included): a
    // `Duration` is only ever built from a checked count of nanoseconds.
    let nanos = seconds_arg(vm, &args.positional()[0])?;
    if nanos < 0 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "sleep length must be non-negative",
        ));
    }
    let rt = vm.rt.clone();
    let d = Duration::from_nanos(nanos as u64);
    if vm.blocking(|| rt.sleep(d)) {
        Ok(Value::None)
    } else {
        Err(PyErr::Finalizing)
    }
}

/// A `TimeError` from the calendar leaf as the Python exception.
fn time_err(e: TimeError) -> PyErr {
    let kind = match &e {
        TimeError::Os(code) => {
            return PyErr::from_args(
                ExcKind::OSError,
                vec![
                    Value::Int(*code as i64),
                    Value::string(errno::strerror(*code)),
                ],
            )
        }
        TimeError::Value(_) => ExcKind::ValueError,
        TimeError::Overflow(_) => ExcKind::OverflowError,
        TimeError::Type(_) => ExcKind::TypeError,
    };
    PyErr::new(kind, e.to_string())
}

/// The `secs` argument of `gmtime`/`localtime`/`ctime` as a `time_t`:
/// `None` or absent is now; a float is floored (CPython's
/// `_PyTime_ObjectToTime_t`).
fn secs_arg(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<i64> {
    args.arity(name, 0, 1)?;
    match args.positional().first() {
        None | Some(Value::None) => Ok(time_c::now_seconds()),
        Some(Value::Float(f)) => time_c::time_t_from_f64(*f).map_err(time_err),
        Some(Value::BigInt(_)) => Err(time_err(TimeError::time_t_overflow())),
        Some(Value::Int(i)) => Ok(*i),
        Some(other) => match float_arg(vm, other) {
            Ok(f) => time_c::time_t_from_f64(f).map_err(time_err),
            Err(_) => Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        },
    }
}

fn gmtime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "gmtime")?;
    Ok(struct_time(&time_c::gmtime(s).map_err(time_err)?))
}

fn localtime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "localtime")?;
    Ok(struct_time(&time_c::localtime(s).map_err(time_err)?))
}

/// `mktime(t)`: the inverse of `localtime`, by the C library.
fn mktime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("mktime", 1, 1)?;
    let t = time_arg(vm, &args.positional()[0], "mktime")?;
    Ok(Value::Float(time_c::mktime(&t).map_err(time_err)?))
}

/// A `struct_time` or 9-tuple argument, as CPython's `gettmarg` reads
/// it (a `struct_time` keeps its `tm_zone` and `tm_gmtoff`).
fn time_arg(vm: &mut ThreadCtx, v: &Value, caller: &str) -> PyResult<StructTime> {
    let (items, zone, gmtoff) = match v {
        Value::Tuple(t) => (t.items.to_vec(), Value::None, Value::None),
        Value::Instance(inst) => match &inst.payload {
            Payload::Tuple(t) => (
                t.items.to_vec(),
                slot(inst, "tm_zone"),
                slot(inst, "tm_gmtoff"),
            ),
            _ => return Err(time_err(TimeError::tuple_required())),
        },
        _ => return Err(time_err(TimeError::tuple_required())),
    };
    if items.len() != 9 {
        return Err(time_err(TimeError::illegal_tuple(caller)));
    }
    let mut fields = [0i64; 9];
    for (slot, item) in fields.iter_mut().zip(&items) {
        *slot = match item {
            Value::BigInt(_) => i64::MAX,
            other => index_arg(vm, other)?,
        };
    }
    let mut t = StructTime::from_tuple(fields);
    if let Value::Str(z) = zone {
        t.tm_zone = Some(z.as_str().to_string());
    }
    if let Value::Int(off) = gmtoff {
        t.tm_gmtoff = Some(off);
    }
    Ok(t)
}

/// The `struct_time` argument of `strftime`/`asctime`, or now.
fn time_or_now(vm: &mut ThreadCtx, v: Option<&Value>, caller: &str) -> PyResult<StructTime> {
    match v {
        Some(t) => time_arg(vm, t, caller),
        None => time_c::localtime(time_c::now_seconds()).map_err(time_err),
    }
}

/// `strftime(format[, t])`: the C library's `strftime`, as in CPython.
fn strftime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("strftime", 1, 2)?;
    let Value::Str(fmt) = &args.positional()[0] else {
        return Err(PyErr::type_error(format!(
            "strftime() argument 1 must be str, not {}",
            args.positional()[0].type_name()
        )));
    };
    let t = time_or_now(vm, args.positional().get(1), "strftime")?;
    let text = time_c::strftime(fmt.as_str(), &t).map_err(time_err)?;
    Ok(Value::string(text))
}

/// `asctime([t])`: `'Thu Jan  1 00:00:00 1970'`.
fn asctime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("asctime", 0, 1)?;
    let t = time_or_now(vm, args.positional().first(), "asctime")?;
    Ok(Value::string(time_c::asctime(&t).map_err(time_err)?))
}

/// `ctime([secs])`: `asctime(localtime(secs))`.
fn ctime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "ctime")?;
    Ok(Value::string(time_c::ctime(s).map_err(time_err)?))
}

/// CPython's `init_timezone`: `timezone`, `altzone`, `daylight` and
/// `tzname` from the local time of two instants half a year apart (the
/// southern hemisphere has its summer in January).
fn zone_constants() -> (i64, i64, i64, (String, String)) {
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    let jan_start = time_c::now_seconds() / YEAR * YEAR;
    let zone_at = |t: i64| match time_c::localtime(t) {
        Ok(st) => (-st.tm_gmtoff.unwrap_or(0), st.tm_zone.unwrap_or_default()),
        Err(_) => (0, "UTC".to_string()),
    };
    let (jan_zone, jan_name) = zone_at(jan_start);
    let (july_zone, july_name) = zone_at(jan_start + YEAR / 2);
    let daylight = (jan_zone != july_zone) as i64;
    if jan_zone < july_zone {
        (july_zone, jan_zone, daylight, (july_name, jan_name))
    } else {
        (jan_zone, july_zone, daylight, (jan_name, july_name))
    }
}

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    let (timezone, altzone, daylight, (std_name, dst_name)) = zone_constants();
    m.add("timezone", Value::Int(timezone));
    m.add("altzone", Value::Int(altzone));
    m.add("daylight", Value::Int(daylight));
    m.add(
        "tzname",
        Value::tuple(vec![Value::string(std_name), Value::string(dst_name)]),
    );
    Ok(())
}

/// The `time` module.
pub static MODULE: NativeModule = NativeModule {
    name: "time",
    functions: &[
        NativeSpec::function("time", time),
        NativeSpec::function("time_ns", time_ns),
        NativeSpec::function("monotonic", monotonic),
        NativeSpec::function("monotonic_ns", monotonic_ns),
        NativeSpec::function("perf_counter", monotonic),
        NativeSpec::function("perf_counter_ns", monotonic_ns),
        NativeSpec::function("process_time", process_time),
        NativeSpec::function("process_time_ns", process_time_ns),
        NativeSpec::function("thread_time", thread_time),
        NativeSpec::function("thread_time_ns", thread_time_ns),
        NativeSpec::function("sleep", sleep),
        NativeSpec::function("gmtime", gmtime),
        NativeSpec::function("localtime", localtime),
        NativeSpec::function("mktime", mktime),
        NativeSpec::function("strftime", strftime),
        NativeSpec::function("asctime", asctime),
        NativeSpec::function("ctime", ctime),
    ],
    classes: &[&STRUCT_TIME],
    init: Some(init),
};
