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
     `futures::future::select_ok` and `select_all` panic when they are given an empty list: check \
     for that first (`if urls.is_empty() { .. }`). An empty `FuturesUnordered` or `JoinSet` needs \
     no such check: its `.next().await` (`.join_next().await`) gives `None` right away.";

/// One call of `show`: the URL of the outcome it was given, and when.
#[derive(Debug)]
struct Shown {
    url: String,
    at: Duration,
}

/// Calls `show_as_they_arrive(urls, ..)` with a `show` that puts each outcome on the
/// screen: a `screen` line in the trace, at the instant `show` was called. Gives back
/// what was shown, and when.
async fn show_on_screen(urls: &[&str]) -> Vec<Shown> {
    let start = tokio::time::Instant::now();
    let mut shown = Vec::new();
    show_as_they_arrive(urls, |outcome| {
        let url = match outcome {
            Ok(page) => {
                note("screen", &format!("shows {}", page.url));
                page.url
            }
            Err(error) => {
                note("screen", &format!("shows {}: error {}", error.url, error.status));
                error.url
            }
        };
        shown.push(Shown { url, at: start.elapsed() });
    })
    .await;
    shown
}

/// Awaits `call`, then idles 5 s more, so the trace also shows what the other fetches
/// did after the call returned. Gives back the outcome and when it came.
async fn then_watch<T>(call: impl Future<Output = T>) -> (T, Duration) {
    workbook::then_idle(call, secs(5)).await
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
            Some(e) if e.kind == Kind::Dropped => run.fail(format!(
                "`show` was never called for {url}: its fetch was dropped (cancelled) at {}, when \
                 show_as_they_arrive returned without waiting for it.\n\
                 The loop that takes the outcomes out stopped too early. A common cause: \
                 `while let Some(Ok(page)) = in_flight.next().await` ends at the first error, \
                 because `Some(Err(..))` does not match the pattern. Loop on \
                 `while let Some(outcome) = in_flight.next().await` and hand every outcome, `Ok` \
                 or `Err`, to `show`. In Python you would put a `try`/`except` inside the `for` \
                 over `as_completed`: one failure must not end the loop.",
                format_secs(e.at)
            )),
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
             `join_all` hands back nothing until every future is done (and awaiting the \
             futures or `JoinHandle`s one by one in list order does the same here, because the \
             first in the list is the slowest).\n\
             Take each outcome out the moment it is ready: collect the fetches into a \
             `futures::stream::FuturesUnordered` and call `show` inside \
             `while let Some(outcome) = in_flight.next().await {{ .. }}`, or spawn them into a \
             `tokio::task::JoinSet` and loop on `.join_next().await`.",
            format_secs(first.at)
        ));
    }
    if all_at_once {
        run.fail(format!(
            "The outcomes were shown in the order they arrived, but all at {}, when the last one \
             came in:\n{late}\n\
             They were collected first and shown afterwards: `.collect::<Vec<_>>().await` on a \
             stream waits for the whole stream to end. Call `show` inside the loop, as each \
             outcome comes out: `while let Some(outcome) = in_flight.next().await {{ show(outcome) }}`.",
            format_secs(first.at)
        ));
    }
    run.fail(format!(
        "Some outcomes were shown later than they arrived:\n{late}\n\
         Each of them waited for a slower fetch ahead of it in the list: awaiting futures (or \
         `JoinHandle`s) in list order shows a fast page only once every page before it is in. \
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
    match page {
        Some(page) if page.url == winner => {}
        Some(page) => {
            let late = late_requests(&run.trace, urls);
            let why = if late.is_empty() {
                "Your function started every fetch, but looked at the outcomes in list order, not in \
                 the order they arrived."
                    .to_string()
            } else {
                format!(
                    "Your function did not send every request at once:\n{}\nso it returns the first \
                     page in the list that works, not the first to answer.",
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
            let first_failure = run
                .trace
                .events()
                .iter()
                .filter(|e| e.kind == Kind::End && e.what.contains("error"))
                .min_by_key(|e| e.at);
            match first_failure {
                Some(failure) if failure.at == *returned_at => run.fail(format!(
                    "first_to_answer returned None at {returned}, when {} failed ({}), but {winner} \
                     answered 200 OK at {when}.\n\
                     A failed fetch is not an answer: skip the `Err`s and keep taking outcomes \
                     until one is `Ok`. `None` is for when every fetch has failed, that is, when \
                     the loop over the outcomes ends without finding a page.",
                    failure.actor.trim_start_matches("GET "),
                    failure.what
                )),
                _ => run.fail(format!(
                    "first_to_answer returned None at {returned}, but {winner} answered 200 OK at \
                     {when}. `None` means that every fetch failed.\n{how_to}"
                )),
            }
        }
    }
    if *returned_at > answered {
        run.fail(format!(
            "first_to_answer returned {winner} at {returned}, but {winner} had answered at {when}: \
             your function went on waiting for the other fetches. That is gather, not \
             as_completed.\n\
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
             Spawned tasks keep running when their `JoinHandle` is dropped: nobody cancels them. \
             Keep the fetch futures themselves in a `FuturesUnordered`, so that returning drops \
             them, which cancels them; or spawn them into a `JoinSet`, which aborts the tasks still \
             in it when it is dropped.",
            finished_later.join("\n")
        ));
    }
    ensure_requests_sent_together(run, urls);
}

workbook::checks! {
    fn fastest_page_is_shown_first() {
        let urls = ["/slow", "/fast", "/medium"];
        let run = workbook::run(async {
            web::set_latency("/slow", secs(3));
            web::set_latency("/fast", secs(1));
            web::set_latency("/medium", secs(2));
            show_on_screen(&urls).await
        });
        run.assert_not_blocked();
        ensure_requests_sent_together(&run, &urls);
        ensure_each_shown_once(&run, &urls);
        ensure_shown_as_they_arrive(&run, &urls);
        // Shown at 1 s, 2 s and 3 s: done when the slowest is in.
        run.assert_elapsed(secs(3));
        assert_trace!(run, "fastest_page_is_shown_first");
    }

    fn failures_are_shown_too() {
        let urls = ["/slow", "/broken", "/fast"];
        let run = workbook::run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(2), 503);
            web::set_latency("/fast", secs(1));
            show_on_screen(&urls).await
        });
        run.assert_not_blocked();
        ensure_requests_sent_together(&run, &urls);
        ensure_each_shown_once(&run, &urls);
        ensure_shown_as_they_arrive(&run, &urls);
        run.assert_elapsed(secs(3));
        assert_trace!(run, "failures_are_shown_too");
    }

    fn nothing_to_show_without_urls() {
        let run = workbook::run(async {
            tokio::time::timeout(secs(60), AssertUnwindSafe(show_on_screen(&[])).catch_unwind()).await
        });
        let Ok(called) = &run.value else {
            run.fail(
                "show_as_they_arrive(&[], ..) never returned: with no URLs there is nothing to \
                 wait for, so it should return at once.\n\
                 `buffer_unordered(n)` with n = 0 never takes a future out of its input, so it \
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
        let urls = ["/slow", "/fast", "/medium"];
        let run = workbook::run(async {
            web::set_latency("/slow", secs(3));
            web::set_latency("/fast", secs(1));
            web::set_latency("/medium", secs(2));
            then_watch(first_to_answer(&urls)).await
        });
        run.assert_not_blocked();
        ensure_first_answer(&run, &urls, "/fast", secs(1));
        assert_trace!(run, "first_answer_wins");
    }

    fn failed_fetches_are_skipped() {
        let urls = ["/broken", "/slow", "/medium"];
        let run = workbook::run(async {
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/slow", secs(3));
            web::set_latency("/medium", secs(2));
            then_watch(first_to_answer(&urls)).await
        });
        run.assert_not_blocked();
        ensure_first_answer(&run, &urls, "/medium", secs(2));
        assert_trace!(run, "failed_fetches_are_skipped");
    }

    fn none_when_no_page_answers() {
        let urls = ["/down", "/gone"];
        let run = workbook::run(async {
            web::set_failure("/down", secs(1), 503);
            web::set_failure("/gone", secs(2), 404);
            first_to_answer(&urls).await
        });
        run.assert_not_blocked();
        if let Some(page) = &run.value {
            run.fail(format!(
                "first_to_answer returned the page of {}, but every fetch failed: /down with 503 at \
                 1.000s, /gone with 404 at 2.000s. It should return None.",
                page.url
            ));
        }
        if run.virtual_elapsed < secs(2) {
            run.fail(format!(
                "first_to_answer returned None at {}, while /gone was still on its way: it failed \
                 only at 2.000s, and had it answered 200 OK, its page would have been the answer.\n\
                 Return `None` only once every fetch has failed, that is, when the loop over the \
                 outcomes ends without finding a page.",
                format_secs(run.virtual_elapsed)
            ));
        }
        ensure_requests_sent_together(&run, &urls);
        // Both requests at 0.000s: the last failure comes in at 2 s.
        run.assert_elapsed(secs(2));

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
