//! `grader verify` over every exercise of the real workbook: each stub fails for
//! its intended reason, each solution passes, and every answer fixture (plausible
//! wrong answers and other correct answers) behaves as it declares.

use crate::sandbox::workbook_root;

#[test]
fn every_exercise_verifies() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_grader"))
        .args(["--color", "never", "--root"])
        .arg(workbook_root())
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("verify printed no JSON ({e}): {stdout}\n{}", String::from_utf8_lossy(&output.stderr))
    });
    let failures: Vec<&serde_json::Value> =
        results.as_array().unwrap().iter().filter(|r| !r["problems"].as_array().unwrap().is_empty()).collect();
    assert!(failures.is_empty(), "cases that do not behave as declared:\n{failures:#?}");
    // Every exercise has a stub, a solution, two wrong answers and another correct one.
    let exercises: std::collections::BTreeSet<&str> =
        results.as_array().unwrap().iter().map(|r| r["exercise"].as_str().unwrap()).collect();
    for exercise in exercises {
        let cases: Vec<&serde_json::Value> =
            results.as_array().unwrap().iter().filter(|r| r["exercise"] == exercise).collect();
        let wrong = cases
            .iter()
            .filter(|c| {
                c["expected"]["expect"] == "fail"
                    || c["case"].as_str().unwrap().starts_with("answers/") && c["expected"]["expect"] == "compile_error"
            })
            .count();
        let right = cases
            .iter()
            .filter(|c| c["case"].as_str().unwrap().starts_with("answers/") && c["expected"]["expect"] == "pass")
            .count();
        assert!(wrong >= 2, "{exercise} has {wrong} wrong-answer fixtures; it needs at least two");
        assert!(right >= 1, "{exercise} has no other correct answer among its fixtures");
        assert_eq!(output.status.code(), Some(0));
    }
}
