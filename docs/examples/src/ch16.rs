//! Chapter 16 · streams: async generators and `async for`.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book};
use workbook::sim::station::{self, Reading};
use workbook::trace::{Span, note};
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The `Stream` trait of `futures`, simplified: what a stream is.
pub mod simplified {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    // ANCHOR: stream_trait
    pub trait Stream {
        type Item;
        // Ready(Some(item)): here is the next one. Ready(None): there are no more.
        // Pending: not yet; the waker in `cx` will say when to ask again.
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>>;
    }
    // ANCHOR_END: stream_trait
}

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch16::busy_reader", || Picture::of(busy_reader())),
    ("ch16::every_book_first_for_three", || {
        Picture::of(async {
            let first: Vec<Book> = every_book_first().take(3).collect().await;
            note("reader", &format!("has its {} books", first.len()));
        })
    }),
    ("ch16::one_timeout_for_the_whole_reading", || {
        Picture::of(async {
            let books = one_timeout_for_the_whole_reading(new_arrivals(vec![millis(400); 3]), secs(1)).await;
            note("reader", &format!("returned {} books", books.len()));
        })
    }),
];

// ANCHOR: readings
/// `count` readings of `sensor`, each taken when the reader asks for it.
fn readings(sensor: &'static str, count: u32) -> impl Stream<Item = Reading> {
    stream::unfold(0, move |taken| async move {
        if taken == count {
            return None; // like falling off the end of the generator
        }
        let reading = station::read_sensor(sensor).await; // await read_sensor(sensor)
        Some((reading, taken + 1)) // yield the reading, and remember how many
    })
}
// ANCHOR_END: readings

/// Shows a reading to the user: a note in the trace.
fn show(reading: &Reading) {
    note("reader", &format!("{} {}", reading.sensor, reading.value));
}

/// Reads three temperatures, and spends half a second on each before asking for the
/// next.
pub async fn busy_reader() {
    // ANCHOR: while_let
    let mut temperatures = std::pin::pin!(readings("thermometer", 3));
    while let Some(reading) = temperatures.next().await {
        show(&reading);
        tokio::time::sleep(Duration::from_millis(500)).await; // busy: nothing is read meanwhile
    }
    // ANCHOR_END: while_let
}

/// One reading of each sensor, in turn.
pub fn each_sensor_once() -> impl Stream<Item = Reading> {
    // ANCHOR: then
    stream::iter(["thermometer", "barometer", "anemometer"]).then(station::read_sensor)
    // ANCHOR_END: then
}

/// A chunk of a server's log, as an archive API serves it: some lines, and the number
/// of the next chunk (`None` after the last one).
#[derive(Debug)]
pub struct LogChunk {
    pub lines: Vec<String>,
    pub next: Option<u32>,
}

/// Fetches chunk `number` of a log of three chunks (0, 1 and 2) of two lines each. It
/// takes 500 ms, traced as a span `log chunk <number>`.
pub async fn fetch_log_chunk(number: u32) -> LogChunk {
    let span = Span::begin(format!("log chunk {number}"), "requested");
    tokio::time::sleep(millis(500)).await;
    span.end("received");
    let lines = (1..=2).map(|line| format!("chunk {number}, line {line}")).collect();
    LogChunk { lines, next: (number < 2).then_some(number + 1) }
}

// ANCHOR: log_lines
/// Every line of the log, chunk after chunk, each chunk fetched when its lines are asked for.
pub fn log_lines() -> impl Stream<Item = String> {
    stream::unfold(Some(0), |chunk| async move {
        let chunk = fetch_log_chunk(chunk?).await; // state `None`: no chunk left, the stream ends
        Some((chunk.lines, chunk.next)) // hand out this chunk's lines; its `next` is the new state
    })
    .flat_map(stream::iter) // a stream of Vec<String>, flattened into a stream of lines
}
// ANCHOR_END: log_lines

/// The catalogue fetched whole before the first book is handed out.
pub fn every_book_first() -> impl Stream<Item = Book> {
    // ANCHOR: every_book_first
    // Every page, then every book: 1.5 s before the reader sees book 1.
    let every_book = async {
        let mut books = Vec::new();
        let mut cursor = None;
        loop {
            let page = pager::fetch_page(cursor).await;
            books.extend(page.books);
            match page.next {
                Some(next) => cursor = Some(next),
                None => return books,
            }
        }
    };
    stream::once(every_book).flat_map(stream::iter)
    // ANCHOR_END: every_book_first
}

/// The adapters, on readings.
pub async fn adapters() -> (Vec<Reading>, Vec<f64>) {
    // ANCHOR: adapters
    let first: Vec<Reading> = readings("thermometer", 10).take(3).collect().await; // 3 reads, not 10
    readings("barometer", 2).for_each(|reading| async move { show(&reading) }).await;
    let values = readings("anemometer", 2).map(|reading| reading.value); // another lazy stream
    // ANCHOR_END: adapters
    (first, values.collect().await)
}

/// Books that arrive one after another, `gaps[i]` after the reader asks for book `i + 1`.
/// Each wait is a span `feed: book <n>`, which shows `dropped (cancelled)` when the
/// reader drops the stream mid-wait.
pub fn new_arrivals(gaps: Vec<Duration>) -> impl Stream<Item = Book> {
    stream::iter(gaps.into_iter().zip(1..)).then(|(gap, id)| async move {
        let span = Span::begin(format!("feed: book {id}"), "asked for");
        tokio::time::sleep(gap).await;
        span.end("arrives");
        Book::numbered(id)
    })
}

/// One reading of each sensor in turn, but at most `patience` for each: the first
/// sensor that is too slow ends the round.
pub async fn patient_round(patience: Duration) -> Vec<Reading> {
    // ANCHOR: timeout_each
    let mut round = std::pin::pin!(each_sensor_once()); // 1 s, 2 s, then 3 s a reading
    let mut taken = Vec::new();
    loop {
        match tokio::time::timeout(patience, round.next()).await {
            Ok(Some(reading)) => taken.push(reading), // in time
            Ok(None) => break,                        // every sensor has been read
            Err(_elapsed) => break,                   // too slow: stop the round
        }
    }
    taken // returning drops the round, and cancels the slow sensor's reading
    // ANCHOR_END: timeout_each
}

/// One time limit for the whole reading: it ends at `quiet` however lively the feed is.
pub async fn one_timeout_for_the_whole_reading(feed: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut feed = std::pin::pin!(feed);
    // ANCHOR: timeout_all
    let mut read = Vec::new();
    let _ = tokio::time::timeout(quiet, async {
        while let Some(book) = feed.next().await {
            read.push(book);
        }
    })
    .await; // wrong: the limit is on the whole reading, not on each book
    // ANCHOR_END: timeout_all
    read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_times;
    use tokio::time::Instant;
    use workbook::run;

    fn reader_notes(run: &workbook::Run<impl Sized>) -> Vec<Duration> {
        run.trace.of("reader").map(|e| e.at).collect()
    }

    fn ids(books: &[Book]) -> Vec<u32> {
        books.iter().map(|b| b.id).collect()
    }

    #[test]
    fn readings_are_taken_when_the_reader_asks() {
        let run = run(busy_reader());
        assert_eq!(reader_notes(&run), [secs(1), millis(2500), secs(4)]);
        let starts: Vec<Duration> =
            run.trace.of("read thermometer").filter(|e| e.what == "start reading").map(|e| e.at).collect();
        assert_eq!(starts, [Duration::ZERO, millis(1500), secs(3)]);
        assert_eq!(run.virtual_elapsed, millis(4500));
    }

    #[test]
    fn a_stream_does_nothing_until_it_is_polled() {
        let run = run(async {
            let stream = readings("thermometer", 3);
            tokio::time::sleep(secs(1)).await;
            drop(stream);
        });
        assert!(run.trace.events().is_empty(), "{}", run.trace.table());
    }

    #[test]
    fn then_runs_one_sensor_after_the_other() {
        let run = run(each_sensor_once().collect::<Vec<_>>());
        assert_eq!(run.value.len(), 3);
        assert_eq!(run.virtual_elapsed, secs(6)); // 1 s + 2 s + 3 s
    }

    #[test]
    fn the_adapters_ask_only_for_what_they_need() {
        let run = run(adapters());
        assert_eq!(run.value.0.len(), 3);
        assert_eq!(run.value.1, [4.2, 4.2]);
        // take(3): 3 s; for_each on 2 barometer readings: 4 s; 2 anemometer readings: 6 s.
        assert_eq!(run.virtual_elapsed, secs(13));
        assert_eq!(run.trace.of("read thermometer").filter(|e| e.what == "start reading").count(), 3);
    }

    #[test]
    fn fetching_everything_first_makes_the_reader_wait_for_the_last_page() {
        let run = run(async {
            let mut books = std::pin::pin!(every_book_first());
            let first = books.next().await.map(|b| b.id);
            (first, Instant::now())
        });
        assert_eq!(run.value.0, Some(1));
        assert_eq!(run.virtual_elapsed, millis(1500));
        assert!(run.trace.find("catalog page 3", "last page").is_some());
    }

    #[test]
    fn fetching_everything_first_fetches_every_page_for_three_books() {
        let run = run(every_book_first().take(3).collect::<Vec<_>>());
        assert_eq!(ids(&run.value), [1, 2, 3]);
        assert_eq!(run.virtual_elapsed, millis(1500));
    }

    #[test]
    fn log_lines_fetch_each_chunk_when_its_lines_are_needed() {
        let whole = run(log_lines().collect::<Vec<_>>());
        assert_eq!(whole.value.len(), 6);
        assert_eq!(whole.value[0], "chunk 0, line 1");
        assert_eq!(whole.value[5], "chunk 2, line 2");
        assert_eq!(whole.virtual_elapsed, millis(1500));
        let three = run(log_lines().take(3).collect::<Vec<_>>());
        assert_eq!(three.value.len(), 3);
        assert_eq!(three.virtual_elapsed, secs(1));
        assert!(three.trace.find("log chunk 2", "requested").is_none(), "{}", three.trace.table());
        let unread = run(async {
            let lines = log_lines();
            tokio::time::sleep(secs(1)).await;
            drop(lines);
        });
        assert!(unread.trace.events().is_empty(), "{}", unread.trace.table());
    }

    #[test]
    fn a_time_limit_on_each_reading_stops_at_the_first_slow_sensor() {
        let run = run(patient_round(millis(2500)));
        let sensors: Vec<&str> = run.value.iter().map(|reading| reading.sensor.as_str()).collect();
        assert_eq!(sensors, ["thermometer", "barometer"]);
        // The anemometer starts at 3 s and is given up on 2.5 s later.
        assert_eq!(run.virtual_elapsed, millis(5500));
        assert_eq!(run.trace.find("read anemometer", "dropped").unwrap().at, millis(5500), "{}", run.trace.table());
    }

    #[test]
    fn a_round_in_time_is_read_to_the_end() {
        let run = run(patient_round(secs(3)));
        assert_eq!(run.value.len(), 3);
        assert_eq!(run.virtual_elapsed, secs(6));
    }

    #[test]
    fn one_timeout_for_the_whole_reading_ends_at_the_limit() {
        let run = run(one_timeout_for_the_whole_reading(new_arrivals(vec![millis(400); 3]), secs(1)));
        assert_eq!(ids(&run.value), [1, 2]);
        assert_times(&run, secs(1), &[("feed: book 3", "dropped", secs(1))]);
    }

    #[test]
    fn a_timeout_around_collect_loses_what_was_gathered() {
        let run =
            run(async { tokio::time::timeout(secs(1), new_arrivals(vec![millis(400); 3]).collect::<Vec<_>>()).await });
        assert!(run.value.is_err(), "two books had come, but the Vec went with the collect future");
    }

    #[test]
    fn asking_again_after_a_timeout_waits_for_the_same_book() {
        // Check yourself, question 3: the timeout drops `Next`, not the stream.
        let run = run(async {
            let gaps = [millis(400), millis(400), millis(400), millis(1800)];
            let mut feed = std::pin::pin!(new_arrivals(gaps.to_vec()));
            let mut read = Vec::new();
            loop {
                match tokio::time::timeout(secs(1), feed.next()).await {
                    Ok(Some(book)) => read.push(book.id),
                    Ok(None) => break,
                    Err(_) => continue,
                }
            }
            read
        });
        assert_eq!(run.value, [1, 2, 3, 4]);
        assert_eq!(run.trace.find("feed: book 4", "arrives").unwrap().at, secs(3));
        assert!(run.trace.find("feed: book 4", "dropped").is_none());
    }

    #[test]
    fn a_slow_reader_of_an_interval_gets_the_missed_ticks_at_once() {
        // Check yourself, question 1: the unfold way starts each wait when asked; an
        // interval keeps its schedule and catches up.
        let run = run(async {
            let start = Instant::now();
            let mut lazy = Vec::new();
            let mut temperatures = std::pin::pin!(readings("thermometer", 3));
            while temperatures.next().await.is_some() {
                lazy.push(start.elapsed());
                tokio::time::sleep(millis(1500)).await;
            }
            let start = Instant::now();
            let mut interval = tokio::time::interval_at(start + secs(1), secs(1));
            let mut scheduled = Vec::new();
            for _ in 0..3 {
                interval.tick().await;
                scheduled.push(start.elapsed());
                tokio::time::sleep(millis(1500)).await;
            }
            (lazy, scheduled)
        });
        assert_eq!(run.value.0, [secs(1), millis(3500), secs(6)]);
        assert_eq!(run.value.1, [secs(1), millis(2500), secs(4)]);
    }

    #[test]
    fn interval_ticks_first_at_once() {
        let run = run(async {
            let mut interval = tokio::time::interval(secs(1));
            interval.tick().await;
        });
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }
}
