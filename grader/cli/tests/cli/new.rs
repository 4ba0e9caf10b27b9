//! `grader new`: an instructor scaffolds an exercise that builds, fails its placeholder
//! check, is wired into the book and the README in number order, and refuses to
//! overwrite anything.
//!
//! The tests scaffold at the sandbox's next free number, never a number an instructor
//! may take (the sandbox copies the real `docs/`, chapters included), and snapshot the
//! output with that number written `NN`.

use crate::sandbox::{Sandbox, workbook_root};

/// Every file `grader new NN-rate-limiter` makes, for the number `nn`.
fn created(nn: &str) -> Vec<String> {
    [
        "exercises/NN-rate-limiter/Cargo.toml",
        "exercises/NN-rate-limiter/lib.rs",
        "exercises/NN-rate-limiter/src/rate_limiter.rs",
        "exercises/NN-rate-limiter/checks/checks.rs",
        "exercises/NN-rate-limiter/checks/snapshots/.gitkeep",
        "exercises/NN-rate-limiter/exercise.toml",
        "exercises/NN-rate-limiter/README.md",
        "solutions/NN-rate-limiter/rate_limiter.rs",
        "solutions/NN-rate-limiter/answers/a_wrong_answer.rs",
        "solutions/NN-rate-limiter/answers/another_correct_answer.rs",
        "docs/src/NN-rate-limiter.md",
        "docs/examples/src/chNN.rs",
    ]
    .iter()
    .map(|path| path.replace("NN", nn))
    .collect()
}

/// A sandbox with 04 and the real README (the sandbox copies `docs/` but not the README).
fn workbook() -> Sandbox {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.write("README.md", &std::fs::read_to_string(workbook_root().join("README.md")).unwrap());
    sandbox
}

/// The number after the largest that the sandbox's exercises, solutions and chapters
/// use (what `grader new` counts as used), two digits or more, as the scaffold writes it.
fn next_free(sandbox: &Sandbox) -> (u32, String) {
    let mut largest = 0;
    for (folder, suffix) in [("exercises", ""), ("solutions", ""), ("docs/src", ".md")] {
        for entry in std::fs::read_dir(sandbox.root().join(folder)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some((number, _)) = name.strip_suffix(suffix).and_then(|stem| stem.split_once('-')) else { continue };
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                largest = largest.max(number.parse().unwrap());
            }
        }
    }
    (largest + 1, format!("{:02}", largest + 1))
}

/// The output with the sandbox's number `nn` written `NN`, wherever it stands alone as a
/// number, except in the name the grader's own usage hint gives as an example.
fn redact_number(text: &str, nn: &str) -> String {
    const USAGE: &str = "as in `grader new 21-rate-limiter`";
    let redact = |part: &str| {
        let mut out = String::new();
        let mut rest = part;
        while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
            let run = rest[start..].find(|c: char| !c.is_ascii_digit()).map_or(rest.len(), |len| start + len);
            out.push_str(&rest[..start]);
            out.push_str(if &rest[start..run] == nn { "NN" } else { &rest[start..run] });
            rest = &rest[run..];
        }
        out + rest
    };
    text.split(USAGE).map(redact).collect::<Vec<_>>().join(USAGE)
}

/// The exercise number of a contents line (`- [20 · …](…)`) or a README row (`| 20 | …`).
fn entry_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix("- [").or_else(|| line.strip_prefix("| "))?;
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

fn read(sandbox: &Sandbox, path: &str) -> String {
    std::fs::read_to_string(sandbox.root().join(path)).unwrap()
}

/// The lines around the first line of `path` containing `needle`: the one before, it,
/// and the one after.
fn neighbours(sandbox: &Sandbox, path: &str, needle: &str) -> [String; 3] {
    let text = read(sandbox, path);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{path} lacks {needle}"));
    assert_eq!(lines.iter().filter(|l| l.contains(needle)).count(), 1, "{path} mentions {needle} twice");
    [lines[at - 1].to_string(), lines[at].to_string(), lines.get(at + 1).unwrap_or(&"").to_string()]
}

#[test]
fn new_scaffolds_an_exercise_and_wires_it_in_number_order() {
    let sandbox = workbook();
    let (number, nn) = next_free(&sandbox);
    let name = format!("{nn}-rate-limiter");
    let output = sandbox.grader(&["new", &name]);
    assert_eq!(output.code, 0, "{}", output.text);
    insta::assert_snapshot!("created", redact_number(&output.text, &nn));
    for path in created(&nn) {
        assert!(sandbox.root().join(&path).is_file(), "{path} was not created");
    }
    let toml = read(&sandbox, &format!("exercises/{name}/exercise.toml"));
    assert!(toml.contains(&format!(r#"chapter = "{name}.md""#)) && toml.contains(r#"files = ["src/rate_limiter.rs"]"#));
    assert!(read(&sandbox, &format!("exercises/{name}/Cargo.toml")).contains(&format!(r#"name = "ex{name}""#)));
    assert!(read(&sandbox, &format!("exercises/{name}/lib.rs")).contains(r#"#[path = "src/rate_limiter.rs"]"#));

    // The sandbox's book lists the exercises, then the performance page: the new one goes
    // after the last exercise.
    let last = |line: &str| entry_number(line).is_some_and(|n| n < number);
    let [before, line, after] = neighbours(&sandbox, "docs/src/SUMMARY.md", &name);
    assert_eq!(line, format!("- [{nn} · rate limiter]({name}.md)"));
    assert!(last(&before) && after.is_empty(), "{before}\n{after}");
    let [before, line, after] = neighbours(&sandbox, "docs/README.md", &name);
    assert!(
        line.starts_with(&format!("- [{nn} · rate limiter: TODO(grader new)"))
            && line.ends_with(&format!("](src/{name}.md)"))
    );
    assert!(last(&before) && after.is_empty(), "{before}\n{after}");
    let [before, line, after] = neighbours(&sandbox, "README.md", "`rate-limiter`");
    assert!(line.starts_with(&format!("| {nn} | `rate-limiter`: ")), "{line}");
    assert!(last(&before) && after.is_empty(), "{before}\n{after}");

    // The chapter's code is declared, and its scenes listed, after the last chapter's.
    let [before, line, after] = neighbours(&sandbox, "docs/examples/src/lib.rs", &format!("pub mod ch{nn};"));
    assert_eq!(line, format!("pub mod ch{nn};"));
    assert!(before.starts_with("pub mod ch") && after.is_empty(), "{before}\n{after}");
    let [before, line, _] = neighbours(&sandbox, "docs/examples/src/lib.rs", &format!("ch{nn}::SCENES"));
    assert_eq!((before.trim().starts_with("ch"), line.as_str()), (true, format!("        ch{nn}::SCENES,").as_str()));
    let code = read(&sandbox, &format!("docs/examples/src/ch{nn}.rs"));
    assert!(code.contains("pub const SCENES: &[Scene] = &[];") && code.contains("// ANCHOR: python_beside_rust"));
    assert!(read(&sandbox, &format!("docs/src/{name}.md")).contains(&format!("<!-- code: ../examples/src/ch{nn}.rs#")));

    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    assert_eq!(rows[1]["name"], name, "{}", list.text);
    assert!(rows[1]["title"].as_str().unwrap().starts_with("rate limiter: TODO(grader new)"));
}

#[test]
fn a_given_title_goes_everywhere_the_title_shows() {
    let sandbox = workbook();
    let (_, nn) = next_free(&sandbox);
    let name = format!("{nn}-rate-limiter");
    let output = sandbox.grader(&["new", &name, "--title", "rate limiter: a token bucket | refilled"]);
    assert_eq!(output.code, 0, "{}", output.text);
    let toml = read(&sandbox, &format!("exercises/{name}/exercise.toml"));
    assert!(toml.contains("\ntitle = \"rate limiter: a token bucket | refilled\"\n"), "{toml}");
    // Its first lines tell a learner who opens it what the hints are for.
    assert!(
        toml.starts_with("# This file is the exercise's settings") && toml.contains(&format!("`grader hint {nn}`")),
        "{toml}"
    );
    assert!(
        read(&sandbox, &format!("docs/src/{name}.md"))
            .starts_with(&format!("# {nn} · rate limiter: a token bucket | refilled\n"))
    );
    assert_eq!(neighbours(&sandbox, "docs/src/SUMMARY.md", &name)[1], format!("- [{nn} · rate limiter]({name}.md)"));
    assert_eq!(
        neighbours(&sandbox, "docs/README.md", &name)[1],
        format!("- [{nn} · rate limiter: a token bucket | refilled](src/{name}.md)")
    );
    // A `|` would split the README's table cell.
    let row = &neighbours(&sandbox, "README.md", "`rate-limiter`")[1];
    assert!(row.starts_with(&format!(r"| {nn} | `rate-limiter`: a token bucket \| refilled | ")), "{row}");
}

/// Like the sandbox's copies, a package name of its own keeps parallel test runs from
/// sharing build output in the shared target folder.
fn own_package_name(sandbox: &Sandbox, name: &str) {
    let manifest = sandbox.root().join(format!("exercises/{name}/Cargo.toml"));
    let unique: String = sandbox
        .root()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(&format!(r#"name = "ex{name}""#), &format!(r#"name = "ex{name}-{unique}""#)),
    )
    .unwrap();
}

/// Scaffolds `<next free number>-<slug>` in `sandbox`, with a package name of its own;
/// returns the number as the scaffold writes it, and the exercise's name.
fn scaffolded(sandbox: &Sandbox, slug: &str, title: &[&str]) -> (String, String) {
    let (_, nn) = next_free(sandbox);
    let name = format!("{nn}-{slug}");
    let output = sandbox.grader(&[&["new", name.as_str()], title].concat());
    assert_eq!(output.code, 0, "{}", output.text);
    own_package_name(sandbox, &name);
    (nn, name)
}

#[test]
fn the_new_exercise_builds_and_its_placeholder_check_fails() {
    let sandbox = workbook();
    let (nn, _) = scaffolded(&sandbox, "rate-limiter", &[]);
    let check = sandbox.grader(&["check", &nn]);
    assert_eq!(check.code, 1, "{}", check.text);
    assert!(check.text.contains("✗ checks are still to be written"), "{}", check.text);
    assert!(check.text.contains("are still to be written"), "{}", check.text);
    insta::assert_snapshot!("placeholder_check_fails", redact_number(&check.text, &nn));
}

#[test]
fn new_refuses_bad_names_and_used_ones_and_writes_nothing() {
    let sandbox = workbook();
    let (number, nn) = next_free(&sandbox);
    let name = format!("{nn}-rate-limiter");
    let book_before = read(&sandbox, "docs/src/SUMMARY.md");
    let mut transcript = String::new();
    for bad in
        ["rate-limiter", "NN_rate_limiter", "NN-Rate-Limiter", "NN-rate--limiter", "NN-async", "04-other", "NN-gather"]
    {
        let bad = bad.replace("NN", &nn);
        let output = sandbox.grader(&["new", &bad]);
        assert_eq!(output.code, 2, "grader new {bad}: {}", output.text);
        assert!(output.text.contains("error:") && output.text.contains("hint:"), "{}", output.text);
        transcript.push_str(&format!("$ grader new {bad}\n{}\n", output.text));
    }
    let output = sandbox.grader(&["new", &name, "--title", ""]);
    assert_eq!(output.code, 2, "{}", output.text);
    transcript.push_str(&format!("$ grader new {name} --title \"\"\n{}", output.text));
    insta::assert_snapshot!("refusals", redact_number(&transcript, &nn));
    assert!(!sandbox.root().join(format!("exercises/{name}")).exists());
    assert!(!sandbox.root().join(format!("exercises/{nn}-gather")).exists());
    assert_eq!(read(&sandbox, "docs/src/SUMMARY.md"), book_before);

    // Made once, the same exercise is refused, and nothing it made is touched.
    assert_eq!(sandbox.grader(&["new", &name]).code, 0);
    let stub = format!("exercises/{name}/src/rate_limiter.rs");
    sandbox.write(&stub, "// the instructor's work\n");
    let summary = read(&sandbox, "docs/src/SUMMARY.md");
    let again = sandbox.grader(&["new", &name, "--title", "rate limiter: again"]);
    assert_eq!(again.code, 2, "{}", again.text);
    assert!(again.text.contains(&format!("the number {nn} is already used by")), "{}", again.text);
    assert_eq!(read(&sandbox, &stub), "// the instructor's work\n");
    assert_eq!(read(&sandbox, "docs/src/SUMMARY.md"), summary);
    // A folder left behind with the number also counts as used.
    let draft = format!("{}-old-draft", number + 2);
    std::fs::create_dir_all(sandbox.root().join("solutions").join(&draft)).unwrap();
    let refused = sandbox.grader(&["new", &format!("{}-queue-draining", number + 2)]);
    assert_eq!(refused.code, 2, "{}", refused.text);
    assert!(refused.text.contains(&format!("solutions/{draft}")), "{}", refused.text);
}

#[test]
fn a_workbook_without_a_readme_is_scaffolded_and_says_it_skipped_it() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let (_, nn) = next_free(&sandbox);
    let output = sandbox.grader(&["new", &format!("{nn}-rate-limiter")]);
    assert_eq!(output.code, 0, "{}", output.text);
    assert!(output.text.contains("Skipped README.md: there is no such file."), "{}", output.text);
    assert!(!sandbox.root().join("README.md").exists());
}

#[test]
fn verify_lists_what_is_still_to_write() {
    let sandbox = workbook();
    let (_, nn) = next_free(&sandbox);
    assert_eq!(sandbox.grader(&["new", &format!("{nn}-rate-limiter")]).code, 0);
    let verify = sandbox.grader(&["verify", &nn]);
    assert_eq!(verify.code, 1, "{}", verify.text);
    assert!(verify.text.contains("still to write"), "{}", verify.text);
    for place in [
        "exercises/NN-rate-limiter/exercise.toml: the title",
        "exercises/NN-rate-limiter/checks/checks.rs: the checks",
        "solutions/NN-rate-limiter/rate_limiter.rs: the reference solution",
        "docs/src/NN-rate-limiter.md: the chapter",
    ] {
        let place = place.replace("NN", &nn);
        assert!(verify.text.contains(&place), "{place} is missing from:\n{}", verify.text);
    }
}

/// The status and current mark `grader list` gives `name`.
fn listed(sandbox: &Sandbox, name: &str) -> (String, bool) {
    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    let row = rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{}", list.text));
    (row["status"].as_str().unwrap().to_string(), row["current"].as_bool().unwrap())
}

/// While an exercise is being written (the shipped version has none of it), `grader
/// check` is in authoring mode: nothing tells the author to delete their work, and
/// nothing is recorded. `--authoring` does the same for a shipped exercise whose checks
/// are being changed, and its pass is never recorded as a learner's.
#[test]
fn authoring_mode_expects_new_files_and_records_nothing() {
    let sandbox = workbook();
    sandbox.commit_as_shipped();
    let (nn, name) = scaffolded(&sandbox, "rate-limiter", &[]);
    let check = sandbox.grader(&["check", &nn]);
    assert_eq!(check.code, 1, "{}", check.text);
    assert!(
        check.text.contains(&format!(
            "Authoring mode ({name} is not in HEAD yet: you are writing it): nothing is recorded in the progress."
        )),
        "{}",
        check.text
    );
    assert!(!check.text.contains("Delete the files") && !check.text.contains("Put them back"), "{}", check.text);
    assert_eq!(listed(&sandbox, &name), ("not started".to_string(), false));

    // A shipped exercise, its checks changed, the solution in the learner's file.
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    let checks = sandbox.root().join("exercises/04-gather/checks/checks.rs");
    let text = std::fs::read_to_string(&checks).unwrap();
    std::fs::write(&checks, format!("{text}\n// A check being changed.\n")).unwrap();
    let authoring = sandbox.grader(&["check", "04", "--authoring"]);
    assert_eq!(authoring.code, 0, "{}", authoring.text);
    assert!(authoring.text.contains("Authoring mode: nothing is recorded in the progress."), "{}", authoring.text);
    assert!(authoring.text.contains("(1 differ from HEAD, 0 are new)"), "{}", authoring.text);
    assert!(!authoring.text.contains("Put them back"), "{}", authoring.text);
    assert_eq!(listed(&sandbox, "04-gather").0, "not started");
    // Without the flag, it is a learner's check on edited checks: named, and not recorded.
    let learner = sandbox.grader(&["check", "04"]);
    assert_eq!(learner.code, 1, "{}", learner.text);
    assert!(learner.text.contains("This pass is not recorded"), "{}", learner.text);
    assert_eq!(listed(&sandbox, "04-gather").0, "not started");
}

/// An author's whole round, as the instructor guide tells it: `grader new` at the next
/// free number, every placeholder replaced by a small complete exercise (a stub, a
/// check, a solution, two wrong answers and a valid one, a chapter and its code, from
/// `tests/fixtures/new_exercise/`), the README's row given its Python constructs (the one
/// line outside the exercise's own files written by hand), then `grader verify`: green.
#[test]
fn a_scaffolded_exercise_filled_in_verifies() {
    let sandbox = workbook();
    let (nn, name) = scaffolded(&sandbox, "two-pages", &["--title", "two pages: fetch them together"]);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new_exercise");
    let ch = format!("ch{nn}");
    let fill = |file: &str, to: &str| {
        let text = std::fs::read_to_string(fixtures.join(file)).unwrap();
        let text = text.replace("{{number}}", &nn).replace("{{name}}", &name).replace("{{ch}}", &ch);
        sandbox.write(&to.replace("<name>", &name).replace("<ch>", &ch), &text);
    };
    let answers = sandbox.root().join(format!("solutions/{name}/answers"));
    std::fs::remove_dir_all(&answers).unwrap();
    std::fs::create_dir_all(&answers).unwrap();
    for (file, to) in [
        ("exercise.toml", "exercises/<name>/exercise.toml"),
        ("task.md", "exercises/<name>/README.md"),
        ("checks.rs", "exercises/<name>/checks/checks.rs"),
        ("stub.rs", "exercises/<name>/src/two_pages.rs"),
        ("solution.rs", "solutions/<name>/two_pages.rs"),
        ("answers/one_after_another.rs", "solutions/<name>/answers/one_after_another.rs"),
        ("answers/swapped.rs", "solutions/<name>/answers/swapped.rs"),
        ("answers/joined_futures.rs", "solutions/<name>/answers/joined_futures.rs"),
        ("chapter.md", "docs/src/<name>.md"),
        ("chapter_code.rs", "docs/examples/src/<ch>.rs"),
    ] {
        fill(file, to);
    }
    let readme = read(&sandbox, "README.md");
    sandbox.write("README.md", &readme.replace("TODO(grader new) the Python constructs", "`asyncio.gather`"));

    let recorded = sandbox.grader(&["verify", &nn, "--record-expected"]);
    assert_eq!(recorded.code, 0, "{}", recorded.text);
    assert!(
        sandbox.root().join(format!("exercises/{name}/checks/expected/two_pages_take_one_second.0.trace")).is_file()
    );
    let verify = sandbox.grader(&["verify", &nn]);
    assert_eq!(verify.code, 0, "{}", verify.text);
    for case in [
        "stub (fails as declared; verdict fail, 0 of 1 checks pass)",
        "solution (passes; verdict pass, 1 of 1 checks pass)",
        "answers/joined_futures.rs (passes;",
        "answers/one_after_another.rs (fails as declared;",
        "answers/swapped.rs (fails as declared;",
    ] {
        assert!(verify.text.contains(&format!("✓ {name} {case}")), "{case} is missing from:\n{}", verify.text);
    }
    assert!(verify.text.contains("Verified: 5 cases behave as declared."), "{}", verify.text);
}
