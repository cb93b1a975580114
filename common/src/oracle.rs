//! Independent oracles: a second way to compute each CPU kernel's answer,
//! so a check tests the reference rather than repeating it (the main job's
//! "check" column and this crate's property tests both use them).
//!
//! | workload | reference ([`crate::cpu`]) | oracle here |
//! |---|---|---|
//! | `count(n)` | the count-down loop | `n` itself |
//! | `count_primes` | trial division | the sieve of Eratosthenes |
//! | `collatz_steps` | one walk per start | walks that stop at a memoised smaller start |

use crate::cpu::CpuTask;

/// The oracle's answer for a CPU task.
pub fn cpu(task: &CpuTask) -> u64 {
    match *task {
        CpuTask::Count { n } => n,
        CpuTask::CountPrimes { lo, hi } => sieve_count(lo, hi),
        CpuTask::Collatz { lo, hi } => memo_collatz(lo, hi),
    }
}

/// Primes in `lo..hi` by the sieve of Eratosthenes.
pub fn sieve_count(lo: u64, hi: u64) -> u64 {
    let hi = hi as usize;
    let mut composite = vec![false; hi.max(2)];
    let mut count = 0;
    for n in 2..hi {
        if composite[n] {
            continue;
        }
        if n as u64 >= lo {
            count += 1;
        }
        let mut m = n.saturating_mul(n);
        while m < hi {
            composite[m] = true;
            m += n;
        }
    }
    count
}

/// Total Collatz steps over `lo..hi`, reusing the step counts of smaller
/// starts (a walk stops as soon as it drops below its own start).
pub fn memo_collatz(lo: u64, hi: u64) -> u64 {
    let mut steps = vec![0u64; hi as usize];
    let mut total = 0;
    for n in 2..hi {
        let (mut x, mut walked) = (n, 0u64);
        while x >= n {
            x = if x.is_multiple_of(2) {
                x / 2
            } else {
                3 * x + 1
            };
            walked += 1;
        }
        // x < n, so its step count is already known (0 for x = 1).
        steps[n as usize] = walked + steps[x as usize];
        if n >= lo {
            total += steps[n as usize];
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracles_agree_with_the_references() {
        for task in [
            CpuTask::Count { n: 1_000 },
            CpuTask::CountPrimes { lo: 0, hi: 10_000 },
            CpuTask::CountPrimes { lo: 500, hi: 600 },
            CpuTask::Collatz { lo: 1, hi: 5_000 },
            CpuTask::Collatz { lo: 27, hi: 28 },
        ] {
            assert_eq!(cpu(&task), task.run(), "{task:?}");
        }
    }
}
