//! The real program of the last check: `serve` on a real runtime, in a process of its
//! own (this test binary, started again in the role `program`), and the parent that
//! sends it Ctrl-C and judges how it ended.

use std::collections::BTreeSet;
use std::io::{BufRead as _, Read as _, Write as _};
use std::os::unix::process::ExitStatusExt as _;
use std::path::PathBuf;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::{Job, serve};

/// The child's role.
pub(super) const ROLE: &str = "program";

/// How long each job of the real program works: 1 s of real time.
const WORK: Duration = Duration::from_secs(1);

/// How long job 3 goes on after Ctrl-C was sent, at least: 0.3 s.
const AFTER_CTRL_C: Duration = Duration::from_millis(300);

/// How long the parent waits for the program to start job 3: 10 s.
const START_PATIENCE: Duration = Duration::from_secs(10);

/// How long the parent waits for the program to exit after Ctrl-C: 5 s.
const EXIT_PATIENCE: Duration = Duration::from_secs(5);

/// The line after which the parent sends Ctrl-C.
const TRIGGER: &str = "job 3 started";

/// The line the program prints when `serve` has returned.
const RETURNED: &str = "serve returned";

/// The transcript's line for the moment Ctrl-C was sent.
const CTRL_C_LINE: &str = "   +0.00 s  ── Ctrl-C (SIGINT) sent ──\n";

/// The most lines of the program's output a message shows.
const MAX_TRANSCRIPT: usize = 24;

/// SIGINT's number, what Ctrl-C sends.
const SIGINT: i32 = 2;

/// Prints one line of the program's story, at once.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Says `job N cancelled` if the job's future is dropped before it is done.
struct Cancelled {
    number: u32,
    done: bool,
}

impl Drop for Cancelled {
    fn drop(&mut self) {
        if !self.done {
            say(&format!("job {} cancelled", self.number));
        }
    }
}

/// Job `number` of the real program: 1 s of work. Job 3 also goes on until 0.3 s
/// after the parent has sent Ctrl-C (it waits for the parent's [`marker`] file), so
/// that a job is in flight when Ctrl-C comes, however slow the machine.
fn real_job(number: u32) -> Job {
    Box::pin(async move {
        let mut guard = Cancelled { number, done: false };
        say(&format!("job {number} started"));
        tokio::time::sleep(WORK).await;
        if number == 3 {
            let sent = marker(std::os::unix::process::parent_id());
            while !sent.exists() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            tokio::time::sleep(AFTER_CTRL_C).await;
        }
        guard.done = true;
        say(&format!("job {number} done"));
    })
}

/// The file by which the parent (of process id `parent`) tells the program that it
/// has sent Ctrl-C.
fn marker(parent: u32) -> PathBuf {
    std::env::temp_dir().join(format!("workbook-ex18-ctrl-c-sent-{parent}"))
}

/// Plays the program, in the child: jobs 1, 2, 3 arrive at 0, 0.1 and 0.2 s; from
/// 3 s on, a job every 0.5 s. Runs `serve` on a real multi-thread runtime, says
/// when it returned, and exits with status 0.
pub(super) fn play() -> ! {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("failed to build the program's runtime");
    runtime.block_on(async {
        let (queue, jobs) = mpsc::channel::<Job>(64);
        tokio::spawn(async move {
            let start = tokio::time::Instant::now();
            for (number, at) in [(1, 0), (2, 100), (3, 200)] {
                tokio::time::sleep_until(start + Duration::from_millis(at)).await;
                if queue.send(real_job(number)).await.is_err() {
                    return;
                }
            }
            tokio::time::sleep_until(start + Duration::from_secs(3)).await;
            for number in 4.. {
                if queue.send(real_job(number)).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
        serve(jobs).await;
    });
    say(RETURNED);
    std::process::exit(0)
}

/// One line the program printed, and when the parent read it.
struct Line {
    at: Instant,
    text: String,
}

/// Reads the program's output lines on a thread of their own.
fn lines_of(child: &mut Child) -> std_mpsc::Receiver<Line> {
    let (send, receive) = std_mpsc::channel();
    if let Some(stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            for text in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(Line { at: Instant::now(), text }).is_err() {
                    return;
                }
            }
        });
    }
    receive
}

/// Reads what the program wrote to stderr (at most 16 KiB).
fn stderr_of(child: &mut Child) -> std::thread::JoinHandle<String> {
    let stderr = child.stderr.take();
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stderr) = stderr {
            let _ = stderr.take(16 * 1024).read_to_string(&mut text);
        }
        text
    })
}

/// Sends SIGINT to `pid`, as Ctrl-C in a terminal would.
fn interrupt(pid: u32) {
    let sent = std::process::Command::new("kill")
        .args(["-s", "INT", &pid.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !sent.is_ok_and(|status| status.success()) {
        panic!("the check could not send SIGINT to the program with `kill -s INT {pid}`");
    }
}

/// What the program printed and how it ended.
struct Story {
    lines: Vec<Line>,
    ctrl_c: Option<Instant>,
    status: ExitStatus,
    hung: bool,
    stderr: String,
}

impl Story {
    fn jobs(&self, what: &str) -> BTreeSet<u32> {
        self.lines.iter().filter_map(|l| l.text.strip_prefix("job ")?.strip_suffix(what)?.trim().parse().ok()).collect()
    }

    fn returned(&self) -> bool {
        self.lines.iter().any(|l| l.text == RETURNED)
    }

    /// The transcript, with times relative to Ctrl-C.
    fn transcript(&self) -> String {
        let mut out = String::new();
        let mut shown_ctrl_c = false;
        for line in self.lines.iter().take(MAX_TRANSCRIPT) {
            if let Some(ctrl_c) = self.ctrl_c {
                if !shown_ctrl_c && line.at >= ctrl_c {
                    out.push_str(CTRL_C_LINE);
                    shown_ctrl_c = true;
                }
                let when = match line.at.checked_duration_since(ctrl_c) {
                    Some(d) => format!("+{:.2}", d.as_secs_f64()),
                    None if ctrl_c - line.at < Duration::from_millis(5) => "0.00".to_string(),
                    None => format!("-{:.2}", (ctrl_c - line.at).as_secs_f64()),
                };
                out.push_str(&format!("  {when:>6} s  {}\n", line.text));
            } else {
                out.push_str(&format!("  {}\n", line.text));
            }
        }
        if self.ctrl_c.is_some() && !shown_ctrl_c {
            out.push_str(CTRL_C_LINE);
        }
        if self.lines.len() > MAX_TRANSCRIPT {
            out.push_str(&format!("  … ({} more lines)\n", self.lines.len() - MAX_TRANSCRIPT));
        }
        if self.lines.is_empty() {
            out.push_str("  (no line at all)\n");
        }
        let ending = if self.hung && self.ctrl_c.is_none() {
            format!(
                "  (still running {} s after it started, no Ctrl-C sent yet: the check killed it)\n",
                START_PATIENCE.as_secs()
            )
        } else if self.hung {
            format!("  (still running {} s after Ctrl-C: the check killed it)\n", EXIT_PATIENCE.as_secs())
        } else if self.status.signal() == Some(SIGINT) {
            "  (killed by SIGINT)\n".to_string()
        } else if let Some(signal) = self.status.signal() {
            format!("  (killed by signal {signal})\n")
        } else {
            format!("  (exited with status {})\n", self.status.code().unwrap_or(-1))
        };
        out.push_str(&ending);
        out
    }

    fn stderr_tail(&self) -> String {
        let lines: Vec<&str> =
            self.stderr.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("note: run with")).collect();
        let tail = &lines[lines.len().saturating_sub(12)..];
        if tail.is_empty() { "  (nothing)".to_string() } else { tail.iter().map(|l| format!("  {l}\n")).collect() }
    }
}

/// `job 1, job 2 and job 3`; `9 jobs, job 4 to job 12` when there are many.
fn list(numbers: &BTreeSet<u32>) -> String {
    if let (Some(first), Some(last)) = (numbers.first(), numbers.last())
        && numbers.len() > 4
    {
        return format!("{} jobs, job {first} to job {last}", numbers.len());
    }
    let names: Vec<String> = numbers.iter().map(|n| format!("job {n}")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Runs the program, sends it Ctrl-C once job 3 has started, and judges how it ended.
pub(super) fn drive(check: &str) {
    let sent = marker(std::process::id());
    let _ = std::fs::remove_file(&sent);
    let mut child = workbook::child::spawn(check, ROLE);
    let pid = child.id();
    let output = lines_of(&mut child);
    let stderr = stderr_of(&mut child);
    let mut lines = Vec::new();
    let launched = Instant::now();

    // Until job 3 has started.
    let mut ctrl_c = None;
    let mut hung = false;
    loop {
        match output.recv_timeout(START_PATIENCE.saturating_sub(launched.elapsed())) {
            Ok(line) => {
                let trigger = line.text == TRIGGER;
                lines.push(line);
                if trigger {
                    break;
                }
            }
            Err(std_mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std_mpsc::RecvTimeoutError::Timeout) => {
                hung = true;
                let _ = child.kill();
                break;
            }
        }
    }
    let started_three = lines.iter().any(|l| l.text == TRIGGER);

    // Ctrl-C, then until the program ends.
    if started_three {
        ctrl_c = Some(Instant::now());
        interrupt(pid);
        if let Err(error) = std::fs::write(&sent, b"") {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the check could not write {}: {error}", sent.display());
        }
        let deadline = Instant::now() + EXIT_PATIENCE;
        loop {
            match output.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => lines.push(line),
                Err(std_mpsc::RecvTimeoutError::Disconnected) => break,
                Err(std_mpsc::RecvTimeoutError::Timeout) => {
                    hung = true;
                    let _ = child.kill();
                    break;
                }
            }
        }
    }
    let status = child.wait().expect("failed to wait for the program");
    let _ = std::fs::remove_file(&sent);
    // What was printed just before the end.
    while let Ok(line) = output.recv_timeout(Duration::from_millis(200)) {
        lines.push(line);
    }
    lines.retain(|l| l.text.starts_with("job ") || l.text == RETURNED);
    let story = Story { lines, ctrl_c, status, hung, stderr: stderr.join().unwrap_or_default() };
    judge(&story, started_three);
}

fn judge(story: &Story, started_three: bool) {
    let transcript = story.transcript();
    let started = story.jobs(" started");
    let done = story.jobs(" done");
    let cancelled = story.jobs(" cancelled");
    let unfinished: BTreeSet<u32> = started.difference(&done).filter(|n| !cancelled.contains(n)).copied().collect();
    let crashed = story.stderr.contains("panicked");

    if !started_three {
        let why = if story.hung {
            format!(
                "Jobs 1, 2 and 3 arrive at 0, 0.1 and 0.2 s, but job 3 had not started after {} s, so the \
                 check killed the program without sending Ctrl-C. Does `serve` wait for something (say, \
                 `ctrl_c().await`) before it runs the worker? Listen for Ctrl-C in a task of its own \
                 (`tokio::spawn`), and run the worker right away.",
                START_PATIENCE.as_secs()
            )
        } else if crashed {
            "The program crashed before job 3 had started.".to_string()
        } else if story.returned() {
            "`serve` returned before job 3 had even started, and nobody had pressed Ctrl-C yet: it should \
             run the worker until Ctrl-C."
                .to_string()
        } else {
            "The program ended before job 3 had started, and nobody had pressed Ctrl-C yet.".to_string()
        };
        workbook::fail(format!(
            "The check runs your `serve` as a real program and sends it Ctrl-C once job 3 has \
             started.\n{why}\n\nWhat the program printed:\n{transcript}\nIts stderr:\n{}",
            story.stderr_tail()
        ));
    }

    let intro = "The check ran your `serve` as a real program, on a real runtime, and sent it Ctrl-C (SIGINT) \
                 once job 3 had started, while it was still running. Each job works for 1 s.";
    if story.hung {
        let later: BTreeSet<u32> = started.iter().copied().filter(|n| *n > 3).collect();
        let why = if later.is_empty() {
            format!(
                "The jobs in flight were done, but the program was still running {} s after Ctrl-C, so the \
                 check killed it. Something waited for an event that never came: does anything cancel \
                 the token when `tokio::signal::ctrl_c()` completes? Is the worker waiting in \
                 `tracker.wait()` without `tracker.close()`?",
                EXIT_PATIENCE.as_secs()
            )
        } else {
            format!(
                "The program went on taking jobs after Ctrl-C ({} started after it) and was still running \
                 {} s later, so the check killed it. Ctrl-C was noticed, since it no longer killed the \
                 program, but it never reached the worker. When `tokio::signal::ctrl_c().await` \
                 completes, cancel the token (`token.cancel()`), and have run_worker stop taking jobs \
                 when it is cancelled.",
                list(&later),
                EXIT_PATIENCE.as_secs()
            )
        };
        workbook::fail(format!("{intro}\n{why}\n\nWhat the program printed:\n{transcript}"));
    }

    if story.status.signal() == Some(SIGINT) {
        workbook::fail(format!(
            "{intro}\nThe program was killed by that SIGINT on the spot: {} never finished.\n\n\
             What the program printed:\n{transcript}\n\
             The operating system's default for SIGINT applied: end the process, now, mid-job. That \
             happens when nothing in the program listens for Ctrl-C yet (`tokio::signal::ctrl_c()` takes \
             over only once it is first polled). (Python does about the same: Ctrl-C becomes a \
             `KeyboardInterrupt`, under `asyncio.run` a `CancelledError` in the main task first, the other \
             tasks are cancelled wherever they were, and the shell sees exit status 130 = 128 + SIGINT.)\n\
             In tokio, Ctrl-C is an event you await: `tokio::signal::ctrl_c().await`. The first call \
             replaces the default for the rest of the process, so from then on Ctrl-C only completes that \
             future. Await it in a task of its own, and cancel the worker's token when it comes:\n    \
             let on_ctrl_c = shutdown.clone();\n    \
             tokio::spawn(async move {{\n        \
             let _ = tokio::signal::ctrl_c().await;\n        \
             on_ctrl_c.cancel();\n    \
             }});",
            if unfinished.is_empty() { "the jobs in flight".to_string() } else { list(&unfinished) },
        ));
    }

    if !story.returned() {
        if crashed || story.status.signal().is_some() {
            workbook::fail(format!(
                "{intro}\nThe program crashed instead of returning from `serve`.\n\n\
                 What the program printed:\n{transcript}\nIts stderr:\n{}",
                story.stderr_tail()
            ));
        }
        workbook::fail(format!(
            "{intro}\nThe program exited (status {}) without `serve` ever returning, and {} never \
             finished.\n\nWhat the program printed:\n{transcript}\n\
             Something ended the process from inside. Possible causes: `std::process::exit` in the Ctrl-C \
             handler, or another exit or abort elsewhere. `exit` ends the process at once, from wherever it is called: the other tasks never \
             run again, no destructor runs, and the jobs in flight are lost, as surely as with no \
             handler at all. (It is harsher than Python's `sys.exit()`, which raises `SystemExit` and \
             lets `finally` blocks run.)\n\
             Let the handler only *ask* for the shutdown, `token.cancel()`, and let `serve` return once \
             the worker has drained; then `main` returns, and the program exits cleanly.",
            story.status.code().unwrap_or(-1),
            if unfinished.is_empty() { "the jobs in flight".to_string() } else { list(&unfinished) },
        ));
    }

    if !cancelled.is_empty() {
        workbook::fail(format!(
            "{intro}\n`serve` returned, but {} {} cancelled halfway instead of finishing.\n\n\
             What the program printed:\n{transcript}\n\
             Aborting tasks (`abort()`, `JoinSet::shutdown()`, dropping a `JoinSet`) is a hard stop, the \
             way asyncio cancels its tasks on Ctrl-C. A graceful shutdown stops taking new jobs and lets \
             the ones in flight finish: `tracker.close(); tracker.wait().await`.",
            list(&cancelled),
            if cancelled.len() == 1 { "was" } else { "were" },
        ));
    }

    if !unfinished.is_empty() {
        workbook::fail(format!(
            "{intro}\n`serve` returned while {} {} still running, and the program ended right after, with \
             {} unfinished.\n\nWhat the program printed:\n{transcript}\n\
             When `serve` returns, `main` returns, and the process exits: every task still running \
             dies with it, mid-job. `serve` may return only once the jobs in flight are done: spawn \
             them on a `TaskTracker`, and after the loop, `tracker.close(); tracker.wait().await`.",
            list(&unfinished),
            if unfinished.len() == 1 { "was" } else { "were" },
            if unfinished.len() == 1 { "it" } else { "them" },
        ));
    }

    if story.status.code() != Some(0) {
        workbook::fail(format!(
            "{intro}\n`serve` returned, but the program then exited with status {}.\n\n\
             What the program printed:\n{transcript}\nIts stderr:\n{}",
            story.status.code().unwrap_or(-1),
            story.stderr_tail()
        ));
    }
}
