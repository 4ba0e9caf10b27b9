//! The header language of answer fixtures and of a stub's declared failure
//! (`//! grader: expect fail <check> "<text>"`…): what a case is expected to do, read
//! with errors that show the line and its fix. `grader verify` judges cases by it;
//! `grader new`'s scaffold checks use it to count the answers still to write.

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use crate::exercise::Exercise;

/// What a case is expected to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "expect", rename_all = "snake_case")]
pub enum Expectation {
    /// Every check passes.
    Pass,
    /// Some check fails (the shipped stub).
    FailACheck,
    /// It does not compile (a stub whose lesson is a compiler error).
    CompileError { fragment: Option<String> },
    /// These checks fail, each with a message containing its fragment.
    Fail { checks: Vec<(String, String)> },
    /// It is refused before it is built (see [`crate::policy`]), with a lesson
    /// containing the fragment.
    Forbidden { fragment: String },
}

/// Whether an answer's header has a `//! grader: traces vary "<why>"` line.
pub fn traces_vary(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.starts_with("//!"))
        .any(|l| l.trim_start_matches("//!").trim().starts_with("grader: traces vary"))
}

/// How the stub of `exercise` must fail: as its `exercise.toml`'s `stub` declares (the
/// grammar of a fixture's header, each entry a line without its `//! grader: `), else by
/// failing some check, or by not compiling where it says `stub_fails = "compile"`. An
/// entry it can't read is an error that shows the entry and how to write it.
pub fn stub_expectation(exercise: &Exercise) -> Result<Expectation> {
    let toml = format!("exercises/{}/exercise.toml", exercise.name);
    if exercise.meta.stub.is_empty() {
        return Ok(if exercise.stub_is_compile_error() {
            Expectation::CompileError { fragment: None }
        } else {
            Expectation::FailACheck
        });
    }
    let header: String = exercise.meta.stub.iter().map(|line| format!("//! grader: {}\n", line.trim())).collect();
    let expected = parse_expectation(&header).map_err(|error| {
        // The fixes are shown as a header writes them; here they are entries of `stub`.
        anyhow::anyhow!("in {toml}, `stub`: {}", as_stub_entries(&format!("{error:#}")))
    })?;
    match &expected {
        Expectation::Fail { .. } if exercise.meta.stub_fails.as_deref() == Some("compile") => bail!(
            "in {toml}: `stub_fails = \"compile\"` says the stub does not compile, but `stub` declares failing \
             checks (hint: keep one of them; a compile error is `stub = ['expect compile-error \"<text>\"']`)"
        ),
        Expectation::Fail { .. } | Expectation::CompileError { .. } => Ok(expected),
        _ => bail!(
            "in {toml}, `stub`: a stub fails, by its checks or by not compiling (hint: \
             `stub = ['expect fail <check> \"<words of its lesson>\"', …]`, one entry a failing check, or \
             `stub = ['expect compile-error \"<text>\"']`)"
        ),
    }
}

/// A header's message with each `` `//! grader: …` `` written as an entry of `stub`,
/// `` `'…'` ``.
fn as_stub_entries(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("`//! grader: ") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "`//! grader: ".len()..];
        let Some(end) = after.find('`') else {
            out.push_str(&rest[start..]);
            return out;
        };
        out.push_str(&format!("`'{}'`", &after[..end]));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// What a fixture's header may say, one directive a line.
const GRAMMAR: &str = "`//! grader: expect pass`, `//! grader: expect fail <check> \"<text>\"` (one line per failing \
                       check), `//! grader: expect compile-error \"<text>\"`, `//! grader: expect forbidden \"<text>\"`, \
                       `//! grader: traces vary \"<why>\"`, `//! grader: replaces items`, `//! grader: based on \
                       <fixture>`, ``//! grader: replaces `<old>` with `<new>` ``";

/// The verbs of `grader: expect`.
const VERBS: [&str; 4] = ["pass", "fail", "compile-error", "forbidden"];

/// One `grader: expect` line.
enum Expect {
    Pass,
    Fail(String, String),
    CompileError(String),
    Forbidden(String),
}

/// Reads the `//! grader: …` lines at the top of an answer fixture (see [`GRAMMAR`]).
/// A line it can't read is an error that shows the line and how to write it.
pub fn parse_expectation(text: &str) -> Result<Expectation> {
    let header = text.lines().take_while(|l| l.starts_with("//!")).count();
    for (i, line) in text.lines().enumerate().skip(header) {
        let comment = line.trim_start().strip_prefix("//").map(|c| c.trim_start_matches(['/', '!']).trim());
        if let Some(directive) = comment.filter(|c| c.starts_with("grader:")) {
            bail!(
                "line {}, `{line}`, is never read: the header is the `//!` lines at the very top of the file \
                 (hint: move it up among them, written `//! {directive}`)",
                i + 1
            );
        }
    }
    let mut expected: Option<Expectation> = None;
    for line in text.lines().take(header) {
        let Some(directive) = line.trim_start_matches("//!").trim().strip_prefix("grader:") else { continue };
        let directive = directive.trim();
        if let Some(why) = directive.strip_prefix("traces vary") {
            fragment(line, why, |why| format!("//! grader: traces vary {why}"))?;
            continue;
        }
        if let Some(graft) = crate::graft::parse_directive(directive) {
            graft.with_context(|| format!("`{line}`"))?;
            continue;
        }
        let Some(rest) = directive.strip_prefix("expect").filter(|r| r.is_empty() || r.starts_with(' ')) else {
            bail!("`{line}` is not a directive the grader knows (hint: a header line is one of {GRAMMAR})")
        };
        let contradiction = || {
            anyhow::anyhow!(
                "`{line}` contradicts an earlier `grader: expect` line (hint: an answer either passes, fails some \
                 checks (one `expect fail` line each), does not compile, or is refused)"
            )
        };
        match (parse_expect(line, rest)?, &mut expected) {
            (Expect::Pass, None) => expected = Some(Expectation::Pass),
            (Expect::CompileError(fragment), None) => {
                expected = Some(Expectation::CompileError { fragment: Some(fragment) })
            }
            (Expect::Forbidden(fragment), None) => expected = Some(Expectation::Forbidden { fragment }),
            (Expect::Fail(check, fragment), None) => {
                expected = Some(Expectation::Fail { checks: vec![(check, fragment)] })
            }
            // A check may be declared twice: its message must then contain both texts.
            (Expect::Fail(check, fragment), Some(Expectation::Fail { checks })) => checks.push((check, fragment)),
            _ => return Err(contradiction()),
        }
    }
    expected.context("no `//! grader: expect …` line at the top: say whether this answer should pass or fail")
}

/// The rest of one `//! grader: expect` line, after `expect`.
fn parse_expect(line: &str, rest: &str) -> Result<Expect> {
    let rest = rest.trim();
    let (verb, argument) = rest.split_once(' ').map_or((rest, ""), |(verb, argument)| (verb, argument.trim()));
    match verb {
        "pass" if argument.is_empty() => Ok(Expect::Pass),
        "pass" => bail!("`{line}`: nothing follows `expect pass` (hint: write it as `//! grader: expect pass`)"),
        "compile-error" => {
            Ok(Expect::CompileError(fragment(line, argument, |f| format!("//! grader: expect compile-error {f}"))?))
        }
        "forbidden" => {
            Ok(Expect::Forbidden(fragment(line, argument, |f| format!("//! grader: expect forbidden {f}"))?))
        }
        "fail" => {
            let (check, text) = argument.split_once(' ').unwrap_or((argument, ""));
            if check.is_empty() || check.starts_with('"') {
                bail!(
                    "`{line}` names no check (hint: write it as `//! grader: expect fail <check> {}`, with the \
                     name of the check that fails, as `grader check` lists it)",
                    if argument.is_empty() { "\"<text>\"" } else { argument }
                );
            }
            if !check.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                bail!(
                    "`{line}`: `{check}` is not a check's name (hint: a check is a function of checks/checks.rs, \
                     named in lowercase words joined by `_`, as in `//! grader: expect fail a_check \"<text>\"`)"
                );
            }
            let fragment = fragment(line, text, |f| format!("//! grader: expect fail {check} {f}"))?;
            Ok(Expect::Fail(check.to_string(), fragment))
        }
        _ => {
            let near = VERBS.iter().min_by_key(|v| strsim::levenshtein(verb, v)).expect("verbs");
            let hint = if strsim::levenshtein(verb, near) <= 3 {
                format!("write it as `{}`", line.replacen(&format!("expect {verb}"), &format!("expect {near}"), 1))
            } else {
                format!("a header line is one of {GRAMMAR}")
            };
            bail!("`{line}`: `{verb}` is not one of {} (hint: {hint})", VERBS.join(", "))
        }
    }
}

/// The text in double quotes that ends a header line: everything from the first quote
/// to the last, inner quotes as they are (a message never holds `\"`). `rewrite` puts a
/// quoted text back in its line, for the hint.
fn fragment(line: &str, text: &str, rewrite: impl Fn(&str) -> String) -> Result<String> {
    let text = text.trim();
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        let bare = text.trim_matches('"');
        let words = if bare.is_empty() { "<words of the message>" } else { bare };
        bail!("`{line}`: the text must be in double quotes (hint: write it as `{}`)", rewrite(&format!("\"{words}\"")));
    };
    if inner.contains("\\\"") {
        bail!(
            "`{line}`: `\\\"` is not an escape here, and no message holds it: the text runs from the first quote \
             to the last, so quotes inside it are written plainly (hint: write it as `{}`)",
            rewrite(&format!("\"{}\"", inner.replace("\\\"", "\"")))
        );
    }
    if inner.trim().is_empty() {
        bail!(
            "`{line}`: an empty text matches every message (hint: quote words of the message that name the \
             mistake, as in `{}`)",
            rewrite("\"ran one after another\"")
        );
    }
    Ok(inner.to_string())
}
