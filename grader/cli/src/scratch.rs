//! Scratch workspaces: throw-away copies of exercises with other code grafted onto
//! their pristine checks (a solution, an answer fixture, a submission). They share
//! the workbook's target folder, so dependencies are built once, and they never
//! touch the learner's files.
//!
//! Also the grader's two file helpers: [`Lock`] (one writer at a time) and
//! [`write_atomically`] (a file replaced whole, never left half-written).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::exercise::Exercise;

/// A workspace under construction, in a folder of its own.
#[derive(Debug)]
pub struct Scratch {
    root: PathBuf,
    workbook_root: PathBuf,
    members: Vec<String>,
    _lock: Lock,
}

/// One exercise copy in a scratch workspace.
#[derive(Clone, Debug)]
pub struct Graft {
    /// Its cargo package name, unique in the scratch workspace.
    pub package: String,
    /// Its folder.
    pub dir: PathBuf,
}

impl Scratch {
    /// Starts an empty scratch workspace at `root` (emptied first), modelled on the
    /// workbook at `workbook_root`. Holds a lock on it until dropped, so two runs
    /// never build in the same folder at once.
    pub fn create(workbook_root: &Path, root: &Path) -> Result<Scratch> {
        std::fs::create_dir_all(root).with_context(|| format!("failed to create {}", root.display()))?;
        let lock = Lock::take(&root.with_extension("lock"))?;
        for entry in std::fs::read_dir(root).with_context(|| format!("failed to read {}", root.display()))? {
            let path = entry?.path();
            // Keep the folders of earlier runs: unchanged copies don't rebuild. They are
            // overwritten below, and stale ones are left out of the members list.
            if path.is_file() {
                std::fs::remove_file(&path).with_context(|| format!("failed to remove {}", path.display()))?;
            }
        }
        if let Ok(lock_file) = std::fs::read(workbook_root.join("Cargo.lock")) {
            std::fs::write(root.join("Cargo.lock"), lock_file).context("failed to copy Cargo.lock")?;
        }
        Ok(Scratch {
            root: root.to_path_buf(),
            workbook_root: workbook_root.to_path_buf(),
            members: Vec::new(),
            _lock: lock,
        })
    }

    /// The scratch workspace's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Copies `exercise` (its checks, snapshots and manifest, pristine) into the
    /// workspace as package `package`, with `files` (path relative to the exercise →
    /// contents) written over the learner's files.
    pub fn graft(&mut self, exercise: &Exercise, package: &str, files: &[(String, String)]) -> Result<Graft> {
        let dir = self.root.join(package);
        let mut wanted = std::collections::BTreeMap::new();
        collect_tree(&exercise.dir, Path::new(""), &mut wanted)?;
        for (relative, contents) in files {
            if !exercise.meta.files.contains(relative) {
                bail!(
                    "{relative} is not one of {}'s learner files ({})",
                    exercise.name,
                    exercise.meta.files.join(", ")
                );
            }
            wanted.insert(PathBuf::from(relative), contents.clone().into_bytes());
        }
        mirror(&dir, &wanted)?;
        rename_package(&dir, package)?;
        self.members.push(package.to_string());
        Ok(Graft { package: package.to_string(), dir })
    }

    /// Copies `exercise` into the workspace as one package `package` holding several
    /// cases, each a module of the crate with its own copy of the learner's files and of
    /// the checks (`cases` is case name → files written over the learner's). One crate
    /// builds many cases several times faster than a crate each (26 cases of 14: 7 s
    /// against 20 s), and every case keeps its own checks: module `<m>`'s tests are
    /// `<m>::checks::<check>`.
    pub fn bundle(
        &mut self,
        exercise: &Exercise,
        package: &str,
        cases: &[(String, Vec<(String, String)>)],
    ) -> Result<Bundle> {
        let dir = self.root.join(package);
        let mut pristine = std::collections::BTreeMap::new();
        collect_tree(&exercise.dir, Path::new(""), &mut pristine)?;
        let crate_root = pristine
            .get(Path::new("lib.rs"))
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .with_context(|| format!("{} has no lib.rs", exercise.name))?;
        let mut wanted = pristine.clone();
        let mut root = String::from("//! Cases of `grader verify`, one module each.\n");
        let mut modules = Vec::new();
        for (case, files) in cases {
            let module = module_name(case);
            let case_dir = dir.join("cases").join(&module);
            for (path, contents) in &pristine {
                if path.starts_with("checks") {
                    wanted.insert(Path::new("cases").join(&module).join(path), contents.clone());
                }
            }
            for (relative, contents) in files {
                if !exercise.meta.files.contains(relative) {
                    bail!("{relative} is not one of {}'s learner files", exercise.name);
                }
                wanted.insert(Path::new("cases").join(&module).join(relative), contents.clone().into_bytes());
            }
            root.push_str(&format!("pub mod {module} {{\n{}}}\n", rebase_paths(&crate_root, &case_dir)));
            modules.push(BundledCase { case: case.clone(), module, dir: case_dir });
        }
        wanted.insert(PathBuf::from("lib.rs"), root.into_bytes());
        mirror(&dir, &wanted)?;
        rename_package(&dir, package)?;
        self.members.push(package.to_string());
        Ok(Bundle { package: package.to_string(), dir, cases: modules })
    }

    /// Writes the workspace manifest: the workbook's, with the grafts as members and
    /// path dependencies pointing back into the workbook.
    pub fn finish(&self) -> Result<()> {
        let source = self.workbook_root.join("Cargo.toml");
        let text = std::fs::read_to_string(&source).with_context(|| format!("failed to read {}", source.display()))?;
        let mut manifest: toml_edit::DocumentMut =
            text.parse().with_context(|| format!("failed to parse {}", source.display()))?;
        let workspace = manifest["workspace"].as_table_mut().context("the workbook's Cargo.toml has no [workspace]")?;
        let mut members = toml_edit::Array::new();
        for member in &self.members {
            members.push(member.as_str());
        }
        workspace["members"] = toml_edit::value(members);
        workspace.remove("default-members");
        workspace.remove("exclude");
        if let Some(dependencies) = workspace.get_mut("dependencies").and_then(|d| d.as_table_like_mut()) {
            for (_, dependency) in dependencies.iter_mut() {
                if let Some(table) = dependency.as_table_like_mut()
                    && let Some(path) = table.get("path").and_then(|p| p.as_str())
                {
                    let absolute = self.workbook_root.join(path);
                    table.insert("path", toml_edit::value(absolute.to_string_lossy().as_ref()));
                }
            }
        }
        write_if_changed(&self.root.join("Cargo.toml"), manifest.to_string().as_bytes())
    }
}

/// Several cases of one exercise built as one crate (see [`Scratch::bundle`]).
#[derive(Clone, Debug)]
pub struct Bundle {
    /// Its cargo package name.
    pub package: String,
    /// Its folder (the checks run from here: snapshots and expected traces are shared).
    pub dir: PathBuf,
    pub cases: Vec<BundledCase>,
}

/// One case in a [`Bundle`].
#[derive(Clone, Debug)]
pub struct BundledCase {
    /// The case's name, as given.
    pub case: String,
    /// Its module in the crate: its checks are `<module>::checks::<check>`.
    pub module: String,
    /// Its folder, holding its learner files and its copy of the checks.
    pub dir: PathBuf,
}

/// A Rust module name for a case name (`answers/two_at_a_time.rs` → `case_answers_two_at_a_time_rs`).
fn module_name(case: &str) -> String {
    let name: String =
        case.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("case_{name}")
}

/// The exercise's crate root for a case in `case_dir`: its `//!` lines left out, and
/// each `#[path = "…"]` made absolute into `case_dir`.
fn rebase_paths(crate_root: &str, case_dir: &Path) -> String {
    let mut out = String::new();
    for line in crate_root.lines().filter(|l| !l.trim_start().starts_with("//!")) {
        let trimmed = line.trim();
        match trimmed.strip_prefix("#[path = \"").and_then(|rest| rest.strip_suffix("\"]")) {
            Some(relative) => {
                let absolute = case_dir.join(relative).to_string_lossy().replace('\\', "/");
                out.push_str(&format!("#[path = {absolute:?}]\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Names the package whose manifest is in `dir` `package`.
fn rename_package(dir: &Path, package: &str) -> Result<()> {
    let manifest_path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("failed to read {}", manifest_path.display()))?;
    let mut manifest: toml_edit::DocumentMut =
        manifest.parse().with_context(|| format!("failed to parse {}", manifest_path.display()))?;
    manifest["package"]["name"] = toml_edit::value(package);
    write_if_changed(&manifest_path, manifest.to_string().as_bytes())
}

/// Writes `contents` unless the file already holds exactly that, so cargo sees no
/// change and rebuilds nothing.
fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("failed to write {}", path.display()))
}

/// Reads every file under `dir` into `into`, keyed by path relative to the top,
/// skipping build output and insta's pending snapshots.
fn collect_tree(dir: &Path, relative: &Path, into: &mut std::collections::BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("failed to read {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text == "target" || name_text.ends_with(".snap.new") || name_text.ends_with(".pending-snap") {
            continue;
        }
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            collect_tree(&entry.path(), &relative.join(&name), into)?;
        } else if file_type.is_file() {
            let contents =
                std::fs::read(entry.path()).with_context(|| format!("failed to read {}", entry.path().display()))?;
            into.insert(relative.join(&name), contents);
        }
    }
    Ok(())
}

/// Makes `dir` hold exactly `files`: changed files are rewritten, unchanged ones are
/// left alone (so cargo rebuilds nothing), and any other file is removed.
fn mirror(dir: &Path, files: &std::collections::BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    let mut present = std::collections::BTreeMap::new();
    if dir.exists() {
        collect_tree(dir, Path::new(""), &mut present)?;
    }
    for stale in present.keys().filter(|path| !files.contains_key(*path)) {
        let path = dir.join(stale);
        std::fs::remove_file(&path).with_context(|| format!("failed to remove {}", path.display()))?;
    }
    for (relative, contents) in files {
        write_if_changed(&dir.join(relative), contents)?;
    }
    Ok(())
}

/// An exclusive lock on a file, released on drop.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: std::fs::File,
}

impl Lock {
    /// Waits for the lock on `path` (created if needed) and holds it until dropped.
    pub(crate) fn take(path: &Path) -> Result<Lock> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("failed to open the lock {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd as _;
            // SAFETY: flock on a descriptor we own; it is released when the file closes.
            let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
            if locked != 0 {
                bail!("failed to lock {}", path.display());
            }
        }
        Ok(Lock { _file: file })
    }
}

/// Replaces the file at `path` with `contents` in one step: written to a temporary file
/// beside it, flushed to the disk, then renamed over it (`tempfile`'s `persist`). A
/// crash or a full disk leaves the old file, never half of the new one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("failed to write beside {}", path.display()))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("failed to write {}", path.display()))?;
    file.persist(path).with_context(|| format!("failed to replace {}", path.display()))?;
    Ok(())
}

pub fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}
