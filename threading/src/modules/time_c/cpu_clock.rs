//! # CPU-time clocks: `time.process_time()` and `time.thread_time()`
//!
//! ```text
//!   time.process_time[_ns]()  ─▶ cpu_time(CpuClock::Process)   user + system time
//!                                                              of every thread
//!   time.thread_time[_ns]()   ─▶ cpu_time(CpuClock::Thread)    of the calling thread
//!                                  └─ clock_gettime(CLOCK_*_CPUTIME_ID)
//! ```
//!
//! Why they matter in this crate: CPU time against wall time is how a
//! reader sees the GIL. Two CPU-bound threads under a GIL use about one
//! second of CPU per second of wall time; under the free-threaded preset,
//! on two cores, about two; a thread blocked in `sleep` or a lock wait uses
//! none. These two clocks were first the monotonic clock under another
//! name, which hid exactly that.
//!
//! std has no CPU clock (`Instant` is `CLOCK_MONOTONIC`), so this asks the
//! C library std already links, as CPython's `_PyTime_GetProcessTimeWithInfo`
//! and `_PyTime_GetThreadTimeWithInfo` do first (before their `getrusage`
//! and `times` fallbacks, which Linux never needs).
//!
//! Python equivalent: `time_process_time` / `time_thread_time` in
//! `Modules/timemodule.c`. Needs only std and the C library. Platform:
//! 64-bit Linux (`struct timespec` is two 64-bit fields; the clock ids are
//! Linux's).

/// Which CPU clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CpuClock {
    /// The whole process: every thread's user and system time.
    Process,
    /// The calling thread only.
    Thread,
}

/// Linux's `CLOCK_PROCESS_CPUTIME_ID` (`<linux/time.h>`).
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
/// Linux's `CLOCK_THREAD_CPUTIME_ID`.
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

/// C's `struct timespec` on 64-bit Linux.
#[repr(C)]
struct Timespec {
    /// Seconds.
    tv_sec: i64,
    /// Nanoseconds, 0..1_000_000_000.
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// The CPU time `clock` has counted, in nanoseconds; `Err(errno)` if the C
/// library refused (it does not for these two clocks on Linux).
pub fn cpu_time_ns(clock: CpuClock) -> Result<i64, i32> {
    let id = match clock {
        CpuClock::Process => CLOCK_PROCESS_CPUTIME_ID,
        CpuClock::Thread => CLOCK_THREAD_CPUTIME_ID,
    };
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a live, writable `struct timespec` with C's layout
    // for the call's whole duration, and `clock_gettime` writes only it.
    let rc = unsafe { clock_gettime(id, &mut ts) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(0));
    }
    Ok(ts
        .tv_sec
        .saturating_mul(1_000_000_000)
        .saturating_add(ts.tv_nsec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_clocks_count_work_and_not_sleep() {
        let p0 = cpu_time_ns(CpuClock::Process).expect("process clock");
        let t0 = cpu_time_ns(CpuClock::Thread).expect("thread clock");
        std::thread::sleep(std::time::Duration::from_millis(50));
        let t1 = cpu_time_ns(CpuClock::Thread).expect("thread clock");
        assert!(
            t1 >= t0 && t1 - t0 < 40_000_000,
            "sleep counted: {}",
            t1 - t0
        );
        // Work until the thread clock has moved by 1 ms of CPU.
        let mut x = 0u64;
        while cpu_time_ns(CpuClock::Thread).expect("thread clock") - t1 < 1_000_000 {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        let p1 = cpu_time_ns(CpuClock::Process).expect("process clock");
        assert!(p1 - p0 >= 1_000_000, "process clock missed the work");
    }
}
