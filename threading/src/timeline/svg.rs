//! # Drawing a [`Timeline`] as SVG, Beazley style
//!
//! ```text
//!   title
//!   MainThread  [green][red][green][red]...      one lane per thread
//!   Thread-1    [red][green][red][green]...
//!               |-------|-------|-------|        time axis (1-2-5 ticks)
//!               ■ running  ■ waiting  ■ blocked  legend
//! ```
//!
//! ## Pixel resolution, not span resolution
//! A two-second run of the old GIL can hold tens of thousands of spans per
//! thread, most far narrower than a pixel. Drawing each as a `<rect>` would
//! make a file of many megabytes that shows nothing more. Instead each lane
//! is cut into [`PLOT_WIDTH`] one-pixel columns; every span adds its overlap
//! to the column totals per state; each column takes the state it spent
//! most time in; runs of equal columns become one `<rect>`. A state that was
//! present in a column but not dominant (a 20 µs forced switch inside a
//! 0.6 ms column of running) would vanish, yet it is often the point of the
//! picture; so it gets a thin strip along the bottom of the lane, in its
//! colour. The output is at most `2 × lanes × PLOT_WIDTH` rectangles,
//! whatever the run.
//!
//! Self-contained text: no scripts, no external fonts or stylesheets, so it
//! opens in any browser and can be embedded in a README.

use std::fmt::Write as _;
use std::time::Duration;

use super::{LaneState, Timeline};

/// Width of the plotting area in pixels (= number of columns per lane).
pub const PLOT_WIDTH: usize = 1000;
/// Space left of the plot for thread names.
const LABEL_WIDTH: usize = 150;
/// Height of one lane's bar.
const LANE_HEIGHT: usize = 22;
/// Height of the strip that shows a column's minor state.
const MINOR_STRIP: usize = 5;
/// Vertical gap between lanes.
const LANE_GAP: usize = 8;
/// Space above the first lane (title).
const TOP: usize = 40;
/// Space below the last lane (axis and legend).
const BOTTOM: usize = 70;
/// Right margin.
const RIGHT: usize = 30;

/// The fill colour of each state: green runs, red waits, grey is blocked.
fn colour(state: LaneState) -> &'static str {
    match state {
        LaneState::Running => "#2ca02c",
        LaneState::WaitingForGil => "#d62728",
        LaneState::Blocked => "#a0a0a0",
    }
}

/// Index of `state` in per-column total arrays.
fn slot(state: LaneState) -> usize {
    match state {
        LaneState::Running => 0,
        LaneState::WaitingForGil => 1,
        LaneState::Blocked => 2,
    }
}

/// Renders `timeline` as an SVG document titled `title`.
pub fn render(timeline: &Timeline, title: &str) -> String {
    let duration = timeline.duration().max(Duration::from_micros(1));
    let total_secs = duration.as_secs_f64();
    let lanes = timeline.lanes.len();
    let width = LABEL_WIDTH + PLOT_WIDTH + RIGHT;
    let plot_bottom = TOP + lanes * (LANE_HEIGHT + LANE_GAP);
    let height = plot_bottom + BOTTOM;

    let mut out = String::with_capacity(4096 + lanes * 8192);
    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    // <title>: what a browser tab and a screen reader show.
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        LABEL_WIDTH,
        escape(title)
    );

    for (index, lane) in timeline.lanes.iter().enumerate() {
        let y = TOP + index * (LANE_HEIGHT + LANE_GAP);
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            LABEL_WIDTH - 8,
            y + LANE_HEIGHT / 2 + 4,
            escape(&lane.thread)
        );
        let _ = writeln!(
            out,
            r##"<rect x="{LABEL_WIDTH}" y="{y}" width="{PLOT_WIDTH}" height="{LANE_HEIGHT}" fill="#f4f4f4"/>"##
        );
        let (dominant_runs, minor_runs) = column_runs(&lane.spans, total_secs);
        for (first, last, state) in dominant_runs {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{y}" width="{}" height="{LANE_HEIGHT}" fill="{}"/>"#,
                LABEL_WIDTH + first,
                last - first + 1,
                colour(state)
            );
        }
        let strip_y = y + LANE_HEIGHT - MINOR_STRIP;
        for (first, last, state) in minor_runs {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{strip_y}" width="{}" height="{MINOR_STRIP}" fill="{}"/>"#,
                LABEL_WIDTH + first,
                last - first + 1,
                colour(state)
            );
        }
    }

    axis(&mut out, total_secs, plot_bottom);
    legend(&mut out, plot_bottom + 45);
    out.push_str("</svg>\n");
    out
}

/// Runs of equal neighbouring columns: `(first, last, state)`.
type Runs = Vec<(usize, usize, LaneState)>;

/// The lane cut into pixel columns: runs of columns by dominant state, and
/// runs by the largest non-dominant state present (the bottom strip).
/// Columns with no span are left out of both.
fn column_runs(spans: &[super::Span], total_secs: f64) -> (Runs, Runs) {
    let mut columns = vec![[0.0f64; 3]; PLOT_WIDTH];
    let per_column = total_secs / PLOT_WIDTH as f64;
    for span in spans {
        let start = span.start.as_secs_f64() / per_column;
        let end = span.end.as_secs_f64() / per_column;
        let first = (start.floor() as usize).min(PLOT_WIDTH - 1);
        let last = (end.ceil() as usize).clamp(first + 1, PLOT_WIDTH);
        for (column, totals) in columns.iter_mut().enumerate().take(last).skip(first) {
            let overlap = end.min(column as f64 + 1.0) - start.max(column as f64);
            // A zero-length span still marks its column, so short events show.
            totals[slot(span.state)] += overlap.max(1e-9);
        }
    }
    let (mut dominant_runs, mut minor_runs) = (Runs::new(), Runs::new());
    for (column, totals) in columns.iter().enumerate() {
        let Some(top) = largest(totals, None) else {
            continue;
        };
        extend_runs(&mut dominant_runs, column, top);
        if let Some(minor) = largest(totals, Some(top)) {
            extend_runs(&mut minor_runs, column, minor);
        }
    }
    (dominant_runs, minor_runs)
}

/// Adds `column` in `state` to `runs`, extending the last run if it matches.
fn extend_runs(runs: &mut Runs, column: usize, state: LaneState) {
    match runs.last_mut() {
        Some(run) if run.2 == state && run.1 + 1 == column => run.1 = column,
        _ => runs.push((column, column, state)),
    }
}

/// The state with the largest total in a column, other than `except`, or
/// `None` if no (other) state is present.
fn largest(totals: &[f64; 3], except: Option<LaneState>) -> Option<LaneState> {
    LaneState::ALL
        .into_iter()
        .filter(|&state| Some(state) != except && totals[slot(state)] > 0.0)
        .max_by(|&a, &b| totals[slot(a)].total_cmp(&totals[slot(b)]))
}

/// Draws the time axis with 1-2-5 ticks under the lanes.
fn axis(out: &mut String, total_secs: f64, y: usize) {
    let _ = writeln!(
        out,
        r#"<line x1="{LABEL_WIDTH}" y1="{y}" x2="{}" y2="{y}" stroke="black"/>"#,
        LABEL_WIDTH + PLOT_WIDTH
    );
    let step = nice_step(total_secs / 8.0);
    let mut tick = 0.0;
    while tick <= total_secs * (1.0 + 1e-9) {
        let x = LABEL_WIDTH as f64 + tick / total_secs * PLOT_WIDTH as f64;
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{y}" x2="{x:.1}" y2="{}" stroke="black"/><text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            y + 5,
            y + 18,
            time_label(tick, step)
        );
        tick += step;
    }
}

/// The smallest of 1, 2, 5 × 10ⁿ seconds that is at least `rough`.
fn nice_step(rough: f64) -> f64 {
    let magnitude = 10f64.powf(rough.max(1e-9).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= rough)
        .unwrap_or(10.0 * magnitude)
}

/// A tick label in s, ms or µs, with as many decimals as the step needs.
fn time_label(secs: f64, step: f64) -> String {
    let (value, unit, step_in_unit) = if step >= 1.0 {
        (secs, "s", step)
    } else if step >= 1e-3 {
        (secs * 1e3, "ms", step * 1e3)
    } else {
        (secs * 1e6, "µs", step * 1e6)
    };
    let decimals = if step_in_unit >= 1.0 { 0 } else { 1 };
    format!("{value:.decimals$} {unit}")
}

/// Draws one swatch and label per state.
fn legend(out: &mut String, y: usize) {
    let mut x = LABEL_WIDTH;
    for state in LaneState::ALL {
        let _ = writeln!(
            out,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{y}">{}</text>"#,
            y - 10,
            colour(state),
            x + 16,
            state.label()
        );
        x += 220;
    }
}

/// Escapes text for use inside SVG element content.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::super::{Lane, Span};
    use super::*;

    fn span(start_us: u64, end_us: u64, state: LaneState) -> Span {
        Span {
            start: Duration::from_micros(start_us),
            end: Duration::from_micros(end_us),
            state,
        }
    }

    #[test]
    fn svg_has_lanes_legend_axis_and_escaped_names() {
        let timeline = Timeline {
            lanes: vec![
                Lane {
                    thread: "Main<&>".into(),
                    spans: vec![
                        span(0, 500, LaneState::Running),
                        span(500, 1000, LaneState::WaitingForGil),
                    ],
                },
                Lane {
                    thread: "Thread-1".into(),
                    spans: vec![
                        span(0, 500, LaneState::Blocked),
                        span(500, 1000, LaneState::Running),
                    ],
                },
            ],
        };
        let svg = timeline.to_svg("two <threads>");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Main&lt;&amp;&gt;") && svg.contains("two &lt;threads&gt;"));
        assert!(svg.contains("waiting for the GIL") && svg.contains("200 µs</text>"));
        for state in LaneState::ALL {
            assert!(svg.contains(colour(state)), "{state:?}");
        }
        // Two runs per lane, each half the plot wide; the column where the
        // states meet is shared, hence 501 and a minor strip there.
        assert_eq!(
            svg.matches(r#"width="500""#).count() + svg.matches(r#"width="501""#).count(),
            4
        );
    }

    #[test]
    fn svg_size_is_bounded_by_pixels_not_spans() {
        let spans: Vec<Span> = (0..200_000u64)
            .map(|i| {
                let state = if i % 2 == 0 {
                    LaneState::Running
                } else {
                    LaneState::WaitingForGil
                };
                span(i * 10, i * 10 + 10, state)
            })
            .collect();
        let timeline = Timeline {
            lanes: vec![Lane {
                thread: "T".into(),
                spans,
            }],
        };
        let svg = timeline.to_svg("many spans");
        assert!(svg.len() < 200_000, "{} bytes", svg.len());
    }

    #[test]
    fn nice_steps_are_one_two_five() {
        assert!((nice_step(0.0013) - 0.002).abs() < 1e-12);
        assert!((nice_step(0.3) - 0.5).abs() < 1e-12);
        assert!((nice_step(4.0) - 5.0).abs() < 1e-12);
        assert_eq!(time_label(0.004, 0.002), "4 ms");
        assert_eq!(time_label(0.00025, 0.00005), "250 µs");
    }
}
