//! Every exercise checked in order, one line each, then a summary (`grader check
//! --all`, and `c` in watch).

use std::io::Write;

use anyhow::{Context as _, Result};

use super::{Mode, Workbook};
use crate::cli::Format;
use crate::config::Config;
use crate::exit::Outcome;
use crate::render::{self, Detail};
use crate::report::Verdict;
use crate::style;

/// Checks every exercise; in [`Mode::Authoring`], nothing is recorded.
pub fn run(
    config: &Config,
    format: Format,
    timeout: Option<u64>,
    verbose: bool,
    mode: Mode,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mut workbook = Workbook::load(config)?;
    let exercises = workbook.exercises.clone();
    let bar = crate::render::progress_bar(exercises.len() as u64, format == Format::Human);
    let mut reports = Vec::new();
    for exercise in &exercises {
        bar.set_message(exercise.name.clone());
        let mut report = crate::judge::judge(
            config,
            exercise,
            crate::judge::limit_for(exercise, timeout),
            false,
            crate::judge::BuildShown::No,
        )?;
        let unshipped = matches!(crate::tamper::shipped(&config.root, exercise), Some((false, _)));
        if mode == Mode::Learner && !unshipped {
            crate::judge::record(config, &mut workbook.store, exercise, &mut report);
            workbook.store.save()?;
        }
        if format == Format::Human {
            bar.suspend(|| render::summary_line(out, &report, exercise, Detail { verbose, ..Detail::default() }))?;
        }
        bar.inc(1);
        reports.push(report);
    }
    bar.finish_with_message("checked");
    let passed = reports.iter().filter(|r| r.verdict == Verdict::Pass).count();
    match format {
        Format::Human => {
            writeln!(out)?;
            writeln!(out, "{passed} of {} exercises pass.", reports.len())?;
            if mode == Mode::Authoring {
                writeln!(out, "{} nothing was recorded in the progress.", style::warn("Authoring mode:"))?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &reports).context("failed to write JSON")?;
            writeln!(out)?;
        }
    }
    Ok(if passed == reports.len() { Outcome::Passed } else { Outcome::NotYet })
}
