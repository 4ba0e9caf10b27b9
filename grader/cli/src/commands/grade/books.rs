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
        // Written aside, then renamed: a gradebook is never left half-written.
        let partial = path.with_extension("partial");
        std::fs::write(&partial, text).with_context(|| format!("failed to write {}", partial.display()))?;
        std::fs::rename(&partial, &path).with_context(|| format!("failed to write {}", path.display()))?;
        Ok(())
    };
    put("gradebook.json", serde_json::to_string_pretty(book)? + "\n")?;
    put("gradebook.csv", csv(book))?;
    put("junit.xml", junit(book))?;
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
                    g.verdict.clone(),
                    g.graded.clone(),
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

fn junit(book: &Gradebook) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"grader grade\">\n");
    for submission in &book.submissions {
        let failures = book.exercises.iter().filter(|e| grade(submission, e).is_none_or(|g| g.points == 0)).count();
        let time: f64 = submission.grades.iter().map(|g| g.seconds).sum();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{time:.2}\">\n    \
             <properties>\n      <property name=\"folder\" value=\"{}\"/>\n    </properties>",
            xml(&submission.id),
            book.exercises.len(),
            xml(&submission.path)
        );
        for exercise in &book.exercises {
            let (time, failure) = match grade(submission, exercise) {
                Some(g) if g.points > 0 && g.tampered.is_empty() => (g.seconds, None),
                Some(g) if g.points > 0 => (g.seconds, Some(("tampered", g.message.clone()))),
                // The failure is what the code earned on pristine checks; the message says
                // what was edited.
                Some(g) => (g.seconds, Some((g.graded.as_str(), g.message.clone()))),
                None => (0.0, Some(("error", submission.error.clone().unwrap_or_default()))),
            };
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{time:.2}\"",
                xml(&submission.id),
                xml(exercise)
            );
            match failure {
                // A pass on edited files still earns its point: the edits had no effect.
                Some(("tampered", message)) => {
                    let _ = writeln!(out, ">\n      <system-out>{}</system-out>\n    </testcase>", xml(&message));
                }
                Some((verdict, message)) => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                        xml(verdict),
                        xml(&message),
                        xml(&message)
                    );
                }
                None => out.push_str("/>\n"),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text safe inside an XML attribute or element (and without characters XML 1.0 forbids).
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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
                Some(g) if g.graded == "error" => ("error", describe(g), 0, g.seconds),
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
    fn xml_text_is_escaped() {
        assert_eq!(xml("<a href=\"x\">&</a>\u{1b}"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\u{fffd}");
    }
}
