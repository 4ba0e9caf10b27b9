//! The learner's progress: which exercise they are on, what passed, how many hints
//! they have seen. Kept in `.grader/progress.json`, written atomically (a temporary
//! file, then a rename), so a crash mid-write never leaves half a file. A file that
//! can't be read is kept aside, reported, and replaced by a fresh one.
//!
//! Two grader commands may run at once in one workbook (`check 01` in one terminal,
//! `check 04` in another). Saving is a read-modify-write under a file lock: what this
//! command changed since it loaded is merged into what is on disk now, so neither
//! update is lost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use crate::exercise::Exercise;

/// Everything the grader remembers about a learner.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The format's version.
    pub version: u32,
    /// The exercise the learner chose to work on, if they moved with `grader next`.
    #[serde(default)]
    pub current: Option<String>,
    /// Per exercise, by folder name.
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseProgress>,
}

/// What the grader remembers about one exercise.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExerciseProgress {
    /// Whether the checks have passed (at least once).
    #[serde(default)]
    pub passed: bool,
    /// The verdict of the latest check.
    #[serde(default)]
    pub last_verdict: Option<String>,
    /// How many hints were shown.
    #[serde(default)]
    pub hints_shown: usize,
    /// Which hints were shown, by number (from 1), when `grader hint` gave one out of
    /// order (the one for a failing check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints_seen: Vec<usize>,
    /// The checks that did not pass in the latest run, in the report's order
    /// (`compile-error` when it did not build): what `grader hint` gives a hint for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last_failing: Vec<String>,
}

impl ExerciseProgress {
    /// Remembers the verdict of a check: the latest one, and whether it ever passed.
    pub fn record(&mut self, verdict: crate::report::Verdict) {
        self.last_verdict = Some(verdict.as_str().to_string());
        self.passed |= verdict == crate::report::Verdict::Pass;
    }

    /// Whether hint `number` (from 1) was shown.
    pub fn seen(&self, number: usize) -> bool {
        number <= self.hints_shown || self.hints_seen.contains(&number)
    }

    /// Remembers that hint `number` (from 1) was shown.
    pub fn saw(&mut self, number: usize) {
        if !self.seen(number) {
            self.hints_seen.push(number);
            self.hints_seen.sort_unstable();
        }
        // The first hints in a row, seen, count as `hints_shown`.
        while self.hints_seen.first() == Some(&(self.hints_shown + 1)) {
            self.hints_shown += 1;
            self.hints_seen.remove(0);
        }
        self.hints_seen.retain(|&n| n > self.hints_shown);
    }
}

/// What checking an exercise did to the current exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CurrentMove {
    /// The checked exercise is the current one now (it was, or it is further on).
    To,
    /// It had passed and lies before the current one, which stays `on`.
    Stayed { on: String },
    /// It has not passed and lies before the current one, `from`: the learner is back on it.
    Back { from: String },
}

/// The progress file and what loading it found.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The progress itself.
    pub progress: Progress,
    /// The progress as loaded (or last saved): what this command changed is the
    /// difference.
    loaded: Progress,
    /// Set when the file was damaged: where the damaged copy was kept.
    pub recovered_from: Option<PathBuf>,
}

const VERSION: u32 = 1;

impl Store {
    /// Loads `.grader/progress.json` under `state_dir`. A missing file is a fresh
    /// start; a damaged one is renamed aside (never deleted) and a fresh one begins.
    pub fn load(state_dir: &Path) -> Result<Store> {
        let path = state_dir.join("progress.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let fresh = Progress { version: VERSION, ..Progress::default() };
                return Ok(Store { path, loaded: fresh.clone(), progress: fresh, recovered_from: None });
            }
            Err(e) => return Err(e).with_context(|| format!("failed to read your progress file {}", path.display())),
        };
        match serde_json::from_str::<Progress>(&text) {
            Ok(progress) if progress.version == VERSION => {
                Ok(Store { path, loaded: progress.clone(), progress, recovered_from: None })
            }
            _ => {
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or_default();
                let aside = state_dir.join(format!("progress.json.damaged-{stamp}"));
                std::fs::rename(&path, &aside)
                    .with_context(|| format!("failed to move the damaged progress file {} aside", path.display()))?;
                let fresh = Progress { version: VERSION, ..Progress::default() };
                let mut store = Store { path, loaded: fresh.clone(), progress: fresh, recovered_from: Some(aside) };
                store.save()?;
                Ok(store)
            }
        }
    }

    /// Writes the progress atomically: to a temporary file in the same folder, flushed
    /// to disk, then renamed over the old one. Under a lock, what this command changed
    /// since it loaded is merged into the file as it is now (another command may have
    /// saved meanwhile).
    pub fn save(&mut self) -> Result<()> {
        let dir = self.path.parent().context("the progress file has no folder")?;
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
        let _lock = crate::scratch::Lock::take(&dir.join("progress.lock"))?;
        let on_disk = std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| serde_json::from_str::<Progress>(&text).ok())
            .filter(|p| p.version == VERSION)
            .unwrap_or_else(|| self.loaded.clone());
        let merged = merge(on_disk, &self.loaded, &self.progress);
        let text = serde_json::to_string_pretty(&merged).context("failed to encode progress")? + "\n";
        crate::scratch::write_atomically(&self.path, text.as_bytes())?;
        self.loaded = merged.clone();
        self.progress = merged;
        Ok(())
    }

    /// The record of one exercise (created empty if needed).
    pub fn exercise(&mut self, name: &str) -> &mut ExerciseProgress {
        self.progress.exercises.entry(name.to_string()).or_default()
    }

    /// Whether an exercise has passed.
    pub fn passed(&self, name: &str) -> bool {
        self.progress.exercises.get(name).is_some_and(|e| e.passed)
    }

    /// The exercise to work on: the one chosen with `grader next`, else the first
    /// that has not passed, else the last.
    pub fn current<'a>(&self, exercises: &'a [Exercise]) -> &'a Exercise {
        if let Some(chosen) = &self.progress.current
            && let Some(found) = exercises.iter().find(|e| &e.name == chosen)
        {
            return found;
        }
        exercises.iter().find(|e| !self.passed(&e.name)).unwrap_or(&exercises[exercises.len() - 1])
    }

    /// Makes `checked`, just checked, the current exercise, unless that would move the
    /// learner back to an exercise that has passed: looking at an old exercise again
    /// must not undo `grader next`. Says where the learner was when it did move them back.
    pub fn after_check(&mut self, exercises: &[Exercise], checked: &Exercise) -> CurrentMove {
        // Only a place the learner was taken to counts: without one, the current exercise
        // is the first not passed, which this very check may just have changed.
        let chosen = self.progress.current.as_ref().and_then(|name| exercises.iter().find(|e| &e.name == name));
        let Some(current) = chosen.cloned() else {
            self.progress.current = Some(checked.name.clone());
            return CurrentMove::To;
        };
        let back = (checked.number, &checked.name) < (current.number, &current.name);
        if back && self.passed(&checked.name) {
            // Recorded, so a later pass of an earlier exercise doesn't change it either.
            self.progress.current = Some(current.name);
            return CurrentMove::Stayed { on: self.progress.current.clone().unwrap_or_default() };
        }
        self.progress.current = Some(checked.name.clone());
        if back { CurrentMove::Back { from: current.name } } else { CurrentMove::To }
    }

    /// The exercise `grader next` goes to from `from`: the first after it that has not
    /// passed, else the first before it that has not (the list goes round); `None` when
    /// every exercise has passed.
    pub fn next_unpassed<'a>(&self, exercises: &'a [Exercise], from: &Exercise) -> Option<&'a Exercise> {
        let after = |e: &&Exercise| (e.number, &e.name) > (from.number, &from.name);
        let unpassed = |e: &&Exercise| !self.passed(&e.name);
        exercises.iter().filter(after).find(unpassed).or_else(|| exercises.iter().find(unpassed))
    }

    /// A note for the learner when the file was damaged, if it was.
    pub fn recovery_note(&self) -> Option<String> {
        self.recovered_from.as_ref().map(|aside| {
            format!(
                "Your progress file could not be read, so a fresh one was started. The damaged \
                 file is kept as {}; `grader check <exercise>` marks exercises as passed again.",
                aside.display()
            )
        })
    }
}

/// `on_disk` with what changed from `loaded` to `ours` applied: a pass is never lost,
/// the latest verdict and the current exercise are ours where we changed them, and
/// hints seen only grow.
fn merge(mut on_disk: Progress, loaded: &Progress, ours: &Progress) -> Progress {
    if ours.current != loaded.current {
        on_disk.current = ours.current.clone();
    }
    for (name, mine) in &ours.exercises {
        if loaded.exercises.get(name) == Some(mine) {
            continue;
        }
        let theirs = on_disk.exercises.entry(name.clone()).or_default();
        theirs.passed |= mine.passed;
        if loaded.exercises.get(name).map(|l| &l.last_verdict) != Some(&mine.last_verdict) {
            theirs.last_verdict = mine.last_verdict.clone();
        }
        for number in (1..=mine.hints_shown).chain(mine.hints_seen.iter().copied()) {
            theirs.saw(number);
        }
        if loaded.exercises.get(name).map(|l| &l.last_failing) != Some(&mine.last_failing) {
            theirs.last_failing = mine.last_failing.clone();
        }
    }
    on_disk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_seen_out_of_order_are_each_remembered_once() {
        let mut record = ExerciseProgress::default();
        record.saw(3);
        assert!(record.seen(3) && !record.seen(1) && !record.seen(2));
        record.saw(1);
        assert_eq!((record.hints_shown, record.hints_seen.clone()), (1, vec![3]));
        record.saw(2);
        record.saw(3);
        assert_eq!((record.hints_shown, record.hints_seen.clone()), (3, vec![]));
    }

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::load(dir.path()).unwrap();
        store.exercise("04-gather").passed = true;
        store.exercise("04-gather").hints_shown = 2;
        store.save().unwrap();
        let loaded = Store::load(dir.path()).unwrap();
        assert_eq!(loaded.progress, store.progress);
        assert!(loaded.recovered_from.is_none());
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("progress.json"), "{ not json").unwrap();
        let store = Store::load(dir.path()).unwrap();
        let aside = store.recovered_from.clone().unwrap();
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
        assert!(store.recovery_note().unwrap().contains("could not be read"));
        // The fresh file is valid.
        assert!(Store::load(dir.path()).unwrap().recovered_from.is_none());
    }

    #[test]
    fn two_commands_saving_at_once_both_keep_their_update() {
        let dir = tempfile::tempdir().unwrap();
        // `check 01` and `check 04` both load the same progress, then save in turn.
        let mut first = Store::load(dir.path()).unwrap();
        let mut second = Store::load(dir.path()).unwrap();
        first.exercise("01-runtime").record(crate::report::Verdict::Pass);
        first.progress.current = Some("01-runtime".to_string());
        second.exercise("04-gather").record(crate::report::Verdict::Fail);
        second.exercise("04-gather").hints_shown = 1;
        first.save().unwrap();
        second.save().unwrap();
        let now = Store::load(dir.path()).unwrap().progress;
        assert!(now.exercises["01-runtime"].passed);
        assert_eq!(now.exercises["04-gather"].last_verdict.as_deref(), Some("fail"));
        assert_eq!(now.exercises["04-gather"].hints_shown, 1);
        assert_eq!(now.current.as_deref(), Some("01-runtime"));
    }
}
