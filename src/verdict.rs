//! The verdict rule: which model a row's numbers recommend.
//!
//! The seed's table answers "which model?" from principles; this module
//! answers it from a measurement, by a rule stated in advance (and in the
//! README) so the numbers cannot be bent to fit:
//!
//! 1. **Speed.** Each model's time is taken relative to the same engine's
//!    sequential run (MiniPy against MiniPy, native against native, CPython
//!    against CPython), so an interpreter is never raced against native
//!    code. A model is a contender when its relative time is within 10 % of
//!    the best — or within 5 ms, for waits too short for 10 % to mean
//!    anything.
//! 2. **Memory at high volume.** For an `io_high` row, the contender with the
//!    least memory per concurrent task wins, unless the contenders are within
//!    a factor of 2 of each other (then step 3 decides).
//! 3. **Simplicity.** Otherwise the simplest contender wins, in the seed's
//!    order: threading < multiprocessing < asyncio.
//!
//! A verdict that disagrees with the seed is printed as it is, never forced.

use common::Class;

/// Models in the seed's order of simplicity (simplest first).
pub const SIMPLICITY: [&str; 3] = ["threading", "multiprocessing", "asyncio"];

/// What the rule needs to know of one measured model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// `threading`, `multiprocessing` or `asyncio`.
    pub model: &'static str,
    /// Wall time in seconds.
    pub wall_s: f64,
    /// The same engine's sequential time: models are compared by
    /// `wall_s / sequential_s`, so an interpreted model is not measured
    /// against a native one.
    pub sequential_s: f64,
    /// Memory growth per concurrent task, in bytes.
    pub bytes_per_task: f64,
}

impl Candidate {
    /// Time relative to the same engine's sequential run (1 / speed-up).
    fn relative(&self) -> f64 {
        self.wall_s / self.sequential_s
    }
}

/// Relative speed tolerance of step 1.
const SPEED_TOLERANCE: f64 = 0.10;
/// Absolute speed tolerance of step 1, in seconds.
const SPEED_SLACK_S: f64 = 0.005;
/// Memory ratio under which step 2 calls contenders equal.
const MEMORY_FACTOR: f64 = 2.0;

/// The recommended model, or `None` when no candidate was measured.
pub fn decide(class: Class, candidates: &[Candidate]) -> Option<&'static str> {
    let candidates: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.relative().is_finite())
        .collect();
    let fastest = candidates
        .iter()
        .map(|c| c.relative())
        .fold(f64::INFINITY, f64::min);
    let mut contenders: Vec<&Candidate> = candidates
        .into_iter()
        .filter(|c| {
            // Within 10 %, or within 5 ms of what the fastest model's
            // relative time would be on this model's engine.
            c.relative() <= fastest * (1.0 + SPEED_TOLERANCE)
                || c.wall_s <= fastest * c.sequential_s + SPEED_SLACK_S
        })
        .collect();
    let rank = |m: &str| {
        SIMPLICITY
            .iter()
            .position(|s| *s == m)
            .unwrap_or(SIMPLICITY.len())
    };
    contenders.sort_by_key(|c| rank(c.model));
    if class == Class::IoHighVolume && contenders.len() > 1 {
        let leanest = contenders
            .iter()
            .min_by(|a, b| a.bytes_per_task.total_cmp(&b.bytes_per_task))?;
        let others_heavier = contenders.iter().all(|c| {
            c.model == leanest.model
                || c.bytes_per_task >= leanest.bytes_per_task.max(1.0) * MEMORY_FACTOR
        });
        if others_heavier {
            return Some(leanest.model);
        }
    }
    contenders.first().map(|c| c.model)
}

/// The rule applied to a column's measured, correct cells. Only the three
/// models' own cells compete (`threading`, `multiprocessing`, `asyncio`);
/// contrast cells such as `threading (free-threaded)` are shown, not ranked.
pub fn of_cells(class: Class, cells: &[crate::cell::Outcome]) -> Option<&'static str> {
    let candidates: Vec<Candidate> = cells
        .iter()
        .filter_map(crate::cell::Outcome::measured)
        .filter(|c| c.result_ok && SIMPLICITY.contains(&c.model))
        .map(|c| Candidate {
            model: SIMPLICITY
                .iter()
                .copied()
                .find(|m| *m == c.model)
                .unwrap_or(c.model),
            wall_s: c.wall_s,
            sequential_s: c.sequential_s,
            bytes_per_task: c.bytes_per_task,
        })
        .collect();
    decide(class, &candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(model: &'static str, wall_s: f64, bytes_per_task: f64) -> Candidate {
        Candidate {
            model,
            wall_s,
            sequential_s: 1.0,
            bytes_per_task,
        }
    }

    #[test]
    fn engines_are_compared_by_speed_up_not_wall_time() {
        // An interpreted pool at 1.9× beats a native loop at 1×, though the
        // native loop's wall time is far shorter.
        let mp = Candidate {
            model: "multiprocessing",
            wall_s: 0.5,
            sequential_s: 0.95,
            bytes_per_task: 0.0,
        };
        let aio = Candidate {
            model: "asyncio",
            wall_s: 0.01,
            sequential_s: 0.01,
            bytes_per_task: 0.0,
        };
        assert_eq!(decide(Class::Cpu, &[aio, mp]), Some("multiprocessing"));
    }

    #[test]
    fn the_clearly_fastest_wins() {
        let row = [
            c("threading", 1.0, 0.0),
            c("multiprocessing", 0.55, 0.0),
            c("asyncio", 1.0, 0.0),
        ];
        assert_eq!(decide(Class::Cpu, &row), Some("multiprocessing"));
    }

    #[test]
    fn a_tie_goes_to_the_simplest() {
        let row = [
            c("asyncio", 0.050, 0.0),
            c("multiprocessing", 0.053, 0.0),
            c("threading", 0.054, 0.0),
        ];
        assert_eq!(decide(Class::IoLowVolume, &row), Some("threading"));
    }

    #[test]
    fn eleven_percent_slower_on_a_long_run_is_not_a_tie() {
        let row = [c("threading", 1.11, 0.0), c("asyncio", 1.0, 0.0)];
        assert_eq!(decide(Class::IoLowVolume, &row), Some("asyncio"));
    }

    #[test]
    fn memory_decides_among_tied_models_at_high_volume() {
        let row = [c("threading", 0.20, 9_000.0), c("asyncio", 0.19, 300.0)];
        assert_eq!(decide(Class::IoHighVolume, &row), Some("asyncio"));
        // ...but not when the memory is about the same.
        let row = [c("threading", 0.20, 400.0), c("asyncio", 0.19, 300.0)];
        assert_eq!(decide(Class::IoHighVolume, &row), Some("threading"));
    }

    #[test]
    fn no_candidates_no_verdict() {
        assert_eq!(decide(Class::Cpu, &[]), None);
    }
}
