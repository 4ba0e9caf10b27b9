//! The learner's way around: the bare dashboard, list, hints, next, and progress
//! that survives damage.

use crate::sandbox::{Sandbox, assert_says};

#[test]
fn bare_grader_shows_progress_and_the_next_step() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let output = sandbox.grader_exits(&[], 0);
    insta::assert_snapshot!("dashboard", output.text);
}

#[test]
fn hints_come_one_at_a_time_then_all() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let first = sandbox.grader(&["hint", "04"]);
    assert_says(&first.text, &["Hint 1 of 3"]);
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
    sandbox.grader_exits(&["check", "04"], 1);
    let first = sandbox.grader(&["hint"]);
    assert!(
        first.text.contains("Hint 3 of 3 for 04-gather, for the failing check `try_join_drops_siblings`:"),
        "{}",
        first.text
    );
    assert_says(&first.text, &["try_join_all"]);
    // Then the ones not seen yet, in order, and nothing twice.
    let second = sandbox.grader(&["hint"]);
    assert_says(&second.text, &["Hint 1 of 3 for 04-gather:"]);
    let third = sandbox.grader(&["hint"]);
    assert_says(&third.text, &["Hint 2 of 3 for 04-gather:", "That was the last hint"]);
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
    assert_says(&next.text, &["Now on 04-gather", "01-runtime has not passed yet"]);
    let list = sandbox.grader(&["list"]);
    insta::assert_snapshot!("list_after_next", list.text);
    let rows = sandbox.json(&["list"]);
    assert_eq!(rows[1]["name"], "04-gather");
    assert_eq!(rows[1]["current"], true);
}

#[test]
fn after_a_pass_next_goes_to_the_following_exercise() {
    let sandbox = Sandbox::with(&["01-runtime", "02-coroutines", "04-gather"]);
    sandbox.solve("01-runtime");
    sandbox.grader_exits(&["check", "01"], 0);
    let dashboard = sandbox.grader(&[]);
    assert_says(&dashboard.text, &["Current exercise: 01-runtime", "Passed. Run grader next to move on."]);
    let next = sandbox.grader(&["next"]);
    assert_says(&next.text, &["Now on 02-coroutines"]);
    assert!(!next.text.contains("has not passed yet"), "{}", next.text);
}

#[test]
fn next_skips_passed_exercises_and_checking_an_old_one_does_not_move_you_back() {
    let sandbox = Sandbox::with(&["01-runtime", "02-coroutines", "04-gather"]);
    sandbox.solve("02-coroutines");
    assert_eq!(sandbox.grader(&["check", "02"]).code, 0);
    let next = sandbox.grader(&["next"]);
    assert_says(&next.text, &["Now on 04-gather"]);
    // Checking an earlier exercise that has not passed takes you back, and says so.
    let old = sandbox.grader(&["check", "01"]);
    assert_says(&old.text, &["you were on 04-gather"]);
    assert!(sandbox.grader(&[]).text.contains("Current exercise: 01-runtime"));
    // From 01, next goes to the first exercise after it that has not passed, and says
    // which it skipped.
    let next = sandbox.grader(&["next"]);
    assert_says(&next.text, &["Skipping 02-coroutines: passed already", "Now on 04-gather"]);
    // Checking a passed exercise again leaves you where you are, and says so.
    let again = sandbox.grader(&["check", "02"]);
    assert_says(&again.text, &["You are still on 04-gather"]);
    let hint = sandbox.grader(&["hint"]);
    assert!(hint.text.contains("for 04-gather"), "a bare hint went elsewhere: {}", hint.text);
    // After the last one, next goes round to the first that has not passed.
    let round = sandbox.grader(&["next"]);
    assert_says(&round.text, &["Nothing after 04-gather is left to pass", "Now on 01-runtime"]);
}

#[test]
fn a_damaged_progress_file_is_kept_reported_and_rebuilt() {
    let sandbox = Sandbox::with(&["04-gather"]);
    std::fs::create_dir_all(sandbox.root().join(".grader")).unwrap();
    std::fs::write(sandbox.root().join(".grader/progress.json"), "{\"version\": 1, \"current\": ").unwrap();
    let output = sandbox.grader_exits(&["list"], 0);
    assert_says(&output.text, &["Your progress file could not be read"]);
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
    sandbox.solve("04-gather");
    sandbox.grader(&["hint", "04"]);

    // Without a terminal to ask on, it refuses unless told --yes, and changes nothing.
    let refused = sandbox.grader_exits(&["reset", "04"], 2);
    assert_says(&refused.text, &["add --yes"]);
    assert_ne!(std::fs::read_to_string(&learner).unwrap(), shipped);

    let reset = sandbox.grader_exits(&["reset", "04", "--yes"], 0);
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
    assert_says(&again.text, &["already as shipped"]);
}

#[test]
fn reset_outside_a_git_clone_says_what_to_do() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader_exits(&["reset", "04", "--yes"], 2);
    assert_says(&output.text, &["can't find the shipped version"]);
}

#[test]
fn solution_waits_for_a_pass_unless_forced() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let hidden = sandbox.grader_exits(&["solution", "04"], 1);
    assert!(hidden.text.contains("hasn't passed yet") && !hidden.text.contains("try_join_all"), "{}", hidden.text);
    let forced = sandbox.grader_exits(&["solution", "04", "--force"], 0);
    assert_says(&forced.text, &["try_join_all(urls"]);
    let diff = sandbox.grader(&["solution", "04", "--force", "--diff"]);
    assert_says(&diff.text, &["--- yours: exercises/04-gather/src/gather.rs"]);
    assert!(diff.text.lines().any(|l| l.starts_with('+') && l.contains("try_join_all")), "{}", diff.text);
    // The code only: neither side's comments (the stub's TODOs) are in it.
    assert!(!diff.text.lines().any(|l| l.trim_start_matches(['+', '-', ' ']).starts_with("//")), "{}", diff.text);

    sandbox.solve("04-gather");
    assert_eq!(sandbox.grader(&["check", "04"]).code, 0);
    sandbox.grader_exits(&["solution", "04"], 0);
    let same = sandbox.grader(&["solution", "04", "--diff"]);
    assert_says(&same.text, &["has the same code as solutions/04-gather/gather.rs"]);
}

#[test]
fn check_all_judges_every_exercise_in_order() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    sandbox.solve("04-gather");
    let output = sandbox.grader_exits(&["check", "--all"], 1);
    let first = output.text.find("01-runtime").unwrap();
    let second = output.text.find("04-gather").unwrap();
    assert!(first < second, "{}", output.text);
    assert_says(&output.text, &["✓ 04-gather", "1 of 2 exercises pass."]);
    let reports = sandbox.json(&["check", "--all"]);
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
    sandbox.grader_exits(&["completions", "tcsh"], 2);
}

#[test]
fn edited_checks_are_noticed_and_a_pass_on_them_is_not_recorded() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.commit_as_shipped();
    sandbox.solve("04-gather");
    let checks = sandbox.root().join("exercises/04-gather/checks/checks.rs");
    let shipped = std::fs::read_to_string(&checks).unwrap();
    std::fs::write(&checks, format!("{shipped}\n// I was here.\n")).unwrap();
    sandbox.write("exercises/04-gather/build.rs", "fn main() {}\n");

    let output = sandbox.grader(&["check", "04"]);
    assert_eq!(output.code, 1, "a pass on edited checks is not a pass:\n{}", output.text);
    insta::assert_snapshot!("tampered", output.text);
    let report = sandbox.json(&["check", "04"]);
    assert_eq!(report["tampered"][0], "exercises/04-gather/checks/checks.rs");
    let rows = sandbox.json(&["list"]);
    assert_ne!(rows[0]["status"], "passed", "{rows:#}");
    // Nor through `check --all`.
    sandbox.grader(&["check", "--all"]);
    let rows = sandbox.json(&["list"]);
    assert_ne!(rows[0]["status"], "passed", "{rows:#}");

    // The way back the notice gives works.
    let restore = std::process::Command::new("git")
        .arg("-C")
        .arg(sandbox.root())
        .args(["checkout", "HEAD", "--", "exercises/04-gather/checks/checks.rs"])
        .status()
        .unwrap();
    assert!(restore.success());
    std::fs::remove_file(sandbox.root().join("exercises/04-gather/build.rs")).unwrap();
    let clean = sandbox.grader_exits(&["check", "04"], 0);
    assert!(!clean.text.contains("belong to the grader"), "{}", clean.text);
}
