//! Assertions whose failure messages are lessons: what happened (times, order, the
//! timeline), why that is not the async way, and what to use instead.

use grader_protocol::FailKind;
use std::fmt::Write as _;
use std::time::Duration;

use crate::run::{REAL_BUDGET, Run, VIRTUAL_DEADLINE};
use crate::time::{format_real, format_secs};
use crate::timeline::timeline;
use crate::trace::{Kind, Trace};

/// Fails the current check with `message`, a lesson for the learner. Use it for
/// checks the ready-made assertions don't cover.
///
/// ```should_panic
/// workbook::fail("The bell never rang: `ring_bell(..)` made a future but nothing awaited it.");
/// ```
#[track_caller]
pub fn fail(message: impl Into<String>) -> ! {
    fail_as(FailKind::Lesson, message.into())
}

#[track_caller]
pub(crate) fn fail_as(kind: FailKind, message: String) -> ! {
    crate::checking::mark_lesson(kind);
    std::panic::panic_any(message)
}

/// Fails the current check with `message` unless `condition` holds.
///
/// ```
/// workbook::ensure(1 + 1 == 2, "arithmetic broke");
/// ```
#[track_caller]
pub fn ensure(condition: bool, message: impl Into<String>) {
    if !condition {
        fail(message);
    }
}

pub(crate) fn deadlock(so_far: &Trace) -> ! {
    let check = crate::checking::current_check().unwrap_or_else(|| "this check".to_string());
    fail_as(
        FailKind::Deadlock,
        format!(
            "`{check}` never finished: after {} of virtual time it was still waiting, and nothing \
         was left that could wake it up.\n\
         That is a deadlock: something awaits an event that can no longer happen, e.g. a \
         JoinHandle of a task that waits for the caller, a channel whose sender is kept \
         alive but never used, or a lock that is never released.\n\n\
         What happened before everything stopped:\n{}",
            format_secs(VIRTUAL_DEADLINE),
            picture(so_far, so_far.events().iter().map(|e| e.at).max().unwrap_or_default()),
        ),
    )
}

/// The run's timeline for a message. When the reference solution's trace of the same
/// run is known (see [`crate::expected`]) and differs, both are drawn on one scale:
/// expected first, then yours.
fn picture_of<T>(run: &Run<T>) -> String {
    let expected = crate::checking::current_check().and_then(|check| crate::expected::load(&check, run.index));
    match expected {
        Some((expected, took)) if expected.table() != crate::expected::normal(&run.trace).table() => {
            match run.returned_at {
                // The check watched the run a while after the code returned: the pictures
                // show that time too, and the labels say when each returned.
                Some(returned) if run.virtual_elapsed > returned => {
                    let watched = run.virtual_elapsed.saturating_sub(returned);
                    let (yours, expected) = pictures(&run.trace, &expected, (took + watched).max(run.virtual_elapsed));
                    format!(
                        "  Expected (the reference solution returned at {}):\n{expected}  Yours (returned at {}):\n{yours}  \
                     (After each return the check waited {} more, to see what was still running;\n   \
                     the pictures show that time too.)\n",
                        format_secs(took),
                        format_secs(returned),
                        format_secs(watched),
                    )
                }
                _ => {
                    let (yours, expected) = pictures(&run.trace, &expected, took.max(run.virtual_elapsed));
                    format!(
                        "  Expected (the reference solution took {}):\n{expected}  Yours (took {}):\n{yours}",
                        format_secs(took),
                        format_secs(run.virtual_elapsed),
                    )
                }
            }
        }
        _ => picture(&run.trace, run.virtual_elapsed),
    }
}

/// The learner's timeline and the expected one, indented, drawn to be compared: one
/// scale, rows in the learner's order. Returns (yours, expected).
fn pictures(yours: &Trace, expected: &Trace, end: Duration) -> (String, String) {
    if yours.events().is_empty() || expected.events().is_empty() || end.is_zero() {
        return (picture(yours, end), picture(expected, end));
    }
    let (yours, expected) = crate::timeline::pair(yours, expected, end);
    (indent(&yours), indent(&expected))
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

/// The table and the timeline of a trace, indented, for messages. Where no virtual
/// time passed, bars would all sit in one column at 0 s: the events are listed instead.
pub(crate) fn picture(trace: &Trace, end: Duration) -> String {
    if trace.events().is_empty() {
        return "  (nothing was recorded: no simulated service was called)\n".to_string();
    }
    if end.is_zero() {
        return indent(&format!("(no virtual time passed; the events, in order:)\n{}", trace.table()));
    }
    indent(&timeline(trace, end))
}

impl<T> Run<T> {
    /// The timeline picture of this run.
    ///
    /// ```
    /// let run = workbook::run(async { workbook::trace::note("bell", "ring") });
    /// assert!(run.timeline().contains("bell"));
    /// ```
    pub fn timeline(&self) -> String {
        timeline(&self.trace, self.virtual_elapsed)
    }

    /// Whether the runtime's thread was blocked during the run: it spent more than
    /// [`REAL_BUDGET`] of real time running (time parked, waiting for `spawn_blocking`
    /// jobs, doesn't count), or the watchdog saw it stuck in one poll.
    ///
    /// ```
    /// let run = workbook::run(async { tokio::time::sleep(workbook::secs(5)).await });
    /// assert!(!run.blocked());
    /// ```
    pub fn blocked(&self) -> bool {
        self.busy > REAL_BUDGET || self.longest_stall.is_some()
    }

    /// Fails unless the run stayed within its real-time budget. The message names a
    /// blocked runtime and says what to use instead.
    ///
    /// ```
    /// let run = workbook::run(async { tokio::time::sleep(workbook::secs(5)).await });
    /// run.assert_not_blocked();
    /// ```
    #[track_caller]
    pub fn assert_not_blocked(&self) {
        if !self.blocked() {
            return;
        }
        let held = match self.longest_stall {
            Some(stall) => format!("stuck inside one poll for {} of real time", format_real(stall)),
            None => format!("busy for {} of real time", format_real(self.busy)),
        };
        fail_as(
            FailKind::Blocked,
            format!(
                "The runtime was blocked: its only thread was {held}, while a correct run keeps it \
             busy for well under a millisecond; {} of virtual time passed.\n\
             Something held the runtime's thread without reaching an `.await`, so no other task \
             could run and no timer could fire: typically `std::thread::sleep`, or a slow \
             synchronous call inside async code.\n\
             Use `tokio::time::sleep(..).await` to wait, and `tokio::task::spawn_blocking` for \
             blocking calls you can't avoid.\n\n{}",
                format_secs(self.virtual_elapsed),
                picture_of(self),
            ),
        );
    }

    /// Fails unless the run took exactly `expected` of virtual time and did not block
    /// the runtime. The message shows the timeline and says what it means.
    ///
    /// ```
    /// use workbook::{run, secs};
    ///
    /// let run = run(async { tokio::time::sleep(secs(1)).await });
    /// run.assert_elapsed(secs(1));
    /// ```
    #[track_caller]
    pub fn assert_elapsed(&self, expected: Duration) {
        self.assert_not_blocked();
        if self.virtual_elapsed == expected {
            return;
        }
        let mut message = format!(
            "Expected this to take exactly {} of virtual time; it took {}.\n",
            format_secs(expected),
            format_secs(self.virtual_elapsed)
        );
        let reference = crate::checking::current_check().and_then(|check| crate::expected::load(&check, self.index));
        message.push_str(&explain_timing(
            &self.trace,
            reference.as_ref().map(|(t, _)| t),
            expected,
            self.virtual_elapsed,
        ));
        message.push('\n');
        message.push_str(&picture_of(self));
        fail(message);
    }

    /// Fails with `message`, followed by this run's timeline.
    ///
    /// ```should_panic
    /// let run = workbook::run(async {});
    /// run.fail("the bell never rang");
    /// ```
    #[track_caller]
    pub fn fail(&self, message: impl std::fmt::Display) -> ! {
        fail(format!("{message}\n\n{}", picture_of(self)))
    }

    /// Fails with `message` and this run's own timeline, without the reference
    /// solution's: for a valid design other than the reference's, whose picture would
    /// contradict what the message says the design should take.
    ///
    /// ```should_panic
    /// let run = workbook::run(async { 3 });
    /// run.fail_on_its_own("a design of its own, judged on its own terms");
    /// ```
    #[track_caller]
    pub fn fail_on_its_own(&self, message: impl std::fmt::Display) -> ! {
        fail(format!("{message}\n\n{}", picture(&self.trace, self.virtual_elapsed)))
    }

    /// Fails with `message` and the timeline unless `condition` holds.
    ///
    /// ```
    /// let run = workbook::run(async { 3 });
    /// run.ensure(run.value == 3, "expected three");
    /// ```
    #[track_caller]
    pub fn ensure(&self, condition: bool, message: impl std::fmt::Display) {
        if !condition {
            self.fail(message);
        }
    }
}

/// A closed bar of the trace: who, from when, to when.
struct Bar<'a> {
    actor: &'a str,
    from: Duration,
    to: Duration,
}

fn bars(trace: &Trace) -> Vec<Bar<'_>> {
    let mut open: Vec<(&str, Duration)> = Vec::new();
    let mut bars = Vec::new();
    for e in trace.events() {
        match e.kind {
            Kind::Begin => open.push((&e.actor, e.at)),
            Kind::End | Kind::Dropped => {
                if let Some(i) = open.iter().rposition(|(a, _)| *a == e.actor) {
                    let (actor, from) = open.remove(i);
                    bars.push(Bar { actor, from, to: e.at });
                }
            }
            Kind::Note => {}
        }
    }
    bars
}

/// Whether any two bars overlap in time.
fn any_overlap(bars: &[Bar<'_>]) -> bool {
    bars.iter().enumerate().any(|(i, a)| bars[i + 1..].iter().any(|b| a.from < b.to && b.from < a.to))
}

/// Reads the trace for why a run took the wrong time, saying only what the trace shows,
/// compared with the reference solution's trace of the same run when it is known.
fn explain_timing(trace: &Trace, reference: Option<&Trace>, expected: Duration, actual: Duration) -> String {
    let reference_bars = reference.map(bars);
    let bars = bars(trace);
    let reference_overlaps = reference_bars.as_deref().map(any_overlap);
    let mut out = String::new();
    if actual > expected && bars.len() >= 2 && !any_overlap(&bars) && reference_overlaps != Some(false) {
        let _ = writeln!(
            out,
            "The {} calls ran one after another: each started only when the previous one had \
             finished, so their waits added up.",
            bars.len()
        );
        for bar in &bars {
            let _ = writeln!(out, "  {:<18} {} → {}", bar.actor, format_secs(bar.from), format_secs(bar.to));
        }
        let _ = writeln!(
            out,
            "Awaiting one future before creating the next runs them in sequence. Start them \
             together (`tokio::join!`, `futures::future::join_all`, or `tokio::spawn`) and \
             await them all, so the waits overlap."
        );
        return out;
    }
    let Some(reference) = reference_bars else {
        let _ = writeln!(
            out,
            "{} Compare the timeline below with what the task asks for.",
            if actual > expected {
                "Something waited longer than it had to: possibly work that could overlap but doesn't, or a \
                 wait for something that was not needed."
            } else {
                "It finished earlier than a correct solution. Possible causes: some work never happened or was \
                 not waited for (a future does nothing until awaited, and dropping it cancels it), or work that \
                 must wait for other work did not."
            }
        );
        return out;
    };
    // What the reference solution's run did that this one did differently, first in time.
    let missing: Vec<&Bar<'_>> = reference.iter().filter(|r| !bars.iter().any(|b| b.actor == r.actor)).collect();
    let extra: Vec<&Bar<'_>> = bars.iter().filter(|b| !reference.iter().any(|r| r.actor == b.actor)).collect();
    let moved: Vec<(&Bar<'_>, &Bar<'_>)> = bars
        .iter()
        .filter_map(|b| reference.iter().find(|r| r.actor == b.actor).map(|r| (b, r)))
        .filter(|(b, r)| b.from != r.from || b.to != r.to)
        .collect();
    let _ = writeln!(
        out,
        "It took {} instead of {}. Compared with the reference solution's run of the same check:",
        format_secs(actual),
        format_secs(expected)
    );
    for r in missing.iter().take(4) {
        let _ = writeln!(
            out,
            "  - `{}` ({} → {}) never happened in yours;",
            r.actor,
            format_secs(r.from),
            format_secs(r.to)
        );
    }
    for bar in extra.iter().take(4) {
        let _ = writeln!(
            out,
            "  - yours has `{}` ({} → {}), which the reference solution's run does not;",
            bar.actor,
            format_secs(bar.from),
            format_secs(bar.to)
        );
    }
    for (bar, r) in moved.iter().take(4) {
        let _ = writeln!(
            out,
            "  - `{}` ran {} → {} in yours, {} → {} in the reference solution's run;",
            bar.actor,
            format_secs(bar.from),
            format_secs(bar.to),
            format_secs(r.from),
            format_secs(r.to)
        );
    }
    if missing.is_empty() && extra.is_empty() && moved.is_empty() {
        let _ = writeln!(out, "  the same calls at the same times; the difference is in waits of your own code.");
    }
    if actual < expected && any_overlap(&bars) && reference_overlaps == Some(false) {
        let _ = writeln!(
            out,
            "In yours some calls overlap; in the reference solution's run each starts only after the previous \
             one has finished."
        );
    }
    out
}

/// Compares a trace with its stored insta snapshot. Called by [`crate::assert_trace!`].
///
/// Both sides are compared in their [normal](crate::expected::normal) order: events at
/// one instant by actor, each actor's own events in the order they happened. Which of
/// two independent events at one instant tokio handled first is not part of any lesson,
/// and correct programs differ on it.
#[doc(hidden)]
#[track_caller]
pub fn compare_trace(snapshot_file: &std::path::Path, actual: &Trace, elapsed: Duration) -> Option<String> {
    let stored = insta::Snapshot::from_file(snapshot_file).ok()?;
    let stored_text = stored.contents().as_text()?.to_string();
    let expected = crate::expected::normal(&Trace::parse_table(&stored_text));
    let yours = crate::expected::normal(actual);
    let expected_text = expected.table();
    let actual_text = yours.table();
    if expected_text.trim_end() == actual_text.trim_end() {
        return None;
    }
    let expected_end = expected.events().iter().map(|e| e.at).max().unwrap_or_default();
    let difference = first_difference(&expected, &yours);
    let mut message = String::from("The order of events is not what a correct solution produces.\n");
    let _ = writeln!(message, "{}\n", difference.words);
    let _ = writeln!(message, "Expected (the reference solution's trace):");
    for (i, line) in expected_text.lines().enumerate() {
        let marker = if difference.expected_rows.contains(&i) { "→" } else { " " };
        let _ = writeln!(message, "{marker} {line}");
    }
    let _ = writeln!(message, "\nYours:");
    for (i, line) in actual_text.lines().enumerate() {
        let marker = if i == difference.yours_row { "→" } else { " " };
        let _ = writeln!(message, "{marker} {line}");
    }
    if difference.yours_row >= actual_text.lines().count() {
        let _ = writeln!(message, "→ (your trace ends here)");
    }
    // One scale for both, so the bars can be compared column by column.
    let (yours, expected) = pictures(actual, &expected, expected_end.max(elapsed));
    let _ = writeln!(message, "\nExpected timeline:\n{expected}");
    let _ = write!(message, "Your timeline:\n{yours}");
    Some(message)
}

/// Where two traces (in normal order) first part, for the learner: in words, and the
/// rows to point at.
#[derive(Debug, PartialEq, Eq)]
struct Difference {
    words: String,
    /// The rows of the reference solution's trace that yours lacks at that instant.
    expected_rows: Vec<usize>,
    /// The row of yours to point at (its length: the point after its last row).
    yours_row: usize,
}

/// The first instant at which the two traces differ, and how: events the reference
/// solution's run has there and yours lacks (or has at another time), events yours has
/// there and it lacks, or one actor's events in another order. Events at one instant are
/// compared as a set per instant, so the arrow never lands on a row that matches.
fn first_difference(expected: &Trace, yours: &Trace) -> Difference {
    use crate::trace::Event;
    let same = |a: &Event, b: &Event| a.actor == b.actor && a.kind == b.kind && a.what == b.what;
    let show = |e: &Event| format!("`{} {} {}`", e.actor, e.kind.mark(), e.what);
    let (expected_events, your_events) = (expected.events(), yours.events());
    let mut instants: Vec<Duration> = expected_events.iter().chain(your_events).map(|e| e.at).collect();
    instants.sort_unstable();
    instants.dedup();
    let rows_at = |events: &[Event], at: Duration| -> Vec<usize> {
        events.iter().enumerate().filter(|(_, e)| e.at == at).map(|(i, _)| i).collect()
    };
    for at in instants {
        let (e_rows, y_rows) = (rows_at(expected_events, at), rows_at(your_events, at));
        let equal = e_rows.len() == y_rows.len()
            && e_rows.iter().zip(&y_rows).all(|(&e, &y)| same(&expected_events[e], &your_events[y]));
        if equal {
            continue;
        }
        // Matched one for one, so a repeated event counts as often as it happens.
        let mut unmatched: Vec<usize> = y_rows.clone();
        let mut missing = Vec::new();
        for &e in &e_rows {
            match unmatched.iter().position(|&y| same(&your_events[y], &expected_events[e])) {
                Some(found) => {
                    unmatched.remove(found);
                }
                None => missing.push(e),
            }
        }
        let after = y_rows.last().map_or_else(|| your_events.iter().take_while(|e| e.at < at).count(), |l| l + 1);
        if !missing.is_empty() {
            let elsewhere: Vec<String> = missing
                .iter()
                .map(|&e| {
                    let event = &expected_events[e];
                    match your_events.iter().find(|x| same(x, event) && x.at != at) {
                        Some(x) => format!("at {}", format_secs(x.at)),
                        None => "never".to_string(),
                    }
                })
                .collect();
            let events: Vec<String> = missing.iter().map(|&e| show(&expected_events[e])).collect();
            let yours_has = match elsewhere.as_slice() {
                [never] if never == "never" => "yours never has it".to_string(),
                [one] => format!("yours has it {one} instead"),
                many => format!("yours has them {}, in that order", join_and(many)),
            };
            let words = format!(
                "The first difference: at {} the reference solution's run has {}; {yours_has}.",
                format_secs(at),
                join_and(&events),
            );
            // Yours' first extra row at that instant, else the row after its events there
            // (where the missing ones would have been).
            let yours_row = unmatched.first().copied().unwrap_or(after);
            return Difference { words, expected_rows: missing, yours_row };
        }
        if let Some(&extra) = unmatched.first() {
            let event = &your_events[extra];
            let words = match expected_events.iter().find(|x| same(x, event)) {
                Some(x) => format!(
                    "The first difference: at {} yours has {}; the reference solution's run has it at {}.",
                    format_secs(at),
                    show(event),
                    format_secs(x.at)
                ),
                None => format!(
                    "The first difference: at {} yours has {}, which the reference solution's run never has.",
                    format_secs(at),
                    show(event)
                ),
            };
            return Difference { words, expected_rows: Vec::new(), yours_row: extra };
        }
        // The same events, but an actor's in another order.
        let (row, e) = e_rows
            .iter()
            .zip(&y_rows)
            .find(|&(&e, &y)| !same(&expected_events[e], &your_events[y]))
            .map_or((after, e_rows[0]), |(&e, &y)| (y, e));
        let words = format!(
            "The first difference: at {}, `{}`'s events come in another order than in the reference solution's run.",
            format_secs(at),
            expected_events[e].actor
        );
        return Difference { words, expected_rows: vec![e], yours_row: row };
    }
    Difference {
        words: "The traces differ in their number of events.".to_string(),
        expected_rows: Vec::new(),
        yours_row: your_events.len(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::first_difference;
    use crate::trace::Trace;

    #[test]
    fn the_arrow_lands_on_a_row_that_differs_not_on_one_that_matches() {
        // Three reads that should start together; yours starts them one after another.
        let expected = crate::expected::normal(&Trace::parse_table(
            "  0.000s  read anemometer   ▶ start reading\n  0.000s  read barometer    ▶ start reading\n  \
             0.000s  read thermometer  ▶ start reading\n  1.000s  read thermometer  ■ reading ready\n",
        ));
        let yours = crate::expected::normal(&Trace::parse_table(
            "  0.000s  read thermometer  ▶ start reading\n  1.000s  read barometer    ▶ start reading\n  \
             1.000s  read thermometer  ■ reading ready\n  3.000s  read anemometer   ▶ start reading\n",
        ));
        let difference = first_difference(&expected, &yours);
        // Yours' first row (the thermometer starting at 0 s) is right; the second is not.
        assert_eq!(difference.yours_row, 1, "{difference:?}");
        assert_eq!(difference.expected_rows, vec![0, 1], "{difference:?}");
        assert_eq!(
            difference.words,
            "The first difference: at 0.000s the reference solution's run has `read anemometer ▶ start \
             reading` and `read barometer ▶ start reading`; yours has them at 3.000s and at 1.000s, in that order."
        );
    }

    #[test]
    fn an_extra_event_is_pointed_at_and_the_same_events_in_another_order_are_named() {
        let expected = Trace::parse_table("  0.000s  bell  • ring\n  0.000s  bell  • stop\n");
        let extra = Trace::parse_table("  0.000s  bell  • ring\n  0.000s  bell  • stop\n  0.000s  door  • open\n");
        let difference = first_difference(&expected, &extra);
        assert_eq!(difference.yours_row, 2);
        assert!(difference.words.contains("yours has `door • open`, which the reference"), "{}", difference.words);
        let swapped = Trace::parse_table("  0.000s  bell  • stop\n  0.000s  bell  • ring\n");
        let difference = first_difference(&expected, &swapped);
        assert_eq!(difference.yours_row, 0);
        assert!(difference.words.contains("`bell`'s events come in another order"), "{}", difference.words);
    }
}
