//! Driving cargo: builds an exercise's checks with cargo's JSON messages and reads
//! the compiler's diagnostics and the test executable from them, never cargo's prose.

pub mod building;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::process;

/// A diagnostic from rustc, as cargo's JSON carries it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Diagnostic {
    /// `error`, `warning`, …
    pub level: String,
    /// The main message.
    pub message: String,
    /// The error code, such as `E0728`, or the lint name.
    pub code: Option<Code>,
    /// Where it points.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Notes and help.
    #[serde(default)]
    pub children: Vec<Diagnostic>,
    /// The text rustc would print (with ANSI colours when colour is on).
    pub rendered: Option<String>,
}

/// A diagnostic's code.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Code {
    /// `E0277`, `unused_must_use`, …
    pub code: String,
}

/// A place in the source a diagnostic points at.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Span {
    /// The file, relative to the workspace root.
    pub file_name: String,
    /// The first line, counting from 1.
    pub line_start: usize,
    /// Whether this is the main place.
    pub is_primary: bool,
    /// What rustc says about this place.
    pub label: Option<String>,
}

impl From<cargo_metadata::diagnostic::Diagnostic> for Diagnostic {
    /// The parts of rustc's diagnostic the grader reads and reports.
    fn from(d: cargo_metadata::diagnostic::Diagnostic) -> Diagnostic {
        // cargo_metadata's level serializes as rustc spells it ("error", "warning", …).
        let level = serde_json::to_value(d.level).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        Diagnostic {
            level,
            message: d.message,
            code: d.code.map(|c| Code { code: c.code }),
            spans: d
                .spans
                .into_iter()
                .map(|span| Span {
                    file_name: span.file_name,
                    line_start: span.line_start,
                    is_primary: span.is_primary,
                    label: span.label,
                })
                .collect(),
            children: d.children.into_iter().map(Diagnostic::from).collect(),
            rendered: d.rendered,
        }
    }
}

impl Diagnostic {
    /// The code or lint name, if any.
    pub fn code(&self) -> Option<&str> {
        self.code.as_ref().map(|c| c.code.as_str())
    }

    /// This diagnostic and all its children, depth first.
    pub fn all(&self) -> Vec<&Diagnostic> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.all());
        }
        out
    }
}

/// What came of building a package's checks.
#[derive(Debug, Default)]
pub struct Build {
    /// Errors and warnings, in the order rustc gave them (duplicates removed).
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// The test executable of each package that built, by package name.
    pub executables: Vec<(String, PathBuf)>,
    /// What cargo itself printed, for failures that are not compiler errors.
    pub stderr: String,
}

/// Builds the checks (the lib's test executable) of `packages` in the workspace at
/// `root`, sharing `target_dir`. A package that fails to compile doesn't stop the others.
pub fn build_checks(root: &Path, target_dir: &Path, packages: &[&str], color: bool) -> Result<Build> {
    run_cargo(Invocation::new("build", root, target_dir, packages).color(color))
}

/// Like [`build_checks`] for `grader verify`'s scratch crates: without incremental
/// caches, which would pile up one per bundle and run after run (tens of gigabytes on
/// a day of authoring) and which a bundle, rewritten whenever a case changes, barely
/// uses.
pub fn build_cases(root: &Path, target_dir: &Path, packages: &[&str]) -> Result<Build> {
    run_cargo(Invocation { incremental: false, ..Invocation::new("build", root, target_dir, packages) })
}

/// Like [`build_checks`] for one package, showing the learner that `what` builds and
/// how far it got (see [`building`]).
pub fn build_checks_shown(root: &Path, target_dir: &Path, package: &str, what: &str, color: bool) -> Result<Build> {
    let shown = building::BuildDisplay::start(what);
    let packages = [package];
    let invocation = Invocation::new("build", root, target_dir, &packages).color(color);
    run_cargo(Invocation { observer: Some(shown.observer()), ..invocation })
}

/// Like [`build_checks`] for code nobody has vetted (`grader grade`): within `limit`,
/// and without incremental caches, which would pile up submission after submission.
pub fn build_untrusted(root: &Path, target_dir: &Path, packages: &[&str], limit: Duration) -> Result<Build> {
    run_cargo(Invocation { limit, incremental: false, ..Invocation::new("build", root, target_dir, packages) })
}

/// Runs clippy over the tests of `packages` in the workspace at `root`, and returns its
/// warnings and errors, each with the package it came from.
pub fn clippy(root: &Path, target_dir: &Path, packages: &[&str]) -> Result<Vec<(String, Diagnostic)>> {
    Ok(run_cargo(Invocation::new("clippy", root, target_dir, packages))?.diagnostics)
}

/// Cargo ran past its limit (code that makes rustc work forever): an error of its
/// own, so callers tell it from other failures by its type, not its words.
#[derive(Debug)]
pub struct TimedOut {
    pub subcommand: String,
    pub limit: Duration,
}

impl std::fmt::Display for TimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cargo {} did not finish within {} s", self.subcommand, self.limit.as_secs())
    }
}

impl std::error::Error for TimedOut {}

/// One run of cargo over the tests of some packages.
struct Invocation<'a> {
    subcommand: &'a str,
    root: &'a Path,
    target_dir: &'a Path,
    packages: &'a [&'a str],
    /// Diagnostics rendered with colour.
    color: bool,
    /// How long cargo may take.
    limit: Duration,
    /// Whether incremental caches are kept.
    incremental: bool,
    /// What sees cargo's JSON messages as they come.
    observer: Option<process::LineObserver>,
}

impl<'a> Invocation<'a> {
    fn new(subcommand: &'a str, root: &'a Path, target_dir: &'a Path, packages: &'a [&'a str]) -> Invocation<'a> {
        Invocation {
            subcommand,
            root,
            target_dir,
            packages,
            color: false,
            // A cold build of tokio on a slow machine takes minutes; the limit is there
            // for code that makes rustc work forever.
            limit: Duration::from_secs(1800),
            incremental: true,
            observer: None,
        }
    }

    fn color(self, color: bool) -> Invocation<'a> {
        Invocation { color, ..self }
    }
}

fn run_cargo(invocation: Invocation<'_>) -> Result<Build> {
    let Invocation { subcommand, root, target_dir, packages, color, limit, incremental, observer } = invocation;
    let mut command = Command::new(cargo());
    if !incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    command
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir)
        .args([subcommand, "--tests", "--quiet", "--keep-going"])
        .arg(if color { "--message-format=json-diagnostic-rendered-ansi" } else { "--message-format=json" })
        .arg(if color { "--color=always" } else { "--color=never" });
    for package in packages {
        command.args(["--package", package]);
    }
    let keep = 64 * 1024 * 1024;
    let finished = match observer {
        Some(observer) => process::run_limited_observed(command, limit, keep, observer)?,
        None => process::run_limited(command, limit, keep)?,
    };
    if finished.status.is_none() {
        return Err(TimedOut { subcommand: subcommand.to_string(), limit }.into());
    }
    let mut build = Build { diagnostics: Vec::new(), executables: Vec::new(), stderr: finished.stderr };
    for line in finished.stdout.lines() {
        // cargo's JSON messages, read with `cargo_metadata`'s types.
        let Ok(message) = serde_json::from_str::<cargo_metadata::Message>(line) else { continue };
        match message {
            cargo_metadata::Message::CompilerMessage(message) => {
                let package = package_name(&message.package_id.repr);
                let diagnostic = Diagnostic::from(message.message);
                if matches!(diagnostic.level.as_str(), "error" | "warning")
                    && !diagnostic.message.starts_with("aborting due to")
                    && !build.diagnostics.iter().any(|(_, d)| d.rendered == diagnostic.rendered)
                {
                    build.diagnostics.push((package, diagnostic));
                }
            }
            cargo_metadata::Message::CompilerArtifact(artifact) => {
                let is_lib_test =
                    artifact.profile.test && artifact.target.kind.contains(&cargo_metadata::TargetKind::Lib);
                if is_lib_test && let Some(executable) = artifact.executable {
                    build.executables.push((package_name(&artifact.package_id.repr), executable.into_std_path_buf()));
                }
            }
            _ => {}
        }
    }
    Ok(build)
}

/// The package name inside a cargo package id, in either of its two spellings:
/// `path+file:///…/ex04-gather#0.1.0` or `ex04-gather 0.1.0 (path+file:///…)`.
fn package_name(id: &str) -> String {
    if let Some((before, _)) = id.split_once(' ')
        && !before.contains('/')
    {
        return before.to_string();
    }
    let tail = id.rsplit('/').next().unwrap_or(id);
    let tail = tail.split('#').next().unwrap_or(tail);
    match id.rsplit_once('#') {
        Some((_, fragment)) if fragment.contains('@') => fragment.split('@').next().unwrap_or(tail).to_string(),
        _ => tail.to_string(),
    }
}

/// The cargo to run: the one that ran us, if any (so `cargo grader` uses the same
/// toolchain), else the one on PATH.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[cfg(test)]
mod tests {
    use super::package_name;

    #[test]
    fn package_names_come_out_of_both_id_spellings() {
        assert_eq!(package_name("path+file:///w/exercises/04-gather#ex04-gather@0.1.0"), "ex04-gather");
        assert_eq!(package_name("path+file:///w/exercises/ex04-gather#0.1.0"), "ex04-gather");
        assert_eq!(package_name("ex04-gather 0.1.0 (path+file:///w/exercises/04-gather)"), "ex04-gather");
    }
}
