//! # GIL counters: switches, drop requests, forced switches, wait times
//!
//! The shared counters (`switches`, `drop_requests`, `forced_switches`)
//! change only on the GIL's slow paths and live inside the GIL mutex's state,
//! so counting them costs nothing extra. The per-thread figures (how often a
//! thread took the GIL, how long it waited) are kept in the thread's own
//! [`ThreadState`](super::ThreadState) — no shared lock per event — and
//! merged into the [`Gil`](super::Gil)'s results when the thread unregisters.
//!
//! Wait times go into a `WaitHistogram`: a fixed array of log-spaced
//! buckets, so a thread that takes the GIL a million times costs the same
//! 4 KiB as one that waited once (and a thread that never waited, none).
//!
//! ```text
//!   bucket index:  0..16        one bucket per nanosecond below 16 ns
//!                  16..          8 buckets per power of two (≤ 12.5 % wide)
//! ```
//!
//! Simplification: p99 is read from the histogram, so it is the upper edge of
//! the bucket holding the 99th percentile (at most 12.5 % high). HdrHistogram
//! does the same trade with configurable precision.
//!
//! CPython keeps no such counters; they exist so `minipy --stats` can show
//! what the GIL did.

use std::fmt;
use std::time::Duration;

use super::config::GilMode;

/// Buckets below this value hold exactly one nanosecond value each.
const LINEAR_BUCKETS: usize = 16;
/// Sub-buckets per power of two above [`LINEAR_BUCKETS`] (3 mantissa bits).
const SUB_BUCKETS: usize = 8;
/// Enough buckets for any `u64` nanosecond count.
const BUCKETS: usize = LINEAR_BUCKETS + (64 - 4) * SUB_BUCKETS;

/// A log-bucketed histogram of GIL wait times, one per thread.
///
/// The bucket array is allocated at the first non-zero wait: a thread that
/// always finds the GIL free (or never takes it, like most threads of an
/// I/O-bound program between their blocking calls) costs a few words, not
/// 4 KiB — it matters with thousands of threads.
#[derive(Clone)]
pub(crate) struct WaitHistogram {
    /// `counts[i]`: how many non-zero waits fell into bucket `i` (see module
    /// notes); `None` until the first one.
    counts: Option<Box<[u64; BUCKETS]>>,
    /// Number of zero waits (the GIL was free), the common case.
    zero_waits: u64,
    /// Number of samples recorded, zero waits included.
    samples: u64,
    /// Exact sum of all samples.
    total: Duration,
}

impl WaitHistogram {
    /// An empty histogram.
    pub(crate) fn new() -> WaitHistogram {
        WaitHistogram {
            counts: None,
            zero_waits: 0,
            samples: 0,
            total: Duration::ZERO,
        }
    }

    /// Records one wait. A zero wait (the GIL was free) is one increment.
    #[inline]
    pub(crate) fn record(&mut self, wait: Duration) {
        self.samples += 1;
        if wait.is_zero() {
            self.zero_waits += 1;
            return;
        }
        let nanos = u64::try_from(wait.as_nanos()).unwrap_or(u64::MAX);
        let counts = self.counts.get_or_insert_with(|| Box::new([0; BUCKETS]));
        counts[bucket_of(nanos)] += 1;
        self.total += wait;
    }

    /// Sum of all recorded waits.
    pub(crate) fn total(&self) -> Duration {
        self.total
    }

    /// The 99th percentile (upper bucket edge); zero when empty.
    pub(crate) fn p99(&self) -> Duration {
        // The smallest bucket whose cumulative count reaches 99 % of samples.
        let rank = (self.samples * 99).div_ceil(100);
        if self.zero_waits >= rank {
            return Duration::ZERO;
        }
        let mut seen = self.zero_waits;
        for (index, &count) in self
            .counts
            .iter()
            .flat_map(|counts| counts.iter())
            .enumerate()
        {
            seen += count;
            if seen >= rank {
                return Duration::from_nanos(bucket_upper_edge(index));
            }
        }
        unreachable!("histogram counts sum to `samples`")
    }
}

/// The bucket that holds `nanos`.
fn bucket_of(nanos: u64) -> usize {
    if nanos < LINEAR_BUCKETS as u64 {
        return nanos as usize;
    }
    let exponent = 63 - nanos.leading_zeros() as usize; // ≥ 4
    let mantissa = ((nanos >> (exponent - 3)) & 0b111) as usize;
    LINEAR_BUCKETS + (exponent - 4) * SUB_BUCKETS + mantissa
}

/// The largest nanosecond value that falls into bucket `index`.
fn bucket_upper_edge(index: usize) -> u64 {
    if index < LINEAR_BUCKETS {
        return index as u64;
    }
    let exponent = (index - LINEAR_BUCKETS) / SUB_BUCKETS + 4;
    let mantissa = ((index - LINEAR_BUCKETS) % SUB_BUCKETS) as u64;
    let low = (1u64 << exponent) + (mantissa << (exponent - 3));
    low.saturating_add((1u64 << (exponent - 3)) - 1)
}

/// One interpreter thread's GIL figures, merged when it unregistered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadStats {
    /// The name given to `Gil::register` (`MainThread`, `Thread-1`, ...).
    pub name: String,
    /// Total time spent waiting to take the GIL.
    pub wait_total: Duration,
    /// 99th percentile of the individual waits (see the module notes).
    pub wait_p99: Duration,
    /// How many times the thread took the GIL (first take, re-takes after
    /// `check` and after blocking calls).
    pub takes: u64,
    /// How many times this thread dropped on request and waited for another
    /// thread to take the GIL (FORCE_SWITCHING; new GIL only).
    pub forced_switches: u64,
}

/// What the GIL did during a run: what `minipy --stats` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GilStats {
    /// The protocol that ran.
    pub mode: GilMode,
    /// The switch interval at the time of the snapshot.
    pub switch_interval: Duration,
    /// Times the GIL passed to a different thread than its last holder
    /// (CPython's `switch_number`).
    pub switches: u64,
    /// Times a waiter timed out and set the drop request (new GIL).
    pub drop_requests: u64,
    /// Times a holder dropped on request and waited until another thread
    /// had taken the GIL (FORCE_SWITCHING, new GIL).
    pub forced_switches: u64,
    /// One entry per unregistered thread, in registration order.
    pub threads: Vec<ThreadStats>,
}

impl fmt::Display for GilStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GIL: {}", self.mode.as_str())?;
        if self.mode == GilMode::New {
            write!(f, " (switch interval {})", Millis(self.switch_interval))?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "switches: {}  drop requests: {}  forced switches: {}",
            self.switches, self.drop_requests, self.forced_switches
        )?;
        let width = self
            .threads
            .iter()
            .map(|thread| thread.name.chars().count())
            .chain([6])
            .max()
            .unwrap_or(6);
        writeln!(
            f,
            "{:<width$}  {:>10}  {:>14}  {:>12}  {:>8}",
            "thread", "takes", "wait total", "wait p99", "forced"
        )?;
        for thread in &self.threads {
            writeln!(
                f,
                "{:<width$}  {:>10}  {:>14}  {:>12}  {:>8}",
                thread.name,
                thread.takes,
                Millis(thread.wait_total).to_string(),
                Millis(thread.wait_p99).to_string(),
                thread.forced_switches
            )?;
        }
        Ok(())
    }
}

/// Formats a duration as milliseconds with three decimals (`5.000 ms`).
struct Millis(Duration);

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} ms", self.0.as_secs_f64() * 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_monotonic_and_cover_their_values() {
        let mut last = 0;
        for nanos in (0..100_000u64).chain([u64::MAX / 3, u64::MAX - 1, u64::MAX]) {
            let bucket = bucket_of(nanos);
            assert!(bucket >= last, "bucket order at {nanos}");
            assert!(bucket < BUCKETS);
            assert!(bucket_upper_edge(bucket) >= nanos, "edge of {nanos}");
            if bucket > 0 {
                assert!(
                    bucket_upper_edge(bucket - 1) < nanos,
                    "lower edge of {nanos}"
                );
            }
            last = bucket;
        }
    }

    #[test]
    fn p99_ignores_the_rare_long_wait() {
        let mut histogram = WaitHistogram::new();
        assert_eq!(histogram.p99(), Duration::ZERO);
        histogram.record(Duration::ZERO);
        assert_eq!(histogram.p99(), Duration::ZERO);
        assert!(histogram.counts.is_none(), "zero waits allocate nothing");
        for _ in 0..989 {
            histogram.record(Duration::from_micros(10));
        }
        for _ in 0..10 {
            histogram.record(Duration::from_millis(50));
        }
        let p99 = histogram.p99();
        assert!(p99 >= Duration::from_micros(10) && p99 < Duration::from_micros(12));
        histogram.record(Duration::from_millis(50));
        assert!(histogram.p99() >= Duration::from_millis(50));
        assert_eq!(
            histogram.total(),
            Duration::from_micros(9_890) + Duration::from_millis(550)
        );
    }

    #[test]
    fn display_lists_every_thread() {
        let stats = GilStats {
            mode: GilMode::New,
            switch_interval: Duration::from_millis(5),
            switches: 3,
            drop_requests: 2,
            forced_switches: 1,
            threads: vec![ThreadStats {
                name: "MainThread".into(),
                wait_total: Duration::from_micros(1500),
                wait_p99: Duration::from_micros(900),
                takes: 4,
                forced_switches: 1,
            }],
        };
        let text = stats.to_string();
        assert!(
            text.contains("GIL: new (switch interval 5.000 ms)"),
            "{text}"
        );
        assert!(text.contains("switches: 3  drop requests: 2  forced switches: 1"));
        assert!(
            text.contains("MainThread") && text.contains("1.500 ms"),
            "{text}"
        );
    }
}
