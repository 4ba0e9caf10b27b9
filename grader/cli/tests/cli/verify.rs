//! `grader verify` over every exercise of the real workbook: each stub fails for
//! its intended reason, each solution passes, and every answer fixture (plausible
//! wrong answers and other correct answers) behaves as it declares.

use crate::sandbox::workbook_root;

#[test]
fn every_exercise_verifies() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_grader"))
        .args(["--color", "never", "--root"])
        .arg(workbook_root())
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("verify printed no JSON ({e}): {stdout}\n{}", String::from_utf8_lossy(&output.stderr))
    });
    let failures: Vec<&serde_json::Value> =
        results.as_array().unwrap().iter().filter(|r| !r["problems"].as_array().unwrap().is_empty()).collect();
    assert!(failures.is_empty(), "cases that do not behave as declared:\n{failures:#?}");
    // Every exercise has a stub, a solution, two wrong answers and another correct one.
    let exercises: std::collections::BTreeSet<&str> =
        results.as_array().unwrap().iter().map(|r| r["exercise"].as_str().unwrap()).collect();
    for exercise in exercises {
        let cases: Vec<&serde_json::Value> =
            results.as_array().unwrap().iter().filter(|r| r["exercise"] == exercise).collect();
        let wrong = cases
            .iter()
            .filter(|c| {
                c["expected"]["expect"] == "fail"
                    || c["case"].as_str().unwrap().starts_with("answers/") && c["expected"]["expect"] == "compile_error"
            })
            .count();
        let right = cases
            .iter()
            .filter(|c| c["case"].as_str().unwrap().starts_with("answers/") && c["expected"]["expect"] == "pass")
            .count();
        assert!(wrong >= 2, "{exercise} has {wrong} wrong-answer fixtures; it needs at least two");
        assert!(right >= 1, "{exercise} has no other correct answer among its fixtures");
        assert_eq!(output.status.code(), Some(0));
    }
}

/// Every construct of the Python notes has an exercise that teaches it. (That the
/// learner must get each one right to pass is what `every_exercise_verifies` proves:
/// every stub fails and every solution passes.)
#[test]
fn every_construct_of_the_notes_has_an_exercise() {
    let required = [
        "asyncio.create_task",
        "asyncio.gather",
        "asyncio.TaskGroup",
        "asyncio.as_completed",
        "asyncio.Lock",
        "asyncio.Event",
        "asyncio.to_thread",
        "asyncio.Runner",
        "the event loop",
        "await in sequence instead of asyncio.gather",
        "time.sleep inside async def",
        "wrapped in async def",
    ];
    let mut taught = Vec::new();
    for entry in std::fs::read_dir(workbook_root().join("exercises")).unwrap() {
        let path = entry.unwrap().path().join("exercise.toml");
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for construct in table.get("python").and_then(|p| p.as_array()).into_iter().flatten() {
            taught.push(construct.as_str().unwrap().to_string());
        }
    }
    for construct in required {
        assert!(
            taught.iter().any(|t| t.contains(construct)),
            "no exercise lists `{construct}` among its Python constructs; taught: {taught:?}"
        );
    }
}

/// The pictures a failing learner sees beside theirs come from `checks/expected/`: verify
/// re-records them from the solution and fails when the shipped ones have drifted, and
/// `--record-expected` writes them back.
#[test]
fn drifted_expected_traces_fail_verify_until_recorded() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    let expected = "exercises/04-gather/checks/expected/three_fetches_take_one_second.0.trace";
    let shipped = std::fs::read_to_string(sandbox.root().join(expected)).unwrap();
    sandbox.write(expected, &shipped.replace("1.000s", "3.000s"));
    let drifted = sandbox.grader(&["verify", "04"]);
    assert_eq!(drifted.code, 1, "{}", drifted.text);
    assert!(drifted.text.contains("checks/expected/ is out of date"), "{}", drifted.text);
    assert!(drifted.text.contains("three_fetches_take_one_second.0.trace"), "{}", drifted.text);
    assert!(drifted.text.contains("grader verify 04 --record-expected"), "{}", drifted.text);

    let recorded = sandbox.grader(&["verify", "04", "--record-expected"]);
    assert_eq!(recorded.code, 0, "{}", recorded.text);
    assert_eq!(std::fs::read_to_string(sandbox.root().join(expected)).unwrap(), shipped);
    assert_eq!(sandbox.grader(&["verify", "04"]).code, 0);
}

/// `--runs` runs each case again and compares: an answer that behaves one way the first
/// time and another way after is reported as not deterministic.
#[test]
fn runs_catch_an_answer_that_changes_between_runs() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    let answers = sandbox.root().join("solutions/04-gather/answers");
    std::fs::remove_dir_all(&answers).unwrap();
    std::fs::create_dir_all(&answers).unwrap();
    let solution = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/gather.rs")).unwrap();
    let fetch_all = "    join_all(urls.iter().map(|url| web::fetch_page(url))).await\n";
    assert!(solution.contains(fetch_all), "the solution of 04 changed shape; update this test");
    // Together in the first run, in sequence in the second. Each run of a case has a
    // run folder of its own (`run-1`, `run-2`), holding the sandbox's private TMPDIR:
    // the answer reads which run it is in there. (It reads the environment, which 04
    // does not allow: this copy of 04 does.)
    crate::sandbox::require_os_sandbox();
    let toml = sandbox.root().join("exercises/04-gather/exercise.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("\nfiles = ", "\nallow = [\"std::env\"]\nfiles = ")).unwrap();
    let sequential = "    let second_run = std::env::var(\"TMPDIR\").is_ok_and(|dir| dir.contains(\"run-2\"));
    if second_run {
        let mut pages = Vec::new();
        for url in urls {
            pages.push(web::fetch_page(url).await);
        }
        return pages;
    }
";
    let flaky = solution.replace(fetch_all, &format!("{sequential}{fetch_all}"));
    sandbox.write(
        "solutions/04-gather/answers/flaky.rs",
        &format!("//! grader: expect pass\n//! Together once, then in sequence.\n{flaky}"),
    );
    let output = sandbox.grader(&["verify", "04", "--runs", "2"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(
        output.text.contains("not deterministic: `gather_lets_siblings_finish` was Pass in run 1 and Fail in run 2"),
        "{}",
        output.text
    );
    assert!(output.text.contains("the traces of ") && output.text.contains(" differ"), "{}", output.text);
    let once = sandbox.grader(&["verify", "04"]);
    assert!(!once.text.contains("not deterministic"), "one run has nothing to compare:\n{}", once.text);
}

/// The reference solutions are what learners compare their code with: verify holds
/// them to clippy and rustfmt.
#[test]
fn solutions_must_be_clippy_and_rustfmt_clean() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    std::fs::remove_dir_all(sandbox.root().join("solutions/04-gather/answers")).unwrap();
    let path = "solutions/04-gather/gather.rs";
    let solution = std::fs::read_to_string(sandbox.root().join(path)).unwrap();
    let fetch_all = "    join_all(urls.iter().map(|url| web::fetch_page(url))).await\n";
    assert!(solution.contains(fetch_all), "the solution of 04 changed shape; update this test");
    let untidy = solution.replace(fetch_all, &format!("    if urls.len() == 0 {{ return vec![] }}\n{fetch_all}"));
    sandbox.write(path, &untidy);
    let output = sandbox.grader(&["verify", "04"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("clippy: "), "{}", output.text);
    assert!(output.text.contains("(solutions/04-gather/gather.rs:"), "{}", output.text);
    assert!(output.text.contains("rustfmt: solutions/04-gather/gather.rs is not formatted"), "{}", output.text);
}

/// Every crate of the workspace (tools, exercises, the book's code) is as `cargo fmt`
/// writes it, so a learner's `cargo fmt` changes only what they wrote.
#[test]
fn the_workspace_is_formatted() {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["fmt", "--all", "--check"])
        .current_dir(workbook_root())
        .output()
        .expect("cargo fmt runs");
    assert!(
        output.status.success(),
        "`cargo fmt --all --check` found unformatted code: run `cargo fmt --all`.\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// 04's `sequential` fixture with only its first two `expect` lines: it fails more checks
/// than it declares.
fn sequential_declaring_two(sandbox: &crate::sandbox::Sandbox) -> String {
    let text = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/answers/sequential.rs")).unwrap();
    let mut expects = 0;
    text.lines()
        .filter(|line| {
            let expect = line.starts_with("//! grader: expect");
            expects += usize::from(expect);
            !expect || expects <= 2
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Every failing check must be declared: one that is not is named, with its message; a
/// declared check the exercise lacks is named with the nearest; `--case … --verbose`
/// shows one fixture's every check in full, without touching the learner's file.
#[test]
fn undeclared_failures_and_unknown_checks_are_reported() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    let answers = sandbox.root().join("solutions/04-gather/answers");
    let two = sequential_declaring_two(&sandbox);
    std::fs::remove_dir_all(&answers).unwrap();
    std::fs::create_dir_all(&answers).unwrap();
    sandbox.write("solutions/04-gather/answers/declares_two.rs", &two);
    let solution = std::fs::read_to_string(sandbox.root().join("solutions/04-gather/gather.rs")).unwrap();
    sandbox.write(
        "solutions/04-gather/answers/misspelt.rs",
        &format!("//! grader: expect fail three_fetch_take_one_second \"ran one after another\"\n{solution}"),
    );
    let stub = std::fs::read_to_string(sandbox.root().join("exercises/04-gather/src/gather.rs")).unwrap();

    let output = sandbox.grader(&["verify", "04"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("✗ 04-gather answers/declares_two.rs"), "{}", output.text);
    assert!(
        output.text.contains(
            "`results_keep_input_order` fails too, and the header does not declare it: if this answer should fail \
             it, add `//! grader: expect fail results_keep_input_order \"<words of its lesson>\"`; it says:\n"
        ),
        "{}",
        output.text
    );
    assert!(output.text.contains("        The 3 calls ran one after another"), "{}", output.text);
    assert!(
        output.text.contains(
            "`//! grader: expect fail three_fetch_take_one_second \"ran one after another\"` names no check of this \
             exercise; write it as `//! grader: expect fail three_fetches_take_one_second \"ran one after another\"`"
        ),
        "{}",
        output.text
    );

    let one = sandbox.grader(&["verify", "04", "--case", "declares_two", "--verbose"]);
    assert_eq!(one.code, 1, "{}", one.text);
    assert!(one.text.contains("Building 1 cases of 1 exercises"), "{}", one.text);
    assert!(!one.text.contains("misspelt"), "{}", one.text);
    // Every failing check in full, as `check --verbose` shows it, under the case's line.
    for check in ["three fetches take one second", "results keep input order", "gather lets siblings finish"] {
        assert!(one.text.contains(&format!("\n    ✗ {check}\n")), "{check} missing from:\n{}", one.text);
    }
    assert!(one.text.matches("Awaiting one future before creating the next").count() >= 3, "{}", one.text);
    assert_eq!(std::fs::read_to_string(sandbox.root().join("exercises/04-gather/src/gather.rs")).unwrap(), stub);

    let unknown = sandbox.grader(&["verify", "04", "--case", "nope"]);
    assert_eq!(unknown.code, 2, "{}", unknown.text);
    assert!(
        unknown
            .text
            .contains("there is no case `nope` (hint: the cases are stub, solution, declares_two.rs, misspelt.rs)"),
        "{}",
        unknown.text
    );
}

/// A header line verify can't read stops it before anything is built, showing the line
/// and how to write it.
#[test]
fn an_unreadable_header_line_shows_its_fix() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    sandbox.write(
        "solutions/04-gather/answers/sequential.rs",
        &sequential_declaring_two(&sandbox).replacen(
            "\"ran one after another\"",
            "\"ran \\\"one\\\" after another\"",
            1,
        ),
    );
    let output = sandbox.grader(&["verify", "04"]);
    assert_eq!(output.code, 2, "{}", output.text);
    assert!(!output.text.contains("Building"), "{}", output.text);
    assert!(
        output.text.contains(
            "`\\\"` is not an escape here, and no message holds it: the text runs from the first quote to the last, \
             so quotes inside it are written plainly (hint: write it as `//! grader: expect fail \
             three_fetches_take_one_second \"ran \"one\" after another\"`)"
        ),
        "{}",
        output.text
    );
}

/// Before any trace is recorded, verify says so and how to record them, instead of
/// calling them out of date.
#[test]
fn missing_expected_traces_say_how_to_record_them() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    let expected = sandbox.root().join("exercises/04-gather/checks/expected");
    let one_check = "three_fetches_take_one_second.0.trace";
    let kept = std::fs::read(expected.join(one_check)).unwrap();
    std::fs::remove_dir_all(&expected).unwrap();
    let none = sandbox.grader(&["verify", "04", "--case", "solution"]);
    assert_eq!(none.code, 1, "{}", none.text);
    assert!(
        none.text.contains(
            "no trace of the solution is recorded yet (exercises/04-gather/checks/expected/ is missing or empty): \
             run `grader verify 04 --record-expected`, look at what it wrote, and commit it"
        ),
        "{}",
        none.text
    );
    assert!(!none.text.contains("out of date"), "{}", none.text);

    // One check's traces recorded: the others are named as not recorded yet.
    std::fs::create_dir_all(&expected).unwrap();
    std::fs::write(expected.join(one_check), kept).unwrap();
    let some = sandbox.grader(&["verify", "04", "--case", "solution"]);
    assert_eq!(some.code, 1, "{}", some.text);
    assert!(some.text.contains("no trace of `"), "{}", some.text);
    assert!(some.text.contains("is recorded yet in exercises/04-gather/checks/expected/"), "{}", some.text);
    assert!(!some.text.contains(one_check) && !some.text.contains("out of date"), "{}", some.text);
}

/// The stub fails as `exercise.toml`'s `stub` declares, in the grammar of a fixture's
/// header: a failing check it does not declare is named with its message and the entry
/// to add, and an entry verify can't read stops it with the fix.
#[test]
fn the_stub_fails_as_exercise_toml_declares() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    let toml = sandbox.root().join("exercises/04-gather/exercise.toml");
    let shipped = std::fs::read_to_string(&toml).unwrap();
    let entry = "    'expect fail try_join_drops_siblings \"fetch_all_or_nothing returned only at 4.000s\"',\n";
    assert!(shipped.contains(entry), "04's stub declaration changed shape:\n{shipped}");
    std::fs::write(&toml, shipped.replace(entry, "")).unwrap();
    let output = sandbox.grader(&["verify", "04", "--case", "stub"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("✗ 04-gather stub (fails as declared;"), "{}", output.text);
    assert!(
        output.text.contains(
            "`try_join_drops_siblings` fails too, and exercise.toml's `stub` does not declare it: if the stub should \
             fail it, add `'expect fail try_join_drops_siblings \"<words of its lesson>\"'` to `stub` in \
             exercise.toml; it says:\n"
        ),
        "{}",
        output.text
    );

    std::fs::write(&toml, shipped.replace(entry, "    'expect fial try_join_drops_siblings \"returned\"',\n")).unwrap();
    let unreadable = sandbox.grader(&["verify", "04", "--case", "stub"]);
    assert_eq!(unreadable.code, 2, "{}", unreadable.text);
    assert!(
        unreadable.text.contains(
            "error: in exercises/04-gather/exercise.toml, `stub`: `'expect fial try_join_drops_siblings \"returned\"'`: \
             `fial` is not one of pass, fail, compile-error, forbidden (hint: write it as \
             `'expect fail try_join_drops_siblings \"returned\"'`)"
        ),
        "{}",
        unreadable.text
    );
}

/// A `hint_for` key that is no check of the exercise (nor `compile-error`) would never
/// pick its hint: verify names it, with the nearest check, under the exercise's metadata.
#[test]
fn a_misspelt_hint_for_key_is_named_with_the_nearest_check() {
    let sandbox = crate::sandbox::Sandbox::with(&["04-gather"]);
    // The stub and the solution are enough to know the checks' names.
    std::fs::remove_dir_all(sandbox.root().join("solutions/04-gather/answers")).unwrap();
    let toml = sandbox.root().join("exercises/04-gather/exercise.toml");
    let shipped = std::fs::read_to_string(&toml).unwrap();
    let key = "results_keep_input_order = 2";
    assert!(shipped.contains(key), "04's hint_for changed shape:\n{shipped}");
    std::fs::write(&toml, shipped.replace(key, "result_keep_input_order = 2")).unwrap();
    let output = sandbox.grader(&["verify", "04"]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains("✗ 04-gather metadata"), "{}", output.text);
    assert!(
        output.text.contains(
            "exercise.toml's `hint_for` has the key `result_keep_input_order`, which is no check of this exercise: \
             the nearest is `results_keep_input_order`"
        ),
        "{}",
        output.text
    );
    assert!(output.text.contains("Not verified: 1 of 3 cases"), "{}", output.text);
}
