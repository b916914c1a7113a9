//! The `--svg` chart of a time series: when articles are grouped by a
//! period of `published` (`--group-by outlet,published:month`), each
//! headline metric over time, one panel per metric, one line per series
//! (the group's other values: the outlet, usually) with a band for its 95%
//! bootstrap interval.
//!
//! Periods run along the x axis in time order, one tick each (labelled
//! sparsely when there are many). A point is drawn where the group has a
//! value; a gap in time (a period without articles, or an undefined
//! value) breaks the line and its band. Groups below `--min-articles`
//! and groups without a date are left out (the subtitle says how many).
//! At most [`MAX_OUTLETS`](super::MAX_OUTLETS) series are drawn: those with
//! the most articles.

use std::collections::BTreeMap;
use std::error::Error;

use framescope::{HEADLINE_METRICS, OutletReport, Report};
use plotters::prelude::*;

use super::{
    Area, COLOURS, GRID, INK, Keyed, MARGIN, MAX_OUTLETS, MUTED, WIDTH, describe, empty_chart,
    shorten, tick_format, value_span,
};

/// The chart's title for a time series.
pub const SERIES_TITLE: &str = "How outlets compare over time: headline framing metrics";

/// The group column that is a period of `published`, if any.
pub fn period_column(report: &Report) -> Option<usize> {
    report.settings.group_by.as_ref()?.iter().position(|c| {
        matches!(
            c.as_str(),
            "published_week" | "published_month" | "published_year"
        )
    })
}

/// One series: its label, colour and groups by period.
struct Series<'a> {
    label: String,
    colour: RGBColor,
    /// Per period index.
    points: BTreeMap<usize, &'a OutletReport>,
}

/// A series' articles in all, and its groups with their periods.
type SeriesGroups<'a> = (u64, Vec<(&'a str, &'a OutletReport)>);

/// A point of a line: its period's index, its value and its interval.
type Point = (f64, f64, Option<(f64, f64)>);

/// The time-series chart, `period` being the period's group column.
pub fn render_series(report: &Report, period: usize) -> Result<String, Box<dyn Error>> {
    let column = report.group_columns()[period].clone();
    // Periods in time order, and each group's series.
    let mut periods: Vec<&str> = Vec::new();
    let mut by_series: BTreeMap<String, SeriesGroups> = BTreeMap::new();
    let (mut undated, mut small) = (0usize, 0usize);
    for outlet in &report.outlets {
        let Some(group) = &outlet.group else { continue };
        let Some(Some(when)) = group.0.get(period).map(|(_, v)| v.as_deref()) else {
            undated += 1;
            continue;
        };
        if outlet.below_min_articles {
            small += 1;
            continue;
        }
        let rest: Vec<&str> = group
            .0
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != period)
            .map(|(_, (_, v))| v.as_deref().unwrap_or("(none)"))
            .collect();
        let name = if rest.is_empty() {
            "all articles".to_string()
        } else {
            rest.join(" / ")
        };
        periods.push(when);
        let entry = by_series.entry(name).or_default();
        entry.0 += outlet.articles;
        entry.1.push((when, outlet));
    }
    periods.sort_unstable();
    periods.dedup();
    // The series with the most articles, in name order.
    let mut names: Vec<(&String, u64)> = by_series.iter().map(|(n, (a, _))| (n, *a)).collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total_series = names.len();
    names.truncate(MAX_OUTLETS);
    names.sort_by(|a, b| a.0.cmp(b.0));
    let series: Vec<Series> = names
        .iter()
        .enumerate()
        .map(|(i, (name, _))| Series {
            label: shorten(name),
            colour: COLOURS[i],
            points: by_series[*name]
                .1
                .iter()
                .filter_map(|(when, o)| Some((periods.binary_search(when).ok()?, *o)))
                .collect(),
        })
        .collect();
    if series.is_empty() {
        return empty_chart(
            "No group has a date and enough articles: there is no time series to draw.",
        );
    }

    let mut subtitle = vec![format!(
        "{} articles analysed ({} rejected), by {column}. Lines: mean over articles; bands: 95% \
         bootstrap intervals ({} resamples of articles, seed {}).",
        report.input.analysed,
        report.input.rejected.len(),
        report.settings.resamples,
        report.settings.seed,
    )];
    let mut left_out = Vec::new();
    if small > 0 {
        left_out.push(format!(
            "{small} group{} with fewer than {} articles",
            if small == 1 { "" } else { "s" },
            report.settings.min_articles_to_compare
        ));
    }
    if undated > 0 {
        left_out.push(format!(
            "{undated} group{} without a date",
            if undated == 1 { "" } else { "s" }
        ));
    }
    if series.len() < total_series {
        left_out.push(format!(
            "{} series with fewer articles (showing {} of {total_series})",
            total_series - series.len(),
            series.len()
        ));
    }
    if !left_out.is_empty() {
        subtitle.push(format!(
            "Left out: {}; the table, JSON and CSV reports list them all.",
            left_out.join(", ")
        ));
    }

    let title_font = ("sans-serif", 30).into_font().style(FontStyle::Bold);
    let subtitle_font = ("sans-serif", 17).into_font();
    let label_font = ("sans-serif", 15).into_font();
    let caption_font = ("sans-serif", 19).into_font().style(FontStyle::Bold);

    // Legend lines, measured with a throwaway backend.
    let mut scratch = String::new();
    let measure = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
    let text_width = |text: &str| -> i32 {
        measure
            .estimate_text_size(text, &TextStyle::from(label_font.clone()))
            .map_or(8 * text.len() as i32, |(w, _)| w as i32)
    };
    let mut legend_lines: Vec<Vec<(i32, &Series)>> = vec![Vec::new()];
    let mut line_width = 0;
    for s in &series {
        let w = text_width(&s.label) + 40;
        if line_width + w > WIDTH as i32 - 2 * MARGIN
            && !legend_lines.last().is_some_and(Vec::is_empty)
        {
            legend_lines.push(Vec::new());
            line_width = 0;
        }
        line_width += w;
        legend_lines.last_mut().expect("one line").push((w, s));
    }
    drop(measure);

    let header_h = 16 + 36 + 24 * subtitle.len() as i32 + 8 + 26 * legend_lines.len() as i32 + 10;
    let panel_h = 300;
    let height = header_h + 3 * panel_h + 2 * MARGIN;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.margin(MARGIN as u32, MARGIN as u32, MARGIN as u32, MARGIN as u32);
        let (header, body) = root.split_vertically(header_h);
        let mut y = 4;
        header.draw(&Text::new(SERIES_TITLE, (0, y), title_font.color(&INK)))?;
        y += 44;
        for line in &subtitle {
            header.draw(&Text::new(
                line.as_str(),
                (0, y),
                subtitle_font.color(&MUTED),
            ))?;
            y += 24;
        }
        y += 8;
        let centre = plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        );
        for line in &legend_lines {
            let mut x = 0;
            for (w, s) in line {
                header.draw(&Rectangle::new(
                    [(x, y + 2), (x + 16, y + 16)],
                    s.colour.filled(),
                ))?;
                header.draw(&Text::new(
                    s.label.as_str(),
                    (x + 22, y + 9),
                    label_font.color(&INK).pos(centre),
                ))?;
                x += w;
            }
            y += 26;
        }
        let areas = body.split_evenly((3, 2));
        for (area, (metric, _)) in areas.iter().zip(HEADLINE_METRICS) {
            panel(area, metric, &series, &periods, &caption_font, &label_font)?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// One metric over time: a line and band per series.
fn panel(
    area: &Area,
    metric: &str,
    series: &[Series],
    periods: &[&str],
    caption_font: &FontDesc,
    label_font: &FontDesc,
) -> Result<(), Box<dyn Error>> {
    let (mut lo, mut hi) = value_span(
        series
            .iter()
            .flat_map(|s| s.points.values())
            .filter_map(|o| o.metrics.get(metric)),
        metric,
    );
    if hi - lo < 1e-9 {
        (lo, hi) = (lo - 0.5, hi + 0.5);
    }
    let pad = 0.06 * (hi - lo);
    let (lo, hi) = (lo - pad, hi + pad);
    let n = periods.len();
    // At most about 12 labels along the axis.
    let every = n.div_ceil(12).max(1);
    let x_keys: Vec<f64> = (0..n).step_by(every).map(|i| i as f64).collect();
    let mut chart = ChartBuilder::on(area)
        .caption(metric, caption_font.color(&INK))
        .margin(10)
        .x_label_area_size(50)
        .y_label_area_size(56)
        .build_cartesian_2d(Keyed::new(-0.5, n as f64 - 0.5, x_keys), lo..hi)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x: &f64| {
            periods
                .get(x.round().max(0.0) as usize)
                .map(|p| p.to_string())
                .unwrap_or_default()
        })
        .y_labels(5)
        .y_label_formatter(&tick_format(hi - lo))
        .y_desc(describe(metric))
        .label_style(label_font.color(&INK))
        .axis_desc_style(label_font.color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .draw()?;
    for s in series {
        // Runs of consecutive periods with a value: a line and a band each.
        let mut runs: Vec<Vec<Point>> = Vec::new();
        let mut last: Option<usize> = None;
        for (&i, o) in &s.points {
            let Some(m) = o.metrics.get(metric) else {
                continue;
            };
            let Some(v) = m.value.filter(|v| v.is_finite()) else {
                last = None;
                continue;
            };
            if last != Some(i.wrapping_sub(1)) || runs.is_empty() {
                runs.push(Vec::new());
            }
            let band = m.ci_low.zip(m.ci_high);
            runs.last_mut().expect("a run").push((i as f64, v, band));
            last = Some(i);
        }
        for run in &runs {
            // The band over the run's stretches that have intervals.
            let banded: Vec<&Point> = run.iter().filter(|p| p.2.is_some()).collect();
            if banded.len() >= 2 {
                let mut outline: Vec<(f64, f64)> = banded
                    .iter()
                    .filter_map(|p| p.2.map(|(_, h)| (p.0, h)))
                    .collect();
                outline.extend(
                    banded
                        .iter()
                        .rev()
                        .filter_map(|p| p.2.map(|(l, _)| (p.0, l))),
                );
                chart.draw_series(std::iter::once(Polygon::new(
                    outline,
                    s.colour.mix(0.15).filled(),
                )))?;
            }
            for p in run {
                if let Some((l, h)) = p.2 {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(p.0, l), (p.0, h)],
                        s.colour.mix(0.5).stroke_width(1),
                    )))?;
                }
            }
            chart.draw_series(std::iter::once(PathElement::new(
                run.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(),
                s.colour.stroke_width(2),
            )))?;
            chart.draw_series(
                run.iter()
                    .map(|p| Circle::new((p.0, p.1), 3, s.colour.filled())),
            )?;
        }
    }
    Ok(())
}
