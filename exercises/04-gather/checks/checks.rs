//! The checks of exercise 04. Read them if you like; `grader check` notices edits.

use super::*;
use futures::FutureExt as _;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;
use workbook::sim::web::{self, FetchError, Page};
use workbook::trace::{Kind, Trace};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// Fetches `urls` with `fetch`, then idles 5 s more, so the trace shows what the
/// other fetches did after the call returned. Returns the outcome and when it came.
async fn then_watch<T>(call: impl std::future::Future<Output = T>) -> (T, std::time::Duration) {
    workbook::then_idle(call, secs(5)).await
}

/// One page of a scenario: its URL, how long it takes, and the error status it
/// answers with, if it fails.
type Site = (&'static str, u64, Option<u16>);

/// Sets up the pages of a scenario (latencies in milliseconds), inside the run.
fn set_up(sites: &[Site]) {
    for &(url, ms, failure) in sites {
        match failure {
            Some(status) => web::set_failure(url, millis(ms), status),
            None => web::set_latency(url, millis(ms)),
        }
    }
}

/// The scenario in words, for the messages: `/slow 3.000s, /broken 1.000s (503)`.
fn describe(sites: &[Site]) -> String {
    let parts: Vec<String> = sites
        .iter()
        .map(|&(url, ms, failure)| match failure {
            Some(status) => format!("{url} fails with {status} after {}", format_secs(millis(ms))),
            None => format!("{url} takes {}", format_secs(millis(ms))),
        })
        .collect();
    parts.join(", ")
}

fn urls_of(sites: &[Site]) -> Vec<&'static str> {
    sites.iter().map(|s| s.0).collect()
}

/// What the web service's ledger (the trace) says about `url`: how many requests
/// were sent, and how and when the first one ended.
struct Served<'a> {
    requests: usize,
    end: Option<(&'a str, Kind, Duration)>,
}

fn served<'a>(trace: &'a Trace, url: &str) -> Served<'a> {
    let actor = format!("GET {url}");
    let requests = trace.events().iter().filter(|e| e.actor == actor && e.kind == Kind::Begin).count();
    let end = trace
        .events()
        .iter()
        .find(|e| e.actor == actor && matches!(e.kind, Kind::End | Kind::Dropped))
        .map(|e| (e.what.as_str(), e.kind, e.at));
    Served { requests, end }
}

/// What the service recorded for `url`, in words.
fn ledger_says(served: &Served<'_>, url: &str) -> String {
    match (served.requests, served.end) {
        (0, _) => format!("the web service never received a request for {url}"),
        (_, None) => format!("the request for {url} was still running"),
        (_, Some((_, Kind::Dropped, at))) => {
            format!("the request for {url} was dropped (cancelled) at {} before it was answered", format_secs(at))
        }
        (_, Some((what, _, at))) => format!("the web service answered {url} with `{what}` at {}", format_secs(at)),
    }
}

/// Fails unless `outcome` is what the web service really answered for `url`: a
/// value made by hand, or taken from another URL's call, does not count.
fn tie_to_call<T>(run: &Run<T>, what: &str, url: &str, outcome: &Result<Page, FetchError>) {
    let served = served(&run.trace, url);
    let answered = match served.end {
        Some((text, Kind::End, _)) => Some(text),
        _ => None,
    };
    let matches = match outcome {
        Ok(page) => page.url == url && page.body == format!("<h1>{url}</h1>") && answered == Some("200 OK"),
        Err(e) => e.url == url && answered == Some(format!("{} error", e.status).as_str()),
    };
    if !matches {
        let cause = if outcome.is_err() && made_up_for_a_deadline(run, &served) { DEADLINE } else { "" };
        run.fail(format!(
            "{what} is {}, but {} (the trace is the service's record of every call).\n\
             Every outcome you return must be the value `web::fetch_page({url:?})` gave back in this run; \
             a value built by hand, or taken from another call, does not match any call the service served.{cause}",
            show(outcome),
            ledger_says(&served, url)
        ));
    }
    if served.requests > 1 {
        run.fail(format!(
            "{url} was requested {} times; it should be fetched once. Each `web::fetch_page` call \
             (or each time a new future of it is made and awaited) sends a request.",
            served.requests
        ));
    }
}

/// Whether an error for this fetch can only be one of the function's own making: the
/// fetch never ended, or was cancelled on its way at an instant when no fetch ended
/// (a deadline's, not the service's).
fn made_up_for_a_deadline<T>(run: &Run<T>, served: &Served<'_>) -> bool {
    match served.end {
        None => served.requests > 0,
        Some((_, Kind::Dropped, at)) => !run.trace.events().iter().any(|e| e.kind == Kind::End && e.at == at),
        _ => false,
    }
}

/// The cause to name when [`made_up_for_a_deadline`].
const DEADLINE: &str = "\nThe service failed nothing: the fetch was still on its way, and nothing else ended then. \
     A possible cause: a deadline of your own (`tokio::time::timeout`, or a `select!` against a `sleep`) and an \
     error made for it. A slow page is not a failed one: wait for it as long as it takes, and return only what \
     `web::fetch_page` gave back.";

fn show(outcome: &Result<Page, FetchError>) -> String {
    match outcome {
        Ok(page) => format!("Ok(page of {})", page.url),
        Err(e) => format!("Err({} from {})", e.status, e.url),
    }
}

fn url_of(outcome: &Result<Page, FetchError>) -> &str {
    match outcome {
        Ok(page) => &page.url,
        Err(e) => &e.url,
    }
}

/// Runs `fetch_all` on a scenario and checks what a gather must give: one outcome per
/// URL, in input order, each the value its own call returned, after as long as the
/// slowest page.
fn check_fetch_all(sites: &'static [Site]) -> Run<Vec<Result<Page, FetchError>>> {
    let run = workbook::run(async move {
        set_up(sites);
        fetch_all(&urls_of(sites)).await
    });
    let urls = urls_of(sites);
    run.ensure(
        run.value.len() == urls.len(),
        format!("Expected {} outcomes, one per URL of {urls:?}; got {}.", urls.len(), run.value.len()),
    );
    let order: Vec<&str> = run.value.iter().map(url_of).collect();
    if order != urls {
        let mut finished: Vec<(Duration, &str)> =
            urls.iter().filter_map(|url| served(&run.trace, url).end.map(|(_, _, at)| (at, *url))).collect();
        finished.sort();
        let finished: Vec<&str> = finished.into_iter().map(|(_, url)| url).collect();
        let mut sorted = urls.clone();
        sorted.sort();
        let reading = if order == finished && order == sorted {
            "That is the order the fetches finished in (completion order), and also the URLs sorted by name."
        } else if order == finished {
            "That is the order the fetches finished in (completion order)."
        } else if order == sorted {
            "That is the URLs sorted by name, not their input order."
        } else {
            "That is neither the input order nor the order they finished in."
        };
        run.fail(format!(
            "Here {}.\nThe results came back as {order:?}, but the URLs were {urls:?}. {reading}\n\
             Like asyncio.gather, fetch_all must return results in the order of its input, \
             whatever order they finished in. `join_all` does that; collecting from \
             `FuturesUnordered` gives completion order instead.",
            describe(sites)
        ));
    }
    for (i, (url, outcome)) in urls.iter().zip(&run.value).enumerate() {
        tie_to_call(&run, &format!("Outcome {i} (for {url})"), url, outcome);
    }
    let slowest = sites.iter().map(|s| millis(s.1)).max().unwrap_or_default();
    run.assert_elapsed(slowest);
    run
}

/// Runs `fetch_all_or_nothing` on a scenario where every page is up: `Ok` with every
/// page, in input order, each from its own call, after as long as the slowest.
fn check_all_pages(sites: &'static [Site]) {
    let run = workbook::run(async move {
        set_up(sites);
        fetch_all_or_nothing(&urls_of(sites)).await
    });
    let urls = urls_of(sites);
    match &run.value {
        Ok(pages) => {
            let got: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
            run.ensure(
                got == urls,
                format!(
                    "Here {}.\nExpected the pages of {urls:?} in that order; got {got:?}. \
                     `try_join_all` keeps the input order, whatever order the fetches finish in.",
                    describe(sites)
                ),
            );
            for (url, page) in urls.iter().zip(pages) {
                tie_to_call(&run, &format!("The page for {url}"), url, &Ok(page.clone()));
            }
        }
        Err(e) => {
            tie_to_call(&run, "The error", &e.url, &Err(e.clone()));
            run.fail(format!("Every page was up, but fetch_all_or_nothing returned the error `{e}`."))
        }
    }
    let slowest = sites.iter().map(|s| millis(s.1)).max().unwrap_or_default();
    run.assert_elapsed(slowest);
}

/// What the trace shows about a late return of `first_url`'s error: the instant it
/// came back at (its own fetch started late, or another fetch ended then), and the
/// causes that fit.
fn late_error_reading(
    run: &Run<(Result<Vec<Page>, FetchError>, Duration)>,
    sites: &[Site],
    first_url: &str,
    returned_at: Duration,
) -> (String, &'static str) {
    // Which other fetch ended at the instant it returned, if any.
    let ends: Vec<(&str, Duration)> = sites
        .iter()
        .filter(|s| s.0 != first_url)
        .filter_map(|s| served(&run.trace, s.0).end.map(|(_, _, at)| (s.0, at)))
        .collect();
    let last_end = ends.iter().map(|e| e.1).max();
    let actor = format!("GET {first_url}");
    let began = run.trace.events().iter().find(|e| e.actor == actor && e.kind == Kind::Begin).map(|e| e.at);
    let failed_then = served(&run.trace, first_url).end.map(|(_, _, at)| at);
    let late_start = began.is_some_and(|b| b > Duration::ZERO) && failed_then == Some(returned_at);
    let reading = match (began, ends.iter().find(|e| e.1 == returned_at)) {
        (Some(began), _) if began > Duration::ZERO && failed_then == Some(returned_at) => format!(
            "the instant its own fetch failed: its request went out only at {}{}, so it failed {} late",
            format_secs(began),
            match ends.iter().find(|e| e.1 == began) {
                Some((url, _)) => format!(", the instant {url} ended"),
                None => String::new(),
            },
            format_secs(began)
        ),
        (_, Some(_)) if last_end == Some(returned_at) => {
            "the instant the last of the other fetches ended, as if it waited for the other fetches \
             before looking at the error"
                .to_string()
        }
        (_, Some((url, _))) => format!("the instant {url} ended"),
        (_, None) => "an instant when no fetch ended".to_string(),
    };
    let causes = if late_start {
        "The fetches did not all start at once. Possible cause: awaiting each fetch before starting the \
         next, which runs them one after another."
    } else {
        "Possible causes: waiting for every fetch, then looking at the results. That is what gather \
         does (or what awaiting them one by one in input order does)."
    };
    (reading, causes)
}

/// Runs `fetch_all_or_nothing` on a scenario where some page fails, and checks that
/// the first failure (in time) comes back as soon as it happens and that every other
/// fetch is dropped at that moment. Returns the run for its trace snapshot.
fn check_first_error(sites: &'static [Site]) -> Run<(Result<Vec<Page>, FetchError>, Duration)> {
    let run = workbook::run(async move {
        set_up(sites);
        then_watch(fetch_all_or_nothing(&urls_of(sites))).await
    });
    let &(first_url, first_ms, first_status) =
        sites.iter().filter(|s| s.2.is_some()).min_by_key(|s| s.1).expect("a scenario with a failure");
    let (first_status, failed_at) = (first_status.unwrap_or_default(), millis(first_ms));
    let (outcome, returned_at) = &run.value;
    match outcome {
        Err(e) => {
            run.ensure(
                e.url == first_url && e.status == first_status,
                format!(
                    "Here {}.\nThe first fetch to fail was {first_url} ({first_status}) at {}, but \
                     fetch_all_or_nothing returned `{e}`. `try_join_all` returns the first error to happen.",
                    describe(sites),
                    format_secs(failed_at)
                ),
            );
            tie_to_call(&run, "The error", first_url, &Err(e.clone()));
        }
        Ok(_) => run.fail(format!(
            "{first_url} failed with {first_status}, but fetch_all_or_nothing returned Ok: the error must come back as Err."
        )),
    }
    // ANCHOR: late_error
    if *returned_at > failed_at {
        let (reading, causes) = late_error_reading(&run, sites, first_url, *returned_at);
        run.fail(format!(
            "Here {}.\nWith every fetch started at once, {first_url} fails at {}, but fetch_all_or_nothing \
             returned only at {}, {reading}.\n{causes} Here we want the error as soon as it happens: \
             `try_join_all` (or `tokio::try_join!`) returns at the first Err and drops the rest.",
            describe(sites),
            format_secs(failed_at),
            format_secs(*returned_at)
        ));
    }
    // ANCHOR_END: late_error
    let kept_running: Vec<String> = sites
        .iter()
        .filter(|s| s.0 != first_url)
        .filter_map(|s| match served(&run.trace, s.0).end {
            Some((what, Kind::End, at)) if at > failed_at => Some(format!("{} ({what} at {})", s.0, format_secs(at))),
            _ => None,
        })
        .collect();
    if !kept_running.is_empty() {
        run.fail(format!(
            "fetch_all_or_nothing returned at {}, but the other fetches kept running after \
             it returned: the trace shows {} finishing later.\n\
             A fetch goes on after the function returns when something other than the function \
             owns it: typically a spawned task, which keeps running when its JoinHandle is dropped \
             (nobody cancels it). Join the fetch futures themselves with `try_join_all`, so \
             dropping them cancels them.",
            format_secs(*returned_at),
            kept_running.join(", ")
        ));
    }
    run
}

/// The lesson when a function panics on an empty list of URLs (`{call}`, `{then}`).
const EMPTY_LIST_PANIC: &str = "{call} panicked (the panic is shown below): with no URLs there \
     is nothing to fetch, so it should {then}, the way `asyncio.gather()` with nothing to gather \
     returns `[]`.\n\
     A possible cause: `futures::future::select_all` and `select_ok` panic when they are given an empty \
     list: check for that first (`if urls.is_empty() { .. }`). `join_all`, `try_join_all`, an empty \
     `FuturesUnordered` or `JoinSet` need no such check.";

/// Calls `call` (one of the functions, given no URLs) and fails unless it gives back
/// what `ok` accepts at once: no panic, no wait, no hang.
fn check_no_urls<T: 'static>(call: impl Future<Output = T> + 'static, name: &str, then: &str, ok: impl Fn(&T) -> bool) {
    let run = workbook::run(async move { tokio::time::timeout(secs(60), AssertUnwindSafe(call).catch_unwind()).await });
    match &run.value {
        Ok(Ok(value)) => run.ensure(
            ok(value),
            format!("{name}(&[]) gave back something other than nothing: with no URLs, it should {then}."),
        ),
        Ok(Err(_)) => run.fail(EMPTY_LIST_PANIC.replace("{call}", &format!("{name}(&[])")).replace("{then}", then)),
        Err(_) => run.fail(format!(
            "{name}(&[]) never returned: with no URLs there is nothing to wait for, so it should {then}.\n\
             A possible cause: `buffered(n)` or `buffer_unordered(n)` with n = 0 (`urls.len()` of an empty \
             list) never takes a future from its input, so it waits forever: give it at least 1 \
             (`urls.len().max(1)`). `join_all` and `try_join_all` of nothing end right away."
        )),
    }
    run.assert_elapsed(Duration::ZERO);
}

/// The thermometer's reading, as the weather station gives it.
const THERMOMETER: f64 = 21.5;

/// A dashboard scenario: how long /news takes and whether it fails, how long the
/// orders query takes; the thermometer always takes 1 s.
struct DashboardScenario {
    news_ms: u64,
    news_failure: Option<u16>,
    query_ms: u64,
}

fn check_dashboard(s: &'static DashboardScenario) {
    let run = workbook::run(async move {
        match s.news_failure {
            Some(status) => web::set_failure("/news", millis(s.news_ms), status),
            None => web::set_latency("/news", millis(s.news_ms)),
        }
        workbook::sim::db::set_latency(millis(s.query_ms));
        load_dashboard().await
    });
    let scenario = format!(
        "Here /news {} after {}, the thermometer takes 1.000s and the orders query {}.",
        match s.news_failure {
            Some(status) => format!("fails with {status}"),
            None => "answers".to_string(),
        },
        format_secs(millis(s.news_ms)),
        format_secs(millis(s.query_ms))
    );
    let d = &run.value;
    if let Err(e) = &d.headlines
        && s.news_failure.is_none()
    {
        let served = served(&run.trace, "/news");
        run.fail(format!(
            "{scenario}\nThe headlines panel should hold the /news page; it holds the error `{e}`, but {}.{}",
            ledger_says(&served, "/news"),
            if made_up_for_a_deadline(&run, &served) { DEADLINE } else { "" }
        ));
    }
    tie_to_call(&run, &format!("{scenario}\nThe headlines panel"), "/news", &d.headlines);
    let sensor = run.trace.find("read thermometer", "reading ready");
    run.ensure(
        d.temperature.sensor == "thermometer" && d.temperature.value == THERMOMETER && sensor.is_some(),
        format!(
            "{scenario}\nThe temperature panel holds {:?}, but {}. It must hold the reading that \
             `station::read_sensor(\"thermometer\")` returned in this run.",
            d.temperature,
            if sensor.is_some() {
                "the thermometer read 21.5".to_string()
            } else {
                "the weather station recorded no finished read of the thermometer in this run".to_string()
            }
        ),
    );
    let query = run.trace.of("db").any(|e| e.kind == Kind::Begin && e.what == "query: SELECT * FROM orders");
    let answered = run.trace.of("db").any(|e| e.kind == Kind::End);
    run.ensure(
        d.orders.sql == "SELECT * FROM orders" && d.orders.count == 3 && query && answered,
        format!(
            "{scenario}\nThe orders panel holds {:?}, but {}. It must hold the rows that \
             `db::query(\"SELECT * FROM orders\")` returned in this run.",
            d.orders,
            if !query {
                "the database recorded no `SELECT * FROM orders` query in this run"
            } else if !answered {
                "the database never finished the query"
            } else {
                "the database answered that query with 3 rows"
            }
        ),
    );
    run.assert_elapsed(millis(s.news_ms.max(1000).max(s.query_ms)));
}

workbook::checks! {
    fn dashboard_panels_load_together() {
        // /news 1 s, thermometer 1 s, orders query 0.5 s: together, as long as the slowest.
        // Then the news is slowest and fails, then the query is slowest: each panel must
        // hold what its own call returned.
        // Last, the news takes 90 s, longer than any deadline of one's own: slow is not failed.
        static SCENARIOS: [DashboardScenario; 4] = [
            DashboardScenario { news_ms: 1000, news_failure: None, query_ms: 500 },
            DashboardScenario { news_ms: 1337, news_failure: Some(503), query_ms: 800 },
            DashboardScenario { news_ms: 600, news_failure: None, query_ms: 2250 },
            DashboardScenario { news_ms: 90_000, news_failure: None, query_ms: 500 },
        ];
        for scenario in &SCENARIOS {
            check_dashboard(scenario);
        }
    }

    // ANCHOR: three_fetches
    fn three_fetches_take_one_second() {
        let run = workbook::run(fetch_all(&["/a", "/b", "/c"]));
        run.ensure(run.value.len() == 3, format!("Expected 3 outcomes, one per URL; got {}.", run.value.len()));
        // Each outcome must be what the web service answered for its URL in this run.
        for (url, outcome) in ["/a", "/b", "/c"].iter().zip(&run.value) {
            tie_to_call(&run, &format!("The outcome for {url}"), url, outcome);
        }
        run.assert_elapsed(secs(1));
    }
    // ANCHOR_END: three_fetches

    fn results_keep_input_order() {
        // Completion order fast, medium, slow; and in the second scenario, completion
        // order, input order and the sorted URLs all differ.
        let run = check_fetch_all(&[("/slow", 3000, None), ("/fast", 1000, None), ("/medium", 2000, None)]);
        assert_trace!(run, "results_keep_input_order");
        check_fetch_all(&[("/d", 600, None), ("/b", 1800, None), ("/a", 1200, None), ("/c", 300, None)]);
        // A page slower than any deadline of one's own (10 s, 30 s, 60 s): slow is not failed.
        check_fetch_all(&[("/archive", 90_000, None), ("/home", 400, None)]);
        // And no URLs in, no outcomes out, at once.
        check_no_urls(fetch_all(&[]), "fetch_all", "return an empty Vec at once", Vec::is_empty);
    }

    fn gather_lets_siblings_finish() {
        // A failure in the middle, then failures first and last with distinct statuses.
        let run = check_fetch_all(&[("/news", 1000, None), ("/broken", 1000, Some(503)), ("/slow", 3000, None)]);
        assert_trace!(run, "gather_lets_siblings_finish");
        check_fetch_all(&[("/down", 400, Some(500)), ("/slow", 2500, None), ("/ok", 1100, None), ("/gone", 1900, Some(404))]);
        check_fetch_all(&[("/b", 1600, None), ("/a", 900, None), ("/broken", 700, Some(503))]);
    }

    fn all_or_nothing_returns_pages_in_order() {
        check_all_pages(&[("/a", 1000, None), ("/b", 500, None), ("/c", 1000, None)]);
        check_all_pages(&[("/d", 1200, None), ("/b", 400, None), ("/c", 900, None), ("/a", 700, None)]);
        check_all_pages(&[("/archive", 90_000, None), ("/home", 400, None)]);
        check_no_urls(fetch_all_or_nothing(&[]), "fetch_all_or_nothing", "return `Ok` with no pages at once", |pages| {
            pages.as_ref().is_ok_and(Vec::is_empty)
        });
    }

    fn try_join_drops_siblings() {
        // The failure in the middle, first, last; then two failures, the later-listed
        // one first in time.
        let run = check_first_error(&[("/slow", 3000, None), ("/broken", 1000, Some(503)), ("/medium", 2000, None)]);
        assert_trace!(run, "try_join_drops_siblings");
        check_first_error(&[("/broken", 800, Some(503)), ("/slow", 2000, None), ("/medium", 1500, None)]);
        check_first_error(&[("/slow", 2200, None), ("/medium", 1300, None), ("/broken", 600, Some(502))]);
        check_first_error(&[("/late", 1700, Some(500)), ("/ok", 2400, None), ("/early", 900, Some(404))]);
    }
}
