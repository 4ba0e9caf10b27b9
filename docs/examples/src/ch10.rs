//! Chapter 10 · Common mistakes: async code that isn't.
//!
//! The code the chapter shows, and tests that prove what it says. Each mistake is
//! here as it is usually written, with scenes that draw what it does; the fixed
//! versions are drawn from the traces the reference solution recorded.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use workbook::sim::linter::{self, LintReport};
use workbook::sim::web::{self, FetchError, Page};
use workbook::trace::Span;

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch10::review_in_sequence", || Picture::of(review_in_sequence())),
    ("ch10::pauses_holding_the_thread", || Picture::of(three_bots(drawn::pause_for_rate_limit))),
    ("ch10::pauses_not_awaited", || Picture::of(three_bots(not_awaited::pause_for_rate_limit))),
    ("ch10::lint_wrapped", || in_recorded_order(wrapped::lint_files(&CHANGED_FILES))),
    ("ch10::lint_on_the_blocking_pool", || in_recorded_order(on_the_pool::lint_files(&CHANGED_FILES))),
];

/// The files the chapter lints. Only the second one has a problem.
pub const CHANGED_FILES: [&str; 3] = ["src/main.rs", "src/unsorted.rs", "src/lib.rs"];

/// How long the code host makes a bot wait between two calls: 1 s.
pub const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

/// Runs `future` like [`Picture::of`], but keeps the events in the order they were
/// recorded (only events of one kind at one instant are sorted by name). Work on the
/// blocking pool doesn't move tokio's clock, so every event of a lint is at 0.000s,
/// and only the order tells a lint that ran alone from lints that overlapped.
fn in_recorded_order<F: Future>(future: F) -> Picture {
    let run = workbook::run(future);
    Picture { trace: run.trace.canonical(), took: run.virtual_elapsed }
}

// ---------------------------------------------------------------------------------
// Mistake 1: awaiting independent work in sequence.

/// The review's three pages, one request after another: 3 s.
pub async fn review_in_sequence() -> [Result<Page, FetchError>; 3] {
    // ANCHOR: in_sequence
    let description = web::fetch_page("/pulls/42").await;
    let diff = web::fetch_page("/pulls/42/diff").await; // sent once the description is in
    let status = web::fetch_page("/pulls/42/status").await;
    // ANCHOR_END: in_sequence
    [description, diff, status]
}

/// A user's profile page and the weather, together: 1 s.
pub async fn profile_and_weather() -> (Result<Page, FetchError>, Result<Page, FetchError>) {
    // ANCHOR: together
    let (profile, weather) = tokio::join!(web::fetch_page("/users/7"), web::fetch_page("/weather"));
    // ANCHOR_END: together
    (profile, weather)
}

/// The futures made first and awaited afterwards: still one after another, 3 s.
pub async fn futures_first() -> [Result<Page, FetchError>; 3] {
    // ANCHOR: futures_first
    let description = web::fetch_page("/pulls/42"); // a future: nothing is sent yet
    let diff = web::fetch_page("/pulls/42/diff");
    let status = web::fetch_page("/pulls/42/status");
    [description.await, diff.await, status.await] // each request goes out at its `.await`
    // ANCHOR_END: futures_first
}

/// Each request spawned and its handle awaited at once: one after another again.
pub async fn spawn_and_await_each() -> Vec<Result<Page, FetchError>> {
    let mut pages = Vec::new();
    for url in ["/pulls/42", "/pulls/42/diff", "/pulls/42/status"] {
        pages.push(tokio::spawn(web::fetch_page(url)).await.expect("the fetch panicked"));
    }
    pages
}

// ---------------------------------------------------------------------------------
// Mistake 2: `std::thread::sleep` inside async code.

/// A bot that pauses for the rate limit with `pause`, traced as `bot <n>`, the way
/// the exercise's check traces it.
async fn bot<F: Future<Output = ()>>(n: u32, pause: fn() -> F) {
    let span = Span::begin(format!("bot {n}"), "pauses for the rate limit");
    pause().await;
    span.end("carries on");
}

/// Three bots pausing at the same time, with `tokio::join!`.
pub async fn three_bots<F: Future<Output = ()>>(pause: fn() -> F) {
    tokio::join!(bot(1, pause), bot(2, pause), bot(3, pause));
}

/// The mistake as it is usually written.
pub mod thread_sleep {
    use super::RATE_LIMIT_PAUSE;

    // ANCHOR: thread_sleep
    pub async fn pause_for_rate_limit() {
        std::thread::sleep(RATE_LIMIT_PAUSE); // holds the runtime's thread
    }
    // ANCHOR_END: thread_sleep
}

/// The same mistake, drawn: `tasks::block_thread` holds the thread exactly like
/// `std::thread::sleep`, but moves tokio's paused clock forward while it does, so a
/// picture shows the time everybody lost.
pub mod drawn {
    use super::RATE_LIMIT_PAUSE;
    use workbook::sim::tasks;

    // ANCHOR: drawn
    pub async fn pause_for_rate_limit() {
        tasks::block_thread(RATE_LIMIT_PAUSE); // std::thread::sleep, in virtual time
    }
    // ANCHOR_END: drawn
}

/// A timer: the thread goes back to the runtime until it fires.
pub mod timer {
    use super::RATE_LIMIT_PAUSE;

    // ANCHOR: timer
    pub async fn pause_for_rate_limit() {
        tokio::time::sleep(RATE_LIMIT_PAUSE).await;
    }
    // ANCHOR_END: timer
}

/// A timer made and never awaited: nothing waits.
pub mod not_awaited {
    use super::RATE_LIMIT_PAUSE;

    // ANCHOR: not_awaited
    pub async fn pause_for_rate_limit() {
        let _pause = tokio::time::sleep(RATE_LIMIT_PAUSE); // made, never awaited
    }
    // ANCHOR_END: not_awaited
}

// ---------------------------------------------------------------------------------
// Mistake 3: a synchronous call wrapped in an `async fn`.

/// The mistake: `async fn` around a synchronous call.
pub mod wrapped {
    use super::*;

    // ANCHOR: wrapped
    pub async fn lint_file(path: &str) -> LintReport {
        linter::check_file(path) // 300 ms on the runtime's thread
    }

    pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
        join_all(paths.iter().map(|path| lint_file(path))).await
    }
    // ANCHOR_END: wrapped
}

/// The call sent to tokio's blocking pool; `lint_files` is unchanged.
pub mod on_the_pool {
    use super::*;

    // ANCHOR: on_the_pool
    pub async fn lint_file(path: &str) -> LintReport {
        let path = path.to_string(); // owned: the job may outlive this call
        tokio::task::spawn_blocking(move || linter::check_file(&path)).await.expect("the linter panicked")
    }
    // ANCHOR_END: on_the_pool

    pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
        join_all(paths.iter().map(|path| lint_file(path))).await
    }

    /// Each job awaited before the next one is spawned: the runtime is free, but the
    /// files are linted one after another.
    pub async fn lint_files_one_at_a_time(paths: &[&str]) -> Vec<LintReport> {
        // ANCHOR: one_at_a_time
        let mut reports = Vec::new();
        for path in paths {
            reports.push(lint_file(path).await); // waits for this file before the next
        }
        // ANCHOR_END: one_at_a_time
        reports
    }

    /// The same with a `JoinSet`: every job starts first, results come as they
    /// finish, each put back in its place.
    pub async fn lint_files_join_set(paths: &[&str]) -> Vec<LintReport> {
        // ANCHOR: join_set
        let mut jobs = tokio::task::JoinSet::new();
        for (i, path) in paths.iter().enumerate() {
            let path = path.to_string();
            jobs.spawn_blocking(move || (i, linter::check_file(&path)));
        }
        let mut reports = vec![None; paths.len()];
        while let Some(done) = jobs.join_next().await {
            let (i, report) = done.expect("the linter panicked");
            reports[i] = Some(report);
        }
        // ANCHOR_END: join_set
        reports.into_iter().flatten().collect()
    }
}

/// `tokio::spawn` around the call: the task holds the runtime's thread all the same.
pub async fn lint_in_a_task(path: &str) -> LintReport {
    let path = path.to_string();
    tokio::spawn(async move { linter::check_file(&path) }).await.expect("the linter panicked")
}

/// A blocking job whose handle is dropped at once: it is detached, not cancelled.
/// `done` hears from it when it has finished.
pub async fn lint_and_forget(path: &str, done: std::sync::mpsc::Sender<LintReport>) {
    let path = path.to_string();
    let job = tokio::task::spawn_blocking(move || {
        let _ = done.send(linter::check_file(&path));
    });
    drop(job);
}

/// `block_in_place` around the call: it panics on a current-thread runtime.
pub async fn lint_in_place(path: &str) -> LintReport {
    tokio::task::block_in_place(|| linter::check_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_panics, assert_times};
    use workbook::run;
    use workbook::secs;
    use workbook::trace::{Kind, Trace};

    /// How many lints had begun when the first one ended.
    fn started_before_first_end(trace: &Trace) -> usize {
        let events = trace.events();
        let first_end = events.iter().position(|e| e.kind == Kind::End).unwrap_or(events.len());
        events[..first_end].iter().filter(|e| e.kind == Kind::Begin).count()
    }

    #[test]
    fn awaiting_in_sequence_adds_the_waits_up() {
        let run = run(review_in_sequence());
        assert_times(
            &run,
            secs(3),
            &[("GET /pulls/42/diff", "request sent", secs(1)), ("GET /pulls/42/status", "request sent", secs(2))],
        );
        assert!(run.value.iter().all(Result::is_ok));
    }

    #[test]
    fn joined_requests_take_the_time_of_one() {
        let run = run(profile_and_weather());
        assert_eq!(run.virtual_elapsed, secs(1));
        assert!(run.value.0.is_ok() && run.value.1.is_ok());
    }

    #[test]
    fn futures_made_first_still_go_out_one_by_one() {
        assert_times(&run(futures_first()), secs(3), &[("GET /pulls/42/status", "request sent", secs(2))]);
    }

    #[test]
    fn spawning_and_awaiting_at_once_is_in_sequence_too() {
        let run = run(spawn_and_await_each());
        assert_eq!(run.virtual_elapsed, secs(3));
        assert_eq!(run.value.len(), 3);
    }

    #[test]
    fn a_held_thread_makes_the_bots_take_turns() {
        let run = run(three_bots(drawn::pause_for_rate_limit));
        assert_eq!(run.virtual_elapsed, secs(3));
        for n in 1..=3u64 {
            let begin = run.trace.find(&format!("bot {n}"), "pauses").unwrap().at;
            assert_eq!(begin, secs(n - 1), "{}", run.trace.table());
        }
    }

    #[test]
    fn a_thread_sleep_blocks_the_runtime_and_tokio_time_stands_still() {
        // One bot only: a thread sleep really sleeps, 1 s of real time per bot.
        let run = run(bot(1, thread_sleep::pause_for_rate_limit));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert!(run.blocked(), "the watchdog should see the thread held");
        assert!(run.trace.events().iter().all(|e| e.at == Duration::ZERO), "{}", run.trace.table());
    }

    #[test]
    fn timers_overlap_and_leave_the_thread_free() {
        let run = run(three_bots(timer::pause_for_rate_limit));
        run.assert_not_blocked();
        assert_times(&run, secs(1), &[("bot 3", "pauses", Duration::ZERO)]);
    }

    #[test]
    fn a_timer_never_awaited_waits_for_nothing() {
        let run = run(three_bots(not_awaited::pause_for_rate_limit));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert_eq!(run.trace.events().len(), 6);
    }

    #[test]
    fn a_wrapped_sync_call_blocks_and_runs_one_file_at_a_time() {
        let run = run(wrapped::lint_files(&CHANGED_FILES));
        assert!(run.blocked(), "check_file held the runtime's thread");
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert_eq!(started_before_first_end(&run.trace), 1, "{}", run.trace.table());
        let paths: Vec<&str> = run.value.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, CHANGED_FILES);
    }

    #[test]
    fn on_the_blocking_pool_the_files_are_linted_in_parallel() {
        let run = run(on_the_pool::lint_files(&CHANGED_FILES));
        assert!(!run.blocked(), "the runtime's thread was parked, not held");
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert_eq!(started_before_first_end(&run.trace), 3, "{}", run.trace.table());
        let paths: Vec<&str> = run.value.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, CHANGED_FILES);
        assert_eq!(run.value[1].problems, [linter::UNSORTED_IMPORTS]);
    }

    #[test]
    fn awaiting_each_job_before_the_next_lints_one_file_at_a_time() {
        let run = run(on_the_pool::lint_files_one_at_a_time(&CHANGED_FILES));
        assert!(!run.blocked());
        assert_eq!(started_before_first_end(&run.trace), 1, "{}", run.trace.table());
    }

    #[test]
    fn a_join_set_of_blocking_jobs_keeps_the_order_of_the_paths() {
        let run = run(on_the_pool::lint_files_join_set(&CHANGED_FILES));
        assert!(!run.blocked());
        assert_eq!(started_before_first_end(&run.trace), 3, "{}", run.trace.table());
        let paths: Vec<&str> = run.value.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, CHANGED_FILES);
    }

    #[test]
    fn a_spawned_task_holds_the_thread_too() {
        let run = run(lint_in_a_task("src/main.rs"));
        assert!(run.blocked(), "check_file ran on the runtime's thread");
        assert!(run.value.is_clean());
    }

    #[test]
    fn a_blocking_job_runs_to_its_end_when_its_handle_is_dropped() {
        let (done, heard) = std::sync::mpsc::channel();
        let run = run(lint_and_forget("src/unsorted.rs", done));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        // Dropping the runtime at the end of the run waits for its blocking jobs.
        let report = heard.try_recv().expect("the detached job finished");
        assert_eq!(report.problems, [linter::UNSORTED_IMPORTS]);
    }

    #[test]
    fn block_in_place_panics_on_a_current_thread_runtime() {
        assert_panics(
            || run(lint_in_place("src/main.rs")),
            "can call blocking only when running on the multi-threaded runtime",
        );
    }
}
