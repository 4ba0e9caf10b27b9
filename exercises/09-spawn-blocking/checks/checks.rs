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

/// Fails unless every report of `reports` comes from a call of `render_report` that
/// the library recorded (`calls`: the names it rendered during the run).
fn ensure_rendered<T>(run: &workbook::Run<T>, reports: &[String], calls: &[String]) {
    let mut unclaimed: Vec<&str> = calls.iter().map(String::as_str).collect();
    for report in reports {
        let name = report.strip_prefix("report: ").unwrap_or(report);
        match unclaimed.iter().position(|call| *call == name) {
            Some(i) => {
                unclaimed.remove(i);
            }
            None => run.fail(format!(
                "Your function returned {report:?}, but `legacy::render_report` was never called with {name:?} \
                 (the library records every call, from any thread; it rendered {calls:?}).\n\
                 The report must be what render_report returns: call it, on the blocking pool, and hand \
                 back its result, rather than writing the text yourself."
            )),
        }
    }
}

/// Every name `render_report` rendered since `mark` (a length of `legacy::rendered()`).
fn rendered_since(mark: usize) -> Vec<String> {
    legacy::rendered().get(mark..).map(<[String]>::to_vec).unwrap_or_default()
}

/// Renders `names` with `render_all` beside a heartbeat, and gives back the run and
/// the calls the library recorded.
fn render_all_run(names: &[&str]) -> (workbook::Run<(Vec<String>, Beats)>, Vec<String>) {
    let mark = legacy::rendered().len();
    let run = workbook::run(beside_heartbeat(render_all(names)));
    let calls = rendered_since(mark);
    (run, calls)
}

/// Judges one `render_all` run: the reports in the order of `names`, each from a real
/// call, the runtime free, and the calls side by side.
fn judge_render_all(run: &workbook::Run<(Vec<String>, Beats)>, names: &[&str], calls: &[String]) {
    let (reports, beats) = &run.value;
    let expected: Vec<String> = names.iter().map(|name| format!("report: {name}")).collect();
    let mut got_sorted = reports.clone();
    got_sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    run.ensure(
        *reports == expected,
        format!(
            "Expected the reports of {names:?} in that order; got {reports:?}.\n{}",
            if got_sorted == expected_sorted {
                "The right reports, in another order. Jobs on the blocking pool finish in their own \
                 order (here a name with `full` in it takes 800 ms, the others 500 ms); keep the order of \
                 `names`: `join_all` does, a `JoinSet` or `buffer_unordered` needs each job's index."
            } else {
                "One report per name, in the order of `names`."
            }
        ),
    );
    ensure_rendered(run, reports, calls);
    workbook::ensure(
        beats.kept_schedule(),
        missed_beats(
            beats,
            "the reports rendered",
            "Each render_report must run on the blocking pool (`tokio::task::spawn_blocking`), \
             not on the runtime's thread. Possible causes: a render_report (or another blocking call) \
             made right in the async code, or a blocking wait for the jobs.",
        ),
    );
    // Side by side, every call starts before the first one returns. The trace shows
    // that for work on the blocking pool; a plain `std::thread` records nothing, so
    // then real time has to tell: the slowest call's time side by side, the sum in a row.
    let events = run.trace.events();
    let first_return = events.iter().position(|e| e.kind == Kind::End).unwrap_or(events.len());
    let started_before = events[..first_return].iter().filter(|e| e.kind == Kind::Begin).count();
    let traced = events.iter().filter(|e| e.kind == Kind::Begin).count() == names.len();
    let slowest = names.iter().map(|name| legacy::render_time(name)).max().unwrap_or_default();
    let side_by_side =
        if traced { started_before == names.len() } else { run.real_elapsed < slowest + legacy::BLOCK_TIME };
    if !side_by_side {
        let what = if traced {
            format!("only {started_before} of the {} calls had started when the first one returned", names.len())
        } else {
            "the calls did not overlap".to_string()
        };
        run.fail(format!(
            "The reports did not all render side by side: {what}, so the {} took {} of real time instead \
             of {}, the time of the slowest.\n\
             Possible causes: awaiting each spawn_blocking handle before spawning the next (a loop of \
             waits); `buffer_unordered(n)`, which runs at most n at a time; or one blocking job (a single \
             `spawn_blocking`, a single thread) that renders every report in a loop, one after another. Spawn them all first, then wait for all \
             of them: `join_all` over the JoinHandles, or a `JoinSet` with `spawn_blocking` (and each \
             job's index).",
            names.len(),
            workbook::format_real(run.real_elapsed),
            workbook::format_real(slowest),
        ));
    }
    run.assert_not_blocked();
}

workbook::checks! {
    fn render_leaves_the_runtime_free() {
        let mark = legacy::rendered().len();
        let run = workbook::run(beside_heartbeat(render("sales")));
        let calls = rendered_since(mark);
        let (report, beats) = &run.value;
        run.ensure(report == "report: sales", format!("Expected render(\"sales\") to return \"report: sales\"; got {report:?}."));
        ensure_rendered(&run, std::slice::from_ref(report), &calls);
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "render_report ran",
                "A possible cause: render_report called right inside `render`. `async fn` does not make a \
                 synchronous call asynchronous: render_report still blocks whichever thread calls it, and inside async code that is the runtime's. \
                 Hand it to the blocking pool, like Python's `await asyncio.to_thread(...)`:\n    \
                 let name = name.to_string();\n    \
                 tokio::task::spawn_blocking(move || legacy::render_report(&name)).await",
            ),
        );
        run.assert_not_blocked();
    }

    fn reports_render_side_by_side() {
        // Three reports of 500 ms each (the run the chapter draws), then a full report
        // (800 ms) first in the list: it finishes last, so an order of completion shows.
        // Both run before either is judged, so every run records the same traces.
        let (even, even_calls) = render_all_run(&["north", "south", "east"]);
        let (uneven, uneven_calls) = render_all_run(&["full-year", "spring", "autumn"]);
        judge_render_all(&uneven, &["full-year", "spring", "autumn"], &uneven_calls);
        judge_render_all(&even, &["north", "south", "east"], &even_calls);
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
                "A possible cause: `std::fs::read_to_string` (or another blocking read), which holds the \
                 thread until the disk answers. \
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
                "A possible cause: `std::fs::write` (or another blocking write), which holds the thread \
                 until the disk has taken the data. \
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

        // A disk that opens at once but is full: a write waits until it takes data,
        // half a second after the sink is made. A save that returns before then
        // returned with its write still in flight.
        let sink = disk::full_sink();
        let run = workbook::run(beside_heartbeat(async {
            let saved = save_report(sink.path(), "annual summary").await;
            (saved, std::time::Instant::now())
        }));
        let ((saved, returned), beats) = &run.value;
        if let Err(e) = saved {
            run.fail(format!("save_report failed on a writable file: {e}"));
        }
        workbook::ensure(
            beats.kept_schedule(),
            missed_beats(
                beats,
                "save_report waited for a full disk to take its data",
                "A possible cause: `std::fs::write` (or another blocking write), which holds the thread \
                 until the disk has taken the data. \
                 `tokio::fs::write(path, text).await` does the same work on the blocking pool.",
            ),
        );
        let received = sink.received();
        let taking_from = sink.taking_from();
        if taking_from.is_none_or(|from| *returned < from) {
            run.fail(format!(
                "save_report returned Ok(()) before the disk had taken its data: the write was still \
                 in flight when it returned, so a caller who reads the file back, or a program that exits, \
                 may find it empty or cut short, and a failed write is never reported. The file got \
                 {received:?} only later.\n\
                 A possible cause: a `tokio::fs::File` written with `write_all` and dropped without \
                 `file.flush().await`. A tokio File hands each write to the blocking pool and `write_all` \
                 returns once it has handed it over; only `flush()` (or `sync_all()`) waits until the write is \
                 done, and dropping the File does not. Call `file.flush().await?` before returning, or use \
                 `tokio::fs::write(path, text).await`, which returns once the file is written and closed."
            ));
        }
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
