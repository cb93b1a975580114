//! The verdict rule: which model a row's numbers recommend.
//!
//! The seed's table answers "which model?" from principles; this module
//! answers it from a measurement, by a rule stated in advance (and in the
//! README) so the numbers cannot be bent to fit. Its inputs, per model, are
//! the wall times of several runs (see [`crate::passes`]), each divided by
//! the same engine's sequential time — MiniPy against MiniPy, native
//! against native, CPython against CPython — so an interpreter is never
//! raced against native code.
//!
//! 1. **Speed, with ties decided by the measured spread.** Each model's
//!    runs span a range `[lo, hi]` of relative times. Model A *clearly
//!    beats* model B when A's slowest run is faster than B's fastest by more
//!    than a stated fraction ([`TIE_FRACTION`], a quarter) of the row's
//!    *ideal* time:
//!
//!    ```text
//!    A clearly beats B  ⇔  hi(A) + TIE_FRACTION × ideal  <  lo(B)
//!
//!      B ──────────────────────────────[lo(B)━━━━━hi(B)]
//!      A ──[lo(A)━━━━hi(A)]├── ¼ ideal ──┤                 A beats B
//!      A ──────────[lo(A)━━━━━hi(A)]├── ¼ ideal ──┤        tied
//!    ```
//!
//!    Otherwise the two are tied: their ranges overlap, or lie within a
//!    quarter of the ideal of each other. The ideal is the best time the row
//!    allows: for an I/O row the longest single chain of waits (one sleep;
//!    one connection's round trips), for a CPU row the sequential time over
//!    the cores the work can use (`min(cores, workers)`). The *contenders*
//!    are the models no other model clearly beats; there is always at least
//!    one (the model with the fastest single run can be beaten by nobody).
//! 2. **Memory at high volume.** In an `io_high` row the contender with the
//!    least memory per concurrent task wins, unless another contender is
//!    within a factor of 2 of it (then step 3 decides).
//! 3. **Simplicity.** Otherwise the simplest contender wins, in the seed's
//!    order: threading < multiprocessing < asyncio.
//!
//! Why a quarter of the ideal: it is measured, not guessed. On the
//! project's 2-core machine, quiet, twenty 50 ms sleeps in MiniPy threads
//! end after 54–60 ms where processes and the event loop take 50–52 ms: a
//! few milliseconds of thread wake-ups and GIL hand-offs, up to a fifth of
//! the 50 ms ideal, that the old fixed 10 %-or-5 ms rule read as a win for
//! multiprocessing in half of the runs. A quarter covers that scheduling
//! noise, and is still far below any real gain: a CPU row's pool at 1.6–2×
//! is 0.5–0.6 against threading's 1.0, a gap of 0.4 where the tie band is
//! 0.125 (a quarter of the ideal 0.5). A machine that cannot give
//! multiprocessing a second core shows no such gap, and the row says so.
//!
//! The rule reads only each model's `lo` and `hi` (and, at high volume, its
//! memory), so noise that moves runs around inside their range cannot move
//! the verdict; and runs that all lie within one tie band are one tie,
//! whatever their order. A verdict that disagrees with the seed is printed
//! as it is, never forced.

use common::workload::Workload;
use common::Class;

/// Models in the seed's order of simplicity (simplest first).
pub const SIMPLICITY: [&str; 3] = ["threading", "multiprocessing", "asyncio"];

/// The fraction of the ideal time within which two models are tied.
pub const TIE_FRACTION: f64 = 0.25;
/// Memory ratio under which step 2 calls contenders equal.
pub const MEMORY_FACTOR: f64 = 2.0;

/// The range of a model's runs, in time relative to its engine's
/// sequential run (1 / speed-up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The fastest run.
    pub lo: f64,
    /// The slowest run; `hi >= lo`.
    pub hi: f64,
}

impl Range {
    /// The range of `runs`, or `None` when there are none or one is not a
    /// finite, non-negative number.
    pub fn of(runs: &[f64]) -> Option<Range> {
        if runs.is_empty() || !runs.iter().all(|r| r.is_finite() && *r >= 0.0) {
            return None;
        }
        Some(Range {
            lo: runs.iter().copied().fold(f64::INFINITY, f64::min),
            hi: runs.iter().copied().fold(0.0, f64::max),
        })
    }
}

/// What the rule needs to know of one measured model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// `threading`, `multiprocessing` or `asyncio`.
    pub model: &'static str,
    /// Its runs, relative to the same engine's sequential time.
    pub runs: Range,
    /// Memory per concurrent task, in bytes (workers included).
    pub bytes_per_task: f64,
}

/// Whether `a` clearly beats `b` (step 1): `a`'s slowest run is faster than
/// `b`'s fastest by more than the tie band.
pub fn clearly_beats(a: &Candidate, b: &Candidate, ideal: f64) -> bool {
    a.runs.hi + TIE_FRACTION * ideal < b.runs.lo
}

/// The seed's rank of a model (0 is simplest).
fn simplicity(model: &str) -> usize {
    SIMPLICITY
        .iter()
        .position(|s| *s == model)
        .unwrap_or(SIMPLICITY.len())
}

/// The recommended model, or `None` when no candidate was measured.
/// `ideal` is the row's ideal time relative to the sequential run (see
/// [`ideal`]).
pub fn decide(class: Class, ideal: f64, candidates: &[Candidate]) -> Option<&'static str> {
    let ideal = if ideal.is_finite() && ideal > 0.0 {
        ideal
    } else {
        0.0
    };
    let mut contenders: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            !candidates
                .iter()
                .any(|other| clearly_beats(other, c, ideal))
        })
        .collect();
    // By simplicity, then by name, so the input order never matters.
    contenders.sort_by_key(|c| (simplicity(c.model), c.model));
    if class == Class::IoHighVolume && contenders.len() > 1 {
        let leanest = contenders
            .iter()
            .min_by(|a, b| a.bytes_per_task.total_cmp(&b.bytes_per_task))?;
        let others_heavier = contenders.iter().all(|c| {
            std::ptr::eq(*c, *leanest)
                || c.bytes_per_task >= leanest.bytes_per_task.max(1.0) * MEMORY_FACTOR
        });
        if others_heavier {
            return Some(leanest.model);
        }
    }
    contenders.first().map(|c| c.model)
}

/// The row's ideal time relative to its sequential time `sequential_s`:
/// for I/O, the longest single chain of waits over `sequential_s`; for CPU
/// work, `1 / min(cores, workers)`.
pub fn ideal(workload: &Workload, sequential_s: f64, cores: usize, workers: usize) -> f64 {
    let ideal_s = match workload {
        Workload::Cpu(_) => return 1.0 / cores.min(workers).max(1) as f64,
        Workload::Sleep(spec) => spec.latency.as_secs_f64(),
        Workload::Echo {
            spec,
            server_latency,
            ..
        } => spec.requests as f64 * server_latency.as_secs_f64(),
    };
    ideal_s / sequential_s
}

/// The rule applied to a column's measured, correct cells. Only the three
/// models' own cells compete (`threading`, `multiprocessing`, `asyncio`);
/// contrast cells such as `threading (free-threaded)` are shown, not ranked.
pub fn of_cells(class: Class, ideal: f64, cells: &[crate::cell::Outcome]) -> Option<&'static str> {
    let candidates: Vec<Candidate> = cells
        .iter()
        .filter_map(crate::cell::Outcome::measured)
        .filter(|c| c.result_ok)
        .filter_map(|c| {
            let model = SIMPLICITY.iter().copied().find(|m| *m == c.model)?;
            let runs = Range::of(&[c.wall_min_s / c.sequential_s, c.wall_max_s / c.sequential_s])?;
            Some(Candidate {
                model,
                runs,
                bytes_per_task: c.bytes_per_task,
            })
        })
        .collect();
    decide(class, ideal, &candidates)
}

#[cfg(test)]
mod tests;
