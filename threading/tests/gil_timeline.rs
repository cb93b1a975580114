//! # Timeline recording with real threads: the right states land in the
//! right lanes
//!
//! A CPU-bound holder spinning on `check`, a thread that must wait for the
//! GIL, and a thread that blocks (GIL released) — the three colours of a
//! Beazley GIL plot. The assertions are about which states appear, about
//! span order inside a lane, and about the picture's promise with a GIL: no
//! two lanes are ever green at the same instant (each Running span starts
//! after the take and ends before the release, both under the GIL's
//! mutex). Never about durations.
//!
//! Python equivalent: what `minipy --timeline out.svg` draws for a program
//! with one CPU-bound thread, one more CPU-bound thread and one sleeper.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

use threading::gil::{Gil, GilConfig, GilMode};
use threading::timeline::{LaneState, Timeline};

/// Every lane's spans are in time order and do not overlap.
fn assert_lanes_well_formed(timeline: &Timeline) {
    for lane in &timeline.lanes {
        for span in &lane.spans {
            assert!(span.start <= span.end, "{}: {span:?}", lane.thread);
        }
        for pair in lane.spans.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{}: {pair:?}", lane.thread);
        }
    }
}

#[test]
fn lanes_show_running_waiting_and_blocked() {
    let gil = Arc::new(Gil::new(GilConfig {
        mode: GilMode::New,
        switch_interval: Duration::from_millis(1),
        record_timeline: true,
        ..GilConfig::default()
    }));
    let waiter_ran = Arc::new(AtomicBool::new(false));
    let (holding_tx, holding_rx) = mpsc::channel::<()>();
    let (sleeper_tx, sleeper_rx) = mpsc::channel::<()>();
    // The sleeper starts after the waiter is done, so it cannot hand the
    // waiter a free GIL (which would leave the waiter nothing to wait for).
    let (waiter_done_tx, waiter_done_rx) = mpsc::channel::<()>();
    thread::scope(|scope| {
        let (gil_h, flag_h) = (gil.clone(), waiter_ran.clone());
        scope.spawn(move || {
            let mut ts = gil_h.register("cpu");
            gil_h.take(&mut ts);
            holding_tx.send(()).unwrap();
            while !flag_h.load(Ordering::Relaxed) {
                gil_h.check(&mut ts);
            }
            gil_h.drop_gil(&mut ts);
            gil_h.unregister(ts);
        });
        let (gil_w, flag_w) = (gil.clone(), waiter_ran.clone());
        scope.spawn(move || {
            let mut ts = gil_w.register("waiter");
            holding_rx.recv().unwrap();
            gil_w.take(&mut ts);
            flag_w.store(true, Ordering::Relaxed);
            gil_w.drop_gil(&mut ts);
            gil_w.unregister(ts);
            waiter_done_tx.send(()).unwrap();
        });
        let gil_s = gil.clone();
        scope.spawn(move || {
            let mut ts = gil_s.register("sleeper");
            waiter_done_rx.recv().unwrap();
            gil_s.take(&mut ts);
            // Blocked until the test thread releases it below.
            gil_s.blocking(&mut ts, || sleeper_rx.recv().unwrap());
            gil_s.drop_gil(&mut ts);
            gil_s.unregister(ts);
        });
        sleeper_tx.send(()).unwrap();
    });
    let timeline = gil.timeline();
    assert_lanes_well_formed(&timeline);
    let states = |thread: &str| -> Vec<LaneState> {
        let lane = timeline
            .lanes
            .iter()
            .find(|lane| lane.thread == thread)
            .unwrap();
        lane.spans.iter().map(|span| span.state).collect()
    };
    assert_eq!(timeline.lanes.len(), 3);
    // The CPU-bound holder ran, was forced to drop, waited, ran again.
    let cpu = states("cpu");
    assert_eq!(cpu.first(), Some(&LaneState::Running));
    assert!(cpu.contains(&LaneState::WaitingForGil), "{cpu:?}");
    // The waiter waited for the GIL, then ran.
    let waiter = states("waiter");
    assert!(
        waiter.ends_with(&[LaneState::WaitingForGil, LaneState::Running]),
        "{waiter:?}"
    );
    assert!(states("sleeper").contains(&LaneState::Blocked));
    assert!(timeline.total("waiter", LaneState::WaitingForGil) > Duration::ZERO);

    let svg = timeline.to_svg("cpu, waiter, sleeper");
    for name in ["cpu", "waiter", "sleeper"] {
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "lane label {name}"
        );
    }
}

#[test]
fn nothing_is_recorded_when_recording_is_off() {
    let gil = Gil::new(GilConfig::default());
    let mut ts = gil.register("MainThread");
    gil.take(&mut ts);
    gil.blocking(&mut ts, || ());
    gil.drop_gil(&mut ts);
    gil.unregister(ts);
    assert!(gil.timeline().lanes.is_empty());
    assert_eq!(gil.stats().threads.len(), 1, "stats are kept regardless");
}

#[test]
fn free_threaded_lanes_only_run_or_block() {
    let gil = Gil::new(GilConfig {
        record_timeline: true,
        ..GilConfig::preset("3.13t").unwrap()
    });
    let mut ts = gil.register("MainThread");
    gil.take(&mut ts);
    gil.check(&mut ts);
    gil.blocking(&mut ts, || ());
    gil.drop_gil(&mut ts);
    gil.unregister(ts);
    let timeline = gil.timeline();
    assert_lanes_well_formed(&timeline);
    let lane = &timeline.lanes[0];
    assert!(lane
        .spans
        .iter()
        .all(|span| span.state != LaneState::WaitingForGil));
    assert!(lane
        .spans
        .iter()
        .any(|span| span.state == LaneState::Blocked));
}

/// Three CPU-bound threads (one also blocking now and then) under `mode`,
/// recorded; returns the timeline.
fn record_contended_run(mode: GilMode) -> Timeline {
    let gil = Arc::new(Gil::new(GilConfig {
        mode,
        switch_interval: Duration::from_micros(200),
        old_check_interval: 10,
        record_timeline: true,
        ..GilConfig::default()
    }));
    let start = Arc::new(std::sync::Barrier::new(3));
    thread::scope(|scope| {
        for index in 0..3 {
            let (gil, start) = (gil.clone(), start.clone());
            scope.spawn(move || {
                let mut ts = gil.register(&format!("Thread-{index}"));
                start.wait();
                gil.take(&mut ts);
                for round in 0..100_000u32 {
                    gil.check(&mut ts);
                    if index == 0 && round % 2_000 == 0 {
                        gil.blocking(&mut ts, thread::yield_now);
                    }
                }
                gil.drop_gil(&mut ts);
                gil.unregister(ts);
            });
        }
    });
    gil.timeline()
}

/// The picture's promise: at no instant do two lanes both show Running.
fn assert_running_spans_never_overlap(timeline: &Timeline) {
    assert_lanes_well_formed(timeline);
    let mut running: Vec<(Duration, Duration, &str)> = timeline
        .lanes
        .iter()
        .flat_map(|lane| {
            lane.spans
                .iter()
                .filter(|span| span.state == LaneState::Running)
                .map(move |span| (span.start, span.end, lane.thread.as_str()))
        })
        .collect();
    running.sort();
    for pair in running.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "two threads running at once: {pair:?}"
        );
    }
}

#[test]
fn new_gil_lanes_never_run_at_the_same_time() {
    assert_running_spans_never_overlap(&record_contended_run(GilMode::New));
}

#[test]
fn old_gil_lanes_never_run_at_the_same_time() {
    assert_running_spans_never_overlap(&record_contended_run(GilMode::Old));
}
