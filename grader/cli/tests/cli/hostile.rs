//! The hostile-code catalogue: learner code that hangs, deadlocks, panics in tasks,
//! overflows its stack, ends the process, floods its output, imitates passing output,
//! sets insta's variables or fakes its results. Each fixture in
//! `tests/fixtures/hostile/` is exercise 04's learner file with one hostile change
//! (its `//!` header says which): most hold only the items they change, grafted onto
//! 04's reference solution ([`crate::sandbox::learner_file`]); those the source check
//! refuses by line are whole. `grader check` on it must give a verdict that is not a
//! pass, within its limit, with a message that says what happened, and must never
//! freeze, crash or report a pass.
//!
//! Each case runs `grader check --format json` for the verdict and each check's status,
//! and the human output for the words a learner reads (snapshotted). The JSON run comes
//! first, so the human run reuses its build.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::sandbox::{Sandbox, assert_says};

const LEARNER_FILE: &str = "exercises/04-gather/src/gather.rs";

/// Each check's wall-clock limit in the cases that hang: long enough for a check of 04
/// on a loaded machine (they take microseconds), short enough to keep the tests quick.
const HANG_LIMIT: &str = "2";

/// A sandbox with exercise 04, its learner file replaced by the fixture `name`.
fn sandbox_with(name: &str) -> Sandbox {
    let sandbox = Sandbox::with(&["04-gather"]);
    sandbox.write_fixture("04-gather", "src/gather.rs", &format!("grader/cli/tests/fixtures/hostile/{name}.rs"));
    sandbox
}

/// Lets 04 in `sandbox` use `modules` (its `exercise.toml`'s `allow`), so that a case
/// the source check refuses can still prove the defences behind it: the report's
/// token and order, the exit status, the process group.
fn allow(sandbox: &Sandbox, modules: &[&str]) {
    let path = sandbox.root().join("exercises/04-gather/exercise.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let list = modules.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", ");
    std::fs::write(&path, text.replace("\nfiles = ", &format!("\nallow = [{list}]\nfiles = "))).unwrap();
}

/// The number of the one line of the learner's file in `sandbox` that holds `code`.
fn line_of(sandbox: &Sandbox, code: &str) -> usize {
    let text = std::fs::read_to_string(sandbox.root().join(LEARNER_FILE)).unwrap();
    let found: Vec<usize> =
        text.lines().enumerate().filter(|(_, line)| line.contains(code)).map(|(i, _)| i + 1).collect();
    let [line] = found[..] else { panic!("{code:?} stands on {} lines of the learner's file", found.len()) };
    line
}

/// Asserts that `grader check` refuses the learner's file before building it, naming
/// each of `lines` (`src/gather.rs:12: ...`).
fn assert_refused(sandbox: &Sandbox, lines: &[&str]) {
    let report = check_json(sandbox, &[]);
    assert_eq!(report.verdict(), "forbidden", "{}", report.json);
    let human = told(sandbox, &[], &["Not built: it uses what this exercise does not allow"]);
    assert_says(&human, lines);
}

/// A `grader check --format json` report, parsed.
struct Report {
    json: Value,
}

impl Report {
    fn verdict(&self) -> &str {
        self.json["verdict"].as_str().unwrap()
    }

    /// Each check's name and status, in the order the checks are written.
    fn statuses(&self) -> Vec<(String, String)> {
        self.checks().map(|c| (c["name"].as_str().unwrap().to_string(), status(c))).collect()
    }

    fn checks(&self) -> impl Iterator<Item = &Value> {
        self.json["checks"].as_array().unwrap().iter()
    }

    fn check(&self, name: &str) -> &Value {
        self.checks().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no check {name} in {:#}", self.json))
    }
}

fn status(check: &Value) -> String {
    check["status"].as_str().unwrap().to_string()
}

/// Runs `grader check 04 --format json <extra>`, asserts it exits with 1 (not yet),
/// and parses its report.
fn check_json(sandbox: &Sandbox, extra: &[&str]) -> Report {
    let mut args = vec!["check", "04", "--format", "json"];
    args.extend_from_slice(extra);
    let output = sandbox.grader(&args);
    assert_eq!(output.code, 1, "{}", output.text);
    let json: Value = serde_json::from_str(&output.text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", output.text));
    Report { json }
}

/// Runs `grader check 04 --format json <extra>` and asserts its verdict and each check's
/// status (`statuses`, from [`expected`] or [`all`]); returns the report.
#[track_caller]
fn judged(sandbox: &Sandbox, extra: &[&str], verdict: &str, statuses: Vec<(String, String)>) -> Report {
    let report = check_json(sandbox, extra);
    assert_eq!(report.verdict(), verdict, "{:#}", report.json);
    assert_eq!(report.statuses(), statuses);
    report
}

/// Runs `grader check 04 <extra>` for a learner to read, asserts it exits with 1 and
/// says each of `words`, and returns what it printed.
#[track_caller]
fn told(sandbox: &Sandbox, extra: &[&str], words: &[&str]) -> String {
    let mut args = vec!["check", "04"];
    args.extend_from_slice(extra);
    let output = sandbox.grader(&args);
    assert_eq!(output.code, 1, "{}", output.text);
    assert_says(&output.text, words);
    output.text
}

/// 04's six checks, in the order they are written.
const CHECKS: [&str; 6] = [
    "dashboard_panels_load_together",
    "three_fetches_take_one_second",
    "results_keep_input_order",
    "gather_lets_siblings_finish",
    "all_or_nothing_returns_pages_in_order",
    "try_join_drops_siblings",
];

/// The statuses expected of 04's six checks: `pass` unless named in `others`.
fn expected(others: &[(&str, &str)]) -> Vec<(String, String)> {
    let others: BTreeMap<&str, &str> = others.iter().copied().collect();
    CHECKS.iter().map(|name| (name.to_string(), others.get(name).copied().unwrap_or("pass").to_string())).collect()
}

/// The same `status` expected of every one of 04's checks.
fn all(status: &str) -> Vec<(String, String)> {
    CHECKS.iter().map(|name| (name.to_string(), status.to_string())).collect()
}

/// Ids that change from run to run: tokio's task ids (`Id(12)`, counting the tasks the
/// process spawned before) and thread ids (`thread 'checks::x' (4971)`).
fn redact_ids(text: &str) -> String {
    redact_numbers_after(&redact_numbers_after(text, "Id("), "' (")
}

/// `text` with each number that follows `opening` and ends with `)` made `[ID]`.
fn redact_numbers_after(text: &str, opening: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(opening) {
        let after = &rest[at + opening.len()..];
        let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        out.push_str(&rest[..at + opening.len()]);
        if digits > 0 && after[digits..].starts_with(')') {
            out.push_str("[ID]");
        } else {
            out.push_str(&after[..digits]);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Runs a case that hangs in the dashboard's check under [`HANG_LIMIT`]: asserts the
/// `verdict`, that check's `status` (the others pass) and that the learner reads `words`;
/// returns what they read.
fn stopped(sandbox: &Sandbox, verdict: &str, status: &str, words: &[&str]) -> String {
    judged(sandbox, &["--timeout", HANG_LIMIT], verdict, expected(&[("dashboard_panels_load_together", status)]));
    told(sandbox, &["--timeout", HANG_LIMIT], words)
}

#[test]
fn a_busy_loop_is_stopped_within_a_second_and_named() {
    let sandbox = sandbox_with("busy_loop");
    let words = ["kept running code inside one poll", "Lines of your code that fit those causes"];
    let human = stopped(&sandbox, "blocked", "fail", &words);
    insta::assert_snapshot!("busy_loop", human);
}

#[test]
fn a_yield_now_spin_is_stopped_within_a_second_and_named() {
    let sandbox = sandbox_with("yield_spin");
    let line = format!("src/gather.rs:{}: tokio::task::yield_now().await;", line_of(&sandbox, "yield_now().await"));
    let human = stopped(&sandbox, "blocked", "fail", &["The runtime never became idle", &line]);
    insta::assert_snapshot!("yield_spin", human);
}

#[test]
fn a_long_blocking_sleep_is_stopped_at_the_limit_and_its_line_named() {
    let sandbox = sandbox_with("sleep_forever");
    let words = ["did not finish in 2 s of real time", "thread::sleep(std::time::Duration::from_secs(3600));"];
    stopped(&sandbox, "timeout", "hung", &words);
}

#[test]
fn a_deadlock_fails_at_the_virtual_deadline_named_as_a_deadlock() {
    let sandbox = sandbox_with("deadlock");
    // The default limit (10 s): a deadlock must fail on the virtual deadline, long
    // before the wall clock would call it hung.
    let failing = ["three_fetches_take_one_second", "results_keep_input_order", "gather_lets_siblings_finish"];
    let report = judged(&sandbox, &[], "fail", expected(&failing.map(|name| (name, "fail"))));
    for name in failing {
        assert_eq!(report.check(name)["kind"], "deadlock", "{name}");
    }
    let human = told(
        &sandbox,
        &[],
        &[
            "`three_fetches_take_one_second` never finished",
            "That is a deadlock",
            "a channel whose sender is kept alive",
        ],
    );
    insta::assert_snapshot!("deadlock", human);
}

/// Asserts that `check` failed as `kind`, and that a task it spawned panicked with a
/// message that starts with `message`.
#[track_caller]
fn assert_task_panicked(check: &Value, kind: &str, message: &str) {
    assert_eq!(check["kind"], kind, "{check:#}");
    let panics = check["panics"].as_array().unwrap();
    let found = panics.iter().any(|p| p["origin"] == "task" && p["message"].as_str().unwrap().starts_with(message));
    assert!(found, "no task panicked with {message:?}: {check:#}");
}

#[test]
fn a_panic_in_an_awaited_task_fails_its_check_and_says_a_task_panicked() {
    let sandbox = sandbox_with("task_panic_awaited");
    let report = judged(&sandbox, &[], "fail", expected(&[("dashboard_panels_load_together", "fail")]));
    let dashboard = report.check("dashboard_panels_load_together");
    assert_task_panicked(dashboard, "panic", "the headlines are too long to show");
    assert_says(dashboard["message"].as_str().unwrap(), &["JoinError::Panic"]);
    let human = told(&sandbox, &[], &["A spawned task did not finish normally", "the headlines are too long to show"]);
    insta::assert_snapshot!("task_panic_awaited", redact_ids(&human));
}

#[test]
fn a_panic_in_a_task_nobody_awaits_fails_its_check_and_says_a_task_panicked() {
    let sandbox = sandbox_with("task_panic_dropped");
    let report = judged(&sandbox, &[], "fail", expected(&[("gather_lets_siblings_finish", "fail")]));
    assert_task_panicked(report.check("gather_lets_siblings_finish"), "lesson", "every page is up");
    let human = told(
        &sandbox,
        &[],
        &[
            "a task your code spawned panicked",
            "the work the task was doing silently never happens",
            "every page is up",
        ],
    );
    insta::assert_snapshot!("task_panic_dropped", human);
}

#[test]
fn a_stack_overflow_is_named_and_every_other_check_still_runs() {
    let sandbox = sandbox_with("stack_overflow");
    let crashed = ["all_or_nothing_returns_pages_in_order", "try_join_drops_siblings"];
    let report = judged(&sandbox, &[], "crashed", expected(&crashed.map(|name| (name, "crashed"))));
    for name in crashed {
        let message = report.check(name)["message"].as_str().unwrap();
        assert_says(message, &[&format!("`{name}` ended the checks' process"), "a stack overflow"]);
    }
    let human = told(&sandbox, &[], &["it died from a stack overflow", "a recursion that never ends"]);
    insta::assert_snapshot!("stack_overflow", redact_ids(&human));
}

/// The case `name` ends the checks' process with `std::process::<function>` in the
/// check `check`: the source check refuses it; allowed, that check is named as the one
/// that ended the process (the others still run and pass), and the learner reads `words`.
fn assert_ends_the_process(name: &str, function: &str, check: &str, words: &[&str]) {
    let sandbox = sandbox_with(name);
    assert_refused(&sandbox, &[&format!("`std::process::{function}`")]);
    allow(&sandbox, &["std::process"]);
    judged(&sandbox, &[], "crashed", expected(&[(check, "crashed")]));
    let human =
        told(&sandbox, &[], &[&format!("`{check}` ended the checks' process"), &format!("std::process::{function}")]);
    assert_says(&human, words);
    insta::assert_snapshot!(name, human);
}

#[test]
fn process_exit_zero_is_not_a_pass_and_names_the_check() {
    assert_ends_the_process("exit_zero", "exit", "dashboard_panels_load_together", &["exited with status 0"]);
}

#[test]
fn process_abort_is_not_a_pass_and_names_the_check() {
    assert_ends_the_process("abort", "abort", "try_join_drops_siblings", &["an abort", "std::process::abort()"]);
}

#[test]
fn a_flood_of_output_is_cut_and_the_verdict_still_comes() {
    let sandbox = sandbox_with("flood");
    let watched = run_watched(&sandbox, &["check", "04", "--format", "json"], &[]);
    assert_eq!(watched.code, Some(1), "{}", watched.stdout);
    // The learner's code printed 100 MB; the grader reads at most 64 KiB of it.
    if let Some(peak) = watched.peak_kib {
        assert!(peak < 40 * 1024, "the grader's memory grew to {peak} KiB while the checks printed 100 MB");
    }
    assert!(watched.stdout.len() < 256 * 1024, "the report is {} bytes", watched.stdout.len());
    let report = Report { json: serde_json::from_str(&watched.stdout).unwrap() };
    assert_eq!(report.verdict(), "fail");
    assert_eq!(report.statuses(), expected(&[("dashboard_panels_load_together", "fail")]));
    let dashboard = report.check("dashboard_panels_load_together");
    assert_says(dashboard["message"].as_str().unwrap(), &["thermometer"]);
    let output = dashboard["output"].as_str().unwrap();
    assert!(output.len() < 65 * 1024, "the output kept is {} bytes", output.len());
    assert!(
        output.ends_with("[… output cut here: it went on for more than 64 KiB]\n"),
        "{}",
        &output[output.len() - 200..]
    );
    insta::assert_snapshot!("flood", told(&sandbox, &[], &[]));
    // The 100 MB on disk are gone with the run folder.
    let runs = sandbox.root().join(".grader/run");
    assert_eq!(
        std::fs::read_dir(&runs).map(|d| d.count()).unwrap_or(0),
        0,
        "the run folder was left in {}",
        runs.display()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_grown_by_the_code_under_test_is_read_only_up_to_its_cap() {
    // With files allowed, the code appends 64 MiB of junk to the report while its check
    // runs: the grader reads 4 MiB of it at most, and the verdict still comes.
    let sandbox = sandbox_with("report_flood");
    allow(&sandbox, &["std::fs", "std::env"]);
    let watched = run_watched(&sandbox, &["check", "04", "--format", "json"], &[]);
    assert_eq!(watched.code, Some(0), "{}", watched.stdout);
    if let Some(peak) = watched.peak_kib {
        assert!(peak < 40 * 1024, "the grader's memory grew to {peak} KiB reading a 64 MiB report");
    }
}

#[test]
fn printed_imitations_of_passing_output_are_ignored() {
    let sandbox = sandbox_with("fake_pass_output");
    // The same verdicts as the plain sequential answer's.
    judged(&sandbox, &[], "fail", all("fail"));
    let human = told(&sandbox, &[], &["ran one after another", "Not yet: 0 of 6 checks pass."]);
    insta::assert_snapshot!("fake_pass_output", human);
}

#[test]
fn records_forged_in_the_report_file_are_ignored() {
    let sandbox = sandbox_with("forged_records");
    assert_refused(&sandbox, &["`std::env", "`std::fs", "`workbook::harness"]);
    allow(&sandbox, &["std::fs", "std::env", "workbook::harness"]);
    // The same verdicts as the plain sequential answer's: not one forged pass counts.
    let report = judged(&sandbox, &[], "fail", all("fail"));
    // The check the code under test started through the harness was refused.
    let dashboard = report.check("dashboard_panels_load_together");
    let refused = dashboard["panics"].as_array().unwrap().iter().any(|p| {
        p["origin"] == "thread"
            && p["message"]
                .as_str()
                .unwrap()
                .starts_with("`try_join_drops_siblings` was started while `dashboard_panels_load_together` ran")
    });
    assert!(refused, "{dashboard:#}");
    told(&sandbox, &[], &["ran one after another", "Not yet: 0 of 6 checks pass."]);
}

#[test]
fn insta_variables_neither_pass_a_wrong_answer_nor_touch_the_snapshots() {
    let sandbox = sandbox_with("fetches_twice");
    let checks = sandbox.root().join("exercises/04-gather/checks");
    let before = files_under(&checks);
    let hostile_environment = [
        ("INSTA_UPDATE", "always"),
        ("INSTA_FORCE_PASS", "1"),
        ("INSTA_FORCE_UPDATE", "1"),
        ("WORKBOOK_RECORD_EXPECTED", "1"),
    ];
    let run = |args: &[&str]| {
        let output = sandbox.command(args).envs(hostile_environment).output().unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (code, stdout) = run(&["check", "04", "--format", "json"]);
    assert_eq!(code, Some(1), "{stdout}");
    let report = Report { json: serde_json::from_str(&stdout).unwrap() };
    assert_eq!(report.verdict(), "fail");
    // Fetching every page twice: the service's record of calls shows it, whatever
    // insta is told.
    let failing = ["three_fetches_take_one_second", "results_keep_input_order", "gather_lets_siblings_finish"];
    assert_eq!(report.statuses(), expected(&failing.map(|name| (name, "fail"))));
    for name in failing {
        assert_says(report.check(name)["message"].as_str().unwrap(), &["was requested 2 times"]);
    }
    // The sequential answer, which fails before it reaches a snapshot.
    sandbox.write_fixture("04-gather", "src/gather.rs", "solutions/04-gather/answers/sequential.rs");
    let (code, stdout) = run(&["check", "04"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert_says(&stdout, &["ran one after another"]);
    assert_eq!(files_under(&checks), before, "the checks' snapshots or expected traces changed");
}

/// Every file under `dir` and its bytes.
fn files_under(dir: &std::path::Path) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn a_hard_coded_result_fails_and_says_the_work_never_happened() {
    let sandbox = sandbox_with("hard_coded");
    let report = judged(&sandbox, &[], "fail", all("fail"));
    for name in CHECKS {
        assert_says(
            report.check(name)["message"].as_str().unwrap(),
            &["nothing was recorded: no simulated service was called"],
        );
    }
    let human =
        told(&sandbox, &[], &["the web service never received a request for /news", "no simulated service was called"]);
    insta::assert_snapshot!("hard_coded", human);
}

#[cfg(target_os = "linux")]
#[test]
fn a_process_left_running_is_ended_with_the_checks() {
    let sandbox = sandbox_with("leftover_process");
    assert_refused(&sandbox, &["`std::process::Command"]);
    allow(&sandbox, &["std::process"]);
    assert_passes_leaving_no_process(&sandbox, "processes the checks started");
}

#[cfg(target_os = "linux")]
#[test]
fn processes_detached_from_the_checks_group_are_ended_too() {
    let sandbox = sandbox_with("escaped_process");
    allow(&sandbox, &["std::process"]);
    assert_passes_leaving_no_process(&sandbox, "detached processes");
}

/// Asserts that `grader check` passes every check in `sandbox` (apart from the
/// processes its code leaves behind, the answer is right), and that once it has
/// returned, none of `what` the checks started is still running.
#[cfg(target_os = "linux")]
fn assert_passes_leaving_no_process(sandbox: &Sandbox, what: &str) {
    let watched = run_watched(sandbox, &["check", "04", "--format", "json"], &[]);
    assert_eq!(watched.code, Some(0), "{}", watched.stdout);
    let left = left_after(sandbox, std::time::Duration::ZERO);
    assert!(left.is_empty(), "{what} outlived the grader: {left:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_process_detached_by_the_checks_dies_with_a_grader_killed_by_kill_9() {
    crate::sandbox::require_os_sandbox();
    let sandbox = sandbox_with("outlives_a_killed_grader");
    allow(&sandbox, &["std::process"]);
    let mut grader =
        sandbox.command(&["check", "04", "--timeout", "60"]).stdout(std::process::Stdio::null()).spawn().unwrap();
    wait_for_process(&sandbox, "their detached process", |command| command == b"sleep\x00600\x00");
    grader.kill().unwrap();
    grader.wait().unwrap();
    // No grader is left to end anything: the kernel must, through the PID namespace.
    let left = left_after(&sandbox, std::time::Duration::from_secs(2));
    assert!(left.is_empty(), "processes outlived the killed grader: {left:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn the_sandbox_keeps_check_from_writing_into_the_workbook_or_home() {
    crate::sandbox::require_os_sandbox();
    let sandbox = sandbox_with("writes_outside");
    allow(&sandbox, &["std::fs", "std::env"]);
    let home = tempfile::Builder::new().prefix("grader-home-").tempdir().unwrap();
    let output = sandbox.command(&["check", "04", "--format", "json"]).env("HOME", home.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(!sandbox.root().join("written-by-a-check").exists(), "a check wrote into the workbook");
    assert!(!home.path().join("written-by-a-check").exists(), "a check wrote into the grader's home");
}

/// The processes whose current folder is inside `root`.
#[cfg(target_os = "linux")]
fn processes_working_in(root: &std::path::Path) -> Vec<i32> {
    let root = root.canonicalize().unwrap();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
        if std::fs::read_link(entry.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(&root)) {
            found.push(pid);
        }
    }
    found
}

/// Waits until a process working in `sandbox` has a command line (`/proc/<pid>/cmdline`)
/// that `matches`; fails if none has after [`FROZEN_AFTER`], saying the checks never
/// started `what`.
#[cfg(target_os = "linux")]
fn wait_for_process(sandbox: &Sandbox, what: &str, matches: impl Fn(&[u8]) -> bool) {
    let started = std::time::Instant::now();
    let cmdline = |pid: i32| std::fs::read(format!("/proc/{pid}/cmdline"));
    while !processes_working_in(sandbox.root()).into_iter().any(|pid| cmdline(pid).is_ok_and(|c| matches(&c))) {
        assert!(started.elapsed() < FROZEN_AFTER, "the checks never started {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The processes still working in `sandbox` once they are all gone or `grace` has
/// passed, whichever is first; those found are then killed, so a failing test leaves
/// nothing behind.
#[cfg(target_os = "linux")]
fn left_after(sandbox: &Sandbox, grace: std::time::Duration) -> Vec<i32> {
    let deadline = std::time::Instant::now() + grace;
    let mut left = processes_working_in(sandbox.root());
    while !left.is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        left = processes_working_in(sandbox.root());
    }
    for pid in &left {
        // SAFETY: sending a signal; a process that has gone meanwhile just isn't found.
        unsafe { libc::kill(*pid, libc::SIGKILL) };
    }
    left
}

/// How long a watched grader run may take before the test calls it frozen: a bound
/// against hanging (it includes building the exercise), not a timing assertion.
const FROZEN_AFTER: std::time::Duration = std::time::Duration::from_secs(300);

/// A grader run watched from outside.
struct Watched {
    code: Option<i32>,
    stdout: String,
    /// The grader's peak resident memory (`VmHWM`), last seen just before it exited;
    /// `None` where `/proc` can't tell.
    peak_kib: Option<u64>,
}

/// Runs `grader <args>` in `sandbox` with `envs` added, its standard output going to a
/// file, sampling its peak memory until it exits. Fails if it runs past [`FROZEN_AFTER`].
fn run_watched(sandbox: &Sandbox, args: &[&str], envs: &[(&str, &str)]) -> Watched {
    let stdout_path = sandbox.root().join("grader-stdout");
    let stdout = std::fs::File::create(&stdout_path).unwrap();
    let mut child = sandbox.command(args).envs(envs.iter().copied()).stdout(stdout).spawn().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let started = std::time::Instant::now();
    let mut peak_kib = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(line) = text.lines().find(|line| line.starts_with("VmHWM:"))
        {
            peak_kib = line.split_whitespace().nth(1).and_then(|kib| kib.parse::<u64>().ok()).or(peak_kib);
        }
        if started.elapsed() > FROZEN_AFTER {
            let _ = child.kill();
            panic!("grader {args:?} froze: still running after {} s", FROZEN_AFTER.as_secs());
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Watched { code: status.code(), stdout: std::fs::read_to_string(&stdout_path).unwrap(), peak_kib }
}

#[test]
fn the_reference_solution_by_path_is_refused_before_it_is_built() {
    let sandbox = sandbox_with("reference_by_path");
    assert_refused(&sandbox, &["src/gather.rs:6: `#[path]`"]);
}

#[test]
fn secrets_read_at_build_time_are_refused_by_line() {
    let sandbox = sandbox_with("secrets_at_build_time");
    let (key, home) = (line_of(&sandbox, "include_str!("), line_of(&sandbox, "env!("));
    assert_refused(
        &sandbox,
        &[&format!("src/gather.rs:{key}: `include_str!`"), &format!("src/gather.rs:{home}: `env!`")],
    );
}

#[test]
fn renames_and_macro_bodies_hide_nothing_from_the_source_check() {
    let sandbox = sandbox_with("hidden_in_a_macro");
    assert_refused(&sandbox, &["src/gather.rs:9: `unsafe`", "src/gather.rs:9: `std::env::var_os`"]);
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_of_the_grader_ends_the_checks_it_started() {
    let sandbox = sandbox_with("sleep_forever");
    // Built first, so the run below is in the checks when it is interrupted.
    check_json(&sandbox, &["--timeout", HANG_LIMIT]);
    let mut command = sandbox.command(&["check", "04", "--timeout", "60"]);
    command.stdout(std::process::Stdio::null());
    // As from a terminal: a test run started in the background would pass SIGINT on
    // ignored, and the grader would never see the Ctrl-C this test sends.
    // SAFETY: between fork and exec, only `signal`, which is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut grader = command.spawn().unwrap();
    // Wait for the checks' process itself (not `--list`): it runs with `--exact`.
    wait_for_process(&sandbox, "the checks' process", |command| String::from_utf8_lossy(command).contains("--exact"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: sending a signal to the child we started.
    unsafe { libc::kill(grader.id() as i32, libc::SIGINT) };
    grader.wait().unwrap();
    // Well before the watchdog would end the sleeping check itself (5 s).
    let left = left_after(&sandbox, std::time::Duration::from_secs(1));
    assert!(left.is_empty(), "the checks' process outlived the interrupted grader: {left:?}");
}

/// Safe code that reads freed memory through a known hole in the compiler's lifetime
/// checks compiles (rustc accepts it), so it is refused by its shape before it is built.
#[test]
fn the_compiler_hole_that_frees_memory_without_unsafe_is_refused() {
    let sandbox = sandbox_with("freed_memory_without_unsafe");
    let line = line_of(&sandbox, "_tie: &'a &'b ()");
    assert_refused(&sandbox, &[&format!("src/gather.rs:{line}: `&'a &'b ()`"), "known hole in the compiler's checks"]);
}

/// The services' `set_…` functions are the checks' set-up: an answer that calls them
/// changes the scenario under itself, and is refused by line.
#[test]
fn an_answer_that_sets_up_the_scenario_itself_is_refused() {
    let sandbox = sandbox_with("scenario_rewritten");
    let line = line_of(&sandbox, "web::set_latency(");
    assert_refused(
        &sandbox,
        &[&format!("src/gather.rs:{line}: `workbook::sim::web::set_latency`"), "set up the checks' scenarios"],
    );
}

/// Safe code that transmutes through another known compiler hole compiles too, so it is
/// refused by its shape before it is built.
#[test]
fn the_compiler_hole_that_transmutes_without_unsafe_is_refused() {
    let sandbox = sandbox_with("transmute_without_unsafe");
    let line = line_of(&sandbox, "pass_through::<dyn");
    assert_refused(&sandbox, &[&format!("src/gather.rs:{line}: `dyn Object<U, Output = T>`"), "rust-lang/rust#57893"]);
}
