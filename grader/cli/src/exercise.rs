//! The exercises: finding them on disk, reading their metadata, and resolving the
//! names learners type (`04-gather`, `04`, `4`, `gather`).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;

/// One exercise folder, `exercises/NN-topic/`.
#[derive(Clone, Debug)]
pub struct Exercise {
    /// The folder name, e.g. `04-gather`.
    pub name: String,
    /// The number prefix, e.g. 4.
    pub number: u32,
    /// The name without the number, e.g. `gather`.
    pub slug: String,
    /// The folder.
    pub dir: PathBuf,
    /// The cargo package name, from its `Cargo.toml`.
    pub package: String,
    /// `exercise.toml`.
    pub meta: Meta,
}

/// The contents of `exercise.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// One line: what the exercise is about.
    pub title: String,
    /// The async topic, in a few words.
    #[serde(default)]
    pub topic: String,
    /// The Python constructs it maps.
    #[serde(default)]
    pub python: Vec<String>,
    /// The chapter file under `docs/src/`.
    pub chapter: String,
    /// The learner's files, relative to the exercise folder.
    pub files: Vec<String>,
    /// Hints, from vague to concrete.
    #[serde(default)]
    pub hints: Vec<String>,
    /// The hint (its number, from 1) that helps most when a check fails, by check
    /// name; `compile-error` for a build that failed. `grader hint` gives it first.
    #[serde(default)]
    pub hint_for: std::collections::BTreeMap<String, usize>,
    /// `"compile"` when the shipped stub is meant not to compile (the lesson is the
    /// compiler error); otherwise the stub must compile and fail a check.
    #[serde(default)]
    pub stub_fails: Option<String>,
    /// How the shipped stub fails, in the grammar of an answer fixture's header without
    /// its `//! grader: ` (`'expect fail <check> "<text>"'`, one a failing check, or
    /// `'expect compile-error "<text>"'`): `grader verify` holds the stub to it.
    #[serde(default)]
    pub stub: Vec<String>,
    /// Wall-clock limit for the checks' process, in seconds.
    #[serde(default)]
    pub timeout_secs: Option<u64>,
    /// Modules of the operating system the learner's files may use (`std::fs`,
    /// `tokio::net`…): none unless listed (see [`crate::policy`]).
    #[serde(default)]
    pub allow: Vec<String>,
}

impl Exercise {
    /// The learner's files and their text, as [`crate::policy::refusals`] reads them;
    /// `dir` is where they are (the exercise, or a copy).
    pub fn sources_in(&self, dir: &std::path::Path) -> Vec<(String, String)> {
        self.meta
            .files
            .iter()
            .filter_map(|file| std::fs::read_to_string(dir.join(file)).ok().map(|text| (file.clone(), text)))
            .collect()
    }

    /// The learner's files, as paths.
    pub fn files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.meta.files.iter().map(|f| self.dir.join(f))
    }

    /// The exercise's files as a learner would type them, relative to the root.
    pub fn display_files(&self) -> String {
        self.meta.files.iter().map(|f| format!("exercises/{}/{f}", self.name)).collect::<Vec<_>>().join(", ")
    }

    /// Whether the stub is meant to fail by not compiling: `stub_fails = "compile"`, or
    /// a `stub` that declares `expect compile-error`.
    pub fn stub_is_compile_error(&self) -> bool {
        self.meta.stub_fails.as_deref() == Some("compile")
            || self.meta.stub.iter().any(|line| line.trim_start().starts_with("expect compile-error"))
    }

    /// The chapter's path relative to the root.
    pub fn chapter(&self) -> String {
        format!("docs/src/{}", self.meta.chapter)
    }
}

/// Finds every exercise under `exercises/`, in order of their numbers.
pub fn discover(exercises_dir: &Path) -> Result<Vec<Exercise>> {
    let entries = std::fs::read_dir(exercises_dir)
        .with_context(|| format!("failed to read the exercises folder {}", exercises_dir.display()))?;
    let mut exercises = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("failed to read {}", exercises_dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((number, slug)) = split_name(&name) else { continue };
        if !entry.path().join("exercise.toml").is_file() {
            continue;
        }
        exercises.push(load(&entry.path(), name.clone(), number, slug.to_string())?);
    }
    exercises.sort_by(|a, b| (a.number, &a.name).cmp(&(b.number, &b.name)));
    if exercises.is_empty() {
        bail!(
            "found no exercises in {} (each is a folder like 04-gather with an exercise.toml)",
            exercises_dir.display()
        );
    }
    Ok(exercises)
}

fn split_name(name: &str) -> Option<(u32, &str)> {
    let (number, slug) = name.split_once('-')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || slug.is_empty() {
        return None;
    }
    Some((number.parse().ok()?, slug))
}

fn load(dir: &Path, name: String, number: u32, slug: String) -> Result<Exercise> {
    let meta_path = dir.join("exercise.toml");
    let text =
        std::fs::read_to_string(&meta_path).with_context(|| format!("failed to read {}", meta_path.display()))?;
    let meta: Meta = toml::from_str(&text).with_context(|| format!("failed to parse {}", meta_path.display()))?;
    if let Some((check, number)) = meta.hint_for.iter().find(|(_, n)| **n == 0 || **n > meta.hints.len()) {
        bail!(
            "{}: `hint_for` sends `{check}` to hint {number}, but the hints are numbered 1 to {}\n\
             (hint: number the hints from 1, in the order of `hints`)",
            meta_path.display(),
            meta.hints.len()
        );
    }
    let manifest_path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("failed to read {}", manifest_path.display()))?;
    let manifest: toml::Table =
        toml::from_str(&manifest).with_context(|| format!("failed to parse {}", manifest_path.display()))?;
    let package = manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .with_context(|| format!("{} has no [package] name", manifest_path.display()))?
        .to_string();
    Ok(Exercise { name, number, slug, dir: dir.to_path_buf(), package, meta })
}

/// Finds the exercise a learner means. Accepts the full name, the number with or
/// without leading zeros, the name without the number, or a unique beginning of it.
pub fn resolve<'a>(exercises: &'a [Exercise], query: &str) -> Result<&'a Exercise> {
    let query = query.trim().trim_end_matches('/');
    let query = query.rsplit('/').next().unwrap_or(query);
    if let Some(found) = exercises.iter().find(|e| e.name == query) {
        return Ok(found);
    }
    if let Ok(number) = query.parse::<u32>() {
        if let Some(found) = exercises.iter().find(|e| e.number == number) {
            return Ok(found);
        }
        // A number names no exercise by its spelling: say which numbers there are.
        let numbers = exercises.iter().map(|e| e.number);
        let (first, last) = (numbers.clone().min().unwrap_or(0), numbers.max().unwrap_or(0));
        bail!(
            "there is no exercise number {number}: the {} exercises are numbered {first:02} to {last:02}. \
             (hint: `grader list` shows them all)",
            exercises.len()
        );
    }
    if let Some(found) = exercises.iter().find(|e| e.slug == query) {
        return Ok(found);
    }
    let starting: Vec<&Exercise> =
        exercises.iter().filter(|e| !query.is_empty() && e.slug.starts_with(query)).collect();
    if let [only] = starting.as_slice() {
        return Ok(only);
    }
    let mut scored: Vec<(usize, &Exercise)> = exercises
        .iter()
        .map(|e| (strsim::levenshtein(query, &e.name).min(strsim::levenshtein(query, &e.slug)), e))
        .collect();
    scored.sort_by_key(|(score, e)| (*score, e.number));
    let closest: Vec<&str> = scored.iter().take(3).map(|(_, e)| e.name.as_str()).collect();
    bail!(
        "there is no exercise `{query}`. Closest: {}. (hint: `grader list` shows them all; \
         `04-gather`, `04`, `4` and `gather` all name the same one)",
        closest.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(name: &str) -> Exercise {
        let (number, slug) = split_name(name).unwrap();
        Exercise {
            name: name.to_string(),
            number,
            slug: slug.to_string(),
            dir: PathBuf::new(),
            package: String::new(),
            meta: Meta {
                title: String::new(),
                topic: String::new(),
                python: vec![],
                chapter: String::new(),
                files: vec![],
                hints: vec![],
                stub_fails: None,
                stub: vec![],
                hint_for: Default::default(),
                timeout_secs: None,
                allow: vec![],
            },
        }
    }

    #[test]
    fn names_resolve_from_full_name_number_and_slug() {
        let all = [exercise("01-runtime"), exercise("04-gather"), exercise("11-event-loop")];
        for query in ["04-gather", "04", "4", "gather", "gat", "exercises/04-gather/"] {
            assert_eq!(resolve(&all, query).unwrap().name, "04-gather", "query {query}");
        }
        assert_eq!(resolve(&all, "11").unwrap().name, "11-event-loop");
    }

    #[test]
    fn unknown_names_list_the_closest() {
        let all = [exercise("01-runtime"), exercise("04-gather"), exercise("03-tasks")];
        let error = resolve(&all, "gahter").unwrap_err().to_string();
        assert!(error.starts_with("there is no exercise `gahter`. Closest: 04-gather"), "{error}");
    }

    #[test]
    fn a_number_out_of_range_says_how_many_there_are() {
        let exercises = [exercise("01-runtime"), exercise("04-gather")];
        let error = resolve(&exercises, "99").unwrap_err().to_string();
        assert!(error.starts_with("there is no exercise number 99: the 2 exercises are numbered 01 to 04."), "{error}");
    }
}
