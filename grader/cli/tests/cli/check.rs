//! `grader check` on fixtures with known outcomes.

use crate::sandbox::{Sandbox, assert_says};

/// A sandbox with 04, its learner file the solution with `item` (a whole `pub async fn`)
/// in place of the solution's function of the same name.
fn sandbox_with(item: &str) -> Sandbox {
    let sandbox = Sandbox::with(&["04-gather"]);
    let solution = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/gather.rs")).unwrap();
    let name = item.strip_prefix("pub async fn ").and_then(|rest| rest.split('(').next()).unwrap();
    let start = solution.find(&format!("pub async fn {name}(")).unwrap();
    let end = start + solution[start..].find("\n}\n").unwrap() + 3;
    sandbox.write("exercises/04-gather/src/gather.rs", &format!("{}{item}{}", &solution[..start], &solution[end..]));
    sandbox
}

#[test]
fn the_stub_fails_and_says_the_fetches_ran_one_after_another() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader_exits(&["check", "04-gather"], 1);
    assert_says(&output.text, &["ran one after another"]);
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
    sandbox.solve("04-gather");
    let output = sandbox.grader_exits(&["check", "4"], 0);
    insta::assert_snapshot!("solution_passes", output.text);
    // The pass is remembered.
    let list = sandbox.json(&["list"]);
    assert_eq!(list[0]["status"], "passed", "{list:#}");
}

#[test]
fn a_failing_check_shows_its_lesson() {
    let sandbox = sandbox_with(
        r#"pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    use futures::StreamExt as _;
    urls.iter().map(|url| web::fetch_page(url)).collect::<futures::stream::FuturesUnordered<_>>().collect().await
}
"#,
    );
    let output = sandbox.grader_exits(&["check", "gather"], 1);
    insta::assert_snapshot!("failing_check_shows_its_lesson", output.text);
}

#[test]
fn a_compile_error_is_shown_and_explained() {
    let sandbox = sandbox_with(
        r#"pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let first = || web::fetch_page(urls[0]).await;
    vec![first()]
}
"#,
    );
    let output = sandbox.grader_exits(&["check", "04"], 1);
    assert_says(&output.text, &["What this means:"]);
    insta::assert_snapshot!("compile_error_is_explained", output.text);
}

#[test]
fn a_blocked_runtime_is_named() {
    let sandbox = sandbox_with(
        r#"pub async fn load_dashboard() -> Dashboard {
    std::thread::sleep(std::time::Duration::from_millis(600));
    let (headlines, temperature, orders) = tokio::join!(
        web::fetch_page("/news"),
        station::read_sensor("thermometer"),
        db::query("SELECT * FROM orders"),
    );
    Dashboard { headlines, temperature, orders }
}
"#,
    );
    let output = sandbox.grader_exits(&["check", "04", "--format", "json"], 1);
    assert!(output.text.contains(r#""verdict": "blocked""#), "{}", output.text);
    let human = sandbox.grader(&["check", "04"]);
    assert_says(&human.text, &["The runtime was blocked"]);
    insta::assert_snapshot!("blocked_runtime_is_named", human.text);
}

#[test]
fn a_busy_loop_is_stopped_and_named_and_the_other_checks_still_run() {
    let sandbox = sandbox_with(
        r#"pub async fn load_dashboard() -> Dashboard {
    let mut spins: u64 = 0;
    loop {
        spins = std::hint::black_box(spins.wrapping_add(1));
    }
}
"#,
    );
    let output = sandbox.grader_exits(&["check", "04", "--timeout", "2"], 1);
    insta::assert_snapshot!("busy_loop_is_named", output.text);
}

#[test]
fn a_deadlock_fails_at_the_virtual_deadline_at_once() {
    let sandbox = sandbox_with(
        r#"pub async fn load_dashboard() -> Dashboard {
    let (_keep_sender, receiver) = tokio::sync::oneshot::channel::<Dashboard>();
    receiver.await.unwrap()
}
"#,
    );
    let output = sandbox.grader_exits(&["check", "04"], 1);
    assert_says(&output.text, &["`dashboard_panels_load_together` never finished"]);
}

#[test]
fn an_unknown_exercise_lists_the_closest_names() {
    let sandbox = Sandbox::with(&["04-gather"]);
    let output = sandbox.grader_exits(&["check", "gahter"], 2);
    insta::assert_snapshot!("unknown_exercise", output.text);
}

#[test]
fn timeline_shows_how_a_passing_run_ran() {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.solve("04-gather");
    let plain = sandbox.grader(&["check", "04"]);
    assert!(!plain.text.contains("took 1.000s of virtual time"), "{}", plain.text);
    let output = sandbox.grader_exits(&["check", "04", "--timeline"], 0);
    insta::assert_snapshot!("timeline_of_a_passing_run", output.text);
}
