//! `grader check`: build an exercise, run its checks, show the verdict.
//!
//! Two modes. A learner's check records its verdict in the progress and warns about
//! edited grader files (a pass on them is not recorded). An author's check (`--authoring`,
//! or by itself for an exercise the shipped version does not have yet) expects new and
//! changed files, records nothing, and says so: see [`Mode`].

use std::io::Write;

use anyhow::{Context as _, Result};

use crate::cli::Format;
use crate::config::Config;
use crate::exercise::Exercise;
use crate::exit::Outcome;
use crate::learner::Workbook;
use crate::render::{self, Detail};
use crate::report::{Report, Verdict};
use crate::style;

pub use crate::learner::Mode;

pub fn run(
    config: &Config,
    query: Option<&str>,
    format: Format,
    timeout: Option<u64>,
    detail: Detail,
    mode: Mode,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mut workbook = Workbook::load(config)?;
    let exercise = workbook.pick(query)?.clone();
    let limit = crate::judge::limit_for(&exercise, timeout);
    // An exercise that is not shipped is being written: nobody learns from it yet.
    let unshipped = match crate::tamper::shipped(&config.root, &exercise) {
        Some((false, revision)) => Some(revision),
        _ => None,
    };
    let mode = if unshipped.is_some() { Mode::Authoring } else { mode };
    let mut report = crate::judge::judge(config, &exercise, limit, detail.timelines, crate::judge::BuildShown::Yes)?;
    if mode == Mode::Authoring {
        let edits = crate::tamper::edits(&config.root, &exercise).unwrap_or_default();
        // Listed in the report, so its JSON says which files were not as shipped.
        report.tampered = edits.changed.iter().chain(&edits.added).cloned().collect();
        match format {
            Format::Human => {
                // The author's files are expected to differ: the learner's "not recorded"
                // wording is for a learner's pass on edited checks.
                let shown = Report { tampered: Vec::new(), ..report.clone() };
                render::check_report(out, &shown, &exercise, detail)?;
                authoring_notice(out, &exercise, &edits, unshipped.as_deref())?;
            }
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &report).context("failed to write JSON")?;
                writeln!(out)?;
            }
        }
        return Ok(if report.verdict == Verdict::Pass { Outcome::Passed } else { Outcome::NotYet });
    }
    let edits = crate::judge::record(config, &mut workbook.store, &exercise, &mut report);
    // The exercise you check is the one you are on, unless it passed and lies behind
    // where `grader next` took you (see `Store::after_check`).
    let exercises = workbook.exercises.clone();
    let moved = workbook.store.after_check(&exercises, &exercise);
    workbook.store.save()?;

    match format {
        Format::Human => {
            render::check_report(out, &report, &exercise, detail)?;
            crate::tamper::notice(out, &edits, report.verdict)?;
            current_notice(out, &moved)?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).context("failed to write JSON")?;
            writeln!(out)?;
        }
    }
    Ok(if report.verdict == Verdict::Pass && crate::judge::counts(&report) { Outcome::Passed } else { Outcome::NotYet })
}

/// `grader check --all`: every exercise in order, one line each, then a summary. The
/// progress of each is recorded as with `check`.
pub fn run_all(
    config: &Config,
    format: Format,
    timeout: Option<u64>,
    verbose: bool,
    out: &mut dyn Write,
) -> Result<Outcome> {
    crate::learner::check_all::run(config, format, timeout, verbose, Mode::Learner, out)
}

/// Says where the learner is when checking did not simply make the checked exercise
/// the current one.
fn current_notice(out: &mut dyn Write, moved: &crate::progress::CurrentMove) -> Result<()> {
    use crate::progress::CurrentMove;
    match moved {
        CurrentMove::To => {}
        CurrentMove::Stayed { on } => {
            writeln!(out)?;
            writeln!(
                out,
                "You are still on {on}: {} and {} go on from there.",
                style::invoke("hint"),
                style::invoke("next")
            )?;
        }
        CurrentMove::Back { from } => {
            writeln!(out)?;
            writeln!(
                out,
                "{} you were on {from}; this exercise has not passed, so you are back on it. {} takes you on.",
                style::warn("Note:"),
                style::invoke("next")
            )?;
        }
    }
    Ok(())
}

/// Says that the check ran in authoring mode (and why, when the flag was not given):
/// nothing recorded, the grader's files taken as they are.
fn authoring_notice(
    out: &mut dyn Write,
    exercise: &Exercise,
    edits: &crate::tamper::Edits,
    unshipped: Option<&str>,
) -> Result<()> {
    writeln!(out)?;
    let why = match unshipped {
        Some(revision) => format!(" ({} is not in {revision} yet: you are writing it)", exercise.name),
        None => String::new(),
    };
    writeln!(out, "{}{why}: nothing is recorded in the progress.", style::warn("Authoring mode"))?;
    let (changed, added) = (edits.changed.len(), edits.added.len());
    if changed + added > 0 {
        let revision = &edits.revision;
        writeln!(
            out,
            "  The grader's files are taken as they are ({changed} differ from {revision}, {added} are new)."
        )?;
    }
    writeln!(
        out,
        "  {} proves the whole exercise: stub, solution, answers, chapter.",
        style::command(&format!("grader verify {:02}", exercise.number))
    )?;
    Ok(())
}
