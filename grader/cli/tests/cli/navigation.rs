//! The learner's way around: the bare dashboard, list, hints, next, and progress
//! that survives damage.

use crate::sandbox::Sandbox;

#[test]
fn bare_grader_shows_progress_and_the_next_step() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let output = sandbox.grader(&[]);
    assert_eq!(output.code, 0, "{}", output.text);
    insta::assert_snapshot!("dashboard", output.text);
}

#[test]
fn hints_come_one_at_a_time_then_all() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let first = sandbox.grader(&["hint", "04"]);
    assert!(first.text.contains("Hint 1 of 3"), "{}", first.text);
    assert!(!first.text.contains("Hint 2 of 3"), "{}", first.text);
    let second = sandbox.grader(&["hint", "04"]);
    assert!(second.text.contains("Hint 2 of 3") && !second.text.contains("Hint 1 of 3"), "{}", second.text);
    let all = sandbox.grader(&["hint", "04", "--all"]);
    assert!(all.text.contains("Hint 1 of 3") && all.text.contains("Hint 3 of 3"), "{}", all.text);
}

#[test]
fn next_moves_on_and_list_marks_it() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let next = sandbox.grader(&["next"]);
    assert!(next.text.contains("Now on 04-gather"), "{}", next.text);
    assert!(next.text.contains("01-runtime has not passed yet"), "{}", next.text);
    let list = sandbox.grader(&["list"]);
    insta::assert_snapshot!("list_after_next", list.text);
    let json = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.text).unwrap();
    assert_eq!(rows[1]["name"], "04-gather");
    assert_eq!(rows[1]["current"], true);
}

#[test]
fn a_damaged_progress_file_is_kept_reported_and_rebuilt() {
    let sandbox = Sandbox::with(&["04-gather"]);
    std::fs::create_dir_all(sandbox.root().join(".grader")).unwrap();
    std::fs::write(sandbox.root().join(".grader/progress.json"), "{\"version\": 1, \"current\": ").unwrap();
    let output = sandbox.grader(&["list"]);
    assert_eq!(output.code, 0, "{}", output.text);
    assert!(output.text.contains("Your progress file could not be read"), "{}", output.text);
    let kept: Vec<_> = std::fs::read_dir(sandbox.root().join(".grader"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("progress.json.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), "{\"version\": 1, \"current\": ");
    // The rebuilt file is valid: no warning the second time.
    assert!(!sandbox.grader(&["list"]).text.contains("could not be read"));
}

#[test]
fn a_missing_workbook_is_a_setup_error() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_grader"))
        .args(["--color", "never", "--root"])
        .arg(empty.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a workbook folder"));
}
