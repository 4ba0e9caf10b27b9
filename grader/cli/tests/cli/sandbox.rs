//! A throw-away workbook holding copies of real exercises, and a small builder for
//! running the grader on it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The real workbook this test runs from.
pub fn workbook_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A temporary workbook.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A workbook with copies of the named exercises (with their solutions, answers
    /// and chapters).
    pub fn with(exercises: &[&str]) -> Sandbox {
        let real = workbook_root();
        let dir = tempfile::Builder::new().prefix("grader-test-").tempdir().unwrap();
        let root = dir.path();
        // Cargo names a workspace member's build output after its package name and its
        // path *relative to the workspace*, which is the same in every sandbox; a
        // package name of its own keeps parallel tests from overwriting each other's
        // test executables in the shared target folder.
        let unique = root
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "");
        for name in exercises {
            let exercise = root.join("exercises").join(name);
            copy_tree(&real.join("exercises").join(name), &exercise);
            copy_tree(&real.join("solutions").join(name), &root.join("solutions").join(name));
            let manifest = std::fs::read_to_string(exercise.join("Cargo.toml")).unwrap();
            let (before, after) = manifest.split_once("\nname = \"").unwrap();
            let (package, after) = after.split_once('"').unwrap();
            std::fs::write(exercise.join("Cargo.toml"), format!("{before}\nname = \"{package}-{unique}\"{after}"))
                .unwrap();
        }
        copy_tree(&real.join("docs"), &root.join("docs"));
        std::fs::copy(real.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
        let manifest = std::fs::read_to_string(real.join("Cargo.toml")).unwrap();
        let manifest = manifest
            .replace(
                r#"members = ["grader/cli", "grader/support", "grader/protocol", "exercises/*", "docs/examples"]"#,
                r#"members = ["exercises/*"]"#,
            )
            .replace(r#"default-members = ["grader/cli", "grader/support", "grader/protocol"]"#, "")
            .replace(
                r#"path = "grader/support""#,
                &format!("path = {:?}", real.join("grader/support").display().to_string()),
            )
            .replace(
                r#"path = "grader/protocol""#,
                &format!("path = {:?}", real.join("grader/protocol").display().to_string()),
            );
        assert!(
            manifest.contains(r#"members = ["exercises/*"]"#),
            "the workbook's Cargo.toml changed shape; update the sandbox"
        );
        std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
        Sandbox { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the sandbox a git clone-like repository: everything committed as shipped.
    pub fn commit_as_shipped(&self) {
        let git = |args: &[&str]| {
            let status = Command::new("git")
                .arg("-C")
                .arg(self.root())
                .args(["-c", "user.name=Workbook", "-c", "user.email=workbook@example.com"])
                .args(args)
                .output()
                .unwrap();
            assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
        };
        git(&["init", "-q"]);
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", "shipped"]);
    }

    /// Replaces a learner file with a fixture from `solutions/<exercise>/…`, or with
    /// the text given.
    pub fn write(&self, relative: &str, contents: &str) {
        std::fs::write(self.root().join(relative), contents).unwrap();
    }

    /// Replaces `exercise`'s learner file `learner` (`src/<topic>.rs`) with `fixture`, a
    /// path in the real workbook: see [`learner_file`].
    pub fn write_fixture(&self, exercise: &str, learner: &str, fixture: &str) {
        self.write(&format!("exercises/{exercise}/{learner}"), &learner_file(exercise, learner, fixture));
    }

    /// Replaces `exercise`'s learner file with its reference solution.
    pub fn solve(&self, exercise: &str) {
        let learner = learner_path(exercise);
        let topic = learner.strip_prefix("src/").unwrap_or(&learner);
        self.copy(&format!("solutions/{exercise}/{topic}"), &format!("exercises/{exercise}/{learner}"));
    }

    /// Copies `from` (relative to the sandbox) over `to`.
    pub fn copy(&self, from: &str, to: &str) {
        std::fs::copy(self.root().join(from), self.root().join(to)).unwrap();
    }

    /// `grader --color never --root <here> <args>`, with [`environment`], not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_grader"));
        command.args(["--color", "never", "--root"]).arg(self.root()).args(args).env_clear().envs(environment());
        command
    }

    /// Runs `grader <args>` here and asserts that it exits with `code`.
    #[track_caller]
    pub fn grader_exits(&self, args: &[&str], code: i32) -> Output {
        let output = self.grader(args);
        assert_eq!(output.code, code, "grader {args:?}:\n{}", output.text);
        output
    }

    /// Runs `grader <args> --format json` here and parses what it printed.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let output = self.grader(&[args, &["--format", "json"]].concat());
        let json = &output.text[..output.text.find("--- stderr ---").unwrap_or(output.text.len())];
        serde_json::from_str(json).unwrap_or_else(|e| panic!("grader {args:?} printed no JSON ({e}):\n{}", output.text))
    }

    /// Runs `grader <args>` here.
    pub fn grader(&self, args: &[&str]) -> Output {
        let output = self.command(args).output().unwrap();
        Output {
            code: output.status.code().unwrap_or(-1),
            text: redact(
                &String::from_utf8_lossy(&output.stdout),
                &String::from_utf8_lossy(&output.stderr),
                self.root(),
            ),
        }
    }
}

/// The fixture `fixture` (a path in the real workbook: an answer in
/// `solutions/<exercise>/answers/` or a case in `grader/cli/tests/fixtures/`) as
/// `exercise`'s learner file `learner`, assembled the way `grader verify` assembles an
/// answer: a fixture whose header says `//! grader: replaces items` holds only the items
/// it changes, grafted onto the exercise's reference solution
/// (`solutions/<exercise>/<topic>.rs`); one `based on` another fixture of its folder is
/// grafted onto that one; ``replaces `old` with `new` `` changes one place after the
/// graft. Any other fixture is the whole file.
pub fn learner_file(exercise: &str, learner: &str, fixture: &str) -> String {
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let root = workbook_root();
    let path = root.join(fixture);
    let (folder, name) = (path.parent().unwrap(), path.file_stem().unwrap().to_string_lossy());
    let solution = read(&root.join("solutions").join(exercise).join(learner.strip_prefix("src/").unwrap_or(learner)));
    grader::graft::assemble(&solution, folder, &name, &read(&path)).unwrap_or_else(|e| panic!("{fixture}: {e:#}"))
}

/// `exercise`'s learner file (the first of its `exercise.toml`'s `files`), as
/// `src/<topic>.rs`.
pub fn learner_path(exercise: &str) -> String {
    let all = grader::exercise::discover(&workbook_root().join("exercises")).unwrap();
    let found = grader::exercise::resolve(&all, exercise).unwrap();
    found.meta.files.first().unwrap_or_else(|| panic!("{exercise} names no learner file")).clone()
}

/// Asserts that `text` says each of `words` (wherever its lines are wrapped).
#[track_caller]
pub fn assert_says(text: &str, words: &[&str]) {
    let flat = one_line(text);
    for said in words {
        assert!(flat.contains(said), "the output should say {said:?}:\n{text}");
    }
}

/// The text with every run of whitespace made one space, to find words across wrapped
/// lines.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The environment a sandboxed grader gets: scrubbed, except what cargo and rustup
/// need, and the real workbook's target folder so builds are shared.
pub fn environment() -> Vec<(&'static str, std::ffi::OsString)> {
    let target = std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| workbook_root().join("target").into());
    let mut vars = vec![("CARGO_TARGET_DIR", target)];
    for name in ["PATH", "HOME", "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN"] {
        if let Some(value) = std::env::var_os(name) {
            vars.push((name, value));
        }
    }
    vars
}

/// What a grader run printed, redacted, and its exit code.
pub struct Output {
    pub code: i32,
    pub text: String,
}

fn redact(stdout: &str, stderr: &str, root: &Path) -> String {
    let mut text = String::from(stdout);
    // The line that says an exercise builds, shown where there is no terminal, is
    // pinned by a test of its own (`check::without_a_terminal_one_line_says_it_builds`).
    let stderr: String = stderr.lines().filter(|line| !is_build_line(line)).map(|line| format!("{line}\n")).collect();
    if !stderr.is_empty() {
        text.push_str("--- stderr ---\n");
        text.push_str(&stderr);
    }
    let text = text.replace(&root.display().to_string(), "[ROOT]");
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(&redact_real_time(line));
        out.push('\n');
    }
    out
}

/// Whether `line` is the grader's "Building … and its checks…" line.
pub fn is_build_line(line: &str) -> bool {
    line.starts_with("Building ") && line.ends_with(" and its checks…")
}

/// Real (wall-clock) durations vary from run to run: `about 1.0 s`, `about 3 ms` (with
/// ordinary or non-breaking spaces).
fn redact_real_time(line: &str) -> String {
    let line = line.replace('\u{a0}', " ");
    let mut out = String::new();
    let mut rest = line.as_str();
    while let Some(i) = rest.find("about ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        let number_end = after.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(after.len());
        if number_end > 0 && (after[number_end..].starts_with(" s") || after[number_end..].starts_with(" ms")) {
            let unit_end = number_end + if after[number_end..].starts_with(" s") { 2 } else { 3 };
            out.push_str("about [REAL TIME]");
            rest = &after[unit_end..];
        } else {
            out.push_str("about ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Copies the folder `from` to `to`, without build output (`target/`) or snapshots insta
/// left pending (`*.snap.new`).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().ends_with(".snap.new") {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// Fails, saying why, where the grader's OS sandbox can't start: tests that prove what
/// it contains never pass by running without it.
pub fn require_os_sandbox() {
    if let Err(why) = grader::sandbox_policy::available() {
        panic!("this test needs the grader's OS sandbox, which can't start here: {why}");
    }
}
