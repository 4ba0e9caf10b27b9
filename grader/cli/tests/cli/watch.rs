//! `grader watch`: without a terminal (commands as lines on a pipe), with `--poll`, and
//! end to end in a real terminal (tmux). Every wait is bounded.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::sandbox::{Sandbox, assert_says, environment};

/// The longest any one step may take: a bound against hanging forever, not a timing
/// claim. A check builds the exercise (a few seconds), but other tests' builds may
/// hold cargo's lock on the shared target folder meanwhile: in a cold CI run,
/// `every_exercise_verifies` builds about 300 cases in one cargo call, which took
/// more than 180 s on a fresh 2-core machine.
const PATIENCE: Duration = Duration::from_secs(900);

/// `grader watch` with piped standard input and output: no terminal.
struct Watch {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    /// Everything printed so far, and how much of it was looked at.
    seen: String,
    looked: usize,
}

impl Watch {
    fn start(sandbox: &Sandbox, args: &[&str]) -> Watch {
        let mut child = sandbox
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { stdin: child.stdin.take(), child, lines, seen: String::new(), looked: 0 }
    }

    /// Reads the output until `text` appears in what was not looked at yet, and
    /// returns that part, up to and including the line with `text`.
    fn until(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(found) = self.seen[self.looked..].find(text) {
                let end = self.looked + found + text.len();
                let end = end + self.seen[end..].find('\n').map_or(self.seen.len() - end, |i| i + 1);
                let part = self.seen[self.looked..end].to_string();
                self.looked = end;
                return part;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push_str(&line);
                    self.seen.push('\n');
                }
                Err(_) => panic!(
                    "`{text}` did not appear within {PATIENCE:?}; the output so far:\n{}",
                    &self.seen[self.looked..]
                ),
            }
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("standard input is open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    fn close_input(&mut self) {
        self.stdin.take();
    }

    /// Waits for the exit code, bounded.
    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "grader watch did not exit; output:\n{}", self.seen);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_without_a_terminal_checks_on_save_and_moves_on() {
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let mut watch = Watch::start(&sandbox, &["watch"]);
    let first = watch.until("01-runtime ✗ not yet");
    assert_says(
        &first,
        &[
            "Checking 01-runtime",
            "Not yet:",
            // Watch's own advice, not `grader check`'s: saving is what checks again.
            "Edit exercises/01-runtime/src/runtime.rs and save: it is checked again.",
            "Stuck? Press h for a hint",
            "Watching exercises/01-runtime/src/runtime.rs for saves (file events; type a command letter",
            "h hint · n next · l list · r rerun · c check all · q quit",
        ],
    );
    assert!(!first.contains("check 01 again"), "{first}");

    // Commands as lines: a hint, the list, something unknown.
    watch.send("h");
    let hint = watch.until("01-runtime ✗ not yet");
    assert_says(&hint, &["Hint 1 of 3 for 01-runtime"]);
    assert!(!hint.contains("Checking"), "a hint does not check again: {hint}");
    // Watch's words: a key to press, not a command to run.
    assert_says(&hint, &["Press h again for the next one."]);
    assert!(!hint.contains("grader hint"), "{hint}");
    watch.send("l");
    let list = watch.until("01-runtime ✗ not yet");
    assert_says(&list, &["▸ ✗ 01-runtime"]);
    watch.send("xyzzy");
    let unknown = watch.until("01-runtime ✗ not yet");
    assert_says(&unknown, &["Unknown command `xyzzy`"]);

    // A save that passes: checked again, recorded, and on to the next exercise.
    sandbox.solve("01-runtime");
    let passed = watch.until("04-gather · not checked yet");
    assert_says(
        &passed,
        &["Checking 01-runtime", "Passed: all", "Now on 04-gather", "and save: it is checked every time you do."],
    );
    assert!(!passed.contains("moves on to the next exercise") && !passed.contains("then run grader check"), "{passed}");
    assert_says(&passed, &["Watching exercises/04-gather/src/gather.rs for saves"]);

    watch.send("q");
    assert_eq!(watch.exit_code(), 0);
    assert!(watch.until("Stopped watching").contains("Stopped watching"));

    let list = sandbox.grader(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&list.text).unwrap();
    assert_eq!(rows[0]["status"], "passed", "{}", list.text);
    assert_eq!(rows[1]["current"], true, "{}", list.text);
}

#[test]
fn watch_poll_sees_a_save_without_file_events_and_congratulates_at_the_end() {
    let sandbox = Sandbox::with(&["01-runtime"]);
    let mut watch = Watch::start(&sandbox, &["watch", "--poll"]);
    let first = watch.until("01-runtime ✗ not yet");
    assert_says(&first, &["(polling every 0.5 s: --poll;"]);

    sandbox.solve("01-runtime");
    let passed = watch.until("01-runtime ✓ passed");
    assert_says(&passed, &["All done! You have passed all 1 exercises."]);

    // The end of input ends watch, cleanly.
    watch.close_input();
    assert_eq!(watch.exit_code(), 0);
    watch.until("Stopped watching");
}

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Whether tmux is installed. Under CI, where the terminal test must run, its
    /// absence is a failure, not a skip.
    fn installed() -> bool {
        if Command::new("tmux").arg("-V").output().is_ok() {
            return true;
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed, and CI must run the terminal test of `grader watch`: install it \
             (apt-get install tmux)"
        );
        eprintln!(
            "note: tmux is not installed, so the terminal test of `grader watch` did not run (apt-get install tmux)"
        );
        false
    }

    /// Starts `command` in a detached 100×40 session named `watch`.
    fn start(dir: &Path, command: &str) -> Tmux {
        let tmux = Tmux { socket: dir.join("tmux.sock") };
        let status = tmux
            .command()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "watch", "-x", "100", "-y", "40", command])
            .env_clear()
            .envs(environment())
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    /// Starts `grader --color never --root <sandbox> <args>` in a session (see
    /// [`Tmux::start`]), then `echo "exit=$?"`, then the shell commands `then`, then a
    /// long sleep, so that the screen stays to be read.
    fn grader(sandbox: &Sandbox, args: &str, then: &str) -> Tmux {
        let quote = |path: &Path| format!("'{}'", path.display().to_string().replace('\'', r"'\''"));
        let command = format!(
            "{} --color never --root {} {args}; echo \"exit=$?\"; {then}sleep 600",
            quote(Path::new(env!("CARGO_BIN_EXE_grader"))),
            quote(sandbox.root())
        );
        Tmux::start(sandbox.root(), &command)
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.arg("-S").arg(&self.socket);
        command
    }

    fn screen(&self) -> String {
        let output = self.command().args(["capture-pane", "-p", "-t", "watch"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn until(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(Instant::now() < deadline, "`{text}` did not appear within {PATIENCE:?}; the screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &str) {
        let status = self.command().args(["send-keys", "-t", "watch", keys]).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

#[test]
fn watch_in_a_terminal_redraws_on_save_moves_on_and_restores_the_terminal() {
    if !Tmux::installed() {
        return;
    }
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let restored = "if stty -a | grep -q -e -icanon; then echo terminal-left-raw; else echo terminal-restored; fi; ";
    let tmux = Tmux::grader(&sandbox, "watch", restored);

    let first = tmux.until("01-runtime ✗ not yet");
    assert_says(
        &first,
        &[
            "Not yet:",
            "Watching exercises/01-runtime/src/runtime.rs for saves (file events).",
            "[h]int [n]ext [l]ist [r]erun [c]heck all [q]uit",
        ],
    );

    // A key acts at once, without Enter.
    tmux.keys("h");
    let hint = tmux.until("Hint 1 of 3 for 01-runtime");
    assert!(hint.contains("Not yet:"), "the report stays on screen above the hint:\n{hint}");

    sandbox.solve("01-runtime");
    let passed = tmux.until("04-gather · not checked yet");
    assert_says(&passed, &["Passed: all", "Now on 04-gather"]);
    assert!(
        !passed.contains("Not yet:") && !passed.contains("Hint 1"),
        "the screen is cleared between runs:\n{passed}"
    );

    // Ctrl-C quits, and the terminal is itself again.
    tmux.keys("C-c");
    let after = tmux.until("exit=");
    assert_says(&after, &["exit=0"]);
    let after = tmux.until("terminal-");
    assert_says(&after, &["terminal-restored"]);
}

/// A first `check` in a terminal shows at once that the exercise builds, and how far
/// it got, before any verdict: a learner never faces a blank terminal.
#[test]
fn a_first_check_in_a_terminal_shows_the_build_as_it_goes() {
    if !Tmux::installed() {
        return;
    }
    // The sandbox's exercise has a package name of its own: it is built afresh.
    let sandbox = Sandbox::with(&["01-runtime"]);
    let started = Instant::now();
    let tmux = Tmux::grader(&sandbox, "check 01", "");
    let building = tmux.until("Building 01-runtime");
    let shown_after = started.elapsed();
    assert!(!building.contains("Not yet:"), "the build was shown only after the verdict:\n{building}");
    // A bound the issue asks for: 2 s from starting the session (the grader is built).
    assert!(shown_after < Duration::from_secs(2), "the build was shown only after {shown_after:?}");
    let end = tmux.until("exit=");
    assert_says(&end, &["Not yet:"]);
    assert!(!end.contains("Building 01-runtime"), "the spinner is cleared once the build is done:\n{end}");
}

/// `check --all` in a terminal draws a progress bar, which stays at its end.
#[test]
fn check_all_in_a_terminal_shows_a_progress_bar() {
    if !Tmux::installed() {
        return;
    }
    let sandbox = Sandbox::with(&["01-runtime", "04-gather"]);
    let tmux = Tmux::grader(&sandbox, "check --all", "");
    let end = tmux.until("exit=");
    assert_says(&end, &["exit=1", "█ 2/2 checked", "0 of 2 exercises pass."]);
}
