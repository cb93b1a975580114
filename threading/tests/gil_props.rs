//! # Property tests for the GIL's bookkeeping and the timeline renderer
//!
//! Single-thread operation sequences (check points, blocking calls, drop and
//! re-take) in every mode, and arbitrary timelines fed to the SVG renderer.
//! The facts: takes are counted exactly (old GIL: one re-take per
//! `old_check_interval` check points), recorded lanes are well formed, and
//! the SVG is well formed, escapes every name and stays within its pixel
//! bound whatever it is given.
//!
//! Case counts are bounded by `common::props::config` (raise them with
//! `PROPTEST_CASES`).

use std::time::Duration;

use proptest::prelude::*;
use threading::gil::{Gil, GilConfig, GilMode};
use threading::timeline::{svg, Lane, LaneState, Span, Timeline};

/// One thing a single interpreter thread can do while holding the GIL.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Hit a check point (`Gil::check`).
    Check,
    /// Make a blocking call (`Gil::blocking`).
    Blocking,
    /// Drop the GIL and take it again (`drop_gil` + `take`).
    DropAndTake,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => Just(Op::Check),
        1 => Just(Op::Blocking),
        1 => Just(Op::DropAndTake),
    ]
}

fn mode() -> impl Strategy<Value = GilMode> {
    prop_oneof![Just(GilMode::New), Just(GilMode::Old), Just(GilMode::None)]
}

fn lane_state() -> impl Strategy<Value = LaneState> {
    prop_oneof![
        Just(LaneState::Running),
        Just(LaneState::WaitingForGil),
        Just(LaneState::Blocked)
    ]
}

/// A lane of arbitrary (possibly overlapping, unsorted, zero-length) spans.
fn lane() -> impl Strategy<Value = Lane> {
    (
        ".{0,12}",
        prop::collection::vec((0u64..5_000_000, 0u64..1_000_000, lane_state()), 0..60),
    )
        .prop_map(|(thread, spans)| Lane {
            thread,
            spans: spans
                .into_iter()
                .map(|(start, length, state)| Span {
                    start: Duration::from_micros(start),
                    end: Duration::from_micros(start + length),
                    state,
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(common::props::config(64))]

    #[test]
    fn takes_are_counted_exactly_and_lanes_are_well_formed(
        mode in mode(),
        interval in 1u32..8,
        ops in prop::collection::vec(op(), 0..200),
    ) {
        let gil = Gil::new(GilConfig {
            mode,
            old_check_interval: interval,
            record_timeline: true,
            ..GilConfig::default()
        });
        let mut ts = gil.register("MainThread");
        gil.take(&mut ts);
        let (mut checks, mut retakes) = (0u64, 0u64);
        for op in &ops {
            match op {
                Op::Check => {
                    checks += 1;
                    gil.check(&mut ts);
                }
                Op::Blocking => {
                    retakes += 1;
                    gil.blocking(&mut ts, || ());
                }
                Op::DropAndTake => {
                    retakes += 1;
                    gil.drop_gil(&mut ts);
                    gil.take(&mut ts);
                }
            }
            prop_assert!(ts.holds_gil());
        }
        let tick_retakes = if mode == GilMode::Old { checks / u64::from(interval) } else { 0 };
        prop_assert_eq!(ts.takes(), 1 + retakes + tick_retakes);
        gil.drop_gil(&mut ts);
        gil.unregister(ts);

        let stats = gil.stats();
        prop_assert_eq!(stats.switches, 0);
        prop_assert_eq!(stats.drop_requests, 0);
        prop_assert_eq!(stats.threads[0].takes, 1 + retakes + tick_retakes);
        prop_assert_eq!(gil.max_holders_seen(), 1);
        let timeline = gil.timeline();
        prop_assert_eq!(timeline.lanes.len(), 1);
        let spans = &timeline.lanes[0].spans;
        for pair in spans.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "{:?}", pair);
            // Neighbours in the same state would have been merged.
            prop_assert!(pair[0].state != pair[1].state || pair[0].end < pair[1].start);
        }
        let blocked = spans.iter().any(|span| span.state == LaneState::Blocked);
        prop_assert_eq!(blocked, ops.iter().any(|op| matches!(op, Op::Blocking)));
    }

    #[test]
    fn svg_is_well_formed_escaped_and_bounded(
        lanes in prop::collection::vec(lane(), 0..6),
        title in ".{0,20}",
    ) {
        let timeline = Timeline { lanes };
        let svg = timeline.to_svg(&title);
        prop_assert!(svg.starts_with("<svg "));
        prop_assert!(svg.trim_end().ends_with("</svg>"));
        // Per lane: a background, at most one rect per column for the
        // dominant state and one for the minor strip; plus fixed parts.
        let rects = svg.matches("<rect ").count();
        let bound = 1 + timeline.lanes.len() * (1 + 2 * svg::PLOT_WIDTH) + LaneState::ALL.len();
        prop_assert!(rects <= bound, "{} rects > {}", rects, bound);
        // Every piece of text is escaped: between tags there is never a raw
        // `<` or `&` that does not start an entity.
        for text in svg.split('>').filter_map(|chunk| chunk.split('<').next()) {
            prop_assert!(!text.contains('<'));
            for (at, _) in text.match_indices('&') {
                let entity = &text[at..];
                prop_assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| entity.starts_with(e)),
                    "raw & in {:?}", text
                );
            }
        }
    }
}
