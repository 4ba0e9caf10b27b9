//! `grader new`: an instructor scaffolds an exercise that builds, fails its placeholder
//! check, is wired into the book and the README in number order, and refuses to
//! overwrite anything.

use crate::sandbox::{Sandbox, workbook_root};

/// Every file `grader new 21-rate-limiter` makes.
const CREATED: &[&str] = &[
    "exercises/21-rate-limiter/Cargo.toml",
    "exercises/21-rate-limiter/lib.rs",
    "exercises/21-rate-limiter/src/rate_limiter.rs",
    "exercises/21-rate-limiter/checks/checks.rs",
    "exercises/21-rate-limiter/checks/snapshots/.gitkeep",
    "exercises/21-rate-limiter/exercise.toml",
    "exercises/21-rate-limiter/README.md",
    "solutions/21-rate-limiter/rate_limiter.rs",
    "solutions/21-rate-limiter/answers/a_wrong_answer.rs",
    "solutions/21-rate-limiter/answers/another_correct_answer.rs",
    "docs/src/21-rate-limiter.md",
];

/// A sandbox with 04 and the real README (the sandbox copies `docs/` but not the README).
fn workbook() -> Sandbox {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.write("README.md", &std::fs::read_to_string(workbook_root().join("README.md")).unwrap());
    sandbox
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
    let output = sandbox.grader(&["new", "21-rate-limiter"]);
    assert_eq!(output.code, 0, "{}", output.text);
    insta::assert_snapshot!("created", output.text);
    for path in CREATED {
        assert!(sandbox.root().join(path).is_file(), "{path} was not created");
    }
    let toml = read(&sandbox, "exercises/21-rate-limiter/exercise.toml");
    assert!(toml.contains(r#"chapter = "21-rate-limiter.md""#) && toml.contains(r#"files = ["src/rate_limiter.rs"]"#));
    assert!(read(&sandbox, "exercises/21-rate-limiter/Cargo.toml").contains(r#"name = "ex21-rate-limiter""#));
    assert!(read(&sandbox, "exercises/21-rate-limiter/lib.rs").contains(r#"#[path = "src/rate_limiter.rs"]"#));

    // The sandbox's book lists 01 to 20, then the performance page: 21 goes after 20.
    let [before, line, after] = neighbours(&sandbox, "docs/src/SUMMARY.md", "21-rate-limiter");
    assert_eq!(line, "- [21 · rate limiter](21-rate-limiter.md)");
    assert!(before.contains("(20-hand-written-future.md)") && after.is_empty(), "{before}\n{after}");
    let [before, line, after] = neighbours(&sandbox, "docs/README.md", "21-rate-limiter");
    assert!(line.starts_with("- [21 · rate limiter: TODO(grader new)") && line.ends_with("](src/21-rate-limiter.md)"));
    assert!(before.contains("(src/20-hand-written-future.md)") && after.is_empty(), "{before}\n{after}");
    let [before, line, after] = neighbours(&sandbox, "README.md", "`rate-limiter`");
    assert!(line.starts_with("| 21 | `rate-limiter`: "), "{line}");
    assert!(before.starts_with("| 20 |") && after.is_empty(), "{before}\n{after}");

    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    assert_eq!(rows[1]["name"], "21-rate-limiter", "{}", list.text);
    assert!(rows[1]["title"].as_str().unwrap().starts_with("rate limiter: TODO(grader new)"));
}

#[test]
fn a_given_title_goes_everywhere_the_title_shows() {
    let sandbox = workbook();
    let output = sandbox.grader(&["new", "21-rate-limiter", "--title", "rate limiter: a token bucket | refilled"]);
    assert_eq!(output.code, 0, "{}", output.text);
    let toml = read(&sandbox, "exercises/21-rate-limiter/exercise.toml");
    assert!(toml.starts_with("title = \"rate limiter: a token bucket | refilled\"\n"), "{toml}");
    assert!(
        read(&sandbox, "docs/src/21-rate-limiter.md").starts_with("# 21 · rate limiter: a token bucket | refilled\n")
    );
    assert_eq!(neighbours(&sandbox, "docs/src/SUMMARY.md", "21-rate")[1], "- [21 · rate limiter](21-rate-limiter.md)");
    assert_eq!(
        neighbours(&sandbox, "docs/README.md", "21-rate")[1],
        "- [21 · rate limiter: a token bucket | refilled](src/21-rate-limiter.md)"
    );
    // A `|` would split the README's table cell.
    let row = &neighbours(&sandbox, "README.md", "`rate-limiter`")[1];
    assert!(row.starts_with(r"| 21 | `rate-limiter`: a token bucket \| refilled | "), "{row}");
}

#[test]
fn the_new_exercise_builds_and_its_placeholder_check_fails() {
    let sandbox = workbook();
    assert_eq!(sandbox.grader(&["new", "21-rate-limiter"]).code, 0);
    // Like the sandbox's copies, a package name of its own keeps parallel test runs from
    // sharing build output in the shared target folder.
    let manifest = sandbox.root().join("exercises/21-rate-limiter/Cargo.toml");
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
        text.replace(r#"name = "ex21-rate-limiter""#, &format!(r#"name = "ex21-rate-limiter-{unique}""#)),
    )
    .unwrap();
    let check = sandbox.grader(&["check", "21"]);
    assert_eq!(check.code, 1, "{}", check.text);
    assert!(check.text.contains("✗ checks are still to be written"), "{}", check.text);
    assert!(check.text.contains("are still to be written"), "{}", check.text);
    insta::assert_snapshot!("placeholder_check_fails", check.text);
}

#[test]
fn new_refuses_bad_names_and_used_ones_and_writes_nothing() {
    let sandbox = workbook();
    let book_before = read(&sandbox, "docs/src/SUMMARY.md");
    let mut transcript = String::new();
    for name in
        ["rate-limiter", "21_rate_limiter", "21-Rate-Limiter", "21-rate--limiter", "21-async", "04-other", "22-gather"]
    {
        let output = sandbox.grader(&["new", name]);
        assert_eq!(output.code, 2, "grader new {name}: {}", output.text);
        assert!(output.text.contains("error:") && output.text.contains("hint:"), "{}", output.text);
        transcript.push_str(&format!("$ grader new {name}\n{}\n", output.text));
    }
    let output = sandbox.grader(&["new", "21-rate-limiter", "--title", ""]);
    assert_eq!(output.code, 2, "{}", output.text);
    transcript.push_str(&format!("$ grader new 21-rate-limiter --title \"\"\n{}", output.text));
    insta::assert_snapshot!("refusals", transcript);
    assert!(!sandbox.root().join("exercises/21-rate-limiter").exists());
    assert!(!sandbox.root().join("exercises/22-gather").exists());
    assert_eq!(read(&sandbox, "docs/src/SUMMARY.md"), book_before);

    // Made once, the same exercise is refused, and nothing it made is touched.
    assert_eq!(sandbox.grader(&["new", "21-rate-limiter"]).code, 0);
    sandbox.write("exercises/21-rate-limiter/src/rate_limiter.rs", "// the instructor's work\n");
    let summary = read(&sandbox, "docs/src/SUMMARY.md");
    let again = sandbox.grader(&["new", "21-rate-limiter", "--title", "rate limiter: again"]);
    assert_eq!(again.code, 2, "{}", again.text);
    assert!(again.text.contains("the number 21 is already used by"), "{}", again.text);
    assert_eq!(read(&sandbox, "exercises/21-rate-limiter/src/rate_limiter.rs"), "// the instructor's work\n");
    assert_eq!(read(&sandbox, "docs/src/SUMMARY.md"), summary);
    // A folder left behind with the number also counts as used.
    std::fs::create_dir_all(sandbox.root().join("solutions/23-old-draft")).unwrap();
    let draft = sandbox.grader(&["new", "23-queue-draining"]);
    assert_eq!(draft.code, 2, "{}", draft.text);
    assert!(draft.text.contains("solutions/23-old-draft"), "{}", draft.text);
}

#[test]
fn a_workbook_without_a_readme_is_scaffolded_and_says_it_skipped_it() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader(&["new", "21-rate-limiter"]);
    assert_eq!(output.code, 0, "{}", output.text);
    assert!(output.text.contains("Skipped README.md: there is no such file."), "{}", output.text);
    assert!(!sandbox.root().join("README.md").exists());
}

#[test]
fn verify_lists_what_is_still_to_write() {
    let sandbox = workbook();
    assert_eq!(sandbox.grader(&["new", "21-rate-limiter"]).code, 0);
    let verify = sandbox.grader(&["verify", "21"]);
    assert_eq!(verify.code, 1, "{}", verify.text);
    assert!(verify.text.contains("still to write"), "{}", verify.text);
    for place in [
        "exercises/21-rate-limiter/exercise.toml: the title",
        "exercises/21-rate-limiter/checks/checks.rs: the checks",
        "solutions/21-rate-limiter/rate_limiter.rs: the reference solution",
        "docs/src/21-rate-limiter.md: the chapter",
    ] {
        assert!(verify.text.contains(place), "{place} is missing from:\n{}", verify.text);
    }
}
