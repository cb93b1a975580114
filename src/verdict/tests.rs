//! The verdict rule's facts: examples from real rows, then the properties
//! the issue asks for (noise within the stated spread never moves a tie; a
//! model clearly faster beyond it always wins).

use super::*;
use proptest::prelude::*;

/// A candidate from its runs' relative times.
fn cand(model: &'static str, runs: &[f64], bytes_per_task: f64) -> Candidate {
    Candidate {
        model,
        runs: Range::of(runs).expect("runs"),
        bytes_per_task,
    }
}

#[test]
fn engines_are_compared_by_speed_up_not_wall_time() {
    // An interpreted pool at 1.9× (0.53) beats a native loop at 1× (1.0),
    // though the native loop's wall time is far shorter.
    let mp = cand("multiprocessing", &[0.52, 0.53, 0.55], 0.0);
    let aio = cand("asyncio", &[0.98, 1.0, 1.02], 0.0);
    assert_eq!(decide(Class::Cpu, 0.5, &[aio, mp]), Some("multiprocessing"));
}

#[test]
fn sleep_few_scheduling_noise_is_a_tie_that_goes_to_threading() {
    // Twenty 50 ms sleeps (sequential 1 s, ideal 0.05): threads 54–60 ms,
    // processes 50–52 ms, the loop 50–51 ms.
    let row = [
        cand("threading", &[0.054, 0.057, 0.060], 0.0),
        cand("multiprocessing", &[0.050, 0.051, 0.052], 0.0),
        cand("asyncio", &[0.050, 0.050, 0.051], 0.0),
    ];
    assert_eq!(decide(Class::IoLowVolume, 0.05, &row), Some("threading"));
}

#[test]
fn a_pool_without_a_second_core_gains_nothing_and_the_row_says_threading() {
    let row = [
        cand("threading", &[0.99, 1.0, 1.03], 0.0),
        cand("multiprocessing", &[0.95, 1.0, 1.1], 0.0),
        cand("asyncio", &[1.0, 1.0, 1.01], 0.0),
    ];
    assert_eq!(decide(Class::Cpu, 0.5, &row), Some("threading"));
}

#[test]
fn memory_decides_among_tied_models_at_high_volume() {
    let row = [
        cand("threading", &[0.20, 0.21], 9_000.0),
        cand("asyncio", &[0.19, 0.20], 300.0),
    ];
    assert_eq!(decide(Class::IoHighVolume, 0.01, &row), Some("asyncio"));
    // ...but not when the memory is about the same.
    let row = [
        cand("threading", &[0.20, 0.21], 400.0),
        cand("asyncio", &[0.19, 0.20], 300.0),
    ];
    assert_eq!(decide(Class::IoHighVolume, 0.01, &row), Some("threading"));
    // ...and memory never rescues a model that is clearly slower.
    let row = [
        cand("threading", &[0.40, 0.41], 100.0),
        cand("asyncio", &[0.19, 0.20], 30_000.0),
    ];
    assert_eq!(decide(Class::IoHighVolume, 0.01, &row), Some("asyncio"));
}

#[test]
fn no_candidates_no_verdict() {
    assert_eq!(decide(Class::Cpu, 0.5, &[]), None);
}

#[test]
fn the_ideal_is_the_longest_wait_or_the_cores_share() {
    let sleep = Workload::Sleep(common::SleepSpec {
        tasks: 20,
        latency: std::time::Duration::from_millis(50),
    });
    assert!((ideal(&sleep, 1.0, 2, 2) - 0.05).abs() < 1e-12);
    let cpu = Workload::Cpu(common::CpuTask::Count { n: 10 });
    assert_eq!(ideal(&cpu, 123.0, 2, 2), 0.5);
    assert_eq!(ideal(&cpu, 123.0, 1, 2), 1.0, "one core: no gain is ideal");
    assert_eq!(ideal(&cpu, 123.0, 8, 2), 0.5, "two workers use two cores");
}

/// A non-empty set of distinct models in any order.
fn models() -> impl Strategy<Value = Vec<&'static str>> {
    Just(SIMPLICITY.to_vec())
        .prop_shuffle()
        .prop_flat_map(|all| (1..=all.len()).prop_map(move |n| all[..n].to_vec()))
}

fn class() -> impl Strategy<Value = Class> {
    prop_oneof![
        Just(Class::Cpu),
        Just(Class::IoLowVolume),
        Just(Class::IoHighVolume)
    ]
}

/// Per model: run positions in [0, 1] (1 to 5 runs) and memory per task.
fn noise(n: usize) -> impl Strategy<Value = Vec<(Vec<f64>, f64)>> {
    prop::collection::vec((prop::collection::vec(0.0f64..=1.0, 1..=5), 1.0f64..1e6), n)
}

proptest! {
    #![proptest_config(common::props::config(256))]

    /// Cells that are truly equal, measured with noise up to the stated
    /// spread (every run within one tie band above the true time), get
    /// the verdict of a noiseless measurement: a tie.
    #[test]
    fn noise_within_the_stated_spread_never_changes_a_tie(
        (models, noise) in models().prop_flat_map(|m| { let n = m.len(); (Just(m), noise(n)) }),
        class in class(),
        ideal in 1e-4f64..2.0,
        excess in 0.0f64..20.0,
    ) {
        let truth = ideal * (1.0 + excess);
        let band = TIE_FRACTION * ideal;
        let noisy: Vec<Candidate> = models.iter().zip(&noise)
            .map(|(m, (runs, mem))| {
                let runs: Vec<f64> = runs.iter().map(|u| truth + u * band).collect();
                cand(m, &runs, *mem)
            })
            .collect();
        let noiseless: Vec<Candidate> = models.iter().zip(&noise)
            .map(|(m, (_, mem))| cand(m, &[truth], *mem))
            .collect();
        prop_assert_eq!(decide(class, ideal, &noisy), decide(class, ideal, &noiseless));
        if class != Class::IoHighVolume {
            let simplest = models.iter().copied().min_by_key(|m| simplicity(m));
            prop_assert_eq!(decide(class, ideal, &noisy), simplest);
        }
    }

    /// Moving runs around inside each model's range (its fastest and
    /// slowest run kept) never changes the verdict.
    #[test]
    fn noise_inside_each_range_never_moves_the_verdict(
        (models, shape) in models().prop_flat_map(|m| { let n = m.len(); (Just(m), noise(n)) }),
        moved in prop::collection::vec(prop::collection::vec(0.0f64..=1.0, 0..4), 3),
        class in class(),
        ideal in 1e-4f64..2.0,
        scale in 0.01f64..3.0,
    ) {
        let ranges: Vec<(f64, f64)> = shape.iter().map(|(runs, _)| {
            let lo = runs.iter().copied().fold(f64::INFINITY, f64::min) * scale;
            let hi = runs.iter().copied().fold(0.0, f64::max) * scale;
            (lo, hi)
        }).collect();
        let before: Vec<Candidate> = models.iter().zip(&ranges).zip(&shape)
            .map(|((m, (lo, hi)), (_, mem))| cand(m, &[*lo, *hi], *mem))
            .collect();
        let after: Vec<Candidate> = models.iter().zip(&ranges).zip(&shape).zip(&moved)
            .map(|(((m, (lo, hi)), (_, mem)), inner)| {
                let mut runs = vec![*hi, *lo];
                runs.extend(inner.iter().map(|u| lo + u * (hi - lo)));
                cand(m, &runs, *mem)
            })
            .collect();
        prop_assert_eq!(decide(class, ideal, &before), decide(class, ideal, &after));
    }

    /// A model whose every run beats every other model's every run by more
    /// than the tie band wins, in every class and whatever the memory.
    #[test]
    fn a_model_clearly_faster_beyond_the_spread_always_wins(
        (models, noise) in models().prop_flat_map(|m| { let n = m.len(); (Just(m), noise(n)) }),
        class in class(),
        ideal in 1e-4f64..2.0,
        fast in 0.0f64..5.0,
        spread in 0.0f64..1.0,
        margin in 1e-3f64..5.0,
    ) {
        let band = TIE_FRACTION * ideal;
        let winner = models[0];
        let fast_hi = fast + spread;
        let slow_lo = fast_hi + band * (1.0 + margin);
        let row: Vec<Candidate> = models.iter().zip(&noise)
            .enumerate()
            .map(|(i, (m, (runs, mem)))| {
                let runs: Vec<f64> = if i == 0 {
                    runs.iter().map(|u| fast + u * spread).chain([fast_hi]).collect()
                } else {
                    runs.iter().map(|u| slow_lo + u * 3.0).collect()
                };
                cand(m, &runs, *mem)
            })
            .collect();
        prop_assert_eq!(decide(class, ideal, &row), Some(winner));
    }

    /// The verdict is always one of the candidates, whatever their order.
    #[test]
    fn the_verdict_is_a_candidate_and_ignores_input_order(
        (models, noise) in models().prop_flat_map(|m| { let n = m.len(); (Just(m), noise(n)) }),
        class in class(),
        ideal in 1e-4f64..2.0,
        scale in 0.01f64..3.0,
    ) {
        let row: Vec<Candidate> = models.iter().zip(&noise)
            .map(|(m, (runs, mem))| {
                let runs: Vec<f64> = runs.iter().map(|u| u * scale).collect();
                cand(m, &runs, *mem)
            })
            .collect();
        let verdict = decide(class, ideal, &row);
        prop_assert!(verdict.is_some_and(|v| models.contains(&v)));
        let mut reversed = row.clone();
        reversed.reverse();
        prop_assert_eq!(decide(class, ideal, &reversed), verdict);
    }
}
