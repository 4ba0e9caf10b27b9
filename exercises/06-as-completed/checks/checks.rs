//! The checks of exercise 06. Read them if you like; `grader check` notices edits.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt as _;

use super::*;
use workbook::sim::web::{self, Page};
use workbook::trace::{Event, Kind, Trace, note};
use workbook::{Run, assert_trace, format_secs, secs};

/// The lesson when a function panics on an empty list of URLs (`{call}`, `{then}`).
const EMPTY_LIST_PANIC: &str = "{call} panicked (the panic is shown below): with no URLs there \
     is nothing to wait for, so it should {then}.\n\
     A possible cause: `futures::future::select_ok` and `select_all` panic when they are given an empty list: check \
     for that first (`if urls.is_empty() { .. }`). An empty `FuturesUnordered` or `JoinSet` needs \
     no such check: its `.next().await` (`.join_next().await`) gives `None` right away.";

/// One call of `show`: the URL of the outcome it was given, and when.
#[derive(Debug)]
struct Shown {
    url: String,
    at: Duration,
    /// What `show` was given (`None` once moved out for the checks' own use).
    outcome: Option<Result<Page, web::FetchError>>,
}

/// Calls `show_as_they_arrive(urls, ..)` with a `show` that puts each outcome on the
/// screen: a `screen` line in the trace, at the instant `show` was called. Gives back
/// what was shown, and when.
async fn show_on_screen(urls: &[&str]) -> Vec<Shown> {
    let start = tokio::time::Instant::now();
    let mut shown = Vec::new();
    show_as_they_arrive(urls, |outcome| {
        let url = match &outcome {
            Ok(page) => {
                note("screen", &format!("shows {}", page.url));
                page.url.clone()
            }
            Err(error) => {
                note("screen", &format!("shows {}: error {}", error.url, error.status));
                error.url.clone()
            }
        };
        shown.push(Shown { url, at: start.elapsed(), outcome: Some(outcome) });
    })
    .await;
    shown
}

/// Awaits `call`, then idles 5 s more, so the trace also shows what the other fetches
/// did after the call returned. Gives back the outcome and when it came.
async fn then_watch<T>(call: impl Future<Output = T>) -> (T, Duration) {
    workbook::then_idle(call, secs(5)).await
}

/// One page of a scenario: its URL, how long it takes, and the error status it
/// answers with, if it fails.
#[derive(Clone, Copy)]
struct Site {
    url: &'static str,
    after: Duration,
    error: Option<u16>,
}

/// A page that answers `200 OK` after `after`.
const fn ok(url: &'static str, after: Duration) -> Site {
    Site { url, after, error: None }
}

/// A page that fails with `status` after `after`.
const fn fails(url: &'static str, after: Duration, status: u16) -> Site {
    Site { url, after, error: Some(status) }
}

const fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Tells the simulated web server how each page of `sites` behaves in this run.
fn serve(sites: &[Site]) {
    for site in sites {
        match site.error {
            Some(status) => web::set_failure(site.url, site.after, status),
            None => web::set_latency(site.url, site.after),
        }
    }
}

fn urls_of(sites: &[Site]) -> Vec<&'static str> {
    sites.iter().map(|site| site.url).collect()
}

/// When the last page of `sites` is in.
fn slowest(sites: &[Site]) -> Duration {
    sites.iter().map(|site| site.after).max().unwrap_or_default()
}

/// The first page to answer `200 OK`, and when.
fn winner(sites: &[Site]) -> Option<(&'static str, Duration)> {
    sites.iter().filter(|site| site.error.is_none()).min_by_key(|site| site.after).map(|site| (site.url, site.after))
}

/// The scenarios. The first of each check is the one its chapter draws. The others
/// are there so that no shortcut lands on the right answer: latencies that are not
/// round, an order of arrival that is neither the order of the list, nor its reverse,
/// nor the alphabetical order of the URLs, and failures before, between and after the
/// pages, more than one before the first page.
/// A page that takes longer than any deadline a learner might set of their own (10 s,
/// 30 s, 60 s): slow is not failed, and the page must still be waited for.
const GLACIAL: Duration = secs_(90);

const SHOW: [&[Site]; 3] = [
    &[ok("/slow", secs_(3)), ok("/fast", secs_(1)), ok("/medium", secs_(2))],
    &[ok("/home", ms(250)), ok("/about", ms(2900)), ok("/news", ms(1337)), ok("/blog", ms(800))],
    &[ok("/archive", GLACIAL), ok("/home", ms(400))],
];
const WITH_FAILURES: [&[Site]; 2] = [
    &[ok("/slow", secs_(3)), fails("/broken", secs_(2), 503), ok("/fast", secs_(1))],
    &[
        fails("/ads", ms(500), 503),
        ok("/news", ms(2200)),
        fails("/cdn", ms(1250), 500),
        ok("/shop", ms(1337)),
        fails("/about", ms(100), 404),
        ok("/blog", ms(2600)),
    ],
];
const FIRST: [&[Site]; 2] = [
    &[ok("/slow", secs_(3)), ok("/fast", secs_(1)), ok("/medium", secs_(2))],
    &[ok("/news", ms(1337)), ok("/about", ms(2900)), ok("/blog", ms(850)), ok("/home", ms(1200))],
];
const SKIP_FAILURES: [&[Site]; 3] = [
    &[fails("/broken", secs_(1), 503), ok("/slow", secs_(3)), ok("/medium", secs_(2))],
    WITH_FAILURES[1],
    &[fails("/mirror", ms(700), 503), ok("/archive", GLACIAL)],
];
const NONE_ANSWERS: [&[Site]; 2] = [
    &[fails("/down", secs_(1), 503), fails("/gone", secs_(2), 404)],
    &[fails("/old", ms(300), 404), fails("/busy", ms(1700), 503), fails("/bug", ms(900), 500)],
];

const fn secs_(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Fails unless every `Ok` shown, or returned, is a page the server really served:
/// a fetch of its URL that ended `200 OK` by `at`, with the body it sent.
fn ensure_served<T>(run: &Run<T>, page: &Page, at: Duration) {
    // `fetch_page` sends `<h1>{url}</h1>` for every page.
    let served = answered_at(&run.trace, &page.url)
        .filter(|&end| end <= at)
        .and_then(|_| fetch_event(&run.trace, &page.url, Kind::End))
        .is_some_and(|end| end.what == "200 OK");
    if !served || page.body != format!("<h1>{}</h1>", page.url) {
        run.fail(format!(
            "A page for {} came out of your function at {}, but the server served no such page by then \
             (the trace shows every fetch, and what it answered):\n  {page:?}\n\
             Every page must be the one `web::fetch_page` returned, passed on as it is: don't build a \
             `Page` by hand.",
            page.url,
            format_secs(at)
        ));
    }
}

/// Fails unless an error shown at `at` is one the server sent: a fetch of its URL that
/// the trace shows failing with that status by then.
fn ensure_error_served<T>(run: &Run<T>, error: &web::FetchError, at: Duration) {
    let actor = format!("GET {}", error.url);
    let ended = run.trace.of(&actor).find(|e| matches!(e.kind, Kind::End | Kind::Dropped));
    let what = format!("{} error", error.status);
    if ended.is_some_and(|e| e.kind == Kind::End && e.what == what && e.at <= at) {
        return;
    }
    let instead = match ended {
        Some(e) if e.kind == Kind::Dropped => {
            format!("its fetch was dropped (cancelled) at {}, before the server answered", format_secs(e.at))
        }
        Some(e) => format!("the server answered {} at {}", e.what, format_secs(e.at)),
        None => "the trace shows no answer to it".to_string(),
    };
    run.fail(format!(
        "`show` was given an error for {} (status {}) at {}, but the server sent no such error: {instead}.\n\
         Every outcome must be the one `web::fetch_page` returned, passed on as it is. A page that is \
         slow is not a failure: wait for it (no timeout of your own), and don't make a `FetchError` \
         yourself.",
        error.url,
        error.status,
        format_secs(at)
    ));
}

/// The first event of `GET url` of the given kind, if any.
fn fetch_event<'a>(trace: &'a Trace, url: &str, kind: Kind) -> Option<&'a Event> {
    let actor = format!("GET {url}");
    trace.events().iter().find(|e| e.actor == actor && e.kind == kind)
}

/// When `GET url` was answered (its request ended, with a page or an error), if it was.
fn answered_at(trace: &Trace, url: &str) -> Option<Duration> {
    fetch_event(trace, url, Kind::End).map(|e| e.at)
}

/// One line per URL whose request did not go out at 0.000s.
fn late_requests(trace: &Trace, urls: &[&str]) -> Vec<String> {
    urls.iter()
        .filter_map(|url| match fetch_event(trace, url, Kind::Begin) {
            Some(e) if e.at == Duration::ZERO => None,
            Some(e) => Some(format!("  GET {url}: sent at {}", format_secs(e.at))),
            None => Some(format!("  GET {url}: never sent")),
        })
        .collect()
}

/// Fails with a lesson unless every request of `urls` went out at 0.000s.
fn ensure_requests_sent_together<T>(run: &Run<T>, urls: &[&str]) {
    let late = late_requests(&run.trace, urls);
    if late.is_empty() {
        return;
    }
    run.fail(format!(
        "Every request should be sent at 0.000s, but:\n{}\n\
         A fetch sends its request the first time it is polled. Awaiting the fetches one after \
         another sends each request only when the answer before it is in, so the waits add up; \
         `buffer_unordered(n)` sends at most n at a time, and the others wait for a free slot. \
         To take the results in the order they arrive, every fetch must be on its way first: \
         put all of them in a `FuturesUnordered` (or spawn each one into a `JoinSet`) before \
         waiting for any, then take the outcomes out as they complete.",
        late.join("\n")
    ));
}

/// Fails with a lesson unless `show` was called exactly once for every URL.
fn ensure_each_shown_once(run: &Run<Vec<Shown>>, urls: &[&str]) {
    for url in urls {
        let times = run.value.iter().filter(|shown| shown.url == *url).count();
        if times == 1 {
            continue;
        }
        if times > 1 {
            run.fail(format!(
                "`show` was called {times} times for {url}; it should be called once per URL, with \
                 that URL's outcome."
            ));
        }
        let actor = format!("GET {url}");
        let ended = run.trace.of(&actor).find(|e| matches!(e.kind, Kind::End | Kind::Dropped));
        match ended {
            Some(e) if e.kind == Kind::Dropped => {
                // What the run shows about that instant: the return, and a failure then.
                let when = if e.at == run.virtual_elapsed {
                    "when show_as_they_arrive returned without waiting for it".to_string()
                } else {
                    format!(
                        "before it could answer (show_as_they_arrive returned at {})",
                        format_secs(run.virtual_elapsed)
                    )
                };
                let failed_then = run
                    .trace
                    .events()
                    .iter()
                    .find(|f| f.kind == Kind::End && f.what.contains("error") && f.at == e.at)
                    .map(|f| format!(" At that instant, {} had failed ({}).", f.actor, f.what))
                    .unwrap_or_default();
                // Nothing ended at that instant: nothing that came in ended the loop.
                let nothing_ended = !run.trace.events().iter().any(|f| f.kind == Kind::End && f.at == e.at);
                let causes = if nothing_ended {
                    "No fetch ended at that instant, so nothing that came in ended the loop: something of \
                     your own did. A possible cause: a deadline (`tokio::time::timeout` around the loop, or \
                     a `select!` against a `sleep`). A slow page is not a failed one: wait for every fetch \
                     as long as it takes, and hand every outcome to `show`."
                } else {
                    "The loop that takes the outcomes out stopped before every outcome was in. Possible \
                     causes: `while let Some(Ok(page)) = in_flight.next().await` ends at the first error, \
                     because `Some(Err(..))` does not match the pattern; or a `break`/`return` (or a \
                     timeout) of your own. Loop on `while let Some(outcome) = in_flight.next().await` and \
                     hand every outcome, `Ok` or `Err`, to `show`. In Python you would put a \
                     `try`/`except` inside the `for` over `as_completed`: one failure must not end the \
                     loop."
                };
                run.fail(format!(
                    "`show` was never called for {url}: its fetch was dropped (cancelled) at {}, {when}.\
                     {failed_then}\n{causes}",
                    format_secs(e.at)
                ))
            }
            Some(e) if e.what.contains("error") => run.fail(format!(
                "`show` was never called for {url}, which failed ({}) at {}.\n\
                 Every outcome goes to `show`, the failures too: that is why it takes a \
                 `Result<Page, FetchError>`. Don't filter out the `Err`s; pass each outcome on \
                 the moment it comes out, whatever it is.",
                e.what,
                format_secs(e.at)
            )),
            Some(e) => run.fail(format!(
                "`show` was never called for {url}, though its page came in at {}. Call `show` \
                 once for every URL, with that URL's outcome.",
                format_secs(e.at)
            )),
            None => run.fail(format!(
                "`show` was never called for {url}, and its fetch never finished. Call `show` \
                 once for every URL, with that URL's outcome, as soon as it arrives."
            )),
        }
    }
}

/// Fails with a lesson unless each outcome was shown at the very instant it arrived.
fn ensure_shown_as_they_arrive(run: &Run<Vec<Shown>>, urls: &[&str]) {
    let last_in = urls.iter().filter_map(|url| answered_at(&run.trace, url)).max();
    let first_is_slowest = urls.first().and_then(|url| answered_at(&run.trace, url)) == last_in;
    let late: Vec<String> = run
        .value
        .iter()
        .filter_map(|shown| {
            let answered = answered_at(&run.trace, &shown.url)?;
            (shown.at != answered).then(|| {
                format!("  {:<8} answered at {}, shown at {}", shown.url, format_secs(answered), format_secs(shown.at))
            })
        })
        .collect();
    let Some(first) = run.value.first() else { return };
    if late.is_empty() {
        return;
    }
    let late = late.join("\n");
    let all_at_once = run.value.iter().all(|shown| shown.at == first.at);
    let order: Vec<&str> = run.value.iter().map(|shown| shown.url.as_str()).collect();
    if all_at_once && order == urls {
        run.fail(format!(
            "Every outcome was shown at {}, when the last one came in, and in the order of the \
             list:\n{late}\n\
             Your function waited for all of them first; that's gather, not as_completed. \
             `join_all` hands back nothing until every future is done{}.\n\
             Take each outcome out the moment it is ready: collect the fetches into a \
             `futures::stream::FuturesUnordered` and call `show` inside \
             `while let Some(outcome) = in_flight.next().await {{ .. }}`, or spawn them into a \
             `tokio::task::JoinSet` and loop on `.join_next().await`.",
            format_secs(first.at),
            if first_is_slowest {
                " (and awaiting the futures or `JoinHandle`s one by one in list order does the same \
                 here, because the first in the list is the slowest)"
            } else {
                ""
            }
        ));
    }
    let mut arrival: Vec<&str> = order.clone();
    arrival.sort_by_key(|url| answered_at(&run.trace, url));
    let mut sorted: Vec<&str> = urls.to_vec();
    sorted.sort_unstable();
    if all_at_once && order != arrival {
        let how = if order == sorted {
            "in the alphabetical order of their URLs".to_string()
        } else {
            format!("in this order: {}", order.join(", "))
        };
        run.fail(format!(
            "Every outcome was shown at {}, when the last of them came in, {how}:\n{late}\n\
             They came in at different times: {}. Each must be shown the moment it comes in, in the \
             order they come in, whatever the order of the list. Take them out as they complete: \
             `FuturesUnordered` with `.next().await`, or `JoinSet` with `.join_next().await`.",
            format_secs(first.at),
            arrival
                .iter()
                .map(|url| format!("{url} at {}", format_secs(answered_at(&run.trace, url).unwrap_or_default())))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if all_at_once {
        run.fail(format!(
            "The outcomes were shown in the order they arrived, but all at {}, when the last one \
             came in:\n{late}\n\
             They were collected first and shown afterwards (for example with \
             `.collect::<Vec<_>>().await` on a stream, which waits for the whole stream to end). Call `show` inside the loop, as each \
             outcome comes out: `while let Some(outcome) = in_flight.next().await {{ show(outcome) }}`.",
            format_secs(first.at)
        ));
    }
    let why = if order == urls {
        "They were shown in the order of the list, so each of them waited for a slower fetch ahead of it \
         in the list: awaiting futures (or `JoinHandle`s) in list order shows a fast page only once \
         every page before it is in."
            .to_string()
    } else if order == sorted {
        "They were shown in the alphabetical order of their URLs, not in the order they came in. Sorting \
         the list first does not sort it by speed: nobody knows which fetch finishes first until it does."
            .to_string()
    } else {
        format!("They were shown in this order: {}, not in the order they came in.", order.join(", "))
    };
    run.fail(format!(
        "Some outcomes were shown later than they arrived:\n{late}\n{why}\n\
         Take them in the order they complete instead: `FuturesUnordered` with `.next().await`, \
         or `JoinSet` with `.join_next().await`."
    ));
}

/// Judges a `first_to_answer(urls)` run made with [`then_watch`]: `winner` is the first
/// page to answer `200 OK`, at `answered`, when every request goes out at 0.000s; the
/// call should return it right then, and the fetches still running should be dropped.
fn ensure_first_answer(run: &Run<(Option<Page>, Duration)>, urls: &[&str], winner: &str, answered: Duration) {
    let (page, returned_at) = &run.value;
    let returned = format_secs(*returned_at);
    let when = format_secs(answered);
    let how_to = "Start every fetch at once in a `FuturesUnordered` (or spawn each one into a `JoinSet`), \
                  take the outcomes in the order they complete with `.next().await` \
                  (`.join_next().await`), and return the first `Ok`.";
    ensure_requests_sent_together(run, urls);
    if let Some(page) = page {
        ensure_served(run, page, *returned_at);
    }
    match page {
        Some(page) if page.url == winner => {}
        Some(page) => {
            let late = late_requests(&run.trace, urls);
            let mut sorted: Vec<&str> = urls.to_vec();
            sorted.sort_unstable();
            let first_ok_in = |list: &[&str]| -> Option<String> {
                list.iter()
                    .find(|url| fetch_event(&run.trace, url, Kind::End).is_some_and(|e| e.what == "200 OK"))
                    .map(|url| url.to_string())
            };
            let in_list = first_ok_in(urls).as_deref() == Some(page.url.as_str());
            let in_sorted = first_ok_in(&sorted).as_deref() == Some(page.url.as_str());
            let why = if late.is_empty() && in_list && in_sorted {
                format!(
                    "{} is the first page to work both in the order of the list and in the alphabetical \
                     order of the URLs, but not the first to come in. Possible causes: your function took \
                     the outcomes in one of those orders (awaited one by one, or searched after \
                     `join_all`), or sorted the URLs first.",
                    page.url
                )
            } else if late.is_empty() && in_list {
                format!(
                    "Your function started every fetch, but returned {}, the first page of the list that \
                     worked, not the first to arrive: it looks as if it looked at the outcomes in list order \
                     (awaiting them one by one, or searching the results of `join_all`), not in the order \
                     they arrived.",
                    page.url
                )
            } else if late.is_empty() && in_sorted {
                format!(
                    "{} is the first page to work in the alphabetical order of the URLs, not the first to \
                     come in: sorting the URLs does not sort them by speed.",
                    page.url
                )
            } else if late.is_empty() {
                format!("Every request went out at 0.000s, but {} was not the first page to come in.", page.url)
            } else {
                format!(
                    "Your function did not send every request at once:\n{}\nA request sent late answers \
                     late, so the page that comes in first is no longer the one that answers first.",
                    late.join("\n")
                )
            };
            run.fail(format!(
                "first_to_answer returned {} at {returned}, but {winner} is the first page to answer \
                 200 OK: at {when}, when every request goes out at 0.000s.\n{why}\n{how_to}",
                page.url
            ));
        }
        None => {
            let failure_then = run
                .trace
                .events()
                .iter()
                .find(|e| e.kind == Kind::End && e.what.contains("error") && e.at == *returned_at);
            match failure_then {
                Some(failure) => run.fail(format!(
                    "first_to_answer returned None at {returned}, when {} failed ({}), but {winner} \
                     answered 200 OK at {when}.\n\
                     A failed fetch is not an answer: skip the `Err`s and keep taking outcomes \
                     until one is `Ok`. `None` is for when every fetch has failed, that is, when \
                     the loop over the outcomes ends without finding a page.",
                    failure.actor.trim_start_matches("GET "),
                    failure.what
                )),
                // Nothing ended then, and the winner's fetch was cancelled on its way.
                _ if fetch_event(&run.trace, winner, Kind::Dropped).is_some_and(|e| e.at == *returned_at)
                    && !run.trace.events().iter().any(|e| e.kind == Kind::End && e.at == *returned_at) =>
                {
                    run.fail(format!(
                        "first_to_answer returned None at {returned}, an instant when no fetch ended, and \
                         {winner}'s fetch was dropped (cancelled) then, still on its way: it would have \
                         answered 200 OK at {when}.\n\
                         Something of your own ended the race at {returned}. A possible cause: a deadline \
                         (`tokio::time::timeout`, or a `select!` against a `sleep`). A slow page is not a \
                         failed one: `None` is only for when every fetch has failed, so wait for the \
                         fetches as long as they take."
                    ))
                }
                _ => run.fail(format!(
                    "first_to_answer returned None at {returned}, but {winner} answered 200 OK at \
                     {when}. `None` means that every fetch failed.\n{how_to}"
                )),
            }
        }
    }
    if *returned_at > answered {
        // What the trace shows at the instant it returned: another fetch ending then.
        let ended_then: Vec<&str> = urls
            .iter()
            .filter(|url| **url != winner)
            .filter(|url| answered_at(&run.trace, url) == Some(*returned_at))
            .copied()
            .collect();
        let why = if ended_then.is_empty() {
            "No fetch ended at that instant. Possible causes: your function waited for something else \
             after the page came in (a `sleep`, a timer), or took the outcomes in another order."
                .to_string()
        } else {
            format!(
                "It returned the instant {} ended: your function went on waiting for the other fetches. \
                 That is gather, not as_completed.",
                ended_then.join(" and ")
            )
        };
        run.fail(format!(
            "first_to_answer returned {winner} at {returned}, but {winner} had answered at {when}.\n{why}\n\
             Return as soon as the first `Ok` comes out (`return Some(page)` inside the loop). \
             The fetches still running are dropped with the `FuturesUnordered` that holds them, \
             and dropping a future cancels it."
        ));
    }
    if *returned_at < answered {
        run.fail(format!(
            "first_to_answer returned at {returned}, before {winner} could answer (at {when}): the \
             page must come from a finished fetch."
        ));
    }
    let mut finished_later: Vec<&Event> = urls
        .iter()
        .filter(|url| **url != winner)
        .filter_map(|url| fetch_event(&run.trace, url, Kind::End).filter(|e| e.at > answered))
        .collect();
    finished_later.sort_by_key(|e| e.at);
    let finished_later: Vec<String> =
        finished_later.iter().map(|e| format!("  {}: {} at {}", e.actor, e.what, format_secs(e.at))).collect();
    if !finished_later.is_empty() {
        run.fail(format!(
            "first_to_answer returned {winner} at {when}, but the other fetches kept running after \
             it returned, for nobody:\n{}\n\
             Possible causes: the fetches were spawned (`tokio::spawn`), and tasks keep running when \
             their `JoinHandle` is dropped; or they run somewhere that outlives the call. Keep the \
             fetch futures themselves in a `FuturesUnordered`, so that returning drops \
             them, which cancels them; or spawn them into a `JoinSet`, which aborts the tasks still \
             in it when it is dropped.",
            finished_later.join("\n")
        ));
    }
    ensure_requests_sent_together(run, urls);
}

/// Runs `show_as_they_arrive` on `sites` and judges it: every request at 0 s, every
/// outcome shown once, at the instant it came in, and done when the slowest is in.
fn judge_shown(sites: &[Site]) -> Run<Vec<Shown>> {
    let urls = urls_of(sites);
    let run = workbook::run(async {
        serve(sites);
        show_on_screen(&urls).await
    });
    run.assert_not_blocked();
    ensure_requests_sent_together(&run, &urls);
    ensure_each_shown_once(&run, &urls);
    ensure_shown_as_they_arrive(&run, &urls);
    for shown in &run.value {
        match &shown.outcome {
            Some(Ok(page)) => ensure_served(&run, page, shown.at),
            Some(Err(error)) => ensure_error_served(&run, error, shown.at),
            None => {}
        }
    }
    // Shown as they come in: done when the slowest is in.
    run.assert_elapsed(slowest(sites));
    run
}

/// Runs `first_to_answer` on `sites` (then idles 5 s) and judges it.
fn judge_first(sites: &[Site]) -> Run<(Option<Page>, Duration)> {
    let urls = urls_of(sites);
    let run = workbook::run(async {
        serve(sites);
        then_watch(first_to_answer(&urls)).await
    });
    run.assert_not_blocked();
    let (winner, answered) = winner(sites).expect("a scenario with a page");
    ensure_first_answer(&run, &urls, winner, answered);
    run
}

workbook::checks! {
    fn fastest_page_is_shown_first() {
        // Each scenario's pages come in neither in the order of the list nor in the
        // alphabetical order of their URLs.
        for (n, sites) in SHOW.iter().enumerate() {
            let run = judge_shown(sites);
            if n == 0 {
                assert_trace!(run, "fastest_page_is_shown_first");
            }
        }
    }

    fn failures_are_shown_too() {
        // Failures before, between and after the pages.
        for (n, sites) in WITH_FAILURES.iter().enumerate() {
            let run = judge_shown(sites);
            if n == 0 {
                assert_trace!(run, "failures_are_shown_too");
            }
        }
    }

    fn nothing_to_show_without_urls() {
        let run = workbook::run(async {
            tokio::time::timeout(secs(60), AssertUnwindSafe(show_on_screen(&[])).catch_unwind()).await
        });
        let Ok(called) = &run.value else {
            run.fail(
                "show_as_they_arrive(&[], ..) never returned: with no URLs there is nothing to \
                 wait for, so it should return at once.\n\
                 A possible cause: `buffer_unordered(n)` with n = 0 never takes a future out of its input, so it \
                 waits forever: give it at least 1 (`urls.len().max(1)`). An empty \
                 `FuturesUnordered` or `JoinSet` ends right away: `.next().await` (`.join_next().await`) \
                 gives `None`.",
            )
        };
        let Ok(shown) = called else {
            run.fail(EMPTY_LIST_PANIC.replace("{call}", "show_as_they_arrive(&[], ..)").replace("{then}", "return at once"))
        };
        run.ensure(
            shown.is_empty(),
            format!("With no URLs there is nothing to show, but `show` was called {} times.", shown.len()),
        );
        run.assert_elapsed(Duration::ZERO);
    }

    fn first_answer_wins() {
        // The first to answer is neither first in the list, nor last, nor first by name.
        for (n, sites) in FIRST.iter().enumerate() {
            let run = judge_first(sites);
            if n == 0 {
                assert_trace!(run, "first_answer_wins");
            }
        }
    }

    fn failed_fetches_are_skipped() {
        // One failure before the first page; then three, at 0.1 s, 0.5 s and 1.25 s.
        for (n, sites) in SKIP_FAILURES.iter().enumerate() {
            let run = judge_first(sites);
            if n == 0 {
                assert_trace!(run, "failed_fetches_are_skipped");
            }
        }
    }

    fn none_when_no_page_answers() {
        for sites in NONE_ANSWERS {
            let urls = urls_of(sites);
            let run = workbook::run(async {
                serve(sites);
                first_to_answer(&urls).await
            });
            run.assert_not_blocked();
            let failures: Vec<String> = sites
                .iter()
                .map(|site| format!("{} with {} at {}", site.url, site.error.unwrap_or(0), format_secs(site.after)))
                .collect();
            if let Some(page) = &run.value {
                run.fail(format!(
                    "first_to_answer returned the page of {}, but every fetch failed: {}. It should return \
                     None.",
                    page.url,
                    failures.join(", ")
                ));
            }
            let last = sites.iter().max_by_key(|site| site.after).expect("a scenario with URLs");
            if run.virtual_elapsed < last.after {
                run.fail(format!(
                    "first_to_answer returned None at {}, while {} was still on its way: it failed \
                     only at {}, and had it answered 200 OK, its page would have been the answer.\n\
                     Return `None` only once every fetch has failed, that is, when the loop over the \
                     outcomes ends without finding a page.",
                    format_secs(run.virtual_elapsed),
                    last.url,
                    format_secs(last.after)
                ));
            }
            ensure_requests_sent_together(&run, &urls);
            // Every request at 0.000s: the last failure comes in when the slowest fails.
            run.assert_elapsed(last.after);
        }

        let none = workbook::run(async {
            tokio::time::timeout(secs(60), AssertUnwindSafe(first_to_answer(&[])).catch_unwind()).await
        });
        match &none.value {
            Ok(Ok(None)) => {}
            Ok(Err(_)) => {
                none.fail(EMPTY_LIST_PANIC.replace("{call}", "first_to_answer(&[])").replace("{then}", "return None at once"))
            }
            Ok(Ok(Some(page))) => none.fail(format!(
                "first_to_answer(&[]) returned the page of {}, but there was no URL to fetch: it \
                 should return None.",
                page.url
            )),
            Err(_) => none.fail(
                "first_to_answer(&[]) never returned: with no URLs there is no page to wait for, \
                 so it should return None at once.",
            ),
        }
        none.assert_elapsed(Duration::ZERO);
    }
}
