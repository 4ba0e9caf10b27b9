//! Running a child process under a wall-clock limit, in its own process group, with
//! its output captured up to a bound. A child that hangs, floods its output or
//! spawns children of its own can never freeze the grader.

use std::io::Read as _;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
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

/// Runs `command` to completion or until `limit` passes, whichever is first, keeping
/// at most `keep` bytes of each output stream.
pub fn run_limited(command: Command, limit: Duration, keep: usize) -> Result<Finished> {
    run_watched(command, limit, keep, &|| 0)
}

/// Like [`run_limited`], but the limit counts from the last time `progress` changed
/// value, so a child that reports progress (a check finished) gets `limit` per step.
pub fn run_watched(mut command: Command, limit: Duration, keep: usize, progress: &dyn Fn() -> u64) -> Result<Finished> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().with_context(|| format!("failed to start {:?}", command.get_program()))?;
    let stdout = drain(child.stdout.take(), keep);
    let stderr = drain(child.stderr.take(), keep);
    let pid = child.id();
    let (done, waited) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait());
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
                } else if step_start.elapsed() >= limit {
                    kill_group(pid);
                    // Reap it, so no zombie is left behind.
                    let _ = waited.recv();
                    break None;
                }
            }
        }
    };
    let elapsed = start.elapsed();
    Ok(Finished {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        elapsed,
    })
}

fn drain(stream: Option<impl std::io::Read + Send + 'static>, keep: usize) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let Some(mut stream) = stream else { return String::new() };
        let mut kept = Vec::new();
        let mut buffer = [0u8; 8192];
        let mut truncated = false;
        loop {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = keep.saturating_sub(kept.len());
                    kept.extend_from_slice(&buffer[..n.min(room)]);
                    truncated |= n > room;
                }
            }
        }
        let mut text = String::from_utf8_lossy(&kept).into_owned();
        if truncated {
            text.push_str(&format!("\n[… output cut here: it went on for more than {} KiB]\n", keep / 1024));
        }
        text
    })
}

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
