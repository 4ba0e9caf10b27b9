//! The book does not drift from the code: its generated blocks match their sources,
//! no Rust block or timeline is typed by hand, each chapter draws its solution, and
//! every link leads somewhere.

use std::path::{Path, PathBuf};

use book_examples::links;
use book_examples::sync::{self, Kind};

fn root() -> PathBuf {
    sync::root().canonicalize().expect("the workbook's root")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("can't read {}: {e}", path.display()))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

/// Every exercise, in order: its folder's name (`04-gather`) and path. A folder of
/// `exercises/` is one when it holds an `exercise.toml`.
fn exercises(root: &Path) -> Vec<(String, PathBuf)> {
    let mut exercises: Vec<(String, PathBuf)> = std::fs::read_dir(root.join("exercises"))
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().join("exercise.toml").is_file())
        .map(|entry| (entry.file_name().to_string_lossy().to_string(), entry.path()))
        .collect();
    exercises.sort();
    exercises
}

#[test]
fn every_generated_block_matches_its_source() {
    let root = root();
    let outcome = sync::sync_book(&root, &book_examples::scenes(), false);
    let problems: Vec<String> = outcome.problems.iter().map(|p| format!("  {p}")).collect();
    assert!(problems.is_empty(), "The book's directives are broken:\n{}\n", problems.join("\n"));
    let drifted: Vec<String> = outcome.drifted.iter().map(|p| format!("  {}", p.display())).collect();
    assert!(
        drifted.is_empty(),
        "These pages show code, a timeline or a trace that no longer matches its source:\n{}\n\
         Run `cargo sync-book` to rewrite them, and review the change with `git diff docs/src`.\n",
        drifted.join("\n")
    );
}

#[test]
fn no_rust_block_or_timeline_is_typed_by_hand() {
    let root = root();
    let mut unproven = Vec::new();
    for page in sync::pages(&root) {
        let text = read(&page);
        let lines: Vec<&str> = text.lines().collect();
        for fence in sync::fences(&text).unwrap_or_else(|e| panic!("{}: {e}", page.display())) {
            if fence.directive.is_some() {
                continue;
            }
            let body = &lines[fence.open + 1..fence.close];
            let what = if fence.language.starts_with("rust") {
                "a Rust block: copy it from a compiled file with <!-- code: … --> (or <!-- does-not-compile: … --> for a trybuild case)"
            } else if body.iter().any(|l| l.contains('█')) {
                "a timeline: draw it from a trace with <!-- timeline: … -->"
            } else if body.iter().any(|l| is_trace_row(l)) {
                "a trace: print it from a recorded run with <!-- trace: … -->"
            } else {
                continue;
            };
            unproven.push(format!("  {}:{}: {what}", relative(&root, &page), fence.open + 1));
        }
    }
    assert!(unproven.is_empty(), "Blocks typed by hand can drift from the code:\n{}\n", unproven.join("\n"));
}

/// `  1.000s  GET /a  ■ 200 OK`: a row of a trace table.
fn is_trace_row(line: &str) -> bool {
    let trimmed = line.trim_start();
    let Some((time, rest)) = trimmed.split_once("s  ") else { return false };
    time.parse::<f64>().is_ok() && time.contains('.') && rest.chars().any(|c| "▶■✗•".contains(c))
}

#[test]
fn every_exercise_chapter_draws_a_run_of_its_solution() {
    let root = root();
    let mut missing = Vec::new();
    for page in sync::pages(&root) {
        let name = page.file_stem().unwrap().to_string_lossy().to_string();
        if !name.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let exercise = format!("exercises/{name}/checks/expected/");
        // A scene that runs the reference solution itself (included with #[path]).
        let scene = format!("scene ch{}::solution", &name[..2]);
        let text = read(&page);
        let draws_solution = sync::fences(&text).unwrap().iter().any(|f| {
            f.directive.as_ref().is_some_and(|d| {
                d.kind == Kind::Timeline && (d.argument.contains(&exercise) || d.argument.starts_with(&scene))
            })
        });
        if !draws_solution {
            missing.push(format!(
                "  {}: add <!-- timeline: ../../{exercise}<check>.0.trace --> before a ```text block",
                relative(&root, &page)
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "These chapters draw no timeline of their reference solution:\n{}\n",
        missing.join("\n")
    );
}

/// The Markdown files a reader can open.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md"), root.join("ARCHITECTURE.md"), root.join("docs/README.md")];
    files.extend(sync::pages(root));
    files.extend(exercises(root).into_iter().map(|(_, dir)| dir.join("README.md")).filter(|task| task.is_file()));
    files.sort();
    files
}

/// Files whose text names chapters by their path from the root: the hints, the grader's
/// messages, the scaffold's templates.
fn files_that_name_chapters(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = exercises(root).into_iter().map(|(_, dir)| dir.join("exercise.toml")).collect();
    let mut stack = vec![root.join("grader/cli/src"), root.join("grader/support/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_link_resolves() {
    let root = root();
    let mut broken = Vec::new();
    let mut count = 0;
    for file in markdown_files(&root) {
        let text = read(&file);
        for link in links::markdown_links(&text) {
            count += 1;
            if let Some(why) = links::broken(file.parent().unwrap(), &text, &link.target) {
                broken.push(format!("  {}:{}: {why}", relative(&root, &file), link.line));
            }
        }
    }
    for file in files_that_name_chapters(&root) {
        let text = read(&file);
        // Unit tests name made-up chapters on purpose.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut found = links::chapter_references(text);
        if file.extension().is_some_and(|e| e == "rs") {
            found.extend(links::quoted_chapters(text));
        }
        for link in found {
            // The scaffold's placeholder chapter, filled in by `grader new`.
            if link.target.contains('{') || link.target.contains("NN-") {
                continue;
            }
            count += 1;
            if let Some(why) = links::broken(&root, "", &link.target) {
                broken.push(format!("  {}:{}: {why}", relative(&root, &file), link.line));
            }
        }
    }
    assert!(broken.is_empty(), "Links that lead nowhere:\n{}\n", broken.join("\n"));
    assert!(count > 100, "only {count} links were found: is the scanner broken?");
}

#[test]
fn every_exercise_names_its_chapter_and_its_hints_link_into_it() {
    let root = root();
    let mut problems = Vec::new();
    for (name, dir) in exercises(&root) {
        let text = read(&dir.join("exercise.toml"));
        let chapter = format!("docs/src/{name}.md");
        if !text.contains(&format!("chapter = \"{name}.md\"")) {
            problems.push(format!("  {name}/exercise.toml: its chapter should be `chapter = \"{name}.md\"`"));
        }
        let task = read(&dir.join("README.md"));
        if !task.contains(&format!("../../{chapter}")) {
            problems.push(format!("  {name}/README.md: the task should link to its chapter, ../../{chapter}"));
        }
        let hints = text.split_once("hints").map(|(_, h)| h).unwrap_or("");
        if !hints.contains(&format!("{chapter}#")) {
            problems.push(format!("  {name}/exercise.toml: no hint points into the chapter (`{chapter}#section`)"));
        }
    }
    assert!(problems.is_empty(), "Exercises that don't lead to their chapter:\n{}\n", problems.join("\n"));
}

/// The exercises' titles come from one place, their `exercise.toml` (which `grader list`
/// and `grader check` show): the README's table and the book's contents say the same.
#[test]
fn the_readmes_show_each_exercise_s_own_title() {
    let root = root();
    let readme = read(&root.join("README.md"));
    let contents = read(&root.join("docs/README.md"));
    let mut problems = Vec::new();
    for (name, dir) in exercises(&root) {
        let toml = read(&dir.join("exercise.toml"));
        let (number, slug) = name.split_once('-').unwrap();
        let Some(title) = toml.lines().find_map(|l| l.strip_prefix("title = \"")?.strip_suffix('"')) else {
            problems.push(format!("  {name}/exercise.toml: no one-line `title = \"…\"`"));
            continue;
        };
        let rest = title.split_once(": ").map_or(title, |(_, rest)| rest).replace('|', "\\|");
        let row = format!("| {number} | `{slug}`: {rest} |");
        if !readme.lines().any(|line| line.starts_with(&row)) {
            problems.push(format!("  README.md: the row of {name} should start `{row}`"));
        }
        let entry = format!("- [{number} · {title}](src/{name}.md)");
        if !contents.lines().any(|line| line == entry) {
            problems.push(format!("  docs/README.md: the entry of {name} should be `{entry}`"));
        }
    }
    assert!(problems.is_empty(), "Titles that differ from exercise.toml's:\n{}\n", problems.join("\n"));
}

#[test]
fn the_summary_lists_every_page_and_the_book_builds_from_it() {
    let root = root();
    let summary = read(&root.join("docs/src/SUMMARY.md"));
    let listed: Vec<String> = links::markdown_links(&summary).into_iter().map(|l| l.target).collect();
    for page in sync::pages(&root) {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        if name != "SUMMARY.md" {
            assert!(listed.contains(&name), "docs/src/SUMMARY.md does not list {name}: mdBook would leave it out");
        }
    }
    let config = read(&root.join("docs/book.toml"));
    assert!(config.contains("[book]") && config.contains("src = \"src\""), "docs/book.toml: {config}");
}

#[test]
fn python_snippets_are_valid_python() {
    let root = root();
    let mut snippets = Vec::new();
    for page in sync::pages(&root) {
        let text = read(&page);
        let lines: Vec<&str> = text.lines().collect();
        for fence in sync::fences(&text).unwrap() {
            if fence.language == "python" {
                let body = lines[fence.open + 1..fence.close].join("\n");
                snippets.push((format!("{}:{}", relative(&root, &page), fence.open + 1), body));
            }
        }
    }
    assert!(snippets.len() >= 20, "only {} Python snippets in the book", snippets.len());
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| std::process::Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()));
    let Some(python) = python else {
        eprintln!("note: no python3 on this machine; the book's Python snippets were not parsed");
        return;
    };
    let dir = std::env::temp_dir().join(format!("book-python-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut names = Vec::new();
    for (i, (place, body)) in snippets.iter().enumerate() {
        let file = dir.join(format!("{i}.py"));
        // Top-level `await` appears in fragments: parse them as the body of a coroutine.
        let wrapped: String = format!(
            "async def __snippet():\n{}\n    pass\n",
            body.lines().map(|l| format!("    {l}\n")).collect::<String>()
        );
        std::fs::write(&file, wrapped).unwrap();
        names.push((file, place.clone()));
    }
    let script = "import ast, sys\nbad = 0\nfor path, place in zip(sys.argv[1::2], sys.argv[2::2]):\n    try:\n        ast.parse(open(path).read())\n    except SyntaxError as e:\n        bad += 1\n        print(f'  {place}: line {e.lineno - 1}: {e.msg}')\nsys.exit(1 if bad else 0)\n";
    let mut command = std::process::Command::new(python);
    command.arg("-c").arg(script);
    for (file, place) in &names {
        command.arg(file).arg(place);
    }
    let output = command.output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "These Python snippets don't parse:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_readme_gives_the_command_ci_runs() {
    let root = root();
    let ci = read(&root.join(".ci/run"));
    let command = ci.lines().rfind(|l| l.starts_with("cargo ")).expect(".ci/run runs a cargo command");
    let readme = read(&root.join("README.md"));
    assert!(
        readme.lines().any(|l| l == command),
        "README.md should give the test command CI runs, exactly: `{command}`"
    );
}
