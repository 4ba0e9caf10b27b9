//! `grader check`: build an exercise, run its checks, show the verdict.
//!
//! Two modes. A learner's check records its verdict in the progress and warns about
//! edited grader files (a pass on them is not recorded). An author's check (`--authoring`,
//! or by itself for an exercise the shipped version does not have yet) expects new and
//! changed files, records nothing, and says so: see [`Mode`].

use std::io::Write;
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::cargo;
use crate::checks;
use crate::cli::Format;
use crate::commands::Workbook;
use crate::config::Config;
use crate::exercise::Exercise;
use crate::exit::Outcome;
use crate::render::{self, Detail};
use crate::report::{Report, Verdict};
use crate::style;

/// Each check's wall-clock limit when the exercise sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Whose check it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A learner's: the verdict is recorded (unless it is a pass on edited grader files),
    /// and edits to the grader's files are named, with how to put them back.
    Learner,
    /// An author's (`--authoring`): the grader's files are taken as they are, new and
    /// changed files are expected, and nothing is recorded, pass or not. An exercise the
    /// shipped version does not have is checked this way even without the flag.
    Authoring,
}

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
    let limit = limit_for(&exercise, timeout);
    // An exercise that is not shipped is being written: nobody learns from it yet.
    let unshipped = match crate::tamper::shipped(&config.root, &exercise) {
        Some((false, revision)) => Some(revision),
        _ => None,
    };
    let mode = if unshipped.is_some() { Mode::Authoring } else { mode };
    let mut report = judge(config, &exercise, limit, detail.timelines, BuildShown::Yes)?;
    if mode == Mode::Authoring {
        let edits = crate::tamper::edits(&config.root, &exercise).unwrap_or_default();
        // Listed in the report, so its JSON says which files were not as shipped.
        report.tampered = edits.changed.iter().chain(&edits.added).cloned().collect();
        match format {
            Format::Human => {
                render::check_report(out, &report, &exercise, detail)?;
                authoring_notice(out, &exercise, &edits, unshipped.as_deref())?;
            }
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &report).context("failed to write JSON")?;
                writeln!(out)?;
            }
        }
        return Ok(if report.verdict == Verdict::Pass { Outcome::Passed } else { Outcome::NotYet });
    }
    let edits = record(config, &mut workbook, &exercise, &mut report);
    // The exercise you check is the one you are on, unless it passed and lies behind
    // where `grader next` took you (see `Store::after_check`).
    let exercises = workbook.exercises.clone();
    let moved = workbook.store.after_check(&exercises, &exercise);
    workbook.store.save()?;

    match format {
        Format::Human => {
            render::check_report(out, &report, &exercise, detail)?;
            tamper_notice(out, &edits, report.verdict)?;
            current_notice(out, &moved)?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).context("failed to write JSON")?;
            writeln!(out)?;
        }
    }
    Ok(if report.verdict == Verdict::Pass && counts(&report) { Outcome::Passed } else { Outcome::NotYet })
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
    run_all_as(config, format, timeout, verbose, Mode::Learner, out)
}

/// [`run_all`] in either mode: in [`Mode::Authoring`], nothing is recorded.
pub fn run_all_as(
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
        let mut report = judge(config, exercise, limit_for(exercise, timeout), false, BuildShown::No)?;
        let unshipped = matches!(crate::tamper::shipped(&config.root, exercise), Some((false, _)));
        if mode == Mode::Learner && !unshipped {
            record(config, &mut workbook, exercise, &mut report);
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

/// The wall-clock limit for each check of `exercise`.
pub fn limit_for(exercise: &Exercise, timeout: Option<u64>) -> Duration {
    timeout.or(exercise.meta.timeout_secs).map(Duration::from_secs).unwrap_or(DEFAULT_TIMEOUT)
}

/// Whether [`judge`] shows the build as it goes (`check`), or the caller shows
/// progress its own way (`check --all`'s bar, `watch`'s screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildShown {
    Yes,
    No,
}

/// Builds and runs the checks of `exercise` in the learner's workspace.
pub fn judge(
    config: &Config,
    exercise: &Exercise,
    limit: Duration,
    timelines: bool,
    shown: BuildShown,
) -> Result<Report> {
    let refused = crate::policy::refusals(&exercise.meta.allow, &exercise.sources_in(&exercise.dir));
    if !refused.is_empty() {
        return Ok(Report::forbidden(exercise, refused));
    }
    let build = match shown {
        BuildShown::Yes => cargo::build_checks_shown(
            &config.root,
            &config.target_dir(),
            &exercise.package,
            &exercise.name,
            config.color,
        )?,
        BuildShown::No => cargo::build_checks(&config.root, &config.target_dir(), &[&exercise.package], config.color)?,
    };
    // A run folder of its own (two `check`s of one exercise may run at once), removed
    // once the report has read what it needs.
    let scratch = config.state_dir().join("run").join(format!("{}-{}", exercise.name, std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    // Learner code runs in the OS sandbox where this machine can start it.
    let options = checks::RunOptions {
        limit,
        timelines,
        confine: crate::sandbox_policy::Confine::IfAvailable,
        ..Default::default()
    };
    let report = report_for(exercise, &build, &exercise.package, &exercise.dir, &config.root, &scratch, options);
    let _ = std::fs::remove_dir_all(&scratch);
    report
}

/// Turns a build into a report: the compiler's messages if `package` did not build,
/// else the verdicts of its checks, run from `crate_dir`.
pub fn report_for(
    exercise: &Exercise,
    build: &cargo::Build,
    package: &str,
    crate_dir: &std::path::Path,
    workspace_root: &std::path::Path,
    scratch: &std::path::Path,
    options: checks::RunOptions,
) -> Result<Report> {
    let diagnostics: Vec<cargo::Diagnostic> = build
        .diagnostics
        .iter()
        .filter(|(from, d)| from == package || d.level == "error" && from.is_empty())
        .map(|(_, d)| d.clone())
        .collect();
    match build.executables.iter().find(|(from, _)| from == package) {
        None if !diagnostics.iter().any(|d| d.level == "error") => anyhow::bail!(
            "cargo could not build {} and rustc reported no error, so this is a setup problem, \
             not your code:\n{}\n(hint: run `cargo test -p {}` to see cargo's own message)",
            exercise.name,
            build.stderr.trim(),
            exercise.package
        ),
        None => Ok(Report::build_failed(exercise, &diagnostics, &build.stderr)),
        Some((_, executable)) => {
            let sources_dir = options.sources.clone().unwrap_or_else(|| crate_dir.to_path_buf());
            let mut results = checks::run(executable, crate_dir, workspace_root, scratch, options)?;
            // Every explanation goes into the report here, once (see `explain::attach`).
            let sources = exercise.sources_in(&sources_dir);
            for result in &mut results {
                crate::explain::attach(result, &sources);
            }
            Ok(Report::ran(exercise, &diagnostics, results))
        }
    }
}

/// Notes which of the grader's files the learner edited in the report, and records its
/// verdict in the progress (not saved yet) unless it is a pass on edited files. Returns
/// the edits, for [`tamper_notice`].
pub(crate) fn record(
    config: &Config,
    workbook: &mut Workbook,
    exercise: &Exercise,
    report: &mut Report,
) -> crate::tamper::Edits {
    let edits = crate::tamper::edits(&config.root, exercise).unwrap_or_default();
    report.tampered = edits.changed.iter().chain(&edits.added).cloned().collect();
    if counts(report) {
        let record = workbook.store.exercise(&exercise.name);
        record.record(report.verdict);
        record.last_failing = if report.verdict == Verdict::CompileError {
            vec!["compile-error".to_string()]
        } else {
            report.checks.iter().filter(|c| c.status != checks::Status::Pass).map(|c| c.name.clone()).collect()
        };
    }
    edits
}

/// Whether a result counts towards progress: not a pass on edited checks.
pub(crate) fn counts(report: &Report) -> bool {
    report.verdict != Verdict::Pass || report.tampered.is_empty()
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

/// Tells the learner which of the grader's files they edited, that a pass with them
/// doesn't count, and how to put them back.
pub(crate) fn tamper_notice(out: &mut dyn Write, edits: &crate::tamper::Edits, verdict: Verdict) -> Result<()> {
    if edits.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{} these files belong to the grader, and you have changed them:", style::warn("Note:"))?;
    for file in &edits.changed {
        writeln!(out, "  {file} (differs from {})", edits.revision)?;
    }
    for file in &edits.added {
        writeln!(out, "  {file} (not part of the workbook)")?;
    }
    if verdict == Verdict::Pass {
        writeln!(out, "  This pass is not recorded: checks count only as shipped,")?;
    } else {
        writeln!(out, "  Checks count only as shipped,")?;
    }
    writeln!(out, "  and your instructor grades on the shipped ones.")?;
    if let Some(restore) = edits.restore_command() {
        writeln!(out, "  Put them back with: {}", style::command(&restore))?;
    }
    if !edits.added.is_empty() {
        writeln!(out, "  Delete the files that are not part of the workbook.")?;
    }
    Ok(())
}
