//! Chapter 06 · as_completed: handle results as they arrive.
//!
//! The code the chapter shows, and tests that prove what it says.

use futures::future::{join_all, select_ok};
use futures::stream;
use tokio::task::JoinSet;
use workbook::secs;
use workbook::sim::web::Page;
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
            three_panels();
            let _ = spawned_race(&["/slow", "/fast", "/medium"]).await;
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

/// The chapter's three panels: `/slow` takes 3 s, `/fast` 1 s, `/medium` 2 s.
pub fn three_panels() {
    web::set_latency("/slow", secs(3));
    web::set_latency("/fast", secs(1));
    web::set_latency("/medium", secs(2));
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
use workbook::sim::web;

async fn show_each_page(urls: &[&str]) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        match outcome {
            Ok(page) => show(&page.url), // /fast at 1 s, /medium at 2 s, /slow at 3 s
            Err(error) => show(&format!("failed: {error}")),
        }
    }
    // Here every fetch is done: `next()` gave `None`.
}

#[tokio::main]
pub async fn main() {
    show_each_page(&["/slow", "/fast", "/medium"]).await;
}
// ANCHOR_END: as_completed

/// The same loop over spawned tasks, with a `JoinSet`.
pub async fn show_each_task(urls: &[&str]) {
    // ANCHOR: join_set
    let mut fetches = JoinSet::new();
    for url in urls {
        let url = url.to_string(); // a task owns its data
        fetches.spawn(async move { web::fetch_page(&url).await });
    }
    while let Some(joined) = fetches.join_next().await {
        match joined.expect("a fetch task panicked") {
            Ok(page) => show(&page.url), // in the order they finish, as above
            Err(error) => show(&format!("failed: {error}")),
        }
    }
    // ANCHOR_END: join_set
}

/// The same report is on several mirrors: the first page to come back wins.
pub async fn fastest_mirror(mirrors: &[&str]) -> Option<Page> {
    // ANCHOR: first_success
    let mut in_flight: FuturesUnordered<_> = mirrors.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            return Some(page); // the fetches still in `in_flight` are dropped here
        }
    }
    None // every fetch failed
    // ANCHOR_END: first_success
}

/// The same race over `JoinHandle`s: the right page at the right time, but the other
/// tasks are only let go of, not cancelled.
pub async fn spawned_race(mirrors: &[&str]) -> Option<Page> {
    // ANCHOR: spawned_race
    let mut in_flight: FuturesUnordered<_> = mirrors
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    while let Some(joined) = in_flight.next().await {
        if let Ok(page) = joined.expect("a fetch task panicked") {
            return Some(page); // drops the other handles: their tasks keep running
        }
    }
    None
    // ANCHOR_END: spawned_race
}

/// The same race over a `JoinSet`: returning drops the set, which aborts its tasks.
pub async fn join_set_race(mirrors: &[&str]) -> Option<Page> {
    let mut in_flight = JoinSet::new();
    for url in mirrors {
        let url = url.to_string();
        in_flight.spawn(async move { web::fetch_page(&url).await });
    }
    while let Some(joined) = in_flight.join_next().await {
        if let Ok(page) = joined.expect("a fetch task panicked") {
            return Some(page);
        }
    }
    None
}

/// The first success with `futures::future::select_ok`, which panics on an empty list.
pub async fn fastest_mirror_select_ok(mirrors: &[&str]) -> Option<Page> {
    // ANCHOR: select_ok
    if mirrors.is_empty() {
        return None; // select_ok panics on an empty list
    }
    match select_ok(mirrors.iter().map(|url| Box::pin(web::fetch_page(url)))).await {
        Ok((page, _still_running)) => Some(page), // dropping the rest cancels them
        Err(_last_error) => None,                 // every fetch failed
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
    use workbook::trace::Trace;
    use workbook::{run, then_idle};

    const PANELS: [&str; 3] = ["/slow", "/fast", "/medium"];

    /// When each panel was shown, as (what, when).
    fn screen(trace: &Trace) -> Vec<(String, Duration)> {
        trace.of("screen").map(|e| (e.what.trim_start_matches("shows ").to_string(), e.at)).collect()
    }

    fn shown(order: &[(&str, u64)]) -> Vec<(String, Duration)> {
        order.iter().map(|(what, at)| (what.to_string(), secs(*at))).collect()
    }

    #[test]
    fn join_all_shows_every_panel_at_the_end() {
        let run = run(async {
            three_panels();
            gather_then_show(&PANELS).await;
        });
        assert_eq!(run.virtual_elapsed, secs(3));
        assert_eq!(screen(&run.trace), shown(&[("/slow", 3), ("/fast", 3), ("/medium", 3)]));
    }

    #[test]
    fn futures_unordered_shows_each_panel_as_it_arrives() {
        let run = run(async {
            three_panels();
            show_each_page(&PANELS).await;
        });
        assert_eq!(run.virtual_elapsed, secs(3));
        assert_eq!(screen(&run.trace), shown(&[("/fast", 1), ("/medium", 2), ("/slow", 3)]));
        // All three requests went out at once, on the first `next()`.
        for url in PANELS {
            assert_eq!(run.trace.find(&format!("GET {url}"), "request sent").unwrap().at, Duration::ZERO);
        }
    }

    #[test]
    fn an_error_is_one_more_item() {
        let run = run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(2), 503);
            web::set_latency("/fast", secs(1));
            show_each_page(&["/slow", "/broken", "/fast"]).await;
        });
        let screen = screen(&run.trace);
        assert_eq!(screen.len(), 3);
        assert_eq!(screen[1], ("failed: GET /broken failed with status 503".to_string(), secs(2)));
        assert_eq!(screen[2], ("/slow".to_string(), secs(3)));
    }

    #[test]
    fn a_join_set_gives_tasks_in_completion_order() {
        let run = run(async {
            three_panels();
            show_each_task(&PANELS).await;
        });
        assert_eq!(run.virtual_elapsed, secs(3));
        assert_eq!(screen(&run.trace), shown(&[("/fast", 1), ("/medium", 2), ("/slow", 3)]));
    }

    #[test]
    fn the_first_success_cancels_the_rest() {
        let run = run(async {
            three_panels();
            then_idle(fastest_mirror(&PANELS), secs(5)).await
        });
        let (page, returned_at) = run.value;
        assert_eq!(page.unwrap().url, "/fast");
        assert_eq!(returned_at, secs(1));
        for url in ["GET /slow", "GET /medium"] {
            assert_eq!(run.trace.find(url, "dropped").unwrap().at, secs(1), "{}", run.trace.table());
            assert!(run.trace.find(url, "200 OK").is_none());
        }
    }

    #[test]
    fn a_failure_is_not_an_answer() {
        let run = run(async {
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/slow", secs(3));
            web::set_latency("/medium", secs(2));
            then_idle(fastest_mirror(&["/broken", "/slow", "/medium"]), secs(5)).await
        });
        let (page, returned_at) = run.value;
        assert_eq!(page.unwrap().url, "/medium");
        assert_eq!(returned_at, secs(2));
        assert_eq!(run.trace.find("GET /slow", "dropped").unwrap().at, secs(2));
    }

    #[test]
    fn no_success_is_none_once_the_last_has_failed() {
        let run = run(async {
            web::set_failure("/down", secs(1), 503);
            web::set_failure("/gone", secs(2), 404);
            fastest_mirror(&["/down", "/gone"]).await
        });
        assert!(run.value.is_none());
        assert_eq!(run.virtual_elapsed, secs(2));
        let empty = workbook::run(fastest_mirror(&[]));
        assert!(empty.value.is_none());
        assert_eq!(empty.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn spawned_losers_keep_running() {
        let run = run(async {
            three_panels();
            then_idle(spawned_race(&PANELS), secs(5)).await
        });
        let (page, returned_at) = run.value;
        assert_eq!(page.unwrap().url, "/fast");
        assert_eq!(returned_at, secs(1));
        assert_eq!(run.trace.find("GET /medium", "200 OK").unwrap().at, secs(2));
        assert_eq!(run.trace.find("GET /slow", "200 OK").unwrap().at, secs(3));
    }

    #[test]
    fn a_join_set_race_aborts_the_losers() {
        let run = run(async {
            three_panels();
            then_idle(join_set_race(&PANELS), secs(5)).await
        });
        assert_eq!(run.value.0.unwrap().url, "/fast");
        assert!(run.trace.find("GET /slow", "dropped").is_some(), "{}", run.trace.table());
        assert!(run.trace.find("GET /slow", "200 OK").is_none());
    }

    #[test]
    fn select_ok_finds_the_first_success_too() {
        let run = run(async {
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/slow", secs(3));
            web::set_latency("/medium", secs(2));
            then_idle(fastest_mirror_select_ok(&["/broken", "/slow", "/medium"]), secs(5)).await
        });
        assert_eq!(run.value.0.unwrap().url, "/medium");
        assert_eq!(run.value.1, secs(2));
        assert!(run.trace.find("GET /slow", "dropped").is_some());
        assert!(workbook::run(fastest_mirror_select_ok(&[])).value.is_none());
    }

    #[test]
    #[should_panic(expected = "empty")]
    fn select_ok_panics_on_an_empty_list() {
        let no_fetches: Vec<std::future::Ready<Result<Page, web::FetchError>>> = Vec::new();
        let _ = run(select_ok(no_fetches));
    }

    #[test]
    fn buffer_unordered_keeps_two_in_flight() {
        let run = run(async {
            three_panels();
            two_at_a_time(&PANELS).await;
        });
        // /medium starts when /fast is done, at 1 s, and takes 2 s.
        assert_eq!(run.trace.find("GET /medium", "request sent").unwrap().at, secs(1));
        assert_eq!(screen(&run.trace), shown(&[("/fast", 1), ("/slow", 3), ("/medium", 3)]));
        assert_eq!(run.virtual_elapsed, secs(3));
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
        let run = run(show_each_page(&[]));
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn collecting_the_stream_shows_nothing_before_the_end() {
        let run = run(async {
            three_panels();
            collect_then_show(&PANELS).await;
        });
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
        assert_eq!(run.virtual_elapsed, secs(2));
        assert_eq!(run.trace.find("GET /slow", "dropped").unwrap().at, secs(2));
    }
}
