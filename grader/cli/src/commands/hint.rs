//! `grader hint`: the next hint on each call, or all of them.

use std::io::Write;

use anyhow::Result;

use crate::commands::Workbook;
use crate::config::Config;
use crate::exit::Outcome;
use crate::render::wrap;
use crate::style;

pub fn run(config: &Config, query: Option<&str>, all: bool, out: &mut dyn Write) -> Result<Outcome> {
    show(config, query, all, false, out)
}

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
    let shown = if all { hints.len() } else { (record.hints_shown + 1).min(hints.len()) };
    let first = if all { 0 } else { shown - 1 };
    for (i, hint) in hints.iter().enumerate().take(shown).skip(first) {
        writeln!(out, "{}", style::hint(&format!("Hint {} of {} for {}:", i + 1, hints.len(), exercise.name)))?;
        writeln!(out, "{}", wrap(hint, 80, "  "))?;
        writeln!(out)?;
    }
    record.hints_shown = record.hints_shown.max(shown);
    workbook.store.save()?;
    if shown < hints.len() && watching {
        writeln!(out, "Press h again for the next one.")?;
    } else if shown < hints.len() {
        writeln!(out, "Run {} again for the next one.", style::invoke(&format!("hint {:02}", exercise.number)))?;
    } else {
        writeln!(out, "That was the last hint. The chapter {} explains the topic in depth.", exercise.chapter())?;
    }
    Ok(Outcome::Passed)
}
