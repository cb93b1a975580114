//! The time leaf (`src/modules/time_c/`, the C library's time.h calendar functions) against CPython, in two time zones.
//!
//! One battery — `localtime`, `gmtime`, `ctime` for a set of epochs (DST
//! edges, leap days, the ends of `int` years, errors), `strftime` with
//! logging's formats and glibc's odd cases on each result, and `mktime`,
//! `strftime`, `asctime` on plain tuples (in-range and each `checktm`
//! error) — is computed here and by `python3` in the same time zone, line
//! by line. The time zone comes from `TZ`, which the C library reads once
//! per process, so each zone runs in a child process: this test binary
//! re-runs itself with `TZ` set and only the battery test selected. Without
//! python3, or without the tz database for a zone, that part is skipped
//! with a note on stderr; [`fixed_facts_without_python`] always runs.

#[allow(dead_code, unused_imports)]
#[path = "../src/modules/errno.rs"]
mod errno;
#[allow(dead_code, unused_imports)]
#[path = "../src/modules/time_c/mod.rs"]
mod time;

use std::process::Command;
use time::{
    asctime, ctime, gmtime, localtime, mktime, now_seconds, strftime, time_t_from_f64, StructTime,
    TimeError,
};

/// Epochs for localtime/gmtime/ctime: ordinary days, DST switches in New
/// York (2020-03-08 07:00Z, 2020-11-01 06:00Z), a leap day, before 1970,
/// year 9999, the last second whose year fits an int, and past it.
const EPOCHS: [i64; 18] = [
    0,
    86_399,
    951_868_799,
    1_000_000_000,
    1_234_567_890,
    1_583_650_799,
    1_583_650_800,
    1_604_210_399,
    1_604_210_400,
    1_700_000_000,
    -1,
    -946_771_200,
    4_102_444_800,
    253_402_300_799,
    67_767_976_233_316_800,
    67_768_036_191_676_800,
    -67_768_040_609_740_801,
    1 << 62,
];

/// Float arguments: floored, or rejected.
const FLOATS: [f64; 7] = [1.5, -1.5, -0.5, 1e18, 1e300, -1e300, f64::NAN];

/// Formats: logging's default and the `,%03d`-style mistake it invites,
/// every common directive, glibc's flags and extensions, the odd cases
/// (`%`, `%Q`), non-ASCII text, an empty result, and outputs longer than
/// CPython's first 1024-byte buffer.
fn formats() -> Vec<String> {
    let mut formats: Vec<String> = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S,%03d",
        "%a %A %b %B %c",
        "%x %X %p %I %l",
        "%j %U %W %w %u %V %G %g",
        "%Z %z",
        "%Z",
        "%s",
        "%C %y %e %D %F %T %R %h %n %t|",
        "%%",
        "%",
        "a%",
        "%Q",
        "%-d %_H %4Y %^a %#b",
        "%Ey %Od %EC",
        "é%A ✓",
        "",
    ]
    .iter()
    .map(|f| f.to_string())
    .collect();
    formats.push("%Y".repeat(600));
    formats.push("%c|".repeat(100));
    formats
}

/// Plain 9-tuples for mktime, strftime and asctime.
const TUPLES: [[i64; 9]; 17] = [
    [2020, 1, 1, 0, 0, 0, 0, 1, 0],
    [2020, 7, 1, 12, 30, 45, 2, 183, 1],
    [2020, 7, 1, 12, 30, 45, 2, 183, -1],
    [2020, 7, 1, 12, 30, 45, 2, 183, 5],
    [2000, 2, 29, 23, 59, 60, 1, 60, 0],
    [2020, 0, 0, 0, 0, 0, 0, 0, 0],
    [2020, 13, 1, 0, 0, 0, 0, 1, 0],
    [2020, 1, 32, 0, 0, 0, 0, 1, 0],
    [2020, 1, 1, 24, 0, 0, 0, 1, 0],
    [2020, 1, 1, 0, 60, 0, 0, 1, 0],
    [2020, 1, 1, 0, 0, 62, 0, 1, 0],
    [2020, 1, 1, 0, 0, 0, -2, 1, 0],
    [2020, 1, 1, 0, 0, 0, 0, 367, 0],
    [10000, 1, 1, 0, 0, 0, 0, 1, 0],
    [-5, 1, 1, 0, 0, 0, 7, 1, 0],
    [2_147_483_647, 1, 1, 0, 0, 0, 0, 1, 0],
    [-2_147_483_648, 1, 1, 0, 0, 0, 0, 1, 0],
];

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// `!Class: message` for an error, as the Python side prints it.
fn shown<T>(result: Result<T, TimeError>, ok: impl FnOnce(T) -> String) -> String {
    match result {
        Ok(value) => ok(value),
        Err(error) => format!("!{}: {error}", error.class_name()),
    }
}

fn fields(t: &StructTime) -> String {
    let items: Vec<String> = t.items().iter().map(i64::to_string).collect();
    format!(
        "{} {} {}",
        items.join(" "),
        t.tm_zone.as_deref().unwrap_or("None"),
        t.tm_gmtoff.map_or("None".to_string(), |o| o.to_string())
    )
}

/// The battery, computed by the leaf.
fn our_lines() -> Vec<String> {
    let formats = formats();
    let mut lines = Vec::new();
    for e in EPOCHS {
        for (tag, convert) in [("L", localtime as fn(i64) -> _), ("G", gmtime)] {
            lines.push(format!("{tag} {e}: {}", shown(convert(e), |t| fields(&t))));
            lines.push(format!(
                "{tag}R {e}: {}",
                shown(convert(e), |t| t.python_repr())
            ));
            for (i, format) in formats.iter().enumerate() {
                let text = convert(e).and_then(|t| strftime(format, &t));
                lines.push(format!("{tag}F {e} {i}: {}", shown(text, |s| hex(&s))));
            }
        }
        lines.push(format!("C {e}: {}", shown(ctime(e), |s| s)));
    }
    for (i, x) in FLOATS.iter().enumerate() {
        let t = time_t_from_f64(*x).and_then(localtime);
        lines.push(format!("FL {i}: {}", shown(t, |t| fields(&t))));
        let t = time_t_from_f64(*x).and_then(gmtime);
        lines.push(format!("FG {i}: {}", shown(t, |t| fields(&t))));
    }
    for (i, items) in TUPLES.iter().enumerate() {
        let t = StructTime::from_tuple(*items);
        lines.push(format!(
            "M {i}: {}",
            shown(mktime(&t), |s| (s as i64).to_string())
        ));
        lines.push(format!("A {i}: {}", shown(asctime(&t), |s| s)));
        for (f, format) in formats.iter().enumerate() {
            lines.push(format!(
                "S {i} {f}: {}",
                shown(strftime(format, &t), |s| hex(&s))
            ));
        }
    }
    lines
}

/// The same battery as a Python program.
fn python_script() -> String {
    let epochs: Vec<String> = EPOCHS.iter().map(i64::to_string).collect();
    let floats: Vec<String> = FLOATS.iter().map(|x| format!("float('{x:?}')")).collect();
    let formats: Vec<String> = formats().iter().map(|f| format!("'{}'", hex(f))).collect();
    let tuples: Vec<String> = TUPLES
        .iter()
        .map(|t| format!("{t:?}").replace('[', "(").replace(']', ")"))
        .collect();
    format!(
        r#"
import time
def shown(f, ok):
    try:
        return ok(f())
    except Exception as e:
        return '!' + type(e).__name__ + ': ' + str(e)
def fields(t):
    return ' '.join(str(x) for x in t) + ' ' + str(t.tm_zone) + ' ' + str(t.tm_gmtoff)
EPOCHS = [{epochs}]
FLOATS = [{floats}]
FORMATS = [bytes.fromhex(h).decode() for h in [{formats}]]
TUPLES = [{tuples}]
for e in EPOCHS:
    for tag, convert in (('L', time.localtime), ('G', time.gmtime)):
        print(f'{{tag}} {{e}}: ' + shown(lambda: convert(e), fields))
        print(f'{{tag}}R {{e}}: ' + shown(lambda: convert(e), repr))
        for i, fmt in enumerate(FORMATS):
            print(f'{{tag}}F {{e}} {{i}}: ' + shown(lambda: time.strftime(fmt, convert(e)), lambda s: s.encode().hex()))
    print(f'C {{e}}: ' + shown(lambda: time.ctime(e), str))
for i, x in enumerate(FLOATS):
    print(f'FL {{i}}: ' + shown(lambda: time.localtime(x), fields))
    print(f'FG {{i}}: ' + shown(lambda: time.gmtime(x), fields))
for i, t in enumerate(TUPLES):
    print(f'M {{i}}: ' + shown(lambda: time.mktime(t), lambda s: '%d' % s))
    print(f'A {{i}}: ' + shown(lambda: time.asctime(t), str))
    for f, fmt in enumerate(FORMATS):
        print(f'S {{i}} {{f}}: ' + shown(lambda: time.strftime(fmt, t), lambda s: s.encode().hex()))
"#,
        epochs = epochs.join(", "),
        floats = floats.join(", "),
        formats = formats.join(", "),
        tuples = tuples.join(", "),
    )
}

/// Marks a run that really compared (the parent looks for it).
const COMPARED_MARK: &str = "time-leaf: compared";

/// Runs the battery in this process's time zone. This is the test each
/// child runs; run directly, it compares in the inherited `TZ`.
#[test]
fn battery_matches_cpython_in_this_time_zone() {
    let output = match Command::new("python3")
        .args(["-c", &python_script()])
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            eprintln!("note: python3 not found; the CPython comparison was skipped");
            return;
        }
    };
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cpython: Vec<String> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect();
    let ours = our_lines();
    let differences: Vec<String> = ours
        .iter()
        .zip(&cpython)
        .filter(|(a, b)| a != b)
        .take(10)
        .map(|(a, b)| format!("ours:    {a}\ncpython: {b}"))
        .collect();
    assert!(
        differences.is_empty(),
        "TZ={:?}\n{}",
        std::env::var("TZ"),
        differences.join("\n")
    );
    assert_eq!(ours.len(), cpython.len(), "line counts");
    println!(
        "{COMPARED_MARK} {} lines, TZ={:?}",
        ours.len(),
        std::env::var("TZ")
    );
}

/// Re-runs this binary with `TZ=zone`, selecting only the battery.
fn battery_in_zone(zone: &str) {
    let exe = std::env::current_exe().expect("test binary path");
    let output = Command::new(exe)
        .env("TZ", zone)
        .args([
            "battery_matches_cpython_in_this_time_zone",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .expect("re-run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "TZ={zone}:\n{stdout}\n{stderr}");
    if stderr.contains("python3 not found") {
        eprintln!("note: python3 not found; TZ={zone} comparison skipped");
        return;
    }
    assert!(
        stdout.contains(COMPARED_MARK),
        "the child ran no comparison:\n{stdout}"
    );
}

#[test]
fn battery_matches_cpython_in_utc() {
    battery_in_zone("UTC");
}

#[test]
fn battery_matches_cpython_in_new_york() {
    if !std::path::Path::new("/usr/share/zoneinfo/America/New_York").exists() {
        eprintln!("note: no tzdata for America/New_York; that comparison was skipped");
        return;
    }
    battery_in_zone("America/New_York");
}

#[test]
fn fixed_facts_without_python() {
    let epoch = gmtime(0).unwrap();
    assert_eq!(
        epoch.items(),
        [1970, 1, 1, 0, 0, 0, 3, 1, 0],
        "a Thursday, Monday = 0"
    );
    assert_eq!(epoch.tm_gmtoff, Some(0));
    assert_eq!(
        epoch.python_repr(),
        "time.struct_time(tm_year=1970, tm_mon=1, tm_mday=1, tm_hour=0, tm_min=0, \
         tm_sec=0, tm_wday=3, tm_yday=1, tm_isdst=0)"
    );
    assert_eq!(asctime(&epoch).unwrap(), "Thu Jan  1 00:00:00 1970");
    let day = StructTime::from_tuple([2024, 2, 29, 13, 5, 9, 3, 60, 0]);
    assert_eq!(
        strftime("%Y-%m-%d %H:%M:%S", &day).unwrap(),
        "2024-02-29 13:05:09"
    );
    assert_eq!(
        strftime("a%", &day).unwrap(),
        "a%",
        "glibc keeps a trailing %"
    );
    assert_eq!(
        strftime("%Q", &day).unwrap(),
        "%Q",
        "and an unknown directive"
    );
    assert_eq!(
        strftime("a\0b", &day).unwrap_err(),
        TimeError::Value("embedded null character".to_string())
    );
    assert_eq!(
        gmtime(1 << 62).unwrap_err().to_string(),
        "[Errno 75] Value too large for defined data type"
    );
    let month = StructTime::from_tuple([2020, 13, 1, 0, 0, 0, 0, 1, 0]);
    assert_eq!(
        strftime("%m", &month).unwrap_err().to_string(),
        "month out of range"
    );
    assert_eq!(time_t_from_f64(-1.5), Ok(-2), "floored");
    let now = localtime(now_seconds()).unwrap();
    assert!(now.tm_year >= 2024, "the clock is past this file's writing");
    let huge = StructTime::from_tuple([1 << 40, 1, 1, 0, 0, 0, 0, 1, 0]);
    assert_eq!(
        mktime(&huge).unwrap_err(),
        TimeError::Overflow("signed integer is greater than maximum".to_string())
    );
}
