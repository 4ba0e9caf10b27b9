//! The catalogue of async mistakes that `explain.rs` explains. Each fixture in
//! `tests/fixtures/errors/` is a learner file for a real exercise: its solution with one
//! mistake, holding only the items the mistake is in (`//! grader: replaces items`) or
//! the lines it changes (``//! grader: replaces `…` with `…` ``), assembled onto the
//! solution by [`crate::sandbox::learner_file`].
//! `grader check` on it must show the explanation, and the chapter it names must exist.
//! One snapshot per entry, so the wording can be read as a learner reads it.

use crate::sandbox::{Sandbox, learner_path, one_line, workbook_root};

/// The catalogue: each entry a test that runs [`explained`] on a fixture, for the
/// exercise it is a learner file of, and checks what the explanation says and the
/// chapter it sends the reader to.
macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $test:ident: $fixture:literal in $exercise:literal says $says:literal read $chapter:literal;
    )*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $test() {
                explained($fixture, $exercise, $says, $chapter);
            }
        )*
    };
}

catalogue! {
    a_future_that_is_not_send_names_what_is_held_across_which_await:
        "rc_across_await" in "17-send-bounds" says "which is not `Send`" read "17-send-bounds.md";
    a_mutex_guard_held_across_await_has_its_own_explanation:
        "mutex_guard_across_await" in "07-lock" says "tokio::sync::Mutex" read "07-lock.md";
    await_outside_async_is_explained: "await_outside_async" in "01-runtime" says "async fn" read "01-runtime.md";
    tokio_main_on_a_plain_fn_is_explained:
        "tokio_main_on_plain_fn" in "01-runtime" says "go on an `async fn`" read "01-runtime.md";
    an_unused_future_is_explained: "unused_future" in "02-coroutines" says "never runs" read "02-coroutines.md";
    a_missing_await_is_explained: "missing_await" in "02-coroutines" says "Add `.await`" read "02-coroutines.md";
    await_on_a_plain_value_is_explained:
        "await_on_a_value" in "02-coroutines" says "Drop the `.await`" read "02-coroutines.md";
    a_spawned_task_borrowing_an_argument_is_explained:
        "spawn_borrows_argument" in "03-tasks" says "'static" read "03-tasks.md";
    unwrap_on_a_tokio_lock_says_to_await_it:
        "tokio_lock_unwrapped" in "07-lock" says "drop the `.unwrap()`" read "07-lock.md";
    a_spawned_block_without_move_is_explained: "spawn_without_move" in "03-tasks" says "async move" read "03-tasks.md";
    a_spawn_blocking_closure_borrowing_an_argument_is_explained:
        "spawn_blocking_borrows" in "09-spawn-blocking" says "`let name = name.to_string();`"
        read "09-spawn-blocking.md";
    an_async_fn_returning_a_stream_is_explained:
        "async_fn_returning_stream" in "16-streams" says "future *of* a stream" read "16-streams.md";
    block_on_inside_a_runtime_is_explained_when_it_panics:
        "block_on_inside_runtime" in "01-runtime" says "Cannot start a runtime from within a runtime"
        read "01-runtime.md";
    a_spawned_future_borrowing_a_local_is_explained:
        "spawn_borrows_local" in "03-tasks" says "async move { … &first" read "03-tasks.md";
    a_spawn_blocking_closure_without_move_is_explained:
        "spawn_blocking_without_move" in "09-spawn-blocking" says "Write `move || …`" read "09-spawn-blocking.md";
    a_refcell_shared_by_tasks_is_explained:
        "refcell_across_await" in "07-lock" says "A `RefCell` checks its borrows" read "07-lock.md";
    a_blocking_wait_inside_async_code_is_explained_when_it_panics:
        "blocking_lock_in_async" in "07-lock" says "Cannot block the current thread from within a runtime"
        read "01-runtime.md";
}

/// A sandbox with `exercise`, its learner file replaced by the fixture `errors/<name>`.
fn sandbox_with(name: &str, exercise: &str) -> Sandbox {
    let sandbox = Sandbox::with(&[exercise]);
    let fixture = format!("grader/cli/tests/fixtures/errors/{name}.rs");
    sandbox.write_fixture(exercise, &learner_path(exercise), &fixture);
    sandbox
}

/// Runs `grader check` on `exercise` with its learner file replaced by the fixture
/// `name`, checks that the explanation says `says` (wherever the lines are wrapped) and
/// sends the reader to `chapter`, and snapshots the output (as `name`), with the
/// machine's paths redacted. Returns that output.
fn explained(name: &str, exercise: &str, says: &str, chapter: &str) -> String {
    let sandbox = sandbox_with(name, exercise);
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
    // How many errors are left unshown depends on the toolchain's wording of the rest.
    insta::with_settings!({filters => vec![(r"and \d+ more errors", "and [N] more errors")]}, {
        insta::assert_snapshot!(name, text);
    });
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

/// rustc reports this one twice at one place (once per lifetime in `&[&str]`): it is
/// shown once, with advice for a list (an owned copy of each item, inside the loop), not
/// for a `&str`.
#[test]
fn tasks_borrowing_the_items_of_a_slice_are_explained_once_with_advice_for_a_list() {
    let text = explained("spawn_borrows_slice_items", "03-tasks", "`let person = person.to_string();`", "03-tasks.md");
    assert_eq!(text.matches("error[E0521]").count(), 1, "{text}");
    assert!(text.contains("rustc reported this error 2 times at this same place"), "{text}");
    assert!(!text.contains("let people = people"), "{text}");
}

/// `--format json` carries every explanation the terminal shows: they are attached to
/// the report once, not at rendering.
#[test]
fn the_json_report_carries_the_panic_explanation() {
    let sandbox = sandbox_with("block_on_inside_runtime", "01-runtime");
    let report = sandbox.json(&["check", "01"]);
    let messages: Vec<&str> =
        report["checks"].as_array().unwrap().iter().filter_map(|c| c["message"].as_str()).collect();
    let joined = one_line(&messages.join("\n"));
    assert!(joined.contains("Cannot start a runtime from within a runtime"), "{joined}");
    assert!(joined.contains("is Python's \"asyncio.run() cannot be called from a running event loop\""), "{joined}");
    assert!(joined.contains("Read more: docs/src/01-runtime.md"), "{joined}");
}
