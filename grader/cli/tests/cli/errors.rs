//! The catalogue of async mistakes that `explain.rs` explains. Each fixture in
//! `tests/fixtures/errors/` is a learner file for a real exercise (its solution with one
//! mistake); `grader check` on it must show the explanation, and the chapter it names
//! must exist. One snapshot per entry, so the wording can be read as a learner reads it.

use crate::sandbox::{Sandbox, workbook_root};

/// Runs `grader check` on `exercise` with its learner file (`learner`, relative to the
/// exercise) replaced by the fixture `name`, and checks that the explanation says `says`
/// (wherever the lines are wrapped) and sends the reader to `chapter`. Returns the
/// output, with the machine's paths redacted, for its snapshot.
fn check(name: &str, exercise: &str, learner: &str, says: &str, chapter: &str) -> String {
    let fixture = workbook_root().join("grader/cli/tests/fixtures/errors").join(format!("{name}.rs"));
    let fixture = std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    let sandbox = Sandbox::with(&[exercise]);
    sandbox.write(&format!("exercises/{exercise}/{learner}"), &fixture);
    let output = sandbox.grader(&["check", exercise]);
    let text = redact_lines(&redact_paths(&output.text));
    assert_eq!(output.code, 1, "{text}");
    assert!(one_line(&text).contains(says), "the explanation should say {says:?}:\n{text}");
    let read_more = format!("Read more: docs/src/{chapter}");
    assert!(text.contains(&read_more), "the output should say {read_more:?}:\n{text}");
    // Every chapter the output names exists.
    for line in text.lines() {
        if let Some((_, named)) = line.split_once("Read more: ") {
            // The section (`#anchor`) is checked with every other link by the book's tests.
            let path = workbook_root().join(named.trim().split('#').next().unwrap_or_default());
            assert!(path.is_file(), "{name} names a chapter that doesn't exist: {}", path.display());
        }
    }
    text
}

/// rustc points into the checks and the simulated services too, whose line numbers move
/// whenever a check or a service changes: those places, and every snippet's gutter
/// numbers, are redacted (the learner's own file keeps its line numbers in the
/// `-->` lines).
fn redact_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut kept = String::new();
        let mut rest = line;
        while let Some(at) = rest.find(".rs:") {
            let (before, after) = rest.split_at(at + 4);
            kept.push_str(before);
            let moves = ["checks/checks", "grader/support/src/"].iter().any(|p| before.contains(p));
            let numbers = after.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(after.len());
            if moves && numbers > 0 {
                kept.push_str("[LINE]");
                rest = &after[numbers..];
                // A span's end in the same file: `checks.rs:49:26: 49:36`.
                if let Some(end) = rest.strip_prefix(' ') {
                    let n = end.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(end.len());
                    if n > 0 && end[..n].contains(':') {
                        rest = &end[n..];
                    }
                }
            } else {
                rest = after;
            }
        }
        kept.push_str(rest);
        let gutter = kept.trim_start();
        let digits = gutter.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && gutter[digits..].starts_with(" |") {
            kept = format!("[N]{}", &gutter[digits..]);
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The text with every run of whitespace made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// rustc's notes point into the real workbook (the support crate) and into cargo's
/// registry (tokio's source); neither path is the same on every machine.
fn redact_paths(text: &str) -> String {
    let text = text.replace(&workbook_root().display().to_string(), "[WORKBOOK]");
    let mut out = String::new();
    for line in text.lines() {
        match line.find("/registry/src/") {
            Some(at) => {
                let start = line[..at].rfind(' ').map_or(0, |i| i + 1);
                let after = at + "/registry/src/".len();
                let end = line[after..].find('/').map_or(line.len(), |i| after + i);
                out.push_str(&line[..start]);
                out.push_str("[REGISTRY]");
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_future_that_is_not_send_names_what_is_held_across_which_await() {
    let text =
        check("rc_across_await", "17-send-bounds", "src/send_bounds.rs", "which is not `Send`", "17-send-bounds.md");
    insta::assert_snapshot!("rc_across_await", text);
}

#[test]
fn a_mutex_guard_held_across_await_has_its_own_explanation() {
    let text = check("mutex_guard_across_await", "07-lock", "src/lock.rs", "tokio::sync::Mutex", "07-lock.md");
    insta::assert_snapshot!("mutex_guard_across_await", text);
}

#[test]
fn await_outside_async_is_explained() {
    let text = check("await_outside_async", "01-runtime", "src/runtime.rs", "async fn", "01-runtime.md");
    insta::assert_snapshot!("await_outside_async", text);
}

#[test]
fn tokio_main_on_a_plain_fn_is_explained() {
    let text = check("tokio_main_on_plain_fn", "01-runtime", "src/runtime.rs", "go on an `async fn`", "01-runtime.md");
    insta::assert_snapshot!("tokio_main_on_plain_fn", text);
}

#[test]
fn an_unused_future_is_explained() {
    let text = check("unused_future", "02-coroutines", "src/coroutines.rs", "never runs", "02-coroutines.md");
    insta::assert_snapshot!("unused_future", text);
}

#[test]
fn a_missing_await_is_explained() {
    let text = check("missing_await", "02-coroutines", "src/coroutines.rs", "Add `.await`", "02-coroutines.md");
    insta::assert_snapshot!("missing_await", text);
}

#[test]
fn await_on_a_plain_value_is_explained() {
    let text = check("await_on_a_value", "02-coroutines", "src/coroutines.rs", "Drop the `.await`", "02-coroutines.md");
    insta::assert_snapshot!("await_on_a_value", text);
}

#[test]
fn a_spawned_task_borrowing_an_argument_is_explained() {
    let text = check("spawn_borrows_argument", "03-tasks", "src/tasks.rs", "'static", "03-tasks.md");
    insta::assert_snapshot!("spawn_borrows_argument", text);
}

/// rustc reports this one twice at one place (once per lifetime in `&[&str]`): it is
/// shown once, with advice for a list (an owned copy of each item, inside the loop), not
/// for a `&str`.
#[test]
fn tasks_borrowing_the_items_of_a_slice_are_explained_once_with_advice_for_a_list() {
    let text = check(
        "spawn_borrows_slice_items",
        "03-tasks",
        "src/tasks.rs",
        "`let person = person.to_string();`",
        "03-tasks.md",
    );
    assert_eq!(text.matches("error[E0521]").count(), 1, "{text}");
    assert!(text.contains("rustc reported this error 2 times at this same place"), "{text}");
    assert!(!text.contains("let people = people"), "{text}");
    insta::assert_snapshot!("spawn_borrows_slice_items", text);
}

#[test]
fn unwrap_on_a_tokio_lock_says_to_await_it() {
    let text = check("tokio_lock_unwrapped", "07-lock", "src/lock.rs", "drop the `.unwrap()`", "07-lock.md");
    insta::assert_snapshot!("tokio_lock_unwrapped", text);
}

#[test]
fn a_spawned_block_without_move_is_explained() {
    let text = check("spawn_without_move", "03-tasks", "src/tasks.rs", "async move", "03-tasks.md");
    insta::assert_snapshot!("spawn_without_move", text);
}

#[test]
fn a_spawn_blocking_closure_borrowing_an_argument_is_explained() {
    let text = check(
        "spawn_blocking_borrows",
        "09-spawn-blocking",
        "src/blocking.rs",
        "`let name = name.to_string();`",
        "09-spawn-blocking.md",
    );
    insta::assert_snapshot!("spawn_blocking_borrows", text);
}

#[test]
fn an_async_fn_returning_a_stream_is_explained() {
    let text =
        check("async_fn_returning_stream", "16-streams", "src/streams.rs", "future *of* a stream", "16-streams.md");
    insta::with_settings!({filters => vec![(r"and \d+ more errors", "and [N] more errors")]}, {
        insta::assert_snapshot!("async_fn_returning_stream", text);
    });
}

/// `--format json` carries every explanation the terminal shows: they are attached to
/// the report once, not at rendering.
#[test]
fn the_json_report_carries_the_panic_explanation() {
    let fixture = workbook_root().join("grader/cli/tests/fixtures/errors/block_on_inside_runtime.rs");
    let sandbox = Sandbox::with(&["01-runtime"]);
    sandbox.write("exercises/01-runtime/src/runtime.rs", &std::fs::read_to_string(fixture).unwrap());
    let output = sandbox.grader(&["check", "01", "--format", "json"]);
    let json = &output.text[..output.text.find("--- stderr ---").unwrap_or(output.text.len())];
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    let messages: Vec<&str> =
        report["checks"].as_array().unwrap().iter().filter_map(|c| c["message"].as_str()).collect();
    let joined = one_line(&messages.join("\n"));
    assert!(joined.contains("Cannot start a runtime from within a runtime"), "{joined}");
    assert!(joined.contains("is Python's \"asyncio.run() cannot be called from a running event loop\""), "{joined}");
    assert!(joined.contains("Read more: docs/src/01-runtime.md"), "{joined}");
}

#[test]
fn block_on_inside_a_runtime_is_explained_when_it_panics() {
    let text = check(
        "block_on_inside_runtime",
        "01-runtime",
        "src/runtime.rs",
        "Cannot start a runtime from within a runtime",
        "01-runtime.md",
    );
    insta::assert_snapshot!("block_on_inside_runtime", text);
}

#[test]
fn a_spawned_future_borrowing_a_local_is_explained() {
    let text = check("spawn_borrows_local", "03-tasks", "src/tasks.rs", "async move { … &first", "03-tasks.md");
    insta::assert_snapshot!("spawn_borrows_local", text);
}

#[test]
fn a_spawn_blocking_closure_without_move_is_explained() {
    let text = check(
        "spawn_blocking_without_move",
        "09-spawn-blocking",
        "src/blocking.rs",
        "Write `move || …`",
        "09-spawn-blocking.md",
    );
    insta::assert_snapshot!("spawn_blocking_without_move", text);
}

#[test]
fn a_refcell_shared_by_tasks_is_explained() {
    let text = check("refcell_across_await", "07-lock", "src/lock.rs", "A `RefCell` checks its borrows", "07-lock.md");
    insta::assert_snapshot!("refcell_across_await", text);
}

#[test]
fn a_blocking_wait_inside_async_code_is_explained_when_it_panics() {
    let text = check(
        "blocking_lock_in_async",
        "07-lock",
        "src/lock.rs",
        "Cannot block the current thread from within a runtime",
        "01-runtime.md",
    );
    insta::assert_snapshot!("blocking_lock_in_async", text);
}
