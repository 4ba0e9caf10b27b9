//! Learner mode under concurrency: two `grader` commands at once in one workbook (two
//! terminals, or an editor's task beside `watch`). Each run has its own run folder,
//! and progress is saved as a read-modify-write under a lock, so both verdicts are
//! right and both progress updates survive.

use serde_json::Value;

use crate::sandbox::Sandbox;

/// Runs `grader check <exercise> --format json` in `sandbox`, not waited for.
fn start_check(sandbox: &Sandbox, exercise: &str) -> std::process::Child {
    sandbox
        .command(&["check", exercise, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn verdict(child: std::process::Child) -> String {
    let output = child.wait_with_output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    json["verdict"].as_str().unwrap().to_string()
}

#[test]
fn two_checks_of_one_exercise_at_once_both_get_the_right_verdict() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    // Built once first, so the tries race in the checks, not in cargo's lock.
    assert_eq!(verdict(start_check(&sandbox, "04")), "pass");
    for attempt in 0..5 {
        let (a, b) = (start_check(&sandbox, "04"), start_check(&sandbox, "04"));
        assert_eq!((verdict(a), verdict(b)), ("pass".to_string(), "pass".to_string()), "attempt {attempt}");
    }
    let runs = sandbox.root().join(".grader/run");
    let left = std::fs::read_dir(&runs).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "run folders were left in {}", runs.display());
}

#[test]
fn two_checks_of_two_exercises_at_once_both_update_progress() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    sandbox.copy("solutions/01-runtime/runtime.rs", "exercises/01-runtime/src/runtime.rs");
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    assert_eq!(verdict(start_check(&sandbox, "01")), "pass");
    assert_eq!(verdict(start_check(&sandbox, "04")), "pass");
    std::fs::remove_file(sandbox.root().join(".grader/progress.json")).unwrap();
    for attempt in 0..3 {
        let (a, b) = (start_check(&sandbox, "01"), start_check(&sandbox, "04"));
        assert_eq!((verdict(a), verdict(b)), ("pass".to_string(), "pass".to_string()), "attempt {attempt}");
        let progress: Value =
            serde_json::from_str(&std::fs::read_to_string(sandbox.root().join(".grader/progress.json")).unwrap())
                .unwrap();
        for exercise in ["01-runtime", "04-gather"] {
            assert_eq!(progress["exercises"][exercise]["passed"], true, "attempt {attempt}: {progress}");
        }
    }
}
