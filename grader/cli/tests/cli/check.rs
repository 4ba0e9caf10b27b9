//! `grader check` on fixtures with known outcomes.

use crate::sandbox::Sandbox;

const LEARNER_FILE: &str = "exercises/04-gather/src/gather.rs";

/// The solution of 04 with one function replaced by `replacement` (a whole fn).
fn solution_with(sandbox: &Sandbox, function: &str, replacement: &str) -> String {
    let solution = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/gather.rs")).unwrap();
    let start = solution.find(&format!("pub async fn {function}")).unwrap();
    let end = start + solution[start..].find("\n}\n").unwrap() + 3;
    format!("{}{replacement}{}", &solution[..start], &solution[end..])
}

#[test]
fn the_stub_fails_and_says_the_fetches_ran_one_after_another() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader(&["check", "04-gather"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("ran one after another"));
    insta::assert_snapshot!("stub_fails_with_a_timeline", output.text);
}

#[test]
fn without_a_terminal_one_line_says_it_builds() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.command(&["check", "04"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|line| crate::sandbox::is_build_line(line)).collect();
    assert_eq!(lines, ["Building 04-gather and its checks…"], "{stderr}");
    // The line is plain text: no spinner, no cursor movements.
    assert!(!stderr.contains('\r') && !stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn the_solution_passes() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.copy("solutions/04-gather/gather.rs", LEARNER_FILE);
    let output = sandbox.grader(&["check", "4"]);
    assert_eq!(output.code, 0, "{}", output.text);
    insta::assert_snapshot!("solution_passes", output.text);
    // The pass is remembered.
    let list = sandbox.grader(&["list", "--format", "json"]);
    assert!(list.text.contains(r#""status": "passed""#), "{}", list.text);
}

#[test]
fn a_failing_check_shows_its_lesson() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let unordered = solution_with(
        &sandbox,
        "fetch_all",
        "pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {\n    use futures::StreamExt as _;\n    urls.iter().map(|url| web::fetch_page(url)).collect::<futures::stream::FuturesUnordered<_>>().collect().await\n}\n",
    );
    sandbox.write(LEARNER_FILE, &unordered);
    let output = sandbox.grader(&["check", "gather"]);
    assert_eq!(output.code, 1, "{}", output.text);
    insta::assert_snapshot!("failing_check_shows_its_lesson", output.text);
}

#[test]
fn a_compile_error_is_shown_and_explained() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let broken = solution_with(
        &sandbox,
        "fetch_all",
        "pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {\n    let first = || web::fetch_page(urls[0]).await;\n    vec![first()]\n}\n",
    );
    sandbox.write(LEARNER_FILE, &broken);
    let output = sandbox.grader(&["check", "04"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("What this means:"), "{}", output.text);
    insta::assert_snapshot!("compile_error_is_explained", output.text);
}

#[test]
fn a_blocked_runtime_is_named() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let blocking = solution_with(
        &sandbox,
        "load_dashboard",
        "pub async fn load_dashboard() -> Dashboard {\n    std::thread::sleep(std::time::Duration::from_millis(600));\n    let (headlines, temperature, orders) = tokio::join!(\n        web::fetch_page(\"/news\"),\n        station::read_sensor(\"thermometer\"),\n        db::query(\"SELECT * FROM orders\"),\n    );\n    Dashboard { headlines, temperature, orders }\n}\n",
    );
    sandbox.write(LEARNER_FILE, &blocking);
    let output = sandbox.grader(&["check", "04", "--format", "json"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains(r#""verdict": "blocked""#), "{}", output.text);
    let human = sandbox.grader(&["check", "04"]);
    assert!(human.text.contains("The runtime was blocked"), "{}", human.text);
    insta::assert_snapshot!("blocked_runtime_is_named", human.text);
}

#[test]
fn a_busy_loop_is_stopped_and_named_and_the_other_checks_still_run() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let spinning = solution_with(
        &sandbox,
        "load_dashboard",
        "pub async fn load_dashboard() -> Dashboard {\n    let mut spins: u64 = 0;\n    loop {\n        spins = std::hint::black_box(spins.wrapping_add(1));\n    }\n}\n",
    );
    sandbox.write(LEARNER_FILE, &spinning);
    let output = sandbox.grader(&["check", "04", "--timeout", "2"]);
    assert_eq!(output.code, 1, "{}", output.text);
    insta::assert_snapshot!("busy_loop_is_named", output.text);
}

#[test]
fn a_deadlock_fails_at_the_virtual_deadline_at_once() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let waiting_forever = solution_with(
        &sandbox,
        "load_dashboard",
        "pub async fn load_dashboard() -> Dashboard {\n    let (_keep_sender, receiver) = tokio::sync::oneshot::channel::<Dashboard>();\n    receiver.await.unwrap()\n}\n",
    );
    sandbox.write(LEARNER_FILE, &waiting_forever);
    let output = sandbox.grader(&["check", "04"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("`dashboard_panels_load_together` never finished"), "{}", output.text);
}

#[test]
fn an_unknown_exercise_lists_the_closest_names() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader(&["check", "gahter"]);
    assert_eq!(output.code, 2, "{}", output.text);
    insta::assert_snapshot!("unknown_exercise", output.text);
}

#[test]
fn timeline_shows_how_a_passing_run_ran() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.copy("solutions/04-gather/gather.rs", "exercises/04-gather/src/gather.rs");
    let plain = sandbox.grader(&["check", "04"]);
    assert!(!plain.text.contains("took 1.000s of virtual time"), "{}", plain.text);
    let output = sandbox.grader(&["check", "04", "--timeline"]);
    assert_eq!(output.code, 0, "{}", output.text);
    insta::assert_snapshot!("timeline_of_a_passing_run", output.text);
}
