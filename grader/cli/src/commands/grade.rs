//! `grader grade <submissions>`: grade a class.
//!
//! Each submission is a folder holding a learner's `exercises/` tree (a clone of their
//! repository will do). Only the learner's files (those each `exercise.toml` lists) are
//! taken from it, and grafted onto this workbook's pristine checks in a scratch
//! workspace of the submission's own; every other difference (edited checks,
//! snapshots, manifests, a `build.rs`, extra files) has no effect and is listed.
//! Each submission is built by one cargo call, and each exercise's checks run in their
//! own process group under a per-check wall-clock limit and a memory limit, so a
//! submission that crashes, hangs or floods its output is graded like any other.
//!
//! The gradebook (see [`books`]) is written in several formats at once; `--shard i/n`
//! grades a share of the class, and `--merge` joins the shares' gradebooks.

mod books;
mod model;

pub use model::{CheckGrade, Grade, Gradebook, Graded, Submission};
use model::{grade_of, grade_without_run};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

use crate::cargo;
use crate::config::Config;
use crate::exercise::{self, Exercise};
use crate::exit::Outcome;
use crate::judge::{limit_for, report_for};
use crate::report::{Report, Verdict};
use crate::scratch::Scratch;
use crate::style;

/// How to grade.
#[derive(Debug, Default)]
pub struct Options {
    pub jobs: Option<usize>,
    pub shard: Option<String>,
    pub exercises: Vec<String>,
    pub timeout: Option<u64>,
    pub memory_mib: u64,
    /// Whether the checks run in the OS sandbox: required unless `--no-sandbox`.
    pub sandbox: crate::sandbox_policy::Confine,
}

/// How long one submission's build may take: rustc can be made to work forever.
const BUILD_LIMIT: Duration = Duration::from_secs(900);

/// The largest learner file taken: larger ones are not source anybody wrote by hand.
const MAX_FILE: u64 = 1024 * 1024;

/// The version of the gradebook's JSON, for the merge step.
const VERSION: u32 = 1;

pub fn run(
    config: &Config,
    paths: &[PathBuf],
    out_dir: &Path,
    options: Options,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match options.sandbox {
        crate::sandbox_policy::Confine::Off => writeln!(
            out,
            "{} grading WITHOUT the sandbox (--no-sandbox): the submissions' code can reach this machine's \
             files and network. Only do this for code you trust.",
            style::warn("Warning:")
        )?,
        _ => {
            if let Err(why) = crate::sandbox_policy::available() {
                bail!(
                    "the sandbox that contains the submissions' code can't start on this machine: {why}\n\
                     (hint: it needs Linux with unprivileged user namespaces and Landlock; `--no-sandbox` grades \
                     without it, for code you trust)"
                );
            }
        }
    }
    let all = exercise::discover(&config.exercises_dir())?;
    let exercises: Vec<Exercise> = if options.exercises.is_empty() {
        all
    } else {
        let mut chosen: Vec<Exercise> = Vec::new();
        for query in &options.exercises {
            let found = exercise::resolve(&all, query)?;
            if !chosen.iter().any(|e| e.name == found.name) {
                chosen.push(found.clone());
            }
        }
        chosen.sort_by_key(|e| e.number);
        chosen
    };
    let mut submissions = find_submissions(paths)?;
    if let Some(shard) = &options.shard {
        let (index, count) = parse_shard(shard)?;
        submissions =
            submissions.into_iter().enumerate().filter(|(i, _)| i % count == index - 1).map(|(_, s)| s).collect();
    }
    let jobs = options.jobs.unwrap_or(1).max(1);
    writeln!(
        out,
        "Grading {} submission{} on {} exercise{} ({jobs} at a time)…",
        submissions.len(),
        if submissions.len() == 1 { "" } else { "s" },
        exercises.len(),
        if exercises.len() == 1 { "" } else { "s" },
    )?;
    out.flush()?;

    let bar = crate::render::progress_bar(submissions.len() as u64, true);
    let graded = crate::pool::each(
        &submissions,
        jobs,
        |(id, path)| grade_submission(config, &exercises, id, path, &options),
        |_, submission| {
            bar.suspend(|| summary_line(out, &submission, exercises.len()))?;
            bar.set_message(submission.id.clone());
            bar.inc(1);
            Ok(submission)
        },
    )?;
    bar.finish_with_message("graded");
    let book = Gradebook {
        version: VERSION,
        exercises: exercises.iter().map(|e| e.name.clone()).collect(),
        submissions: graded,
    };
    write_books(&book, out_dir, out)
}

/// Joins the gradebooks of shards (their `--out` folders, or `gradebook.json` files).
pub fn merge(_config: &Config, paths: &[PathBuf], out_dir: &Path, out: &mut dyn Write) -> Result<Outcome> {
    let mut merged: Option<Gradebook> = None;
    for path in paths {
        let file = if path.is_dir() { path.join("gradebook.json") } else { path.clone() };
        let text = std::fs::read_to_string(&file).with_context(|| {
            format!("failed to read {} (hint: pass the --out folders of the shards)", file.display())
        })?;
        let book: Gradebook = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a gradebook written by `grader grade`", file.display()))?;
        if book.version != VERSION {
            bail!("{} is a version {} gradebook; this grader writes version {VERSION}", file.display(), book.version);
        }
        match &mut merged {
            None => merged = Some(book),
            Some(all) => {
                if all.exercises != book.exercises {
                    bail!(
                        "{} graded other exercises ({}) than the shards before it ({}): grade every shard with \
                         the same workbook and --exercise options",
                        file.display(),
                        book.exercises.join(", "),
                        all.exercises.join(", ")
                    );
                }
                for submission in book.submissions {
                    match all.submissions.iter().find(|s| s.id == submission.id) {
                        Some(same) if *same == submission => {}
                        Some(_) => bail!(
                            "the submission `{}` is in two shards with different grades; did two shards use \
                             different --shard counts?",
                            submission.id
                        ),
                        None => all.submissions.push(submission),
                    }
                }
            }
        }
    }
    let mut book = merged.context("nothing to merge: pass the --out folders of the shards")?;
    book.submissions.sort_by(|a, b| a.id.cmp(&b.id));
    writeln!(out, "Merged {} gradebooks: {} submissions.", paths.len(), book.submissions.len())?;
    write_books(&book, out_dir, out)
}

/// Writes every format into `out_dir`, keeping an earlier gradebook there aside.
fn write_books(book: &Gradebook, out_dir: &Path, out: &mut dyn Write) -> Result<Outcome> {
    if out_dir.join("gradebook.json").exists() {
        let aside = out_dir.with_file_name(format!(
            "{}-{}",
            out_dir.file_name().unwrap_or_default().to_string_lossy(),
            chrono_free_timestamp()
        ));
        std::fs::rename(out_dir, &aside).with_context(|| {
            format!("failed to move the earlier gradebook {} aside to {}", out_dir.display(), aside.display())
        })?;
        writeln!(out, "The earlier gradebook in {} is kept as {}.", out_dir.display(), aside.display())?;
    }
    let written = books::write_all(book, out_dir)?;
    let passed: u32 = book.submissions.iter().flat_map(|s| &s.grades).map(|g| g.points).sum();
    let possible = book.submissions.len() * book.exercises.len();
    writeln!(out)?;
    writeln!(
        out,
        "{} {} submissions, {passed} of {possible} exercise grades are passes.",
        style::pass("Graded:"),
        book.submissions.len()
    )?;
    for file in written {
        writeln!(out, "  {}", file.display())?;
    }
    Ok(Outcome::Passed)
}

fn summary_line(out: &mut dyn Write, submission: &Submission, exercises: usize) -> std::io::Result<()> {
    if let Some(error) = &submission.error {
        return writeln!(out, "{} {:<24} {}", style::fail("✗"), submission.id, error);
    }
    let passed = submission.grades.iter().filter(|g| g.points > 0).count();
    let flags: Vec<String> = submission
        .grades
        .iter()
        .filter(|g| !matches!(g.verdict, Graded::Ran(Verdict::Pass | Verdict::Fail)))
        .map(|g| format!("{} {}", g.exercise, g.verdict))
        .collect();
    let mark = if passed == exercises { style::pass("✓") } else { style::warn("·") };
    writeln!(
        out,
        "{mark} {:<24} {passed}/{exercises} pass{}",
        submission.id,
        if flags.is_empty() { String::new() } else { format!("  ({})", flags.join(", ")) }
    )
}

/// `i/n`, 1-based.
fn parse_shard(text: &str) -> Result<(usize, usize)> {
    let parsed = text
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse::<usize>().ok()?, n.trim().parse::<usize>().ok()?)));
    match parsed {
        Some((i, n)) if n >= 1 && (1..=n).contains(&i) => Ok((i, n)),
        _ => bail!("--shard takes i/n with 1 ≤ i ≤ n, like --shard 2/4 (the second of four shares); got `{text}`"),
    }
}

/// The submissions under `paths`: a folder with an `exercises/` folder is one; any
/// other folder holds one per sub-folder. Sorted by id; ids are unique.
fn find_submissions(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>> {
    let mut found: Vec<PathBuf> = Vec::new();
    for path in paths {
        if !path.is_dir() {
            bail!(
                "{} is not a folder of submissions (hint: each submission is a folder holding `exercises/`)",
                path.display()
            );
        }
        if path.join("exercises").is_dir() {
            found.push(path.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("failed to read {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        inside.sort();
        if inside.is_empty() {
            bail!("{} holds no submissions: no sub-folders, and no exercises/ folder of its own", path.display());
        }
        found.extend(inside);
    }
    let mut submissions: Vec<(String, PathBuf)> = Vec::new();
    for path in found {
        let base = safe_id(&path.file_name().unwrap_or_default().to_string_lossy());
        let mut id = base.clone();
        let mut n = 2;
        while submissions.iter().any(|(other, _)| *other == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        submissions.push((id, path));
    }
    submissions.sort();
    Ok(submissions)
}

/// Lower-case letters, digits and dashes: safe in file names and cargo package names.
fn safe_id(name: &str) -> String {
    let mut id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    id.truncate(40);
    if id.is_empty() { "submission".to_string() } else { id.trim_end_matches('-').to_string() }
}

/// Grades one submission; never fails: what went wrong is in the result.
fn grade_submission(config: &Config, exercises: &[Exercise], id: &str, path: &Path, options: &Options) -> Submission {
    let mut submission = Submission {
        id: id.to_string(),
        path: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
        error: None,
        ignored: Vec::new(),
        grades: Vec::new(),
    };
    if !path.join("exercises").is_dir() {
        submission.error = Some("no exercises/ folder in this submission".to_string());
        return submission;
    }
    submission.ignored = crate::tamper::outside_exercises(&config.root, path);
    match grade_exercises(config, exercises, id, path, options) {
        Ok(grades) => submission.grades = grades,
        Err(error) => submission.error = Some(format!("{error:#}")),
    }
    submission
}

fn grade_exercises(
    config: &Config,
    exercises: &[Exercise],
    id: &str,
    path: &Path,
    options: &Options,
) -> Result<Vec<Grade>> {
    let scratch_dir = config.target_dir().join("grader").join("grade").join(id);
    let mut scratch = Scratch::create(&config.root, &scratch_dir)?;
    // What each exercise will be: a graft to build, or a grade already (nothing to build).
    let mut plans: Vec<Result<(crate::scratch::Graft, Vec<String>), Grade>> = Vec::new();
    for exercise in exercises {
        let tampered = crate::tamper::in_submission(exercise, &path.join("exercises").join(&exercise.name));
        match learner_files(exercise, path) {
            Ok(files) => {
                // What the exercise does not allow is refused before anything is built.
                let refused = crate::policy::refusals(&exercise.meta.allow, &files);
                if !refused.is_empty() {
                    let report = Report::forbidden(exercise, refused);
                    plans.push(Err(grade_of(exercise, &report, tampered)));
                    continue;
                }
                let package = format!("g-{id}-{:02}-{}", exercise.number, exercise.slug);
                plans.push(Ok((scratch.graft(exercise, &package, &files)?, tampered)));
            }
            Err(why) => plans.push(Err(grade_without_run(exercise, Graded::Missing, &why, tampered))),
        }
    }
    scratch.finish()?;
    let packages: Vec<&str> = plans.iter().filter_map(|p| p.as_ref().ok()).map(|(g, _)| g.package.as_str()).collect();
    let build = if packages.is_empty() {
        Ok(cargo::Build::default())
    } else {
        cargo::build_untrusted(scratch.root(), &config.target_dir(), &packages, BUILD_LIMIT)
    };
    let mut grades = Vec::new();
    for (exercise, plan) in exercises.iter().zip(plans) {
        let (graft, tampered) = match plan {
            Ok(planned) => planned,
            Err(grade) => {
                grades.push(grade);
                continue;
            }
        };
        let build = match &build {
            Ok(build) => build,
            Err(error) => {
                let message = format!("{error:#}");
                let verdict = if error.downcast_ref::<cargo::TimedOut>().is_some() {
                    Graded::Ran(Verdict::Timeout)
                } else {
                    Graded::Error
                };
                grades.push(grade_without_run(exercise, verdict, &message, tampered));
                continue;
            }
        };
        let started = Instant::now();
        let options = crate::checks::RunOptions {
            limit: limit_for(exercise, options.timeout),
            timelines: false,
            record_traces: None,
            memory: Some(options.memory_mib * 1024 * 1024),
            confine: options.sandbox,
            ..Default::default()
        };
        let run_dir = scratch.root().join(".runs").join(&graft.package);
        let _ = std::fs::remove_dir_all(&run_dir);
        let report = report_for(exercise, build, &graft.package, &graft.dir, scratch.root(), &run_dir, options);
        // What the checks wrote (reports, output, files) is read by now: nothing is left.
        let _ = std::fs::remove_dir_all(&run_dir);
        let mut grade = match report {
            Ok(report) => grade_of(exercise, &report, tampered),
            Err(error) => grade_without_run(exercise, Graded::Error, &format!("{error:#}"), tampered),
        };
        grade.seconds = (started.elapsed().as_secs_f64() * 100.0).round() / 100.0;
        grades.push(grade);
    }
    if let Ok(build) = &build {
        remove_executables(build);
    }
    Ok(grades)
}

/// Test executables are large, and a class has many: each goes once it has run.
fn remove_executables(build: &cargo::Build) {
    for (_, executable) in &build.executables {
        let _ = std::fs::remove_file(executable);
    }
}

/// The learner's files of `exercise` in the submission at `root`, or why not.
fn learner_files(exercise: &Exercise, root: &Path) -> std::result::Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for relative in &exercise.meta.files {
        let path = root.join("exercises").join(&exercise.name).join(relative);
        // No symlink on the way: it could lead anywhere on the grading machine.
        let mut walked = root.to_path_buf();
        for part in Path::new("exercises").join(&exercise.name).join(relative).components() {
            walked.push(part);
            if std::fs::symlink_metadata(&walked).is_ok_and(|m| m.file_type().is_symlink()) {
                let shown = walked.strip_prefix(root).unwrap_or(&walked).display().to_string();
                return Err(format!("{shown} is a symbolic link: submissions are taken as plain files only"));
            }
        }
        let metadata = std::fs::symlink_metadata(&path)
            .map_err(|_| format!("exercises/{}/{relative} is missing", exercise.name))?;
        if !metadata.is_file() {
            return Err(format!("exercises/{}/{relative} is not a plain file", exercise.name));
        }
        if metadata.len() > MAX_FILE {
            return Err(format!("exercises/{}/{relative} is larger than {} KiB", exercise.name, MAX_FILE / 1024));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|_| format!("exercises/{}/{relative} is not UTF-8 text", exercise.name))?;
        files.push((relative.clone(), text));
    }
    Ok(files)
}

/// Seconds since the epoch: enough to keep earlier gradebooks apart.
fn chrono_free_timestamp() -> String {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0).to_string()
}

#[cfg(test)]
mod tests {
    use super::model::first_line;
    use super::*;

    #[test]
    fn shards_are_one_based_and_bounded() {
        assert_eq!(parse_shard("2/4").unwrap(), (2, 4));
        assert!(parse_shard("0/4").is_err());
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("x").is_err());
    }

    #[test]
    fn a_message_that_ends_in_a_colon_keeps_its_reason() {
        assert_eq!(
            first_line(
                "cargo could not build 04-gather, so this is a setup problem:\nerror: no space left on device\n(hint: …)"
            ),
            "cargo could not build 04-gather, so this is a setup problem: error: no space left on device"
        );
        assert_eq!(first_line("\n  one line\nanother"), "one line");
    }

    #[test]
    fn ids_are_safe_for_files_and_packages() {
        assert_eq!(safe_id("Ada Lovelace (2)"), "ada-lovelace-2");
        assert_eq!(safe_id("../../etc"), "etc");
        assert_eq!(safe_id("☃"), "submission");
    }
}
