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
