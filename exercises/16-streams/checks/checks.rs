//! The checks of exercise 16. Read them if you like; `grader check` notices edits.
//!
//! A check reads a stream the way `async for` does, `next().await` again and again, and
//! notes each item in the trace (`reader • got book 1 (Dune)`) at the instant it came.
//! The catalogue is `workbook::sim::pager`: each page takes 500 ms, and it holds 3, 3 and
//! 1 books unless a check says otherwise.

use std::pin::pin;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::time::Instant;

use super::*;
use workbook::sim::pager::{self, Book, PAGE_TIME};
use workbook::trace::{Kind, Span, Trace, note};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// How long a reader waits for one item before it calls the stream stuck.
const STUCK: Duration = Duration::from_secs(60);

/// What reading a stream gave: each item with the instant it came, and how the
/// reading ended.
#[derive(Debug)]
struct Reading<T> {
    items: Vec<(T, Duration)>,
    end: End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// `next()` gave `None` at this instant: the stream ended.
    At(Duration),
    /// The reader stopped after as many items as it would take: the stream went on.
    Endless,
    /// `next()` gave nothing, neither an item nor the end, for [`STUCK`].
    Stuck,
}

impl<T> Reading<T> {
    fn times(&self) -> Vec<Duration> {
        self.items.iter().map(|(_, at)| *at).collect()
    }
}

/// Reads `stream` like `async for`, at most `limit` items, noting each one in the trace
/// as `reader • <describe(item)>`, and its end as `reader • the stream ended`.
async fn read<T>(stream: impl Stream<Item = T>, limit: usize, describe: impl Fn(&T) -> String) -> Reading<T> {
    let start = Instant::now();
    let mut stream = pin!(stream);
    let mut items = Vec::new();
    loop {
        if items.len() == limit {
            note("reader", "stops reading: the stream goes on and on");
            return Reading { items, end: End::Endless };
        }
        match tokio::time::timeout(STUCK, stream.next()).await {
            Ok(Some(item)) => {
                note("reader", &describe(&item));
                items.push((item, start.elapsed()));
            }
            Ok(None) => {
                note("reader", "the stream ended");
                return Reading { items, end: End::At(start.elapsed()) };
            }
            Err(_) => return Reading { items, end: End::Stuck },
        }
    }
}

/// `1 s`, `250 ms`: a duration as a person would say it.
fn spoken(d: Duration) -> String {
    if d.subsec_nanos() == 0 { format!("{} s", d.as_secs()) } else { format!("{} ms", d.as_millis()) }
}

fn ids(books: &[Book]) -> Vec<u32> {
    books.iter().map(|book| book.id).collect()
}

// ---------------------------------------------------------------------------------
// The ticker

/// The ticks as a table: when each was due, when it came.
fn tick_board(reading: &Reading<u32>, period: Duration, count: u32) -> String {
    let mut out = String::from("  tick       due      came\n");
    let rows = reading.items.len().max(count as usize);
    for i in 0..rows {
        let due = if i < count as usize { format_secs(period * (i as u32 + 1)) } else { "-".to_string() };
        let (tick, came) = match reading.items.get(i) {
            Some((tick, at)) => (tick.to_string(), format_secs(*at)),
            None => ("-".to_string(), "never".to_string()),
        };
        out.push_str(&format!("  {tick:>4}  {due:>8}  {came:>8}\n"));
    }
    let end = match reading.end {
        End::At(at) => format_secs(at),
        End::Endless => "never (it went on)".to_string(),
        End::Stuck => format!("never (stuck for {} s)", STUCK.as_secs()),
    };
    out.push_str(&format!("   end  {:>8}  {end:>8}", format_secs(period * count)));
    out
}

/// Judges what reading `ticker(period, count)` gave: ticks 1..=count, tick n at
/// n × period after reading started, and the end right after the last one.
/// `made_before` is how long before reading the check made the stream.
fn judge_ticker(run: &Run<Reading<u32>>, period: Duration, count: u32, made_before: Duration) {
    run.assert_not_blocked();
    let reading = &run.value;
    let call = format!("ticker({}, {count})", spoken(period));
    let board = tick_board(reading, period, count);
    let board = if made_before.is_zero() {
        board
    } else {
        format!(
            "(times counted from when reading started; the stream was made {} before that)\n{board}",
            format_secs(made_before)
        )
    };
    let fail = |lesson: String| -> ! { run.fail(format!("{lesson}\n\nThe ticks:\n{board}")) };

    if reading.end == End::Stuck {
        fail(format!(
            "{call} gave {} ticks, then neither another tick nor the end for {} s: the stream got stuck.\n\
             A stream must either make progress or end. In `stream::unfold`, return `None` (not a \
             future that never finishes) when the ticks are done.",
            reading.items.len(),
            STUCK.as_secs()
        ));
    }
    if reading.end == End::Endless {
        fail(format!(
            "{call} gave {} ticks and was still going when the check stopped reading: the stream must \
             end after tick {count}.\n\
             An async generator ends when its function returns; a stream ends when it gives `None`. \
             In `stream::unfold`, return `None` once {count} ticks are out (keep the tick number in the \
             state); a `tokio::time::interval` ticks forever, so stop it with `.take(count)`.",
            reading.items.len()
        ));
    }
    let numbers: Vec<u32> = reading.items.iter().map(|(tick, _)| *tick).collect();
    let expected: Vec<u32> = (1..=count).collect();
    if numbers != expected {
        fail(format!(
            "{call} gave the ticks {numbers:?}; expected {expected:?}: the ticks are numbered from 1, one \
             number per tick, {count} of them."
        ));
    }
    let times = reading.times();
    let due: Vec<Duration> = (1..=count).map(|n| period * n).collect();
    let End::At(end) = reading.end else { unreachable!("handled above") };
    let end_due = period * count;
    if !made_before.is_zero()
        && let Some(i) = (0..times.len()).find(|&i| times[i] < due[i])
    {
        // Where each tick would come if the ticker's clock had started when it was made.
        let from_making: Vec<Duration> = (1..=count).map(|n| (period * n).max(made_before) - made_before).collect();
        let fits = times.len() == from_making.len() && times == from_making;
        let evidence = if fits {
            format!(
                "These are exactly the times of a clock started when `ticker()` was called: ticks due \
                 at 1, 2, 3… × {} from the call, and the ones already overdue when reading began \
                 handed out at once: the ticker counted time from before the reader asked.\n",
                spoken(period)
            )
        } else {
            "Possible causes: the ticker counted time from before the reader asked, or its ticks \
             come closer together than the period.\n"
                .to_string()
        };
        fail(format!(
            "The check made the stream with {call}, waited {}, then started reading. Tick {} came at {} \
             after reading started, before it was due at {}.\n{evidence}\
             A stream, like an async generator, does nothing until it is read, so its clock should start \
             when the reader first asks. A `sleep`, an `interval`/`interval_at` or an `Instant::now()` \
             deadline created in `ticker()` itself, outside the stream's async block, starts counting at \
             once. Create the timer inside the stream, on the first poll: `sleep(period).await` in \
             `unfold`'s async block does that.",
            format_secs(made_before),
            i + 1,
            format_secs(times[i]),
            format_secs(due[i])
        ));
    }
    if count > 1 && times.iter().all(|at| *at == times[0]) {
        fail(format!(
            "Every tick came at {}, all at once: nothing waited between them.\n\
             A stream hands out its items as fast as the reader asks, unless the code that makes each \
             item waits first. `stream::iter(1..=count)` has all its items ready; an async generator \
             would have `await asyncio.sleep(period)` before each `yield`. Do the same in \
             `stream::unfold`: in its async block, `tokio::time::sleep(period).await` and then \
             return `Some((tick, next_state))`.",
            format_secs(times[0])
        ));
    }
    if count > 0 && times.iter().zip(&due).all(|(at, due)| *at + period == *due) {
        fail(format!(
            "Tick 1 came at {}, the moment the reader asked for it, and every tick after it one period \
             early. Tick 1 is due one period after reading starts, at {}, as in an async generator that \
             sleeps before each `yield`.\n\
             If you used `tokio::time::interval`: its first `tick()` completes at once. Start it one \
             period later with `tokio::time::interval_at(Instant::now() + period, period)`, or sleep \
             first and yield after, as in `stream::unfold` with `sleep(period).await` before \
             `Some((tick, next))`.",
            format_secs(times[0]),
            format_secs(due[0])
        ));
    }
    if let Some(i) = (0..times.len()).find(|&i| times[i] != due[i]) {
        fail(format!(
            "Tick {} came at {}; it was due at {}, {} × {} after reading started. Each tick comes \
             one period after the one before: sleep `period` before each one (a `tokio::time::sleep`, \
             which lets the runtime run other tasks in the meantime).",
            i + 1,
            format_secs(times[i]),
            format_secs(due[i]),
            i + 1,
            spoken(period)
        ));
    }
    if end != end_due {
        let after =
            if count == 0 { "the start, since there is no tick to give".to_string() } else { format!("tick {count}") };
        fail(format!(
            "{call} ended at {}, but it should end at {}, right after {after}: the reader waited {} for a \
             tick that never came.\n\
             {cause}If so, check the count first, and return `None` before sleeping: in \
             `stream::unfold`, `if tick > count {{ return None; }}` comes before `sleep(period).await`.",
            format_secs(end),
            format_secs(end_due),
            format_secs(end.saturating_sub(end_due)),
            cause = if end.saturating_sub(end_due) == period {
                "That is one period, the time of one more sleep: possibly the stream slept once more \
                 before it found out it was done. "
            } else {
                "Possible causes: the stream slept once more before it found out it was done, or \
                 waited on something else after the last tick. "
            },
        ));
    }
}

// ---------------------------------------------------------------------------------
// The catalogue

/// Each page fetch in the trace: page number, and when it was requested.
fn requests(trace: &Trace) -> Vec<(u32, Duration)> {
    trace
        .events()
        .iter()
        .filter(|e| e.kind == Kind::Begin)
        .filter_map(|e| Some((e.actor.strip_prefix("catalog page ")?.parse().ok()?, e.at)))
        .collect()
}

/// The pages requested in the trace, in order.
fn requests_of(trace: &Trace) -> impl Iterator<Item = u32> + '_ {
    requests(trace).into_iter().map(|(page, _)| page)
}

/// When each book of a catalogue with `pages` should come to a reader who reads
/// straight away: when its page is in. Also when the stream should end.
fn schedule(pages: &[usize]) -> (Vec<(u32, Duration)>, Duration) {
    let mut books = Vec::new();
    let mut id = 0;
    for (page, &count) in pages.iter().enumerate() {
        for _ in 0..count {
            id += 1;
            books.push((id, PAGE_TIME * (page as u32 + 1)));
        }
    }
    (books, PAGE_TIME * pages.len() as u32)
}

/// "page 2 (3 books, next: page 3)": a page as the catalogue serves it.
fn page_label(pages: &[usize], page: u32) -> String {
    let count = pages.get(page as usize - 1).copied().unwrap_or(0);
    let books = match count {
        0 => "no books".to_string(),
        1 => "1 book".to_string(),
        n => format!("{n} books"),
    };
    let next = if (page as usize) < pages.len() { format!("next: page {}", page + 1) } else { "last page".to_string() };
    format!("page {page} ({books}, {next})")
}

/// The first page requested before the reader had taken every book of the pages
/// before it, if any: `(page, when, books taken by then, books on the pages before)`.
fn fetched_ahead(trace: &Trace, pages: &[usize]) -> Option<(u32, Duration, usize, usize)> {
    let mut taken = 0;
    for e in trace.events() {
        if e.actor == "reader" && e.what.starts_with("got ") {
            taken += 1;
        }
        let Some(page) = e.actor.strip_prefix("catalog page ").and_then(|p| p.parse::<u32>().ok()) else { continue };
        let needed: usize = pages.iter().take(page as usize - 1).sum();
        if e.kind == Kind::Begin && taken < needed {
            return Some((page, e.at, taken, needed));
        }
    }
    None
}

/// How to write a lazy `all_books`, the fix most catalogue lessons end with.
const LAZY_UNFOLD: &str = "With `stream::unfold`, the state says which page comes next (a first \
     page, a cursor, or nothing more); the async block fetches that one page and returns its books \
     with the next state, or `None` when there is no next page. `.flat_map(stream::iter)` turns that \
     stream of pages into a stream of books. The block runs only when the reader asks for more, so \
     each page is fetched just in time.";

/// Judges a reading of `all_books()` over a catalogue with `pages`, read straight away.
fn judge_catalogue(run: &Run<Reading<Book>>, pages: &[usize]) {
    run.assert_not_blocked();
    let reading = &run.value;
    let (schedule, end_due) = schedule(pages);
    let expected: Vec<u32> = schedule.iter().map(|(id, _)| *id).collect();
    let got: Vec<u32> = reading.items.iter().map(|(book, _)| book.id).collect();
    let requests = requests(&run.trace);
    let catalogue = pages.iter().enumerate().map(|(i, _)| page_label(pages, i as u32 + 1)).collect::<Vec<_>>();
    let catalogue = format!("The catalogue: {}.", catalogue.join(", "));
    let fail = |lesson: String| -> ! { run.fail(format!("{lesson}\n{catalogue}")) };

    if let Some((i, &(page, again))) =
        requests.iter().enumerate().find(|(i, r)| requests[..*i].iter().any(|p| p.0 == r.0))
    {
        // Started over: page 1 again, right after the last page (whose `next` is `None`).
        let over = page == 1 && i > 0 && requests[i - 1].0 as usize == pages.len();
        let twice = got.iter().enumerate().any(|(k, id)| got[..k].contains(id));
        let what = match (over, twice) {
            (true, true) => format!(
                "right after the last page (page {}, `next: None`): the stream started over instead of \
                 ending, and gave the same books again",
                pages.len()
            ),
            (true, false) => format!(
                "right after the last page (page {}, `next: None`): the stream started over instead of \
                 ending",
                pages.len()
            ),
            (false, _) => "though each page is needed once. Possible causes: the stream started over \
                 (`fetch_page(None)` again), or it fetches a page it already has"
                .to_string(),
        };
        fail(format!(
            "all_books() fetched page {page} a second time, at {}, {what}.\n\
             `None` in `page.next` means \"no more pages\", but `fetch_page(None)` means \"the first \
             page\": keep the two apart. Let the stream's state say what comes next, say an enum of \
             `First`, `At(cursor)` and `NoMore`, and end the stream (return `None` from `unfold`) in \
             the `NoMore` state.",
            format_secs(again)
        ));
    }
    if reading.end == End::Endless {
        fail(format!(
            "all_books() gave {} books and was still going when the check stopped reading, though the \
             catalogue holds {}. The stream must end after the books of the last page: return `None` \
             from `unfold` once a page's `next` was `None`.",
            got.len(),
            expected.len()
        ));
    }
    if reading.end == End::Stuck {
        fail(format!(
            "all_books() gave {} books, then neither another book nor the end for {} s: the stream got \
             stuck. When the last page is read, end the stream (`None`) rather than waiting for \
             something that never comes.",
            got.len(),
            STUCK.as_secs()
        ));
    }
    if got != expected {
        let last = requests.iter().map(|(page, _)| *page).max();
        match last {
            Some(last) if expected.starts_with(&got) && (last as usize) < pages.len() => {
                let empty = pages[last as usize - 1] == 0;
                let mut lesson = format!(
                    "all_books() gave {} of the {} books ({got:?}) and ended after page {last}, but that page \
                     said `next: page {}`: the catalogue goes on.\n",
                    got.len(),
                    expected.len(),
                    last + 1
                );
                if empty {
                    lesson.push_str(
                        "Page {last} had no books, and your stream ended right after it. An empty page is not the end of \
                         the catalogue (real APIs send them too); only a page whose `next` is `None` is. If you \
                         keep a buffer of books and fetch when it's empty, fetch again while it stays empty \
                         and there is a next page; or unfold a stream of pages and `flat_map` it, which skips \
                         empty pages by itself.\n",
                    );
                    lesson = lesson.replace("{last}", &last.to_string());
                } else {
                    lesson.push_str(
                        "Follow the cursors: fetch the next page with the cursor in `page.next`, again and \
                         again, and end the stream only after a page whose `next` is `None`.\n",
                    );
                }
                lesson.push_str(LAZY_UNFOLD);
                fail(lesson);
            }
            _ => fail(format!(
                "all_books() gave the books {got:?}; expected {expected:?}: every book of the catalogue, \
                 once, in catalogue order (page 1's books first)."
            )),
        }
    }
    if let Some(((book, came), (_, due))) =
        reading.items.iter().zip(&schedule).find(|((_, came), (_, due))| came != due)
    {
        let page = (due.as_nanos() / PAGE_TIME.as_nanos()) as u32;
        let ahead: Vec<String> = requests
            .iter()
            .filter(|(p, at)| *p > page && at < came)
            .map(|(p, at)| format!("page {p} at {}", format_secs(*at)))
            .collect();
        let why = if ahead.is_empty() {
            "Hand out each book as soon as its page is in.".to_string()
        } else {
            let all = requests.iter().any(|(p, at)| *p as usize == pages.len() && at < came) && pages.len() > 1;
            let reach = if all {
                "it read the whole catalogue before handing out this book. Collecting the pages first does \
                 that (`[book async for book in ...]` inside the generator)"
            } else {
                "it read ahead of this book's page. Possible causes: the pages are collected first (`[book \
                 async for book in ...]` inside the generator), or the next page is fetched as soon as the \
                 last book of a page is taken out, before that book is handed over"
            };
            format!(
                "Before handing it out, your stream fetched {}: {reach}. The reader waits for pages it may \
                 never need.\n{LAZY_UNFOLD}",
                ahead.join(" and ")
            )
        };
        fail(format!(
            "{book} came at {}, but it is on page {page}, which was in at {}.\n{why}",
            format_secs(*came),
            format_secs(*due)
        ));
    }
    if let Some((page, at, taken, needed)) = fetched_ahead(&run.trace, pages) {
        fail(format!(
            "all_books() requested page {page} at {}, when the reader had taken {taken} of the {needed} \
             books on the pages before it: the stream fetched ahead of its reader.\n\
             Like a generator, a stream should do the work for an item when the reader asks for that \
             item, and not before: the reader may stop at any book. A task that fetches pages into a \
             channel runs ahead like this, and so does a buffer that fetches the next page as soon as \
             the last book of a page is taken out.\n{LAZY_UNFOLD}",
            format_secs(at)
        ));
    }
    if let End::At(end) = reading.end
        && end != end_due
    {
        fail(format!(
            "all_books() ended at {}; it should end at {}, when the last page is in and its books are \
             handed out: nothing is left to wait for.",
            format_secs(end),
            format_secs(end_due)
        ));
    }
}

// ---------------------------------------------------------------------------------
// The feed of new arrivals, for read_until_quiet

/// New arrivals: book n comes `gaps[n - 1]` after the reader asks for it. Each wait is
/// a span of actor `feed: book <n>`, which shows `dropped (cancelled)` if the reader
/// drops the stream while it waits.
fn new_arrivals(gaps: Vec<Duration>) -> impl Stream<Item = Book> {
    stream::iter(gaps.into_iter().zip(1..)).then(|(gap, id)| async move {
        let span = Span::begin(format!("feed: book {id}"), "asked for");
        tokio::time::sleep(gap).await;
        span.end("arrives");
        Book::numbered(id)
    })
}

/// A feed and the quiet limit of a `read_until_quiet` check.
struct Feed {
    gaps: Vec<Duration>,
    quiet: Duration,
}

impl Feed {
    /// What a correct reader does: how many books it reads, when it returns, and
    /// whether it gave up (rather than seeing the stream end).
    fn expected(&self) -> (usize, Duration, bool) {
        let mut at = Duration::ZERO;
        for (i, gap) in self.gaps.iter().enumerate() {
            if *gap > self.quiet {
                return (i, at + self.quiet, true);
            }
            at += *gap;
        }
        (self.gaps.len(), at, false)
    }

    /// The feed as a table: each book, its gap, when it comes.
    fn board(&self) -> String {
        let mut out = String::new();
        let mut at = Duration::ZERO;
        for (i, gap) in self.gaps.iter().enumerate() {
            at += *gap;
            let mark = if *gap > self.quiet {
                format!("  ← longer than the quiet limit ({})", spoken(self.quiet))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  book {}  {:>7} after the reader asks  → arrives at {}{mark}\n",
                i + 1,
                format_secs(*gap),
                format_secs(at)
            ));
        }
        out.push_str(&format!("  then the feed ends (at {})", format_secs(at)));
        out
    }

    /// The instant book `n` (from 1) arrives, for a reader who asks straight away.
    fn arrival(&self, n: usize) -> Duration {
        self.gaps[..n].iter().sum()
    }
}

/// Runs `read_until_quiet` on the feed, noting when it returned.
async fn read_feed(feed: &Feed) -> (Vec<Book>, Duration) {
    let start = Instant::now();
    let books = read_until_quiet(new_arrivals(feed.gaps.clone()), feed.quiet).await;
    let returned = start.elapsed();
    let word = if books.len() == 1 { "book" } else { "books" };
    note("reader", &format!("read_until_quiet returned {} {word}", books.len()));
    (books, returned)
}

/// The fix most read_until_quiet lessons end with.
const PER_BOOK_TIMEOUT: &str = "Put the time limit around each wait for a book: \
     `while let Ok(Some(book)) = tokio::time::timeout(quiet, books.next()).await { .. }`. \
     `timeout` gives `Err(Elapsed)` when the book is more than `quiet` away, and `Ok(None)` when \
     the stream has ended: both end the loop. Returning drops the stream, which cancels its wait.";

/// Judges a `read_until_quiet` run on `feed`.
fn judge_quiet(run: &Run<(Vec<Book>, Duration)>, feed: &Feed) {
    run.assert_not_blocked();
    let (books, returned) = &run.value;
    let got = ids(books);
    let (count, due, gives_up) = feed.expected();
    let expected: Vec<u32> = (1..=count as u32).collect();
    let quiet = spoken(feed.quiet);
    let fail =
        |lesson: String| -> ! { run.fail(format!("{lesson}\n\nThe feed (quiet limit {quiet}):\n{}", feed.board())) };
    let read = |n: usize| -> String {
        match n {
            0 => "no books".to_string(),
            1 => "1 book".to_string(),
            n => format!("{n} books"),
        }
    };
    let should = if gives_up {
        if count == 0 {
            format!(
                "Book 1 is {} away, more than {quiet}: the reader should give up at {}, with no books.",
                format_secs(feed.gaps[0]),
                format_secs(due)
            )
        } else {
            format!(
                "It should read {} ({expected:?}) and give up at {}: book {} is {} away, more than {quiet} \
                 after book {count} came at {}.",
                read(count),
                format_secs(due),
                count + 1,
                format_secs(feed.gaps[count]),
                format_secs(feed.arrival(count))
            )
        }
    } else {
        format!(
            "No book is more than {quiet} away, so it should read all {} and return when the feed ends, at {}.",
            read(count),
            format_secs(due)
        )
    };

    if !expected.starts_with(&got) && !got.starts_with(&expected) {
        fail(format!(
            "read_until_quiet returned the books {got:?} at {}. It should return the books it read, in the \
             order they came.\n{should}",
            format_secs(*returned)
        ));
    }
    if *returned == feed.quiet && *returned < due {
        let lost = if got.is_empty() && feed.arrival(1) < feed.quiet {
            format!(
                " Book 1 had come at {}, yet none came back. If a timeout wraps the collecting: when it \
                 fires, it drops the future it wraps, and the books collected inside it (with `.collect()`, \
                 say) go with it.",
                format_secs(feed.arrival(1))
            )
        } else {
            String::new()
        };
        fail(format!(
            "read_until_quiet returned {} at {}, exactly {quiet} after it started reading.\n{should}\n\
             The quiet limit ran over the whole reading instead of over each book: a timeout around the \
             whole loop (or around `.collect()`), or a deadline set once before the loop, ends the reading \
             {quiet} after it starts, however lively the feed is. In Python terms, that's \
             `async with asyncio.timeout(quiet):` around the `async for`, where you wanted \
             `await asyncio.wait_for(anext(feed), quiet)` for each book.{lost}\n{PER_BOOK_TIMEOUT}",
            read(got.len()),
            format_secs(*returned)
        ));
    }
    if got.len() > count {
        fail(format!(
            "read_until_quiet returned {} at {}: it waited {} for book {}, longer than the quiet limit.\n\
             {should}\n\
             If there is no timeout, add one. If there is one and your loop went on after `Err(Elapsed)`: a \
             timeout only ends your wait, not the stream's work. The stream still holds its unfinished \
             wait for that book, so asking again with `next()` waits on for the same book. Stop reading \
             at the first timeout.\n{PER_BOOK_TIMEOUT}",
            read(got.len()),
            format_secs(*returned),
            format_secs(feed.gaps[count]),
            count + 1
        ));
    }
    if got.len() < count && count > 0 && *returned >= feed.arrival(count) {
        fail(format!(
            "read_until_quiet returned {} at {}, but by then books 1 to {count} had come (book {count} at {}): \
             it waited for them, then did not return them.\n{should}\n\
             The books it read were lost on the way out. Possible causes: the Vec lives inside a future or \
             helper that is thrown away when the time limit fires (`?` on `Err(Elapsed)` and then \
             `unwrap_or_default()`, a `timeout` around the collecting), or a new Vec is returned instead of \
             the one the books were pushed into. Keep the books outside what the timeout cancels, and \
             return them when it fires.\n{PER_BOOK_TIMEOUT}",
            read(got.len()),
            format_secs(*returned),
            format_secs(feed.arrival(count))
        ));
    }
    if got.len() < count {
        // How long it waited for the book it gave up on, if it gave up before the limit.
        let waited = returned.saturating_sub(feed.arrival(got.len()));
        let gave_up = if got == expected[..got.len()] && waited < feed.quiet {
            format!(
                " It stopped waiting for book {} {} after asking for it, before the quiet limit of {} was \
                 up: the limit it used was shorter than the `quiet` it was given (a fixed number, or \
                 `quiet` rounded, say to whole seconds, are possible causes).",
                got.len() + 1,
                format_secs(waited),
                format_secs(feed.quiet)
            )
        } else {
            String::new()
        };
        fail(format!(
            "read_until_quiet returned {} at {}, too early: book {} came {} after the one before, within \
             the quiet limit, and should have been read.{gave_up}\n{should}\n{PER_BOOK_TIMEOUT}",
            read(got.len()),
            format_secs(*returned),
            got.len() + 1,
            format_secs(feed.gaps[got.len()])
        ));
    }
    if *returned != due {
        let detail = if gives_up {
            format!(
                "The quiet limit starts when you ask for the next book and lasts {quiet}: `timeout(quiet, \
                 books.next())`, with the `quiet` you were given."
            )
        } else {
            "When the feed ends, `next()` gives `None`: return right then.".to_string()
        };
        fail(format!(
            "read_until_quiet returned the right books, but at {}.\n{should}\n{detail}",
            format_secs(*returned)
        ));
    }
    if gives_up {
        let waited = format!("feed: book {}", count + 1);
        let cancelled = run.trace.of(&waited).any(|e| e.kind == Kind::Dropped && e.at == due);
        run.ensure(
            cancelled,
            format!(
                "read_until_quiet returned the right books at {}, but the feed's wait for book {} was not \
                 dropped then. Return the books and let the stream go: dropping it cancels the wait.",
                format_secs(due),
                count + 1
            ),
        );
    }
}

// ---------------------------------------------------------------------------------
// first_books

/// Calls `first_books(n)`, notes when it returned, then idles 3 s so the trace shows
/// whether any page was still fetched afterwards.
async fn first_books_then_watch(n: usize) -> (Vec<Book>, Duration) {
    let start = Instant::now();
    let books = first_books(n).await;
    let returned = start.elapsed();
    let word = if books.len() == 1 { "book" } else { "books" };
    note("reader", &format!("first_books({n}) returned {} {word}", books.len()));
    tokio::time::sleep(secs(3)).await;
    (books, returned)
}

/// Judges `first_books(n)` on the default catalogue (3, 3 and 1 books).
fn judge_first_books(run: &Run<(Vec<Book>, Duration)>, n: usize) {
    run.assert_not_blocked();
    let (books, returned) = &run.value;
    let got = ids(books);
    let total = pager::DEFAULT_PAGES.iter().sum::<usize>();
    let count = n.min(total);
    let expected: Vec<u32> = (1..=count as u32).collect();
    // The page that holds book `count`, and when it is in.
    let last_page = (1..=pager::DEFAULT_PAGES.len())
        .find(|&p| pager::DEFAULT_PAGES[..p].iter().sum::<usize>() >= count)
        .filter(|_| count > 0)
        .unwrap_or(0) as u32;
    let due = PAGE_TIME * last_page;
    let requests = requests(&run.trace);
    let needed = match last_page {
        0 => "no page at all".to_string(),
        1 => "page 1 only".to_string(),
        2 => "pages 1 and 2".to_string(),
        p => format!("pages 1 to {p}"),
    };

    if got != expected {
        let pages_fetched = requests.iter().map(|(p, _)| *p).max().unwrap_or(0);
        if n == 0 {
            run.fail(format!(
                "first_books(0) returned {got:?}: asked for no books, it should return none, without \
                 fetching anything.\n\
                 A loop that pushes a book first and compares the count after misses n = 0: the count is \
                 already 1 when it first looks, and with `if read.len() == n {{ break }}` it never stops \
                 at all. Compare before you ask for a book (`while read.len() < n`), or let `.take(n)` \
                 count: `take(0)` ends at once, without polling the stream under it."
            ));
        }
        if expected.starts_with(&got) && (pages_fetched as usize) < pager::DEFAULT_PAGES.len() {
            let fetched = match pages_fetched {
                0 => "No page was fetched".to_string(),
                1 => "Only page 1 was fetched".to_string(),
                p => format!("Only pages 1 to {p} were fetched"),
            };
            run.fail(format!(
                "first_books({n}) returned {} books ({got:?}); the catalogue has {total}, so it should return \
                 {expected:?}. {fetched}: the books ran out early. \
                 If first_books reads from all_books(), that stream ends too soon (see the check \
                 `all_books_reads_every_page`).",
                got.len()
            ));
        }
        let twice = got.iter().enumerate().any(|(i, id)| got[..i].contains(id));
        let why = if twice {
            " Some books came twice. Possible causes: the stream went on past the last page (if first_books \
             reads from all_books(), see the check `all_books_reads_every_page`), or a book was added twice."
        } else {
            ""
        };
        run.fail(format!(
            "first_books({n}) returned the books {got:?}; expected {expected:?}: the first {count} books of \
             the catalogue, in order.{why}"
        ));
    }
    let extra: Vec<&(u32, Duration)> = requests.iter().filter(|(page, _)| *page > last_page).collect();
    if let Some(&&(page, at)) = extra.first() {
        // Does all_books() fetch that page on its own, read with `take(n)`?
        let alone = workbook::run(async move {
            let _: Vec<Book> = all_books().take(n).collect().await;
            tokio::time::sleep(secs(3)).await;
        });
        if requests_of(&alone.trace).any(|p| p > last_page) {
            run.fail(format!(
                "first_books({n}) needs {needed}, but page {page} was fetched too, at {}. So does \
                 `all_books().take({n})` on its own: all_books() fetches pages before the reader asks for \
                 their books. Fix all_books first (see the check `pages_are_fetched_only_when_needed`).",
                format_secs(at)
            ));
        }
        // The page that holds book `count + 1`, the first book first_books does not keep.
        let next_page = (1..=pager::DEFAULT_PAGES.len())
            .find(|&p| pager::DEFAULT_PAGES[..p].iter().sum::<usize>() > count)
            .map(|p| p as u32);
        let furthest = requests.iter().map(|(p, _)| *p).max().unwrap_or(0);
        // A fetch begun at the instant first_books returned and dropped then was its own: the
        // stream it read from asked for the page, and was dropped with it.
        let dropped_by_return =
            run.trace.of(&format!("catalog page {page}")).any(|e| e.kind == Kind::Dropped && e.at <= *returned);
        let own = at < *returned || (at == *returned && dropped_by_return);
        let when = if own && next_page == Some(furthest) {
            format!(
                "before it returned at {}: page {page} holds book {}, the first book it does not keep, so it \
                 asked the stream for at least one book more than it needed. A loop that asks for the next book \
                 before it checks the count does that, and so does a `take_while` that counts the books it \
                 sees (it must see book {} to say no), or a `zip` with a counter (`zip` asks both streams \
                 for an item before it looks whether one has ended).\n\
                 `.take({n})` stops asking after {n} books, and once the reader stops asking, a lazy stream \
                 fetches nothing more: `all_books().take(n).collect().await`.",
                format_secs(*returned),
                count + 1,
                count + 1
            )
        } else if own && furthest as usize == pager::DEFAULT_PAGES.len() {
            format!(
                "before it returned at {}: it fetched every page of the catalogue, up to page {furthest}, and \
                 kept only the first {n} books. That is `[book async for book in all_books()][:{n}]`: the \
                 list is built in full before it is sliced.\n\
                 `.take({n})` stops asking after {n} books, and once the reader stops asking, a lazy stream \
                 fetches nothing more: `all_books().take(n).collect().await`.",
                format_secs(*returned)
            )
        } else if own {
            format!(
                "before it returned at {}: it read further than the books it keeps (up to page {furthest}), \
                 and threw the rest away.\n\
                 `.take({n})` stops asking after {n} books, and once the reader stops asking, a lazy stream \
                 fetches nothing more: `all_books().take(n).collect().await`.",
                format_secs(*returned)
            )
        } else {
            format!(
                "after it had returned at {}: something kept fetching for nobody. A task that fetches \
                 pages into a channel does that; a stream whose async block fetches each page when asked \
                 does not.",
                format_secs(*returned)
            )
        };
        run.fail(format!(
            "first_books({n}) needs {needed}, but page {page} was fetched too, at {}, {when}",
            format_secs(at)
        ));
    }
    if *returned != due {
        run.fail(format!(
            "first_books({n}) returned the right books, but at {}: it should return at {}, when the page \
             holding book {count} is in.",
            format_secs(*returned),
            format_secs(due)
        ));
    }
}

workbook::checks! {
    fn ticks_come_one_period_apart() {
        // Like the notes' five_random_numbers: a value every second, five times.
        let run = workbook::run(async { read(ticker(secs(1), 5), 8, |tick| format!("tick {tick}")).await });
        judge_ticker(&run, secs(1), 5, Duration::ZERO);
        run.assert_elapsed(secs(5));
        assert_trace!(run, "ticks_come_one_period_apart");
    }

    fn ticker_follows_its_period() {
        let run = workbook::run(async { read(ticker(millis(250), 4), 7, |tick| format!("tick {tick}")).await });
        judge_ticker(&run, millis(250), 4, Duration::ZERO);
        run.assert_elapsed(secs(1));

        let none = workbook::run(async { read(ticker(secs(1), 0), 3, |tick| format!("tick {tick}")).await });
        judge_ticker(&none, secs(1), 0, Duration::ZERO);
        none.assert_elapsed(Duration::ZERO);
    }

    fn ticker_starts_when_read() {
        // Made now, read 1.337 s later: tick 1 is due 350 ms after the reading starts.
        let run = workbook::run(async {
            let ticks = ticker(millis(350), 5);
            note("reader", "makes the ticker, then waits 1.337 s");
            tokio::time::sleep(millis(1337)).await;
            note("reader", "starts reading");
            read(ticks, 8, |tick| format!("tick {tick}")).await
        });
        judge_ticker(&run, millis(350), 5, millis(1337));
        // 1.337 s before reading, then 5 × 350 ms.
        run.assert_elapsed(millis(3087));
    }

    fn all_books_reads_every_page() {
        let run = workbook::run(async { read(all_books(), 20, |book| format!("got {book}")).await });
        judge_catalogue(&run, pager::DEFAULT_PAGES);
        // Pages 1, 2 and 3, one after another: each cursor comes with the page before.
        run.assert_elapsed(millis(1500));
        assert_trace!(run, "all_books_reads_every_page");

        // Pages of uneven sizes: a short page (1 book) is not the last one.
        let pages = [2, 3, 1, 2];
        let uneven = workbook::run(async move {
            pager::set_pages(&pages);
            read(all_books(), 20, |book| format!("got {book}")).await
        });
        judge_catalogue(&uneven, &pages);
        uneven.assert_elapsed(secs(2));
    }

    fn pages_are_fetched_only_when_needed() {
        // Make the stream, wait 1 s, read 3 books, drop the stream, wait 3 s.
        let run = workbook::run(async {
            let mut books = Box::pin(all_books());
            note("reader", "makes the stream, then waits 1 s");
            tokio::time::sleep(secs(1)).await;
            note("reader", "starts reading");
            let mut got = Vec::new();
            while got.len() < 3 {
                match tokio::time::timeout(STUCK, books.next()).await {
                    Ok(Some(book)) => {
                        note("reader", &format!("got {book}"));
                        got.push(book);
                    }
                    _ => break,
                }
            }
            drop(books);
            note("reader", "has its 3 books, drops the stream");
            tokio::time::sleep(secs(3)).await;
            got
        });
        run.assert_not_blocked();
        let requests = requests(&run.trace);
        if let Some((page, at)) = requests.iter().find(|(_, at)| *at < secs(1)) {
            run.fail(format!(
                "Page {page} was requested at {}, but nobody read the stream before 1.000s: the check made \
                 it with all_books(), then waited a second before asking for a book.\n\
                 A stream, like a Python async generator, does nothing until it is read. Don't start work \
                 in all_books() itself (a `tokio::spawn` there runs at once, read or not); put it inside \
                 the stream, where it runs when the reader asks.\n{LAZY_UNFOLD}",
                format_secs(*at)
            ));
        }
        let got = ids(&run.value);
        run.ensure(
            got == [1, 2, 3],
            format!("The first 3 books read from all_books() were {got:?}; expected [1, 2, 3], the books of page 1."),
        );
        if let Some((page, at)) = requests.iter().find(|(page, _)| *page > 1) {
            let when = if *at > millis(1500) {
                "after the reader had dropped the stream at 1.500s: something kept fetching for nobody. \
                 A task that fetches pages into a channel does that; work done inside the stream stops \
                 when the stream is dropped."
                    .to_string()
            } else {
                format!(
                    "though the reader took only the 3 books of page 1 and then dropped the stream. Your \
                     stream fetched ahead of the reader: a page should be fetched only when the reader asks \
                     for a book and the page before is used up.\n{LAZY_UNFOLD}"
                )
            };
            run.fail(format!("Page {page} was requested at {}, {when}", format_secs(*at)));
        }
        // 1 s before reading, page 1 in 0.5 s, then 3 s of watching.
        run.assert_elapsed(millis(4500));
        assert_trace!(run, "pages_are_fetched_only_when_needed");
    }

    fn empty_pages_do_not_end_the_catalogue() {
        let pages = [3, 0, 0, 2];
        let run = workbook::run(async move {
            pager::set_pages(&pages);
            read(all_books(), 20, |book| format!("got {book}")).await
        });
        judge_catalogue(&run, &pages);
        run.assert_elapsed(secs(2));

        let empty = workbook::run(async {
            pager::set_pages(&[0]);
            read(all_books(), 20, |book| format!("got {book}")).await
        });
        judge_catalogue(&empty, &[0]);
        empty.assert_elapsed(millis(500));
    }

    fn first_books_stops_after_n() {
        // Book 4 is on page 2: pages 1 and 2, and not page 3.
        let run = workbook::run(first_books_then_watch(4));
        judge_first_books(&run, 4);
        run.assert_elapsed(secs(4));
        assert_trace!(run, "first_books_stops_after_n");

        // Book 3 is the last of page 1: page 2 holds none of the books asked for.
        let boundary = workbook::run(first_books_then_watch(3));
        judge_first_books(&boundary, 3);
        boundary.assert_elapsed(millis(3500));

        let none = workbook::run(first_books_then_watch(0));
        judge_first_books(&none, 0);
        none.assert_elapsed(secs(3));

        let more = workbook::run(first_books_then_watch(10));
        judge_first_books(&more, 10);
        more.assert_elapsed(millis(4500));
    }

    fn reading_stops_when_the_feed_goes_quiet() {
        let feed = Feed { gaps: vec![millis(400), millis(400), millis(400), millis(1800)], quiet: secs(1) };
        let run = workbook::run(read_feed(&feed));
        judge_quiet(&run, &feed);
        // Book 3 at 1.2 s, then 1 s of quiet.
        run.assert_elapsed(millis(2200));
        assert_trace!(run, "reading_stops_when_the_feed_goes_quiet");

        // A limit that is not a round number, and gaps that differ: book 4 is 1.5 s away.
        let feed = Feed { gaps: vec![millis(250), millis(1200), millis(700), millis(1500)], quiet: millis(1337) };
        let uneven = workbook::run(read_feed(&feed));
        judge_quiet(&uneven, &feed);
        // Book 3 at 2.15 s, then 1.337 s of quiet.
        uneven.assert_elapsed(millis(3487));
    }

    fn a_feed_that_ends_is_read_to_the_end() {
        let feed = Feed { gaps: vec![millis(600), millis(600), millis(600)], quiet: secs(1) };
        let run = workbook::run(read_feed(&feed));
        judge_quiet(&run, &feed);
        run.assert_elapsed(millis(1800));
    }

    fn a_silent_feed_gives_nothing() {
        let feed = Feed { gaps: vec![secs(5), millis(100)], quiet: secs(1) };
        let run = workbook::run(read_feed(&feed));
        judge_quiet(&run, &feed);
        run.assert_elapsed(secs(1));
    }
}
