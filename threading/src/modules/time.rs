//! # `time`: clocks, sleeping (with the GIL released), calendar times
//!
//! ```text
//!   time.sleep(s)  ─▶ vm.blocking(|| rt.sleep(s))   the GIL is free meanwhile;
//!                                                   a daemon thread's sleep
//!                                                   ends at interpreter exit
//!   time.time() / monotonic() / perf_counter() (+ _ns)
//!   time.gmtime(s) / localtime(s) ─▶ struct_time ─▶ strftime(fmt, t)
//! ```
//!
//! Simplification: std has no time-zone database, so `localtime` is UTC
//! (`timezone == 0`, `tzname == ('UTC', 'UTC')`); on a machine set to UTC
//! (the test machines) that is exactly CPython's answer.
//!
//! Python equivalent: `Modules/timemodule.c`.

use crate::object::builtin_types::types;
use crate::object::instance::{Instance, Payload};
use crate::object::seq::Tuple;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg};
use crate::vm::native::{Args, ModuleInit, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use std::sync::{Arc, OnceLock};
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
.with_base(tuple_type);

fn tuple_type() -> Arc<Type> {
    types().tuple.clone()
}

/// A `struct_time` holding `fields`.
fn struct_time(fields: [i64; 9]) -> Value {
    let items = fields.iter().map(|&f| Value::Int(f)).collect();
    Value::Instance(Arc::new(Instance::new(
        STRUCT_TIME.class().clone(),
        Payload::Tuple(Tuple::new(items)),
    )))
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
fn tm_zone(_vm: &mut ThreadCtx, _a: Args) -> PyResult {
    Ok(Value::str("UTC"))
}
fn tm_gmtoff(_vm: &mut ThreadCtx, _a: Args) -> PyResult {
    Ok(Value::Int(0))
}

/// `struct_time(sequence)`.
fn struct_time_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("struct_time", 2, 2)?;
    let items = vm.collect(&args.positional()[1])?;
    if items.len() != 9 {
        return Err(PyErr::type_error(format!(
            "time.struct_time() takes a 9-sequence ({}-sequence given)",
            items.len()
        )));
    }
    let mut f = [0i64; 9];
    for (slot, v) in f.iter_mut().zip(&items) {
        *slot = index_arg(vm, v)?;
    }
    Ok(struct_time(f))
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

/// `time.sleep(secs)`: the GIL is released for the whole sleep.
fn sleep(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("sleep", 1, 1)?;
    let secs = float_arg(vm, &args.positional()[0])?;
    if secs < 0.0 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "sleep length must be non-negative",
        ));
    }
    if !secs.is_finite() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    let rt = vm.rt.clone();
    let d = Duration::from_secs_f64(secs);
    if vm.blocking(|| rt.sleep(d)) {
        Ok(Value::None)
    } else {
        Err(PyErr::Finalizing)
    }
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The broken-down UTC time of `secs` since the epoch.
fn broken_down(secs: i64) -> [i64; 9] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday (3)
    let yday = days - days_from_civil(y, 1, 1) + 1;
    [
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        wday,
        yday,
        0,
    ]
}

/// The seconds argument of gmtime/localtime (`None`: now).
fn secs_arg(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<i64> {
    args.arity(name, 0, 1)?;
    match args.positional().first() {
        None | Some(Value::None) => Ok(now_secs().floor() as i64),
        Some(v) => {
            let f = float_arg(vm, v)?;
            if !f.is_finite() || f.abs() > 1e15 {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(f.floor() as i64)
        }
    }
}

fn gmtime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "gmtime")?;
    Ok(struct_time(broken_down(s)))
}

fn localtime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "localtime")?;
    Ok(struct_time(broken_down(s)))
}

/// `mktime(t)`: the inverse of `localtime` (UTC here).
fn mktime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("mktime", 1, 1)?;
    let f = time_fields(vm, &args.positional()[0])?;
    let days = days_from_civil(f[0], f[1], f[2]);
    Ok(Value::Float(
        (days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5]) as f64,
    ))
}

/// The 9 fields of a `struct_time` or 9-tuple argument.
fn time_fields(vm: &mut ThreadCtx, v: &Value) -> PyResult<[i64; 9]> {
    let items = vm.collect(v)?;
    if items.len() != 9 {
        return Err(PyErr::type_error("Tuple or struct_time argument required"));
    }
    let mut f = [0i64; 9];
    for (slot, v) in f.iter_mut().zip(&items) {
        *slot = index_arg(vm, v)?;
    }
    Ok(f)
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// C's `strftime` for the C locale.
fn format_time(fmt: &str, f: &[i64; 9]) -> String {
    let [y, mon, d, h, mi, s, wday, yday, _] = *f;
    let month = MONTHS[((mon - 1).rem_euclid(12)) as usize];
    let day = DAYS[wday.rem_euclid(7) as usize];
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(k) = chars.next() else {
            out.push('%');
            break;
        };
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        match k {
            'Y' => out.push_str(&y.to_string()),
            'y' => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            'C' => out.push_str(&format!("{:02}", y.div_euclid(100))),
            'm' => out.push_str(&format!("{mon:02}")),
            'd' => out.push_str(&format!("{d:02}")),
            'e' => out.push_str(&format!("{d:2}")),
            'H' => out.push_str(&format!("{h:02}")),
            'I' => out.push_str(&format!("{h12:02}")),
            'M' => out.push_str(&format!("{mi:02}")),
            'S' => out.push_str(&format!("{s:02}")),
            'p' => out.push_str(if h < 12 { "AM" } else { "PM" }),
            'j' => out.push_str(&format!("{yday:03}")),
            'a' => out.push_str(&day[..3]),
            'A' => out.push_str(day),
            'b' | 'h' => out.push_str(&month[..3]),
            'B' => out.push_str(month),
            'w' => out.push_str(&((wday + 1) % 7).to_string()),
            'u' => out.push_str(&(wday + 1).to_string()),
            'U' => out.push_str(&format!("{:02}", (yday - 1 + 7 - (wday + 1) % 7) / 7)),
            'W' => out.push_str(&format!("{:02}", (yday - 1 + 7 - wday) / 7)),
            'Z' => out.push_str("UTC"),
            'z' => out.push_str("+0000"),
            'D' => out.push_str(&format!("{mon:02}/{d:02}/{:02}", y.rem_euclid(100))),
            'F' => out.push_str(&format!("{y}-{mon:02}-{d:02}")),
            'T' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            'R' => out.push_str(&format!("{h:02}:{mi:02}")),
            'r' => out.push_str(&format!(
                "{h12:02}:{mi:02}:{s:02} {}",
                if h < 12 { "AM" } else { "PM" }
            )),
            'c' => out.push_str(&format!(
                "{} {} {d:2} {h:02}:{mi:02}:{s:02} {y}",
                &day[..3],
                &month[..3]
            )),
            'x' => out.push_str(&format!("{mon:02}/{d:02}/{:02}", y.rem_euclid(100))),
            'X' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

fn strftime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("strftime", 1, 2)?;
    let Value::Str(fmt) = &args.positional()[0] else {
        return Err(PyErr::type_error(format!(
            "strftime() argument 1 must be str, not {}",
            args.positional()[0].type_name()
        )));
    };
    let f = match args.positional().get(1) {
        Some(t) => time_fields(vm, t)?,
        None => broken_down(now_secs().floor() as i64),
    };
    if !(1..=12).contains(&f[1]) {
        return Err(PyErr::new(ExcKind::ValueError, "month out of range"));
    }
    Ok(Value::string(format_time(fmt.as_str(), &f)))
}

fn asctime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("asctime", 0, 1)?;
    let f = match args.positional().first() {
        Some(t) => time_fields(vm, t)?,
        None => broken_down(now_secs().floor() as i64),
    };
    Ok(Value::string(format_time("%c", &f)))
}

fn ctime(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = secs_arg(vm, &args, "ctime")?;
    Ok(Value::string(format_time("%c", &broken_down(s))))
}

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    m.add("timezone", Value::Int(0));
    m.add("altzone", Value::Int(0));
    m.add("daylight", Value::Int(0));
    m.add(
        "tzname",
        Value::tuple(vec![Value::str("UTC"), Value::str("UTC")]),
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
        NativeSpec::function("process_time", monotonic),
        NativeSpec::function("process_time_ns", monotonic_ns),
        NativeSpec::function("thread_time", monotonic),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        // 2024-02-29 12:34:56 UTC = 1709210096
        let f = broken_down(1_709_210_096);
        assert_eq!(f, [2024, 2, 29, 12, 34, 56, 3, 60, 0]);
        assert_eq!(
            days_from_civil(2024, 2, 29) * 86_400 + 45_296,
            1_709_210_096
        );
        assert_eq!(broken_down(0), [1970, 1, 1, 0, 0, 0, 3, 1, 0]);
        assert_eq!(
            format_time("%Y-%m-%d %H:%M:%S %a %b %j", &f),
            "2024-02-29 12:34:56 Thu Feb 060"
        );
    }
}
