//! The catalogue of async mistakes that `explain.rs` explains. Each fixture in
//! `tests/fixtures/errors/` is a learner file for a real exercise (its solution with one
//! mistake); `grader check` on it must show the explanation, and the chapter it names
//! must exist. One snapshot per entry, so the wording can be read as a learner reads it.

use crate::sandbox::{Sandbox, workbook_root};

/// Runs `grader check` on `exercise` with its learner file (`learner`, relative to the
/// exercise) replaced by the fixture `name`, and checks that the explanation says `says`
/// and sends the reader to `chapter`. Returns the output, for its snapshot.
fn check(name: &str, exercise: &str, learner: &str, says: &str, chapter: &str) -> String {
    let fixture = workbook_root().join("grader/cli/tests/fixtures/errors").join(format!("{name}.rs"));
    let fixture = std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    let sandbox = Sandbox::with(&[exercise]);
    sandbox.write(&format!("exercises/{exercise}/{learner}"), &fixture);
    let output = sandbox.grader(&["check", exercise]);
    assert_eq!(output.code, 1, "{}", output.text);
    assert!(output.text.contains(says), "the explanation should say {says:?}:\n{}", output.text);
    let read_more = format!("Read more: docs/src/{chapter}");
    assert!(output.text.contains(&read_more), "the output should say {read_more:?}:\n{}", output.text);
    // Every chapter the output names exists.
    for line in output.text.lines() {
        if let Some((_, named)) = line.split_once("Read more: ") {
            let path = workbook_root().join(named.trim());
            assert!(path.is_file(), "{} names a chapter that doesn't exist: {}", name, path.display());
        }
    }
    output.text
}

#[test]
fn a_future_that_is_not_send_names_what_is_held_across_which_await() {
    let text = check(
        "rc_across_await",
        "17-send-bounds",
        "src/send_bounds.rs",
        "which is not `Send`",
        "17-send-bounds.md",
    );
    insta::assert_snapshot!("rc_across_await", text);
}

#[test]
fn a_mutex_guard_held_across_await_has_its_own_explanation() {
    let text = check(
        "mutex_guard_across_await",
        "07-lock",
        "src/lock.rs",
        "tokio::sync::Mutex",
        "07-lock.md",
    );
    insta::assert_snapshot!("mutex_guard_across_await", text);
}

#[test]
fn await_outside_async_is_explained() {
    let text = check("await_outside_async", "01-runtime", "src/runtime.rs", "async fn", "01-runtime.md");
    insta::assert_snapshot!("await_outside_async", text);
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
    let text = check("await_on_a_value", "02-coroutines", "src/coroutines.rs", "drop the `.await`", "02-coroutines.md");
    insta::assert_snapshot!("await_on_a_value", text);
}

#[test]
fn a_spawned_task_borrowing_an_argument_is_explained() {
    let text = check("spawn_borrows_argument", "03-tasks", "src/tasks.rs", "'static", "03-tasks.md");
    insta::assert_snapshot!("spawn_borrows_argument", text);
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
        "move ||",
        "09-spawn-blocking.md",
    );
    insta::assert_snapshot!("spawn_blocking_borrows", text);
}

#[test]
fn an_async_fn_returning_a_stream_is_explained() {
    let text = check(
        "async_fn_returning_stream",
        "16-streams",
        "src/streams.rs",
        "future *of* a stream",
        "16-streams.md",
    );
    insta::assert_snapshot!("async_fn_returning_stream", text);
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
