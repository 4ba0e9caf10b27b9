//! The exercises in order, with their status (`grader list`, `l` in watch).

use std::io::Write;

use anyhow::{Context as _, Result};
use serde::Serialize;

use super::Workbook;
use crate::cli::Format;
use crate::config::Config;
use crate::exit::Outcome;
use crate::style;

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    number: u32,
    title: &'a str,
    status: &'static str,
    current: bool,
}

/// The exercises in order with their status, as text or JSON.
pub fn show(config: &Config, format: Format, out: &mut dyn Write) -> Result<Outcome> {
    let workbook = Workbook::load(config)?;
    let current = workbook.store.current(&workbook.exercises).name.clone();
    let rows: Vec<Row> = workbook
        .exercises
        .iter()
        .map(|e| Row {
            name: &e.name,
            number: e.number,
            title: &e.meta.title,
            status: status_of(&workbook, &e.name),
            current: e.name == current,
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows).context("failed to write JSON")?;
            writeln!(out)?;
        }
        Format::Human => {
            let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for row in &rows {
                let mark = match row.status {
                    "passed" => style::pass("✓"),
                    "not yet" => style::fail("✗"),
                    _ => style::dim("·"),
                };
                let pointer = if row.current { style::command("▸") } else { " ".into() };
                writeln!(out, "{pointer} {mark} {:width$}  {}", row.name, style::dim(row.title))?;
            }
            let done = rows.iter().filter(|r| r.status == "passed").count();
            writeln!(out)?;
            writeln!(out, "{} done. ▸ marks the current exercise.", crate::render::progress_meter(done, rows.len()))?;
        }
    }
    Ok(Outcome::Passed)
}

/// `passed`, `not yet` (checked, not passing) or `not started`.
pub(crate) fn status_of(workbook: &Workbook, name: &str) -> &'static str {
    match workbook.store.progress.exercises.get(name) {
        Some(p) if p.passed => "passed",
        Some(p) if p.last_verdict.is_some() => "not yet",
        _ => "not started",
    }
}
