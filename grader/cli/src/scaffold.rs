//! What a scaffold is, for `grader new`, which writes one, and `grader verify`, which
//! reports what is still missing from it: the marker every placeholder holds, where an
//! exercise is wired into the book and the README, and what is left to write.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::exercise::Exercise;
use crate::expectation::{Expectation, parse_expectation};

/// The words every placeholder holds, so an instructor (and [`unfinished`]) can find them.
pub const MARKER: &str = "TODO(grader new)";

/// Where the book's code lives: `chNN.rs` per chapter, declared in its `lib.rs`.
pub const EXAMPLES: &str = "docs/examples/src";

/// The name of chapter `number`'s module in the book's code crate: `ch04`, `ch21`.
pub fn chapter_module(number: u32) -> String {
    format!("ch{number:02}")
}

/// The number of a line `pub mod ch04;`.
pub fn module_number(line: &str) -> Option<u32> {
    let digits = line.trim().strip_prefix("pub mod ch")?.strip_suffix(';')?;
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
}

/// The number of a line `ch04::SCENES,` in `scenes()`.
pub fn scenes_number(line: &str) -> Option<u32> {
    let digits = line.trim().strip_prefix("ch")?.strip_suffix("::SCENES,")?;
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
}

/// The exercise number of a contents line such as `- [04 · gather](04-gather.md)` or
/// `- [04 · …](src/04-gather.md)`.
pub fn list_entry_number(line: &str) -> Option<u32> {
    let target = line.trim_start().strip_prefix("- [")?.split_once("](")?.1;
    let file = target.rsplit('/').next()?;
    let (number, _) = file.split_once('-')?;
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// The exercise number of a README table row such as `| 04 | `gather`: … | … |`.
pub fn table_row_number(line: &str) -> Option<u32> {
    let cell = line.trim_start().strip_prefix('|')?.split('|').next()?.trim();
    if cell.is_empty() || !cell.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cell.parse().ok()
}

/// The places of `exercise` that still hold [`MARKER`], in plain words (`exercises/21-rate-limiter/exercise.toml:
/// the title`), then what `solutions/<exercise>/answers/` lacks: fewer than two wrong answers, or no
/// other correct answer. Answers that still hold the marker don't count. Empty when nothing is left
/// to write. Files that can't be read are left to the checks that report them.
pub fn unfinished(config: &Config, exercise: &Exercise) -> Vec<String> {
    let mut places = Vec::new();
    let name = &exercise.name;
    let in_exercise = |file: &str| format!("exercises/{name}/{file}");
    let toml = in_exercise("exercise.toml");
    let meta = &exercise.meta;
    let held = |texts: &[String]| texts.iter().any(|t| t.contains(MARKER));
    for (field, holds) in [
        ("the title", meta.title.contains(MARKER)),
        ("the topic", meta.topic.contains(MARKER)),
        ("the Python constructs", held(&meta.python)),
        ("the hints", held(&meta.hints)),
        ("the stub's declared failure", held(&meta.stub)),
    ] {
        if holds {
            places.push(format!("{toml}: {field}"));
        }
    }
    if meta.stub.is_empty() {
        places.push(format!(
            "{toml}: the stub's declared failure, as an answer's header says it: `stub = ['expect fail <check> \
             \"<words of its lesson>\"', …]`, one entry a check it fails (or `['expect compile-error \"<text>\"']`)"
        ));
    }
    let has_marker = |path: &Path| std::fs::read_to_string(path).is_ok_and(|t| t.contains(MARKER));
    for file in &meta.files {
        if has_marker(&exercise.dir.join(file)) {
            places.push(format!("{}: the stub", in_exercise(file)));
        }
    }
    for (file, what) in [("checks/checks.rs", "the checks"), ("README.md", "the task")] {
        if has_marker(&exercise.dir.join(file)) {
            places.push(format!("{}: {what}", in_exercise(file)));
        }
    }
    let solutions = config.solutions_dir().join(name);
    for file in &meta.files {
        let file = file.strip_prefix("src/").unwrap_or(file);
        if has_marker(&solutions.join(file)) {
            places.push(format!("solutions/{name}/{file}: the reference solution"));
        }
    }
    places.extend(unfinished_answers(&solutions.join("answers"), name));
    if has_marker(&config.root.join(exercise.chapter())) {
        places.push(format!("{}: the chapter", exercise.chapter()));
    }
    let code = format!("{EXAMPLES}/{}.rs", chapter_module(exercise.number));
    if has_marker(&config.root.join(&code)) {
        places.push(format!("{code}: the chapter's code"));
    }
    let link = format!("(src/{})", meta.chapter);
    if lines_of(&config.root.join("docs/README.md")).any(|l| l.contains(&link) && l.contains(MARKER)) {
        places.push("docs/README.md: the chapter's line (its title)".to_string());
    }
    if lines_of(&config.root.join("README.md"))
        .any(|l| table_row_number(&l) == Some(exercise.number) && l.contains(MARKER))
    {
        places.push("README.md: the exercise's row in the table".to_string());
    }
    places
}

/// What the workbook's lists that name every exercise's chapter code still lack for
/// `exercise`, each with the line to add: `docs/examples/src/chNN.rs` (the chapter's
/// code), its `pub mod chNN;` and its `chNN::SCENES` in `docs/examples/src/lib.rs`.
/// `grader new` writes all three; this names what a hand-made or renamed exercise
/// lacks. Nothing where the workbook has no `docs/examples`.
pub fn unwired(config: &Config, exercise: &Exercise) -> Vec<String> {
    let lib = config.root.join(EXAMPLES).join("lib.rs");
    let Ok(text) = std::fs::read_to_string(&lib) else { return Vec::new() };
    let (ch, number) = (chapter_module(exercise.number), exercise.number);
    let mut missing = Vec::new();
    if !config.root.join(EXAMPLES).join(format!("{ch}.rs")).is_file() {
        missing.push(format!(
            "the chapter's code {EXAMPLES}/{ch}.rs does not exist: the book's Rust blocks are copied from it \
             (write it as the other chapters' are, with `pub const SCENES: &[Scene] = &[];` at least)"
        ));
    }
    if !text.lines().any(|l| module_number(l) == Some(number)) {
        missing.push(format!(
            "{EXAMPLES}/lib.rs does not declare the chapter's code: add `pub mod {ch};`, in number order"
        ));
    }
    if !text.lines().any(|l| scenes_number(l) == Some(number)) {
        missing.push(format!(
            "{EXAMPLES}/lib.rs does not list the chapter's scenes: add `{ch}::SCENES,` to `scenes()`, in number order"
        ));
    }
    missing
}

/// The answers still holding the marker, then what is missing among the finished ones.
fn unfinished_answers(dir: &Path, name: &str) -> Vec<String> {
    let mut places = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "rs"));
    files.sort();
    let (mut wrong, mut right) = (0, 0);
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let expected = parse_expectation(&text).ok();
        if text.contains(MARKER) {
            let what = match expected {
                Some(Expectation::Pass) => "another correct answer",
                Some(_) => "a wrong answer",
                None => "an answer",
            };
            places.push(format!("solutions/{name}/answers/{file}: {what}"));
            continue;
        }
        match expected {
            Some(Expectation::Pass) => right += 1,
            Some(Expectation::Fail { .. } | Expectation::CompileError { .. }) => wrong += 1,
            // A refusal proves the policy, not the exercise's lessons; not an answer
            // header: verify reports it.
            Some(Expectation::Forbidden { .. } | Expectation::FailACheck) | None => {}
        }
    }
    if wrong < 2 {
        places.push(format!(
            "solutions/{name}/answers/: plausible wrong answers, each declaring `//! grader: expect fail <check> \
             \"<text>\"` (at least 2; {wrong} so far)"
        ));
    }
    if right == 0 {
        places.push(format!(
            "solutions/{name}/answers/: another correct answer, written another way, declaring \
             `//! grader: expect pass` (none so far)"
        ));
    }
    places
}

/// The lines of the file at `path`; none if it can't be read.
fn lines_of(path: &Path) -> impl Iterator<Item = String> {
    std::fs::read_to_string(path).unwrap_or_default().lines().map(str::to_string).collect::<Vec<_>>().into_iter()
}
