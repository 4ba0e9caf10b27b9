//! The solutions' style: clippy's warnings and rustfmt's verdict on each solution case.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::*;

/// Clippy's warnings in each solution, by the solution case's package: the reference
/// solutions are what learners compare their code with, so they must be clean.
pub(super) fn lint_solutions(
    config: &Config,
    workspace: &Path,
    solutions: &[(&str, &Case, &crate::scratch::Graft)],
) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let mut problems: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    if solutions.is_empty() {
        return Ok(problems);
    }
    let packages: Vec<&str> = solutions.iter().map(|(p, _, _)| *p).collect();
    let warnings = cargo::clippy(workspace, &config.target_dir(), &packages)?;
    for (package, case, graft) in solutions {
        let learner_files: Vec<PathBuf> = case.exercise.meta.files.iter().map(|f| graft.dir.join(f)).collect();
        for (from, diagnostic) in &warnings {
            let Some(span) = diagnostic.spans.iter().find(|s| s.is_primary) else { continue };
            let in_solution =
                learner_files.iter().any(|f| f.ends_with(&span.file_name) || workspace.join(&span.file_name) == *f);
            if from == package && in_solution {
                let file = case
                    .exercise
                    .meta
                    .files
                    .iter()
                    .find(|f| span.file_name.ends_with(f.as_str()))
                    .cloned()
                    .unwrap_or_default();
                problems.entry(package.to_string()).or_default().push(format!(
                    "clippy: {} (solutions/{}/{}:{})",
                    diagnostic.message,
                    case.exercise.name,
                    file.strip_prefix("src/").unwrap_or(&file),
                    span.line_start
                ));
            }
        }
        for (file, contents) in &case.files {
            if let Some(problem) = unformatted(config, contents)? {
                problems.entry(package.to_string()).or_default().push(format!(
                    "rustfmt: solutions/{}/{} is not formatted ({problem}); run `rustfmt --edition 2024 {}`",
                    case.exercise.name,
                    file.strip_prefix("src/").unwrap_or(file),
                    format_args!("solutions/{}/{}", case.exercise.name, file.strip_prefix("src/").unwrap_or(file)),
                ));
            }
        }
    }
    Ok(problems)
}

/// Whether `contents` is not as rustfmt (with the workbook's rustfmt.toml) would write
/// it: the first line that differs.
pub(super) fn unformatted(config: &Config, contents: &str) -> Result<Option<String>> {
    use std::io::Write as _;
    let mut command = std::process::Command::new("rustfmt");
    command.args(["--edition", "2024", "--emit", "stdout"]);
    let rustfmt_toml = config.root.join("rustfmt.toml");
    if rustfmt_toml.is_file() {
        command.arg("--config-path").arg(&rustfmt_toml);
    }
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().context("failed to run rustfmt (hint: `rustup component add rustfmt`)")?;
    child.stdin.take().context("rustfmt's stdin")?.write_all(contents.as_bytes())?;
    let output = child.wait_with_output().context("failed to run rustfmt")?;
    if !output.status.success() {
        return Ok(Some(format!("rustfmt failed: {}", String::from_utf8_lossy(&output.stderr).trim())));
    }
    let formatted = String::from_utf8_lossy(&output.stdout);
    Ok(contents
        .lines()
        .zip(formatted.lines())
        .position(|(a, b)| a != b)
        .map(|i| format!("line {}", i + 1))
        .or_else(|| (contents.lines().count() != formatted.lines().count()).then(|| "its length".to_string())))
}
