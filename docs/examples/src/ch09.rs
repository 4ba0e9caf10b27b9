//! Chapter 09 · spawn_blocking: keep blocking calls off the runtime's thread.
//!
//! The code the chapter shows, and tests that prove what it says.
//!
//! Blocking work takes real time, and tokio's paused clock stands still while it runs,
//! so this chapter draws no scene: its tests look at the order of the trace's events
//! and at a heartbeat (`workbook::heartbeat`) instead.

use std::io;
use std::path::Path;
use std::time::Duration;

use futures::future::join_all;
use tokio::task::JoinError;
use workbook::sim::legacy;
use workbook::trace::Span;

use crate::Scene;

/// The runs this chapter draws: none (see the module's documentation).
pub const SCENES: &[Scene] = &[];

/// An old imaging library's call: scales a scanned page to print size, and holds the
/// calling thread for 300 ms of real time while it does. Traced as a span
/// `scaler <page>`.
pub fn scale_page(page: &str) -> String {
    let span = Span::begin(format!("scaler {page}"), "call started (blocks the thread)");
    std::thread::sleep(Duration::from_millis(300));
    span.end("call returned");
    format!("{page} at print size")
}

/// One page scaled on the blocking pool.
pub async fn print_size(page: &str) -> String {
    // ANCHOR: spawn_blocking
    let page = page.to_string(); // the closure gets its own copy
    let scaled = tokio::task::spawn_blocking(move || scale_page(&page))
        .await // Result<String, JoinError>
        .expect("scale_page panicked");
    // ANCHOR_END: spawn_blocking
    scaled
}

/// The mistake: the blocking call straight in async code.
pub async fn print_size_inline(page: &str) -> String {
    scale_page(page) // holds the runtime's thread for 300 ms
}

/// Every page of a booklet started first, then all awaited: the jobs overlap.
pub async fn whole_booklet(pages: u32) -> Vec<Result<String, JoinError>> {
    // ANCHOR: side_by_side
    let jobs: Vec<_> = (1..=pages)
        .map(|number| {
            // Each closure owns its page's name: `move` takes the `String` along.
            let page = format!("page {number}");
            tokio::task::spawn_blocking(move || scale_page(&page)) // starts now
        })
        .collect();
    join_all(jobs).await // in the order of the pages
    // ANCHOR_END: side_by_side
}

/// Each job awaited before the next is spawned: the runtime is free, but the jobs
/// take turns.
pub async fn pages_one_at_a_time(pages: &[&str]) -> Vec<String> {
    let mut scaled = Vec::new();
    for page in pages {
        scaled.push(print_size(page).await);
    }
    scaled
}

/// A file's lines counted, its bytes read through `tokio::fs`.
pub async fn count_lines(path: &Path) -> io::Result<usize> {
    // ANCHOR: tokio_fs
    let bytes = tokio::fs::read(path).await?; // std::fs::read's twin, on the blocking pool
    // ANCHOR_END: tokio_fs
    Ok(bytes.iter().filter(|&&byte| byte == b'\n').count())
}

/// Aborting the handle of a job that has started: the job runs to its end anyway.
/// Returns the report the job sent after it was aborted.
pub async fn abort_a_running_job() -> Option<String> {
    let (started_tx, started) = std::sync::mpsc::channel();
    let (report_tx, report) = std::sync::mpsc::channel();
    // ANCHOR: abort
    let job = tokio::task::spawn_blocking(move || {
        let _ = started_tx.send(());
        let report = legacy::render_report("sales"); // 500 ms, whatever happens
        let _ = report_tx.send(report);
    });
    // ANCHOR_END: abort
    // Wait (off the runtime's thread) until the job runs, then abort it.
    let _ = tokio::task::spawn_blocking(move || started.recv()).await;
    job.abort();
    drop(job);
    tokio::task::spawn_blocking(move || report.recv().ok()).await.expect("the receiver panicked")
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use workbook::heartbeat::{Beats, Heartbeat};
    use workbook::run;
    use workbook::sim::disk;
    use workbook::trace::Kind;

    async fn beside_heartbeat<T>(work: impl Future<Output = T>) -> (T, Beats) {
        let heartbeat = Heartbeat::start();
        let value = work.await;
        (value, heartbeat.stop().await)
    }

    #[test]
    fn spawn_blocking_leaves_the_runtime_free() {
        let run = run(beside_heartbeat(print_size("cover")));
        let (scaled, beats) = run.value;
        assert_eq!(scaled, "cover at print size");
        assert!(beats.kept_schedule(), "the heartbeat waited {:?}", beats.longest_wait);
        assert_eq!(run.virtual_elapsed, Duration::ZERO, "the paused clock stood still");
    }

    #[test]
    fn a_blocking_call_in_async_code_holds_the_thread() {
        let run = run(beside_heartbeat(print_size_inline("cover")));
        let (scaled, beats) = run.value;
        assert_eq!(scaled, "cover at print size");
        assert!(!beats.kept_schedule(), "the heartbeat was answered while scale_page ran");
    }

    /// How many jobs had started when the first one returned.
    fn started_before_first_return(trace: &workbook::trace::Trace) -> usize {
        let events = trace.events();
        let first_return = events.iter().position(|e| e.kind == Kind::End).unwrap_or(events.len());
        events[..first_return].iter().filter(|e| e.kind == Kind::Begin).count()
    }

    #[test]
    fn jobs_started_together_overlap() {
        let run = run(whole_booklet(3));
        let scaled: Vec<String> = run.value.into_iter().map(Result::unwrap).collect();
        assert_eq!(scaled, ["page 1 at print size", "page 2 at print size", "page 3 at print size"]);
        assert_eq!(started_before_first_return(&run.trace), 3, "{}", run.trace.table());
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn jobs_awaited_one_by_one_take_turns() {
        let run = run(pages_one_at_a_time(&["cover", "back"]));
        assert_eq!(run.value, ["cover at print size", "back at print size"]);
        assert_eq!(started_before_first_return(&run.trace), 1, "{}", run.trace.table());
    }

    #[test]
    fn tokio_fs_reads_a_slow_file_without_blocking() {
        let file = disk::slow_file("north\nsouth\neast\n");
        let run = run(beside_heartbeat(count_lines(file.path())));
        let (lines, beats) = run.value;
        assert_eq!(lines.unwrap(), 3);
        assert!(beats.kept_schedule(), "the heartbeat waited {:?}", beats.longest_wait);
    }

    #[test]
    fn std_fs_on_a_slow_file_holds_the_thread() {
        let file = disk::slow_file("north\n");
        let run = run(beside_heartbeat(async { std::fs::read_to_string(file.path()) }));
        assert_eq!(run.value.0.unwrap(), "north\n");
        assert!(!run.value.1.kept_schedule());
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let missing = std::env::temp_dir().join("book-examples-ch09-no-such-file.txt");
        let run = run(count_lines(&missing));
        assert_eq!(run.value.unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_panic_in_the_closure_comes_back_as_a_join_error() {
        let run = run(async { tokio::task::spawn_blocking(|| panic!("the printer is on fire")).await });
        let error: JoinError = run.value.unwrap_err();
        assert!(error.is_panic());
    }

    #[test]
    fn aborting_a_running_job_does_not_stop_it() {
        let run = run(abort_a_running_job());
        assert_eq!(run.value.as_deref(), Some("report: sales"));
        assert!(run.trace.find("legacy sales", "call returned").is_some());
    }

    #[test]
    #[should_panic(expected = "multi-threaded runtime")]
    fn block_in_place_panics_on_a_current_thread_runtime() {
        let _ = run(async { tokio::task::block_in_place(|| legacy::render_report("sales")) });
    }
}
