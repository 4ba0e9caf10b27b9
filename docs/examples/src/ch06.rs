//! Chapter 06 · as_completed: handle results as they arrive.
//!
//! The code the chapter shows, and tests that prove what it says.

use futures::future::{join_all, select_ok};
use futures::stream;
use tokio::task::JoinSet;
use workbook::secs;
use workbook::sim::deploy::{DeployError, Deployed};
use workbook::sim::web::{self, Page};
use workbook::trace::note;

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch06::gather_then_show", || {
        Picture::of(async {
            three_panels();
            gather_then_show(&["/slow", "/fast", "/medium"]).await;
        })
    }),
    ("ch06::spawned_race", || {
        Picture::of(async {
            three_servers();
            let _ = spawned_race(&THREE_SERVERS).await;
            // The caller has its page at 1 s; keep watching what the tasks do.
            tokio::time::sleep(secs(3)).await;
        })
    }),
    ("ch06::two_at_a_time", || {
        Picture::of(async {
            three_panels();
            two_at_a_time(&["/slow", "/fast", "/medium"]).await;
        })
    }),
];

/// The chapter's three panels: `/slow` takes 3 s, `/fast` 1 s, `/medium` 2 s (the
/// pages of chapters 03 and 04's tests too).
pub fn three_panels() {
    web::set_latency("/slow", secs(3));
    web::set_latency("/fast", secs(1));
    web::set_latency("/medium", secs(2));
}

/// The servers of the chapter's roll-outs, slowest first.
pub const THREE_SERVERS: [&str; 3] = ["db-1", "web-1", "cache-1"];

/// The chapter's roll-outs: `db-1` takes 3 s, `web-1` 1 s, `cache-1` 2 s.
pub fn three_servers() {
    deploy::set_duration("db-1", secs(3));
    deploy::set_duration("web-1", secs(1));
    deploy::set_duration("cache-1", secs(2));
}

/// Puts `text` on the screen: a `screen` line in the trace, at this instant. The
/// chapter's stand-in for drawing a panel, like the `show` the checks pass.
pub fn show(text: &str) {
    note("screen", &format!("shows {text}"));
}

/// Chapter 04's way: every page at once, and every panel drawn once all are in.
pub async fn gather_then_show(urls: &[&str]) {
    // ANCHOR: gather_then_show
    let outcomes = join_all(urls.iter().map(|url| web::fetch_page(url))).await; // 3 s
    for outcome in outcomes {
        match outcome {
            Ok(page) => show(&page.url), // all three at 3 s
            Err(error) => show(&format!("failed: {error}")),
        }
    }
    // ANCHOR_END: gather_then_show
}

// ANCHOR: as_completed
use futures::stream::{FuturesUnordered, StreamExt};
use workbook::sim::deploy;

async fn report_each_roll_out(servers: &[&str]) {
    let mut in_flight: FuturesUnordered<_> = servers.iter().map(|server| deploy::roll_out(server)).collect();
    let mut done = 0;
    while let Some(outcome) = in_flight.next().await {
        done += 1;
        match outcome {
            Ok(deployed) => show(&format!("{} live, {done} of {}", deployed.server, servers.len())),
            Err(error) => show(&format!("{error}, {done} of {}", servers.len())),
        }
    }
    // Here every roll-out is over: `next()` gave `None`.
}

#[tokio::main]
pub async fn main() {
    // With db-1 taking 3 s, web-1 1 s and cache-1 2 s: web-1 at 1 s, cache-1 at 2 s, db-1 at 3 s.
    report_each_roll_out(&["db-1", "web-1", "cache-1"]).await;
}
// ANCHOR_END: as_completed

/// The same loop over spawned tasks, with a `JoinSet`.
pub async fn report_each_task(servers: &[&str]) {
    // ANCHOR: join_set
    let mut roll_outs = JoinSet::new();
    for server in servers {
        let server = server.to_string(); // a task owns its data
        roll_outs.spawn(async move { deploy::roll_out(&server).await });
    }
    while let Some(joined) = roll_outs.join_next().await {
        match joined.expect("a roll-out task panicked") {
            Ok(deployed) => show(&format!("{} live", deployed.server)), // in the order they finish
            Err(error) => show(&error.to_string()),
        }
    }
    // ANCHOR_END: join_set
}

/// A new release goes to spare servers, and the first two that come up take the
/// traffic: the roll-outs still running then are stopped.
pub async fn first_two_live(spares: &[&str]) -> Vec<Deployed> {
    // ANCHOR: first_success
    let mut in_flight: FuturesUnordered<_> = spares.iter().map(|server| deploy::roll_out(server)).collect();
    let mut live = Vec::new();
    while let Some(outcome) = in_flight.next().await {
        match outcome {
            Ok(deployed) => live.push(deployed),
            Err(error) => show(&error.to_string()), // a failed spare is not an answer
        }
        if live.len() == 2 {
            return live; // the roll-outs still in `in_flight` are dropped here
        }
    }
    live // fewer than two came up: every roll-out is over
    // ANCHOR_END: first_success
}

/// The first spare to come up, over `JoinHandle`s: the right server at the right
/// time, but the other tasks are only let go of, not cancelled.
pub async fn spawned_race(spares: &[&str]) -> Option<Deployed> {
    // ANCHOR: spawned_race
    let mut in_flight: FuturesUnordered<_> = spares
        .iter()
        .map(|server| {
            let server = server.to_string();
            tokio::spawn(async move { deploy::roll_out(&server).await })
        })
        .collect();
    while let Some(joined) = in_flight.next().await {
        if let Ok(deployed) = joined.expect("a roll-out task panicked") {
            return Some(deployed); // drops the other handles: their tasks keep running
        }
    }
    None
    // ANCHOR_END: spawned_race
}

/// The same race over a `JoinSet`: returning drops the set, which aborts its tasks.
pub async fn join_set_race(spares: &[&str]) -> Option<Deployed> {
    let mut in_flight = JoinSet::new();
    for server in spares {
        let server = server.to_string();
        in_flight.spawn(async move { deploy::roll_out(&server).await });
    }
    while let Some(joined) = in_flight.join_next().await {
        if let Ok(deployed) = joined.expect("a roll-out task panicked") {
            return Some(deployed);
        }
    }
    None
}

/// The first spare to come up with `futures::future::select_ok`, which panics on an
/// empty list; and the error of the last one to fail if none comes up.
pub async fn first_live_select_ok(spares: &[&str]) -> Result<Deployed, Option<DeployError>> {
    // ANCHOR: select_ok
    if spares.is_empty() {
        return Err(None); // select_ok panics on an empty list
    }
    match select_ok(spares.iter().map(|server| Box::pin(deploy::roll_out(server)))).await {
        Ok((deployed, _still_running)) => Ok(deployed), // dropping the rest cancels them
        Err(last_error) => Err(Some(last_error)),       // every roll-out failed
    }
    // ANCHOR_END: select_ok
}

/// Every page, as soon as it is ready, but at most two requests in flight.
pub async fn two_at_a_time(urls: &[&str]) {
    // ANCHOR: buffer_unordered
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(2);
    while let Some(outcome) = outcomes.next().await {
        match outcome {
            Ok(page) => show(&page.url), // still in completion order
            Err(error) => show(&format!("failed: {error}")),
        }
    }
    // ANCHOR_END: buffer_unordered
}

/// `buffer_unordered(0)` has room for nothing: it never starts a fetch, and never ends.
pub async fn buffer_of_zero(urls: &[&str]) -> Option<Result<Page, web::FetchError>> {
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(0);
    outcomes.next().await
}

/// The mistake of collecting the stream: completion order, but only at the end.
pub async fn collect_then_show(urls: &[&str]) {
    let in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    let outcomes: Vec<_> = in_flight.collect().await;
    for outcome in outcomes {
        match outcome {
            Ok(page) => show(&page.url),
            Err(error) => show(&format!("failed: {error}")),
        }
    }
}

/// The mistake of `while let Some(Ok(page))`: the loop ends at the first failure.
pub async fn stops_at_first_error(urls: &[&str]) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(Ok(page)) = in_flight.next().await {
        show(&page.url);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::testing::{assert_times, at};
    use workbook::trace::Trace;
    use workbook::{Run, run, then_idle};

    const PANELS: [&str; 3] = ["/slow", "/fast", "/medium"];

    /// When each panel was shown, as (what, when).
    fn screen(trace: &Trace) -> Vec<(String, Duration)> {
        trace.of("screen").map(|e| (e.what.trim_start_matches("shows ").to_string(), e.at)).collect()
    }

    fn shown(order: &[(&str, u64)]) -> Vec<(String, Duration)> {
        order.iter().map(|(what, at)| (what.to_string(), secs(*at))).collect()
    }

    /// Checks that the run took `took`, and what the screen showed when (in seconds).
    fn assert_screen<T>(run: &Run<T>, took: Duration, order: &[(&str, u64)]) {
        assert_times(run, took, &[]);
        assert_eq!(screen(&run.trace), shown(order), "{}", run.trace.table());
    }

    /// Runs `future` against the chapter's [`three_panels`].
    fn with_three_panels<F: Future>(future: F) -> Run<F::Output> {
        run(async {
            three_panels();
            future.await
        })
    }

    /// Runs `future` against the chapter's [`three_servers`].
    fn with_three_servers<F: Future>(future: F) -> Run<F::Output> {
        run(async {
            three_servers();
            future.await
        })
    }

    #[test]
    fn join_all_shows_every_panel_at_the_end() {
        let run = with_three_panels(gather_then_show(&PANELS));
        assert_screen(&run, secs(3), &[("/slow", 3), ("/fast", 3), ("/medium", 3)]);
    }

    #[test]
    fn futures_unordered_reports_each_roll_out_as_it_ends() {
        let run = with_three_servers(report_each_roll_out(&THREE_SERVERS));
        assert_screen(
            &run,
            secs(3),
            &[("web-1 live, 1 of 3", 1), ("cache-1 live, 2 of 3", 2), ("db-1 live, 3 of 3", 3)],
        );
        // All three roll-outs started at once, on the first `next()`.
        for server in THREE_SERVERS {
            assert_eq!(at(&run.trace, &format!("deploy {server}"), "rolling out"), Duration::ZERO);
        }
    }

    #[test]
    fn an_error_is_one_more_item() {
        let run = run(async {
            deploy::set_duration("db-1", secs(3));
            deploy::set_failure("db-2", secs(2), "disk full");
            deploy::set_duration("web-1", secs(1));
            report_each_roll_out(&["db-1", "db-2", "web-1"]).await;
        });
        let screen = screen(&run.trace);
        assert_eq!(screen.len(), 3);
        assert_eq!(screen[1], ("deploying to db-2 failed: disk full, 2 of 3".to_string(), secs(2)));
        assert_eq!(screen[2], ("db-1 live, 3 of 3".to_string(), secs(3)));
    }

    #[test]
    fn a_join_set_gives_tasks_in_completion_order() {
        let run = with_three_servers(report_each_task(&THREE_SERVERS));
        assert_screen(&run, secs(3), &[("web-1 live", 1), ("cache-1 live", 2), ("db-1 live", 3)]);
    }

    #[test]
    fn the_second_success_cancels_the_rest() {
        let run = run(async {
            three_servers();
            deploy::set_duration("cache-2", secs(4));
            then_idle(first_two_live(&["db-1", "web-1", "cache-1", "cache-2"]), secs(5)).await
        });
        let (live, returned_at) = run.value;
        let names: Vec<_> = live.iter().map(|deployed| deployed.server.as_str()).collect();
        assert_eq!(names, ["web-1", "cache-1"]);
        assert_eq!(returned_at, secs(2));
        for actor in ["deploy db-1", "deploy cache-2"] {
            assert_eq!(at(&run.trace, actor, "dropped"), secs(2));
            assert!(run.trace.find(actor, "live").is_none());
        }
    }

    #[test]
    fn a_failure_is_not_an_answer() {
        let run = run(async {
            deploy::set_failure("web-1", secs(1), "disk full");
            deploy::set_duration("db-1", secs(3));
            deploy::set_duration("cache-1", secs(2));
            deploy::set_duration("cache-2", secs(4));
            then_idle(first_two_live(&["web-1", "db-1", "cache-1", "cache-2"]), secs(5)).await
        });
        let (live, returned_at) = run.value;
        let names: Vec<_> = live.iter().map(|deployed| deployed.server.as_str()).collect();
        assert_eq!(names, ["cache-1", "db-1"]);
        assert_eq!(returned_at, secs(3));
        assert_eq!(at(&run.trace, "deploy cache-2", "dropped"), secs(3));
        assert_eq!(screen(&run.trace), shown(&[("deploying to web-1 failed: disk full", 1)]));
    }

    #[test]
    fn fewer_than_two_come_back_once_the_last_is_over() {
        let run = run(async {
            deploy::set_failure("db-1", secs(1), "disk full");
            deploy::set_duration("web-1", secs(2));
            first_two_live(&["db-1", "web-1"]).await
        });
        assert_eq!(run.value, vec![Deployed { server: "web-1".to_string() }]);
        assert_eq!(run.virtual_elapsed, secs(2));
        let empty = workbook::run(first_two_live(&[]));
        assert!(empty.value.is_empty());
        assert_eq!(empty.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn spawned_losers_keep_running() {
        let run = with_three_servers(then_idle(spawned_race(&THREE_SERVERS), secs(5)));
        let (deployed, returned_at) = run.value;
        assert_eq!(deployed.unwrap().server, "web-1");
        assert_eq!(returned_at, secs(1));
        assert_eq!(at(&run.trace, "deploy cache-1", "live"), secs(2));
        assert_eq!(at(&run.trace, "deploy db-1", "live"), secs(3));
    }

    #[test]
    fn a_join_set_race_aborts_the_losers() {
        let run = with_three_servers(then_idle(join_set_race(&THREE_SERVERS), secs(5)));
        assert_eq!(run.value.0.unwrap().server, "web-1");
        assert!(run.trace.find("deploy db-1", "dropped").is_some(), "{}", run.trace.table());
        assert!(run.trace.find("deploy db-1", "live").is_none());
    }

    #[test]
    fn select_ok_finds_the_first_success_too() {
        let run = run(async {
            deploy::set_failure("web-1", secs(1), "disk full");
            deploy::set_duration("db-1", secs(3));
            deploy::set_duration("cache-1", secs(2));
            then_idle(first_live_select_ok(&["web-1", "db-1", "cache-1"]), secs(5)).await
        });
        assert_eq!(run.value.0.unwrap().server, "cache-1");
        assert_eq!(run.value.1, secs(2));
        assert!(run.trace.find("deploy db-1", "dropped").is_some());
        assert_eq!(workbook::run(first_live_select_ok(&[])).value, Err(None));
        let failed = workbook::run(async {
            deploy::set_failure("web-1", secs(1), "disk full");
            deploy::set_failure("db-1", secs(2), "no route");
            first_live_select_ok(&["web-1", "db-1"]).await
        });
        assert_eq!(failed.value.unwrap_err().unwrap().reason, "no route");
    }

    #[test]
    #[should_panic(expected = "empty")]
    fn select_ok_panics_on_an_empty_list() {
        let no_fetches: Vec<std::future::Ready<Result<Page, web::FetchError>>> = Vec::new();
        let _ = run(select_ok(no_fetches));
    }

    #[test]
    fn buffer_unordered_keeps_two_in_flight() {
        let run = with_three_panels(two_at_a_time(&PANELS));
        // /medium starts when /fast is done, at 1 s, and takes 2 s.
        assert_times(&run, secs(3), &[("GET /medium", "request sent", secs(1))]);
        assert_screen(&run, secs(3), &[("/fast", 1), ("/slow", 3), ("/medium", 3)]);
    }

    #[test]
    fn buffer_of_zero_never_starts_anything() {
        let run = run(async { tokio::time::timeout(secs(60), buffer_of_zero(&PANELS)).await });
        assert!(run.value.is_err(), "buffer_unordered(0) gave an item");
        assert!(run.trace.events().is_empty(), "{}", run.trace.table());
        // Even on an empty list it never says `None`.
        let run = workbook::run(async { tokio::time::timeout(secs(60), buffer_of_zero(&[])).await });
        assert!(run.value.is_err());
    }

    #[test]
    fn an_empty_futures_unordered_ends_at_once() {
        let run = run(report_each_roll_out(&[]));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn collecting_the_stream_shows_nothing_before_the_end() {
        let run = with_three_panels(collect_then_show(&PANELS));
        // Completion order, but all at 3 s.
        assert_eq!(screen(&run.trace), shown(&[("/fast", 3), ("/medium", 3), ("/slow", 3)]));
    }

    #[test]
    fn while_let_some_ok_stops_at_the_first_failure() {
        let run = run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(2), 503);
            web::set_latency("/fast", secs(1));
            stops_at_first_error(&["/slow", "/broken", "/fast"]).await;
        });
        assert_eq!(screen(&run.trace), shown(&[("/fast", 1)]));
        assert_times(&run, secs(2), &[("GET /slow", "dropped", secs(2))]);
    }
}
