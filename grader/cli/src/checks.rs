//! The check model: runs an exercise's built checks under a wall-clock limit, reads
//! the verdict of each from the report file the support crate's harness writes, and
//! accounts for every check: passed, failed, hung, crashed or not run.
//!
//! A verdict never comes from anything the learner's code can print: only from the
//! report records and the process's exit status. A check with no `pass` record
//! never passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use crate::process;

/// How one check ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    /// Still running when the wall-clock limit ran out.
    Hung,
    /// The process died while it ran (exit, abort, stack overflow…).
    Crashed,
    /// Never started, because an earlier check took the process down.
    NotRun,
}

/// One check's result.
#[derive(Clone, Debug, Serialize)]
pub struct CheckResult {
    /// The check's function name.
    pub name: String,
    /// `lesson`, `panic`, `blocked`, `deadlock`, `hung` or `crashed` when it did not pass.
    pub kind: Option<String>,
    pub status: Status,
    /// The lesson or panic message.
    pub message: String,
    /// Where it panicked, for panics.
    pub location: String,
    /// Panics in the learner's code while this check ran (e.g. in spawned tasks).
    pub panics: Vec<PanicNote>,
    /// What the learner's code printed during this check.
    pub output: String,
    /// The timeline of each run of the check, with `check --timeline`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timelines: Vec<String>,
    #[serde(skip)]
    position: u32,
}

/// A panic recorded while a check ran.
#[derive(Clone, Debug, Serialize)]
pub struct PanicNote {
    pub location: String,
    pub message: String,
}

impl CheckResult {
    /// The name as words: `three_fetches_take_one_second` → `three fetches take one second`.
    pub fn title(&self) -> String {
        self.name.replace('_', " ")
    }
}

/// How to run the checks.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Each check's wall-clock limit.
    pub limit: Duration,
    /// Whether each run reports its timeline (`check --timeline`).
    pub timelines: bool,
    /// Where each run records its trace (`grader verify` compares them), if anywhere.
    pub record_traces: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Record {
    event: String,
    check: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    position: String,
}

/// Runs the checks in `executable` (a libtest binary built from an exercise crate in
/// `crate_dir`), one at a time, and accounts for every one.
pub fn run(
    executable: &Path,
    crate_dir: &Path,
    workspace_root: &Path,
    scratch: &Path,
    options: RunOptions,
) -> Result<Vec<CheckResult>> {
    let RunOptions { limit, timelines, record_traces } = options;
    let names = list(executable, crate_dir)?;
    std::fs::create_dir_all(scratch).with_context(|| format!("failed to create {}", scratch.display()))?;
    let mut results: BTreeMap<String, CheckResult> = BTreeMap::new();
    let mut remaining: Vec<String> = names.clone();
    let mut attempt = 0;
    while !remaining.is_empty() {
        attempt += 1;
        let report = scratch.join(format!("report-{attempt}.jsonl"));
        let _ = std::fs::remove_file(&report);
        let mut command = Command::new(executable);
        command
            .current_dir(crate_dir)
            .args(["--test-threads=1", "--nocapture", "--exact"])
            .args(&remaining)
            .env("GRADER_REPORT", &report)
            .env("RUST_BACKTRACE", "0")
            .env("INSTA_UPDATE", "no")
            .env("INSTA_WORKSPACE_ROOT", workspace_root)
            .env_remove("INSTA_FORCE_PASS")
            .env_remove("INSTA_FORCE_UPDATE")
            .env_remove("RUST_TEST_THREADS");
        if timelines {
            command.env("GRADER_TIMELINES", "1");
        } else {
            command.env_remove("GRADER_TIMELINES");
        }
        if let Some(dir) = &record_traces {
            command.env("WORKBOOK_RECORD_EXPECTED", dir);
        } else {
            command.env_remove("WORKBOOK_RECORD_EXPECTED");
        }
        // The limit is per check: it restarts whenever the report grows.
        let report_size = || std::fs::metadata(&report).map(|m| m.len()).unwrap_or(0);
        let finished = process::run_watched(command, limit, process::OUTPUT_LIMIT, &report_size)?;
        let records = read_records(&report);
        let mut started_unfinished: Option<String> = None;
        for record in records {
            let name = short_name(&record.check).to_string();
            match record.event.as_str() {
                "start" => {
                    let output_file = PathBuf::from(format!("{}.{}.out", report.display(), name));
                    results.insert(
                        name.clone(),
                        CheckResult {
                            name: name.clone(),
                            kind: None,
                            status: Status::NotRun,
                            message: String::new(),
                            location: String::new(),
                            panics: Vec::new(),
                            output: output_file.to_string_lossy().into_owned(),
                            timelines: Vec::new(),
                            position: record.position.parse().unwrap_or(u32::MAX),
                        },
                    );
                    started_unfinished = Some(name);
                }
                "pass" | "fail" => {
                    if let Some(result) = results.get_mut(&name) {
                        result.status = if record.event == "pass" { Status::Pass } else { Status::Fail };
                        result.kind = (record.event == "fail").then(|| record.kind.clone());
                        result.message = record.message;
                        result.location = record.location;
                    }
                    if started_unfinished.as_deref() == Some(name.as_str()) {
                        started_unfinished = None;
                    }
                }
                "timeline" => {
                    if let Some(result) = results.get_mut(&name) {
                        result.timelines.push(record.message);
                    }
                }
                "panic" => {
                    if let Some(result) = results.get_mut(&name) {
                        result.panics.push(PanicNote { location: record.location, message: record.message });
                    }
                }
                _ => {}
            }
        }
        if let Some(name) = &started_unfinished
            && let Some(result) = results.get_mut(name)
        {
            match finished.status {
                None => {
                    result.status = Status::Hung;
                    result.kind = Some("hung".to_string());
                    result.message = hang_message(name, limit);
                }
                Some(status) => {
                    result.status = Status::Crashed;
                    result.kind = Some("crashed".to_string());
                    result.message = crash_message(status, &finished.stderr);
                }
            }
        }
        // Every check this process started is now accounted for; run the rest again.
        let before = remaining.len();
        remaining.retain(|full| !results.contains_key(short_name(full)));
        if remaining.len() == before {
            // The process died before starting anything: don't loop; say what we saw.
            for full in &remaining {
                let name = short_name(full).to_string();
                results.insert(
                    name.clone(),
                    CheckResult {
                        name,
                        kind: Some("crashed".to_string()),
                        status: Status::Crashed,
                        message: match finished.status {
                            None => format!("The checks did not start within {} s.", limit.as_secs()),
                            Some(status) => crash_message(status, &finished.stderr),
                        },
                        location: String::new(),
                        panics: Vec::new(),
                        output: String::new(),
                        timelines: Vec::new(),
                        position: u32::MAX,
                    },
                );
            }
            remaining.clear();
        }
    }
    let mut results: Vec<CheckResult> = results.into_values().collect();
    for result in &mut results {
        // `output` held the path of the check's output file until now.
        let path = PathBuf::from(std::mem::take(&mut result.output));
        if !path.as_os_str().is_empty() {
            result.output = process::read_bounded(&path);
        }
    }
    results.sort_by_key(|r| (r.position, r.name.clone()));
    Ok(results)
}

/// The check names in a test executable, from libtest's `--list`.
fn list(executable: &Path, crate_dir: &Path) -> Result<Vec<String>> {
    let mut command = Command::new(executable);
    command.current_dir(crate_dir).args(["--list", "--format", "terse"]);
    let finished = process::run_limited(command, Duration::from_secs(30), 1024 * 1024)?;
    let names: Vec<String> =
        finished.stdout.lines().filter_map(|line| line.strip_suffix(": test")).map(str::to_string).collect();
    Ok(names)
}

fn short_name(full: &str) -> &str {
    full.rsplit("::").next().unwrap_or(full)
}

fn read_records(report: &Path) -> Vec<Record> {
    let text = std::fs::read_to_string(report).unwrap_or_default();
    text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect()
}

fn hang_message(name: &str, limit: Duration) -> String {
    format!(
        "`{name}` did not finish in {} s of real time, so the grader stopped it.\n\
         Likely causes:\n\
         - a loop that never reaches an `.await` (a busy loop), so the runtime can't run \
         anything else, not even the timer that would end the check;\n\
         - a blocking call that never returns: `std::thread::sleep` with a long duration, \
         a blocking channel `recv()`, or a `std::sync::Mutex` locked twice;\n\
         - `block_on` or `std::thread::join` waiting for something that waits for it.\n\
         Waits inside async code should be `.await`s on tokio's types.",
        limit.as_secs()
    )
}

fn crash_message(status: std::process::ExitStatus, stderr: &str) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            let what = match signal {
                libc::SIGSEGV | libc::SIGBUS if stderr.contains("stack overflow") => {
                    "a stack overflow: probably a recursion that never ends (an async fn that calls itself needs `Box::pin`, and an end)"
                }
                libc::SIGSEGV | libc::SIGBUS => "a crash (segmentation fault)",
                libc::SIGABRT if stderr.contains("stack overflow") => {
                    "a stack overflow: probably a recursion that never ends"
                }
                libc::SIGABRT => "an abort: `std::process::abort()`, or a panic while already panicking",
                libc::SIGKILL => "being killed (out of memory?)",
                _ => "a signal",
            };
            return format!("The checks' process died in the middle of this check, from {what} (signal {signal}).");
        }
    }
    let _ = stderr;
    format!(
        "The checks' process exited in the middle of this check ({status}), so the check never \
         finished. Does your code call `std::process::exit`? Return from the function instead."
    )
}
