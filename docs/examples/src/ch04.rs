//! Chapter 04 · gather: run futures together, get results in order.
//!
//! The code the chapter shows, and tests that prove what it says.

use futures::future::{join_all, try_join_all};
use workbook::secs;
use workbook::sim::web::{self, FetchError, Page};
use workbook::sim::{db, station};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch04::dashboard_one_by_one", || Picture::of(dashboard_one_by_one())),
    ("ch04::spawned_siblings", || {
        Picture::of(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/medium", secs(2));
            let _ = try_join_spawned(&["/slow", "/broken", "/medium"]).await;
            // The caller has its error at 1 s; keep watching what the tasks do.
            tokio::time::sleep(secs(3)).await;
        })
    }),
];

// ANCHOR: three_pages
// `web::fetch_page` is the workbook's simulated server: each page takes 1 s.
async fn fetch_three() -> Vec<Result<Page, FetchError>> {
    let clock = tokio::time::Instant::now();
    let (a, b, c) = tokio::join!(web::fetch_page("/a"), web::fetch_page("/b"), web::fetch_page("/c"));
    println!("{:.1} s", clock.elapsed().as_secs_f64()); // 1.0 s, not 3.0 s
    vec![a, b, c]
}

#[tokio::main]
pub async fn main() {
    let pages = fetch_three().await;
    println!("{pages:?}");
}
// ANCHOR_END: three_pages

/// The dashboard's three panels, awaited one after the other: 1 s + 1 s + 0.5 s.
pub async fn dashboard_one_by_one() {
    // ANCHOR: one_by_one
    let headlines = web::fetch_page("/news").await; // 1 s
    let temperature = station::read_sensor("thermometer").await; // then 1 s more
    let orders = db::query("SELECT * FROM orders").await; // then 0.5 s more
    // ANCHOR_END: one_by_one
    drop((headlines, temperature, orders));
}

/// The tools tokio and `futures` offer instead of one `gather`.
pub async fn tools(urls: &[&str]) -> Result<(), FetchError> {
    // ANCHOR: tools
    use futures::future::{join_all, try_join_all};

    // A fixed set of futures, possibly of different types: a tuple comes back.
    let (a, b, c) = tokio::join!(web::fetch_page("/a"), web::fetch_page("/b"), web::fetch_page("/c"));

    // A list you only know at run time: a Vec comes back, in the order of the input.
    let outcomes = join_all(urls.iter().map(|url| web::fetch_page(url))).await;

    // All or nothing: Ok with every value, or the first Err as soon as it happens.
    let (news, weather) = tokio::try_join!(web::fetch_page("/news"), web::fetch_page("/weather"))?;
    let pages = try_join_all(urls.iter().map(|url| web::fetch_page(url))).await?;
    // ANCHOR_END: tools
    drop((a, b, c, outcomes, news, weather, pages));
    Ok(())
}

/// Each page as soon as it arrives, in completion order.
pub async fn as_they_arrive(urls: &[&str]) -> Vec<String> {
    let mut shown = Vec::new();
    let mut show = |outcome: Result<Page, FetchError>| match outcome {
        Ok(page) => shown.push(page.url),
        Err(error) => shown.push(error.url),
    };
    // ANCHOR: unordered
    use futures::stream::{FuturesUnordered, StreamExt};

    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome); // /fast first, /slow last
    }
    // ANCHOR_END: unordered
    shown
}

/// Every outcome, and the first error, the slow way: after the slowest fetch.
pub async fn everything_then_errors(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // ANCHOR: wait_then_check
    let outcomes = join_all(urls.iter().map(|url| web::fetch_page(url))).await;
    outcomes.into_iter().collect::<Result<Vec<Page>, FetchError>>() // the right error, but late
    // ANCHOR_END: wait_then_check
}

/// The spawn-based all-or-nothing: returns the error in time, but cancels nothing.
pub async fn try_join_spawned(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // ANCHOR: spawned
    let handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    try_join_all(handles.into_iter().map(|handle| async move { handle.await.expect("a fetch panicked") })).await
    // ANCHOR_END: spawned
}

/// The same with a `JoinSet`: dropping the set aborts what is still running.
pub async fn try_join_set(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // ANCHOR: join_set
    let mut set = tokio::task::JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        let url = url.to_string();
        set.spawn(async move { (i, web::fetch_page(&url).await) });
    }
    let mut pages = vec![None; urls.len()];
    while let Some(joined) = set.join_next().await {
        let (i, outcome) = joined.expect("a fetch panicked");
        pages[i] = Some(outcome?); // on an error, `set` is dropped: the others are aborted
    }
    Ok(pages.into_iter().flatten().collect())
    // ANCHOR_END: join_set
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{millis, run};

    #[test]
    fn three_fetches_take_one_second_not_three() {
        let run = run(fetch_three());
        assert_eq!(run.virtual_elapsed, secs(1));
        assert!(run.value.iter().all(Result::is_ok));
    }

    #[test]
    fn one_by_one_the_waits_add_up() {
        assert_eq!(run(dashboard_one_by_one()).virtual_elapsed, millis(2500));
    }

    #[test]
    fn the_tools_run_their_futures_together() {
        let run = run(tools(&["/x", "/y"]));
        assert!(run.value.is_ok());
        // join!, join_all, try_join! and try_join_all, one after the other: 1 s each.
        assert_eq!(run.virtual_elapsed, secs(4));
    }

    #[test]
    fn futures_unordered_yields_in_completion_order() {
        let run = run(async {
            crate::ch06::three_panels();
            as_they_arrive(&["/slow", "/fast", "/medium"]).await
        });
        assert_eq!(run.value, ["/fast", "/medium", "/slow"]);
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    fn failing(
        urls_call: impl FnOnce() -> std::pin::Pin<Box<dyn Future<Output = Result<Vec<Page>, FetchError>>>>,
    ) -> workbook::Run<Result<Vec<Page>, FetchError>> {
        run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/medium", secs(2));
            let outcome = urls_call().await;
            // Let whatever is left run, to see whether it was cancelled.
            tokio::time::sleep(secs(5)).await;
            outcome
        })
    }

    #[test]
    fn waiting_for_everything_finds_the_error_only_at_the_end() {
        let run = run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(1), 503);
            everything_then_errors(&["/slow", "/broken"]).await
        });
        assert_eq!(run.value.unwrap_err().status, 503);
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn spawned_tasks_keep_running_after_the_error() {
        let run = failing(|| Box::pin(try_join_spawned(&["/slow", "/broken", "/medium"])));
        assert_eq!(run.value.unwrap_err().status, 503);
        assert!(run.trace.find("GET /slow", "200 OK").is_some(), "a detached task finishes:\n{}", run.trace.table());
    }

    #[test]
    fn a_join_set_aborts_the_rest_when_dropped() {
        let run = failing(|| Box::pin(try_join_set(&["/slow", "/broken", "/medium"])));
        assert_eq!(run.value.unwrap_err().status, 503);
        assert!(run.trace.find("GET /slow", "dropped").is_some(), "{}", run.trace.table());
        assert!(run.trace.find("GET /slow", "200 OK").is_none());
    }
}
