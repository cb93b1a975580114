//! # `struct tm` ↔ `struct_time`: localtime, gmtime, mktime
//!
//! C's `struct tm` and Python's `struct_time` hold the same broken-down
//! time with different conventions, and CPython converts at the boundary
//! (`tmtotuple` one way, `gettmarg` the other, in `Modules/timemodule.c`):
//!
//! | field | C `struct tm` | Python `struct_time` |
//! |---|---|---|
//! | year | years since 1900 | the year |
//! | month | 0..=11 | 1..=12 |
//! | weekday | 0 = Sunday | 0 = Monday |
//! | day of year | 0..=365 | 1..=366 |
//! | `tm_zone`, `tm_gmtoff` | zone abbreviation, seconds east of UTC | the same, or `None` for a plain 9-tuple |
//!
//! Going back (`gettmarg`), each of the nine items must fit a C `int`
//! (`OverflowError: signed integer is greater than maximum`), and
//! `strftime`/`asctime` then apply `checktm`'s range checks, which also
//! quietly turn a 0 month, day or yearday into the first one (so
//! `strftime('%d', (2020, 0, 0, ...))` is `'01'`). `mktime` skips
//! `checktm`: the C library normalises out-of-range fields itself.
//!
//! `localtime` reads the time zone from `TZ` (or `/etc/localtime`) through
//! the C library, once per process, as CPython does.
//!
//! Needs `mod.rs` (`TimeError`).

use super::TimeError;
use std::ffi::{c_char, c_int, c_long, CString};
use std::time::{SystemTime, UNIX_EPOCH};

/// C's `time_t` on 64-bit Linux.
type TimeT = i64;

/// C's `struct tm` as glibc and musl lay it out on 64-bit Linux.
#[repr(C)]
pub(super) struct Tm {
    /// Seconds, 0..=60 (61 allowed by Python's checks).
    pub tm_sec: c_int,
    /// Minutes, 0..=59.
    pub tm_min: c_int,
    /// Hours, 0..=23.
    pub tm_hour: c_int,
    /// Day of the month, 1..=31.
    pub tm_mday: c_int,
    /// Month, 0..=11.
    pub tm_mon: c_int,
    /// Years since 1900.
    pub tm_year: c_int,
    /// Day of the week, 0 = Sunday.
    pub tm_wday: c_int,
    /// Day of the year, 0..=365.
    pub tm_yday: c_int,
    /// Daylight saving time: positive yes, 0 no, negative unknown.
    pub tm_isdst: c_int,
    /// Seconds east of UTC.
    pub tm_gmtoff: c_long,
    /// Zone abbreviation (`EST`), or null; points into the C library's
    /// static zone data or into a `CString` the caller keeps alive.
    pub tm_zone: *const c_char,
}

impl Tm {
    /// An all-zero `struct tm`, as CPython's `memset` before filling one.
    pub(super) fn zeroed() -> Tm {
        Tm {
            tm_sec: 0,
            tm_min: 0,
            tm_hour: 0,
            tm_mday: 0,
            tm_mon: 0,
            tm_year: 0,
            tm_wday: 0,
            tm_yday: 0,
            tm_isdst: 0,
            tm_gmtoff: 0,
            tm_zone: std::ptr::null(),
        }
    }
}

extern "C" {
    fn localtime_r(time: *const TimeT, result: *mut Tm) -> *mut Tm;
    fn gmtime_r(time: *const TimeT, result: *mut Tm) -> *mut Tm;
    #[link_name = "mktime"]
    fn c_mktime(tm: *mut Tm) -> TimeT;
}

/// Python's `time.struct_time`: the nine items, then `tm_zone` and
/// `tm_gmtoff` (attributes only; `None` when built from a plain tuple).
/// Items are Python ints, so `i64`; the range checks happen on the way
/// back to C.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructTime {
    /// The year, e.g. 2024.
    pub tm_year: i64,
    /// Month, 1..=12.
    pub tm_mon: i64,
    /// Day of the month, 1..=31.
    pub tm_mday: i64,
    /// Hour, 0..=23.
    pub tm_hour: i64,
    /// Minute, 0..=59.
    pub tm_min: i64,
    /// Second, 0..=61.
    pub tm_sec: i64,
    /// Day of the week, 0 = Monday.
    pub tm_wday: i64,
    /// Day of the year, 1..=366.
    pub tm_yday: i64,
    /// 1 in daylight saving time, 0 not, -1 unknown.
    pub tm_isdst: i64,
    /// Zone abbreviation (`'EST'`, `'UTC'`, `'GMT'`), or `None`.
    pub tm_zone: Option<String>,
    /// Seconds east of UTC, or `None`.
    pub tm_gmtoff: Option<i64>,
}

impl StructTime {
    /// A plain 9-tuple `(year, mon, mday, hour, min, sec, wday, yday, isdst)`.
    pub fn from_tuple(items: [i64; 9]) -> StructTime {
        let [tm_year, tm_mon, tm_mday, tm_hour, tm_min, tm_sec, tm_wday, tm_yday, tm_isdst] = items;
        StructTime {
            tm_year,
            tm_mon,
            tm_mday,
            tm_hour,
            tm_min,
            tm_sec,
            tm_wday,
            tm_yday,
            tm_isdst,
            tm_zone: None,
            tm_gmtoff: None,
        }
    }

    /// The nine items, in tuple order (what indexing and unpacking see).
    pub fn items(&self) -> [i64; 9] {
        [
            self.tm_year,
            self.tm_mon,
            self.tm_mday,
            self.tm_hour,
            self.tm_min,
            self.tm_sec,
            self.tm_wday,
            self.tm_yday,
            self.tm_isdst,
        ]
    }

    /// `repr(t)`: `time.struct_time(tm_year=1970, tm_mon=1, ...,
    /// tm_isdst=0)` (the zone fields are not shown, as in CPython).
    pub fn python_repr(&self) -> String {
        format!(
            "time.struct_time(tm_year={}, tm_mon={}, tm_mday={}, tm_hour={}, tm_min={}, \
             tm_sec={}, tm_wday={}, tm_yday={}, tm_isdst={})",
            self.tm_year,
            self.tm_mon,
            self.tm_mday,
            self.tm_hour,
            self.tm_min,
            self.tm_sec,
            self.tm_wday,
            self.tm_yday,
            self.tm_isdst
        )
    }

    /// CPython's `tmtotuple`: a C `struct tm` in Python's conventions.
    // `c_long` is `i64` on the 64-bit targets this leaf supports; the
    // conversion keeps the code honest about C's type.
    #[allow(clippy::useless_conversion)]
    fn from_tm(tm: &Tm) -> StructTime {
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            // SAFETY: a non-null tm_zone from localtime_r/gmtime_r points
            // to a NUL-terminated string in the C library's zone data,
            // which lives as long as the process.
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned()
        };
        StructTime {
            tm_year: i64::from(tm.tm_year) + 1900,
            tm_mon: i64::from(tm.tm_mon) + 1,
            tm_mday: i64::from(tm.tm_mday),
            tm_hour: i64::from(tm.tm_hour),
            tm_min: i64::from(tm.tm_min),
            tm_sec: i64::from(tm.tm_sec),
            tm_wday: (i64::from(tm.tm_wday) + 6) % 7,
            tm_yday: i64::from(tm.tm_yday) + 1,
            tm_isdst: i64::from(tm.tm_isdst),
            tm_zone: Some(zone),
            tm_gmtoff: Some(i64::from(tm.tm_gmtoff)),
        }
    }
}

/// A C `struct tm` built from a `StructTime`, with the `CString` its
/// `tm_zone` points into (kept alive alongside).
pub(super) struct CTm {
    /// The C struct.
    pub tm: Tm,
    /// Owner of the bytes `tm.tm_zone` points to, if any.
    _zone: Option<CString>,
}

/// PyArg's `"i"` conversion: a Python int into a C `int`.
fn c_int_item(value: i64) -> Result<c_int, TimeError> {
    c_int::try_from(value).map_err(|_| {
        TimeError::Overflow(if value > 0 {
            "signed integer is greater than maximum".to_string()
        } else {
            "signed integer is less than minimum".to_string()
        })
    })
}

/// CPython's `gettmarg`: Python's conventions back to C's (no range
/// checks beyond "fits an int"; those are `checktm`'s).
pub(super) fn to_c_tm(t: &StructTime) -> Result<CTm, TimeError> {
    let year = c_int_item(t.tm_year)?;
    let mut tm = Tm::zeroed();
    tm.tm_mon = c_int_item(t.tm_mon)?;
    tm.tm_mday = c_int_item(t.tm_mday)?;
    tm.tm_hour = c_int_item(t.tm_hour)?;
    tm.tm_min = c_int_item(t.tm_min)?;
    tm.tm_sec = c_int_item(t.tm_sec)?;
    let wday = c_int_item(t.tm_wday)?;
    tm.tm_yday = c_int_item(t.tm_yday)?;
    tm.tm_isdst = c_int_item(t.tm_isdst)?;
    if year < c_int::MIN + 1900 {
        return Err(TimeError::Overflow("year out of range".to_string()));
    }
    tm.tm_year = year - 1900;
    tm.tm_mon -= 1;
    // C's `%` keeps the dividend's sign: a wday of -2 becomes -1, which
    // checktm rejects; i64 arithmetic avoids C's overflow at INT_MAX.
    tm.tm_wday = ((i64::from(wday) + 1) % 7) as c_int;
    tm.tm_yday -= 1;
    let zone = match &t.tm_zone {
        // A NUL inside the zone ends it, as C would read it.
        Some(text) => {
            let cut = text.split('\0').next().unwrap_or("");
            Some(CString::new(cut).expect("no NUL left"))
        }
        None => None,
    };
    if let Some(zone) = &zone {
        tm.tm_zone = zone.as_ptr();
    }
    if let Some(offset) = t.tm_gmtoff {
        tm.tm_gmtoff = offset as c_long;
    }
    Ok(CTm { tm, _zone: zone })
}

/// CPython's `checktm`, run by `strftime` and `asctime` after `gettmarg`.
pub(super) fn check_tm(tm: &mut Tm) -> Result<(), TimeError> {
    let value_error = |message: &str| Err(TimeError::Value(message.to_string()));
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return value_error("month out of range");
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return value_error("day of month out of range");
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return value_error("hour out of range");
    }
    if !(0..=59).contains(&tm.tm_min) {
        return value_error("minute out of range");
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return value_error("seconds out of range");
    }
    // The upper bound needs no check: gettmarg's `% 7` guarantees it.
    if tm.tm_wday < 0 {
        return value_error("day of week out of range");
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return value_error("day of year out of range");
    }
    Ok(())
}

/// `time.time()` floored to whole seconds: what `localtime()` with no
/// argument converts (CPython calls C's `time(NULL)`).
pub fn now_seconds() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        // A clock set before 1970: floor of a negative time.
        Err(before) => {
            let d = before.duration();
            -(d.as_secs() as i64) - i64::from(d.subsec_nanos() > 0)
        }
    }
}

/// A float `secs` argument as `time_t`: floored, as CPython's
/// `_PyTime_ObjectToTime_t(..., _PyTime_ROUND_FLOOR)`. (An int argument is
/// already a `time_t`; one beyond `i64` is [`TimeError::time_t_overflow`].)
pub fn time_t_from_f64(seconds: f64) -> Result<i64, TimeError> {
    if seconds.is_nan() {
        return Err(TimeError::Value(
            "Invalid value NaN (not a number)".to_string(),
        ));
    }
    let floored = seconds.floor();
    // i64's range as doubles: [-2**63, 2**63).
    if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&floored) {
        return Err(TimeError::time_t_overflow());
    }
    Ok(floored as i64)
}

/// Which conversion `broken_down` runs.
#[derive(Clone, Copy)]
enum Zone {
    /// `localtime_r`: the process's time zone.
    Local,
    /// `gmtime_r`: UTC.
    Utc,
}

/// `localtime_r` or `gmtime_r`, with CPython's `_PyTime_localtime` error
/// handling: a failure is `OSError(errno)` (`EOVERFLOW` for a year that
/// does not fit an `int`), or `EINVAL` if the C library set no errno.
fn broken_down(seconds: i64, zone: Zone) -> Result<Tm, TimeError> {
    let mut tm = Tm::zeroed();
    let time: TimeT = seconds;
    // SAFETY: both pointers point to live locals for the whole call; the
    // `_r` variants write only into `tm` (no shared static buffer).
    let result = unsafe {
        match zone {
            Zone::Local => localtime_r(&time, &mut tm),
            Zone::Utc => gmtime_r(&time, &mut tm),
        }
    };
    if result.is_null() {
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(TimeError::Os(if errno == 0 { 22 } else { errno }));
    }
    Ok(tm)
}

/// `localtime_r` as a C `struct tm` (what `ctime` formats).
pub(super) fn localtime_tm(seconds: i64) -> Result<Tm, TimeError> {
    broken_down(seconds, Zone::Local)
}

/// `time.localtime(secs)`.
pub fn localtime(seconds: i64) -> Result<StructTime, TimeError> {
    broken_down(seconds, Zone::Local).map(|tm| StructTime::from_tm(&tm))
}

/// `time.gmtime(secs)`. (`tm_zone` is the C library's name for UTC,
/// `'GMT'` with glibc, as CPython shows it.)
pub fn gmtime(seconds: i64) -> Result<StructTime, TimeError> {
    broken_down(seconds, Zone::Utc).map(|tm| StructTime::from_tm(&tm))
}

/// `time.mktime(t)`: local time back to seconds since the epoch. As in
/// CPython, `tm_wday` is set to -1 before the call, so "-1 returned and
/// `tm_wday` untouched" tells a failure from the valid answer -1.0.
pub fn mktime(t: &StructTime) -> Result<f64, TimeError> {
    let mut c_tm = to_c_tm(t)?;
    c_tm.tm.tm_wday = -1;
    // SAFETY: `c_tm.tm` is a fully initialised struct tm that mktime may
    // normalise in place; its tm_zone (if set) points into `c_tm`'s own
    // CString, alive for the call.
    let seconds = unsafe { c_mktime(&mut c_tm.tm) };
    if seconds == -1 && c_tm.tm.tm_wday == -1 {
        return Err(TimeError::Overflow(
            "mktime argument out of range".to_string(),
        ));
    }
    Ok(seconds as f64)
}
