//! The cases of an exercise: the stub, the solution and each answer fixture, with
//! what each is expected to do and the files it puts in place of the learner's.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::*;

pub(super) struct Case {
    pub(super) exercise: Exercise,
    pub(super) name: String,
    pub(super) package: String,
    pub(super) files: Vec<(String, String)>,
    pub(super) expected: Expectation,
    /// The answer's header says its traces vary from run to run by design (an unbiased
    /// `select!` picks at random): `--runs` compares only its verdicts.
    pub(super) traces_vary: bool,
    /// Where `expected` is written, for the fixes a problem suggests.
    pub(super) declared_in: DeclaredIn,
}

/// Where a case's expectation is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DeclaredIn {
    /// An answer fixture's header (and the solution, which passes).
    Header,
    /// `exercise.toml`'s `stub`.
    StubToml,
}

impl DeclaredIn {
    /// A directive (`expect fail a "b"`) as it is written there.
    pub(super) fn line(self, directive: &str) -> String {
        match self {
            DeclaredIn::Header => format!("//! grader: {directive}"),
            DeclaredIn::StubToml => format!("'{directive}'"),
        }
    }

    /// How to add a directive there.
    pub(super) fn add(self, directive: &str) -> String {
        match self {
            DeclaredIn::Header => format!("add `{}`", self.line(directive)),
            DeclaredIn::StubToml => format!("add `{}` to `stub` in exercise.toml", self.line(directive)),
        }
    }

    /// What declares it, and what it is.
    pub(super) fn names(self) -> (&'static str, &'static str) {
        match self {
            DeclaredIn::Header => ("the header", "this answer"),
            DeclaredIn::StubToml => ("exercise.toml's `stub`", "the stub"),
        }
    }
}

pub(super) fn cases_for(config: &Config, exercise: &Exercise) -> Result<Vec<Case>> {
    let learner_file =
        exercise.meta.files.first().with_context(|| format!("{} lists no learner files", exercise.name))?;
    let mut stub_files = Vec::new();
    for file in &exercise.meta.files {
        let path = exercise.dir.join(file);
        stub_files.push((
            file.clone(),
            std::fs::read_to_string(&path).with_context(|| format!("failed to read {}", path.display()))?,
        ));
    }
    let package_base = format!("v{:02}-{}", exercise.number, exercise.slug);
    let mut cases = vec![Case {
        exercise: exercise.clone(),
        name: "stub".to_string(),
        package: format!("{package_base}-stub"),
        files: stub_files,
        expected: stub_expectation(exercise)?,
        traces_vary: false,
        declared_in: DeclaredIn::StubToml,
    }];

    let solution_dir = config.solutions_dir().join(&exercise.name);
    let mut solution_files = Vec::new();
    for file in &exercise.meta.files {
        let path = solution_dir.join(file.strip_prefix("src/").unwrap_or(file));
        solution_files.push((
            file.clone(),
            std::fs::read_to_string(&path)
                .with_context(|| format!("{} has no solution: failed to read {}", exercise.name, path.display()))?,
        ));
    }
    cases.push(Case {
        exercise: exercise.clone(),
        name: "solution".to_string(),
        package: format!("{package_base}-solution"),
        files: solution_files.clone(),
        expected: Expectation::Pass,
        traces_vary: false,
        declared_in: DeclaredIn::Header,
    });

    for path in answer_files(&solution_dir.join("answers"))? {
        let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read {}", path.display()))?;
        let expected = parse_expectation(&text).with_context(|| format!("in {}", path.display()))?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().replace('_', "-");
        // An answer that replaces items is built grafted onto its base: the solution, or
        // the answer it is based on.
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        let contents = crate::graft::assemble(&solution_files[0].1, &solution_dir.join("answers"), &name, &text)
            .with_context(|| format!("in {}", path.display()))?;
        cases.push(Case {
            exercise: exercise.clone(),
            name: format!("answers/{}", path.file_name().unwrap_or_default().to_string_lossy()),
            package: format!("{package_base}-a-{stem}"),
            traces_vary: traces_vary(&text),
            files: vec![(learner_file.clone(), contents)],
            expected,
            declared_in: DeclaredIn::Header,
        });
    }
    Ok(cases)
}

pub(super) fn answer_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rs")).collect();
    files.sort();
    Ok(files)
}
