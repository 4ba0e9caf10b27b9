//! The checks of exercise 04. Read them if you like; `grader check` notices edits.

use super::*;
use workbook::sim::web;
use workbook::{assert_trace, millis, secs};

/// Fetches `urls` with `fetch`, then idles 5 s more, so the trace shows what the
/// other fetches did after the call returned. Returns the outcome and when it came.
async fn then_watch<T>(call: impl std::future::Future<Output = T>) -> (T, std::time::Duration) {
    workbook::then_idle(call, secs(5)).await
}

workbook::checks! {
    fn dashboard_panels_load_together() {
        let run = workbook::run(load_dashboard());
        run.ensure(run.value.headlines.is_ok(), "The headlines panel should hold the /news page.");
        run.ensure(run.value.temperature.sensor == "thermometer", "The temperature panel should hold the thermometer's reading.");
        // /news 1 s, thermometer 1 s, orders query 0.5 s: together, as long as the slowest.
        run.assert_elapsed(secs(1));
    }

    // ANCHOR: three_fetches
    fn three_fetches_take_one_second() {
        let run = workbook::run(fetch_all(&["/a", "/b", "/c"]));
        run.ensure(run.value.len() == 3, format!("Expected 3 outcomes, one per URL; got {}.", run.value.len()));
        run.assert_elapsed(secs(1));
    }
    // ANCHOR_END: three_fetches

    fn results_keep_input_order() {
        let run = workbook::run(async {
            web::set_latency("/slow", secs(3));
            web::set_latency("/fast", secs(1));
            web::set_latency("/medium", secs(2));
            fetch_all(&["/slow", "/fast", "/medium"]).await
        });
        let order: Vec<String> = run.value.iter().map(|r| match r {
            Ok(page) => page.url.clone(),
            Err(e) => e.url.clone(),
        }).collect();
        run.ensure(
            order == ["/slow", "/fast", "/medium"],
            format!(
                "The results came back as {order:?}, but the URLs were [\"/slow\", \"/fast\", \"/medium\"].\n\
                 Like asyncio.gather, fetch_all must return results in the order of its input, \
                 whatever order they finished in. `join_all` does that; collecting from \
                 `FuturesUnordered` gives completion order instead."
            ),
        );
        run.assert_elapsed(secs(3));
        assert_trace!(run, "results_keep_input_order");
    }

    fn gather_lets_siblings_finish() {
        let run = workbook::run(async {
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/slow", secs(3));
            fetch_all(&["/news", "/broken", "/slow"]).await
        });
        let statuses: Vec<Option<u16>> = run.value.iter().map(|r| r.as_ref().err().map(|e| e.status)).collect();
        run.ensure(
            statuses == [None, Some(503), None],
            format!(
                "Expected [Ok, Err(503), Ok] — every fetch's own outcome, in input order — but got \
                 {statuses:?} (None = Ok).\nWith `return_exceptions=True`, gather keeps going after a \
                 failure and hands back each outcome; fetch_all does the same."
            ),
        );
        run.assert_elapsed(secs(3));
        assert_trace!(run, "gather_lets_siblings_finish");
    }

    fn all_or_nothing_returns_pages_in_order() {
        let run = workbook::run(async {
            web::set_latency("/b", millis(500));
            fetch_all_or_nothing(&["/a", "/b", "/c"]).await
        });
        match &run.value {
            Ok(pages) => {
                let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
                run.ensure(urls == ["/a", "/b", "/c"], format!("Expected the pages of [\"/a\", \"/b\", \"/c\"] in that order; got {urls:?}."));
            }
            Err(e) => run.fail(format!("Every page was up, but fetch_all_or_nothing returned the error `{e}`.")),
        }
        run.assert_elapsed(secs(1));
    }

    fn try_join_drops_siblings() {
        let run = workbook::run(async {
            web::set_latency("/slow", secs(3));
            web::set_failure("/broken", secs(1), 503);
            web::set_latency("/medium", secs(2));
            then_watch(fetch_all_or_nothing(&["/slow", "/broken", "/medium"])).await
        });
        let (outcome, returned_at) = &run.value;
        match outcome {
            Err(e) => run.ensure(e.status == 503, format!("Expected the error of /broken (503); got `{e}`.")),
            Ok(_) => run.fail("/broken failed with 503, but fetch_all_or_nothing returned Ok: the error must come back as Err."),
        }
        let slow = run.trace.find("GET /slow", "200 OK");
        let medium = run.trace.find("GET /medium", "200 OK");
        // ANCHOR: late_error
        if *returned_at > secs(1) {
            run.fail(format!(
                "/broken failed at 1.000s, but fetch_all_or_nothing returned only at {}: it waited \
                 for the other fetches before looking at the error.\n\
                 That is what gather does. Here we want the error as soon as it happens: \
                 `try_join_all` (or `tokio::try_join!`) returns at the first Err and drops the rest.",
                workbook::format_secs(*returned_at)
            ));
        }
        // ANCHOR_END: late_error
        if slow.is_some() || medium.is_some() {
            run.fail(
                "fetch_all_or_nothing returned at 1.000s, but the other fetches kept running after \
                 it returned (the trace shows them finishing later).\n\
                 Spawned tasks keep running when their JoinHandle is dropped: nobody cancels them. \
                 Join the fetch futures themselves with `try_join_all`, so dropping them cancels them."
            );
        }
        assert_trace!(run, "try_join_drops_siblings");
    }
}
