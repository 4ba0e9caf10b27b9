//! `grader grade`: a class of submissions, some honest and some not, graded on
//! pristine checks into every gradebook format; shards merged back into one.

use std::path::{Path, PathBuf};

use crate::sandbox::{Sandbox, copy_tree, learner_file};

/// A class of submissions for exercise 04, each a copy of the workbook's `exercises/`
/// with one learner's file (and some with edits of the grader's files).
struct Class {
    dir: tempfile::TempDir,
}

impl Class {
    fn new(workbook: &Sandbox) -> Class {
        let class = Class { dir: tempfile::Builder::new().prefix("grader-class-").tempdir().unwrap() };
        let solution = workbook.root().join("solutions/04-gather/gather.rs");
        let alice = class.submit(workbook, "alice", &std::fs::read_to_string(&solution).unwrap());
        // What a plain `cargo test` leaves behind is not tampering.
        std::fs::write(alice.join("exercises/04-gather/checks/snapshots/three_fetches.snap.new"), "x").unwrap();
        // Bob edits the checks, adds a build script and a dependency: none of it counts.
        let sequential = learner_file("04-gather", "src/gather.rs", "solutions/04-gather/answers/sequential.rs");
        let bob = class.submit(workbook, "bob", &sequential);
        let checks = bob.join("exercises/04-gather/checks/checks.rs");
        std::fs::write(&checks, "// Every check passes now, surely.\n").unwrap();
        std::fs::write(bob.join("exercises/04-gather/build.rs"), "fn main() {}\n").unwrap();
        let manifest = bob.join("exercises/04-gather/Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, text.replace("[dependencies]", "[dependencies]\nrand = \"0.8\"")).unwrap();
        // Carol handed in something else entirely.
        std::fs::create_dir_all(class.dir.path().join("carol/notes")).unwrap();
        // Dave's code never returns: a busy loop, which the watchdog names as blocked
        // within a second, and the class goes on.
        let solution_text = std::fs::read_to_string(&solution).unwrap();
        let hang = solution_text.replacen("pub async fn load_dashboard() -> Dashboard {", "pub async fn load_dashboard() -> Dashboard {\n    #[allow(clippy::empty_loop)]\n    loop {}\n    #[allow(unreachable_code)]", 1);
        assert_ne!(hang, solution_text, "the solution of 04 changed shape; update this test");
        class.submit(workbook, "dave", &hang);
        // Eve uses a crate the workbook doesn't have.
        class.submit(workbook, "eve", &format!("{solution_text}\nuse rand::Rng as _;\n"));
        // Frank's code wants 3 GiB: past the memory limit, it crashes alone.
        let hog = solution_text.replacen(
            "pub async fn load_dashboard() -> Dashboard {",
            "pub async fn load_dashboard() -> Dashboard {\n    std::hint::black_box(vec![1u8; 3 << 30]);",
            1,
        );
        class.submit(workbook, "frank", &hog);
        class
    }

    /// Four more: a sleeper (a real hang), a link to /dev/zero among the checks, a
    /// learner file that is a link, and the reference solution by `#[path]`.
    fn add_attacks(&self, workbook: &Sandbox) {
        let solution = workbook.root().join("solutions/04-gather/gather.rs");
        let solution_text = std::fs::read_to_string(&solution).unwrap();
        // Gina sleeps for an hour: asleep, not spinning, so the per-check limit ends it.
        let sleeper = solution_text.replacen(
            "pub async fn load_dashboard() -> Dashboard {",
            "pub async fn load_dashboard() -> Dashboard {\n    std::thread::sleep(std::time::Duration::from_secs(3600));",
            1,
        );
        self.submit(workbook, "gina", &sleeper);
        // Hal's submission holds a link to /dev/zero among the checks: listed, never read.
        let hal = self.submit(workbook, "hal", &solution_text);
        #[cfg(unix)]
        std::os::unix::fs::symlink("/dev/zero", hal.join("exercises/04-gather/checks/zero")).unwrap();
        // Ivy's learner file is a link to the reference solution: refused, not followed.
        let ivy = self.submit(workbook, "ivy", &solution_text);
        let file = ivy.join("exercises/04-gather/src/gather.rs");
        std::fs::remove_file(&file).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&solution, &file).unwrap();
        // Jack takes the reference solution by `#[path]`: refused before it is built.
        let reference =
            format!("#[path = {:?}]\nmod reference;\npub use reference::*;\n", solution.display().to_string());
        self.submit(workbook, "jack", &reference);
    }

    fn submit(&self, workbook: &Sandbox, who: &str, learner_file: &str) -> PathBuf {
        let root = self.dir.path().join(who);
        let exercise = root.join("exercises/04-gather");
        copy_tree(&workbook.root().join("exercises/04-gather"), &exercise);
        std::fs::write(exercise.join("src/gather.rs"), learner_file).unwrap();
        root
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn verdicts(book: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    for submission in book["submissions"].as_array().unwrap() {
        let id = submission["id"].as_str().unwrap().to_string();
        match submission["grades"].as_array().unwrap().first() {
            Some(grade) => rows.push((
                id,
                grade["verdict"].as_str().unwrap().to_string(),
                grade["graded"].as_str().unwrap().to_string(),
            )),
            None => rows.push((id, "error".into(), submission["error"].as_str().unwrap().to_string())),
        }
    }
    rows
}

#[test]
fn a_class_is_graded_on_pristine_checks_into_every_format() {
    let workbook = Sandbox::with(&["04-gather"]);
    let class = Class::new(&workbook);
    class.add_attacks(&workbook);
    let out = workbook.root().join("gradebook");
    let output = workbook.grader(&[
        "grade",
        &class.path().display().to_string(),
        "--out",
        &out.display().to_string(),
        "--timeout",
        "3",
        "--jobs",
        "2",
    ]);
    assert_eq!(output.code, 0, "{}", output.text);

    let book: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("gradebook.json")).unwrap()).unwrap();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        verdicts(&book),
        [
            s("alice", "pass", "pass"),
            s("bob", "tampered", "fail"),
            s("carol", "error", "no exercises/ folder in this submission"),
            s("dave", "blocked", "blocked"),
            s("eve", "compile_error", "compile_error"),
            s("frank", "crashed", "crashed"),
            s("gina", "timeout", "timeout"),
            s("hal", "tampered", "pass"),
            s("ivy", "missing", "missing"),
            s("jack", "forbidden", "forbidden"),
        ]
    );
    let bob = &book["submissions"][1]["grades"][0];
    let tampered: Vec<&str> = bob["tampered"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert_eq!(
        tampered,
        ["exercises/04-gather/Cargo.toml", "exercises/04-gather/build.rs", "exercises/04-gather/checks/checks.rs"]
    );
    assert!(bob["message"].as_str().unwrap().contains("which were ignored; on pristine checks: fail"), "{bob}");
    let message = |i: usize| book["submissions"][i]["grades"][0]["message"].as_str().unwrap().to_string();
    assert!(message(3).contains("kept running code inside one poll"), "{book}");
    assert!(message(6).contains("did not finish in 3 s"), "{book}");
    assert!(message(7).contains("exercises/04-gather/checks/zero"), "{book}");
    assert!(message(8).contains("exercises/04-gather/src/gather.rs is a symbolic link"), "{book}");
    assert!(message(9).contains("refused before it was built: src/gather.rs:1: `#[path]`"), "{book}");
    assert!(book["submissions"][4]["grades"][0]["message"].as_str().unwrap().contains("rand"), "{book}");

    let csv = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    assert!(csv.starts_with("submission,folder,exercise,verdict,graded,points,"), "{csv}");
    assert!(csv.contains("\nalice,alice,04-gather,pass,pass,1,6,6,,\n"), "{csv}");
    assert!(!csv.contains(&workbook.root().display().to_string()), "a machine path in the CSV: {csv}");
    assert_eq!(csv.lines().count(), 11, "{csv}");

    let junit = std::fs::read_to_string(out.join("junit.xml")).unwrap();
    // Nothing of the grading machine in what students may see: no paths, no home.
    let json_text = std::fs::read_to_string(out.join("gradebook.json")).unwrap();
    for (name, text) in [("gradebook.json", &json_text), ("junit.xml", &junit), ("gradebook.csv", &csv)] {
        for machine in [workbook.root().display().to_string(), class.path().display().to_string()] {
            assert!(!text.contains(&machine), "{name} holds the machine path {machine}");
        }
        if let Some(home) = std::env::var_os("HOME").filter(|h| h.len() > 1) {
            assert!(!text.contains(&*home.to_string_lossy()), "{name} holds $HOME");
        }
    }
    assert!(junit.contains("<property name=\"folder\" value=\"alice\"/>"), "{junit}");
    assert_eq!(junit.matches("<testsuite ").count(), 10, "{junit}");
    assert!(junit.contains("<testcase name=\"04-gather\" classname=\"alice\""), "{junit}");
    assert!(junit.contains("type=\"timeout\">"), "{junit}");
    // Bob's edits had no effect: his test case fails as his code does on pristine checks.
    let bob_case = &junit[junit.find("classname=\"bob\"").unwrap()..];
    assert!(bob_case[..bob_case.find("</testcase>").unwrap()].contains("type=\"fail\">"), "{junit}");

    let gradescope: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("gradescope/alice/results.json")).unwrap()).unwrap();
    assert_eq!(gradescope["score"], 1);
    assert_eq!(gradescope["tests"][0]["status"], "passed");
    assert_eq!(gradescope["tests"][0]["max_score"], 1);

    let classroom: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("classroom/eve.json")).unwrap()).unwrap();
    assert_eq!(classroom["version"], 1);
    assert_eq!(classroom["status"], "fail");
    assert_eq!(classroom["max_score"], 1);
    assert_eq!(classroom["tests"][0]["status"], "fail");
    assert_eq!(classroom["tests"][0]["score"], 0);

    // Grading again keeps the first gradebook.
    let again = workbook.grader(&[
        "grade",
        &class.path().join("alice").display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(again.code, 0, "{}", again.text);
    assert!(again.text.contains("The earlier gradebook in"), "{}", again.text);
    let kept = std::fs::read_dir(workbook.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("gradebook-"))
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn shards_merge_into_the_whole_class() {
    let workbook = Sandbox::with(&["04-gather"]);
    let class = Class::new(&workbook);
    let grade = |args: &[&str]| {
        let mut all = vec!["grade".to_string(), class.path().display().to_string(), "--timeout".into(), "3".into()];
        all.extend(args.iter().map(|a| a.to_string()));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let output = workbook.grader(&refs);
        assert_eq!(output.code, 0, "{}", output.text);
    };
    let root = workbook.root().display().to_string();
    grade(&["--shard", "1/2", "--out", &format!("{root}/one")]);
    grade(&["--shard", "2/2", "--out", &format!("{root}/two")]);
    let merged = workbook.grader(&[
        "grade",
        "--merge",
        &format!("{root}/one"),
        &format!("{root}/two"),
        "--out",
        &format!("{root}/all"),
    ]);
    assert_eq!(merged.code, 0, "{}", merged.text);
    let read = |dir: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(workbook.root().join(dir).join("gradebook.json")).unwrap())
            .unwrap()
    };
    let ids = |book: &serde_json::Value| -> Vec<String> {
        book["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&read("one")), ["alice", "carol", "eve"]);
    assert_eq!(ids(&read("two")), ["bob", "dave", "frank"]);
    assert_eq!(ids(&read("all")), ["alice", "bob", "carol", "dave", "eve", "frank"]);

    let bad = workbook.grader(&["grade", class.path().to_str().unwrap(), "--shard", "3/2"]);
    assert_eq!(bad.code, 2, "{}", bad.text);
    assert!(bad.text.contains("--shard takes i/n"), "{}", bad.text);
}

/// A submission of `exercise` whose learner file is the solution with `probe` put at
/// the start of the function whose first line is `opening`.
fn probing(workbook: &Sandbox, class: &Path, who: &str, exercise: &str, file: &str, opening: &str, probe: &str) {
    let solution = std::fs::read_to_string(workbook.root().join("solutions").join(exercise).join(file)).unwrap();
    let probed = solution.replacen(opening, &format!("{opening}\n{probe}"), 1);
    assert_ne!(probed, solution, "the solution of {exercise} changed shape; update this test");
    let root = class.join(who).join("exercises").join(exercise);
    copy_tree(&workbook.root().join("exercises").join(exercise), &root);
    std::fs::write(root.join("src").join(file), probed).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn the_sandbox_keeps_submissions_from_the_machine() {
    crate::sandbox::require_os_sandbox();
    let workbook = Sandbox::with(&["09-spawn-blocking", "19-broadcast-server"]);
    let class = tempfile::Builder::new().prefix("grader-class-").tempdir().unwrap();
    let home = tempfile::Builder::new().prefix("grader-home-").tempdir().unwrap();
    // 09 may use files: it tries to read the reference solution and the grader's own
    // home, and to leave a file there. Any of them working is a panic, a failed check.
    let solution = workbook.root().join("solutions/09-spawn-blocking/blocking.rs");
    let secret = home.path().join("secret.txt");
    std::fs::write(&secret, "the instructor's").unwrap();
    let marker = home.path().join("marker");
    let probe = format!(
        "    if std::fs::read({solution:?}).is_ok() || std::fs::read({secret:?}).is_ok() || std::fs::write({marker:?}, b\"x\").is_ok() {{ panic!(\"escaped\") }}"
    );
    probing(
        &workbook,
        class.path(),
        "nosy",
        "09-spawn-blocking",
        "blocking.rs",
        "pub async fn render(name: &str) -> String {",
        &probe,
    );
    // 19 may use sockets: it tries a server on this machine's loopback.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let probe = format!("    if tokio::net::TcpStream::connect(\"{address}\").await.is_ok() {{ panic!(\"escaped\") }}");
    probing(
        &workbook,
        class.path(),
        "caller",
        "19-broadcast-server",
        "broadcast_server.rs",
        "pub async fn serve(listener: TcpListener, room: Arc<ChatRoom>) {",
        &probe,
    );

    let out = workbook.root().join("gradebook");
    let output = workbook
        .command(&["grade", &class.path().display().to_string(), "--out", &out.display().to_string()])
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let book: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("gradebook.json")).unwrap()).unwrap();
    for submission in book["submissions"].as_array().unwrap() {
        for grade in submission["grades"].as_array().unwrap() {
            if grade["verdict"] != "missing" {
                assert_eq!(grade["verdict"], "pass", "{}: {grade}", submission["id"]);
            }
        }
    }
    assert!(!marker.exists(), "a submission wrote into the grader's home");
    assert!(listener.accept().is_err(), "a submission reached a server on this machine's loopback");
}

/// An `AUTOGRADER` folder, as Gradescope lays it out, for the scripts in
/// `docs/ci/gradescope` (their `AUTOGRADER` variable points them at it).
#[cfg(target_os = "linux")]
fn autograder_folder() -> tempfile::TempDir {
    let autograder = tempfile::Builder::new().prefix("grader-autograder-").tempdir().unwrap();
    std::fs::create_dir_all(autograder.path().join("source")).unwrap();
    autograder
}

/// Runs the Gradescope script `name` in `autograder` with `envs`: its combined output,
/// after asserting it succeeded.
#[cfg(target_os = "linux")]
fn run_gradescope_script(name: &str, autograder: &Path, envs: &[(&str, std::ffi::OsString)]) -> String {
    let script = crate::sandbox::workbook_root().join("docs/ci/gradescope").join(name);
    let output = std::process::Command::new("bash")
        .arg(&script)
        .env_clear()
        .envs(envs.iter().map(|(name, value)| (*name, value)))
        .env("AUTOGRADER", autograder)
        .output()
        .unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{name} failed:\n{log}");
    log
}

/// Gradescope's results.json, as `run_autograder` left it.
#[cfg(target_os = "linux")]
fn gradescope_results(autograder: &Path, log: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(autograder.join("results/results.json")).unwrap_or_else(|e| panic!("{e}\n{log}"));
    serde_json::from_str(&text).unwrap()
}

/// `run_autograder`, run as Gradescope runs it but in a folder of the test's: it finds
/// the exercises inside a zipped folder of the upload, grades them (in the sandbox, or
/// without it where the container refuses it, saying so) and leaves Gradescope's
/// results.json: the solution scores 1, the shipped stub 0.
#[cfg(target_os = "linux")]
#[test]
fn gradescope_s_run_autograder_scores_an_upload() {
    let workbook = Sandbox::with(&["04-gather"]);
    let autograder = autograder_folder();
    std::os::unix::fs::symlink(workbook.root(), autograder.path().join("source/workbook")).unwrap();
    // A zip of the repository's folder, as a learner uploads it, with macOS's litter.
    let upload = autograder.path().join("submission/async-workbook-main");
    copy_tree(&workbook.root().join("exercises/04-gather"), &upload.join("exercises/04-gather"));
    std::fs::create_dir_all(autograder.path().join("submission/__MACOSX")).unwrap();
    let learner_file = upload.join("exercises/04-gather/src/gather.rs");
    for (file, score, status) in
        [("solutions/04-gather/gather.rs", 1, "passed"), ("exercises/04-gather/src/gather.rs", 0, "failed")]
    {
        std::fs::copy(workbook.root().join(file), &learner_file).unwrap();
        let log = run_gradescope_script("run_autograder", autograder.path(), &crate::sandbox::environment());
        let results = gradescope_results(autograder.path(), &log);
        assert_eq!(results["score"], score, "{file}: {results}\n{log}");
        assert_eq!(results["tests"][0]["name"], "04-gather", "{results}");
        assert_eq!(results["tests"][0]["status"], status, "{file}: {results}");
    }
}

/// `setup.sh` builds the grader and the shared dependencies, offline-ready, and leaves
/// no reference solution in the autograder's copy of the workbook. Cargo is a stand-in
/// here that writes down how it was called: the build itself is cargo's.
#[cfg(target_os = "linux")]
#[test]
fn gradescope_s_setup_leaves_no_solutions_behind() {
    let workbook = Sandbox::with(&["04-gather"]);
    let autograder = autograder_folder();
    let copy = autograder.path().join("source/workbook");
    copy_tree(workbook.root(), &copy);
    assert!(copy.join("solutions/04-gather/gather.rs").exists());
    let bin = autograder.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let calls = autograder.path().join("cargo-calls");
    std::fs::write(bin.join("cargo"), format!("#!/bin/sh\necho \"$@\" >> '{}'\n", calls.display())).unwrap();
    let mut permissions = std::fs::metadata(bin.join("cargo")).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(bin.join("cargo"), permissions).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let home = autograder.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let log = run_gradescope_script("setup.sh", autograder.path(), &[("PATH", path.into()), ("HOME", home.into())]);
    let calls = std::fs::read_to_string(&calls).unwrap_or_default();
    assert!(calls.contains("build --locked -p grader"), "{calls}");
    assert!(!copy.join("solutions").exists(), "setup.sh left the reference solutions: {log}");
    assert!(copy.join("exercises/04-gather").exists());
}
