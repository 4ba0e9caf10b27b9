//! `grader new <NN-name>`: scaffolds an exercise in the shape every exercise shares (its
//! crate, its reference solution and answer templates, its chapter and the chapter's
//! code), wires it into the book's contents, the book's code crate
//! (`docs/examples/src/lib.rs`) and the README's table, and never overwrites anything.
//! Every placeholder holds [`MARKER`]; [`unfinished`] lists the places that still do,
//! and [`unwired`] what a list that names every exercise still lacks.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::config::Config;
use crate::exit::Outcome;

use crate::scaffold::{
    EXAMPLES, MARKER, chapter_module, list_entry_number, module_number, scenes_number, table_row_number,
};

/// The one placeholder check of a new exercise's `checks/checks.rs`.
const PLACEHOLDER_CHECK: &str = "checks_are_still_to_be_written";

/// Rust's keywords (strict and reserved, edition 2024): a topic becomes the name of the
/// learner's module, so it can't be one of these.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names an exercise crate already uses at its root: the checks' module, and the crates
/// the exercises use, which a module of the same name would hide.
const NAMES_IN_USE: &[&str] = &["checks", "std", "core", "alloc", "tokio", "futures", "workbook"];

/// What `grader new` is asked to make, with every name derived once.
#[derive(Debug)]
struct Scaffold {
    /// The number as typed, e.g. `21`: it prefixes folders and names the package.
    number: String,
    /// The number's value, to compare with other exercises'.
    value: u32,
    /// `21-rate-limiter`.
    name: String,
    /// `rate-limiter`.
    slug: String,
    /// `rate_limiter`: the learner's module and file.
    topic: String,
    /// The one-line title.
    title: String,
    /// The short name the book's contents show, e.g. `rate limiter`.
    words: String,
    /// The chapter's module in `docs/examples`, e.g. `ch21`.
    ch: String,
}

/// Creates exercise `name` (`NN-kebab-name`) with its solution, chapter and chapter code,
/// adds it to `docs/src/SUMMARY.md`, `docs/README.md`, the README's exercise table and
/// `docs/examples/src/lib.rs` (its module and its scenes), then prints
/// what it created and the next steps. Refuses (exit 2) a malformed name, a number or
/// name already used, or any file or folder already there, before writing anything.
pub fn run(config: &Config, name: &str, title: Option<&str>, out: &mut dyn Write) -> Result<Outcome> {
    let scaffold = Scaffold::new(name, title)?;
    refuse_conflicts(config, &scaffold)?;
    let files = scaffold.files();
    for (path, _) in &files {
        if config.root.join(path).exists() {
            bail!(
                "{path} already exists, and `grader new` never overwrites anything (hint: move it away, or \
                 choose another name)"
            );
        }
    }
    let wiring = scaffold.wiring(config);

    for (path, contents) in &files {
        create(&config.root.join(path), contents)?;
    }
    let mut notes = Vec::new();
    for (path, edit) in &wiring {
        match edit {
            Edit::Insert(text) => {
                let full = config.root.join(path);
                std::fs::write(&full, text).with_context(|| format!("failed to write {}", full.display()))?;
            }
            Edit::Note(note) => notes.push(note.clone()),
        }
    }

    let s = &scaffold;
    writeln!(out, "Created exercise {}:", s.name)?;
    for (path, _) in &files {
        writeln!(out, "  {path}")?;
    }
    let added: Vec<&str> =
        wiring.iter().filter(|(_, edit)| matches!(edit, Edit::Insert(_))).map(|(path, _)| path.as_str()).collect();
    if !added.is_empty() {
        writeln!(out, "Added it, in number order, to: {}.", added.join(", "))?;
    }
    for note in &notes {
        writeln!(out, "{note}")?;
    }
    write!(out, "{}", next_steps(s))?;
    Ok(Outcome::Passed)
}

impl Scaffold {
    /// Checks the name (`NN-kebab-name`) and the title, and derives every other name.
    fn new(name: &str, title: Option<&str>) -> Result<Scaffold> {
        let usage = "(hint: a number, a dash, and the topic in lowercase words joined by dashes, as in \
                     `grader new 21-rate-limiter`)";
        let digits = name.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            bail!("`{name}` is not an exercise name: it must start with the exercise's number {usage}");
        }
        let (number, rest) = name.split_at(digits);
        let Some(slug) = rest.strip_prefix('-') else {
            bail!("`{name}` is not an exercise name: a dash must follow the number {number} {usage}")
        };
        let value: u32 = number.parse().with_context(|| format!("`{number}` is too large a number {usage}"))?;
        let words_ok = slug
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        if !words_ok || !slug.starts_with(|c: char| c.is_ascii_lowercase()) {
            bail!(
                "`{slug}` is not a topic name: use lowercase letters and digits, in words joined by single \
                 dashes, starting with a letter {usage}"
            );
        }
        let topic = slug.replace('-', "_");
        let hint = format!("(hint: add a word, as in `{number}-{slug}-basics`)");
        if KEYWORDS.contains(&topic.as_str()) {
            bail!("`{slug}` can't be the topic: it names the learner's module, and `{topic}` is a Rust keyword {hint}");
        }
        if NAMES_IN_USE.contains(&topic.as_str()) {
            bail!(
                "`{slug}` can't be the topic: it names the learner's module, and the exercise crate already uses \
                 the name `{topic}` {hint}"
            );
        }
        let slug_words = slug.replace('-', " ");
        let title = match title.map(str::trim) {
            None => format!("{slug_words}: {MARKER} what it teaches, in one line"),
            Some("") => bail!("the title is empty (hint: leave out --title to get a placeholder)"),
            Some(title) if title.chars().any(char::is_control) => {
                bail!("the title must be one line of text (hint: --title \"{slug_words}: what it teaches\")")
            }
            Some(title) => title.to_string(),
        };
        let words = match title.split_once(": ") {
            Some((head, _)) if !head.contains(MARKER) => head.to_string(),
            _ => slug_words,
        };
        Ok(Scaffold {
            number: number.to_string(),
            value,
            name: name.to_string(),
            slug: slug.to_string(),
            topic,
            title,
            words,
            ch: chapter_module(value),
        })
    }

    /// Every file to create, relative to the root, with its contents.
    fn files(&self) -> Vec<(String, String)> {
        let (name, topic) = (&self.name, &self.topic);
        let code = self.fill(include_str!("new/code.rs.tmpl"));
        let headed = |header: &str| format!("{}{code}", self.fill(header));
        vec![
            (format!("exercises/{name}/Cargo.toml"), self.fill(include_str!("new/Cargo.toml.tmpl"))),
            (format!("exercises/{name}/lib.rs"), self.fill(include_str!("new/lib.rs.tmpl"))),
            (format!("exercises/{name}/src/{topic}.rs"), headed(include_str!("new/stub_header.rs.tmpl"))),
            (format!("exercises/{name}/checks/checks.rs"), self.fill(include_str!("new/checks.rs.tmpl"))),
            // Git keeps no empty folders; the trace snapshots will go here.
            (format!("exercises/{name}/checks/snapshots/.gitkeep"), String::new()),
            (format!("exercises/{name}/exercise.toml"), self.fill(include_str!("new/exercise.toml.tmpl"))),
            (format!("exercises/{name}/README.md"), self.fill(include_str!("new/README.md.tmpl"))),
            (format!("solutions/{name}/{topic}.rs"), headed(include_str!("new/solution_header.rs.tmpl"))),
            (
                format!("solutions/{name}/answers/a_wrong_answer.rs"),
                headed(include_str!("new/wrong_answer_header.rs.tmpl")),
            ),
            (
                format!("solutions/{name}/answers/another_correct_answer.rs"),
                headed(include_str!("new/correct_answer_header.rs.tmpl")),
            ),
            (format!("docs/src/{name}.md"), self.fill(include_str!("new/chapter.md.tmpl"))),
            (format!("{EXAMPLES}/{}.rs", self.ch), self.fill(include_str!("new/chapter_code.rs.tmpl"))),
        ]
    }

    /// Fills a template's `{{…}}` fields, in one pass, so a title holding braces stays as
    /// it is.
    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find("}}") else {
                out.push_str(&rest[start..]);
                return out;
            };
            let field = &rest[start + 2..start + len];
            let value = match field {
                "package" => format!("ex{}", self.name),
                "title_toml" => toml::Value::String(self.title.clone()).to_string(),
                "check" => PLACEHOLDER_CHECK.to_string(),
                "number" => self.number.clone(),
                "name" => self.name.clone(),
                "topic" => self.topic.clone(),
                "title" => self.title.clone(),
                "words" => self.words.clone(),
                "ch" => self.ch.clone(),
                _ => unreachable!("the templates use no field `{field}`"),
            };
            out.push_str(&value);
            rest = &rest[start + len + 2..];
        }
        out.push_str(rest);
        out
    }

    /// The lines that wire the exercise into the book and the README, each file's new
    /// text or a note saying why it was left alone. Reads everything before anything is
    /// written.
    fn wiring(&self, config: &Config) -> Vec<(String, Edit)> {
        let (number, name) = (&self.number, &self.name);
        let table_title = self.title.split_once(": ").map_or(self.title.as_str(), |(_, rest)| rest).replace('|', "\\|");
        let lists = [
            ("docs/src/SUMMARY.md", format!("- [{number} · {}]({name}.md)", self.words), format!("({name}.md)")),
            ("docs/README.md", format!("- [{number} · {}](src/{name}.md)", self.title), format!("(src/{name}.md)")),
            (
                "README.md",
                format!("| {number} | `{}`: {table_title} | {MARKER} the Python constructs |", self.slug),
                format!("| {number} | `{}`", self.slug),
            ),
        ];
        let mut edits = Vec::new();
        for (file, line, mention) in lists {
            let path = config.root.join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                edits.push((file.to_string(), Edit::Note(format!("Skipped {file}: there is no such file."))));
                continue;
            };
            let entry: fn(&str) -> Option<u32> = if file == "README.md" { table_row_number } else { list_entry_number };
            let edit = if text.contains(&mention) {
                Edit::Note(format!("Left {file} as it was: it already mentions {name}."))
            } else {
                match insert_in_order(&text, &line, self.value, entry) {
                    Some(text) => Edit::Insert(text),
                    None => Edit::Note(format!(
                        "Left {file} as it was: it lists no exercises to put {name} among. Add this line by hand:\n  {line}"
                    )),
                }
            };
            edits.push((file.to_string(), edit));
        }
        edits.push(self.code_wiring(config));
        edits
    }

    /// The chapter's module in the book's code crate: its `pub mod` line and its scenes in
    /// `scenes()`, each in number order.
    fn code_wiring(&self, config: &Config) -> (String, Edit) {
        let file = format!("{EXAMPLES}/lib.rs");
        let ch = &self.ch;
        let (module, scenes) = (format!("pub mod {ch};"), format!("        {ch}::SCENES,"));
        let Ok(text) = std::fs::read_to_string(config.root.join(&file)) else {
            return (file.clone(), Edit::Note(format!("Skipped {file}: there is no such file.")));
        };
        let declared = text.lines().any(|l| l.trim() == module);
        let listed = text.lines().any(|l| l.trim() == scenes.trim());
        if declared && listed {
            return (file.clone(), Edit::Note(format!("Left {file} as it was: it already has {ch}.")));
        }
        let with_module =
            if declared { Some(text.clone()) } else { insert_in_order(&text, &module, self.value, module_number) };
        let with_both = with_module.and_then(|text| {
            if listed { Some(text) } else { insert_in_order(&text, &scenes, self.value, scenes_number) }
        });
        match with_both {
            Some(text) => (file, Edit::Insert(text)),
            None => (
                file.clone(),
                Edit::Note(format!(
                    "Left {file} as it was: it lists no chapters to put {ch} among. Add by hand `{module}`, and \
                     `{ch}::SCENES,` to the list in `scenes()`."
                )),
            ),
        }
    }
}

/// What to do to one of the files that list the exercises.
#[derive(Debug)]
enum Edit {
    /// Its new text.
    Insert(String),
    /// It was left alone, and why.
    Note(String),
}

/// Refuses a number or a name that an exercise, a solution or a chapter already uses.
fn refuse_conflicts(config: &Config, scaffold: &Scaffold) -> Result<()> {
    let mut taken: Vec<(u32, String, String)> = Vec::new();
    for (folder, chapters) in [("exercises", false), ("solutions", false), ("docs/src", true)] {
        let Ok(entries) = std::fs::read_dir(config.root.join(folder)) else { continue };
        for entry in entries.filter_map(|e| e.ok()) {
            let file = entry.file_name().to_string_lossy().into_owned();
            let stem = if chapters { file.strip_suffix(".md") } else { Some(file.as_str()) };
            let Some((number, slug)) = stem.and_then(|s| s.split_once('-')) else { continue };
            let Ok(value) = number.parse::<u32>() else { continue };
            if number.bytes().all(|b| b.is_ascii_digit()) {
                taken.push((value, slug.to_string(), format!("{folder}/{file}")));
            }
        }
    }
    if let Some((_, _, path)) = taken.iter().find(|(value, _, _)| *value == scaffold.value) {
        let free = taken.iter().map(|(value, _, _)| value + 1).max().unwrap_or(1);
        bail!(
            "the number {} is already used by {path} (hint: numbers order the book; the next free one is {free:02}, \
             and `grader list` shows the exercises)",
            scaffold.number
        );
    }
    if let Some((_, _, path)) = taken.iter().find(|(_, slug, _)| *slug == scaffold.slug) {
        bail!(
            "the name `{}` is already used by {path}, and learners type names to pick exercises \
             (hint: choose a name of its own)",
            scaffold.slug
        );
    }
    Ok(())
}

/// Creates `path` and its folders, failing if it already exists.
fn create(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("failed to create {}", path.display()))?;
    file.write_all(contents.as_bytes()).with_context(|| format!("failed to write {}", path.display()))
}

/// Inserts `line` among the entries of `text` (lines for which `entry` gives a number)
/// before the first with a larger number, or after the last. `None` when `text` has no
/// entries.
fn insert_in_order(text: &str, line: &str, number: u32, entry: fn(&str) -> Option<u32>) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let numbered: Vec<(usize, u32)> = lines.iter().enumerate().filter_map(|(i, l)| entry(l).map(|n| (i, n))).collect();
    let at = match numbered.iter().find(|(_, n)| *n > number) {
        Some((i, _)) => *i,
        None => numbered.last()?.0 + 1,
    };
    let mut out = String::with_capacity(text.len() + line.len() + 1);
    for (i, l) in lines.iter().enumerate() {
        if i == at {
            let _ = writeln!(out, "{line}");
        }
        out.push_str(l);
        if i + 1 == lines.len() && i + 1 == at {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            let _ = writeln!(out, "{line}");
        }
    }
    Some(out)
}

/// What to write next, in the order that works.
fn next_steps(s: &Scaffold) -> String {
    let (number, name, topic, ch) = (&s.number, &s.name, &s.topic, &s.ch);
    let package = format!("ex{name}");
    format!(
        "\nEvery placeholder says {MARKER}; `grader verify {number}` fails and lists them until none is left.\n\
         Next steps:\n\
         \x20 1. Write the checks in exercises/{name}/checks/checks.rs, and the reference solution\n\
         \x20    in exercises/{name}/src/{topic}.rs for now, so plain cargo runs them:\n\
         \x20    `cargo test -p {package}`. `grader check {number}` shows what a learner reads, in authoring\n\
         \x20    mode while {name} is not shipped: nothing recorded, your new files expected.\n\
         \x20 2. Record the trace snapshots of the checks that call `workbook::assert_trace!`:\n\
         \x20    `INSTA_UPDATE=always cargo test -p {package}`, or\n\
         \x20    `cargo insta test -p {package} --review` to look at each one\n\
         \x20    (they go to exercises/{name}/checks/snapshots/).\n\
         \x20 3. Move the solution to solutions/{name}/{topic}.rs, and write the stub in its place:\n\
         \x20    the task as a doc comment, `// TODO` where the work is. It must compile and fail a check,\n\
         \x20    as `stub` in exercise.toml declares (`grader verify {number} --case stub --verbose` shows its lessons).\n\
         \x20 4. Replace the two templates in solutions/{name}/answers/: at least two plausible wrong answers\n\
         \x20    and one other correct answer, each declaring what it should do in its first lines.\n\
         \x20 5. Write the words: exercise.toml (title, topic, python, hints), the task in\n\
         \x20    exercises/{name}/README.md, the chapter docs/src/{name}.md with its code in\n\
         \x20    {EXAMPLES}/{ch}.rs, and the row in README.md.\n\
         \x20 6. `grader verify {number} --record-expected`, then `grader verify {number}` until it passes.\n\
         \x20    The first build adds {package} to Cargo.lock: commit that with the rest.\n\
         \x20 7. `cargo sync-book` fills the chapter's blocks from its code and the recorded traces;\n\
         \x20    `cargo test -p book-examples` proves them.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_number_dash_kebab() {
        let scaffold = Scaffold::new("21-rate-limiter", None).unwrap();
        assert_eq!((scaffold.number.as_str(), scaffold.value), ("21", 21));
        assert_eq!((scaffold.slug.as_str(), scaffold.topic.as_str()), ("rate-limiter", "rate_limiter"));
        assert_eq!(scaffold.words, "rate limiter");
        assert!(scaffold.title.contains(MARKER));
        for bad in
            ["rate-limiter", "21", "21-", "-x", "2a-x", "21-Rate", "21-rate--limiter", "21-rate_limiter", "21-9x"]
        {
            assert!(Scaffold::new(bad, None).is_err(), "{bad} should be refused");
        }
        let keyword = Scaffold::new("21-async", None).unwrap_err().to_string();
        assert!(keyword.contains("`async` is a Rust keyword"), "{keyword}");
        assert!(Scaffold::new("21-checks", None).unwrap_err().to_string().contains("already uses the name `checks`"));
        let titled = Scaffold::new("7-pool", Some("worker pool: N tasks share a queue")).unwrap();
        assert_eq!(
            (titled.words.as_str(), titled.title.as_str()),
            ("worker pool", "worker pool: N tasks share a queue")
        );
        assert!(Scaffold::new("7-pool", Some("two\nlines")).is_err());
        let braces = Scaffold::new("7-pool", Some("pool: {{name}} and {{ alone")).unwrap();
        assert_eq!(braces.fill("# {{number}} · {{title}}, {{words}}"), "# 7 · pool: {{name}} and {{ alone, pool");
        assert_eq!(braces.fill("{{title_toml}}"), r#""pool: {{name}} and {{ alone""#);
    }

    #[test]
    fn lines_go_in_number_order() {
        let summary = "# Summary\n\n- [01 · a](01-a.md)\n- [04 · b](04-b.md)\n- [Performance](performance.md)\n";
        let middle = insert_in_order(summary, "- [03 · c](03-c.md)", 3, list_entry_number).unwrap();
        assert_eq!(
            middle,
            "# Summary\n\n- [01 · a](01-a.md)\n- [03 · c](03-c.md)\n- [04 · b](04-b.md)\n- [Performance](performance.md)\n"
        );
        let last = insert_in_order(summary, "- [21 · d](21-d.md)", 21, list_entry_number).unwrap();
        assert_eq!(
            last,
            "# Summary\n\n- [01 · a](01-a.md)\n- [04 · b](04-b.md)\n- [21 · d](21-d.md)\n- [Performance](performance.md)\n"
        );
        let table = "| # | Exercise |\n|---|---|\n| 01 | a |\n| 02 | b |";
        assert_eq!(
            insert_in_order(table, "| 03 | c |", 3, table_row_number).unwrap(),
            "| # | Exercise |\n|---|---|\n| 01 | a |\n| 02 | b |\n| 03 | c |\n"
        );
        assert_eq!(insert_in_order("no list here\n", "- [1 · a](1-a.md)", 1, list_entry_number), None);
    }

    /// The chapter's code is declared and its scenes listed in `docs/examples/src/lib.rs`,
    /// each in number order.
    #[test]
    fn the_chapter_code_is_wired_into_the_book_crate() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("docs/examples/src/lib.rs");
        std::fs::create_dir_all(lib.parent().unwrap()).unwrap();
        let text = "pub mod sync;\n\npub mod ch01;\npub mod ch04;\n\npub fn scenes() -> Vec<Scene> {\n    [\n        \
                    framing::SCENES,\n        ch01::SCENES,\n        ch04::SCENES,\n    ]\n    .concat()\n}\n";
        std::fs::write(&lib, text).unwrap();
        let config = Config { root: dir.path().to_path_buf(), color: false };
        let (file, edit) = Scaffold::new("3-c", None).unwrap().code_wiring(&config);
        assert_eq!(file, "docs/examples/src/lib.rs");
        let Edit::Insert(wired) = edit else { panic!("{edit:?}") };
        assert_eq!(
            wired,
            "pub mod sync;\n\npub mod ch01;\npub mod ch03;\npub mod ch04;\n\npub fn scenes() -> Vec<Scene> {\n    [\n        \
             framing::SCENES,\n        ch01::SCENES,\n        ch03::SCENES,\n        ch04::SCENES,\n    ]\n    .concat()\n}\n"
        );
        std::fs::write(&lib, &wired).unwrap();
        assert!(matches!(Scaffold::new("3-c", None).unwrap().code_wiring(&config).1, Edit::Note(_)));
    }
}

/// `grader new`, then what its scaffold still lacks ([`crate::scaffold`]), until none.
#[cfg(test)]
mod scaffold_tests {
    use super::run;
    use crate::config::Config;
    use crate::exit::Outcome;
    use crate::scaffold::*;
    use std::path::Path;

    /// A workbook with two exercises listed, to scaffold in.
    fn tiny_workbook() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("Cargo.toml", "[workspace]\nmembers = [\"exercises/*\"]\n");
        write("docs/src/SUMMARY.md", "# Summary\n\n- [01 · a](01-a.md)\n- [03 · c](03-c.md)\n");
        write("docs/README.md", "- [01 · a: one](src/01-a.md)\n- [03 · c: three](src/03-c.md)\n");
        write(
            "README.md",
            "| # | Exercise | Python |\n|---|---|---|\n| 01 | `a`: one | x |\n| 03 | `c`: three | y |\n",
        );
        std::fs::create_dir_all(dir.path().join("exercises")).unwrap();
        dir
    }

    #[test]
    fn unfinished_lists_every_placeholder_until_none_is_left() {
        let dir = tiny_workbook();
        let config = Config { root: dir.path().to_path_buf(), color: false };
        let mut out = Vec::new();
        assert_eq!(run(&config, "02-b", None, &mut out).unwrap(), Outcome::Passed);
        let summary = std::fs::read_to_string(dir.path().join("docs/src/SUMMARY.md")).unwrap();
        assert_eq!(summary, "# Summary\n\n- [01 · a](01-a.md)\n- [02 · b](02-b.md)\n- [03 · c](03-c.md)\n");
        let unfinished_now = || {
            let exercises = crate::exercise::discover(&config.exercises_dir()).unwrap();
            unfinished(&config, &exercises[0])
        };
        assert_eq!(
            unfinished_now(),
            [
                "exercises/02-b/exercise.toml: the title",
                "exercises/02-b/exercise.toml: the topic",
                "exercises/02-b/exercise.toml: the hints",
                "exercises/02-b/exercise.toml: the stub's declared failure",
                "exercises/02-b/src/b.rs: the stub",
                "exercises/02-b/checks/checks.rs: the checks",
                "exercises/02-b/README.md: the task",
                "solutions/02-b/b.rs: the reference solution",
                "solutions/02-b/answers/a_wrong_answer.rs: a wrong answer",
                "solutions/02-b/answers/another_correct_answer.rs: another correct answer",
                "solutions/02-b/answers/: plausible wrong answers, each declaring `//! grader: expect fail <check> \
                 \"<text>\"` (at least 2; 0 so far)",
                "solutions/02-b/answers/: another correct answer, written another way, declaring `//! grader: \
                 expect pass` (none so far)",
                "docs/src/02-b.md: the chapter",
                "docs/examples/src/ch02.rs: the chapter's code",
                "docs/README.md: the chapter's line (its title)",
                "README.md: the exercise's row in the table",
            ]
        );
        // Write everything: the marker goes, and a second wrong answer comes.
        for file in [
            "exercises/02-b/exercise.toml",
            "exercises/02-b/src/b.rs",
            "exercises/02-b/checks/checks.rs",
            "exercises/02-b/README.md",
            "solutions/02-b/b.rs",
            "solutions/02-b/answers/a_wrong_answer.rs",
            "solutions/02-b/answers/another_correct_answer.rs",
            "docs/src/02-b.md",
            "docs/examples/src/ch02.rs",
            "docs/README.md",
            "README.md",
        ] {
            let path = dir.path().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace(MARKER, "written")).unwrap();
        }
        assert_eq!(
            unfinished_now(),
            ["solutions/02-b/answers/: plausible wrong answers, each declaring `//! grader: expect fail <check> \
              \"<text>\"` (at least 2; 1 so far)"]
        );
        std::fs::write(
            dir.path().join("solutions/02-b/answers/sequential.rs"),
            "//! grader: expect fail a \"slow\"\nfn main() {}\n",
        )
        .unwrap();
        assert_eq!(unfinished_now(), Vec::<String>::new());
    }

    /// The shipped exercises are finished: no marker left, and answers enough. (Verify
    /// will report these lists, so they must be empty for every real exercise.)
    #[test]
    fn the_shipped_exercises_have_nothing_left_to_write() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
        let config = Config { root: root.clone(), color: false };
        for exercise in crate::exercise::discover(&config.exercises_dir()).unwrap() {
            assert_eq!(unfinished(&config, &exercise), Vec::<String>::new(), "{}", exercise.name);
        }
    }
}
