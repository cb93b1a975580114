//! CPU-bound kernels: the work that the GIL serialises and processes escape.
//!
//! Each kernel comes three ways, so every model runs *the same* work:
//! - a sequential Rust reference ([`count`], [`count_primes`],
//!   [`collatz_steps`]), the oracle every model's result is checked against;
//! - its MiniPy source ([`COUNT_SRC`], [`COUNT_PRIMES_SRC`],
//!   [`COLLATZ_SRC`]): valid Python 3 that the `threading` interpreter, the
//!   process pool's workers and CPython itself all run unchanged;
//! - a [`CpuTask`] value naming one instance, which can be [split](CpuTask::split)
//!   into parts whose results add up to the whole — how a parallel model
//!   divides the work.
//!
//! ```text
//!   CpuTask::Count { n: 1000 } ──split(2)──▶ [Count { n: 500 }, Count { n: 500 }]
//!        run() = 1000                          run() = 500 + 500
//! ```
//!
//! Python equivalent: Beazley's `count` from "Understanding the Python GIL".

use serde::{Deserialize, Serialize};
use std::hint::black_box;

/// MiniPy source of the classic count-down loop. It returns how many
/// decrements it made, so a result can be checked, not just timed.
pub const COUNT_SRC: &str = "\
def count(n):
    i = n
    while i > 0:
        i -= 1
    return n - i
";

/// MiniPy source of trial-division prime counting over `range(lo, hi)`.
pub const COUNT_PRIMES_SRC: &str = "\
def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(lo, hi):
    total = 0
    for n in range(lo, hi):
        if is_prime(n):
            total += 1
    return total
";

/// MiniPy source of the total number of Collatz steps for `range(lo, hi)`.
pub const COLLATZ_SRC: &str = "\
def collatz_steps(lo, hi):
    total = 0
    for n in range(lo, hi):
        x = n
        while x > 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            total += 1
    return total
";

/// The classic count-down loop: `while n > 0: n -= 1`.
///
/// `black_box` keeps the optimiser from replacing the loop by its result,
/// because the loop *is* the workload.
pub fn count(n: u64) -> u64 {
    let mut i = n;
    while black_box(i) > 0 {
        i -= 1;
    }
    n - i
}

/// Whether `n` is prime, by trial division (the same algorithm as the MiniPy
/// source, so both do the same amount of work).
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    if n.is_multiple_of(2) {
        return n == 2;
    }
    let mut d = 3;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 2;
    }
    true
}

/// How many primes lie in `lo..hi`.
pub fn count_primes(lo: u64, hi: u64) -> u64 {
    (lo..hi).filter(|&n| is_prime(black_box(n))).count() as u64
}

/// Total Collatz steps (to reach 1) over every start in `lo..hi`.
///
/// Starts below 2 take zero steps, as in the MiniPy source.
pub fn collatz_steps(lo: u64, hi: u64) -> u64 {
    let mut total = 0;
    for n in lo..hi {
        let mut x = black_box(n);
        while x > 1 {
            x = if x.is_multiple_of(2) {
                x / 2
            } else {
                3 * x + 1
            };
            total += 1;
        }
    }
    total
}

/// One instance of a CPU-bound kernel.
///
/// Serialisable so the process pool can send it to a worker; `Copy` because
/// it is only a few integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CpuTask {
    /// `count(n)`: `n` iterations of the count-down loop.
    Count {
        /// How many decrements.
        n: u64,
    },
    /// `count_primes(lo, hi)`.
    CountPrimes {
        /// First candidate (inclusive).
        lo: u64,
        /// Last candidate (exclusive).
        hi: u64,
    },
    /// `collatz_steps(lo, hi)`.
    Collatz {
        /// First start (inclusive).
        lo: u64,
        /// Last start (exclusive).
        hi: u64,
    },
}

impl CpuTask {
    /// The kernel's name, as in its MiniPy source.
    pub fn name(&self) -> &'static str {
        match self {
            CpuTask::Count { .. } => "count",
            CpuTask::CountPrimes { .. } => "count_primes",
            CpuTask::Collatz { .. } => "collatz_steps",
        }
    }

    /// The sequential reference result.
    pub fn run(&self) -> u64 {
        match *self {
            CpuTask::Count { n } => count(n),
            CpuTask::CountPrimes { lo, hi } => count_primes(lo, hi),
            CpuTask::Collatz { lo, hi } => collatz_steps(lo, hi),
        }
    }

    /// The MiniPy definitions this task needs (valid Python).
    pub fn minipy_source(&self) -> &'static str {
        match self {
            CpuTask::Count { .. } => COUNT_SRC,
            CpuTask::CountPrimes { .. } => COUNT_PRIMES_SRC,
            CpuTask::Collatz { .. } => COLLATZ_SRC,
        }
    }

    /// The call expression for this instance, e.g. `count(1000)`.
    pub fn minipy_call(&self) -> String {
        match *self {
            CpuTask::Count { n } => format!("count({n})"),
            CpuTask::CountPrimes { lo, hi } => format!("count_primes({lo}, {hi})"),
            CpuTask::Collatz { lo, hi } => format!("collatz_steps({lo}, {hi})"),
        }
    }

    /// A whole program that prints this task's result on one line: what the
    /// interpreter and `python3` both run.
    pub fn minipy_program(&self) -> String {
        format!("{}\nprint({})\n", self.minipy_source(), self.minipy_call())
    }

    /// Splits the task into `parts` tasks (fewer when there is less work than
    /// parts) whose results sum to this task's result.
    ///
    /// `count` splits its iterations; the range kernels split their ranges
    /// into contiguous slices. `parts == 0` is treated as 1.
    pub fn split(&self, parts: usize) -> Vec<CpuTask> {
        let parts = parts.max(1) as u64;
        let slices = |lo: u64, hi: u64| -> Vec<(u64, u64)> {
            let len = hi.saturating_sub(lo);
            let parts = parts.min(len.max(1));
            (0..parts)
                .map(|k| (lo + len * k / parts, lo + len * (k + 1) / parts))
                .collect()
        };
        match *self {
            CpuTask::Count { n } => slices(0, n)
                .into_iter()
                .map(|(a, b)| CpuTask::Count { n: b - a })
                .collect(),
            CpuTask::CountPrimes { lo, hi } => slices(lo, hi)
                .into_iter()
                .map(|(lo, hi)| CpuTask::CountPrimes { lo, hi })
                .collect(),
            CpuTask::Collatz { lo, hi } => slices(lo, hi)
                .into_iter()
                .map(|(lo, hi)| CpuTask::Collatz { lo, hi })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(count(1_000), 1_000);
        assert_eq!(count_primes(0, 100), 25);
        assert_eq!(count_primes(0, 10_000), 1_229);
        // 27 is the famous long one: 111 steps.
        assert_eq!(collatz_steps(27, 28), 111);
        assert_eq!(collatz_steps(1, 2), 0);
    }

    #[test]
    fn split_covers_the_whole() {
        let t = CpuTask::CountPrimes { lo: 10, hi: 13 };
        let parts = t.split(8);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.iter().map(CpuTask::run).sum::<u64>(), t.run());
    }
}
