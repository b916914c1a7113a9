//! The `--svg` chart: one SVG with two parts.
//!
//! 1. The headline metrics (`framescope::HEADLINE_METRICS`), one
//!    small panel per metric: per outlet, a dot at the outlet's mean over
//!    articles and a bar for its 95% bootstrap interval. Outlets are rows,
//!    in the same order (and colour) in every panel.
//! 2. A heat map of actor salience (`actor_salience.<ID>`): outlets by
//!    actors, darker cells for a larger share of sentences naming the actor.
//! 3. Who is credited with progress (`credited.<ID>.progress`, pooled):
//!    per outlet, a bar split by the actor whose sources say the progress
//!    claims the outlet reports, the rest grey (sources with no actor).
//!
//! At most [`MAX_OUTLETS`] outlets are drawn (those with the most
//! articles); the subtitle says so when outlets are left out. Groups below
//! `--min-articles` are not drawn. When articles are grouped by a period
//! of `published`, the chart is a time series instead ([`series`]). Undefined
//! values are skipped and marked "n/a". Text is laid out with plotters'
//! built-in width estimate (no font feature), so the SVG needs no system
//! fonts: the viewer renders it with its own sans-serif font.

use std::error::Error;

use framescope::HEADLINE_METRICS;
use framescope::Report;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod series;

/// At most this many outlets (those with the most articles) are drawn.
pub const MAX_OUTLETS: usize = 12;

/// The chart's title (the first text of the SVG).
pub const TITLE: &str = "How outlets compare: headline framing metrics";

/// Width of the SVG in pixels.
const WIDTH: u32 = 1280;
/// Outer margin.
const MARGIN: i32 = 20;
/// Height of one outlet row in the panels and the heat map.
const ROW: i32 = 28;
/// Outlet names longer than this are shortened.
const NAME_CHARS: usize = 30;
/// Vertical space between the rows of panels and before the heat map.
const GAP: i32 = 18;

/// Colours for up to 12 outlets (Tableau 10, then two darker tones):
/// distinguishable on white and for the common colour-vision deficiencies
/// when read together with the row labels.
const COLOURS: [RGBColor; MAX_OUTLETS] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(0, 0, 128),
    RGBColor(128, 64, 0),
];

/// Colours for actors in the credit panel (ColorBrewer Dark2), in lexicon
/// order; sources with no actor are grey.
const ACTOR_COLOURS: [RGBColor; 8] = [
    RGBColor(27, 158, 119),
    RGBColor(217, 95, 2),
    RGBColor(117, 112, 179),
    RGBColor(231, 41, 138),
    RGBColor(102, 166, 30),
    RGBColor(230, 171, 2),
    RGBColor(166, 118, 29),
    RGBColor(0, 0, 0),
];
const NO_ACTOR: RGBColor = RGBColor(200, 200, 200);

const INK: RGBColor = RGBColor(34, 34, 34);
const MUTED: RGBColor = RGBColor(100, 100, 100);
const GRID: RGBColor = RGBColor(225, 225, 225);

/// What each headline metric measures, for the panel's axis label.
fn describe(metric: &str) -> &'static str {
    match metric {
        "hedge_per_1k" => "hedges per 1,000 tokens (asserted)",
        "booster_per_1k" => "boosters per 1,000 tokens (asserted)",
        "uncertain_share" => "share of sentences with a hedge",
        "certainty" => "(boosters − hedges) / (boosters + hedges + 1)",
        "breakthrough_share" => "breakthrough / (breakthrough + progress)",
        "outcome_balance" => "(positive − negative) / (positive + negative)",
        _ => "value",
    }
}

/// The smallest and largest of the values and interval ends of `values`
/// (0 to 1 when there are none), widened to zero where zero matters.
fn value_span<'a>(
    values: impl IntoIterator<Item = &'a framescope::MetricValue>,
    metric: &str,
) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for m in values {
        for v in [m.value, m.ci_low, m.ci_high].into_iter().flatten() {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if zero_matters(metric) {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    (lo, hi)
}

/// Rates start at zero; the balances are read against zero.
fn zero_matters(metric: &str) -> bool {
    metric.ends_with("_per_1k") || matches!(metric, "certainty" | "outcome_balance")
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(NAME_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// One outlet as drawn.
struct Row<'a> {
    label: String,
    colour: RGBColor,
    outlet: &'a framescope::OutletReport,
}

/// A linear axis whose ticks sit exactly at `keys` (rows, columns), with
/// labels supplied by the caller's formatter.
struct Keyed {
    lo: f64,
    hi: f64,
    keys: Vec<f64>,
}

impl Keyed {
    fn new(lo: f64, hi: f64, keys: Vec<f64>) -> Self {
        Keyed { lo, hi, keys }
    }
}

impl Ranged for Keyed {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = (value - self.lo) / (self.hi - self.lo);
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// The chart for `report`, as an SVG document: a time series when its
/// groups have a period of `published` ([`series`]).
pub fn render(report: &Report) -> Result<String, Box<dyn Error>> {
    if let Some(period) = series::period_column(report) {
        return series::render_series(report, period);
    }
    // The outlets with the most articles, shown in the report's (name)
    // order; those below the minimum of articles are not drawn.
    let mut chosen: Vec<usize> = (0..report.outlets.len())
        .filter(|&o| !report.outlets[o].below_min_articles)
        .collect();
    chosen.sort_by(|&a, &b| {
        let (a, b) = (&report.outlets[a], &report.outlets[b]);
        b.articles.cmp(&a.articles).then(a.outlet.cmp(&b.outlet))
    });
    chosen.truncate(MAX_OUTLETS);
    chosen.sort_unstable();
    let rows: Vec<Row> = chosen
        .iter()
        .enumerate()
        .map(|(i, &o)| Row {
            label: shorten(&report.outlets[o].outlet),
            colour: COLOURS[i],
            outlet: &report.outlets[o],
        })
        .collect();
    let actors: Vec<&str> = report
        .lexicon
        .actors
        .iter()
        .map(String::as_str)
        .filter(|id| {
            rows.iter()
                .any(|r| r.outlet.metrics.contains_key(&salience(id)))
        })
        .collect();

    let mut subtitle = vec![format!(
        "{} articles analysed ({} rejected) from {} outlet{}. Dots: mean over articles; \
         bars: 95% bootstrap intervals ({} resamples of articles, seed {}).",
        report.input.analysed,
        report.input.rejected.len(),
        report.outlets.len(),
        if report.outlets.len() == 1 { "" } else { "s" },
        report.settings.resamples,
        report.settings.seed,
    )];
    let small = report
        .outlets
        .iter()
        .filter(|o| o.below_min_articles)
        .count();
    if rows.len() + small < report.outlets.len() {
        subtitle.push(format!(
            "Showing the {} outlets with the most articles (of {}); the table, JSON and CSV \
             reports list them all.",
            rows.len(),
            report.outlets.len()
        ));
    } else if small > 0 {
        subtitle.push(format!(
            "Not drawn: {small} outlet{} with fewer than {} articles (--min-articles); the \
             table, JSON and CSV reports list them.",
            if small == 1 { "" } else { "s" },
            report.settings.min_articles_to_compare
        ));
    }

    let title_font = ("sans-serif", 30).into_font().style(FontStyle::Bold);
    let subtitle_font = ("sans-serif", 17).into_font();
    let label_font = ("sans-serif", 16).into_font();
    let caption_font = ("sans-serif", 19).into_font().style(FontStyle::Bold);
    let section_font = ("sans-serif", 24).into_font().style(FontStyle::Bold);

    // Measure with a throwaway backend (the estimate needs no font).
    let mut scratch = String::new();
    let measure = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
    let text_width = |text: &str, font: &FontDesc| -> i32 {
        measure
            .estimate_text_size(text, &TextStyle::from(font.clone()))
            .map_or(8 * text.len() as i32, |(w, _)| w as i32)
    };
    let label_width = rows
        .iter()
        .map(|r| text_width(&r.label, &label_font))
        .max()
        .unwrap_or(40)
        + 14;
    // Legend: swatch + name, wrapped into lines.
    let legend_items: Vec<(i32, &Row)> = rows
        .iter()
        .map(|r| (text_width(&r.label, &label_font) + 40, r))
        .collect();
    let mut legend_lines: Vec<Vec<(i32, &Row)>> = vec![Vec::new()];
    // The legend names the groups by their fields when they are not
    // outlets.
    let legend_title = match &report.settings.group_by {
        Some(columns) => format!("{}:", columns.join(" / ")),
        None => "Outlets:".to_string(),
    };
    let mut line_width = text_width(&legend_title, &label_font) + 16;
    let legend_left = line_width;
    for item in legend_items {
        if line_width + item.0 > WIDTH as i32 - 2 * MARGIN
            && !legend_lines.last().is_some_and(Vec::is_empty)
        {
            legend_lines.push(Vec::new());
            line_width = legend_left;
        }
        line_width += item.0;
        legend_lines.last_mut().expect("one line").push(item);
    }
    drop(measure);

    if rows.is_empty() {
        return empty_chart("No articles were analysed: there is nothing to compare.");
    }
    let n = rows.len() as i32;
    let header_h = 16 + 36 + 24 * subtitle.len() as i32 + 8 + 26 * legend_lines.len() as i32 + 10;
    let panel_h = 36 + n * ROW + 50;
    let heat_h = 56 + n * ROW + 50;
    let credit = credited_category(report);
    let credit_h = if credit.is_some() {
        56 + n * ROW + 80
    } else {
        0
    };
    let height = header_h + 2 * panel_h + 2 * GAP + heat_h + GAP + credit_h + 2 * MARGIN;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.margin(MARGIN as u32, MARGIN as u32, MARGIN as u32, MARGIN as u32);
        let (header, body) = root.split_vertically(header_h);
        let (panels, rest) = body.split_vertically(2 * panel_h + 2 * GAP);
        let (heat, credits) = rest.split_vertically(heat_h + GAP);

        // Header: title, subtitle, legend.
        let mut y = 4;
        header.draw(&Text::new(TITLE, (0, y), title_font.color(&INK)))?;
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
        for (i, line) in legend_lines.iter().enumerate() {
            let centre = Pos::new(HPos::Left, VPos::Center);
            if i == 0 {
                header.draw(&Text::new(
                    legend_title.as_str(),
                    (0, y + 9),
                    label_font.color(&INK).pos(centre),
                ))?;
            }
            let mut x = legend_left;
            for (w, row) in line {
                header.draw(&Rectangle::new(
                    [(x, y + 2), (x + 16, y + 16)],
                    row.colour.filled(),
                ))?;
                header.draw(&Text::new(
                    row.label.as_str(),
                    (x + 22, y + 9),
                    label_font.color(&INK).pos(centre),
                ))?;
                x += w;
            }
            y += 26;
        }

        // Panels: two rows of three; outlet names once per row, on the left.
        let panel_w = (WIDTH as i32 - 2 * MARGIN - label_width - 2 * 10) / 3;
        let x1 = label_width + panel_w;
        let x2 = x1 + 10 + panel_w;
        let (top, bottom) = panels.split_vertically(panel_h + GAP);
        for (r, half) in [top, bottom].into_iter().enumerate() {
            let cells = half.split_by_breakpoints([x1, x2], [] as [i32; 0]);
            for (c, area) in cells.iter().enumerate() {
                let (metric, _) = HEADLINE_METRICS[r * 3 + c];
                let label_area = if c == 0 { label_width } else { 10 };
                panel(area, metric, &rows, label_area, &caption_font, &label_font)?;
            }
        }

        if actors.is_empty() {
            heat.draw(&Text::new(
                "Actor salience: the lexicon defines no actors.",
                (0, 10),
                section_font.color(&INK),
            ))?;
        } else {
            heat_map(
                &heat,
                &actors,
                &rows,
                label_width,
                &section_font,
                &label_font,
            )?;
        }
        if let Some(category) = &credit {
            credit_panel(
                &credits,
                &report.lexicon.actors,
                category,
                &rows,
                label_width,
                &section_font,
                &label_font,
            )?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// The outcome category whose credit is drawn: `progress` if the report
/// has `credited.*.progress`, else the first credited category.
fn credited_category(report: &Report) -> Option<String> {
    let categories: Vec<&str> = report
        .outlets
        .iter()
        .flat_map(|o| o.metrics.keys())
        .filter_map(|k| k.strip_prefix("credited."))
        .filter_map(|k| k.split_once('.').map(|(_, c)| c))
        .collect();
    categories
        .iter()
        .find(|c| **c == "progress")
        .or(categories.first())
        .map(|c| c.to_string())
}

/// Who is credited with progress: per outlet, the pooled shares of its
/// attributed `category` claims by the actor of their source, as one
/// stacked bar from 0 to 1, with the number of claims on the right.
fn credit_panel(
    area: &Area,
    actors: &[String],
    category: &str,
    rows: &[Row],
    label_width: i32,
    section_font: &FontDesc,
    label_font: &FontDesc,
) -> Result<(), Box<dyn Error>> {
    let n = rows.len();
    let (w, _) = area.dim_in_pixel();
    let (plot, side) = area.split_horizontally((w as i32 - 170).max(label_width + 100));
    let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let y_keys: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            format!("Who is credited with {category}: the sources of the {category} claims each outlet reports"),
            section_font.color(&INK),
        )
        .margin_right(12)
        .margin_top(8)
        .x_label_area_size(46)
        .y_label_area_size(label_width as u32)
        .build_cartesian_2d(0.0..1.0, Keyed::new(-0.5, n as f64 - 0.5, y_keys))?;
    chart
        .configure_mesh()
        .x_labels(6)
        .x_label_formatter(&tick_format(1.0))
        .y_label_formatter(&|y: &f64| {
            let i = n as f64 - 1.0 - y.round();
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .x_desc(format!(
            "share of the asserted {category} cues in attributed content (pooled), by the source's actor"
        ))
        .label_style(label_font.color(&INK))
        .axis_desc_style(label_font.color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .draw()?;
    for (i, row) in rows.iter().enumerate() {
        let y = row_y(i, n);
        let claims = row
            .outlet
            .counts
            .categories
            .get(category)
            .map_or(0, |c| c.attributed_asserted);
        let mut x = 0.0;
        if claims > 0 {
            for (a, actor) in actors.iter().enumerate() {
                let share = row
                    .outlet
                    .metrics
                    .get(&format!("credited.{actor}.{category}"))
                    .and_then(|m| m.pooled)
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0);
                if share > 0.0 {
                    let colour = ACTOR_COLOURS[a % ACTOR_COLOURS.len()];
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x, y - 0.36), (x + share, y + 0.36)],
                        colour.filled(),
                    )))?;
                    x += share;
                }
            }
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x.min(1.0), y - 0.36), (1.0, y + 0.36)],
                NO_ACTOR.filled(),
            )))?;
        }
        let note = if claims == 0 {
            "no attributed claims".to_string()
        } else {
            format!("n = {claims}")
        };
        chart.draw_series(std::iter::once(Text::new(
            note,
            (if claims == 0 { 0.01 } else { 1.01 }, y),
            label_font
                .color(&MUTED)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )))?;
    }
    // Legend: one swatch per actor, then "no actor".
    let centre = Pos::new(HPos::Left, VPos::Center);
    let mut y = 70;
    let entries = actors
        .iter()
        .enumerate()
        .map(|(a, id)| (id.as_str(), ACTOR_COLOURS[a % ACTOR_COLOURS.len()]))
        .chain(std::iter::once(("no actor", NO_ACTOR)));
    for (label, colour) in entries {
        side.draw(&Rectangle::new([(50, y - 8), (66, y + 8)], colour.filled()))?;
        side.draw(&Text::new(
            label,
            (74, y),
            label_font.color(&INK).pos(centre),
        ))?;
        y += 24;
    }
    Ok(())
}

/// The title and a note, when there is no outlet to draw.
fn empty_chart(note: &str) -> Result<String, Box<dyn Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 120)).into_drawing_area();
        root.fill(&WHITE)?;
        let title_font = ("sans-serif", 30).into_font().style(FontStyle::Bold);
        let note_font = ("sans-serif", 17).into_font();
        root.draw(&Text::new(
            TITLE,
            (MARGIN, MARGIN + 4),
            title_font.color(&INK),
        ))?;
        root.draw(&Text::new(
            note,
            (MARGIN, MARGIN + 52),
            note_font.color(&MUTED),
        ))?;
        root.present()?;
    }
    Ok(svg)
}

fn salience(actor: &str) -> String {
    format!("actor_salience.{actor}")
}

/// Outlet `i` of `n` sits at y = n - 1 - i (the first outlet on top).
fn row_y(i: usize, n: usize) -> f64 {
    (n - 1 - i) as f64
}

fn tick_format(span: f64) -> impl Fn(&f64) -> String {
    let decimals = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    };
    move |v: &f64| {
        let v = if v.abs() < 1e-12 { 0.0 } else { *v };
        format!("{v:.decimals$}")
    }
}

/// One headline metric: a dot and interval per outlet.
fn panel(
    area: &Area,
    metric: &str,
    rows: &[Row],
    label_area: i32,
    caption_font: &FontDesc,
    label_font: &FontDesc,
) -> Result<(), Box<dyn Error>> {
    let n = rows.len();
    let values: Vec<_> = rows.iter().map(|r| r.outlet.metrics.get(metric)).collect();
    let (mut lo, mut hi) = value_span(values.iter().flatten().copied(), metric);
    if hi - lo < 1e-9 {
        (lo, hi) = if metric.ends_with("_share") {
            (0.0, 1.0)
        } else {
            (lo - 0.5, hi + 0.5)
        };
    }
    let pad = 0.06 * (hi - lo);
    let (lo, hi) = (lo - pad, hi + pad);

    let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let y_keys: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let mut chart = ChartBuilder::on(area)
        .caption(metric, caption_font.color(&INK))
        .margin_right(12)
        .margin_top(4)
        .margin_bottom(GAP as u32)
        .x_label_area_size(46)
        .y_label_area_size(label_area as u32)
        .build_cartesian_2d(lo..hi, Keyed::new(-0.6, n as f64 - 0.4, y_keys))?;
    let show_names = label_area > 20;
    chart
        .configure_mesh()
        .x_labels(5)
        .x_label_formatter(&tick_format(hi - lo))
        .y_label_formatter(&|y: &f64| {
            if !show_names {
                return String::new();
            }
            let i = n as f64 - 1.0 - y.round();
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .x_desc(describe(metric))
        .label_style(label_font.color(&INK))
        .axis_desc_style(label_font.color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .draw()?;
    if lo < 0.0 && hi > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.6), (0.0, n as f64 - 0.4)],
            MUTED.stroke_width(1),
        )))?;
    }
    for (i, (row, m)) in rows.iter().zip(&values).enumerate() {
        let y = row_y(i, n);
        let value = m.and_then(|m| m.value).filter(|v| v.is_finite());
        let Some(v) = value else {
            chart.draw_series(std::iter::once(Text::new(
                "n/a",
                (hi - pad * 0.3, y),
                label_font
                    .color(&MUTED)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            )))?;
            continue;
        };
        if let Some((Some(a), Some(b))) = m.map(|m| (m.ci_low, m.ci_high)) {
            chart.draw_series(std::iter::once(ErrorBar::new_horizontal(
                y,
                a,
                v,
                b,
                row.colour.stroke_width(2),
                10,
            )))?;
        }
        chart.draw_series(std::iter::once(Circle::new((v, y), 5, row.colour.filled())))?;
    }
    Ok(())
}

/// Actor salience: outlets by actors, the mean share of sentences naming
/// the actor, printed in each cell.
fn heat_map(
    area: &Area,
    actors: &[&str],
    rows: &[Row],
    label_width: i32,
    section_font: &FontDesc,
    label_font: &FontDesc,
) -> Result<(), Box<dyn Error>> {
    let n = rows.len();
    let k = actors.len().max(1);
    let max = rows
        .iter()
        .flat_map(|r| actors.iter().map(move |a| (r, a)))
        .filter_map(|(r, a)| r.outlet.metrics.get(&salience(a)).and_then(|m| m.value))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let scale_max = if max > 0.0 { max } else { 1.0 };
    let (w, _) = area.dim_in_pixel();
    let cell_w = ((w as i32 - label_width - 260) / k as i32).min(150);
    let plot_w = label_width + cell_w * k as i32 + 12;
    let (left, right) = area.split_horizontally(plot_w);

    let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let ids: Vec<String> = actors.iter().map(|a| a.to_string()).collect();
    let x_keys: Vec<f64> = (0..k).map(|i| i as f64 + 0.5).collect();
    let y_keys: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let mut chart = ChartBuilder::on(&left)
        .caption(
            "Actor salience: share of each outlet's sentences that name the actor",
            section_font.color(&INK),
        )
        .margin_right(12)
        .margin_top(8)
        .x_label_area_size(46)
        .y_label_area_size(label_width as u32)
        .build_cartesian_2d(
            Keyed::new(0.0, k as f64, x_keys),
            Keyed::new(-0.5, n as f64 - 0.5, y_keys),
        )?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&|x: &f64| ids.get(x.floor() as usize).cloned().unwrap_or_default())
        .y_label_formatter(&|y: &f64| {
            let i = n as f64 - 1.0 - y.round();
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .x_desc("actor (mean over articles; darker = named in more sentences)")
        .label_style(label_font.color(&INK))
        .axis_desc_style(label_font.color(&MUTED))
        .draw()?;
    for (i, row) in rows.iter().enumerate() {
        let y = row_y(i, n);
        for (j, actor) in actors.iter().enumerate() {
            let x = j as f64;
            let value = row
                .outlet
                .metrics
                .get(&salience(actor))
                .and_then(|m| m.value)
                .filter(|v| v.is_finite());
            let (fill, text, ink) = match value {
                Some(v) => {
                    let t = (v / scale_max).clamp(0.0, 1.0);
                    (
                        shade(t),
                        format!("{v:.2}"),
                        if t > 0.55 { WHITE } else { INK },
                    )
                }
                None => (RGBColor(240, 240, 240), "n/a".to_string(), MUTED),
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.02, y - 0.46), (x + 0.98, y + 0.46)],
                fill.filled(),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                text,
                (x + 0.5, y),
                label_font
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            )))?;
        }
    }

    // Colour scale, right of the map.
    let (_, h) = right.dim_in_pixel();
    let top = 70;
    let bottom = (h as i32 - 70).max(top + 40);
    let steps = 40;
    for s in 0..steps {
        let t0 = s as f64 / steps as f64;
        let y0 = bottom - ((bottom - top) as f64 * (s + 1) as f64 / steps as f64) as i32;
        let y1 = bottom - ((bottom - top) as f64 * s as f64 / steps as f64) as i32;
        right.draw(&Rectangle::new(
            [(20, y0), (44, y1)],
            shade(t0 + 0.5 / steps as f64).filled(),
        ))?;
    }
    right.draw(&Rectangle::new([(20, top), (44, bottom)], MUTED))?;
    let left_centre = Pos::new(HPos::Left, VPos::Center);
    right.draw(&Text::new(
        format!("{scale_max:.2}"),
        (52, top),
        label_font.color(&INK).pos(left_centre),
    ))?;
    right.draw(&Text::new(
        "0.00",
        (52, bottom),
        label_font.color(&INK).pos(left_centre),
    ))?;
    right.draw(&Text::new(
        "share of",
        (20, top - 40),
        label_font
            .color(&MUTED)
            .pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    right.draw(&Text::new(
        "sentences",
        (20, top - 20),
        label_font
            .color(&MUTED)
            .pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    Ok(())
}

/// White (t = 0) to dark blue (t = 1).
fn shade(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(mix(247.0, 8.0), mix(251.0, 48.0), mix(255.0, 107.0))
}
