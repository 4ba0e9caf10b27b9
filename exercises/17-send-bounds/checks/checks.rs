//! The checks of exercise 17. Read them if you like; `grader check` notices edits.
//!
//! The first lesson of this exercise is the compiler's: as long as a spawned task holds
//! something that isn't `Send` across an `.await`, nothing here runs. Once it compiles,
//! these checks make sure the fix kept the program right, and fast. The simulated web
//! server records every request in the trace (`GET /a`), so the checks can tell a
//! count or a total that came from real fetches from one that didn't.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::*;
use workbook::sim::web;
use workbook::source::{Site, Source};
use workbook::story::bars;
use workbook::trace::Trace;
use workbook::{Run, format_secs, millis, secs};

/// Every request the web server served in this run: url, when it began, when it ended.
fn fetches(trace: &Trace) -> Vec<(String, Duration, Option<Duration>)> {
    bars(trace).into_iter().filter_map(|b| Some((b.actor.strip_prefix("GET ")?.to_string(), b.from, b.to))).collect()
}

/// How many times each url was fetched.
fn fetch_counts(trace: &Trace) -> BTreeMap<String, u32> {
    let mut counts = BTreeMap::new();
    for (url, _, _) in fetches(trace) {
        *counts.entry(url).or_default() += 1;
    }
    counts
}

/// The visits as a table: url, visits asked for, fetches served, what the stats say.
fn visit_board(urls: &[&str], served: &BTreeMap<String, u32>, counted: &BTreeMap<String, u32>) -> String {
    let mut out = String::from("  page     visits  fetched  stats say\n");
    let mut seen: Vec<&str> = Vec::new();
    for url in urls {
        if seen.contains(url) {
            continue;
        }
        seen.push(url);
        let asked = urls.iter().filter(|u| *u == url).count();
        let fetched = served.get(*url).copied().unwrap_or(0);
        let says = counted.get(*url).copied().unwrap_or(0);
        out.push_str(&format!("  {url:<8} {asked:>6}  {fetched:>7}  {says:>9}\n"));
    }
    out
}

/// Runs one `spawn_visit` per url (latencies set first), and reads the stats after.
fn visit_all(urls: &'static [&'static str], latencies: Vec<(&'static str, Duration)>) -> Run<BTreeMap<String, u32>> {
    workbook::run(async move {
        for (url, latency) in latencies {
            web::set_latency(url, latency);
        }
        let stats = Arc::new(Stats::default());
        let visits: Vec<_> = urls.iter().map(|url| spawn_visit(stats.clone(), url.to_string())).collect();
        for visit in visits {
            visit.await.expect("a visit task panicked");
        }
        urls.iter().map(|url| (url.to_string(), stats.visits(url))).collect()
    })
}

/// Judges a run of [`visit_all`]: every visit fetched its page, was counted once, and
/// the visits ran side by side (the run lasts as long as the slowest page).
fn judge_visits(run: &Run<BTreeMap<String, u32>>, urls: &[&str], slowest: Duration) {
    let served = fetch_counts(&run.trace);
    let counted = &run.value;
    let board = visit_board(urls, &served, counted);
    let fail = |lesson: String| -> ! { run.fail(format!("{lesson}\n\n{board}")) };
    for url in urls {
        let asked = urls.iter().filter(|u| *u == url).count() as u32;
        let fetched = served.get(*url).copied().unwrap_or(0);
        let says = counted.get(*url).copied().unwrap_or(0);
        if fetched < asked {
            fail(format!(
                "spawn_visit was called {asked} times for {url}, but the web server was asked for {url} only \
                 {fetched} times: a visit is a fetch of the page, then a count. Each task must call \
                 `web::fetch_page(&url).await`."
            ));
        }
        if says > fetched {
            fail(format!(
                "The stats count {says} visits of {url}, but the web server served {url} {fetched} times: some \
                 counts have no fetch behind them."
            ));
        }
        // The stats are read as soon as every handle spawn_visit returned has finished.
        let read_at = run.virtual_elapsed;
        let late = fetches(&run.trace).into_iter().find(|(u, _, to)| u == url && to.is_none_or(|to| to > read_at));
        if says < asked
            && let Some((_, _, answered)) = late
        {
            let answered = answered.map_or_else(
                || "was never answered".to_string(),
                |to| format!("was answered only at {}", format_secs(to)),
            );
            fail(format!(
                "Every handle spawn_visit returned had finished at {}, and the check read the stats then: \
                 {says} visits of {url}, not {asked}. But GET {url} {answered}: the tasks said they were \
                 done before their fetches were.\n\
                 Possible causes: the visit's work runs in another task, spawned inside the one \
                 spawn_visit returns and not awaited there (fire and forget, like an \
                 `asyncio.create_task` whose task nobody keeps), so the returned handle finishes at once. \
                 Do the fetch and the count in the task you spawn and return its handle: awaiting it \
                 must mean the visit is counted.",
                format_secs(read_at)
            ));
        }
        if says < asked {
            fail(format!(
                "{url} was fetched {fetched} times, but the stats count only {says} visits of it: a count was \
                 lost. Possible causes: a task read the count (say, with `stats.visits(&url)`) and wrote \
                 count + 1 later, under another lock or after an `.await`, so one visit's update overwrote \
                 another's (the visits of {url} ran at the same time); or a visit sets the count instead of \
                 adding to it (`insert(url, 1)`). Lock once, and add 1 under that lock \
                 (`*visits.entry(url).or_default() += 1`)."
            ));
        }
    }
    // Side by side: every fetch begins at 0 s.
    if let Some((url, began, _)) = fetches(&run.trace).into_iter().find(|(_, began, _)| !began.is_zero()) {
        fail(format!(
            "The visits took turns: GET {url} began only at {}, though every visit task was spawned at 0.000s. \
             The run lasted {} instead of {}.\n\
             Something kept the fetches apart (the trace shows when, not what). One possible cause, which the \
             compiler lets through: a `tokio::sync::Mutex` \
             guard held across the fetch's `.await` (it compiles, but every other visit waits for the lock). \
             The page doesn't need the lock: fetch first, then lock only to count.",
            format_secs(began),
            format_secs(run.virtual_elapsed),
            format_secs(slowest)
        ));
    }
    run.assert_elapsed(slowest);
}

/// Whether `site` takes the stats' lock: `.lock()`, or `stats.visits(..)`, which locks
/// inside.
fn takes_lock(site: &Site) -> bool {
    site.is_method("lock", Some(0)) || site.method() == Some("visits") && site.args > 0
}

/// Whether `site` writes a count: `insert(..)`, `entry(..)`, `get_mut(..)`, `+=`.
fn writes(site: &Site) -> bool {
    ["insert", "entry", "get_mut"].iter().any(|m| site.is_method(m, None)) || site.op() == Some("+=")
}

/// When `function`'s body takes the stats' lock at least twice, reading (not writing)
/// under the first and writing under a later one: the lines that take it, trimmed.
fn read_then_written(src: &Source, function: &str) -> Option<Vec<String>> {
    let body = src.function(function)?.body.clone();
    let sites: Vec<&Site> = src.sites_in(body).collect();
    let locks: Vec<&Site> = sites.iter().copied().filter(|s| takes_lock(s)).collect();
    let [first, second, ..] = locks.as_slice() else { return None };
    // Under a lock: the write's chain holds it (`m.lock().unwrap().insert(..)`), or it
    // is on that lock's line.
    let under = |lock: &Site, write: &Site| write.span.contains(&lock.at) || write.line == lock.line;
    let written_under_first = sites.iter().any(|w| writes(w) && under(first, w));
    let written_later = sites.iter().any(|w| writes(w) && (w.at > second.at || under(second, w)));
    if written_under_first || !written_later {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for lock in &locks {
        if !seen.contains(&lock.line) {
            seen.push(lock.line);
            lines.push(src.line(lock.at).1.to_string());
        }
    }
    Some(lines)
}

/// Sum of the bodies' lengths if every page were `<h1>{url}</h1>`.
fn made_up_total(urls: &[&str]) -> usize {
    urls.iter().map(|url| format!("<h1>{url}</h1>").len()).sum()
}

/// Runs `spawn_crawl(urls)` with `bodies` set on the server.
fn crawl(urls: &'static [&'static str], bodies: &'static [(&'static str, &'static str)]) -> Run<usize> {
    workbook::run(async move {
        for (url, body) in bodies {
            web::set_body(url, body);
        }
        spawn_crawl(urls.iter().map(|url| url.to_string()).collect()).await.expect("the crawl task panicked")
    })
}

/// Judges a crawl of `urls`, whose bodies are `bodies` (or `<h1>{url}</h1>`).
fn judge_crawl(run: &Run<usize>, urls: &[&str], bodies: &[(&str, &str)]) {
    let body = |url: &str| {
        bodies.iter().find(|(u, _)| *u == url).map_or_else(|| format!("<h1>{url}</h1>"), |(_, b)| b.to_string())
    };
    let lengths: Vec<usize> = urls.iter().map(|url| body(url).len()).collect();
    let total: usize = lengths.iter().sum();
    let sum = lengths.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" + ");
    let served = fetch_counts(&run.trace);
    let pages = urls
        .iter()
        .map(|url| {
            format!("  {url:<7} {:>3} bytes  fetched {} times", body(url).len(), served.get(*url).copied().unwrap_or(0))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let fail = |lesson: String| -> ! { run.fail(format!("{lesson}\n\nThe pages this run served:\n{pages}")) };
    if let Some(url) = urls.iter().find(|url| !served.contains_key(**url)) {
        fail(format!(
            "spawn_crawl returned {}, but the web server was never asked for {url}: the total must be the \
             length of each page's body as `web::fetch_page(url).await` returns it.",
            run.value
        ));
    }
    if run.value != total {
        let made_up = made_up_total(urls);
        let why = if run.value == made_up && made_up != total {
            format!(
                " {} is what the bodies would add up to if every page were `<h1>{{url}}</h1>`, written from \
                 its address; this run's pages have other bodies. Add up `page.body.len()` of the pages \
                 `fetch_page` returned.",
                run.value
            )
        } else {
            String::new()
        };
        fail(format!("The pages hold {sum} = {total} bytes of body; spawn_crawl returned {}.{why}", run.value));
    }
    if let Some((url, n)) = served.iter().find(|(_, n)| **n > 1) {
        fail(format!("spawn_crawl fetched {url} {n} times; each page once is enough."));
    }
    // Each link is found on the page before: the fetches are sequential by design.
    run.assert_elapsed(secs(urls.len() as u64));
}

workbook::checks! {
    fn visits_are_counted_side_by_side() {
        let run = visit_all(&["/a", "/b", "/a"], Vec::new());
        judge_visits(&run, &["/a", "/b", "/a"], secs(1));

        // Pages of different speeds, visited in no particular order.
        const URLS: &[&str] = &["/home", "/shop", "/home", "/blog", "/shop"];
        let uneven = visit_all(URLS, vec![("/home", millis(1300)), ("/shop", millis(450)), ("/blog", millis(900))]);
        judge_visits(&uneven, URLS, millis(1300));
    }

    fn a_visit_is_counted_under_one_lock() {
        // Read from the source: on the checks' one thread no task runs between two
        // `lock()`s, so a lost update there can't be made to happen.
        let Some(source) = Source::parse(include_str!("../src/send_bounds.rs")) else { return };
        if let Some(locks) = read_then_written(&source, "spawn_visit") {
            workbook::fail(format!(
                "spawn_visit takes the stats' lock {} times, reading the count under the first and writing \
                 it under a later one:\n    {}\n\
                 Between the two the lock is free: on a \
                 multi-thread runtime another visit of the same page can count in that gap, and one of the two \
                 counts is lost. The checks run on one thread, where no task runs in the gap, so the counts \
                 come out right here. Take the lock once and add 1 under it: \
                 `*stats.visits.lock().unwrap().entry(url).or_default() += 1`.",
                locks.len(),
                locks.join("\n    ")
            ));
        }
    }

    fn crawl_adds_up_the_pages() {
        // "<h1>/a</h1>" is 11 bytes, "<h1>/bb</h1>" 12, "<h1>/ccc</h1>" 13.
        let run = crawl(&["/a", "/bb", "/ccc"], &[]);
        judge_crawl(&run, &["/a", "/bb", "/ccc"], &[]);

        // Pages whose bodies can't be told from their address.
        const URLS: &[&str] = &["/shop", "/about", "/faq"];
        const BODIES: &[(&str, &str)] =
            &[("/shop", "<p>Books, maps and postcards.</p>"), ("/about", "<p>Since 1987.</p>"), ("/faq", "<ul></ul>")];
        let real = crawl(URLS, BODIES);
        judge_crawl(&real, URLS, BODIES);
    }
}
