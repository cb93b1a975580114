//! What the numbers were measured on: the machine, the date, and how busy
//! the machine was.
//!
//! Every figure in the report is a ratio measured in one run, but how much
//! those ratios wobble depends on the machine and on what else ran. So the
//! report states the CPU, the cores, the kernel, the CPython version, the
//! date, and the load average when the run started and ended (from
//! `/proc/loadavg`: runnable processes averaged over the last minute; on a
//! 2-core machine anything near 2 or above means the cells competed with
//! other work, and the verdicts should be read with that in mind).
//!
//! Python equivalent: `platform.processor()`, `os.cpu_count()`,
//! `os.getloadavg()`.

use serde::Serialize;
use std::time::{SystemTime, UNIX_EPOCH};

/// The machine and the moment.
#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    /// `model name` of `/proc/cpuinfo`, e.g. `AMD EPYC 7B13`.
    pub cpu: String,
    /// Cores this process may use.
    pub cores: usize,
    /// The kernel release (`/proc/sys/kernel/osrelease`).
    pub kernel: String,
    /// `python3 --version`, or `absent`.
    pub python: String,
    /// When the run started, `YYYY-MM-DD HH:MM UTC`.
    pub date: String,
    /// One-minute load average when the run started.
    pub loadavg_start: f64,
    /// One-minute load average when the run ended (set by [`Machine::finish`]).
    pub loadavg_end: f64,
    /// How long the whole run took, in seconds (set by [`Machine::finish`]).
    pub duration_s: f64,
}

impl Machine {
    /// Reads the machine now, at the start of a run.
    pub fn now() -> Machine {
        Machine {
            cpu: cpu_model().unwrap_or_else(|| "unknown CPU".to_owned()),
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map_or_else(|_| "unknown".to_owned(), |s| s.trim().to_owned()),
            python: python_version(),
            date: utc_date(SystemTime::now()),
            loadavg_start: loadavg().unwrap_or(f64::NAN),
            loadavg_end: f64::NAN,
            duration_s: f64::NAN,
        }
    }

    /// Records the end of the run: its length and the load then.
    pub fn finish(&mut self, duration_s: f64) {
        self.duration_s = duration_s;
        self.loadavg_end = loadavg().unwrap_or(f64::NAN);
    }

    /// One line for the page and the text output.
    pub fn summary(&self) -> String {
        format!(
            "{} ({} cores), Linux {}, {}; {}; load average {:.2} when the run started \
             ({:.2} when it ended, its own threads included); {:.0} s",
            self.cpu,
            self.cores,
            self.kernel,
            self.python,
            self.date,
            self.loadavg_start,
            self.loadavg_end,
            self.duration_s
        )
    }
}

/// The first `model name` line of `/proc/cpuinfo`.
fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map(|(_, name)| name.trim().to_owned())
}

/// `Python 3.11.7`, or `python3 absent`.
fn python_version() -> String {
    let Some(python) = common::measure::python::python3() else {
        return "python3 absent".to_owned();
    };
    std::process::Command::new(python)
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "python3 (version unknown)".to_owned())
}

/// The one-minute load average, from `/proc/loadavg`.
pub fn loadavg() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `YYYY-MM-DD HH:MM UTC` for `t`, by the civil-from-days algorithm
/// (Howard Hinnant's), so no date crate is needed for one line.
pub fn utc_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3_600,
        rem % 3_600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_are_civil_utc() {
        let at = |secs| utc_date(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34 UTC: a leap day in a century leap year.
        assert_eq!(at(951_827_640), "2000-02-29 12:34 UTC");
        // 2026-11-25 00:00 UTC.
        assert_eq!(at(1_795_564_800), "2026-11-25 00:00 UTC");
    }

    #[test]
    fn the_machine_is_read_on_linux() {
        let m = Machine::now();
        assert!(m.cores >= 1);
        assert!(m.loadavg_start.is_finite());
        assert!(!m.kernel.is_empty());
    }
}
