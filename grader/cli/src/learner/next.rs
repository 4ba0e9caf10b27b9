//! Moving on: to the first exercise after the current one that has not passed, then
//! round to the first (`grader next`, `n` in watch, and after a pass in watch).

use std::io::Write;

use anyhow::Result;

use super::Workbook;
use crate::config::Config;
use crate::exit::Outcome;
use crate::style;

/// Moves on from the current exercise and says what to do there; `watching` says it
/// for `grader watch`, which checks the new exercise on every save by itself.
pub fn advance(config: &Config, out: &mut dyn Write, watching: bool) -> Result<Outcome> {
    let mut workbook = Workbook::load(config)?;
    let current = workbook.store.current(&workbook.exercises).clone();
    let Some(next) = workbook.store.next_unpassed(&workbook.exercises, &current).cloned() else {
        writeln!(out, "{} Every exercise has passed.", style::pass("All done!"))?;
        writeln!(out, "  {} checks them all again.", style::invoke("check --all"))?;
        return Ok(Outcome::Passed);
    };
    if next.name == current.name {
        writeln!(out, "{} is the only exercise left to pass: you are on it.", current.name)?;
        return Ok(Outcome::Passed);
    }
    if !workbook.store.passed(&current.name) {
        writeln!(
            out,
            "{} {} has not passed yet; moving on anyway. Come back with {}.",
            style::warn("Note:"),
            current.name,
            style::invoke(&format!("check {:02}", current.number))
        )?;
    }
    let (low, high) = if next.number > current.number { (&current, &next) } else { (&next, &current) };
    let skipped: Vec<&str> = workbook
        .exercises
        .iter()
        .filter(|e| (e.number, &e.name) > (low.number, &low.name) && (e.number, &e.name) < (high.number, &high.name))
        .map(|e| e.name.as_str())
        .collect();
    if next.number < current.number {
        writeln!(out, "Nothing after {} is left to pass; going back to the first exercise that is.", current.name)?;
    } else if !skipped.is_empty() {
        writeln!(out, "Skipping {}: passed already.", skipped.join(", "))?;
    }
    workbook.store.progress.current = Some(next.name.clone());
    workbook.store.save()?;
    writeln!(out, "Now on {} {}", style::heading(&next.name), style::dim(&format!("· {}", next.meta.title)))?;
    writeln!(out, "  Read exercises/{}/README.md, edit {},", next.name, next.display_files())?;
    if watching {
        writeln!(out, "  and save: it is checked every time you do.")?;
    } else {
        writeln!(out, "  then run {}.", style::invoke(&format!("check {:02}", next.number)))?;
    }
    Ok(Outcome::Passed)
}
