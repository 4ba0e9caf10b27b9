//! Chapter 14 · bounded concurrency: at most N at a time.
//!
//! The code the chapter shows, and tests that prove what it says.

// ANCHOR: polite
use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::web::{self, FetchError, Page};

/// Fetches every page, at most `limit` at a time, in the order of `urls`.
pub async fn fetch_politely(urls: &[&str], limit: usize) -> Vec<Result<Page, FetchError>> {
    let semaphore = Semaphore::new(limit); // one, for the whole call
    let semaphore = &semaphore; // every future shares this one
    join_all(urls.iter().map(|url| async move {
        let _permit = semaphore.acquire().await.expect("never closed"); // `async with sem:`
        web::fetch_page(url).await
    })) // each future drops its `_permit` when it ends: the place is given back
    .await
}
// ANCHOR_END: polite

use std::sync::Arc;

use futures::stream::{self, StreamExt};
use workbook::secs;
use workbook::sim::jobs::{self, Thumbnail};

use crate::{Picture, Scene};

/// Nine photos, `photo01.jpg` to `photo09.jpg`, and a tenth for the panorama scenes.
pub const PHOTOS: [&str; 10] = [
    "photo01.jpg",
    "photo02.jpg",
    "photo03.jpg",
    "photo04.jpg",
    "photo05.jpg",
    "photo06.jpg",
    "photo07.jpg",
    "photo08.jpg",
    "photo09.jpg",
    "photo10.jpg",
];

/// Six pages of one server.
pub const PAGES: [&str; 6] = ["/page1", "/page2", "/page3", "/page4", "/page5", "/page6"];

/// Ten photos where `photo03.jpg` is a panorama of 3 s, four at a time: the run the
/// chapter's "ceiling, not a batch size" pictures share.
fn with_a_panorama<F: Future>(make: impl FnOnce(&'static [&'static str], usize) -> F) -> Picture {
    Picture::of(async move {
        jobs::set_resize_time("photo03.jpg", secs(3));
        make(&PHOTOS, 4).await;
    })
}

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch14::all_at_once", || Picture::of(all_at_once(&PHOTOS[..9]))),
    ("ch14::one_at_a_time", || Picture::of(one_at_a_time(&PHOTOS[..9]))),
    ("ch14::polite", || Picture::of(fetch_politely(&PAGES, 2))),
    ("ch14::no_limit_at_all", || Picture::of(no_limit_at_all(&PAGES, 2))),
    ("ch14::batches", || with_a_panorama(in_batches)),
    ("ch14::buffered", || with_a_panorama(buffered_in_order)),
];

/// Every photo at once: as fast as the slowest photo, and as many in progress as there
/// are photos.
pub async fn all_at_once(photos: &[&str]) -> Vec<Thumbnail> {
    join_all(photos.iter().map(|photo| jobs::resize(photo))).await
}

/// One photo at a time: the waits add up.
pub async fn one_at_a_time(photos: &[&str]) -> Vec<Thumbnail> {
    let mut thumbnails = Vec::new();
    for photo in photos {
        thumbnails.push(jobs::resize(photo).await);
    }
    thumbnails
}

/// What `let _` does to a permit, and what a name does.
pub async fn two_ways_to_take_a_permit(semaphore: &Semaphore) -> usize {
    // ANCHOR: let_trap
    let _ = semaphore.acquire().await; // no limit at all
    let _permit = semaphore.acquire().await; // holds the place until the end of the block
    // ANCHOR_END: let_trap
    semaphore.available_permits()
}

/// `fetch_politely` with `let _`: the permit is dropped on its line, and nothing waits.
pub async fn no_limit_at_all(urls: &[&str], limit: usize) -> Vec<Result<Page, FetchError>> {
    let semaphore = Semaphore::new(limit);
    let semaphore = &semaphore;
    join_all(urls.iter().map(|url| async move {
        let _ = semaphore.acquire().await; // taken and given back on the spot
        web::fetch_page(url).await
    }))
    .await
}

/// The same limit with spawned tasks: the semaphore in an `Arc`, an owned permit moved
/// into each task.
pub async fn fetch_in_tasks(urls: &[&str], limit: usize) -> Vec<Result<Page, FetchError>> {
    // ANCHOR: owned
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for url in urls {
        let permit = Arc::clone(&semaphore).acquire_owned().await.expect("never closed");
        let url = url.to_string();
        handles.push(tokio::spawn(async move {
            let page = web::fetch_page(&url).await;
            drop(permit); // moved into the task: held until the fetch is done
            page
        }));
    }
    // ANCHOR_END: owned
    let mut pages = Vec::new();
    for handle in handles {
        pages.push(handle.await.expect("a fetch panicked"));
    }
    pages
}

/// The limit as part of a stream: `buffer_unordered`, then the input order back.
pub async fn fetch_as_a_stream(urls: &[&str], limit: usize) -> Vec<Result<Page, FetchError>> {
    // ANCHOR: buffer_unordered
    let mut numbered: Vec<(usize, Result<Page, FetchError>)> = stream::iter(urls.iter().enumerate())
        .map(|(i, url)| async move { (i, web::fetch_page(url).await) })
        .buffer_unordered(limit) // at most `limit` fetches in flight
        .collect() // in the order they finish...
        .await;
    numbered.sort_by_key(|(i, _)| *i); // ...so put them back in the order of `urls`
    let pages: Vec<Result<Page, FetchError>> = numbered.into_iter().map(|(_, page)| page).collect();
    // ANCHOR_END: buffer_unordered
    pages
}

/// Slices of `limit` photos, one slice after the other: each waits for its slowest.
pub async fn in_batches(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut thumbnails = Vec::new();
    // ANCHOR: batches
    for batch in photos.chunks(limit) {
        thumbnails.extend(join_all(batch.iter().map(|photo| jobs::resize(photo))).await);
    }
    // ANCHOR_END: batches
    thumbnails
}

/// `buffered(limit)`: in order, but a slow photo holds the places behind it.
pub async fn buffered_in_order(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    // ANCHOR: buffered
    let thumbnails: Vec<Thumbnail> =
        stream::iter(photos).map(|photo| jobs::resize(photo)).buffered(limit).collect().await;
    // ANCHOR_END: buffered
    thumbnails
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use workbook::trace::{Kind, Trace};
    use workbook::{Run, run};

    /// The most spans of `trace` that were open at the same instant.
    fn most_at_once(trace: &Trace) -> usize {
        let (mut open, mut most) = (0usize, 0);
        for event in trace.events() {
            match event.kind {
                Kind::Begin => open += 1,
                Kind::End | Kind::Dropped => open -= 1,
                Kind::Note => {}
            }
            most = most.max(open);
        }
        most
    }

    /// When `actor`'s work began.
    fn started(trace: &Trace, actor: &str) -> Duration {
        trace.of(actor).find(|e| e.kind == Kind::Begin).unwrap_or_else(|| panic!("{actor} never started")).at
    }

    fn urls(pages: &[Result<Page, FetchError>]) -> Vec<&str> {
        pages.iter().map(|p| p.as_ref().map_or_else(|e| e.url.as_str(), |p| p.url.as_str())).collect()
    }

    fn photos_of(thumbnails: &[Thumbnail]) -> Vec<&str> {
        thumbnails.iter().map(|t| t.photo.as_str()).collect()
    }

    /// Runs `resizing`, and checks that it took `took` with at most `peak` photos resized at once.
    fn resize(resizing: impl Future<Output = Vec<Thumbnail>>, took: Duration, peak: usize) -> Run<Vec<Thumbnail>> {
        let run = run(resizing);
        assert_eq!(run.virtual_elapsed, took, "{}", run.trace.table());
        assert_eq!(jobs::peak(), peak, "photos resized at once");
        run
    }

    /// Resizes the chapter's photos four at a time with `resizer`, `photo03.jpg` taking 3 s;
    /// checks that it took `took`, and that every photo came back, in order.
    fn four_with_a_slow_third<F>(
        resizer: impl FnOnce(&'static [&'static str], usize) -> F,
        took: Duration,
    ) -> Run<Vec<Thumbnail>>
    where
        F: Future<Output = Vec<Thumbnail>>,
    {
        let run = resize(
            async {
                jobs::set_resize_time("photo03.jpg", secs(3));
                resizer(&PHOTOS, 4).await
            },
            took,
            4,
        );
        assert_eq!(photos_of(&run.value), PHOTOS);
        run
    }

    /// Runs `fetching`, and checks that it took `took` with at most `most` requests in flight.
    fn fetch(
        fetching: impl Future<Output = Vec<Result<Page, FetchError>>>,
        took: Duration,
        most: usize,
    ) -> Run<Vec<Result<Page, FetchError>>> {
        let run = run(fetching);
        assert_eq!(run.virtual_elapsed, took, "{}", run.trace.table());
        assert_eq!(most_at_once(&run.trace), most, "requests in flight at once");
        run
    }

    #[test]
    fn all_at_once_takes_one_second_with_nine_in_progress() {
        resize(all_at_once(&PHOTOS[..9]), secs(1), 9);
    }

    #[test]
    fn one_at_a_time_takes_nine_seconds() {
        resize(one_at_a_time(&PHOTOS[..9]), secs(9), 1);
    }

    #[test]
    fn a_semaphore_keeps_two_fetches_in_flight_and_the_order() {
        let run = fetch(fetch_politely(&PAGES, 2), secs(3), 2);
        assert_eq!(urls(&run.value), PAGES);
        // Fair: the pages start in the order they asked, two by two.
        assert_eq!(started(&run.trace, "GET /page3"), secs(1));
        assert_eq!(started(&run.trace, "GET /page6"), secs(2));
    }

    #[test]
    fn a_place_freed_goes_at_once_to_the_next_in_line() {
        // Ten pages, four at a time, and a slow third page: no place stands empty.
        let run = fetch(
            async {
                web::set_latency("/p03", secs(3));
                let urls = ["/p01", "/p02", "/p03", "/p04", "/p05", "/p06", "/p07", "/p08", "/p09", "/p10"];
                fetch_politely(&urls, 4).await
            },
            secs(3),
            4,
        );
        assert_eq!(started(&run.trace, "GET /p05"), secs(1));
        assert_eq!(started(&run.trace, "GET /p08"), secs(2));
    }

    #[test]
    fn let_underscore_gives_the_place_back_on_its_line() {
        let run = run(async {
            let semaphore = Semaphore::new(2);
            two_ways_to_take_a_permit(&semaphore).await
        });
        // `let _` took a place and gave it back; `_permit` still holds one.
        assert_eq!(run.value, 1);
    }

    #[test]
    fn let_underscore_fetches_everything_at_once() {
        fetch(no_limit_at_all(&PAGES, 2), secs(1), 6);
    }

    #[test]
    fn owned_permits_moved_into_tasks_keep_the_limit() {
        let run = fetch(fetch_in_tasks(&PAGES, 2), secs(3), 2);
        assert_eq!(urls(&run.value), PAGES);
    }

    #[test]
    fn buffer_unordered_then_sort_keeps_the_limit_and_the_order() {
        let stream = async {
            web::set_latency("/page1", secs(2)); // finishes after /page2 and /page3
            fetch_as_a_stream(&PAGES, 2).await
        };
        let run = fetch(stream, secs(4), 2); // 7 s of fetching, two at a time
        assert_eq!(urls(&run.value), PAGES);
        assert_eq!(started(&run.trace, "GET /page3"), secs(1)); // /page2's place
    }

    #[test]
    fn batches_wait_for_their_slowest_photo() {
        let run = four_with_a_slow_third(in_batches, secs(5));
        assert_eq!(started(&run.trace, "photo05.jpg"), secs(3));
    }

    #[test]
    fn buffered_holds_the_places_behind_a_slow_photo() {
        let run = four_with_a_slow_third(buffered_in_order, secs(4));
        assert_eq!(started(&run.trace, "photo05.jpg"), secs(1));
        assert_eq!(started(&run.trace, "photo06.jpg"), secs(1));
        assert_eq!(started(&run.trace, "photo07.jpg"), secs(3));
    }

    #[test]
    fn with_equal_photos_batches_are_as_fast_as_a_semaphore() {
        // Check yourself, question 1: twelve of 1 s, limit 5.
        let twelve: Vec<String> = (1..=12).map(|i| format!("/photo{i:02}")).collect();
        let twelve: Vec<&str> = twelve.iter().map(String::as_str).collect();
        assert_eq!(run(fetch_politely(&twelve, 5)).virtual_elapsed, secs(3));
        assert_eq!(run(in_batches(&twelve, 5)).virtual_elapsed, secs(3));
    }

    #[test]
    fn a_slow_head_costs_buffered_a_whole_round() {
        // Check yourself, question 2: five photos, the first of 4 s, limit 4.
        let five = &PHOTOS[..5];
        let semaphore = run(async {
            web::set_latency("/photo01.jpg", secs(4));
            let urls: Vec<String> = five.iter().map(|p| format!("/{p}")).collect();
            let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
            fetch_politely(&urls, 4).await
        });
        assert_eq!(semaphore.virtual_elapsed, secs(4));
        assert_eq!(started(&semaphore.trace, "GET /photo05.jpg"), secs(1));
        let buffered = run(async {
            jobs::set_resize_time("photo01.jpg", secs(4));
            buffered_in_order(five, 4).await
        });
        assert_eq!(buffered.virtual_elapsed, secs(5));
        assert_eq!(started(&buffered.trace, "photo05.jpg"), secs(4));
    }

    #[test]
    fn a_future_dropped_by_a_timeout_gives_its_place_back() {
        // Check yourself, question 5.
        let run = run(async {
            web::set_latency("/slow", secs(5));
            let semaphore = Semaphore::new(1);
            let semaphore = &semaphore;
            join_all(["/slow", "/fast"].map(|url| async move {
                let _permit = semaphore.acquire().await.expect("never closed");
                tokio::time::timeout(secs(2), web::fetch_page(url)).await
            }))
            .await
        });
        assert!(run.value[0].is_err() && matches!(run.value[1], Ok(Ok(_))));
        assert_eq!(run.trace.find("GET /slow", "dropped").unwrap().at, secs(2));
        assert_eq!(started(&run.trace, "GET /fast"), secs(2));
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_limit_of_zero_waits_forever_except_for_for_each_concurrent() {
        let run = run(async {
            let never = Semaphore::new(0);
            let semaphore = tokio::time::timeout(secs(10), never.acquire()).await.is_err();
            let stream = tokio::time::timeout(
                secs(10),
                stream::iter(PAGES).map(web::fetch_page).buffer_unordered(0).collect::<Vec<_>>(),
            )
            .await
            .is_err();
            let start = tokio::time::Instant::now();
            stream::iter(PAGES)
                .for_each_concurrent(0, |url| async move {
                    let _ = web::fetch_page(url).await;
                })
                .await;
            (semaphore, stream, start.elapsed())
        });
        let (semaphore_waits, stream_waits, no_limit) = run.value;
        assert!(semaphore_waits, "Semaphore::new(0) gave a permit");
        assert!(stream_waits, "buffer_unordered(0) finished");
        assert_eq!(no_limit, secs(1), "for_each_concurrent(0) is unlimited: six pages in 1 s");
        assert_eq!(run.trace.find("GET /page1", "request sent").unwrap().at, secs(20));
    }
}
