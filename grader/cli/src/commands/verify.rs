//! `grader verify`: the instructor's proof. For each exercise, grafted onto pristine
//! checks in a scratch workspace (never the learner's files):
//! - the stub fails, for its intended reason: as `exercise.toml`'s `stub` declares, in
//!   the grammar of a fixture's header (`stub = ['expect fail <check> "<text>"', …]`),
//!   else by failing a check (or not compiling, with `stub_fails = "compile"`);
//! - the solution passes;
//! - every answer fixture in `solutions/<exercise>/answers/` behaves as its header
//!   declares (`//! grader: expect pass`, `expect fail <check> "<text>"` for every check
//!   that fails, `expect compile-error "<text>"` or `expect forbidden "<text>"`); a
//!   header line it can't read stops it, showing the line and how to write it;
//! - the metadata is complete: a title, two hints or more, an existing chapter, its
//!   code in `docs/examples` declared with its scenes, nothing left to write.
//!
//! `--case <name>` runs one case of one exercise, and `--verbose` shows every check of
//! each case in full, as `grader check --verbose` would: how an author reads a fixture's
//! whole output without copying it over the learner's file.

mod cases;
mod judging;
mod lint;
mod metadata;
mod traces;

use cases::*;
use judging::*;
use lint::*;
use metadata::*;
use traces::*;

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::cargo;
use crate::checks::Status;
use crate::cli::Format;
use crate::config::Config;
use crate::exercise::{self, Exercise};
use crate::exit::Outcome;
use crate::expectation::{Expectation, parse_expectation, stub_expectation, traces_vary};
use crate::judge::{limit_for, report_for};
use crate::report::{Report, Verdict};
use crate::scratch::Scratch;
use crate::style;

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

/// How to verify.
#[derive(Clone, Debug)]
pub struct Options {
    /// Only this case of the one exercise asked for: `stub`, `solution`, or an answer
    /// fixture (`name`, `name.rs` or `answers/name.rs`).
    pub case: Option<String>,
    /// Under each case, every check's whole message (human format).
    pub verbose: bool,
    pub format: Format,
    /// Each check's wall-clock limit, in seconds (else the exercise's own).
    pub timeout: Option<u64>,
    /// Rewrite `checks/expected/` instead of failing when it has drifted.
    pub record_expected: bool,
    /// How many times to run each case; every run must give the same verdicts and
    /// byte-identical traces.
    pub runs: usize,
    /// How many cases run at once.
    pub jobs: usize,
}

pub fn run(config: &Config, query: Option<&str>, options: Options, out: &mut dyn Write) -> Result<Outcome> {
    let format = options.format;
    let all = exercise::discover(&config.exercises_dir())?;
    let chosen: Vec<Exercise> = match query {
        Some(query) => vec![exercise::resolve(&all, query)?.clone()],
        None => all,
    };
    let mut results: Vec<CaseResult> = Vec::new();
    let mut cases = Vec::new();
    for exercise in &chosen {
        if options.case.is_none() {
            results.extend(metadata_problems(config, exercise));
        }
        cases.extend(cases_for(config, exercise)?);
    }
    if let Some(wanted) = &options.case {
        cases = vec![only_case(cases, wanted)?];
    }

    let mut scratch = Scratch::create(&config.root, &config.target_dir().join("grader").join("verify"))?;
    // What the learner's files may not use is refused before anything is built.
    let refused: Vec<Vec<crate::policy::Refusal>> =
        cases.iter().map(|c| crate::policy::refusals(&c.exercise.meta.allow, &c.files)).collect();
    let mut places = bundle_cases(&mut scratch, &chosen, &cases, &refused)?;
    for (place, refused) in places.iter_mut().zip(&refused) {
        if !refused.is_empty() {
            *place = Some(Place::Refused(refused.clone()));
        }
    }
    for (case, place) in cases.iter().zip(&mut places) {
        if place.is_none() {
            *place = Some(Place::Own(scratch.graft(&case.exercise, &case.package, &case.files)?));
        }
    }
    scratch.finish()?;
    if format == Format::Human {
        writeln!(out, "Building {} cases of {} exercises…", cases.len(), chosen.len())?;
        out.flush()?;
    }
    let mut packages: Vec<&str> = places.iter().flatten().filter_map(Place::package).collect();
    packages.dedup();
    let mut build = cargo::build_cases(scratch.root(), &config.target_dir(), &packages)?;
    // A bundle that did not build (a case that does not compile although it should, two
    // cases that clash): its cases are built again one crate each, so each gets its own
    // verdict.
    let mut again = Vec::new();
    for (case, place) in cases.iter().zip(&mut places) {
        if let Some(Place::Bundled(bundle, _)) = place
            && !build.executables.iter().any(|(from, _)| from == &bundle.package)
        {
            *place = Some(Place::Own(scratch.graft(&case.exercise, &case.package, &case.files)?));
            again.push(case.package.as_str());
        }
    }
    if !again.is_empty() {
        scratch.finish()?;
        let rebuilt = cargo::build_cases(scratch.root(), &config.target_dir(), &again)?;
        build.diagnostics.extend(rebuilt.diagnostics);
        build.executables.extend(rebuilt.executables);
    }
    let places: Vec<Place> = places.into_iter().map(|p| p.expect("every case has a place")).collect();
    let solutions: Vec<(&str, &Case, &crate::scratch::Graft)> = cases
        .iter()
        .zip(&places)
        .filter_map(|(c, p)| match p {
            Place::Own(graft) if c.name == "solution" => Some((c.package.as_str(), c, graft)),
            _ => None,
        })
        .collect();
    let lints = lint_solutions(config, scratch.root(), &solutions)?;

    let bar = crate::render::progress_bar(cases.len() as u64, format == Format::Human);
    let jobs: Vec<(&Case, &Place)> = cases.iter().zip(&places).collect();
    // Each exercise's check names, from the reports of its cases that ran checks.
    let mut check_names: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
    let judged = crate::pool::each(
        &jobs,
        options.jobs,
        |(case, place)| run_case(case, place, &build, scratch.root(), &options),
        |i, result| {
            let (mut result, description, report) = result?;
            let case = &cases[i];
            check_names
                .entry(case.exercise.name.clone())
                .or_default()
                .extend(report.checks.iter().map(|c| c.name.clone()));
            if let Some(problems) = lints.get(&case.package) {
                result.problems.extend(problems.iter().cloned());
            }
            if format == Format::Human {
                let mark = if result.problems.is_empty() { style::pass("✓") } else { style::fail("✗") };
                bar.suspend(|| -> std::io::Result<()> {
                    writeln!(out, "{mark} {} {} {}", case.exercise.name, case.name, style::dim(&description))?;
                    for problem in &result.problems {
                        writeln!(out, "    {}", problem)?;
                    }
                    if options.verbose || !result.problems.is_empty() {
                        grafted_note(out, config, case, &places[i])?;
                    }
                    if options.verbose {
                        show_in_full(out, &report)?;
                    }
                    Ok(())
                })?;
            }
            bar.set_message(format!("{} {}", case.exercise.name, case.name));
            bar.inc(1);
            Ok(result)
        },
    )?;
    bar.finish_with_message("verified");
    results.extend(judged);
    if options.case.is_none() {
        for exercise in &chosen {
            let Some(names) = check_names.get(&exercise.name).filter(|names| !names.is_empty()) else { continue };
            let problems = unknown_hint_for(&exercise.meta.hint_for, names);
            if problems.is_empty() {
                continue;
            }
            match results.iter_mut().find(|r| r.exercise == exercise.name && r.case == "metadata") {
                Some(metadata) => metadata.problems.extend(problems),
                None => results.push(CaseResult {
                    exercise: exercise.name.clone(),
                    case: "metadata".to_string(),
                    expected: Expectation::Pass,
                    verdict: None,
                    problems,
                }),
            }
        }
    }
    if options.record_expected && format == Format::Human {
        writeln!(out, "Recorded the solutions' traces in each exercise's {EXPECTED_DIR}/ (commit them).")?;
    }

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
            let runs = if options.runs > 1 { format!(", each run {} times,", options.runs) } else { String::new() };
            if failed.is_empty() {
                writeln!(out, "{} {} cases{runs} behave as declared.", style::pass("Verified:"), results.len())?;
            } else {
                writeln!(
                    out,
                    "{} {} of {} cases{runs} do not behave as declared.",
                    style::fail("Not verified:"),
                    failed.len(),
                    results.len()
                )?;
            }
        }
    }
    Ok(if failed.is_empty() { Outcome::Passed } else { Outcome::NotYet })
}

/// The one case `wanted` names among an exercise's cases: `stub`, `solution`, or an
/// answer fixture by its name, with or without `.rs` and `answers/`.
fn only_case(cases: Vec<Case>, wanted: &str) -> Result<Case> {
    let bare = wanted.strip_prefix("answers/").unwrap_or(wanted);
    let bare = bare.strip_suffix(".rs").unwrap_or(bare);
    let names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    cases.into_iter().find(|c| c.name == bare || c.name == format!("answers/{bare}.rs")).with_context(|| {
        format!(
            "there is no case `{wanted}` (hint: the cases are {})",
            names.iter().map(|n| n.strip_prefix("answers/").unwrap_or(n)).collect::<Vec<_>>().join(", ")
        )
    })
}

/// For an answer that replaces items: the file its line numbers refer to, its items
/// grafted onto its base, the solution or another answer (kept in the scratch workspace).
fn grafted_note(out: &mut dyn Write, config: &Config, case: &Case, place: &Place) -> std::io::Result<()> {
    let Some((file, contents)) = case.files.first().filter(|(_, text)| crate::graft::replaces_items(text)) else {
        return Ok(());
    };
    let dir = match place {
        Place::Own(graft) => &graft.dir,
        Place::Bundled(_, bundled) => &bundled.dir,
        Place::Refused(_) => return Ok(()),
    };
    let path = dir.join(file);
    let shown = path.strip_prefix(&config.root).unwrap_or(&path).display().to_string();
    let note = format!(
        "(line numbers refer to {shown}: this answer's items grafted onto its base, {} lines)",
        contents.lines().count()
    );
    writeln!(out, "    {}", style::dim(&note))
}

/// Every check of a case, as `grader check --verbose` shows them, indented under the
/// case's line.
fn show_in_full(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut text = Vec::new();
    crate::render::checks(&mut text, report, crate::render::Detail { verbose: true, ..Default::default() })?;
    writeln!(out)?;
    for line in String::from_utf8_lossy(&text).lines() {
        if line.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out)
}

/// Where a case is built: a crate of its own, or a module of its exercise's bundle.
#[derive(Debug)]
enum Place {
    Own(crate::scratch::Graft),
    Bundled(crate::scratch::Bundle, crate::scratch::BundledCase),
    /// Not built: the case uses what its exercise does not allow.
    Refused(Vec<crate::policy::Refusal>),
}

impl Place {
    fn package(&self) -> Option<&str> {
        match self {
            Place::Own(graft) => Some(&graft.package),
            Place::Bundled(bundle, _) => Some(&bundle.package),
            Place::Refused(_) => None,
        }
    }
}

/// Puts the cases of each exercise that are meant to compile, other than the solution
/// (linted on its own), into one crate: one build instead of one per case. Returns each
/// case's place, `None` for the cases left to a crate of their own.
fn bundle_cases(
    scratch: &mut Scratch,
    exercises: &[Exercise],
    cases: &[Case],
    refused: &[Vec<crate::policy::Refusal>],
) -> Result<Vec<Option<Place>>> {
    let mut places: Vec<Option<Place>> = cases.iter().map(|_| None).collect();
    for exercise in exercises {
        let members: Vec<usize> = cases
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.exercise.name == exercise.name
                    && c.name != "solution"
                    && !matches!(c.expected, Expectation::CompileError { .. })
                    && refused[*i].is_empty()
            })
            .map(|(i, _)| i)
            .collect();
        if members.len() < 2 {
            continue;
        }
        let package = format!("v{:02}-{}-bundle", exercise.number, exercise.slug);
        let contents: Vec<(String, Vec<(String, String)>)> =
            members.iter().map(|&i| (cases[i].name.clone(), cases[i].files.clone())).collect();
        let bundle = scratch.bundle(exercise, &package, &contents)?;
        for (&i, case) in members.iter().zip(&bundle.cases) {
            places[i] = Some(Place::Bundled(bundle.clone(), case.clone()));
        }
    }
    Ok(places)
}

/// Runs one case `options.runs` times and judges it: as declared, the same every run,
/// and for the solution, its traces as shipped in `checks/expected/`. Returns the result,
/// a one-line description for the listing, and the (first) report.
fn run_case(
    case: &Case,
    place: &Place,
    build: &cargo::Build,
    workspace: &Path,
    options: &Options,
) -> Result<(CaseResult, String, Report)> {
    let limit = limit_for(&case.exercise, options.timeout);
    // A bundled case: its module's checks only, and the compiler's messages about its
    // own files only.
    let (package, crate_dir, only, sources, bundled_build) = match place {
        Place::Refused(refused) => {
            let report = Report::forbidden(&case.exercise, refused.clone());
            let problems = judge_case(&case.expected, case.declared_in, &report);
            return Ok(result_of(case, report, problems));
        }
        Place::Own(graft) => (graft.package.as_str(), graft.dir.as_path(), None, None, None),
        Place::Bundled(bundle, bundled) => {
            let own = |d: &cargo::Diagnostic| {
                d.spans.iter().any(|s| {
                    Path::new(&s.file_name).starts_with(&bundled.dir)
                        || s.file_name.contains(&format!("cases/{}/", bundled.module))
                })
            };
            let build = cargo::Build {
                diagnostics: build
                    .diagnostics
                    .iter()
                    .filter(|(from, d)| from == &bundle.package && own(d))
                    .cloned()
                    .collect(),
                executables: build.executables.iter().filter(|(from, _)| from == &bundle.package).cloned().collect(),
                stderr: String::new(),
            };
            (
                bundle.package.as_str(),
                bundle.dir.as_path(),
                Some(format!("{}::", bundled.module)),
                Some(bundled.dir.clone()),
                Some(build),
            )
        }
    };
    let build = bundled_build.as_ref().unwrap_or(build);
    let base = workspace.join(".runs").join(&case.package);
    let _ = std::fs::remove_dir_all(&base);
    let mut first: Option<(Report, Traces)> = None;
    let mut problems = Vec::new();
    for n in 1..=options.runs.max(1) {
        let traces_dir = base.join(format!("traces-{n}"));
        let report = report_for(
            &case.exercise,
            build,
            package,
            crate_dir,
            workspace,
            &base.join(format!("run-{n}")),
            crate::checks::RunOptions {
                limit,
                record_traces: Some(traces_dir.clone()),
                only: only.clone(),
                sources: sources.clone(),
                // The instructor's own fixtures, but hostile ones among them: the same
                // sandbox as a learner's check, where it starts.
                confine: crate::sandbox_policy::Confine::IfAvailable,
                ..Default::default()
            },
        )?;
        let traces = read_traces(&traces_dir)?;
        match &first {
            None => {
                problems = judge_case(&case.expected, case.declared_in, &report);
                if case.name == "solution" && problems.is_empty() {
                    problems.extend(expected_traces(&case.exercise, &traces, options.record_expected)?);
                }
                first = Some((report, traces));
            }
            Some((report_1, traces_1)) => {
                let traces_1 = if case.traces_vary { &traces } else { traces_1 };
                let differ = differences(n, report_1, &report, traces_1, &traces, &base);
                // A run that differs from the first: more runs would only say it again.
                if !differ.is_empty() {
                    problems.extend(differ);
                    break;
                }
            }
        }
    }
    let (report, _) = first.expect("at least one run");
    Ok(result_of(case, report, problems))
}

/// A case's result from its (first) report and the problems found, with its one-line
/// description for the listing, and the report.
fn result_of(case: &Case, report: Report, problems: Vec<String>) -> (CaseResult, String, Report) {
    let result = CaseResult {
        exercise: case.exercise.name.clone(),
        case: case.name.clone(),
        expected: case.expected.clone(),
        verdict: Some(report.verdict),
        problems,
    };
    let description = describe(&case.expected, &report);
    (result, description, report)
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
        // `replaces items` says how the answer is built, not what it does.
        assert_eq!(
            parse_expectation("//! grader: expect pass\n//! grader: replaces items\n").unwrap(),
            Expectation::Pass
        );
        assert!(parse_expectation("//! nothing here\n").is_err());
        assert!(parse_expectation("//! grader: expect pass\n//! grader: expect fail x \"y\"\n").is_err());
    }

    /// The text runs from the first quote to the last: quotes inside it are as written.
    #[test]
    fn inner_quotes_are_written_plainly() {
        let text = "//! grader: expect fail ready_together \"said \"all ready\" 3 times\"\n//! grader: traces vary \"it picks at random\"\n";
        assert_eq!(
            parse_expectation(text).unwrap(),
            Expectation::Fail { checks: vec![("ready_together".into(), "said \"all ready\" 3 times".into())] }
        );
        // One check declared twice: its message must contain both texts.
        let twice = "//! grader: expect fail a \"one\"\n//! grader: expect fail a \"two\"\n";
        assert_eq!(
            parse_expectation(twice).unwrap(),
            Expectation::Fail { checks: vec![("a".into(), "one".into()), ("a".into(), "two".into())] }
        );
    }

    /// What the header can't say is refused with the line and how to write it.
    #[test]
    fn unreadable_header_lines_show_the_fix() {
        let refused = |text: &str| format!("{:#}", parse_expectation(text).unwrap_err());
        for (text, says) in [
            (
                "//! grader: expect fial waits \"took 2 s\"\n",
                "`fial` is not one of pass, fail, compile-error, forbidden (hint: write it as `//! grader: expect fail waits \"took 2 s\"`)",
            ),
            (
                "//! grader: expect fail waits took 2 s\n",
                "the text must be in double quotes (hint: write it as `//! grader: expect fail waits \"took 2 s\"`)",
            ),
            (
                "//! grader: expect fail ready \"said \\\"all ready\\\" 3 times\"\n",
                "write it as `//! grader: expect fail ready \"said \"all ready\" 3 times\"`",
            ),
            ("//! grader: expect fail \"took 2 s\"\n", "names no check"),
            ("//! grader: expect fail waits-all \"x\"\n", "`waits-all` is not a check's name"),
            ("//! grader: expect compile-error \"\"\n", "an empty text matches every message"),
            ("//! grader: expect pass now\n", "nothing follows `expect pass`"),
            ("//! grader: expects pass\n", "is not a directive the grader knows"),
            ("//! grader: traces vary\n", "the text must be in double quotes"),
            (
                "//! grader: expect pass\n\n//! grader: expect fail a \"b\"\n",
                "line 3, `//! grader: expect fail a \"b\"`, is never read",
            ),
            ("//! grader: expect pass\n// grader: expect fail a \"b\"\n", "written `//! grader: expect fail a \"b\"`"),
        ] {
            let message = refused(text);
            assert!(message.contains(says), "{text:?} gave: {message}");
        }
    }

    /// `exercise.toml`'s `stub` is read with the header's grammar; a stub never passes.
    #[test]
    fn the_stub_is_declared_in_exercise_toml() {
        let exercise = |toml: &str| {
            let meta = toml::from_str(&format!("title = \"t\"\nchapter = \"c.md\"\nfiles = [\"src/a.rs\"]\n{toml}"));
            Exercise {
                name: "21-x".into(),
                number: 21,
                slug: "x".into(),
                dir: std::path::PathBuf::new(),
                package: String::new(),
                meta: meta.unwrap(),
            }
        };
        let declared = |toml: &str| stub_expectation(&exercise(toml));
        assert_eq!(
            declared(r#"stub = ['expect fail a "said "no" twice"', 'expect fail b "late"']"#).unwrap(),
            Expectation::Fail { checks: vec![("a".into(), "said \"no\" twice".into()), ("b".into(), "late".into())] }
        );
        assert_eq!(
            declared("stub_fails = \"compile\"\nstub = ['expect compile-error \"found future\"']").unwrap(),
            Expectation::CompileError { fragment: Some("found future".into()) }
        );
        assert_eq!(declared("").unwrap(), Expectation::FailACheck);
        assert_eq!(declared("stub_fails = \"compile\"").unwrap(), Expectation::CompileError { fragment: None });
        let refused = |toml: &str| format!("{:#}", declared(toml).unwrap_err());
        assert!(refused("stub = ['expect pass']").contains("a stub fails, by its checks or by not compiling"));
        assert!(
            refused("stub_fails = \"compile\"\nstub = ['expect fail a \"b\"']")
                .contains("`stub_fails = \"compile\"` says the stub does not compile")
        );
        let unquoted = refused("stub = ['expect fail a took 2 s']");
        assert!(
            unquoted.starts_with("in exercises/21-x/exercise.toml, `stub`: `'expect fail a took 2 s'`")
                && unquoted.contains("(hint: write it as `'expect fail a \"took 2 s\"'`)"),
            "{unquoted}"
        );
    }

    #[test]
    fn a_hint_for_key_that_is_no_check_is_named_with_the_nearest() {
        let checks: std::collections::BTreeSet<String> =
            ["three_fetches_take_one_second", "results_keep_input_order"].map(String::from).into();
        let hint_for = |keys: &[&str]| keys.iter().map(|k| (k.to_string(), 1)).collect();
        assert!(unknown_hint_for(&hint_for(&["compile-error", "results_keep_input_order"]), &checks).is_empty());
        let problems = unknown_hint_for(&hint_for(&["result_keep_input_order", "compile_error"]), &checks);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0]
                .contains("key `compile_error`, which is no check of this exercise: the nearest is `compile-error`")
        );
        assert!(problems[1].contains("key `result_keep_input_order`, which is no check of this exercise: the nearest is `results_keep_input_order`"));
    }

    #[test]
    fn a_misspelt_check_is_named_with_the_nearest() {
        let checks = ["three_fetches_take_one_second", "results_keep_input_order"];
        let problem =
            no_such_check("three_fetch_take_one_second", "ran one after another", &checks, DeclaredIn::Header);
        assert!(
            problem.contains(
                "names no check of this exercise; write it as `//! grader: expect fail three_fetches_take_one_second \"ran one after another\"`"
            ),
            "{problem}"
        );
        assert!(!no_such_check("zzz", "x", &checks, DeclaredIn::Header).contains("write it as"));
        let stub = no_such_check("three_fetch_take_one_second", "ran", &checks, DeclaredIn::StubToml);
        assert!(stub.contains("write it as `'expect fail three_fetches_take_one_second \"ran\"'`"), "{stub}");
    }
}
