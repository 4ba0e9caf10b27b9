//! The checks of exercise 09. Read them if you like; `grader check` notices edits.
//!
//! Each check runs your function beside a heartbeat: a task on the same runtime that
//! answers a beat every 10 ms of real time. If your code holds the runtime's only
//! thread, nobody answers, and the check says for how long.

use std::future::Future;

use super::*;
use workbook::heartbeat::{Beats, Heartbeat};
use workbook::sim::{disk, legacy};
use workbook::trace::Kind;

/// Runs `work` while a heartbeat beats beside it; returns what it gave and what the
/// heartbeat saw.
async fn beside_heartbeat<T>(work: impl Future<Output = T>) -> (T, Beats) {
    let heartbeat = Heartbeat::start();
    let value = work.await;
    (value, heartbeat.stop().await)
}

/// The lesson when the heartbeat missed beats while `what` happened. It has no
/// timeline: virtual time stands still while blocking code runs, so there is nothing
/// to draw.
fn missed_beats(beats: &Beats, what: &str, fix: &str) -> String {
    format!(
        "While {what}, the heartbeat task went unanswered for {}: your code held the \
         runtime's only thread, so no other task could run (a server would have stopped \
         answering every other request).\n{fix}",
        workbook::format_real(beats.longest_wait),
    )
}

workbook::checks! {
    fn render_leaves_the_runtime_free() {
        let run = workbook::run(beside_heartbeat(render("sales")));
        let (report, beats) = &run.value;
        run.ensure(report == "report: sales", format!("Expected render(\"sales\") to return \"report: sales\"; got {report:?}."));
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "render_report ran",
                "`async fn` does not make a synchronous call asynchronous: render_report still \
                 blocks whichever thread calls it, and inside async code that is the runtime's. \
                 Hand it to the blocking pool, like Python's `await asyncio.to_thread(...)`:\n    \
                 let name = name.to_string();\n    \
                 tokio::task::spawn_blocking(move || legacy::render_report(&name)).await",
            ),
        );
        run.assert_not_blocked();
    }

    fn reports_render_side_by_side() {
        let run = workbook::run(beside_heartbeat(render_all(&["north", "south", "east"])));
        let (reports, beats) = &run.value;
        run.ensure(
            reports == &["report: north", "report: south", "report: east"],
            format!(
                "Expected the reports of [\"north\", \"south\", \"east\"] in that order; got {reports:?}.\n\
                 Jobs on the blocking pool finish in any order; keep the order of `names` (join_all \
                 does, a JoinSet needs the index)."
            ),
        );
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "the reports rendered",
                "Each render_report must run on the blocking pool (`tokio::task::spawn_blocking`), \
                 not on the runtime's thread.",
            ),
        );
        // Side by side, all three calls start before the first one returns. The trace
        // shows that for work on the blocking pool; a plain `std::thread` records
        // nothing, so then real time has to tell: 0.5 s side by side, 1.5 s in a row.
        let events = run.trace.events();
        let first_return = events.iter().position(|e| e.kind == Kind::End).unwrap_or(events.len());
        let started_before = events[..first_return].iter().filter(|e| e.kind == Kind::Begin).count();
        let traced = events.iter().filter(|e| e.kind == Kind::Begin).count() == 3;
        let side_by_side = if traced { started_before == 3 } else { run.real_elapsed < 2 * legacy::BLOCK_TIME };
        run.ensure(
            side_by_side,
            format!(
                "The reports rendered one after another: the second call started only after the \
                 first returned, so the three took {} of real time instead of about 0.5 s.\n\
                 Awaiting each spawn_blocking handle before spawning the next is a loop of waits. \
                 Spawn all three first, then wait for all of them: `join_all` over the JoinHandles, \
                 or a `JoinSet` with `spawn_blocking`.",
                workbook::format_real(run.real_elapsed)
            ),
        );
        run.assert_not_blocked();
    }

    fn load_report_uses_tokio_fs() {
        let file = disk::slow_file("quarterly figures");
        let run = workbook::run(beside_heartbeat(load_report(file.path())));
        let (text, beats) = &run.value;
        match text {
            Ok(text) => run.ensure(
                text == "quarterly figures",
                format!("The file holds \"quarterly figures\", but load_report returned {text:?}."),
            ),
            Err(e) => run.fail(format!("load_report failed on a readable file: {e}")),
        }
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "load_report waited for the slow disk",
                "`std::fs::read_to_string` holds the thread until the disk answers. \
                 `tokio::fs::read_to_string(path).await` does the same work on the blocking pool \
                 (it is spawn_blocking underneath): it is Rust's aiofiles.",
            ),
        );
        run.assert_not_blocked();
    }

    fn save_report_uses_tokio_fs() {
        let sink = disk::slow_sink();
        let run = workbook::run(beside_heartbeat(save_report(sink.path(), "annual summary")));
        let (saved, beats) = &run.value;
        if let Err(e) = saved {
            run.fail(format!("save_report failed on a writable file: {e}"));
        }
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "save_report waited for the slow disk",
                "`std::fs::write` holds the thread until the disk has taken the data. \
                 `tokio::fs::write(path, text).await` does the same work on the blocking pool: \
                 it is Rust's aiofiles.",
            ),
        );
        let received = sink.received();
        run.ensure(
            received.as_deref() == Some("annual summary"),
            format!("save_report(path, \"annual summary\") should write exactly that; the file got {received:?}."),
        );
        run.assert_not_blocked();
    }

    fn a_missing_file_is_an_error() {
        let missing = std::env::temp_dir().join("workbook-09-no-such-folder").join("report.txt");
        let run = workbook::run(load_report(&missing));
        match &run.value {
            Err(e) => run.ensure(
                e.kind() == std::io::ErrorKind::NotFound,
                format!("A missing file should give an error of kind NotFound; got {:?} ({e}).", e.kind()),
            ),
            Ok(text) => run.fail(format!(
                "load_report returned Ok({text:?}) for a file that does not exist: return the error \
                 (the `?` operator, or just the io::Result that tokio::fs gives back)."
            )),
        }
    }
}
