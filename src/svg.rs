//! A small SVG writer: grouped bar charts (on a log scale: the values span
//! decades) and lane timelines.
//!
//! Hand-written rather than a plotting crate because the pictures are simple
//! (rectangles, lines, text) and the SVG stays readable and diffable. Every
//! chart is self-contained text with no external fonts or scripts.
//!
//! ```text
//!  bar chart                        lanes
//!  ┌──────────────────────┐        worker 1 │▇▇▇▇  ▇▇▇▇▇  ▇▇
//!  │   ▇                  │        worker 2 │  ▇▇▇▇▇  ▇▇▇▇▇▇
//!  │ ▇ ▇ ▇    ▇ ▇ ▇       │                 └────────────────▶ time
//!  └──────────────────────┘
//!    row 1     row 2
//! ```

use std::fmt::Write;

/// Series colours, in order: the colour-blind-safe Okabe–Ito palette,
/// then two greys.
pub const PALETTE: [&str; 10] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#999999", "#5a3d2b",
];

/// One bar: its series (legend entry) and value.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Which series (model) the bar belongs to.
    pub series: String,
    /// The bar's height, in the chart's unit.
    pub value: f64,
    /// When the bar stacks two parts, the lower one (drawn solid; the rest,
    /// up to `value`, is hatched): a multiprocessing cell's parent process
    /// below its workers.
    pub lower: Option<f64>,
}

/// A labelled group of bars (one table row).
#[derive(Clone, Debug)]
pub struct Group {
    /// The label under the group.
    pub label: String,
    /// The bars, one per series present in this row.
    pub bars: Vec<Bar>,
}

/// Escapes text for SVG/HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What a bar chart shows: its words, and where its bars start.
#[derive(Clone, Copy, Debug)]
pub struct Axes<'a> {
    /// The title above the chart.
    pub title: &'a str,
    /// The y axis's label (the unit).
    pub unit: &'a str,
    /// The x axis's label (what a group is).
    pub groups: &'a str,
    /// A dashed line at this value (e.g. 1× speed-up).
    pub reference: Option<f64>,
    /// A legend line explaining hatched bar parts, if any bar has them.
    pub hatched: Option<&'a str>,
}

/// The fill pattern of a bar's upper (hatched) part.
const HATCH: &str = r##"<defs><pattern id="workers-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="5" fill="#fff" fill-opacity="0.75"/></pattern></defs>"##;

/// The chart's height in pixels (the SVG's own height).
pub const CHART_HEIGHT: f64 = 430.0;

/// A grouped bar chart with a legend, axis labels and a `viewBox`, so it
/// scales to the page.
pub fn bar_chart(axes: &Axes, groups: &[Group], series: &[String]) -> String {
    let Axes {
        title,
        unit,
        reference,
        ..
    } = *axes;
    let (left, top, bar_w, gap, height, legend) = (80.0, 50.0, 12.0, 26.0, 260.0, 280.0);
    let group_w = |g: &Group| g.bars.len().max(1) as f64 * bar_w + gap;
    let width = left + groups.iter().map(group_w).sum::<f64>() + legend;
    let values = || {
        groups
            .iter()
            .flat_map(|g| g.bars.iter().map(|b| b.value))
            .chain(reference)
    };
    let max = values().fold(0.0f64, f64::max).max(1e-9) * 1.1;
    // Log scale: whole decades from below the smallest value to above the
    // largest, so every bar has a visible height.
    let (lo_exp, hi_exp) = (
        values()
            .filter(|v| *v > 0.0)
            .fold(f64::INFINITY, f64::min)
            .log10()
            .floor()
            .min(0.0),
        max.log10().ceil().max(1.0),
    );
    let y = |v: f64| {
        let e = v.max(10f64.powf(lo_exp)).log10();
        top + height - (e - lo_exp) / (hi_exp - lo_exp) * height
    };
    let ticks: Vec<f64> = (lo_exp as i32..=hi_exp as i32)
        .map(|e| 10f64.powi(e))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{CHART_HEIGHT:.0}" viewBox="0 0 {width:.0} {CHART_HEIGHT:.0}" font-family="sans-serif" font-size="12">"#,
    );
    if axes.hatched.is_some() {
        svg.push_str(HATCH);
    }
    let _ = write!(
        svg,
        r#"<text x="{left}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        escape(title)
    );
    for v in ticks {
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{:.0}" y1="{:.1}" y2="{:.1}" stroke="#ddd"/><text x="{:.0}" y="{:.1}" text-anchor="end">{}</text>"##,
            width - legend + 10.0,
            y(v),
            y(v),
            left - 6.0,
            y(v) + 4.0,
            fmt_value(v)
        );
    }
    let _ = write!(
        svg,
        r#"<text transform="translate(16,{:.0}) rotate(-90)" text-anchor="middle">{}</text>"#,
        top + height / 2.0,
        escape(unit)
    );
    let mut x = left + gap / 2.0;
    for group in groups {
        for bar in &group.bars {
            let colour = series
                .iter()
                .position(|s| *s == bar.series)
                .map_or("#888", |i| PALETTE[i % PALETTE.len()]);
            let tip = match bar.lower {
                Some(lower) => format!(
                    "{}: {} (parent {}, workers {})",
                    bar.series,
                    fmt_value(bar.value),
                    fmt_value(lower),
                    fmt_value(bar.value - lower)
                ),
                None => format!("{}: {}", bar.series, fmt_value(bar.value)),
            };
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{}</title></rect>"#,
                y(bar.value),
                bar_w - 2.0,
                (top + height - y(bar.value)).max(0.0),
                escape(&tip)
            );
            if let Some(lower) = bar.lower.filter(|l| *l < bar.value) {
                // The upper part (workers) hatched over the bar's colour.
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="url(#workers-hatch)"><title>{}</title></rect>"#,
                    y(bar.value),
                    bar_w - 2.0,
                    (y(lower) - y(bar.value)).max(0.0),
                    escape(&tip)
                );
            }
            x += bar_w;
        }
        let _ = write!(
            svg,
            r#"<text transform="translate({:.1},{:.0}) rotate(35)">{}</text>"#,
            x - group_w(group) / 2.0 - 4.0,
            top + height + 14.0,
            escape(&group.label)
        );
        x += gap;
    }
    let _ = write!(
        svg,
        r#"<text x="{:.0}" y="{:.0}" text-anchor="middle" font-style="italic">{}</text>"#,
        left + (width - legend - left) / 2.0,
        CHART_HEIGHT - 12.0,
        escape(axes.groups)
    );
    if let Some(r) = reference {
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{:.0}" y1="{:.1}" y2="{:.1}" stroke="#333" stroke-dasharray="4 3"/>"##,
            width - legend + 10.0,
            y(r),
            y(r)
        );
    }
    for (i, s) in series.iter().enumerate() {
        let ly = top + 16.0 * i as f64;
        let _ = write!(
            svg,
            r#"<rect x="{:.0}" y="{ly:.0}" width="11" height="11" fill="{}"/><text x="{:.0}" y="{:.0}">{}</text>"#,
            width - legend + 20.0,
            PALETTE[i % PALETTE.len()],
            width - legend + 36.0,
            ly + 10.0,
            escape(s)
        );
    }
    if let Some(hatched) = axes.hatched {
        let ly = top + 16.0 * series.len() as f64 + 8.0;
        let _ = write!(
            svg,
            r##"<rect x="{:.0}" y="{ly:.0}" width="11" height="11" fill="#777"/><rect x="{:.0}" y="{ly:.0}" width="11" height="11" fill="url(#workers-hatch)"/><text x="{:.0}" y="{:.0}">{}</text>"##,
            width - legend + 20.0,
            width - legend + 20.0,
            width - legend + 36.0,
            ly + 10.0,
            escape(hatched)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// One lane of a timeline: a name and its spans `(start_s, end_s, kind)`,
/// `kind` indexing the legend.
#[derive(Clone, Debug)]
pub struct Lane {
    /// The lane's label (a worker process, a task).
    pub name: String,
    /// `(start, end, kind)` in seconds from the timeline's start.
    pub spans: Vec<(f64, f64, usize)>,
}

/// Lanes over time: one row per lane, one rectangle per span, coloured by
/// kind, with a time axis in milliseconds and a legend of `kinds`.
pub fn lanes(title: &str, lanes: &[Lane], kinds: &[&str]) -> String {
    let (left, top, plot_w, lane_h) = (150.0, 50.0, 800.0, 22.0);
    let end = lanes
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.1))
        .fold(1e-9f64, f64::max);
    let x = |t: f64| left + t / end * plot_w;
    let height = top + lane_h * lanes.len() as f64 + 70.0;
    let mut svg = String::new();
    let width = left + plot_w + 40.0;
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif" font-size="11">"#,
    );
    let _ = write!(
        svg,
        r#"<text x="10" y="24" font-size="15" font-weight="bold">{}</text>"#,
        escape(title)
    );
    for (i, lane) in lanes.iter().enumerate() {
        let y = top + lane_h * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{:.0}" y="{:.1}" text-anchor="end">{}</text><line x1="{left}" x2="{:.0}" y1="{:.1}" y2="{:.1}" stroke="#eee"/>"##,
            left - 8.0,
            y + 15.0,
            escape(&lane.name),
            left + plot_w,
            y + lane_h,
            y + lane_h
        );
        for &(start, stop, kind) in &lane.spans {
            let _ = write!(
                svg,
                r##"<rect x="{:.2}" y="{:.1}" width="{:.2}" height="{:.1}" fill="{}" stroke="#fff" stroke-width="0.6"><title>{}: {:.2}–{:.2} ms</title></rect>"##,
                x(start),
                y + 3.0,
                (x(stop) - x(start)).max(0.5),
                lane_h - 6.0,
                PALETTE[kind % PALETTE.len()],
                escape(kinds.get(kind).copied().unwrap_or("?")),
                start * 1e3,
                stop * 1e3
            );
        }
    }
    let axis_y = top + lane_h * lanes.len() as f64 + 4.0;
    for k in 0..=5 {
        let t = end * k as f64 / 5.0;
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{axis_y:.1}" y2="{:.1}" stroke="#333"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{:.0} ms</text>"##,
            x(t),
            x(t),
            axis_y + 5.0,
            x(t),
            axis_y + 18.0,
            t * 1e3
        );
    }
    for (i, kind) in kinds.iter().enumerate() {
        let lx = left + 160.0 * i as f64;
        let _ = write!(
            svg,
            r#"<rect x="{lx:.0}" y="{:.0}" width="10" height="10" fill="{}"/><text x="{:.0}" y="{:.0}">{}</text>"#,
            axis_y + 30.0,
            PALETTE[i % PALETTE.len()],
            lx + 15.0,
            axis_y + 39.0,
            escape(kind)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A compact number: `1.87`, `12.3`, `4.2k`, `1.5M`.
pub fn fmt_value(v: f64) -> String {
    match v.abs() {
        a if a >= 1e6 => format!("{:.1}M", v / 1e6),
        a if a >= 1e4 => format!("{:.1}k", v / 1e3),
        a if a >= 100.0 => format!("{v:.0}"),
        a if a >= 10.0 => format!("{v:.1}"),
        _ => format!("{v:.2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_is_one_svg_document_with_a_rect_per_bar() {
        let groups = vec![Group {
            label: "count <cpu>".into(),
            bars: vec![
                Bar {
                    series: "threading".into(),
                    value: 1.0,
                    lower: None,
                },
                Bar {
                    series: "multiprocessing".into(),
                    value: 1.9,
                    lower: None,
                },
            ],
        }];
        let series = vec!["threading".to_owned(), "multiprocessing".to_owned()];
        let axes = Axes {
            title: "t",
            unit: "speed-up",
            groups: "workload",
            reference: Some(1.0),
            hatched: None,
        };
        let svg = bar_chart(&axes, &groups, &series);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("viewBox="), "it scales to the page");
        // Two bars plus two legend swatches.
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("count &lt;cpu&gt;"), "labels are escaped");
    }

    #[test]
    fn a_stacked_bar_hatches_its_upper_part() {
        let groups = vec![Group {
            label: "count".into(),
            bars: vec![Bar {
                series: "multiprocessing".into(),
                value: 5_000.0,
                lower: Some(1_000.0),
            }],
        }];
        let axes = Axes {
            title: "memory",
            unit: "bytes per task",
            groups: "workload",
            reference: None,
            hatched: Some("hatched: worker processes"),
        };
        let svg = bar_chart(&axes, &groups, &["multiprocessing".to_owned()]);
        assert_eq!(
            svg.matches("url(#workers-hatch)").count(),
            2,
            "bar + legend"
        );
        assert!(svg.contains("parent 1000, workers 4000"));
    }

    #[test]
    fn lanes_draw_a_rect_per_span_and_per_legend_entry() {
        let lanes_in = [
            Lane {
                name: "worker <1>".into(),
                spans: vec![(0.0, 0.01, 0), (0.01, 0.03, 1)],
            },
            Lane {
                name: "worker 2".into(),
                spans: vec![(0.0, 0.02, 0)],
            },
        ];
        let svg = lanes("t", &lanes_in, &["computing", "waiting"]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<rect").count(), 3 + 2);
        assert!(svg.contains("worker &lt;1&gt;"));
    }

    #[test]
    fn values_print_compactly() {
        assert_eq!(fmt_value(1.874), "1.87");
        assert_eq!(fmt_value(12_345.0), "12.3k");
        assert_eq!(fmt_value(2_500_000.0), "2.5M");
    }
}
