//! Running a child process under a wall-clock limit, in its own process group, with
//! its output captured up to a bound. A child that hangs, floods its output or
//! spawns children of its own can never freeze the grader.

use std::io::Read as _;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

/// How much of a checks process's output is kept; the rest is read and thrown away.
pub const OUTPUT_LIMIT: usize = 64 * 1024;

/// How a limited run ended.
#[derive(Debug)]
pub struct Finished {
    /// The exit status, or `None` if the limit ran out and the process group was killed.
    pub status: Option<ExitStatus>,
    /// Standard output, up to the limit given.
    pub stdout: String,
    /// Standard error, up to the limit given.
    pub stderr: String,
    /// How long it ran.
    pub elapsed: Duration,
}

/// How long output may stay open after the child has exited (held by a process it
/// left behind outside its group) before the grader stops waiting for it.
const OUTPUT_GRACE: Duration = Duration::from_secs(2);

/// Runs `command` to completion or until `limit` passes, whichever is first, keeping
/// at most `keep` bytes of each output stream.
pub fn run_limited(command: Command, limit: Duration, keep: usize) -> Result<Finished> {
    run(command, limit, limit, keep, &|| 0, Leftovers::Keep, None)
}

/// What watches a child's standard output as it comes, a whole line at a time
/// (cargo's JSON messages, for the build's progress).
pub type LineObserver = Arc<dyn Fn(&str) + Send + Sync>;

/// Like [`run_limited`], and `observer` sees each line of standard output as it comes.
pub fn run_limited_observed(
    command: Command,
    limit: Duration,
    keep: usize,
    observer: LineObserver,
) -> Result<Finished> {
    run(command, limit, limit, keep, &|| 0, Leftovers::Keep, Some(observer))
}

/// Like [`run_limited`], but the limit counts from the last time `progress` changed
/// value, so a child that reports progress (a check finished) gets `limit` per step;
/// `total` bounds the whole run, however often `progress` changes (the code under test
/// could make it change). It runs code we don't trust: when the child exits, whatever
/// it left running in its process group (a `sleep 600` the learner's code started) is
/// ended too.
pub fn run_watched(
    command: Command,
    limit: Duration,
    total: Duration,
    keep: usize,
    progress: &dyn Fn() -> u64,
) -> Result<Finished> {
    run(command, limit, total, keep, progress, Leftovers::End, None)
}

/// What to do with processes the child leaves running in its group when it exits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leftovers {
    /// Leave them (cargo's, which are none of ours to end).
    Keep,
    /// End them.
    End,
}

/// [`run_limited`] and [`run_watched`]: runs `command` in a process group of its own
/// under the limit, then deals with what it left in the group as `leftovers` says.
fn run(
    mut command: Command,
    limit: Duration,
    total: Duration,
    keep: usize,
    progress: &dyn Fn() -> u64,
    leftovers: Leftovers,
    observer: Option<LineObserver>,
) -> Result<Finished> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    // The child is in a group of its own, so a Ctrl-C at the terminal doesn't reach it:
    // if the grader dies (Ctrl-C, kill -9), the kernel ends the child too.
    #[cfg(target_os = "linux")]
    // SAFETY: the closure runs in the forked child before exec and only calls prctl,
    // which is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    // Spawned and noted under one lock, which `end_escaped` holds while it looks: it
    // never sees a child of ours before it is noted.
    let mut child = {
        let mut running = RUNNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let child = command.spawn().with_context(|| format!("failed to start {:?}", command.get_program()))?;
        running.push(child.id());
        child
    };
    let stdout = Drain::start(child.stdout.take(), keep, observer);
    let stderr = Drain::start(child.stderr.take(), keep, None);
    let pid = child.id();
    let (done, waited) = mpsc::channel();
    std::thread::spawn(move || {
        // Until the child is reaped its process id, which is also its group's id, can't
        // be reused, so ending the group here can't hit a stranger.
        if leftovers == Leftovers::End && wait_for_exit_unreaped(pid) {
            kill_group(pid);
        }
        let waited = child.wait();
        RUNNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| *p != pid);
        if leftovers == Leftovers::End {
            end_escaped();
        }
        let _ = done.send(waited);
    });
    let mut last = progress();
    let mut step_start = Instant::now();
    let status = loop {
        match waited.recv_timeout(Duration::from_millis(20)) {
            Ok(status) => break Some(status.context("failed to wait for a child process")?),
            Err(mpsc::RecvTimeoutError::Disconnected) => break None,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = progress();
                if now != last {
                    last = now;
                    step_start = Instant::now();
                }
                if step_start.elapsed() >= limit || start.elapsed() >= total {
                    kill_group(pid);
                    // Reap it, so no zombie is left behind.
                    let _ = waited.recv();
                    break None;
                }
            }
        }
    };
    let elapsed = start.elapsed();
    // The output ends when every process holding the pipes has closed them; one that
    // left the group (`setsid`) may never do so: wait a little, then take what came.
    let grace_end = Instant::now() + OUTPUT_GRACE;
    while !(stdout.is_finished() && stderr.is_finished()) && Instant::now() < grace_end {
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(Finished { status, stdout: stdout.take(), stderr: stderr.take(), elapsed })
}

/// A thread reading one output stream to its end, keeping the first `keep` bytes.
struct Drain {
    kept: Arc<Mutex<Kept>>,
    thread: std::thread::JoinHandle<()>,
}

/// What a [`Drain`] has kept so far.
#[derive(Default)]
struct Kept {
    /// The first bytes of the stream.
    bytes: Vec<u8>,
    /// Whether the stream went on past `keep` bytes.
    truncated: bool,
    /// How many bytes to keep.
    keep: usize,
}

impl Drain {
    /// Reads `stream` to its end, keeping `keep` bytes and showing `observer` each
    /// whole line.
    fn start(
        stream: Option<impl std::io::Read + Send + 'static>,
        keep: usize,
        observer: Option<LineObserver>,
    ) -> Drain {
        let kept = Arc::new(Mutex::new(Kept { keep, ..Kept::default() }));
        let into = kept.clone();
        let thread = std::thread::spawn(move || {
            let Some(mut stream) = stream else { return };
            let mut buffer = [0u8; 8192];
            // The start of a line the observer has not seen yet.
            let mut partial = Vec::new();
            loop {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Some(observer) = &observer {
                            partial.extend_from_slice(&buffer[..n]);
                            while let Some(end) = partial.iter().position(|&b| b == b'\n') {
                                observer(&String::from_utf8_lossy(&partial[..end]));
                                partial.drain(..=end);
                            }
                        }
                        let mut kept = into.lock().unwrap_or_else(PoisonError::into_inner);
                        let room = keep.saturating_sub(kept.bytes.len());
                        kept.bytes.extend_from_slice(&buffer[..n.min(room)]);
                        kept.truncated |= n > room;
                    }
                }
            }
        });
        Drain { kept, thread }
    }

    fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// The text kept so far, with a note if the stream went on past the bound or was
    /// still open.
    fn take(self) -> String {
        let open = !self.thread.is_finished();
        let kept = std::mem::take(&mut *self.kept.lock().unwrap_or_else(PoisonError::into_inner));
        let mut text = String::from_utf8_lossy(&kept.bytes).into_owned();
        if kept.truncated {
            text.push_str(&format!("\n[… output cut here: it went on for more than {} KiB]\n", kept.keep / 1024));
        } else if open {
            text.push_str("\n[… output still open: a process left running kept it open]\n");
        }
        text
    }
}

/// Waits until process `pid` (our child) has exited, without reaping it; false if it
/// can't be waited for that way.
#[cfg(unix)]
fn wait_for_exit_unreaped(pid: u32) -> bool {
    loop {
        // SAFETY: waitid on our own child, with WNOWAIT: it stays a zombie for `wait`.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let result = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if result == 0 {
            return true;
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return false;
        }
    }
}

#[cfg(not(unix))]
fn wait_for_exit_unreaped(_pid: u32) -> bool {
    false
}

/// Makes the grader the reaper of whatever its children leave orphaned (Linux): a
/// process the code under test detached with `setsid` or a double fork comes back to
/// the grader instead of to init, so [`end_escaped`] can find and end it.
pub fn become_subreaper() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments only.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
    }
}

/// The processes [`run`] started in groups of their own and has not reaped yet: the
/// only children outside the grader's process group that are the grader's own.
static RUNNING: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

/// Ends and reaps the grader's children that are neither in its own process group
/// (cargo, git) nor a process [`run`] started (a checks process, maybe of another
/// job): what the code under test started and detached (`setsid`, a job-control
/// shell), handed to the grader when its parent died.
#[cfg(target_os = "linux")]
pub fn end_escaped() {
    // After the command name: state, ppid, pgrp, session.
    let group = |pid: &str| -> Option<i64> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit_once(')')?.1.split_whitespace().nth(2)?.parse().ok()
    };
    let Some(own) = group("self") else { return };
    // Held while looking, so no child can be spawned and not yet noted meanwhile.
    let ours = RUNNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return };
    for task in tasks.flatten() {
        let Ok(children) = std::fs::read_to_string(task.path().join("children")) else { continue };
        for pid in children.split_whitespace() {
            if group(pid).is_some_and(|g| g != own)
                && let Ok(pid) = pid.parse::<libc::pid_t>()
                && !ours.contains(&(pid as u32))
            {
                // SAFETY: ending and reaping a child of ours: it can't be a stranger
                // until it is reaped, which is done here.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                    libc::waitpid(pid, std::ptr::null_mut(), 0);
                }
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn end_escaped() {}

#[cfg(unix)]
fn kill_group(pid: u32) {
    // SAFETY: signalling a process group we created; a stale id at worst fails with ESRCH.
    unsafe {
        libc::killpg(pid as libc::pid_t, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill_group(_pid: u32) {}

/// Reads at most [`OUTPUT_LIMIT`] bytes of a file that a child wrote.
pub fn read_bounded(path: &std::path::Path) -> String {
    let Ok(file) = std::fs::File::open(path) else { return String::new() };
    let mut kept = Vec::new();
    let _ = file.take(OUTPUT_LIMIT as u64 + 1).read_to_end(&mut kept);
    let truncated = kept.len() > OUTPUT_LIMIT;
    kept.truncate(OUTPUT_LIMIT);
    let mut text = String::from_utf8_lossy(&kept).into_owned();
    if truncated {
        text.push_str("\n[… output cut here: it went on for more than 64 KiB]\n");
    }
    text
}

#[cfg(all(test, unix))]
mod tests {
    use std::process::Command;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    #[test]
    fn progress_that_never_stops_changing_does_not_outrun_the_total_limit() {
        // Code under test that keeps appending to its report resets the per-step limit
        // at every tick; the total limit still ends it.
        let ticks = AtomicU64::new(0);
        let progress = || ticks.fetch_add(1, Ordering::Relaxed);
        let mut command = Command::new("sleep");
        command.arg("30");
        let started = Instant::now();
        let finished =
            super::run_watched(command, Duration::from_millis(200), Duration::from_millis(600), 1024, &progress)
                .unwrap();
        assert!(finished.status.is_none(), "the child was not stopped");
        assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    }
}
