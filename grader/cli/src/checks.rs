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

use grader_protocol::{FailKind, PanicOrigin, Record};

use anyhow::{Context as _, Result};
use serde::Serialize;

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
    /// How it failed, when it did not pass (the harness's kinds, and the grader's own:
    /// hung, crashed, tampered).
    pub kind: Option<FailKind>,
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
    /// Where it happened: the check's own code, a spawned task (or `spawn_blocking`
    /// job), or a thread the learner's code started.
    pub origin: PanicOrigin,
}

impl CheckResult {
    /// The name as words: `three_fetches_take_one_second` → `three fetches take one second`.
    pub fn title(&self) -> String {
        self.name.replace('_', " ")
    }
}

/// How to run the checks.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Each check's wall-clock limit.
    pub limit: Duration,
    /// Whether each run reports its timeline (`check --timeline`).
    pub timelines: bool,
    /// Where each run records its trace (`grader verify` compares them), if anywhere.
    pub record_traces: Option<PathBuf>,
    /// The most memory (address space, bytes) the checks process may take, if limited
    /// (`grader grade --memory`).
    pub memory: Option<u64>,
    /// Only the checks whose full name starts with this (a case's module in a bundle of
    /// cases built as one crate, `grader verify`), if given.
    pub only: Option<String>,
    /// Where the learner's files are, if not in the crate's folder (a bundled case's own
    /// folder): lessons rank their candidate causes by these files' lines.
    pub sources: Option<PathBuf>,
    /// Whether the checks' process runs in the OS sandbox ([`crate::sandbox`]).
    pub confine: crate::sandbox_policy::Confine,
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
    let RunOptions { limit, timelines, record_traces, memory, only, sources: _, confine } = options;
    let mut names = list(executable, crate_dir)?;
    if let Some(prefix) = &only {
        names.retain(|name| name.starts_with(prefix.as_str()));
    }
    std::fs::create_dir_all(scratch).with_context(|| format!("failed to create {}", scratch.display()))?;
    let mut results: BTreeMap<String, CheckResult> = BTreeMap::new();
    let mut remaining: Vec<String> = names.clone();
    let mut attempt = 0;
    while !remaining.is_empty() {
        attempt += 1;
        let report = scratch.join(format!("report-{attempt}.jsonl"));
        let _ = std::fs::remove_file(&report);
        // Only records signed with this token count (the harness reads and deletes its file
        // before any check runs): code under test that writes to the report forges nothing.
        let token = new_token();
        let token_file = PathBuf::from(format!("{}{}", report.display(), grader_protocol::TOKEN_SUFFIX));
        std::fs::write(&token_file, &token).with_context(|| format!("failed to write {}", token_file.display()))?;
        let mut command = Command::new(executable);
        command
            .current_dir(crate_dir)
            .args(["--test-threads=1", "--nocapture", "--exact"])
            .args(&remaining)
            .env(grader_protocol::REPORT_ENV, &report)
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
        if let Some(bytes) = memory {
            limit_memory(&mut command, bytes);
        }
        // CPU time for every check left at its full limit, plus some.
        let cpu_seconds = limit.as_secs().saturating_mul(remaining.len() as u64 + 1) + 30;
        confine_checks(&mut command, confine, executable, crate_dir, scratch, record_traces.as_deref(), cpu_seconds)?;
        // The limit is per check: it restarts whenever the report grows.
        let report_size = || std::fs::metadata(&report).map(|m| m.len()).unwrap_or(0);
        // However the report grows, the process gets one limit per check it has to run,
        // and one more to start.
        let total = limit.saturating_mul(u32::try_from(remaining.len() + 1).unwrap_or(u32::MAX));
        let finished = process::run_watched(command, limit, total, process::OUTPUT_LIMIT, &report_size)?;
        let _ = std::fs::remove_file(&token_file);
        let records = read_records(&report, &token);
        let started_unfinished = account(records, &report, &remaining, &mut results);
        if let Some(name) = &started_unfinished
            && let Some(result) = results.get_mut(name)
        {
            match finished.status {
                None => {
                    result.status = Status::Hung;
                    result.kind = Some(FailKind::Hung);
                    result.message = hang_message(name, limit);
                }
                Some(status) => {
                    // While a check runs, what the process prints (Rust's own last words on
                    // a stack overflow too) goes to the check's output file.
                    let last_words = format!("{}\n{}", finished.stderr, read_tail(Path::new(&result.output)));
                    result.status = Status::Crashed;
                    result.kind = Some(FailKind::Crashed);
                    result.message = crash_message(Some(name), status, &last_words);
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
                        kind: Some(FailKind::Crashed),
                        status: Status::Crashed,
                        message: match finished.status {
                            None => format!("The checks did not start within {} s.", limit.as_secs()),
                            Some(status) => crash_message(None, status, &finished.stderr),
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

/// Reads one checks process's records (in `report`'s order) into `results`, and
/// returns the check that started and never ended, if any. Only the harness's way of
/// reporting counts: checks of `remaining` start one at a time, each once, and only
/// the check running ends; a check reported as started twice does not pass.
fn account(
    records: Vec<Record>,
    report: &Path,
    remaining: &[String],
    results: &mut BTreeMap<String, CheckResult>,
) -> Option<String> {
    let mut started_unfinished: Option<String> = None;
    // Checks this process reported as started twice: a check runs once, so one of
    // the two reports came from the code under test driving the harness itself.
    let mut tampered: Vec<String> = Vec::new();
    for record in records {
        let name = short_name(record.check()).to_string();
        match record {
            // Checks run one at a time: a start for a check this process was not asked
            // to run, or while another runs, is not the harness's.
            Record::Start { .. }
                if started_unfinished.is_some() || !remaining.iter().any(|full| short_name(full) == name) => {}
            Record::Start { .. } if results.contains_key(&name) => tampered.push(name),
            Record::Start { position, .. } => {
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
                        position,
                    },
                );
                started_unfinished = Some(name);
            }
            // Only the check running can end, once.
            Record::Pass { .. } | Record::Fail { .. } if started_unfinished.as_deref() != Some(name.as_str()) => {}
            Record::Pass { .. } => {
                if let Some(result) = results.get_mut(&name) {
                    result.status = Status::Pass;
                    result.kind = None;
                }
                started_unfinished = None;
            }
            Record::Fail { kind, location, message, .. } => {
                if let Some(result) = results.get_mut(&name) {
                    result.status = Status::Fail;
                    result.kind = Some(kind);
                    result.message = message;
                    result.location = crate::explain::short_location(&location);
                }
                started_unfinished = None;
            }
            Record::Timeline { message, .. } => {
                if let Some(result) = results.get_mut(&name) {
                    result.timelines.push(message);
                }
            }
            Record::Panic { location, message, origin, .. } => {
                if let Some(result) = results.get_mut(&name) {
                    result.panics.push(PanicNote {
                        location: crate::explain::short_location(&location),
                        message,
                        origin,
                    });
                }
            }
        }
    }
    for name in tampered {
        if let Some(result) = results.get_mut(&name) {
            result.status = Status::Fail;
            result.kind = Some(FailKind::Tampered);
            result.message = format!(
                "`{name}` was reported as started twice, so something other than the check \
                 wrote its report: the code under test, driving the checks' harness itself. \
                 A report like that can't be trusted, so the check does not pass."
            );
        }
    }
    started_unfinished
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

/// The harness's records in `report`: those signed with `token`.
fn read_records(report: &Path, token: &str) -> Vec<Record> {
    use std::io::Read as _;
    // Line by line, each line kept only up to a cap (the harness's lines are a few
    // kilobytes): what the code under test appended, however much, costs no memory,
    // and the harness's records after it still count.
    let Ok(file) = std::fs::File::open(report) else { return Vec::new() };
    let mut reader = std::io::BufReader::new(file.take(REPORT_LIMIT));
    let mut text = String::new();
    let mut line = Vec::new();
    while next_line(&mut reader, &mut line) {
        text.push_str(&String::from_utf8_lossy(&line));
    }
    parse_records(&text, token)
}

/// Reads the next line into `line`, or leaves `line` empty when it is longer than
/// [`LINE_LIMIT`] (it is read past, never kept). `false` at the end.
fn next_line(reader: &mut impl std::io::BufRead, line: &mut Vec<u8>) -> bool {
    line.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let Ok(buffer) = reader.fill_buf() else { return read_any };
        if buffer.is_empty() {
            if too_long {
                line.clear();
            }
            return read_any;
        }
        read_any = true;
        let (chunk, ends) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..=i], true),
            None => (buffer, false),
        };
        let taken = chunk.len();
        if !too_long && (line.len() + taken) as u64 <= LINE_LIMIT {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
            line.clear();
        }
        reader.consume(taken);
        if ends {
            return true;
        }
    }
}

/// The most of a report file that is read: 1 GiB, the most a checks process may write
/// to one file.
const REPORT_LIMIT: u64 = 1 << 30;

/// The longest line of a report that is read: the harness's are a few kilobytes.
const LINE_LIMIT: u64 = 256 * 1024;

/// The records in `text` (one JSON object a line) whose MAC, keyed by `token`, verifies
/// (see [`grader_protocol`]): what the code under test wrote, having read the file,
/// never does.
fn parse_records(text: &str, token: &str) -> Vec<Record> {
    text.lines().filter_map(|line| grader_protocol::open(token, line)).collect()
}

/// A secret for one checks process's records: 128 bits from the standard library's
/// randomly seeded hasher keys.
fn new_token() -> String {
    use std::hash::{BuildHasher as _, Hasher as _};
    (0..2u64)
        .map(|i| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(i);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// The last few KiB of a check's output file: where a crash's last words are.
fn read_tail(path: &Path) -> String {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else { return String::new() };
    let _ = file.seek(SeekFrom::End(-4096)).or_else(|_| file.seek(SeekFrom::Start(0)));
    let mut tail = Vec::new();
    let _ = file.take(4096).read_to_end(&mut tail);
    String::from_utf8_lossy(&tail).into_owned()
}

fn hang_message(name: &str, limit: Duration) -> String {
    format!(
        "`{name}` did not finish in {} s of real time, so the grader stopped it.\n\
         Likely causes:\n\
         - a loop that never reaches an `.await` (a busy loop), so the runtime can't run \
         anything else, not even the timer that would end the check;\n\
         - a loop that waits for something that never comes, with only \
         `tokio::task::yield_now().await` (or another future that is always ready) in it: \
         other tasks get their turn, but the runtime is never idle, so the checks' paused \
         clock never moves, not even to the deadline that would end the check;\n\
         - a blocking call that never returns: `std::thread::sleep` with a long duration, \
         a blocking channel `recv()`, or a `std::sync::Mutex` locked twice;\n\
         - `block_on` or `std::thread::join` waiting for something that waits for it.\n\
         Waits inside async code should be `.await`s on tokio's types.",
        limit.as_secs()
    )
}

/// Why the checks' process died in the middle of check `name` (or before any check
/// started), from its exit status and its last words.
fn crash_message(name: Option<&str>, status: std::process::ExitStatus, last_words: &str) -> String {
    let who = match name {
        Some(name) => format!("`{name}` ended the checks' process"),
        None => "The checks' process ended before any check started".to_string(),
    };
    let never = if name.is_some() { ", so the check never finished" } else { "" };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            let overflow = last_words.contains("has overflowed its stack") || last_words.contains("stack overflow");
            let (what, advice) = match signal {
                libc::SIGSEGV | libc::SIGBUS | libc::SIGABRT if overflow => (
                    "a stack overflow",
                    "Probably a recursion that never ends: make sure every recursive call gets \
                     closer to a case that returns without calling itself (an async fn that \
                     calls itself also needs `Box::pin`).",
                ),
                libc::SIGSEGV | libc::SIGBUS => ("a crash (a segmentation fault)", ""),
                libc::SIGABRT => (
                    "an abort",
                    "`std::process::abort()` does that, and so does a panic while the code is \
                     already panicking (in a `Drop`, say).",
                ),
                libc::SIGKILL => ("being killed", "Something outside killed it; running out of memory does that."),
                _ => ("a signal", ""),
            };
            let mut message = format!("{who}: it died from {what} (signal {signal}){never}.");
            if !advice.is_empty() {
                message.push('\n');
                message.push_str(advice);
            }
            return message;
        }
    }
    let _ = last_words;
    let code = status.code().map_or_else(|| status.to_string(), |code| format!("status {code}"));
    format!(
        "{who}: it exited with {code}{never}. A check passes only by returning, whatever the \
         exit status. Does your code call `std::process::exit`? Return from the function instead."
    )
}

/// Puts the checks' process in the OS sandbox as `confine` says, writing only in
/// `run_dir` and `traces_dir`, with `cpu_seconds` of CPU time.
fn confine_checks(
    command: &mut Command,
    confine: crate::sandbox_policy::Confine,
    executable: &Path,
    crate_dir: &Path,
    run_dir: &Path,
    traces_dir: Option<&Path>,
    cpu_seconds: u64,
) -> Result<()> {
    use crate::sandbox_policy::{Confine, available};
    let wanted = match confine {
        Confine::Off => false,
        Confine::IfAvailable => available().is_ok(),
        Confine::Required => {
            if let Err(why) = available() {
                anyhow::bail!("the sandbox can't start on this machine: {why}");
            }
            true
        }
    };
    if !wanted {
        return Ok(());
    }
    #[cfg(target_os = "linux")]
    {
        crate::sandbox::Sandbox::prepare(executable, crate_dir, run_dir, traces_dir, cpu_seconds)?.confine(command);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (command, executable, crate_dir, run_dir, traces_dir, cpu_seconds);
    Ok(())
}

/// Caps the address space of the process `command` starts: allocation beyond `bytes`
/// fails (Rust aborts with "memory allocation failed"), which the grader reports as a
/// crash instead of letting one submission take the machine's memory.
#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt as _;
    // SAFETY: setrlimit is async-signal-safe, and the closure allocates nothing.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command, _bytes: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks a process was asked to run, as libtest names them.
    const REMAINING: [&str; 3] = ["checks::first", "checks::second", "checks::third"];

    /// Accounts for the records in `lines`, as `run` does with the key `t`. A line's
    /// `"token"` field stands for the key its MAC was made with (`"t"`: the harness's;
    /// another: a guess); a line without one has no MAC.
    fn account_for(lines: &[&str]) -> (BTreeMap<String, CheckResult>, Option<String>) {
        let signed: Vec<String> = lines.iter().map(|line| sign(line)).collect();
        let remaining: Vec<String> = REMAINING.iter().map(|name| name.to_string()).collect();
        let mut results = BTreeMap::new();
        let unfinished = account(parse_records(&signed.join("\n"), "t"), Path::new("report"), &remaining, &mut results);
        (results, unfinished)
    }

    /// A record line as the harness would write it: `line`'s fields (those left out get
    /// the harness's defaults), signed with the key its `"token"` names; unsigned (an
    /// empty MAC) without one.
    fn sign(line: &str) -> String {
        let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
        let key = object.remove("token");
        let event = object["event"].as_str().unwrap().to_string();
        let defaults: &[(&str, serde_json::Value)] = match event.as_str() {
            "start" => &[("position", serde_json::json!(0))],
            "fail" => &[
                ("kind", serde_json::json!("lesson")),
                ("location", serde_json::json!("")),
                ("message", serde_json::json!("")),
            ],
            _ => &[],
        };
        for (name, value) in defaults {
            object.entry(name.to_string()).or_insert(value.clone());
        }
        let record: Record = serde_json::from_value(serde_json::Value::Object(object)).unwrap();
        match key {
            Some(serde_json::Value::String(key)) => grader_protocol::sign(&key, &record),
            _ => serde_json::json!({ "record": record, "mac": "" }).to_string(),
        }
    }

    #[test]
    fn an_overlong_line_is_read_past_and_the_lines_after_it_still_count() {
        let junk = "x".repeat(LINE_LIMIT as usize * 3);
        let text = format!("one\n{junk}\ntwo\n{junk}");
        let mut reader = std::io::BufReader::with_capacity(1024, text.as_bytes());
        let mut line = Vec::new();
        let mut lines = Vec::new();
        while next_line(&mut reader, &mut line) {
            lines.push(String::from_utf8_lossy(&line).into_owned());
        }
        assert_eq!(lines, ["one\n", "", "two\n", ""]);
    }

    #[test]
    fn a_record_copied_and_changed_does_not_verify() {
        // The code under test can read the report: it copies the harness's own `start`
        // record of the check running and turns it into a pass, keeping the MAC.
        let start = sign(r#"{"event":"start","check":"first","position":0,"token":"t"}"#);
        let forged = start.replace(r#""event":"start""#, r#""event":"pass""#).replace(r#","position":0"#, "");
        let text = format!("{start}\n{forged}");
        let records = parse_records(&text, "t");
        assert_eq!(records.len(), 1, "only the harness's record verifies");
        assert!(matches!(records[0], Record::Start { .. }), "{records:?}");
    }

    fn status(results: &BTreeMap<String, CheckResult>, name: &str) -> Status {
        results[name].status
    }

    #[test]
    fn records_without_the_token_do_not_count() {
        let (results, _) = account_for(&[
            r#"{"event":"start","check":"first","token":"t"}"#,
            r#"{"event":"pass","check":"first"}"#,
            r#"{"event":"pass","check":"first","token":"guessed"}"#,
            r#"{"event":"fail","check":"first","kind":"lesson","message":"no","token":"t"}"#,
        ]);
        assert_eq!(status(&results, "first"), Status::Fail);
    }

    #[test]
    fn only_the_check_running_ends_and_only_once() {
        let (results, unfinished) = account_for(&[
            r#"{"event":"start","check":"first","token":"t"}"#,
            r#"{"event":"pass","check":"second","token":"t"}"#,
            r#"{"event":"fail","check":"first","kind":"lesson","message":"no","token":"t"}"#,
            r#"{"event":"pass","check":"first","token":"t"}"#,
            r#"{"event":"start","check":"elsewhere","token":"t"}"#,
            r#"{"event":"pass","check":"elsewhere","token":"t"}"#,
        ]);
        assert_eq!(status(&results, "first"), Status::Fail);
        assert!(!results.contains_key("second") && !results.contains_key("elsewhere"));
        assert_eq!(unfinished, None);
    }

    #[test]
    fn a_check_reported_as_started_twice_does_not_pass() {
        // Between two checks, the code under test reports `first`, which failed, and
        // `third`, which has not run yet, as passed.
        let (results, _) = account_for(&[
            r#"{"event":"start","check":"first","token":"t"}"#,
            r#"{"event":"fail","check":"first","kind":"lesson","message":"no","token":"t"}"#,
            r#"{"event":"start","check":"first","token":"t"}"#,
            r#"{"event":"pass","check":"first","token":"t"}"#,
            r#"{"event":"start","check":"third","token":"t"}"#,
            r#"{"event":"pass","check":"third","token":"t"}"#,
            r#"{"event":"start","check":"second","token":"t"}"#,
            r#"{"event":"pass","check":"second","token":"t"}"#,
            r#"{"event":"start","check":"third","token":"t"}"#,
            r#"{"event":"fail","check":"third","kind":"lesson","message":"no","token":"t"}"#,
        ]);
        assert_eq!(status(&results, "second"), Status::Pass);
        for name in ["first", "third"] {
            assert_eq!(status(&results, name), Status::Fail, "{name}");
            assert_eq!(results[name].kind, Some(FailKind::Tampered), "{name}");
        }
    }

    #[test]
    fn a_start_while_another_check_runs_is_ignored_and_the_running_one_is_unfinished() {
        let (results, unfinished) = account_for(&[
            r#"{"event":"start","check":"first","token":"t"}"#,
            r#"{"event":"start","check":"second","token":"t"}"#,
            r#"{"event":"pass","check":"second","token":"t"}"#,
        ]);
        assert!(!results.contains_key("second"));
        assert_eq!(unfinished.as_deref(), Some("first"));
    }
}
