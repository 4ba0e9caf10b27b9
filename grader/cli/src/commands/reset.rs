//! `grader reset`: put an exercise's files back as shipped.
//!
//! The shipped version comes from git: the upstream branch the workbook was cloned
//! from (`origin/HEAD`, else `origin/main`), or `HEAD` when there is no remote. The
//! learner's version is copied to `.grader/backups/<exercise>/<time>/` first, so a
//! reset never loses work; progress is left alone.

use std::io::{BufRead as _, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::config::Config;
use crate::exit::Outcome;
use crate::learner::Workbook;
use crate::style;

pub fn run(config: &Config, query: &str, yes: bool, out: &mut dyn Write) -> Result<Outcome> {
    let workbook = Workbook::load(config)?;
    let exercise = crate::exercise::resolve(&workbook.exercises, query)?;
    let mut changed = Vec::new();
    for (relative, path) in exercise.meta.files.iter().zip(exercise.files()) {
        let in_repo = format!("exercises/{}/{relative}", exercise.name);
        let shipped = shipped(&config.root, &in_repo)?;
        let current = std::fs::read(&path).ok();
        if current.as_deref() != Some(shipped.as_slice()) {
            changed.push((in_repo, path, current, shipped));
        }
    }
    if changed.is_empty() {
        writeln!(out, "{} is already as shipped; nothing to reset.", exercise.display_files())?;
        return Ok(Outcome::Passed);
    }
    let names: Vec<&str> = changed.iter().map(|(name, ..)| name.as_str()).collect();
    if !yes && !confirm(&names.join(", "))? {
        writeln!(out, "Nothing was changed.")?;
        return Ok(Outcome::NotYet);
    }
    let backup_dir = config.state_dir().join("backups").join(&exercise.name).join(timestamp());
    for (in_repo, path, current, shipped) in &changed {
        if let Some(current) = current {
            let backup = backup_dir.join(path.file_name().context("a learner's file has no name")?);
            std::fs::create_dir_all(&backup_dir)
                .with_context(|| format!("failed to create {}", backup_dir.display()))?;
            std::fs::write(&backup, current).with_context(|| format!("failed to back up {in_repo}"))?;
            writeln!(out, "Your version of {in_repo} is kept in {}", shown(config, &backup))?;
        }
        crate::scratch::write_atomically(path, shipped).with_context(|| format!("failed to restore {in_repo}"))?;
        writeln!(out, "{} {in_repo} is as shipped again.", style::pass("Reset:"))?;
    }
    writeln!(
        out,
        "Your progress is unchanged. Run {} to start over.",
        style::invoke(&format!("check {:02}", exercise.number))
    )?;
    Ok(Outcome::Passed)
}

/// The shipped contents of `in_repo` (a path relative to the workbook's root).
fn shipped(root: &Path, in_repo: &str) -> Result<Vec<u8>> {
    for revision in crate::tamper::SHIPPED_REVISIONS {
        let output = Command::new("git").arg("-C").arg(root).args(["show", &format!("{revision}:{in_repo}")]).output();
        match output {
            Ok(output) if output.status.success() => return Ok(output.stdout),
            Ok(_) => continue,
            Err(e) => bail!(
                "can't find the shipped version of {in_repo}: running git failed ({e}).\n\
                 (hint: `grader reset` takes the shipped files from the git clone; install git, or \
                 copy the file from the workbook's repository by hand)"
            ),
        }
    }
    bail!(
        "can't find the shipped version of {in_repo}: git knows no such file in origin/HEAD, \
         origin/main or HEAD.\n(hint: `grader reset` needs the workbook as a git clone; copy the \
         file from the workbook's repository by hand)"
    )
}

/// Asks on the terminal; without one, refuses (the caller must say `--yes`).
fn confirm(files: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "resetting {files} replaces your code, and there is no terminal to ask you.\n\
             (hint: add --yes to reset anyway; your version is kept in .grader/backups/)"
        );
    }
    eprint!("Replace {files} with the shipped version? Your version will be kept in .grader/backups/. [y/N] ");
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// Seconds since the epoch: sortable, and unique enough for a learner's resets.
fn timestamp() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{}", now.as_secs())
}

fn shown(config: &Config, path: &Path) -> String {
    path.strip_prefix(&config.root).map(PathBuf::from).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}
