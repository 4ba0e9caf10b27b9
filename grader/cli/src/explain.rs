//! Explanations for the mistakes async Rust is known for: compiler errors (matched on
//! rustc's codes and messages) and panics (matched on their text). Every heuristic that
//! reads message text lives here, tested against real messages.

use crate::cargo::Diagnostic;

/// An explanation for a learner, and the chapter that teaches the topic.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    pub text: String,
    pub chapter: &'static str,
}

fn explanation(text: impl Into<String>, chapter: &'static str) -> Option<Explanation> {
    Some(Explanation { text: text.into(), chapter })
}

/// Explains a compiler diagnostic, if it is one of the async-specific ones.
pub fn compile_error(diagnostic: &Diagnostic) -> Option<Explanation> {
    let message = diagnostic.message.as_str();
    let code = diagnostic.code().unwrap_or("");
    if message.contains("future cannot be sent between threads safely")
        || message.contains("cannot be sent between threads safely") && mentions_await(diagnostic)
    {
        // A lock guard held across an `.await` is the lesson of 07 (and 17); anything
        // else, of 17.
        let chapter = if diagnostic_mentions(diagnostic, "MutexGuard") { "07-lock.md" } else { "17-send-bounds.md" };
        return explanation(not_send(diagnostic), chapter);
    }
    if (code == "E0277" || code == "E0599") && message.contains("Future<Output = impl Stream") {
        return explanation(
            "This is a future *of* a stream, not a stream: an `async fn` returning `impl Stream` \
             gives back a future, which you would have to `.await` before reading. Python's async \
             generators are written `async def`, but in Rust a function that returns a stream is a \
             plain `fn … -> impl Stream<Item = …>`: build the stream with \
             `futures::stream::unfold` (or a type with `poll_next`) and return it; the waiting \
             happens inside the stream, each time an item is asked for.",
            "16-streams.md",
        );
    }
    if code == "E0728" || message.contains("`await` is only allowed inside `async` functions and blocks") {
        return explanation(
            "`.await` only works inside an `async fn` or an `async { }` block, just as Python's \
             `await` only works inside `async def`. Either make the surrounding function `async` \
             (and await it where it is called), or, at the very top of a program, run the future \
             on a runtime with `#[tokio::main]` or `Runtime::block_on`.",
            "01-runtime.md",
        );
    }
    if code == "unused_must_use"
        && (message.contains("Future")
            || message.contains("future")
            || diagnostic_mentions(diagnostic, "futures do nothing unless you `.await`"))
    {
        return explanation(
            "This future is created and then thrown away without being awaited, so it never runs: \
             Rust futures are lazy, like Python coroutine objects, and doing nothing is what a \
             never-awaited future does. (Python only warns: \"coroutine … was never awaited\"; \
             this workbook makes it an error.) Add `.await` to run it here, or hand it to \
             `tokio::spawn` to run it in the background.",
            "02-coroutines.md",
        );
    }
    if code == "E0308" && diagnostic.all().iter().any(|d| d.message.contains("consider `await`ing")) {
        return explanation(
            "You have a future where a value is needed: calling an `async fn` gives you a future \
             of its result, not the result. Add `.await` to get the value.",
            "02-coroutines.md",
        );
    }
    if code == "E0277" && message.contains("is not a future") {
        return explanation(
            "`.await` works on futures only. This value is already a plain value (the function \
             that made it is not `async`), so there is nothing to wait for: drop the `.await`.",
            "02-coroutines.md",
        );
    }
    if code == "E0373" || (code == "E0597" || code == "E0521") && mentions_static(diagnostic) {
        return explanation(
            "`tokio::spawn` and `spawn_blocking` run their work in the background, possibly after \
             the current function has returned, so the future or closure must own everything it \
             uses (it must be `'static`): it cannot borrow local variables or `&str` arguments. \
             Move owned data in: turn borrowed text into a `String` (`name.to_string()`), clone \
             what you need to keep, and write `async move { … }` (or `move || …` for \
             `spawn_blocking`) so it takes ownership.",
            "03-tasks.md",
        );
    }
    None
}

/// Whether `text` appears in the diagnostic's message, its children's, or a span label.
fn diagnostic_mentions(diagnostic: &Diagnostic, text: &str) -> bool {
    diagnostic.all().iter().any(|d| {
        d.message.contains(text) || d.spans.iter().any(|s| s.label.as_deref().is_some_and(|l| l.contains(text)))
    })
}

fn mentions_await(diagnostic: &Diagnostic) -> bool {
    diagnostic.all().iter().any(|d| d.spans.iter().any(|s| s.label.as_deref().is_some_and(|l| l.contains("await"))))
}

fn mentions_static(diagnostic: &Diagnostic) -> bool {
    diagnostic.all().iter().any(|d| {
        d.message.contains("'static")
            || d.spans.iter().any(|s| s.label.as_deref().is_some_and(|l| l.contains("'static")))
    })
}

/// The explanation of "future cannot be sent between threads safely", pointing at
/// what is held across which `.await`.
fn not_send(diagnostic: &Diagnostic) -> String {
    let mut held = None;
    let mut awaited = None;
    for d in diagnostic.all() {
        for span in &d.spans {
            let Some(label) = span.label.as_deref() else { continue };
            if label.contains("which is not `Send`") && held.is_none() {
                held = Some(format!("{} (line {})", label, span.line_start));
            }
            if label.contains("await occurs here") && awaited.is_none() {
                awaited = Some(format!("line {}", span.line_start));
            }
        }
    }
    let mut text = String::from(
        "`tokio::spawn` may move a task to another thread at any `.await`, so everything the task \
         holds across an `.await` must be `Send` (safe to move between threads).",
    );
    match (held, awaited) {
        (Some(held), Some(awaited)) => {
            text.push_str(&format!(" Here a value that {held} is still alive at the `.await` on {awaited}."))
        }
        (Some(held), None) => text.push_str(&format!(" Here a value that {held} is held across an `.await`.")),
        _ => {}
    }
    text.push_str(
        " Fixes: end the value's life before the `.await` by putting it in its own `{ }` block \
         (an explicit `drop(value)` is not enough: the compiler counts a variable as alive until \
         the end of its scope); use a thread-safe type (`Arc` instead of `Rc`); and for a lock \
         held across an `.await`, lock only after the `.await`, or copy what you need out of the \
         `std::sync::MutexGuard` inside a block, or use `tokio::sync::Mutex` when the lock \
         really must cover the wait.",
    );
    text
}

/// Explains a panic message from the learner's code, if it is a known one.
pub fn panic(message: &str) -> Option<Explanation> {
    if message.contains("Cannot start a runtime from within a runtime") {
        return explanation(
            "`block_on` (or `#[tokio::main]`) was called from code that already runs on a tokio \
             runtime. Inside async code, don't start another runtime: just `.await` the future.",
            "01-runtime.md",
        );
    }
    if message.contains("there is no reactor running") || message.contains("no reactor running") {
        return explanation(
            "Tokio's timers and I/O only work on a tokio runtime. This future was run without \
             one (for example with `futures::executor::block_on`). Use `#[tokio::main]`, or build \
             a runtime and call its `block_on`.",
            "01-runtime.md",
        );
    }
    if message.contains("timers are disabled") {
        return explanation(
            "The runtime was built without its timer. With `tokio::runtime::Builder`, call \
             `.enable_all()` (or `.enable_time()`) before `.build()`.",
            "01-runtime.md",
        );
    }
    if message.contains("Cannot block the current thread from within a runtime") {
        return explanation(
            "A blocking wait (`blocking_recv`, `blocking_lock`, `Handle::block_on`…) was called \
             on a runtime thread. In async code, `.await` instead.",
            "01-runtime.md",
        );
    }
    if message.contains("can call blocking only when running on the multi-threaded runtime") {
        return explanation(
            "`tokio::task::block_in_place` works only on the multi-threaded runtime: it hands \
             this worker's other tasks to another worker while the closure blocks, and a \
             current-thread runtime (the one the checks use, and `#[tokio::main(flavor = \
             \"current_thread\")]`) has no other worker. `tokio::task::spawn_blocking(move || ...)\
             .await` works on every runtime.",
            "09-spawn-blocking.md",
        );
    }
    if message.contains("Lagged(") {
        return explanation(
            "A `broadcast::Receiver` fell behind: the channel keeps only its last `capacity` \
             messages, and `recv()` said `Err(RecvError::Lagged(n))`, n messages missed. That is \
             news, not a failure: handle it (tell the client, or just carry on) and call `recv()` \
             again. Only `RecvError::Closed` means the end.",
            "19-broadcast-server.md",
        );
    }
    if message.contains("SendError(") {
        return explanation(
            "A send failed because nobody is listening any more: `mpsc` when the receiver is \
             gone, `broadcast` when there are no receivers at the moment. For a broadcast that is \
             normal (an empty room), so don't `unwrap()` it: `let _ = tx.send(..);`.",
            "19-broadcast-server.md",
        );
    }
    if message.starts_with("not yet implemented") {
        return explanation("Your code reached a `todo!()`: this is where your work goes.", "01-runtime.md");
    }
    if message.contains("JoinError::Panic") || message.contains("JoinError::Cancelled") {
        return explanation(
            "A spawned task did not finish normally: awaiting its `JoinHandle` gave an error \
             because the task panicked (see its panic above) or was aborted.",
            "03-tasks.md",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(json: &str) -> Diagnostic {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_never_awaited_future_is_explained() {
        let d = diagnostic(
            r#"{"level":"error","message":"unused implementer of `Future` that must be used","code":{"code":"unused_must_use"},"spans":[],"children":[],"rendered":null}"#,
        );
        let e = compile_error(&d).unwrap();
        assert!(e.text.contains("never runs"));
        assert_eq!(e.chapter, "02-coroutines.md");
    }

    #[test]
    fn a_non_send_future_names_the_value_and_the_await() {
        let d = diagnostic(
            r#"{"level":"error","message":"future cannot be sent between threads safely","code":null,
            "spans":[{"file_name":"src/a.rs","line_start":9,"is_primary":true,"label":"future created by async block is not `Send`"}],
            "children":[{"level":"note","message":"future is not `Send` as this value is used across an await","code":null,"children":[],"rendered":null,
              "spans":[{"file_name":"src/a.rs","line_start":10,"is_primary":true,"label":"has type `Rc<u32>` which is not `Send`"},
                       {"file_name":"src/a.rs","line_start":11,"is_primary":false,"label":"await occurs here, with `count` maybe used later"}]}],
            "rendered":null}"#,
        );
        let e = compile_error(&d).unwrap();
        assert!(e.text.contains("has type `Rc<u32>` which is not `Send` (line 10)"), "{}", e.text);
        assert!(e.text.contains("`.await` on line 11"), "{}", e.text);
    }

    #[test]
    fn known_panics_are_explained_and_others_are_not() {
        let stream_fn = diagnostic(
            r#"{"level":"error","message":"the trait bound `impl futures::Future<Output = impl Stream<Item = Book>>: Stream` is not satisfied","code":{"code":"E0277"},"spans":[],"children":[],"rendered":null}"#,
        );
        assert_eq!(compile_error(&stream_fn).unwrap().chapter, "16-streams.md");
        assert!(panic("called `Result::unwrap()` on an `Err` value: Lagged(39)").is_some());
        assert!(panic("can call blocking only when running on the multi-threaded runtime").is_some());
        assert!(panic("there is no reactor running, must be called from the context of a Tokio 1.x runtime").is_some());
        assert!(panic("A Tokio 1.x context was found, but timers are disabled. Call `enable_time` on the runtime builder to enable timers.").is_some());
        assert!(panic("Cannot start a runtime from within a runtime. This happens because a function (like `block_on`) attempted to block the current thread while the thread is being used to drive asynchronous tasks.").is_some());
        assert!(panic("index out of bounds").is_none());
    }
}
