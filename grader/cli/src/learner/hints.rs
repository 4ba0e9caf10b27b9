//! Hints, one at a time: the one for the first failing check not seen yet, then the
//! unseen ones in order (`grader hint`, and `h` in watch).

use std::io::Write;

use anyhow::Result;

use super::Workbook;
use crate::config::Config;
use crate::exercise::Exercise;
use crate::exit::Outcome;
use crate::render::wrap;
use crate::style;

/// Shows the next hint (or all); `watching` says what to do next in `grader watch`'s
/// words (a key), not as a command to run.
pub fn show(config: &Config, query: Option<&str>, all: bool, watching: bool, out: &mut dyn Write) -> Result<Outcome> {
    let mut workbook = Workbook::load(config)?;
    let exercise = workbook.pick(query)?.clone();
    let hints = &exercise.meta.hints;
    if hints.is_empty() {
        writeln!(out, "{} has no hints. Its chapter is {}.", exercise.name, exercise.chapter())?;
        return Ok(Outcome::Passed);
    }
    let record = workbook.store.exercise(&exercise.name);
    if all {
        for (i, hint) in hints.iter().enumerate() {
            write_hint(out, &exercise, i + 1, hint, None)?;
            record.saw(i + 1);
        }
    } else {
        let (number, failing) = pick(&exercise.meta.hint_for, hints.len(), record);
        write_hint(out, &exercise, number, &hints[number - 1], failing.as_deref())?;
        record.saw(number);
    }
    let left = (1..=hints.len()).filter(|&n| !record.seen(n)).count();
    workbook.store.save()?;
    if left > 0 && watching {
        writeln!(out, "Press h again for the next one.")?;
    } else if left > 0 {
        writeln!(out, "Run {} again for the next one.", style::invoke(&format!("hint {:02}", exercise.number)))?;
    } else {
        writeln!(out, "That was the last hint. The chapter {} explains the topic in depth.", exercise.chapter())?;
    }
    Ok(Outcome::Passed)
}

/// The hint to give: the one `hint_for` names for the first check of the latest run
/// that failed, if it is still unseen (with that check's name); else the first unseen
/// hint in order; else that check's hint again, else the last one. Only the first
/// failing check counts: a stub fails them all, and its hints then come in order.
fn pick(
    hint_for: &std::collections::BTreeMap<String, usize>,
    count: usize,
    record: &crate::progress::ExerciseProgress,
) -> (usize, Option<String>) {
    let first = record.last_failing.first().and_then(|check| Some((check, *hint_for.get(check)?)));
    if let Some((check, number)) = first.filter(|(_, n)| !record.seen(*n)) {
        return (number, Some(check.to_string()));
    }
    if let Some(number) = (1..=count).find(|&n| !record.seen(n)) {
        return (number, None);
    }
    first.map_or((count, None), |(check, number)| (number, Some(check.to_string())))
}

/// One hint, with its heading: for which failing check, when it was picked for one.
fn write_hint(
    out: &mut dyn Write,
    exercise: &Exercise,
    number: usize,
    hint: &str,
    failing: Option<&str>,
) -> Result<()> {
    let count = exercise.meta.hints.len();
    let heading = match failing {
        Some("compile-error") => format!("Hint {number} of {count} for {}, for the compiler error:", exercise.name),
        Some(check) => format!("Hint {number} of {count} for {}, for the failing check `{check}`:", exercise.name),
        None => format!("Hint {number} of {count} for {}:", exercise.name),
    };
    writeln!(out, "{}", style::hint(&heading))?;
    writeln!(out, "{}", wrap(hint, 80, "  "))?;
    writeln!(out)?;
    Ok(())
}
