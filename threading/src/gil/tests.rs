//! Unit tests of the GIL's single-thread behaviour and its API edges; the
//! multi-thread invariants live in `tests/gil_invariants.rs`.

use super::*;

fn assert_send_sync<T: Send + Sync>() {}
fn assert_send<T: Send>() {}

#[test]
fn gil_is_send_sync_and_thread_state_is_send() {
    assert_send_sync::<Gil>();
    assert_send::<ThreadState>();
}

#[test]
fn one_thread_takes_checks_and_drops_in_every_mode() {
    for mode in [GilMode::New, GilMode::Old, GilMode::None] {
        let gil = Gil::new(GilConfig {
            mode,
            old_check_interval: 3,
            record_timeline: true,
            ..GilConfig::default()
        });
        let mut ts = gil.register("MainThread");
        gil.take(&mut ts);
        for _ in 0..10 {
            gil.check(&mut ts);
        }
        let answer = gil.blocking(&mut ts, || 42);
        assert_eq!(answer, 42);
        gil.drop_gil(&mut ts);
        gil.unregister(ts);
        let stats = gil.stats();
        assert_eq!(stats.switches, 0, "{mode:?}: one thread never switches");
        assert_eq!(gil.max_holders_seen(), 1);
        let expected_takes = if mode == GilMode::Old { 2 + 3 } else { 2 };
        assert_eq!(stats.threads[0].takes, expected_takes, "{mode:?}");
        let timeline = gil.timeline();
        assert_eq!(timeline.lanes.len(), 1);
        assert!(timeline.lanes[0]
            .spans
            .iter()
            .any(|s| s.state == LaneState::Blocked));
    }
}

#[test]
fn switch_interval_is_settable_and_clamped() {
    let gil = Gil::new(GilConfig::default());
    assert_eq!(gil.switch_interval(), Duration::from_millis(5));
    gil.set_switch_interval(Duration::from_millis(1));
    assert_eq!(gil.switch_interval(), Duration::from_millis(1));
    gil.set_switch_interval(Duration::ZERO);
    assert_eq!(gil.switch_interval(), MIN_SWITCH_INTERVAL);
}

#[test]
#[should_panic(expected = "took the GIL twice")]
fn taking_twice_is_a_named_invariant_failure() {
    let gil = Gil::new(GilConfig::default());
    let mut ts = gil.register("MainThread");
    gil.take(&mut ts);
    gil.take(&mut ts);
}

#[test]
fn unregister_releases_a_forgotten_gil() {
    let gil = Gil::new(GilConfig::default());
    let mut first = gil.register("first");
    gil.take(&mut first);
    gil.unregister(first);
    let mut second = gil.register("second");
    gil.take(&mut second); // would hang if the GIL were still held
    gil.drop_gil(&mut second);
    gil.unregister(second);
    assert_eq!(gil.stats().switches, 1);
}

#[test]
fn stats_and_lanes_come_in_registration_order() {
    let gil = Gil::new(GilConfig {
        record_timeline: true,
        ..GilConfig::default()
    });
    let mut main = gil.register("MainThread");
    let mut worker = gil.register("Thread-1");
    gil.take(&mut main);
    gil.drop_gil(&mut main);
    gil.take(&mut worker);
    gil.drop_gil(&mut worker);
    gil.unregister(worker);
    gil.unregister(main);
    let names: Vec<String> = gil.stats().threads.into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["MainThread", "Thread-1"]);
    let lanes: Vec<String> = gil.timeline().lanes.into_iter().map(|l| l.thread).collect();
    assert_eq!(lanes, ["MainThread", "Thread-1"]);
}

#[test]
fn debug_output_names_the_mode_and_the_holder() {
    let gil = Gil::new(GilConfig::default());
    let mut main = gil.register("MainThread");
    gil.take(&mut main);
    let text = format!("{gil:?}");
    assert!(
        text.contains("New") && text.contains("locked: true"),
        "{text}"
    );
    gil.drop_gil(&mut main);
}
