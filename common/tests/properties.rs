//! The property functions must fail when the property does not hold: a
//! checker that always passes would make every model's test vacuous.

use common::props::{self, SideEffects};
use proptest::prelude::*;

#[test]
fn matches_reference_rejects_reordering_and_loss() {
    assert!(props::matches_reference(&[1, 2, 3], &[1, 2, 3]).is_ok());
    assert!(props::matches_reference(&[1, 2, 3], &[1, 3, 2]).is_err());
    assert!(props::matches_reference(&[1, 2, 3], &[1, 2]).is_err());
}

#[test]
fn is_permutation_rejects_duplicates() {
    assert!(props::is_permutation(&[1, 2, 3], &[3, 1, 2]).is_ok());
    assert!(props::is_permutation(&[1, 2, 3], &[3, 3, 2]).is_err());
}

#[test]
fn each_exactly_once_names_lost_duplicated_and_invented() {
    assert!(props::each_exactly_once(3, &[2, 0, 1]).is_ok());
    let err = props::each_exactly_once(3, &[0, 0, 5])
        .unwrap_err()
        .to_string();
    assert!(err.contains("lost [1, 2]"), "{err}");
    assert!(err.contains("duplicated [0]"), "{err}");
    assert!(err.contains("invented [5]"), "{err}");
}

#[test]
fn side_effects_counts_across_threads() {
    let effects = SideEffects::new(100);
    std::thread::scope(|s| {
        for half in [0..50, 50..100] {
            let effects = &effects;
            s.spawn(move || half.for_each(|id| effects.record(id)));
        }
    });
    assert!(effects.check().is_ok());
    effects.record(7);
    assert!(effects.check().is_err());
}

proptest! {
    #![proptest_config(props::config(32))]

    /// A threaded "map" built from `thread::scope` satisfies every property:
    /// the kit works end to end on a real concurrent model.
    #[test]
    fn scoped_thread_map_satisfies_the_kit(tasks in props::cpu_batch(), workers in props::worker_count()) {
        let effects = SideEffects::new(tasks.len());
        let mut results = vec![0u64; tasks.len()];
        let chunk = tasks.len().div_ceil(workers).max(1);
        std::thread::scope(|s| {
            for (k, out) in results.chunks_mut(chunk).enumerate() {
                let tasks = &tasks;
                let effects = &effects;
                s.spawn(move || {
                    for (j, slot) in out.iter_mut().enumerate() {
                        let id = k * chunk + j;
                        *slot = tasks[id].run();
                        effects.record(id);
                    }
                });
            }
        });
        props::cpu_batch_matches_reference(&tasks, &results)?;
        effects.check()?;
    }

    #[test]
    fn wake_orders_are_permutations(order in props::wake_order(20)) {
        props::each_exactly_once(20, &order)?;
    }
}
