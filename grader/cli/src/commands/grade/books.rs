//! The gradebook's formats, all written from one [`Gradebook`]:
//! - `gradebook.json`: everything, and what `--merge` reads back;
//! - `gradebook.csv`: a row per submission and exercise, for a spreadsheet;
//! - `junit.xml`: a test suite per submission, a test case per exercise, for CI;
//! - `gradescope/<id>/results.json`: Gradescope's autograder results;
//! - `classroom/<id>.json`: GitHub Classroom's runner result (version 1), which the
//!   `autograding-grading-reporter` action reads base64-encoded from `<RUNNER>_RESULTS`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde_json::json;

use super::{Grade, Gradebook, Submission};

/// Writes every format into `dir`; returns the files written (per-submission folders
/// once each).
pub fn write_all(book: &Gradebook, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
    let mut written = Vec::new();
    let put = |relative: &str, text: String| -> Result<()> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        // A gradebook is never left half-written.
        crate::scratch::write_atomically(&path, text.as_bytes())
    };
    put("gradebook.json", serde_json::to_string_pretty(book)? + "\n")?;
    put("gradebook.csv", csv(book))?;
    put("junit.xml", junit(book)?)?;
    for submission in &book.submissions {
        put(
            &format!("gradescope/{}/results.json", submission.id),
            serde_json::to_string_pretty(&gradescope(book, submission))? + "\n",
        )?;
        put(&format!("classroom/{}.json", submission.id), serde_json::to_string(&classroom(book, submission))? + "\n")?;
    }
    written.push(dir.join("gradebook.json"));
    written.push(dir.join("gradebook.csv"));
    written.push(dir.join("junit.xml"));
    written.push(dir.join("gradescope/<id>/results.json"));
    written.push(dir.join("classroom/<id>.json"));
    Ok(written)
}

/// The grade of `exercise` in `submission`, if it has one (a submission that could
/// not be graded has none).
fn grade<'a>(submission: &'a Submission, exercise: &str) -> Option<&'a Grade> {
    submission.grades.iter().find(|g| g.exercise == exercise)
}

fn csv(book: &Gradebook) -> String {
    let mut out =
        String::from("submission,folder,exercise,verdict,graded,points,checks_passed,checks_total,message,tampered\n");
    for submission in &book.submissions {
        for exercise in &book.exercises {
            let row: Vec<String> = match grade(submission, exercise) {
                Some(g) => vec![
                    submission.id.clone(),
                    submission.path.clone(),
                    exercise.clone(),
                    g.verdict.to_string(),
                    g.graded.to_string(),
                    g.points.to_string(),
                    g.checks_passed.to_string(),
                    g.checks_total.to_string(),
                    g.message.clone(),
                    g.tampered.join(" "),
                ],
                None => vec![
                    submission.id.clone(),
                    submission.path.clone(),
                    exercise.clone(),
                    "error".into(),
                    "error".into(),
                    "0".into(),
                    "0".into(),
                    "0".into(),
                    submission.error.clone().unwrap_or_default(),
                    String::new(),
                ],
            };
            out.push_str(&row.iter().map(|cell| csv_cell(cell)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}

/// A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// JUnit XML (written by `quick-junit`, as nextest does): a test suite per submission,
/// its folder as a property, a test case per exercise.
fn junit(book: &Gradebook) -> Result<String> {
    use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};
    let mut report = Report::new("grader grade");
    for submission in &book.submissions {
        let mut suite = TestSuite::new(submission.id.as_str());
        suite.add_property(Property::new("folder", submission.path.as_str()));
        suite.set_time(std::time::Duration::from_secs_f64(submission.grades.iter().map(|g| g.seconds).sum()));
        for exercise in &book.exercises {
            let failure = |kind: &str, message: &str| {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let message = printable(message);
                status.set_type(kind).set_message(message.as_str()).set_description(message);
                status
            };
            let (seconds, status, note) = match grade(submission, exercise) {
                Some(g) if g.points > 0 && g.tampered.is_empty() => (g.seconds, TestCaseStatus::success(), None),
                // A pass on edited files still earns its point: the edits had no effect.
                Some(g) if g.points > 0 => (g.seconds, TestCaseStatus::success(), Some(g.message.clone())),
                // The failure is what the code earned on pristine checks; the message says
                // what was edited.
                Some(g) => (g.seconds, failure(g.graded.as_str(), &g.message), None),
                None => (0.0, failure("error", submission.error.as_deref().unwrap_or_default()), None),
            };
            let mut case = TestCase::new(exercise.as_str(), status);
            case.set_classname(submission.id.as_str()).set_time(std::time::Duration::from_secs_f64(seconds));
            if let Some(note) = note {
                case.set_system_out(printable(&note));
            }
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.to_string().context("failed to write junit.xml")
}

fn gradescope(book: &Gradebook, submission: &Submission) -> serde_json::Value {
    let tests: Vec<serde_json::Value> = book
        .exercises
        .iter()
        .map(|exercise| match grade(submission, exercise) {
            Some(g) => json!({
                "name": exercise,
                "score": g.points,
                "max_score": 1,
                "status": if g.points > 0 { "passed" } else { "failed" },
                "output": describe(g),
            }),
            None => json!({
                "name": exercise,
                "score": 0,
                "max_score": 1,
                "status": "failed",
                "output": submission.error.clone().unwrap_or_default(),
            }),
        })
        .collect();
    let score: u32 = submission.grades.iter().map(|g| g.points).sum();
    let mut output = String::new();
    if let Some(error) = &submission.error {
        let _ = writeln!(output, "This submission could not be graded: {error}");
    }
    if !submission.ignored.is_empty() {
        let _ = writeln!(output, "Ignored edits outside the exercises: {}", submission.ignored.join(", "));
    }
    json!({ "score": score, "output": output, "tests": tests })
}

fn classroom(book: &Gradebook, submission: &Submission) -> serde_json::Value {
    let tests: Vec<serde_json::Value> = book
        .exercises
        .iter()
        .map(|exercise| {
            let (status, message, score, seconds) = match grade(submission, exercise) {
                Some(g) if g.points > 0 => ("pass", describe(g), 1, g.seconds),
                Some(g) if g.graded == super::Graded::Error => ("error", describe(g), 0, g.seconds),
                Some(g) => ("fail", describe(g), 0, g.seconds),
                None => ("error", submission.error.clone().unwrap_or_default(), 0, 0.0),
            };
            json!({
                "name": exercise,
                "status": status,
                "message": message,
                "line_no": 0,
                "execution_time": format!("{seconds:.2}s"),
                "score": score,
            })
        })
        .collect();
    let all_pass = tests.iter().all(|t| t["status"] == "pass");
    let status = if submission.error.is_some() {
        "error"
    } else if all_pass {
        "pass"
    } else {
        "fail"
    };
    json!({ "version": 1, "status": status, "max_score": book.exercises.len(), "tests": tests })
}

/// `text` without the control characters XML 1.0 forbids (a learner's output may hold
/// any), each replaced by U+FFFD; quick-junit escapes the rest.
fn printable(text: &str) -> String {
    text.chars().map(|c| if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') { '\u{fffd}' } else { c }).collect()
}

/// A grade in a sentence, for the formats that show one per exercise.
fn describe(g: &Grade) -> String {
    let mut text = format!("{}: {} of {} checks pass", g.verdict, g.checks_passed, g.checks_total);
    if !g.message.is_empty() {
        text.push_str(". ");
        text.push_str(&g.message);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn junit_escapes_markup_and_drops_control_characters() {
        let grade = Grade {
            exercise: "04-gather".into(),
            verdict: super::super::Graded::Ran(crate::report::Verdict::Fail),
            graded: super::super::Graded::Ran(crate::report::Verdict::Fail),
            points: 0,
            checks_passed: 0,
            checks_total: 1,
            message: "<a href=\"x\">&</a>\u{1b}".into(),
            tampered: vec![],
            checks: vec![],
            seconds: 0.5,
        };
        let submission =
            Submission { id: "ada".into(), path: "ada".into(), error: None, ignored: vec![], grades: vec![grade] };
        let book = Gradebook { version: 1, exercises: vec!["04-gather".into()], submissions: vec![submission] };
        let xml = junit(&book).unwrap();
        assert!(xml.contains("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\u{fffd}"), "{xml}");
        assert!(xml.contains("<property name=\"folder\" value=\"ada\"/>"), "{xml}");
        assert!(xml.contains("<failure ") && xml.contains("type=\"fail\""), "{xml}");
    }
}
