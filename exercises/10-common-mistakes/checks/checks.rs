//! The checks of exercise 10, one per mistake (the third has two). Read them if you
//! like; `grader check` notices edits.

use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use super::*;
use workbook::sim::linter::{self, LintReport};
use workbook::sim::web;
use workbook::trace::{Kind, Span, Trace};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// The three pages of pull request 42, field by field.
const REVIEW_PAGES: [(&str, &str); 3] =
    [("description", "/pulls/42"), ("diff", "/pulls/42/diff"), ("status", "/pulls/42/status")];

/// The files `lint_files` gets. Only the second one has a problem.
const CHANGED_FILES: [&str; 3] = ["src/main.rs", "src/unsorted.rs", "src/lib.rs"];

/// What `tokio::task::block_in_place` panics with on a current-thread runtime.
const BLOCK_IN_PLACE_PANIC: &str = "can call blocking only when running on the multi-threaded runtime";

/// Real time as messages print it: rounded, since real time is never exact.
fn real(d: Duration) -> String {
    if d >= secs(1) { format!("about {:.1} s", d.as_secs_f64()) } else { format!("about {} ms", d.as_millis().max(1)) }
}

/// How long the runtime's thread was held, as far as the run could see.
fn held<T>(run: &Run<T>) -> Duration {
    run.busy.max(run.longest_stall.unwrap_or_default())
}

/// Each bar of the trace as `actor  from → to`, one per line, for messages.
fn bars(trace: &Trace) -> String {
    let mut lines = Vec::new();
    for begin in trace.events().iter().filter(|e| e.kind == Kind::Begin) {
        let end = trace.of(&begin.actor).find(|e| e.kind != Kind::Begin && e.at >= begin.at);
        let to = end.map_or("never finished".to_string(), |e| format_secs(e.at));
        lines.push(format!("    {:<22} {} → {to}", begin.actor, format_secs(begin.at)));
    }
    lines.join("\n")
}

/// The trace as its table, indented, in the order things happened: for runs that
/// blocked, whose timeline is flat because tokio's clock never moved.
fn table(trace: &Trace) -> String {
    trace.table().lines().map(|line| format!("  {line}\n")).collect()
}

/// How many pieces of work had begun when the first one ended.
fn started_before_first_end(trace: &Trace) -> usize {
    let events = trace.events();
    let first_end = events.iter().position(|e| e.kind == Kind::End).unwrap_or(events.len());
    events[..first_end].iter().filter(|e| e.kind == Kind::Begin).count()
}

/// A bot that pauses for the rate limit, traced as `bot <n>`.
async fn bot(n: u32) {
    let span = Span::begin(format!("bot {n}"), "pauses for the rate limit");
    pause_for_rate_limit().await;
    span.end("carries on");
}

/// Runs `future` like `workbook::run`, but a panic of `tokio::task::block_in_place`
/// becomes its lesson.
fn run_lint<F: Future>(future: F) -> Run<F::Output> {
    let mark = linter::checked_off_the_record().len();
    OFF_THE_RECORD_MARK.store(mark, std::sync::atomic::Ordering::SeqCst);
    match panic::catch_unwind(AssertUnwindSafe(|| workbook::run(future))) {
        Ok(run) => run,
        Err(payload) => {
            let text = workbook::panic_message(payload.as_ref()).unwrap_or_default();
            if text.contains("never finished") {
                // The own thread may still be on its way into check_file: give it a moment.
                let mut own = off_the_record();
                for _ in 0..100 {
                    if !own.is_empty() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                    own = off_the_record();
                }
                if !own.is_empty() {
                    workbook::fail(format!(
                        "The check gave up waiting: tokio's clock jumped ahead, because as far as the runtime \
                         could tell nothing was left to wait for. Yet `linter::check_file` did run (on {}), on a \
                         thread the runtime knows nothing about: a thread of your own (`std::thread::spawn`), \
                         whose report was to come back over a channel.\n\
                         That works on a real clock, but it is not what mistake 3 asks for, and tokio can't \
                         account for it: on a paused clock (these checks, and `#[tokio::test(start_paused = \
                         true)]`), a runtime with no timer and no blocking-pool job pending takes itself for \
                         idle and moves time on. Jobs on tokio's blocking pool are known to it. Use it, like \
                         Python's `await asyncio.to_thread(isort.check_file, path)`:\n\
                         \x20   let path = path.to_string();\n\
                         \x20   tokio::task::spawn_blocking(move || linter::check_file(&path)).await",
                        own.join(", ")
                    ));
                }
            }
            if text.contains(BLOCK_IN_PLACE_PANIC) {
                workbook::fail(format!(
                    "Mistake 3: a blocking call kept on the runtime's thread. \
                     `tokio::task::block_in_place` panicked: \"{BLOCK_IN_PLACE_PANIC}\".\n\
                     block_in_place doesn't move the call anywhere: it runs it right here, on the \
                     current thread, after asking the runtime to hand this thread's other tasks to \
                     another worker. A current-thread runtime (these checks use one, and so does \
                     `#[tokio::main(flavor = \"current_thread\")]`) has no other worker, so it refuses. \
                     Even on the multi-threaded runtime, the lints in one `join_all` would still run \
                     one after another: they share one task.\n\
                     Send the call to tokio's blocking pool instead, which works on every runtime, \
                     like Python's `await asyncio.to_thread(isort.check_file, path)`:\n\
                     \x20   let path = path.to_string();\n\
                     \x20   tokio::task::spawn_blocking(move || linter::check_file(&path)).await"
                ));
            }
            panic::resume_unwind(payload)
        }
    }
}

/// The lesson of mistake 3 when the runtime was blocked; `what` says what ran.
fn wrapped_sync_call<T>(run: &Run<T>, what: &str, in_sequence: &str) -> ! {
    workbook::fail(format!(
        "Mistake 3: a synchronous call wrapped in an `async fn`.\n\
         {what}, and the runtime's only thread was held for {}. The likely holder is \
         `linter::check_file` run on that thread (another blocking call would do the same). Declaring \
         `lint_file` as an `async fn` doesn't change what runs inside it: check_file is \
         ordinary synchronous code with no `.await`, so it runs to its end (300 ms a file, 600 ms for main.rs) on \
         whichever thread polls it, and in async code that is the runtime's thread. Nothing else \
         can run meanwhile.{in_sequence} (A `tokio::spawn`ed task doesn't help: tasks run on the \
         runtime's thread too.)\n\
         This is Python's `async def lint_file(path): return isort.check_file(path)`. There the \
         fix is `await asyncio.to_thread(isort.check_file, path)`; in tokio it is the blocking \
         pool, a set of threads meant for such calls:\n\
         \x20   let path = path.to_string();\n\
         \x20   tokio::task::spawn_blocking(move || linter::check_file(&path)).await\n\
         The closure must own what it uses (`move`, and a `String` instead of the borrowed \
         `&str`), since the job may outlive the call. Awaiting its `JoinHandle` gives \
         `Result<LintReport, JoinError>`: an `Err` if check_file panicked.\n\n\
         What happened, in order:\n{}",
        real(held(run)),
        table(&run.trace),
    ))
}

/// Fails unless `page` is what the server sent for `url`: a fetch of `url` that the
/// trace shows answering `200 OK`, with the body `fetch_page` sends.
fn ensure_page_served<T>(run: &Run<T>, field: &str, url: &str, page: &web::Page) {
    let actor = format!("GET {url}");
    let answered = run.trace.of(&actor).any(|e| e.kind == Kind::End && e.what == "200 OK");
    // `fetch_page` sends `<h1>{url}</h1>` for every page.
    if !answered || page.body != format!("<h1>{url}</h1>") {
        run.fail(format!(
            "`Review::{field}` holds a page of {url}, but the server sent no such page: {}.\n  {page:?}\n\
             Every field must hold what `web::fetch_page({url:?})` returned, not a page made by hand.\n\
             The requests the trace shows:\n{}",
            if answered { "its body is not the one the server sent" } else { "the trace shows no fetch of it" },
            bars(&run.trace)
        ));
    }
}

/// Fails unless the trace shows `linter::check_file` running on `path` to its end:
/// the report must come from a real call.
/// Where [`linter::checked_off_the_record`] stood when the last [`run_lint`] began.
static OFF_THE_RECORD_MARK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The paths linted off the record (on a thread of the learner's own) since the last
/// [`run_lint`] began.
fn off_the_record() -> Vec<String> {
    let mark = OFF_THE_RECORD_MARK.load(std::sync::atomic::Ordering::SeqCst);
    linter::checked_off_the_record().get(mark..).map(<[String]>::to_vec).unwrap_or_default()
}

fn ensure_linted<T>(run: &Run<T>, path: &str) {
    let actor = format!("check_file {path}");
    if !run.trace.of(&actor).any(|e| e.kind == Kind::End) && off_the_record().iter().any(|p| p == path) {
        let blocked = if run.blocked() {
            "\nAnd waiting for that thread held the runtime's thread: `join()` is a blocking call too, like \
             `thread.join()` in Python, so the runtime stood still until the linter was done."
        } else {
            ""
        };
        run.fail(format!(
            "A report on {path} came back, and `linter::check_file` did run on {path}, but on a thread of your \
             own (`std::thread::spawn`), off the runtime and off tokio's blocking pool: the trace, which records \
             the calls made on those, shows none.{blocked}\n\
             Mistake 3 asks for tokio's blocking pool, which runs the call on a thread of its own and lets the \
             runtime await the result, like Python's `await asyncio.to_thread(isort.check_file, path)`:\n\
             \x20   let path = path.to_string();\n\
             \x20   tokio::task::spawn_blocking(move || linter::check_file(&path)).await"
        ));
    }
    if !run.trace.of(&actor).any(|e| e.kind == Kind::End) {
        run.fail(format!(
            "A report on {path} came back, but `linter::check_file` never ran on {path}: the trace, which \
             records every call of check_file, shows none.\n\
             Return the report that `linter::check_file(path)` gives back, run on the blocking pool: \
             don't make a `LintReport` yourself.\n\n\
             What happened, in order:\n{}",
            table(&run.trace)
        ));
    }
}

/// The paths of `reports`, in order, for messages.
fn paths(reports: &[LintReport]) -> Vec<&str> {
    reports.iter().map(|r| r.path.as_str()).collect()
}

/// Fails unless `report` is the linter's report on `path`.
fn ensure_report<T>(run: &Run<T>, report: &LintReport, path: &str) {
    let expected: Vec<String> =
        if path.contains("unsorted") { vec![linter::UNSORTED_IMPORTS.to_string()] } else { Vec::new() };
    run.ensure(
        report.problems == expected,
        format!(
            "The report on {path} lists the problems {:?}; check_file finds {expected:?} there. \
             Return the LintReport that `linter::check_file` gives back, unchanged.",
            report.problems
        ),
    );
}

workbook::checks! {
    fn mistake_1_independent_requests_run_together() {
        let run = workbook::run(load_review());
        let review = &run.value;
        let fields = [&review.description, &review.diff, &review.status];
        for ((field, url), page) in REVIEW_PAGES.into_iter().zip(fields) {
            match page {
                Ok(page) => {
                    run.ensure(
                        page.url == url,
                        format!("`Review::{field}` should hold the page {url}; it holds {}.", page.url),
                    );
                    ensure_page_served(&run, field, url, page);
                }
                Err(e) => run.fail(format!("`Review::{field}` should hold the page {url}, but it holds the error `{e}`.")),
            }
        }
        run.assert_not_blocked();
        let late = run.trace.events().iter().any(|e| e.kind == Kind::Begin && e.at > Duration::ZERO);
        if late && run.virtual_elapsed > secs(1) {
            // Each late request: did it go out the instant another request was answered?
            let events = run.trace.events();
            let mut after_answers = true;
            let mut lines = Vec::new();
            for begin in events.iter().filter(|e| e.kind == Kind::Begin && e.at > Duration::ZERO) {
                let answered = events.iter().find(|e| e.kind == Kind::End && e.at == begin.at && e.actor != begin.actor);
                match answered {
                    Some(end) => lines.push(format!(
                        "  {} went out at {}, the instant {} was answered",
                        begin.actor,
                        format_secs(begin.at),
                        end.actor
                    )),
                    None => {
                        after_answers = false;
                        lines.push(format!("  {} went out at {}", begin.actor, format_secs(begin.at)));
                    }
                }
            }
            if !after_answers {
                run.fail(format!(
                    "Mistake 1, perhaps: load_review took {} instead of 1.000s, and not every request went \
                     out at 0.000s:\n{}\n{}\n\
                     Not every late request went out the instant another one was answered. Possible causes: \
                     a request awaited after other work, or a wait (a `sleep`) before it. The requests \
                     don't depend on each other, so start them together: \
                     `tokio::join!(web::fetch_page(..), web::fetch_page(..), web::fetch_page(..))` (or \
                     `futures::future::join_all`). Then the three take 1.000s, the time of the slowest.",
                    format_secs(run.virtual_elapsed),
                    lines.join("\n"),
                    bars(&run.trace),
                ));
            }
            run.fail(format!(
                "Mistake 1: awaiting independent work in sequence.\n\
                 load_review took {} instead of 1.000s: requests went out only once another was answered:\n\
                 {}\n{}\n\
                 Each `.await` waits for its answer before the next line runs, so a request was sent \
                 only once another's answer had arrived, although it doesn't need it. \
                 In Python this is three `await`s in a row where `asyncio.gather` was meant.\n\
                 Making the three futures first and awaiting them afterwards, one by one, is no \
                 better: a Rust future does nothing until it is polled, so each request still goes \
                 out at its own `.await`. (Spawning each one and awaiting its handle straight away \
                 is the same thing again.)\n\
                 The requests don't depend on each other, so start them together: \
                 `tokio::join!(web::fetch_page(..), web::fetch_page(..), web::fetch_page(..))` (or \
                 `futures::future::join_all`). Then the three take 1.000s, the time of the slowest.",
                format_secs(run.virtual_elapsed),
                lines.join("\n"),
                bars(&run.trace),
            ));
        }
        run.assert_elapsed(secs(1));
        assert_trace!(run, "mistake_1_independent_requests_run_together");
    }

    fn mistake_2_pauses_do_not_block() {
        let run = workbook::run(async {
            tokio::join!(bot(1), bot(2), bot(3));
        });
        if run.blocked() {
            // Did the pauses take turns on the thread (each held it to its end), or did
            // they overlap while the thread stayed busy?
            let started = started_before_first_end(&run.trace);
            let overlapped = started == 3;
            if overlapped {
                workbook::fail(format!(
                    "Mistake 2: a pause that keeps the runtime's thread busy.\n\
                     Three bots paused for the rate limit together (`tokio::join!` of three \
                     `pause_for_rate_limit()`). The pauses overlapped (all three bots had begun before the \
                     first carried on), so pause_for_rate_limit does reach an `.await` that gives the thread \
                     back, but the thread never rested: it was busy for {} of real time, while tokio's clock \
                     stood still at {}. Nothing in the pause was waiting on a timer; it kept coming back to \
                     run again. A loop that looks at the time and yields between looks \
                     (`tokio::task::yield_now().await`, Python's `await asyncio.sleep(0)`) does that: a busy \
                     wait. It burns the thread that every other task needs, and on tokio's clock, which moves \
                     only while every task waits, such a pause would never end.\n\
                     Wait with `tokio::time::sleep(RATE_LIMIT_PAUSE).await`, Python's \
                     `await asyncio.sleep(1)`: it sets a timer and gives the thread back until it fires.\n\n\
                     What happened, in order (tokio's clock never moved):\n{}",
                    real(held(&run)),
                    format_secs(run.virtual_elapsed),
                    table(&run.trace),
                ));
            }
            workbook::fail(format!(
                "Mistake 2: a pause that holds the runtime's thread.\n\
                 Three bots paused for the rate limit together (`tokio::join!` of three \
                 `pause_for_rate_limit()`). The runtime's only thread was held for {}, while \
                 tokio's clock stood still at {}. The pauses didn't overlap: {}, so the other bots, \
                 and every timer, waited their turn. In a server, every other request would have waited \
                 too.\n\
                 That is what `std::thread::sleep` does (Python's `time.sleep`): it puts the whole \
                 thread to sleep. So does a loop that watches the clock without awaiting anything. Being \
                 inside an `async fn` changes nothing: without an `.await` that waits, the runtime can't \
                 take the thread back.\n\
                 Wait with `tokio::time::sleep(RATE_LIMIT_PAUSE).await`, Python's \
                 `await asyncio.sleep(1)`: it sets a timer and gives the thread back until the timer \
                 fires, so the three pauses overlap and take 1.000s together.\n\n\
                 What happened, in order (tokio's clock never moved):\n{}",
                real(held(&run)),
                format_secs(run.virtual_elapsed),
                if started <= 1 {
                    "each one held the thread to its end before the next bot could even begin".to_string()
                } else {
                    format!("only {started} of the 3 bots had begun pausing when the first carried on")
                },
                table(&run.trace),
            ));
        }
        if run.virtual_elapsed == Duration::ZERO && run.real_elapsed >= millis(500) {
            workbook::fail(format!(
                "Mistake 2, avoided the costly way: the runtime wasn't blocked, but the pauses \
                 happened outside tokio. The three took {} of real time and 0.000s on tokio's clock. \
                 A possible cause: each one slept on a thread of its own (`spawn_blocking` or \
                 `std::thread::spawn` around `std::thread::sleep`).\n\
                 That would tie up a whole thread per pause just to sleep (tokio's blocking pool has 512 \
                 at most; a thousand waiting bots would queue), where a timer costs next to nothing. \
                 Wait with `tokio::time::sleep(RATE_LIMIT_PAUSE).await`.",
                real(run.real_elapsed),
            ));
        }
        if run.virtual_elapsed == Duration::ZERO {
            workbook::fail(
                "The three pauses took no time at all: pause_for_rate_limit returned without \
                 waiting, so the bots would call the code host again at once and break its rate \
                 limit. Possible causes: a sleep future made but never awaited (`let _ = \
                 tokio::time::sleep(..)` drops it on the spot; a future does nothing until it is \
                 awaited), or the first tick of a fresh `tokio::time::interval`, which completes at \
                 once. It must wait RATE_LIMIT_PAUSE (1 s) without holding the thread: \
                 `tokio::time::sleep(RATE_LIMIT_PAUSE).await`.",
            );
        }
        run.assert_elapsed(secs(1));
        assert_trace!(run, "mistake_2_pauses_do_not_block");
    }

    fn mistake_3_lint_file_leaves_the_runtime_free() {
        let run = run_lint(lint_file("src/unsorted.rs"));
        run.ensure(
            run.value.path == "src/unsorted.rs",
            format!("lint_file(\"src/unsorted.rs\") returned the report on {:?}.", run.value.path),
        );
        ensure_linted(&run, "src/unsorted.rs");
        ensure_report(&run, &run.value, "src/unsorted.rs");
        if run.blocked() {
            wrapped_sync_call(&run, "lint_file(\"src/unsorted.rs\") ran", "");
        }
        // On the blocking pool, tokio's clock doesn't move: the check takes 0.000s of it.
        run.assert_elapsed(Duration::ZERO);
    }

    fn mistake_3_files_are_linted_in_parallel() {
        let run = run_lint(lint_files(&CHANGED_FILES));
        let reports = &run.value;
        run.ensure(
            paths(reports) == CHANGED_FILES,
            format!(
                "lint_files returned reports on {:?}, but it was given {CHANGED_FILES:?}: one report \
                 per file, in the order of `paths`.\n\
                 Jobs on the blocking pool finish in their own order (here src/main.rs, the biggest \
                 file, takes 600 ms and the others 300 ms). `join_all` keeps the order of its input; \
                 a `JoinSet` or a `FuturesUnordered` hands results back as they finish, so spawn each \
                 job with its index and put each report back in its place.",
                paths(reports)
            ),
        );
        for (report, path) in reports.iter().zip(CHANGED_FILES) {
            ensure_linted(&run, path);
            ensure_report(&run, report, path);
        }
        if run.blocked() {
            wrapped_sync_call(
                &run,
                "lint_files linted three files",
                " Even `join_all` can't make them overlap: it polls the three futures in turn on that \
                 one thread, and each poll returns only after its check_file has finished. The trace \
                 below shows it: each file began only when the one before had ended, and tokio's \
                 clock stayed at 0.000s throughout, since no tokio time passes while its thread is held.",
            );
        }
        let started = started_before_first_end(&run.trace);
        if started < CHANGED_FILES.len() {
            workbook::fail(format!(
                "Mistake 3, half fixed: check_file now runs off the runtime's thread (the runtime \
                 was not blocked), but the files were linted one after another: only {started} of \
                 the 3 had started when the first one was done, so lint_files took {} of real time \
                 instead of about 600 ms, the time of the slowest.\n\
                 Awaiting each `spawn_blocking` handle before spawning the next job is a loop of \
                 waits. Start every job first, then wait for all of them: `futures::future::join_all` \
                 over the lint_file futures or over the JoinHandles, or a `tokio::task::JoinSet` with \
                 `spawn_blocking`.\n\n\
                 What happened, in order (tokio's clock doesn't move while only blocking jobs run):\n{}",
                real(run.real_elapsed),
                table(&run.trace),
            ));
        }
        run.assert_elapsed(Duration::ZERO);
        assert_trace!(run, "mistake_3_files_are_linted_in_parallel");
    }
}
