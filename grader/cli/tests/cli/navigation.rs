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
fn a_hint_goes_to_the_failing_check_first_then_the_rest_in_order() {
    let sandbox = Sandbox::with(&["04-gather"]);
    // Everything right but the all-or-nothing fetch, which waits for every page.
    sandbox.write_fixture("04-gather", "src/gather.rs", "solutions/04-gather/answers/wait_for_all_then_check.rs");
    let check = sandbox.grader(&["check", "04"]);
    assert_eq!(check.code, 1, "{}", check.text);
    let first = sandbox.grader(&["hint"]);
    assert!(
        first.text.contains("Hint 3 of 3 for 04-gather, for the failing check `try_join_drops_siblings`:"),
        "{}",
        first.text
    );
    assert!(first.text.contains("try_join_all"), "{}", first.text);
    // Then the ones not seen yet, in order, and nothing twice.
    let second = sandbox.grader(&["hint"]);
    assert!(second.text.contains("Hint 1 of 3 for 04-gather:"), "{}", second.text);
    let third = sandbox.grader(&["hint"]);
    assert!(third.text.contains("Hint 2 of 3 for 04-gather:"), "{}", third.text);
    assert!(third.text.contains("That was the last hint"), "{}", third.text);
}

#[test]
fn on_a_stub_that_fails_everything_the_hints_come_in_order() {
    let sandbox = Sandbox::with(&["03-tasks"]);
    assert_eq!(sandbox.grader(&["check", "03"]).code, 1);
    let first = sandbox.grader(&["hint"]);
    assert!(
        first.text.contains("Hint 1 of 3 for 03-tasks, for the failing check `both_messages_take_two_seconds`:"),
        "{}",
        first.text
    );
    // Later failing checks name hint 3, but only the first failing check picks: no jump.
    assert!(sandbox.grader(&["hint"]).text.contains("Hint 2 of 3 for 03-tasks:"));
    assert!(sandbox.grader(&["hint"]).text.contains("Hint 3 of 3 for 03-tasks:"));
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
fn after_a_pass_next_goes_to_the_following_exercise() {
    let sandbox = Sandbox::with(&["01-runtime", "02-coroutines", "04-gather"]);
    sandbox.copy("solutions/01-runtime/runtime.rs", "exercises/01-runtime/src/runtime.rs");
    let check = sandbox.grader(&["check", "01"]);
    assert_eq!(check.code, 0, "{}", check.text);
    let dashboard = sandbox.grader(&[]);
    assert!(dashboard.text.contains("Current exercise: 01-runtime"), "{}", dashboard.text);
    assert!(dashboard.text.contains("Passed. Run grader next to move on."), "{}", dashboard.text);
    let next = sandbox.grader(&["next"]);
    assert!(next.text.contains("Now on 02-coroutines"), "{}", next.text);
    assert!(!next.text.contains("has not passed yet"), "{}", next.text);
}

#[test]
fn next_skips_passed_exercises_and_checking_an_old_one_does_not_move_you_back() {
    let sandbox = Sandbox::with(&["01-runtime", "02-coroutines", "04-gather"]);
    sandbox.copy("solutions/02-coroutines/coroutines.rs", "exercises/02-coroutines/src/coroutines.rs");
    assert_eq!(sandbox.grader(&["check", "02"]).code, 0);
    let next = sandbox.grader(&["next"]);
    assert!(next.text.contains("Now on 04-gather"), "{}", next.text);
    // Checking an earlier exercise that has not passed takes you back, and says so.
    let old = sandbox.grader(&["check", "01"]);
    assert!(old.text.contains("you were on 04-gather"), "{}", old.text);
    assert!(sandbox.grader(&[]).text.contains("Current exercise: 01-runtime"));
    // From 01, next goes to the first exercise after it that has not passed, and says
    // which it skipped.
    let next = sandbox.grader(&["next"]);
    assert!(next.text.contains("Skipping 02-coroutines: passed already"), "{}", next.text);
    assert!(next.text.contains("Now on 04-gather"), "{}", next.text);
    // Checking a passed exercise again leaves you where you are, and says so.
    let again = sandbox.grader(&["check", "02"]);
    assert!(again.text.contains("You are still on 04-gather"), "{}", again.text);
    let hint = sandbox.grader(&["hint"]);
    assert!(hint.text.contains("for 04-gather"), "a bare hint went elsewhere: {}", hint.text);
    // After the last one, next goes round to the first that has not passed.
    let round = sandbox.grader(&["next"]);
    assert!(round.text.contains("Nothing after 04-gather is left to pass"), "{}", round.text);
    assert!(round.text.contains("Now on 01-runtime"), "{}", round.text);
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

#[test]
fn reset_restores_the_shipped_file_and_keeps_yours() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.commit_as_shipped();
    let learner = sandbox.root().join("exercises/04-gather/src/gather.rs");
    let shipped = std::fs::read_to_string(&learner).unwrap();
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    sandbox.grader(&["hint", "04"]);

    // Without a terminal to ask on, it refuses unless told --yes, and changes nothing.
    let refused = sandbox.grader(&["reset", "04"]);
    assert_eq!(refused.code, 2, "{}", refused.text);
    assert!(refused.text.contains("add --yes"), "{}", refused.text);
    assert_ne!(std::fs::read_to_string(&learner).unwrap(), shipped);

    let reset = sandbox.grader(&["reset", "04", "--yes"]);
    assert_eq!(reset.code, 0, "{}", reset.text);
    assert_eq!(std::fs::read_to_string(&learner).unwrap(), shipped, "{}", reset.text);
    // The learner's version is kept, byte for byte.
    let backups = sandbox.root().join(".grader/backups/04-gather");
    let kept = std::fs::read_dir(&backups).unwrap().next().unwrap().unwrap().path().join("gather.rs");
    let solution = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/gather.rs")).unwrap();
    assert_eq!(std::fs::read_to_string(kept).unwrap(), solution);
    assert!(
        reset.text.contains("Your version of exercises/04-gather/src/gather.rs is kept in .grader/backups/04-gather/")
    );
    // Progress (here: the hint shown) is untouched.
    assert!(sandbox.grader(&["hint", "04"]).text.contains("Hint 2 of 3"));

    let again = sandbox.grader(&["reset", "04", "--yes"]);
    assert!(again.text.contains("already as shipped"), "{}", again.text);
}

#[test]
fn reset_outside_a_git_clone_says_what_to_do() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader(&["reset", "04", "--yes"]);
    assert_eq!(output.code, 2, "{}", output.text);
    assert!(output.text.contains("can't find the shipped version"), "{}", output.text);
}

#[test]
fn solution_waits_for_a_pass_unless_forced() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let hidden = sandbox.grader(&["solution", "04"]);
    assert_eq!(hidden.code, 1, "{}", hidden.text);
    assert!(hidden.text.contains("hasn't passed yet") && !hidden.text.contains("try_join_all"), "{}", hidden.text);
    let forced = sandbox.grader(&["solution", "04", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.text);
    assert!(forced.text.contains("try_join_all(urls"), "{}", forced.text);
    let diff = sandbox.grader(&["solution", "04", "--force", "--diff"]);
    assert!(diff.text.contains("--- yours: exercises/04-gather/src/gather.rs"), "{}", diff.text);
    assert!(diff.text.lines().any(|l| l.starts_with('+') && l.contains("try_join_all")), "{}", diff.text);
    // The code only: neither side's comments (the stub's TODOs) are in it.
    assert!(!diff.text.lines().any(|l| l.trim_start_matches(['+', '-', ' ']).starts_with("//")), "{}", diff.text);

    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    assert_eq!(sandbox.grader(&["check", "04"]).code, 0);
    let shown = sandbox.grader(&["solution", "04"]);
    assert_eq!(shown.code, 0, "{}", shown.text);
    let same = sandbox.grader(&["solution", "04", "--diff"]);
    assert!(same.text.contains("has the same code as solutions/04-gather/gather.rs"), "{}", same.text);
}

#[test]
fn check_all_judges_every_exercise_in_order() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    let output = sandbox.grader(&["check", "--all"]);
    assert_eq!(output.code, 1, "{}", output.text);
    let first = output.text.find("01-runtime").unwrap();
    let second = output.text.find("04-gather").unwrap();
    assert!(first < second, "{}", output.text);
    assert!(output.text.contains("✓ 04-gather"), "{}", output.text);
    assert!(output.text.contains("1 of 2 exercises pass."), "{}", output.text);
    let json = sandbox.grader(&["check", "--all", "--format", "json"]);
    let reports: serde_json::Value = serde_json::from_str(&json.text).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 2);
}

#[test]
fn completions_cover_every_command() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let bash = sandbox.grader(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    for command in ["check", "hint", "next", "watch", "reset", "solution", "verify", "new", "grade"] {
        assert!(bash.text.contains(command), "bash completions lack {command}");
    }
    let unknown = sandbox.grader(&["completions", "tcsh"]);
    assert_eq!(unknown.code, 2, "{}", unknown.text);
}

#[test]
fn edited_checks_are_noticed_and_a_pass_on_them_is_not_recorded() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.commit_as_shipped();
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    let checks = sandbox.root().join("exercises/04-gather/checks/checks.rs");
    let shipped = std::fs::read_to_string(&checks).unwrap();
    std::fs::write(&checks, format!("{shipped}\n// I was here.\n")).unwrap();
    sandbox.write("exercises/04-gather/build.rs", "fn main() {}\n");

    let output = sandbox.grader(&["check", "04"]);
    assert_eq!(output.code, 1, "a pass on edited checks is not a pass:\n{}", output.text);
    insta::assert_snapshot!("tampered", output.text);
    let json = sandbox.grader(&["check", "04", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.text).unwrap();
    assert_eq!(report["tampered"][0], "exercises/04-gather/checks/checks.rs");
    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    assert_ne!(rows[0]["status"], "passed", "{}", list.text);
    // Nor through `check --all`.
    sandbox.grader(&["check", "--all"]);
    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    assert_ne!(rows[0]["status"], "passed", "{}", list.text);

    // The way back the notice gives works.
    let restore = std::process::Command::new("git")
        .arg("-C")
        .arg(sandbox.root())
        .args(["checkout", "HEAD", "--", "exercises/04-gather/checks/checks.rs"])
        .status()
        .unwrap();
    assert!(restore.success());
    std::fs::remove_file(sandbox.root().join("exercises/04-gather/build.rs")).unwrap();
    let clean = sandbox.grader(&["check", "04"]);
    assert_eq!(clean.code, 0, "{}", clean.text);
    assert!(!clean.text.contains("belong to the grader"), "{}", clean.text);
}
