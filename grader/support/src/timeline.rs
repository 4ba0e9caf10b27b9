//! The timeline picture: one row per actor, one bar per span, over virtual time.
//!
//! ```text
//!             0s        1s        2s        3s
//! GET /a      ██████████
//! GET /b                ██████████
//! GET /c                          ██████████
//! ```
//!
//! It is plain text (no colour needed) and fits in 80 columns.

use std::time::Duration;

use crate::trace::{Kind, Trace};

/// The widest the picture may get, labels included: messages indent it by up to 6
/// columns, and the whole must fit in 80.
const WIDTH: usize = 72;
/// The longest actor label before it is shortened.
const MAX_LABEL: usize = 18;

/// Draws `trace` as a timeline. `end` stretches the axis to at least that instant
/// (use the run's elapsed time, so idle time at the end shows).
///
/// ```
/// use std::time::Duration;
/// use workbook::trace::{Event, Kind, Trace};
///
/// let trace = Trace::from(vec![
///     Event::new(Duration::ZERO, "GET /a", Kind::Begin, "request sent"),
///     Event::new(Duration::from_secs(1), "GET /a", Kind::End, "200 OK"),
/// ]);
/// let picture = workbook::timeline(&trace, Duration::from_secs(1));
/// assert!(picture.contains("GET /a"));
/// assert!(picture.contains('█'));
/// ```
pub fn timeline(trace: &Trace, end: Duration) -> String {
    draw(trace, end, &[], 0)
}

/// Two timelines on one scale, to be read one above the other: the same time per
/// column, the rows in the same order (`theirs` follows `ours`, actors only it has come
/// last), and the bars starting in the same column. Returns (ours, theirs).
pub(crate) fn pair(ours: &Trace, theirs: &Trace, end: Duration) -> (String, String) {
    let mut order: Vec<String> = Vec::new();
    for e in ours.events().iter().chain(theirs.events()) {
        if !order.contains(&e.actor) {
            order.push(e.actor.clone());
        }
    }
    let width = order.iter().map(|a| shorten(a).chars().count()).max().unwrap_or(0);
    (draw(ours, end, &order, width), draw(theirs, end, &order, width))
}

/// Draws `trace` up to `end`, its rows in `order` (actors not in it after, as they
/// first appear), labels at least `label_width` wide.
fn draw(trace: &Trace, end: Duration, order: &[String], label_width: usize) -> String {
    let mut rows = rows(trace);
    if rows.is_empty() {
        return "(nothing was recorded: no simulated service was called)\n".to_string();
    }
    rows.sort_by_key(|row| order.iter().position(|a| *a == row.actor).unwrap_or(order.len()));
    let last = trace.events().iter().map(|e| e.at).max().unwrap_or_default().max(end);
    let label_width = rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0).max(label_width);
    let columns = WIDTH.saturating_sub(label_width + 2).max(10);
    let (step, tick_every) = scale(last, columns);
    let slot = |at: Duration| -> usize { (at.as_nanos() / step.as_nanos().max(1)) as usize };

    let mut out = String::new();
    // The axis: a label every `tick_every` columns.
    let mut axis = String::new();
    let mut col = 0;
    while col <= slot(last) && col < columns {
        let label = format_tick(step * col as u32);
        if axis.chars().count() <= col {
            axis.push_str(&" ".repeat(col - axis.chars().count()));
            axis.push_str(&label);
        }
        col += tick_every;
    }
    out.push_str(&format!("{:label_width$}  {}\n", "", axis.trim_end()));

    for row in &rows {
        let mut cells: Vec<char> = Vec::new();
        let mut put = |at: usize, c: char| {
            if cells.len() <= at {
                cells.resize(at + 1, ' ');
            }
            // A bar never hides a cancellation or an instant.
            if cells[at] == ' ' || c != '█' {
                cells[at] = c;
            }
        };
        for mark in &row.marks {
            match *mark {
                Mark::Bar { from, to, dropped } => {
                    let (a, b) = (slot(from), slot(to));
                    for i in a..b.max(a + 1) {
                        put(i, '█');
                    }
                    if dropped {
                        put(b, '✗');
                    }
                }
                Mark::Instant(at) => put(slot(at), '•'),
            }
        }
        let bar: String = cells.into_iter().collect();
        out.push_str(&format!("{:label_width$}  {}\n", row.label, bar.trim_end()));
    }
    // Unindented, so that the legend fits in 80 columns inside an indented message.
    out.push_str(&format!("(virtual time, {} per column · █ in progress · ✗ dropped · • event)\n", format_step(step)));
    out
}

struct Row {
    actor: String,
    label: String,
    marks: Vec<Mark>,
}

enum Mark {
    Bar { from: Duration, to: Duration, dropped: bool },
    Instant(Duration),
}

fn rows(trace: &Trace) -> Vec<Row> {
    let mut rows: Vec<(String, Row, Vec<Duration>)> = Vec::new();
    for e in trace.events() {
        let i = match rows.iter().position(|(actor, _, _)| actor == &e.actor) {
            Some(i) => i,
            None => {
                rows.push((
                    e.actor.clone(),
                    Row { actor: e.actor.clone(), label: shorten(&e.actor), marks: Vec::new() },
                    Vec::new(),
                ));
                rows.len() - 1
            }
        };
        let (_, row, open) = &mut rows[i];
        match e.kind {
            Kind::Begin => open.push(e.at),
            Kind::End | Kind::Dropped => {
                let from = open.pop().unwrap_or(e.at);
                row.marks.push(Mark::Bar { from, to: e.at, dropped: e.kind == Kind::Dropped });
            }
            Kind::Note => row.marks.push(Mark::Instant(e.at)),
        }
    }
    rows.into_iter().map(|(_, row, _)| row).collect()
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(MAX_LABEL - 1).collect();
        s.push('…');
        s
    }
}

/// Picks a round duration per column so the whole run fits, and how many columns
/// apart the axis labels go.
fn scale(last: Duration, columns: usize) -> (Duration, usize) {
    const STEPS_MS: &[u64] = &[10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];
    let needed = last.as_millis() as u64 + 1;
    let step_ms = STEPS_MS
        .iter()
        .copied()
        .find(|&s| needed.div_ceil(s) < columns as u64)
        .unwrap_or(*STEPS_MS.last().expect("STEPS_MS is not empty"));
    let step = Duration::from_millis(step_ms);
    // A label on a whole number of seconds, at least 10 columns apart.
    let per_label = [10u64, 20, 40, 50, 100].into_iter().find(|&n| (n * step_ms) % 1000 == 0).unwrap_or(10) as usize;
    (step, per_label)
}

fn format_tick(at: Duration) -> String {
    if at.subsec_millis() == 0 { format!("{}s", at.as_secs()) } else { format!("{}s", at.as_secs_f64()) }
}

fn format_step(step: Duration) -> String {
    if step >= Duration::from_secs(1) { format!("{} s", step.as_secs()) } else { format!("{} ms", step.as_millis()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::Event;

    fn bar(actor: &str, from: u64, to: u64) -> [Event; 2] {
        [
            Event::new(Duration::from_secs(from), actor, Kind::Begin, "start"),
            Event::new(Duration::from_secs(to), actor, Kind::End, "done"),
        ]
    }

    #[test]
    fn a_pair_shares_rows_order_label_width_and_scale() {
        let ours = Trace::from([bar("b", 0, 1), bar("a", 1, 2)].concat());
        let theirs = Trace::from([bar("a", 0, 1), bar("b", 0, 1), bar("a long name", 0, 3)].concat());
        let (ours, theirs) = pair(&ours, &theirs, Duration::from_secs(3));
        let labels = |picture: &str| -> Vec<String> {
            picture.lines().skip(1).filter_map(|l| l.split("  ").next()).map(|l| l.trim().to_string()).collect()
        };
        assert_eq!(labels(&ours)[..2], ["b", "a"]);
        assert_eq!(labels(&theirs)[..3], ["b", "a", "a long name"]);
        // The axis line and the first bar start in the same column in both.
        assert_eq!(ours.lines().next(), theirs.lines().next());
        let start = |picture: &str| picture.lines().nth(1).unwrap().find('█');
        assert_eq!(start(&ours), start(&theirs));
    }
}
