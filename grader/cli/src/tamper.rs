//! Tamper detection in learner mode: has the learner edited the files that judge their
//! code? The checks, the crate root, the manifests and the support crate belong to the
//! grader; only the files `exercise.toml` lists are the learner's. (`Cargo.lock` is
//! left out: another cargo version may rewrite it without anyone editing anything.)
//!
//! "As shipped" means as in git's upstream branch, the same version `grader reset`
//! restores (as `grader reset` does): `origin/HEAD`, else `origin/main`, else
//! `HEAD`. Without git, or outside a clone, nothing can be compared and nothing is said.
//! This is a notice for honest learners, not a defence: `grader grade` never runs the
//! learner's copies of these files at all.
//!
//! An author writing or changing an exercise checks in *authoring mode* (`grader check
//! --authoring`, and by itself for an exercise the shipped version does not have, see
//! [`shipped`]): there, edits are expected, nothing is said about them beyond a count,
//! and nothing is recorded in the learner's progress.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the shipped files are looked up, in order.
pub const SHIPPED_REVISIONS: [&str; 3] = ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "HEAD"];

use crate::exercise::Exercise;

/// What the learner changed among the grader's files, relative to the shipped version.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Edits {
    /// The revision compared with, e.g. `origin/HEAD`.
    pub revision: String,
    /// Shipped files that differ or are gone, relative to the root.
    pub changed: Vec<String>,
    /// Files the grader would pick up that were never shipped (a `build.rs`, a module
    /// in `checks/`).
    pub added: Vec<String>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty()
    }

    /// The command that puts the changed files back (the added ones are to be deleted).
    pub fn restore_command(&self) -> Option<String> {
        (!self.changed.is_empty()).then(|| format!("git checkout {} -- {}", self.revision, self.changed.join(" ")))
    }
}

/// The revision "as shipped" means here, if git can tell.
fn shipped_revision(root: &Path) -> Option<&'static str> {
    SHIPPED_REVISIONS.iter().copied().find(|rev| git(root, &["rev-parse", "--verify", "--quiet", rev]).is_some())
}

/// Whether the shipped version has `exercise` (its `exercise.toml`): `Some(false)` for an
/// exercise being written, `None` if git can't tell. Returns the revision too, as shown.
pub fn shipped(root: &Path, exercise: &Exercise) -> Option<(bool, String)> {
    let revision = shipped_revision(root)?;
    let file = format!("{revision}:exercises/{}/exercise.toml", exercise.name);
    let has = git(root, &["cat-file", "-e", &file]).is_some();
    Some((has, revision.trim_start_matches("refs/remotes/").to_string()))
}

/// The grader's files of `exercise` that the learner has edited, if git can tell.
pub fn edits(root: &Path, exercise: &Exercise) -> Option<Edits> {
    let revision = shipped_revision(root)?;
    let dir = format!("exercises/{}", exercise.name);
    let owned = [
        format!("{dir}/Cargo.toml"),
        format!("{dir}/lib.rs"),
        format!("{dir}/exercise.toml"),
        format!("{dir}/checks"),
        "grader/support".to_string(),
        "grader/protocol".to_string(),
        "Cargo.toml".to_string(),
        ".cargo".to_string(),
    ];
    let mut diff = vec!["diff", "--name-only", "--no-renames", revision, "--"];
    diff.extend(owned.iter().map(String::as_str));
    let changed = lines(&git(root, &diff)?);
    let new_files = [
        format!("{dir}/checks"),
        format!("{dir}/build.rs"),
        "grader/support".to_string(),
        "grader/protocol".to_string(),
    ];
    let mut others = vec!["ls-files", "--others", "--exclude-standard", "--"];
    others.extend(new_files.iter().map(String::as_str));
    let added = lines(&git(root, &others)?);
    let shown = revision.trim_start_matches("refs/remotes/").to_string();
    Some(Edits { revision: shown, changed, added })
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Runs git in `root`; its output, if it succeeded.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Tells the learner which of the grader's files they edited, that a pass with them
/// doesn't count, and how to put them back.
pub fn notice(out: &mut dyn std::io::Write, edits: &Edits, verdict: crate::report::Verdict) -> anyhow::Result<()> {
    if edits.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{} these files belong to the grader, and you have changed them:", crate::style::warn("Note:"))?;
    for file in &edits.changed {
        writeln!(out, "  {file} (differs from {})", edits.revision)?;
    }
    for file in &edits.added {
        writeln!(out, "  {file} (not part of the workbook)")?;
    }
    if verdict == crate::report::Verdict::Pass {
        writeln!(out, "  This pass is not recorded: checks count only as shipped,")?;
    } else {
        writeln!(out, "  Checks count only as shipped,")?;
    }
    writeln!(out, "  and your instructor grades on the shipped ones.")?;
    if let Some(restore) = edits.restore_command() {
        writeln!(out, "  Put them back with: {}", crate::style::command(&restore))?;
    }
    if !edits.added.is_empty() {
        writeln!(out, "  Delete the files that are not part of the workbook.")?;
    }
    Ok(())
}

/// For `grade`: the grader's files of `exercise` (every file of its folder but the
/// learner's) that differ in the submission's copy of its folder
/// (changed or added; a deleted file changes nothing, since nothing is taken from it).
pub fn in_submission(exercise: &Exercise, submitted: &Path) -> Vec<String> {
    let mut pristine = BTreeMap::new();
    let mut theirs = BTreeMap::new();
    collect(&exercise.dir, Path::new(""), &mut pristine);
    collect(submitted, Path::new(""), &mut theirs);
    let prefix = format!("exercises/{}", exercise.name);
    theirs
        .iter()
        .filter(|(relative, _)| !exercise.meta.files.iter().any(|f| Path::new(f) == relative.as_path()))
        .filter(|(relative, digest)| pristine.get(*relative) != Some(*digest))
        .map(|(relative, _)| format!("{prefix}/{}", relative.display()))
        .collect()
}

/// For `grade`: edits outside the exercises, which are ignored: the workspace's manifest and cargo
/// configuration, and the support crate.
pub fn outside_exercises(root: &Path, submission: &Path) -> Vec<String> {
    let mut edits = Vec::new();
    for file in ["Cargo.toml", "build.rs", ".cargo/config.toml", ".cargo/config"] {
        let theirs = std::fs::read(submission.join(file)).ok();
        if theirs.is_some() && theirs != std::fs::read(root.join(file)).ok() {
            edits.push(file.to_string());
        }
    }
    for crate_dir in ["grader/support", "grader/protocol"] {
        let mut pristine = BTreeMap::new();
        let mut theirs = BTreeMap::new();
        collect(&root.join(crate_dir), Path::new(""), &mut pristine);
        collect(&submission.join(crate_dir), Path::new(""), &mut theirs);
        for (relative, digest) in &theirs {
            if pristine.get(relative) != Some(digest) {
                edits.push(format!("{crate_dir}/{}", relative.display()));
            }
        }
    }
    edits
}

/// Every file under `dir` (but `target/` and hidden folders), with a digest of its
/// contents; at most a few thousand, so a submission can't make this take forever.
fn collect(dir: &Path, relative: &Path, files: &mut BTreeMap<PathBuf, u64>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if files.len() >= 5000 {
            return;
        }
        let name = entry.file_name();
        let lossy = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if lossy != "target" && !lossy.starts_with('.') {
                collect(&entry.path(), &relative.join(&name), files);
            }
        } else if lossy.ends_with(".snap.new") || lossy.ends_with(".pending-snap") {
            // What a plain `cargo test` leaves when a snapshot differs: never read.
            continue;
        } else if !kind.is_file() {
            // A symbolic link or a device (a link to /dev/zero would never end): never
            // read, and never the shipped file, so it is listed.
            files.insert(relative.join(&name), u64::MAX);
        } else if let Ok(bytes) = crate::scratch::read_at_most(&entry.path(), 4 * 1024 * 1024) {
            use std::hash::{Hash as _, Hasher as _};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            files.insert(relative.join(&name), hasher.finish());
        } else {
            files.insert(relative.join(&name), 0);
        }
    }
}
