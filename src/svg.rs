//! A small SVG writer: grouped bar charts and lane timelines.
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

/// How values map to heights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Height proportional to the value, from zero.
    Linear,
    /// Height proportional to log10(value), from one tenth of the smallest
    /// tick: for speed-ups that range from 0.5× to 500×.
    Log,
}

/// One bar: its series (legend entry) and value.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Which series (model) the bar belongs to.
    pub series: String,
    /// The bar's height, in the chart's unit.
    pub value: f64,
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

/// A grouped bar chart with a legend; `reference` draws a dashed line at
/// that value (e.g. 1× speed-up).
pub fn bar_chart(
    title: &str,
    unit: &str,
    groups: &[Group],
    series: &[String],
    reference: Option<f64>,
    scale: Scale,
) -> String {
    let (left, top, bar_w, gap, height, legend) = (70.0, 50.0, 12.0, 26.0, 260.0, 250.0);
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
    let y = |v: f64| match scale {
        Scale::Linear => top + height - v / max * height,
        Scale::Log => {
            let e = v.max(10f64.powf(lo_exp)).log10();
            top + height - (e - lo_exp) / (hi_exp - lo_exp) * height
        }
    };
    let ticks: Vec<f64> = match scale {
        Scale::Linear => (0..=4).map(|k| max / 1.1 * k as f64 / 4.0).collect(),
        Scale::Log => (lo_exp as i32..=hi_exp as i32)
            .map(|e| 10f64.powi(e))
            .collect(),
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{:.0}" font-family="sans-serif" font-size="11">"#,
        top + height + 110.0
    );
    let _ = write!(
        svg,
        r#"<text x="{left}" y="24" font-size="15" font-weight="bold">{}</text>"#,
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
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{}: {}</title></rect>"#,
                y(bar.value),
                bar_w - 2.0,
                (top + height - y(bar.value)).max(0.0),
                escape(&bar.series),
                fmt_value(bar.value)
            );
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
        let ly = top + 14.0 * i as f64;
        let _ = write!(
            svg,
            r#"<rect x="{:.0}" y="{ly:.0}" width="10" height="10" fill="{}"/><text x="{:.0}" y="{:.0}">{}</text>"#,
            width - legend + 20.0,
            PALETTE[i % PALETTE.len()],
            width - legend + 35.0,
            ly + 9.0,
            escape(s)
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
                },
                Bar {
                    series: "multiprocessing".into(),
                    value: 1.9,
                },
            ],
        }];
        let series = vec!["threading".to_owned(), "multiprocessing".to_owned()];
        let svg = bar_chart("t", "speed-up", &groups, &series, Some(1.0), Scale::Log);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        // Two bars plus two legend swatches.
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("count &lt;cpu&gt;"), "labels are escaped");
    }

    #[test]
    fn values_print_compactly() {
        assert_eq!(fmt_value(1.874), "1.87");
        assert_eq!(fmt_value(12_345.0), "12.3k");
        assert_eq!(fmt_value(2_500_000.0), "2.5M");
    }
}
