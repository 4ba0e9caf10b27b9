//! The result of checking one exercise, ready for any renderer: the verdict, each
//! check's result, and the compiler's diagnostics with their explanations.

use serde::{Deserialize, Serialize};

use crate::cargo::Diagnostic;
use crate::checks::{CheckResult, Status};
use crate::explain::{self, Explanation};

/// The overall verdict on an exercise: one word each (`compile_error`…), the same in
/// JSON, progress and gradebooks ([`Verdict::as_str`] and serde agree, tested).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every check passed.
    Pass,
    /// A check failed.
    Fail,
    /// The code does not compile.
    CompileError,
    /// A check was still running at the wall-clock limit.
    Timeout,
    /// A check found the runtime blocked.
    Blocked,
    /// The checks' process died.
    Crashed,
    /// The learner's files use what the exercise does not allow: nothing was built.
    Forbidden,
}

impl Verdict {
    /// The verdict its word names, if any (serde's reading: one list of words).
    pub fn from_word(word: &str) -> Option<Verdict> {
        serde_json::from_value(serde_json::Value::String(word.to_string())).ok()
    }

    /// The verdict as a word, as progress and JSON store it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::CompileError => "compile_error",
            Verdict::Timeout => "timeout",
            Verdict::Blocked => "blocked",
            Verdict::Crashed => "crashed",
            Verdict::Forbidden => "forbidden",
        }
    }
}

/// A compiler diagnostic as reports show it.
#[derive(Clone, Debug, Serialize)]
pub struct CompilerMessage {
    pub level: String,
    pub code: Option<String>,
    pub message: String,
    pub rendered: String,
    pub explanation: Option<Explanation>,
    /// How many times rustc reported this same error at this same place (twice for a
    /// `&[&str]` that escapes: once per lifetime); shown once.
    #[serde(skip_serializing_if = "is_one")]
    pub times: usize,
}

fn is_one(times: &usize) -> bool {
    *times == 1
}

/// Everything known about one check of one exercise.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub exercise: String,
    pub title: String,
    pub verdict: Verdict,
    pub checks: Vec<CheckResult>,
    pub diagnostics: Vec<CompilerMessage>,
    /// What cargo said when the build failed without a compiler error.
    pub build_error: Option<String>,
    /// The grader's files the learner has edited (see [`crate::tamper`]): a pass with
    /// them doesn't count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tampered: Vec<String>,
    /// What the learner's files use that the exercise does not allow (verdict
    /// `forbidden`): nothing was built.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<crate::policy::Refusal>,
}

impl Report {
    /// A report for learner files that use what the exercise does not allow.
    pub fn forbidden(exercise: &crate::exercise::Exercise, refused: Vec<crate::policy::Refusal>) -> Report {
        Report {
            exercise: exercise.name.clone(),
            title: exercise.meta.title.clone(),
            verdict: Verdict::Forbidden,
            checks: Vec::new(),
            diagnostics: Vec::new(),
            build_error: None,
            tampered: Vec::new(),
            refused,
        }
    }

    /// A report for code that did not build.
    pub fn build_failed(
        exercise: &crate::exercise::Exercise,
        diagnostics: &[Diagnostic],
        cargo_stderr: &str,
    ) -> Report {
        // rustc reports some mistakes once per lifetime involved: one message per place.
        let mut messages: Vec<CompilerMessage> = Vec::new();
        let mut places: Vec<Option<(String, usize, String)>> = Vec::new();
        for diagnostic in diagnostics {
            let place = diagnostic.spans.iter().find(|s| s.is_primary).map(|span| {
                (span.file_name.clone(), span.line_start, format!("{:?} {}", diagnostic.code(), diagnostic.message))
            });
            if let Some(seen) = place.as_ref().and_then(|p| places.iter().position(|q| q.as_ref() == Some(p))) {
                messages[seen].times += 1;
                continue;
            }
            places.push(place);
            messages.push(compiler_message(diagnostic));
        }
        let has_errors = messages.iter().any(|m| m.level == "error");
        Report {
            exercise: exercise.name.clone(),
            title: exercise.meta.title.clone(),
            verdict: Verdict::CompileError,
            checks: Vec::new(),
            diagnostics: messages,
            build_error: (!has_errors).then(|| cargo_stderr.trim().to_string()),
            tampered: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// A report for checks that ran.
    pub fn ran(exercise: &crate::exercise::Exercise, diagnostics: &[Diagnostic], checks: Vec<CheckResult>) -> Report {
        let verdict = if checks.is_empty() {
            Verdict::Crashed
        } else if checks.iter().all(|c| c.status == Status::Pass) {
            Verdict::Pass
        } else if checks.iter().any(|c| c.status == Status::Hung) {
            Verdict::Timeout
        } else if checks.iter().any(|c| c.status == Status::Crashed) {
            Verdict::Crashed
        } else if checks.iter().any(|c| c.kind == Some(grader_protocol::FailKind::Blocked)) {
            Verdict::Blocked
        } else {
            Verdict::Fail
        };
        Report {
            exercise: exercise.name.clone(),
            title: exercise.meta.title.clone(),
            verdict,
            checks,
            diagnostics: diagnostics.iter().map(compiler_message).collect(),
            build_error: None,
            tampered: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// How many checks passed.
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.status == Status::Pass).count()
    }
}

fn compiler_message(d: &Diagnostic) -> CompilerMessage {
    CompilerMessage {
        level: d.level.clone(),
        code: d.code().map(str::to_string),
        message: d.message.clone(),
        rendered: d.rendered.clone().unwrap_or_else(|| d.message.clone()),
        explanation: explain::compile_error(d),
        times: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn each_verdict_has_one_word_that_reads_back() {
        // A new variant fails to compile here until it is listed below too.
        let listed = |v: Verdict| match v {
            Verdict::Pass
            | Verdict::Fail
            | Verdict::CompileError
            | Verdict::Timeout
            | Verdict::Blocked
            | Verdict::Crashed
            | Verdict::Forbidden => (),
        };
        for verdict in [
            Verdict::Pass,
            Verdict::Fail,
            Verdict::CompileError,
            Verdict::Timeout,
            Verdict::Blocked,
            Verdict::Crashed,
            Verdict::Forbidden,
        ] {
            listed(verdict);
            assert_eq!(serde_json::to_value(verdict).unwrap(), verdict.as_str());
            assert_eq!(Verdict::from_word(verdict.as_str()), Some(verdict));
        }
        assert_eq!(Verdict::from_word("missing"), None);
    }
}
