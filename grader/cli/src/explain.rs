//! Explanations for the mistakes async Rust is known for: compiler errors (matched on
//! rustc's codes and messages) and panics (matched on their text). Every heuristic that
//! reads message text lives here, tested against real messages.

use crate::cargo::{Diagnostic, Span};

mod source;

pub use source::{code_lines, evidence as source_evidence};

/// An explanation for a learner, and the chapter that teaches the topic.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    pub text: String,
    /// The chapter and section that teach it (`07-lock.md#the-idea`), or "" for none.
    pub chapter: &'static str,
}

fn explanation(text: impl Into<String>, chapter: &'static str) -> Option<Explanation> {
    Some(explained(text.into(), chapter))
}

fn explained(text: String, chapter: &'static str) -> Explanation {
    Explanation { text: keep_code_together(&text), chapter }
}

/// Joins the words of each short `code span` with non-breaking spaces, so wrapping
/// never cuts `async move { … }` in two (`render::wrap` prints them as plain spaces).
fn keep_code_together(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && part.chars().count() <= 50 {
            out.push_str(&part.replace(' ', "\u{a0}"));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Explains a compiler diagnostic, if it is one of the async-specific ones.
pub fn compile_error(diagnostic: &Diagnostic) -> Option<Explanation> {
    let message = diagnostic.message.as_str();
    let code = diagnostic.code().unwrap_or("");
    if message.contains("future cannot be sent between threads safely")
        || message.contains("cannot be sent between threads safely") && mentions_await(diagnostic)
    {
        return Some(not_send(diagnostic));
    }
    if code == "E0599"
        && let Some(method) = quoted_after(message, "no method named")
        && let Some((_, output)) = message.split_once("Future<Output = ")
        && !output.starts_with("impl Stream")
    {
        return Some(method_on_a_future(method, output.trim_end_matches(['`', '>', ' '])));
    }
    if (code == "E0277" || code == "E0599") && message.contains("Future<Output = impl Stream") {
        return explanation(
            "This is a future *of* a stream, not a stream: an `async fn` returning `impl Stream` \
             gives back a future, which you would have to `.await` before reading. Python's async \
             generators are written `async def`, but in Rust a function that returns a stream is a \
             plain `fn … -> impl Stream<Item = …>`: build the stream with \
             `futures::stream::unfold` (or a type with `poll_next`) and return it; the waiting \
             happens inside the stream, each time an item is asked for.",
            "16-streams.md#the-rust-counterpart-stream",
        );
    }
    if code == "E0728" || message.contains("`await` is only allowed inside `async` functions and blocks") {
        return explanation(
            "`.await` is used in code that is not `async`: a plain `fn` or closure (rustc marks \
             it \"this is not `async`\"). Only an `async fn` or an `async { }` block can pause \
             at an `.await` and let other work run meanwhile, just as Python's `await` only works \
             inside `async def`. Either make that code async (`async fn`, `async move { … }`) and \
             `.await` it where it is used, or, where plain code must get a future's result (the \
             top of a program, a function whose callers are not async), run the future on a \
             runtime: `#[tokio::main]`, or a runtime's `block_on`, which is Rust's `asyncio.run`.",
            "01-runtime.md#someone-has-to-run-it",
        );
    }
    if message.contains("the `async` keyword is missing from the function declaration") {
        return explanation(
            "`#[tokio::main]` (and `#[tokio::test]`) go on an `async fn`: the attribute turns it into a \
             plain `fn` with the same name that builds a runtime and runs the body on it with \
             `block_on`, Rust's `asyncio.run(main())`. On a plain `fn` there is no async body to \
             run. Write `#[tokio::main] async fn …` and `.await` inside it; callers still call it \
             as a plain function. Or leave the attribute out and build the runtime by hand: \
             `tokio::runtime::Runtime::new().unwrap().block_on(…)`.",
            "01-runtime.md#someone-has-to-run-it",
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
             `tokio::spawn` to run it in the background. `let _ = …` only silences the compiler: \
             the future is still dropped without running.",
            "02-coroutines.md#the-idea",
        );
    }
    if code == "E0308" && diagnostic.all().iter().any(|d| d.message.contains("consider `await`ing")) {
        return explanation(
            "You have a future where its value is needed: calling an `async fn` gives you a future \
             of its result, not the result, just as calling an `async def` function in Python \
             gives you a coroutine object. Add `.await` to run it and get the value (rustc's \
             `help:` above shows where).",
            "02-coroutines.md#the-idea",
        );
    }
    if code == "E0277" && message.contains("is not a future") {
        return explanation(
            "`.await` works on futures only, and this is already a plain value: the function that \
             made it is a plain `fn`, not an `async fn`, so it has finished by the time it returns \
             and there is nothing to wait for. Python would say \"object … can't be used in \
             'await' expression\". Drop the `.await`.",
            "02-coroutines.md#awaits-nest",
        );
    }
    if code == "E0373" || (code == "E0597" || code == "E0521") && mentions_static(diagnostic) {
        return Some(must_be_static(diagnostic, code));
    }
    None
}

/// Whether `text` appears in the diagnostic's message, its children's, or a span label.
fn diagnostic_mentions(diagnostic: &Diagnostic, text: &str) -> bool {
    diagnostic.all().iter().any(|d| {
        d.message.contains(text) || d.spans.iter().any(|s| s.label.as_deref().is_some_and(|l| l.contains(text)))
    })
}

/// Every span label of the diagnostic and its children, with its span.
fn labels(diagnostic: &Diagnostic) -> impl Iterator<Item = (&Span, &str)> {
    diagnostic.all().into_iter().flat_map(|d| d.spans.iter().filter_map(|s| Some((s, s.label.as_deref()?))))
}

fn mentions_await(diagnostic: &Diagnostic) -> bool {
    labels(diagnostic).any(|(_, label)| label.contains("await"))
}

fn mentions_static(diagnostic: &Diagnostic) -> bool {
    diagnostic_mentions(diagnostic, "'static")
}

/// The text between the first pair of backticks after `after` in `text`.
fn quoted_after<'a>(text: &'a str, after: &str) -> Option<&'a str> {
    let rest = &text[text.find(after)? + after.len()..];
    let rest = &rest[rest.find('`')? + 1..];
    Some(&rest[..rest.find('`')?])
}

/// A variable's name as rustc quotes it (`mut tally` is `tally`).
fn variable(name: &str) -> String {
    name.trim_start_matches("mut ").to_string()
}

/// The file name alone: `exercises/07-lock/src/lock.rs` is `lock.rs`.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// What a "cannot be sent between threads safely" diagnostic says is not `Send`.
#[derive(Debug, Default)]
struct NotSend {
    /// The type that is not `Send` ("has type `…` which is not `Send`").
    held_type: Option<String>,
    /// Where that value is made: file and line.
    held_at: Option<(String, usize)>,
    /// The variable that holds it, from the `.await`'s label.
    name: Option<String>,
    /// The line of the `.await` it is held across.
    await_line: Option<usize>,
    /// The value is captured by the task (moved in), rather than made inside it.
    captured: bool,
    /// The type rustc blames in its `help:` ("… is not implemented for `RefCell<Tally>`").
    culprit: Option<String>,
}

impl NotSend {
    fn read(diagnostic: &Diagnostic) -> NotSend {
        let mut found = NotSend::default();
        for d in diagnostic.all() {
            if d.message.contains("captured value is not `Send`") {
                found.captured = true;
            }
            if found.culprit.is_none() && d.message.contains("is not implemented for `") {
                found.culprit = d.message.rsplit_once("is not implemented for `").map(|(_, t)| {
                    let t = t.strip_suffix('`').unwrap_or(t);
                    t.to_string()
                });
            }
        }
        for (span, label) in labels(diagnostic) {
            if label.contains("which is not `Send`") && found.held_type.is_none() {
                found.held_type = quoted_after(label, "has type").map(str::to_string);
                found.held_at = Some((span.file_name.clone(), span.line_start));
            }
            if label.contains("await occurs here") && found.await_line.is_none() {
                found.await_line = Some(span.line_start);
                found.name = quoted_after(label, "with").map(variable);
            }
        }
        found
    }

    /// Whether any type in the diagnostic contains `what`.
    fn involves(&self, what: &str) -> bool {
        self.held_type.as_deref().is_some_and(|t| t.contains(what))
            || self.culprit.as_deref().is_some_and(|t| t.contains(what))
    }

    /// One sentence: what is held across which `.await`, or what the task takes with it.
    fn what_happened(&self) -> String {
        let Some(held_type) = &self.held_type else {
            return String::from("rustc's notes above name the value and the `.await`.");
        };
        let whose = match &self.name {
            Some(name) => format!("`{name}`"),
            None => String::from("a value"),
        };
        let place = match &self.held_at {
            Some((file, line)) => format!(" (line {line} of {})", file_name(file)),
            None => String::new(),
        };
        if self.captured {
            let mut text =
                format!("Here the task takes with it a value of type `{held_type}`{place}, which is not `Send`");
            if let Some(culprit) = self.culprit.as_deref().filter(|c| !held_type.contains(c)) {
                text.push_str(&format!(" because of the `{culprit}` inside it"));
            }
            text.push('.');
            return text;
        }
        match self.await_line {
            Some(line) => format!(
                "Here {whose}{place} has type `{held_type}`, which is not `Send`, and it is still alive at \
                 the `.await` on line {line}."
            ),
            None => format!("Here {whose}{place} has type `{held_type}`, which is not `Send`, across an `.await`."),
        }
    }
}

/// The explanation of "future cannot be sent between threads safely": what is held
/// across which `.await`, why `tokio::spawn` minds, and the fix for that kind of value.
/// A lock guard or a `RefCell` is the lesson of 07; anything else, of 17.
fn not_send(diagnostic: &Diagnostic) -> Explanation {
    let found = NotSend::read(diagnostic);
    let happened = found.what_happened();
    let is_guard = ["MutexGuard", "RwLockReadGuard", "RwLockWriteGuard"].iter().any(|g| found.involves(g))
        || diagnostic_mentions(diagnostic, "MutexGuard");
    if is_guard {
        return explained(
            format!(
                "A lock is held across an `.await`. {happened} A `std::sync` lock's guard keeps the \
                 lock locked while it lives and must be unlocked by the thread that locked it, while \
                 `tokio::spawn` may move a task to another thread at any `.await`: so the task is not \
                 `Send`, and the compiler refuses it. (It would be a trap anyway: while this task \
                 waits, any other task that calls `lock()` blocks its whole thread.) \
                 `std::sync::Mutex` is Python's `threading.Lock`; `async with asyncio.Lock():` is \
                 `tokio::sync::Mutex`. What to do: if the lock need not cover the wait, lock only \
                 after the `.await`, or give the locked work a `{{ }}` block of its own that ends \
                 before the `.await` and copy out what you need (`drop(guard)` is not enough: the \
                 compiler goes by the variable's scope). If the lock must cover the wait (read, \
                 wait, write back), use `tokio::sync::Mutex` and `.lock().await`: its guard may be \
                 held across an `.await`."
            ),
            "07-lock.md#stdsyncmutex-or-tokiosyncmutex",
        );
    }
    let intro = "`tokio::spawn` runs a task on a runtime that may move it to another thread each time \
                 it wakes up after an `.await`, so everything the task keeps across an `.await`, or \
                 takes with it, must be `Send` (safe to move to another thread). Python never asks \
                 this: an event loop runs all its tasks on one thread.";
    if found.involves("RefCell") || found.involves("RefMut") || diagnostic_mentions(diagnostic, "RefCell") {
        // No details here: a `RefCell` gives several errors for one mistake (the shared
        // value, each borrow across an `.await`), and one explanation covers them all.
        return explained(
            format!(
                "{intro} A `RefCell` checks its borrows for one thread only: it is not `Sync`, so \
                 nothing that contains one can be shared by tasks that may run on other threads \
                 (rustc's `help:` names the `RefCell` and what contains it), and a `borrow_mut()` \
                 kept across an `.await` is not `Send` either. \"It all runs on one thread, so no \
                 lock\" is true of asyncio, not of tokio. What to do: use a lock made for tasks, \
                 `tokio::sync::Mutex`, when the borrow must last across an `.await`, or \
                 `std::sync::Mutex` when it never does."
            ),
            "07-lock.md#without-a-lock-it-doesnt-compile",
        );
    }
    explained(
        format!(
            "{intro} {happened} What to do: if only this task uses the value, it needs no sharing \
             at all, and a plain value the task owns is `Send` (a counter kept in an `Rc<Cell<…>>` \
             can be a plain `let mut` number); if tasks share it, use the thread-safe kinds, `Arc` for \
             `Rc` and a `Mutex` or an atomic for `Cell` or `RefCell`; or end the value's life before \
             the `.await` by giving it a `{{ }}` block of its own (`drop(value)` is not enough: the \
             compiler goes by the variable's scope)."
        ),
        "17-send-bounds.md#reading-the-error",
    )
}

/// The explanation of a spawned future or closure that borrows (E0373, E0597, E0521):
/// it must own what it uses. A closure for `spawn_blocking` (or a thread) is the lesson
/// of 09; a task, of 03.
fn must_be_static(diagnostic: &Diagnostic, code: &str) -> Explanation {
    let message = diagnostic.message.as_str();
    let rendered = diagnostic.rendered.as_deref().unwrap_or("");
    let closure = message.starts_with("closure may outlive")
        || rendered.contains("spawn_blocking")
        || rendered.contains("thread::spawn");
    let name = match code {
        "E0373" => quoted_after(message, "borrows"),
        "E0597" => quoted_after(message, ""),
        _ => labels(diagnostic)
            .find(|(_, l)| l.contains("escapes the function body"))
            .and_then(|(_, l)| quoted_after(l, "")),
    };
    let name = name.map(variable);
    let it = match &name {
        Some(name) => format!("`{name}`"),
        None => String::from("a variable"),
    };
    let (what, runs, block, chapter) = if closure {
        (
            "closure",
            "`spawn_blocking` runs the closure on another thread, like `asyncio.to_thread`, and it \
             may still be running after this function has returned (nothing stops it when its \
             caller goes away)",
            "`move || …`",
            "09-spawn-blocking.md#the-idea",
        )
    } else {
        (
            "task",
            "`tokio::spawn` starts a task that runs on its own, like `asyncio.create_task`, and it \
             may still be running after this function has returned",
            "`async move { … }`",
            "03-tasks.md#tasks-must-own-their-data",
        )
    };
    let whose = if code == "E0521" {
        "a reference the caller passed in, valid only during this call"
    } else {
        "a local variable of this function"
    };
    let fix = match code {
        "E0373" => format!(
            "Write {block} so that it takes {it} with it, as its own. (If this function still needs \
             {it} afterwards, give the {what} a clone instead: `let copy = {}.clone();` before it, \
             and use `copy` inside.)",
            name.as_deref().unwrap_or("value")
        ),
        "E0597" if !closure => format!(
            "Spawn a block that owns {it} and borrows it inside: `tokio::spawn(async move {{ … &{} … \
             .await }})`.",
            name.as_deref().unwrap_or("value")
        ),
        _ => owned_copy_advice(rendered, name.as_deref(), what, block),
    };
    explained(
        format!(
            "The {what} borrows {it}, {whose}. {runs}, so it must own everything it uses: that is \
             what \"`'static`\" means in rustc's message. (Python keeps an object alive as long as \
             anything refers to it; Rust frees {it} when its owner is done with it, so the {what} \
             may not keep a reference.) {fix}"
        ),
        chapter,
    )
}

/// A method called on a future instead of on what it gives (E0599, "no method named
/// `unwrap` found for opaque type `impl Future<Output = …>`"): the call is async and
/// wants `.await` first. A tokio lock's guard is the common case: `lock().unwrap()` as
/// with `std::sync::Mutex`.
fn method_on_a_future(method: &str, output: &str) -> Explanation {
    let lock = ["MutexGuard", "RwLockReadGuard", "RwLockWriteGuard", "SemaphorePermit"]
        .iter()
        .any(|guard| output.contains(guard));
    if lock {
        let unwrap = if method == "unwrap" || method == "expect" {
            format!(
                " Then drop the `.{method}()`: tokio's lock gives the guard itself, not a `Result` (a \
                 tokio lock can't be poisoned, so there is no error to unwrap)."
            )
        } else {
            String::new()
        };
        return explained(
            format!(
                "`.{method}()` is called on a future: this lock is tokio's, and its `lock()` (`read()`, \
                 `write()`, `acquire()`) is async. It gives back a future that waits for the lock, where \
                 `std::sync::Mutex::lock` blocks and gives back a `Result`. `.await` it first: \
                 `….lock().await` is the guard, like `async with lock:` in Python.{unwrap}"
            ),
            "07-lock.md#stdsyncmutex-or-tokiosyncmutex",
        );
    }
    explained(
        format!(
            "`.{method}()` is called on a future, not on what it will give: the function before it \
             is async, so calling it only makes a future. `.await` it first, then call `.{method}()` \
             on the result: `(….await).{method}()` (or `….await.{method}()`)."
        ),
        "02-coroutines.md#awaits-nest",
    )
}

/// How to give a task (or closure) its own copy of the argument `name` that escapes,
/// by the argument's type as the signature in rustc's message shows it: a `&str`
/// becomes a `String`; a slice or `Vec` gives each task its own copy of its item, made
/// inside the loop; anything else is cloned.
fn owned_copy_advice(rendered: &str, name: Option<&str>, what: &str, block: &str) -> String {
    let Some(name) = name else {
        return format!(
            "Give the {what} its own copy, made before it starts (`.to_string()` of a `&str`, \
             `.clone()` of most other values), and write {block} to move the copy in."
        );
    };
    let ty = parameter_type(rendered, name);
    let element = ty.as_deref().and_then(|ty| {
        let inner = ty.strip_prefix("&[").and_then(|t| t.strip_suffix(']'));
        inner.or_else(|| ty.strip_prefix("&Vec<").and_then(|t| t.strip_suffix('>'))).map(str::trim)
    });
    let copy = |ty: &str| if ty == "&str" || ty == "&&str" { "to_string" } else { "clone" };
    match (ty.as_deref(), element) {
        (Some(ty), Some(element)) => {
            let item = loop_item(rendered).unwrap_or_else(|| "item".to_string());
            format!(
                "`{name}` is a `{ty}`: a list the caller lends you. Each {what} uses one item of it, so \
                 give each {what} its own copy of its item, made inside the loop (or the `map` closure) \
                 before the {what} starts: `let {item} = {item}.{}();`, then {block} uses `&{item}`. (A \
                 copy made once, outside the loop, would be moved into the first {what} only.)",
                copy(element)
            )
        }
        (Some(ty), None) => format!(
            "`{name}` is a `{ty}`. Give the {what} its own copy, made before it starts: \
             `let {name} = {name}.{}();`, and write {block} to move the copy in.",
            copy(ty)
        ),
        (None, _) => format!(
            "Give the {what} its own copy of `{name}`, made before it starts (`.to_string()` of a \
             `&str`, `.clone()` of most other values), and write {block} to move the copy in."
        ),
    }
}

/// The type of parameter `name` in the function signature rustc quotes in `rendered`.
fn parameter_type(rendered: &str, name: &str) -> Option<String> {
    let code = rendered.lines().filter_map(|line| line.split_once(" | ").map(|(_, code)| code));
    for line in code.filter(|line| line.contains("fn ")) {
        for opening in ["(", ", "] {
            let Some(at) = line.find(&format!("{opening}{name}: ")) else { continue };
            let rest = &line[at + opening.len() + name.len() + 2..];
            let mut depth = 0i32;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '<' | '[' | '(' => depth += 1,
                        '>' | ']' => depth -= 1,
                        ')' if depth == 0 => return true,
                        ')' => depth -= 1,
                        ',' if depth == 0 => return true,
                        _ => {}
                    }
                    false
                })
                .map_or(rest.len(), |(i, _)| i);
            return Some(rest[..end].trim().to_string());
        }
    }
    None
}

/// The item a loop or a `map` closure in the code rustc quotes names: `person` in
/// `.map(|person| …)` or `for person in people`.
fn loop_item(rendered: &str) -> Option<String> {
    let code: Vec<&str> = rendered.lines().filter_map(|line| line.split_once(" | ").map(|(_, code)| code)).collect();
    let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    for line in &code {
        if let Some((_, after)) = line.split_once("(|")
            && let Some((item, _)) = after.split_once('|')
            && is_name(item.trim())
        {
            return Some(item.trim().to_string());
        }
        if let Some((_, after)) = line.split_once("for ")
            && let Some((item, _)) = after.split_once(" in ")
            && is_name(item.trim())
        {
            return Some(item.trim().to_string());
        }
    }
    None
}

/// A panic's location as the learner should read it: their own file as it is; a
/// library's file as `<crate> <version>: <file>:<line>:<col>` (no cargo-registry path
/// from the machine that ran it); Rust's standard library as `std: <file>…`.
///
/// ```text
/// /home/x/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-util-0.3.34/src/future/select_all.rs:40:5
///   → futures-util 0.3.34: src/future/select_all.rs:40:5
/// ```
pub fn short_location(location: &str) -> String {
    let location = location.replace('\\', "/");
    if let Some((_, rest)) = location.split_once("/registry/src/") {
        // rest = index.crates.io-<hash>/<crate>-<version>/<path>
        let mut parts = rest.splitn(3, '/');
        let (_index, package, path) = (parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let (name, version) = match package.rfind('-') {
            Some(i) if package[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => (&package[..i], &package[i + 1..]),
            _ => (package, ""),
        };
        return format!("{name} {version}: {path}").replace(" :", ":");
    }
    if let Some((_, rest)) = location.split_once("/library/")
        && (location.starts_with("/rustc/") || location.contains("/rustlib/"))
    {
        return format!("std: {rest}");
    }
    location
}

/// Whether a [`short_location`] is in a library rather than the learner's code.
pub fn in_library(short: &str) -> bool {
    short.contains(": ") && !short.starts_with("src/") && !short.contains(".rs: ")
}

/// Explains a panic message from the learner's code, if it is a known one.
pub fn panic(message: &str) -> Option<Explanation> {
    if message.contains("Cannot start a runtime from within a runtime") {
        return explanation(
            "A runtime's `block_on` (or a function under `#[tokio::main]`) was called inside async \
             code, on a thread that is already running a runtime's tasks. `block_on` would make \
             that thread wait for its future, while the thread is needed to run the very tasks it \
             waits for, so tokio refuses with this panic. It is Python's \"asyncio.run() cannot be \
             called from a running event loop\". `block_on` is the bridge from plain code into \
             async code, used at the top of a program; inside an `async fn`, just `.await` the \
             future (`tokio::join!` to run several at once). A plain function that calls \
             `block_on` and is called from async code should become an `async fn` itself.",
            "01-runtime.md#common-mistakes",
        );
    }
    if message.contains("!ret.inner.is_empty()") || message.contains("iterator provided to select_ok was empty") {
        return explanation(
            "`futures::future::select_all` and `select_ok` panic when they are given no futures \
             at all: an empty list has no first one to finish. This panic came from such a call, \
             so the list passed to it was empty. Check for an empty list before calling them, or \
             use a `FuturesUnordered` or `JoinSet`, whose `next().await` (`join_next().await`) \
             gives `None` when there is nothing left.",
            "06-as-completed.md#select_ok-the-first-success-ready-made",
        );
    }
    if message.contains("there is no reactor running") || message.contains("no reactor running") {
        return explanation(
            "Tokio's timers and I/O only work on a tokio runtime. This future was run without \
             one (for example with `futures::executor::block_on`). Use `#[tokio::main]`, or build \
             a runtime and call its `block_on`.",
            "01-runtime.md#someone-has-to-run-it",
        );
    }
    if message.contains("timers are disabled") {
        return explanation(
            "The runtime was built without its timer. With `tokio::runtime::Builder`, call \
             `.enable_all()` (or `.enable_time()`) before `.build()`.",
            "01-runtime.md#someone-has-to-run-it",
        );
    }
    if message.contains("Cannot block the current thread from within a runtime") {
        return explanation(
            "A blocking wait (`blocking_lock`, `blocking_recv`, `blocking_send`, \
             `Handle::block_on`…) was called inside async code, on the thread that runs the tasks. \
             It would stop every task on that thread while it waits, maybe for one of those very \
             tasks, so tokio refuses with this panic. The `blocking_` methods are for plain threads \
             and `spawn_blocking` closures; in async code, use the `.await` form: `lock().await`, \
             `recv().await`, `send(…).await`.",
            "01-runtime.md#common-mistakes",
        );
    }
    if message.contains("can call blocking only when running on the multi-threaded runtime") {
        return explanation(
            "`tokio::task::block_in_place` works only on the multi-threaded runtime: it hands \
             this worker's other tasks to another worker while the closure blocks, and a \
             current-thread runtime (the one the checks use, and `#[tokio::main(flavor = \
             \"current_thread\")]`) has no other worker. `tokio::task::spawn_blocking(move || ...)\
             .await` works on every runtime.",
            "09-spawn-blocking.md#threads-processes-or-neither-which-tool-for-which-work",
        );
    }
    if message.contains("Lagged(") {
        return explanation(
            "A `broadcast::Receiver` fell behind: the channel keeps only its last `capacity` \
             messages, and `recv()` said `Err(RecvError::Lagged(n))`, n messages missed. That is \
             news, not a failure: handle it (tell the client, or just carry on) and call `recv()` \
             again. Only `RecvError::Closed` means the end.",
            "19-broadcast-server.md#the-broadcast-channel",
        );
    }
    if message.contains("SendError(") {
        return explanation(
            "A send failed because nobody is listening any more: `mpsc` when the receiver is \
             gone, `broadcast` when there are no receivers at the moment. For a broadcast that is \
             normal (an empty room), so don't `unwrap()` it: `let _ = tx.send(..);`.",
            "19-broadcast-server.md#the-broadcast-channel",
        );
    }
    if message.starts_with("not yet implemented") {
        // No chapter: every stub has its `todo!()`s.
        return explanation("Your code reached a `todo!()`: this is where your work goes.", "");
    }
    if message.contains("JoinError::Panic") || message.contains("JoinError::Cancelled") {
        return explanation(
            "A spawned task did not finish normally: awaiting its `JoinHandle` gave an error \
             because the task panicked (its own panic is listed with this check) or was aborted.",
            "03-tasks.md#what-a-joinhandle-gives-you",
        );
    }
    None
}

/// What a check that failed says when, while it ran, a panic ended a spawned task
/// (`origin` `task`) or a thread the learner's code started (`thread`) but not the
/// check itself. Plain text (no non-breaking spaces): it goes into the check's message.
pub fn panic_elsewhere(origin: grader_protocol::PanicOrigin) -> String {
    let text = if origin == grader_protocol::PanicOrigin::Thread {
        "While this check ran, a thread your code started panicked (its panic is listed \
         below). A panic ends only the thread it happens in: the rest of the program goes on \
         without the work that thread was doing, and hears of it only by calling `join()` on \
         the thread's handle, which then returns an `Err`."
    } else {
        "While this check ran, a task your code spawned panicked (its panic is listed below). \
         Tokio ends only the task that panicked and keeps the panic for whoever awaits the \
         task's `JoinHandle`, as an `Err(JoinError)`. When nobody awaits it (the handle was \
         dropped), the work the task was doing silently never happens. Await the handles of \
         the tasks you spawn, and handle their errors."
    };
    format!("{text}\nRead more: docs/src/03-tasks.md#what-a-joinhandle-gives-you")
}

#[cfg(test)]
mod location_tests {
    use super::{in_library, short_location};

    #[test]
    fn a_library_panic_names_the_crate_not_the_registry_path() {
        let at = "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-util-0.3.34/src/future/select_all.rs:40:5";
        assert_eq!(short_location(at), "futures-util 0.3.34: src/future/select_all.rs:40:5");
        assert!(in_library(&short_location(at)));
        let std = "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/option.rs:1010:5";
        assert_eq!(short_location(std), "std: core/src/option.rs:1010:5");
        assert!(in_library(&short_location(std)));
        assert_eq!(short_location("src/gather.rs:9:5"), "src/gather.rs:9:5");
        assert!(!in_library("src/gather.rs:9:5"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(json: &str) -> Diagnostic {
        serde_json::from_str(json).unwrap()
    }

    /// rustc's "future cannot be sent between threads safely" where a task captures a
    /// value of type `captured` (at `file`, `line`) that is not `Send` because, `within`
    /// some type, `not_sync` is not `Sync`.
    fn captured_not_send(within: &str, not_sync: &str, (file, line): (&str, u32), captured: &str) -> Diagnostic {
        serde_json::from_value(serde_json::json!({
            "level": "error", "message": "future cannot be sent between threads safely", "code": null,
            "spans": [], "rendered": null,
            "children": [
                {"level": "help", "code": null, "spans": [], "children": [], "rendered": null,
                 "message": format!("{within}, the trait `Sync` is not implemented for `{not_sync}`")},
                {"level": "note", "message": "captured value is not `Send`", "code": null, "children": [],
                 "rendered": null,
                 "spans": [{"file_name": file, "line_start": line, "is_primary": true,
                            "label": format!("has type `{captured}` which is not `Send`")}]}
            ]
        }))
        .unwrap()
    }

    /// The text as printed: non-breaking spaces are plain ones.
    fn plain(e: &Explanation) -> String {
        e.text.replace('\u{a0}', " ")
    }

    #[test]
    fn code_spans_are_kept_together_and_prose_is_not() {
        assert_eq!(
            keep_code_together("write `async move { … }` here"),
            "write `async\u{a0}move\u{a0}{\u{a0}…\u{a0}}` here"
        );
    }

    #[test]
    fn a_never_awaited_future_is_explained() {
        let d = diagnostic(
            r#"{"level":"error","message":"unused implementer of `Future` that must be used","code":{"code":"unused_must_use"},"spans":[],"children":[],"rendered":null}"#,
        );
        let e = compile_error(&d).unwrap();
        assert!(plain(&e).contains("never runs"));
        assert_eq!(e.chapter.split('#').next().unwrap(), "02-coroutines.md");
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
        assert!(
            plain(&e).contains(
                "Here `count` (line 10 of a.rs) has type `Rc<u32>`, which is not `Send`, and it is still alive at \
                 the `.await` on line 11."
            ),
            "{}",
            e.text
        );
        assert!(plain(&e).contains("`Arc` for `Rc`"), "{}", e.text);
        assert_eq!(e.chapter.split('#').next().unwrap(), "17-send-bounds.md");
    }

    #[test]
    fn a_lock_guard_across_an_await_has_its_own_explanation() {
        let d = diagnostic(
            r#"{"level":"error","message":"future cannot be sent between threads safely","code":null,
            "spans":[{"file_name":"exercises/07-lock/checks/checks.rs","line_start":49,"is_primary":true,"label":"future created by async block is not `Send`"}],
            "children":[{"level":"help","message":"within `{async block}`, the trait `std::marker::Send` is not implemented for `std::sync::MutexGuard<'_, Tally>`","code":null,"spans":[],"children":[],"rendered":null},
              {"level":"note","message":"future is not `Send` as this value is used across an await","code":null,"children":[],"rendered":null,
              "spans":[{"file_name":"exercises/07-lock/src/lock.rs","line_start":35,"is_primary":false,"label":"has type `std::sync::MutexGuard<'_, Tally>` which is not `Send`"},
                       {"file_name":"exercises/07-lock/src/lock.rs","line_start":40,"is_primary":true,"label":"await occurs here, with `mut tally` maybe used later"}]}],
            "rendered":null}"#,
        );
        let e = compile_error(&d).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "07-lock.md");
        assert!(e.text.starts_with("A lock is held across an `.await`."), "{}", e.text);
        assert!(plain(&e).contains("`tally` (line 35 of lock.rs)"), "{}", e.text);
        assert!(plain(&e).contains("`.await` on line 40"), "{}", e.text);
        assert!(plain(&e).contains("`tokio::sync::Mutex` and `.lock().await`"), "{}", e.text);
    }

    #[test]
    fn a_refcell_in_a_task_is_the_lesson_of_the_lock_chapter() {
        let d =
            captured_not_send("within `lock::BoxOffice`", "RefCell<Tally>", ("checks.rs", 49), "Arc<lock::BoxOffice>");
        let e = compile_error(&d).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "07-lock.md");
        assert!(plain(&e).contains("A `RefCell` checks its borrows for one thread only"), "{}", e.text);
    }

    #[test]
    fn a_value_moved_into_a_task_is_named() {
        let d = captured_not_send("within `Stats`", "Cell<u32>", ("src/a.rs", 7), "Arc<Stats>");
        let e = compile_error(&d).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "17-send-bounds.md");
        assert!(
            plain(&e).contains(
                "Here the task takes with it a value of type `Arc<Stats>` (line 7 of a.rs), which is not `Send` \
                 because of the `Cell<u32>` inside it."
            ),
            "{}",
            e.text
        );
    }

    #[test]
    fn a_method_on_a_tokio_lock_s_future_says_await_it() {
        let unwrap = diagnostic(
            r#"{"level":"error","message":"no method named `unwrap` found for opaque type `impl futures::Future<Output = tokio::sync::MutexGuard<'_, Tally>>` in the current scope","code":{"code":"E0599"},"spans":[],"children":[],"rendered":"let tally = self.tally.lock().unwrap();"}"#,
        );
        let e = compile_error(&unwrap).unwrap();
        assert!(plain(&e).contains("`….lock().await` is the guard"), "{}", e.text);
        assert!(plain(&e).contains("drop the `.unwrap()`"), "{}", e.text);
        assert_eq!(e.chapter, "07-lock.md#stdsyncmutex-or-tokiosyncmutex");
        let other = diagnostic(
            r#"{"level":"error","message":"no method named `len` found for opaque type `impl futures::Future<Output = Vec<Page>>` in the current scope","code":{"code":"E0599"},"spans":[],"children":[],"rendered":"fetch_all(urls).len()"}"#,
        );
        let e = compile_error(&other).unwrap();
        assert!(plain(&e).contains("`.len()` is called on a future"), "{}", e.text);
        assert!(e.chapter.starts_with("02-coroutines.md#"));
    }

    #[test]
    fn borrowing_in_a_spawned_task_or_closure_names_the_variable_and_the_fix() {
        let without_move = diagnostic(
            r#"{"level":"error","message":"async block may outlive the current function, but it borrows `first`, which is owned by the current function","code":{"code":"E0373"},"spans":[],"children":[],"rendered":"tokio::spawn(async { chat::send_message(&first).await })"}"#,
        );
        let e = compile_error(&without_move).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "03-tasks.md");
        assert!(plain(&e).contains("The task borrows `first`, a local variable"), "{}", e.text);
        assert!(plain(&e).contains("Write `async move { … }`"), "{}", e.text);

        let closure = diagnostic(
            r#"{"level":"error","message":"closure may outlive the current function, but it borrows `name`, which is owned by the current function","code":{"code":"E0373"},"spans":[],"children":[],"rendered":"spawn_blocking(|| legacy::render_report(&name))"}"#,
        );
        let e = compile_error(&closure).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "09-spawn-blocking.md");
        assert!(plain(&e).contains("Write `move || …`"), "{}", e.text);

        let argument = diagnostic(
            r#"{"level":"error","message":"borrowed data escapes outside of function","code":{"code":"E0521"},"rendered":"12 | pub async fn render(name: &str) -> String {\n13 |     tokio::task::spawn_blocking(|| legacy::render_report(name))",
            "spans":[{"file_name":"a.rs","line_start":13,"is_primary":true,"label":"`name` escapes the function body here"},
                     {"file_name":"a.rs","line_start":13,"is_primary":false,"label":"argument requires that `'1` must outlive `'static`"}],"children":[]}"#,
        );
        let e = compile_error(&argument).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "09-spawn-blocking.md");
        assert!(plain(&e).contains("`let name = name.to_string();`"), "{}", e.text);

        // A list lent by the caller: each task gets its own copy of its item, inside the
        // loop (03's solution does exactly this, and compiles).
        let slice = diagnostic(
            r#"{"level":"error","message":"borrowed data escapes outside of function","code":{"code":"E0521"},"rendered":"23 | pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {\n26 |         .map(|person| tokio::spawn(async move { chat::send_message(person).await }))",
            "spans":[{"file_name":"a.rs","line_start":26,"is_primary":true,"label":"`people` escapes the function body here"},
                     {"file_name":"a.rs","line_start":26,"is_primary":false,"label":"argument requires that `'1` must outlive `'static`"}],"children":[]}"#,
        );
        let e = plain(&compile_error(&slice).unwrap());
        assert!(e.contains("`people` is a `&[&str]`"), "{e}");
        assert!(e.contains("`let person = person.to_string();`"), "{e}");
        assert!(!e.contains("let people = people"), "{e}");
        let strings = slice.rendered.as_deref().unwrap().replace("&[&str]", "&[String]");
        let strings = Diagnostic { rendered: Some(strings), ..slice.clone() };
        assert!(plain(&compile_error(&strings).unwrap()).contains("`let person = person.clone();`"));

        let local = diagnostic(
            r#"{"level":"error","message":"`first` does not live long enough","code":{"code":"E0597"},"rendered":"tokio::spawn(chat::send_message(&first))",
            "spans":[{"file_name":"a.rs","line_start":14,"is_primary":false,"label":"argument requires that `first` is borrowed for `'static`"}],"children":[]}"#,
        );
        let e = compile_error(&local).unwrap();
        assert_eq!(e.chapter.split('#').next().unwrap(), "03-tasks.md");
        assert!(plain(&e).contains("`tokio::spawn(async move { … &first … .await })`"), "{}", e.text);
    }

    #[test]
    fn known_panics_are_explained_and_others_are_not() {
        let stream_fn = diagnostic(
            r#"{"level":"error","message":"the trait bound `impl futures::Future<Output = impl Stream<Item = Book>>: Stream` is not satisfied","code":{"code":"E0277"},"spans":[],"children":[],"rendered":null}"#,
        );
        assert!(compile_error(&stream_fn).unwrap().chapter.starts_with("16-streams.md#"));
        assert!(panic("called `Result::unwrap()` on an `Err` value: Lagged(39)").is_some());
        assert!(panic("can call blocking only when running on the multi-threaded runtime").is_some());
        assert!(panic("there is no reactor running, must be called from the context of a Tokio 1.x runtime").is_some());
        assert!(panic("A Tokio 1.x context was found, but timers are disabled. Call `enable_time` on the runtime builder to enable timers.").is_some());
        assert!(panic("Cannot start a runtime from within a runtime. This happens because a function (like `block_on`) attempted to block the current thread while the thread is being used to drive asynchronous tasks.").is_some());
        assert!(panic("index out of bounds").is_none());
    }
}
