//! Judging an exercise: building it, running its checks (in the sandbox where it
//! starts) and turning what happened into one [`Report`], with every explanation
//! attached. What `check`, `watch`, `verify` and `grade` share; no command calls
//! another for it.

use std::time::Duration;

use anyhow::Result;

use crate::cargo;
use crate::checks;
use crate::config::Config;
use crate::exercise::Exercise;
use crate::report::{Report, Verdict};

/// Each check's wall-clock limit when the exercise sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

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
            // Every explanation goes into the report here, once (see [`attach`]).
            let sources = exercise.sources_in(&sources_dir);
            for result in &mut results {
                attach(result, &sources);
            }
            Ok(Report::ran(exercise, &diagnostics, results))
        }
    }
}

/// Notes which of the grader's files the learner edited in the report, and records its
/// verdict in the progress (not saved yet) unless it is a pass on edited files. Returns
/// the edits, for [`crate::tamper::notice`].
pub fn record(
    config: &Config,
    store: &mut crate::progress::Store,
    exercise: &Exercise,
    report: &mut Report,
) -> crate::tamper::Edits {
    let edits = crate::tamper::edits(&config.root, exercise).unwrap_or_default();
    report.tampered = edits.changed.iter().chain(&edits.added).cloned().collect();
    if counts(report) {
        let record = store.exercise(&exercise.name);
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
pub fn counts(report: &Report) -> bool {
    report.verdict != Verdict::Pass || report.tampered.is_empty()
}

/// Puts every explanation of a failing check into its message, once, as the report is
/// made: a panic's place and what it means, a panic that ended only a task or thread,
/// and the learner's lines that match a lesson's candidate causes. Every reporter
/// (terminal, watch, JSON, gradebooks) then shows the same text.
pub fn attach(result: &mut crate::checks::CheckResult, sources: &[(String, String)]) {
    use grader_protocol::{FailKind, PanicOrigin};
    if result.status == crate::checks::Status::Pass {
        return;
    }
    let original = result.message.clone();
    if result.kind == Some(FailKind::Panic) {
        let mut text = if crate::explain::in_library(&result.location) {
            format!("A library your code called panicked ({}):\n  {}", result.location, result.message)
        } else {
            format!("Your code panicked at {}:\n  {}", result.location, result.message)
        };
        if let Some(explanation) = crate::explain::panic(&result.message) {
            text.push_str("\n\n");
            text.push_str(&crate::render::wrap(&explanation.text, 74, ""));
            if !explanation.chapter.is_empty() {
                text.push_str(&format!("\nRead more: docs/src/{}", explanation.chapter));
            }
        }
        result.message = text;
    }
    // A spawned task or thread that panicked: that panic ended only the task, and the
    // check's own lesson (a missing result, say) may not show that it was the cause.
    if !result.message.contains("JoinError")
        && let Some(origin) = result.panics.iter().map(|p| p.origin).find(|o| *o != PanicOrigin::Check)
    {
        let note = crate::explain::panic_elsewhere(origin);
        result.message.truncate(result.message.trim_end().len());
        if !result.message.is_empty() {
            result.message.push_str("\n\n");
        }
        result.message.push_str(&note);
    }
    // Lessons that can only list possible causes are ranked by the learner's code.
    if let Some(evidence) = crate::explain::source_evidence(&result.message, sources) {
        result.message = format!("{}\n\n{evidence}", result.message.trim_end());
    }
    // The other panics while it ran (in tasks, threads, libraries), each explained.
    for note in result.panics.iter().filter(|p| p.message != original) {
        let place = if crate::explain::in_library(&note.location) {
            format!("A panic inside a library your code called ({}):", note.location)
        } else {
            format!("A panic in your code at {}:", note.location)
        };
        result.message = format!("{}\n\n{place} {}", result.message.trim_end(), note.message);
        if let Some(explanation) = crate::explain::panic(&note.message) {
            result.message.push('\n');
            result.message.push_str(crate::render::wrap(&explanation.text, 78, "  ").trim_end());
        }
    }
}
