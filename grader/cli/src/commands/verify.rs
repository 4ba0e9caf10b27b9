//! `grader verify`: the instructor's proof. For each exercise, grafted onto pristine
//! checks in a scratch workspace (never the learner's files):
//! - the stub fails, for its intended reason (a check, or a compile error when the
//!   exercise declares `stub_fails = "compile"`);
//! - the solution passes;
//! - every answer fixture in `solutions/<exercise>/answers/` behaves as its header
//!   declares (`//! grader: expect pass`, `expect fail <check> "<text>"`, or
//!   `expect compile-error "<text>"`);
//! - the metadata is complete: a title, two hints or more, an existing chapter.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use crate::cargo;
use crate::checks::Status;
use crate::cli::Format;
use crate::commands::check::{limit_for, report_for};
use crate::config::Config;
use crate::exercise::{self, Exercise};
use crate::exit::Outcome;
use crate::report::{Report, Verdict};
use crate::scratch::Scratch;
use crate::style;

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
}

/// One verified case and how it went.
#[derive(Debug, Serialize)]
pub struct CaseResult {
    pub exercise: String,
    /// `stub`, `solution`, or `answers/<file>`.
    pub case: String,
    pub expected: Expectation,
    pub verdict: Option<Verdict>,
    /// Empty when the case behaved as expected.
    pub problems: Vec<String>,
}

struct Case {
    exercise: Exercise,
    name: String,
    package: String,
    files: Vec<(String, String)>,
    expected: Expectation,
}

pub fn run(
    config: &Config,
    query: Option<&str>,
    format: Format,
    timeout: Option<u64>,
    record_expected: bool,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let all = exercise::discover(&config.exercises_dir())?;
    let chosen: Vec<Exercise> = match query {
        Some(query) => vec![exercise::resolve(&all, query)?.clone()],
        None => all,
    };
    let mut results: Vec<CaseResult> = Vec::new();
    let mut cases = Vec::new();
    for exercise in &chosen {
        results.extend(metadata_problems(config, exercise));
        cases.extend(cases_for(config, exercise)?);
    }

    let mut scratch = Scratch::create(&config.root, &config.target_dir().join("grader").join("verify"))?;
    let mut grafts = Vec::new();
    for case in &cases {
        grafts.push(scratch.graft(&case.exercise, &case.package, &case.files)?);
    }
    scratch.finish()?;
    if format == Format::Human {
        writeln!(out, "Building {} cases of {} exercises…", cases.len(), chosen.len())?;
        out.flush()?;
    }
    let packages: Vec<&str> = cases.iter().map(|c| c.package.as_str()).collect();
    let build = cargo::build_checks(scratch.root(), &config.target_dir(), &packages, false)?;

    let bar = crate::render::progress_bar(cases.len() as u64, format == Format::Human);
    for (case, graft) in cases.iter().zip(&grafts) {
        bar.set_message(format!("{} {}", case.exercise.name, case.name));
        let limit = limit_for(&case.exercise, timeout);
        let run_dir = scratch.root().join(".runs").join(&case.package);
        let _ = std::fs::remove_dir_all(&run_dir);
        // The solution's run records its traces afresh, to compare with the shipped ones.
        let solution = case.name == "solution";
        let recorded = graft.dir.join(EXPECTED_DIR);
        if solution {
            let _ = std::fs::remove_dir_all(&recorded);
        }
        let report = report_for(
            &case.exercise,
            &build,
            &graft.package,
            &graft.dir,
            scratch.root(),
            &run_dir,
            crate::checks::RunOptions { limit, timelines: false, record_expected: solution },
        )?;
        let mut problems = judge_case(&case.expected, &report);
        if solution && problems.is_empty() {
            problems.extend(expected_traces(&case.exercise, &recorded, record_expected)?);
        }
        if format == Format::Human {
            let mark = if problems.is_empty() { style::pass("✓") } else { style::fail("✗") };
            bar.suspend(|| -> std::io::Result<()> {
                writeln!(
                    out,
                    "{mark} {} {} {}",
                    case.exercise.name,
                    case.name,
                    style::dim(&describe(&case.expected, &report))
                )?;
                for problem in &problems {
                    writeln!(out, "    {}", problem)?;
                }
                Ok(())
            })?;
        }
        bar.inc(1);
        results.push(CaseResult {
            exercise: case.exercise.name.clone(),
            case: case.name.clone(),
            expected: case.expected.clone(),
            verdict: Some(report.verdict),
            problems,
        });
    }

    bar.finish_with_message("verified");
    let failed: Vec<&CaseResult> = results.iter().filter(|r| !r.problems.is_empty()).collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &results).context("failed to write JSON")?;
            writeln!(out)?;
        }
        Format::Human => {
            for result in failed.iter().filter(|r| r.verdict.is_none()) {
                writeln!(out, "{} {} {}", style::fail("✗"), result.exercise, result.case)?;
                for problem in &result.problems {
                    writeln!(out, "    {problem}")?;
                }
            }
            writeln!(out)?;
            if failed.is_empty() {
                writeln!(out, "{} {} cases behave as declared.", style::pass("Verified:"), results.len())?;
            } else {
                writeln!(
                    out,
                    "{} {} of {} cases do not behave as declared.",
                    style::fail("Not verified:"),
                    failed.len(),
                    results.len()
                )?;
            }
        }
    }
    Ok(if failed.is_empty() { Outcome::Passed } else { Outcome::NotYet })
}

/// Where an exercise keeps the reference solution's traces (see `workbook::expected`).
const EXPECTED_DIR: &str = "checks/expected";

/// Compares the traces the solution just recorded with the exercise's shipped ones, or,
/// with `record`, writes them over the shipped ones. Returns what is out of date.
fn expected_traces(exercise: &Exercise, recorded: &Path, record: bool) -> Result<Vec<String>> {
    let shipped = exercise.dir.join(EXPECTED_DIR);
    let read = |dir: &Path| -> Result<std::collections::BTreeMap<String, Vec<u8>>> {
        let mut files = std::collections::BTreeMap::new();
        let Ok(entries) = std::fs::read_dir(dir) else { return Ok(files) };
        for entry in entries {
            let path = entry?.path();
            let bytes = std::fs::read(&path).with_context(|| format!("failed to read {}", path.display()))?;
            files.insert(path.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes);
        }
        Ok(files)
    };
    let (new, old) = (read(recorded)?, read(&shipped)?);
    if new == old {
        return Ok(Vec::new());
    }
    if record {
        let _ = std::fs::remove_dir_all(&shipped);
        std::fs::create_dir_all(&shipped).with_context(|| format!("failed to create {}", shipped.display()))?;
        for (name, bytes) in &new {
            let path = shipped.join(name);
            std::fs::write(&path, bytes).with_context(|| format!("failed to write {}", path.display()))?;
        }
        return Ok(Vec::new());
    }
    let changed: Vec<&str> = new
        .keys()
        .chain(old.keys())
        .filter(|name| new.get(*name) != old.get(*name))
        .map(String::as_str)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let shown: Vec<&str> = changed.iter().take(3).copied().collect();
    let more = if changed.len() > 3 { format!(" and {} more", changed.len() - 3) } else { String::new() };
    Ok(vec![format!(
        "exercises/{}/{EXPECTED_DIR}/ is out of date ({}{more} differ from what the solution does now): \
         run `grader verify {:02} --record-expected` and commit the result",
        exercise.name,
        shown.join(", "),
        exercise.number
    )])
}

fn describe(expected: &Expectation, report: &Report) -> String {
    let want = match expected {
        Expectation::Pass => "passes",
        Expectation::FailACheck => "fails a check",
        Expectation::CompileError { .. } => "does not compile",
        Expectation::Fail { .. } => "fails as declared",
    };
    format!("({want}; verdict {}, {} of {} checks pass)", report.verdict.as_str(), report.passed(), report.checks.len())
}

fn judge_case(expected: &Expectation, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    match expected {
        Expectation::Pass => {
            if report.verdict != Verdict::Pass {
                problems.push(format!("expected every check to pass; the verdict is {}", report.verdict.as_str()));
                for check in report.checks.iter().filter(|c| c.status != Status::Pass) {
                    let first = check.message.lines().next().unwrap_or("");
                    problems.push(format!("{}: {first}", check.name));
                }
                for d in report.diagnostics.iter().filter(|d| d.level == "error") {
                    problems.push(format!("compile error: {}", d.message));
                }
            }
        }
        Expectation::FailACheck => match report.verdict {
            Verdict::Pass => problems.push("the stub passes every check: it must fail one".to_string()),
            Verdict::CompileError => problems.push(
                "the stub does not compile; a stub must compile and fail a check, unless exercise.toml says stub_fails = \"compile\"".to_string(),
            ),
            _ => {}
        },
        Expectation::CompileError { fragment } => {
            if report.verdict != Verdict::CompileError {
                problems.push(format!("expected a compile error; the verdict is {}", report.verdict.as_str()));
            } else if let Some(fragment) = fragment
                && !report.diagnostics.iter().any(|d| d.message.contains(fragment.as_str()) || d.rendered.contains(fragment.as_str()))
            {
                problems.push(format!("expected a compiler message containing {fragment:?}; none does"));
            }
        }
        Expectation::Fail { checks } => {
            if report.verdict == Verdict::CompileError {
                problems.push("expected checks to fail, but it does not compile".to_string());
            }
            for (name, fragment) in checks {
                match report.checks.iter().find(|c| &c.name == name) {
                    None if report.verdict != Verdict::CompileError => problems.push(format!("there is no check `{name}`")),
                    None => {}
                    Some(check) if check.status == Status::Pass => {
                        problems.push(format!("expected `{name}` to fail with {fragment:?}, but it passed"))
                    }
                    Some(check) if !check.message.contains(fragment.as_str()) => problems.push(format!(
                        "expected `{name}`'s message to contain {fragment:?}; it says: {}",
                        check.message.lines().next().unwrap_or("")
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    problems
}

fn cases_for(config: &Config, exercise: &Exercise) -> Result<Vec<Case>> {
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
        expected: if exercise.stub_is_compile_error() {
            Expectation::CompileError { fragment: None }
        } else {
            Expectation::FailACheck
        },
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
        files: solution_files,
        expected: Expectation::Pass,
    });

    for path in answer_files(&solution_dir.join("answers"))? {
        let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read {}", path.display()))?;
        let expected = parse_expectation(&text).with_context(|| format!("in {}", path.display()))?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().replace('_', "-");
        cases.push(Case {
            exercise: exercise.clone(),
            name: format!("answers/{}", path.file_name().unwrap_or_default().to_string_lossy()),
            package: format!("{package_base}-a-{stem}"),
            files: vec![(learner_file.clone(), text)],
            expected,
        });
    }
    Ok(cases)
}

fn answer_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rs")).collect();
    files.sort();
    Ok(files)
}

/// Reads the `//! grader: expect …` lines at the top of an answer fixture.
pub fn parse_expectation(text: &str) -> Result<Expectation> {
    let mut expected: Option<Expectation> = None;
    for line in text.lines().take_while(|l| l.starts_with("//!")) {
        let Some(rest) = line.trim_start_matches("//!").trim().strip_prefix("grader: expect ") else { continue };
        let (verb, argument) = rest.split_once(' ').unwrap_or((rest, ""));
        match (verb, &mut expected) {
            ("pass", None) => expected = Some(Expectation::Pass),
            ("compile-error", None) => expected = Some(Expectation::CompileError { fragment: Some(quoted(argument)?) }),
            ("fail", None) => expected = Some(Expectation::Fail { checks: vec![check_and_fragment(argument)?] }),
            ("fail", Some(Expectation::Fail { checks })) => checks.push(check_and_fragment(argument)?),
            _ => bail!(
                "`{line}` contradicts an earlier `grader: expect` line or is not one of: expect pass, expect fail <check> \"<text>\", expect compile-error \"<text>\""
            ),
        }
    }
    expected.context("no `//! grader: expect …` line at the top: say whether this answer should pass or fail")
}

fn check_and_fragment(argument: &str) -> Result<(String, String)> {
    let (check, fragment) = argument.split_once(' ').context("expected `fail <check> \"<text>\"`")?;
    Ok((check.to_string(), quoted(fragment)?))
}

fn quoted(text: &str) -> Result<String> {
    let text = text.trim();
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .with_context(|| format!("expected text in double quotes, got `{text}`"))?;
    Ok(inner.to_string())
}

fn metadata_problems(config: &Config, exercise: &Exercise) -> Option<CaseResult> {
    let mut problems = Vec::new();
    if exercise.meta.title.trim().is_empty() {
        problems.push("exercise.toml has an empty title".to_string());
    }
    if exercise.meta.hints.len() < 2 {
        problems.push(format!(
            "exercise.toml has {} hints; give at least two, from vague to concrete",
            exercise.meta.hints.len()
        ));
    }
    let chapter = config.root.join(exercise.chapter());
    if !chapter.is_file() {
        problems.push(format!("the chapter {} does not exist", exercise.chapter()));
    }
    if !exercise.dir.join("README.md").is_file() {
        problems.push(format!("exercises/{}/README.md (the task) does not exist", exercise.name));
    }
    (!problems.is_empty()).then(|| CaseResult {
        exercise: exercise.name.clone(),
        case: "metadata".to_string(),
        expected: Expectation::Pass,
        verdict: None,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_headers_parse() {
        let text = "//! grader: expect fail a_check \"ran one after another\"\n//! grader: expect fail other \"blocked\"\n//! Awaits in sequence.\nfn main() {}";
        assert_eq!(
            parse_expectation(text).unwrap(),
            Expectation::Fail {
                checks: vec![("a_check".into(), "ran one after another".into()), ("other".into(), "blocked".into())]
            }
        );
        assert_eq!(parse_expectation("//! grader: expect pass\n").unwrap(), Expectation::Pass);
        assert!(parse_expectation("//! nothing here\n").is_err());
        assert!(parse_expectation("//! grader: expect pass\n//! grader: expect fail x \"y\"\n").is_err());
    }
}
