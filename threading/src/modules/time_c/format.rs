//! # `strftime`, `asctime`, `ctime`
//!
//! `time.strftime` is the C library's `strftime`, as in CPython: the
//! directives, their padding flags (`%-d`, `%_H`, `%4Y`), the locale
//! (`"C"`: neither CPython nor this process sets `LC_TIME`), and the
//! treatment of the odd cases all come from the same function. So glibc's
//! rules hold for both: an unknown directive is copied as written
//! (`'%Q'` → `'%Q'`) and a trailing `%` stays (`'a%'` → `'a%'`); on
//! Windows CPython would reject those, but not on Linux.
//!
//! What CPython adds, and this file repeats (`time_strftime` in
//! `Modules/timemodule.c`):
//!
//! ```text
//!   gettmarg + checktm        the tuple's items and ranges (tm.rs)
//!   tm_isdst clamped          to -1..=1, for C libraries that index by it
//!   format NUL?               ValueError: embedded null character
//!   buffer loop               1024 bytes, doubling; strftime returning 0
//!                             means "too small" until the buffer is 256
//!                             times the format, then it means "empty"
//! ```
//!
//! `asctime` and `ctime` do not use C's `asctime`: CPython formats them
//! itself (`_asctime`), as `'Thu Jan  1 00:00:00 1970'` with the year in
//! full, so years past 9999 or before 1000 print plainly; so does this
//! file.
//!
//! Needs `tm.rs` and `mod.rs` (`TimeError`).

use super::tm::{check_tm, localtime_tm, to_c_tm, StructTime, Tm};
use super::TimeError;
use std::ffi::{c_char, CString};

extern "C" {
    #[link_name = "strftime"]
    fn c_strftime(out: *mut c_char, max: usize, format: *const c_char, tm: *const Tm) -> usize;
}

/// `time.strftime(format, t)`.
pub fn strftime(format: &str, t: &StructTime) -> Result<String, TimeError> {
    let mut c_tm = to_c_tm(t)?;
    check_tm(&mut c_tm.tm)?;
    c_tm.tm.tm_isdst = c_tm.tm.tm_isdst.clamp(-1, 1);
    let c_format = CString::new(format)
        .map_err(|_| TimeError::Value("embedded null character".to_string()))?;
    let format_len = c_format.as_bytes().len();
    let mut size: usize = 1024;
    loop {
        let mut out = vec![0u8; size];
        // The struct tm is initialised and its tm_zone, if set, points into
        // `c_tm`'s CString; all of them outlive the call.
        // SAFETY: `out` has `size` writable bytes and strftime writes at
        // most `size` (NUL included); the format is NUL-terminated.
        let written = unsafe {
            c_strftime(
                out.as_mut_ptr().cast::<c_char>(),
                size,
                c_format.as_ptr(),
                &c_tm.tm,
            )
        };
        if written > 0 || size >= 256 * format_len {
            out.truncate(written);
            // The C locale passes the format's UTF-8 through byte for
            // byte; a zone name in another encoding is the only way to
            // get invalid UTF-8, shown with U+FFFD (CPython: surrogates).
            return Ok(String::from_utf8_lossy(&out).into_owned());
        }
        size += size;
    }
}

/// Day names by C's `tm_wday` (0 = Sunday).
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// Month names by C's `tm_mon` (0 = January).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// CPython's `_asctime`: `"%s %s%3d %.2d:%.2d:%.2d %d"`. The fields are in
/// range (checked by `checktm`, or fresh from `localtime_r`). The year is
/// `1900 + tm_year` in C `int` arithmetic, which wraps for the last
/// representable year (`ctime` of the end of year 2147485547 prints
/// `-2147481749` under CPython); `wrapping_add` reproduces that.
fn format_asctime(tm: &Tm) -> String {
    format!(
        "{} {}{:>3} {:02}:{:02}:{:02} {}",
        WEEKDAYS[tm.tm_wday as usize],
        MONTHS[tm.tm_mon as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year.wrapping_add(1900)
    )
}

/// `time.asctime(t)`.
pub fn asctime(t: &StructTime) -> Result<String, TimeError> {
    let mut c_tm = to_c_tm(t)?;
    check_tm(&mut c_tm.tm)?;
    Ok(format_asctime(&c_tm.tm))
}

/// `time.ctime(secs)`: `asctime(localtime(secs))`.
pub fn ctime(seconds: i64) -> Result<String, TimeError> {
    Ok(format_asctime(&localtime_tm(seconds)?))
}
