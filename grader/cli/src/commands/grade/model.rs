//! The gradebook's data, which every format is written from: a class's submissions,
//! each exercise's grade and its verdict ([`Graded`]), and how a grade is made from a
//! check report or from what kept one from being made.

use serde::{Deserialize, Serialize};

use crate::checks::Status;
use crate::exercise::Exercise;
use crate::report::{Report, Verdict};

/// A class's grades: what `gradebook.json` holds, and what every other format is
/// written from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Gradebook {
    pub version: u32,
    /// The exercises graded, in order.
    pub exercises: Vec<String>,
    pub submissions: Vec<Submission>,
}

/// One learner's grades.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Submission {
    /// The submission's folder name, made safe for file names.
    pub id: String,
    /// The folder graded, by its name as handed in (never the grading machine's path):
    /// two folders whose ids would collide ("Ada Lovelace", "ada-lovelace") are told
    /// apart by it.
    pub path: String,
    /// Why it could not be graded at all, if it could not.
    pub error: Option<String>,
    /// Edits outside the exercises' folders that were ignored (the support crate, the
    /// workspace manifest, cargo's configuration).
    pub ignored: Vec<String>,
    pub grades: Vec<Grade>,
}

/// What a grade says of an exercise: a check report's verdict, or what kept it from
/// having one. One word in every gradebook format ([`Graded::as_str`]), the report's
/// verdicts spelt as the report spells them (`compile_error`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Graded {
    /// The checks' verdict.
    Ran(Verdict),
    /// The learner's files are not in the submission.
    Missing,
    /// The grader could not run it (a setup problem, not the submission's).
    Error,
    /// The submission edited the grader's files: graded anyway, on pristine checks.
    Tampered,
}

impl Graded {
    /// The word the gradebooks use.
    pub fn as_str(self) -> &'static str {
        match self {
            Graded::Ran(verdict) => verdict.as_str(),
            Graded::Missing => "missing",
            Graded::Error => "error",
            Graded::Tampered => "tampered",
        }
    }
}

impl std::fmt::Display for Graded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A [`Graded`] as one word in the gradebook's JSON: `pass`, `missing`, `tampered`…
mod graded_word {
    use super::Graded;
    use crate::report::Verdict;

    pub fn serialize<S: serde::Serializer>(graded: &Graded, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(graded.as_str())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Graded, D::Error> {
        let word = <String as serde::Deserialize>::deserialize(deserializer)?;
        Ok(match word.as_str() {
            "missing" => Graded::Missing,
            "error" => Graded::Error,
            "tampered" => Graded::Tampered,
            other => Graded::Ran(
                Verdict::from_word(other).ok_or_else(|| serde::de::Error::custom(format!("no verdict `{other}`")))?,
            ),
        })
    }
}

/// One exercise of one submission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Grade {
    pub exercise: String,
    /// What happened: the verdict, or `tampered` when the learner edited the grader's
    /// files (graded anyway, on pristine checks, as `graded` says).
    #[serde(with = "graded_word")]
    pub verdict: Graded,
    /// The verdict on pristine checks (the same as `verdict` unless tampered).
    #[serde(with = "graded_word")]
    pub graded: Graded,
    /// 1 for a pass on pristine checks, else 0.
    pub points: u32,
    pub checks_passed: usize,
    pub checks_total: usize,
    /// One line on what happened.
    pub message: String,
    /// The grader's files of this exercise that differ in the submission (ignored).
    pub tampered: Vec<String>,
    pub checks: Vec<CheckGrade>,
    /// Wall-clock seconds spent running the checks.
    pub seconds: f64,
}

/// One check of one exercise of one submission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CheckGrade {
    pub name: String,
    pub status: String,
    /// The first line of its message.
    pub message: String,
}

pub(super) fn grade_without_run(exercise: &Exercise, verdict: Graded, message: &str, tampered: Vec<String>) -> Grade {
    Grade {
        exercise: exercise.name.clone(),
        verdict: if tampered.is_empty() { verdict } else { Graded::Tampered },
        graded: verdict,
        points: 0,
        checks_passed: 0,
        checks_total: 0,
        message: first_line(message),
        tampered,
        checks: Vec::new(),
        seconds: 0.0,
    }
}

pub(super) fn grade_of(exercise: &Exercise, report: &Report, tampered: Vec<String>) -> Grade {
    let graded = Graded::Ran(report.verdict);
    let message = match report.verdict {
        Verdict::Pass => String::new(),
        Verdict::CompileError => report
            .diagnostics
            .iter()
            .find(|d| d.level == "error")
            .map(|d| format!("does not compile: {}", d.message))
            .or_else(|| report.build_error.as_deref().map(|e| format!("cargo could not build it: {}", first_line(e))))
            .unwrap_or_else(|| "does not compile".to_string()),
        Verdict::Forbidden => report
            .refused
            .first()
            .map(|r| format!("refused before it was built: {}:{}: `{}`", r.file, r.line, r.what))
            .unwrap_or_default(),
        _ => report
            .checks
            .iter()
            .find(|c| c.status != Status::Pass && c.status != Status::NotRun)
            .map(|c| format!("{}: {}", c.name, first_line(&c.message)))
            .unwrap_or_default(),
    };
    let message = if tampered.is_empty() {
        message
    } else {
        format!(
            "edited the grader's files ({}), which were ignored; on pristine checks: {graded}. {message}",
            tampered.join(", ")
        )
    };
    Grade {
        exercise: exercise.name.clone(),
        verdict: if tampered.is_empty() { graded } else { Graded::Tampered },
        points: u32::from(report.verdict == Verdict::Pass),
        graded,
        checks_passed: report.passed(),
        checks_total: report.checks.len(),
        message: first_line(message.trim()),
        tampered,
        checks: report
            .checks
            .iter()
            .map(|c| CheckGrade {
                name: c.name.clone(),
                status: format!("{:?}", c.status).to_lowercase(),
                message: first_line(&c.message),
            })
            .collect(),
        seconds: 0.0,
    }
}

/// The first non-empty line, at most 300 characters.
/// The first line of a message for a gradebook cell, with the line after it when it
/// ends in a colon ("cargo could not build it:"), so the reason is never cut off.
pub(super) fn first_line(text: &str) -> String {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let joined = match lines.next() {
        Some(reason) if first.ends_with(':') => format!("{first} {reason}"),
        _ => first.to_string(),
    };
    let line = joined.as_str();
    if line.chars().count() > 300 {
        format!("{}…", line.chars().take(299).collect::<String>())
    } else {
        line.to_string()
    }
}
