//! # 04 · gather: run futures together, get results in order
//!
//! Python's `asyncio.gather(a, b, c)` runs awaitables concurrently and returns their
//! results in the order you passed them. Tokio has `tokio::join!` for a fixed set of
//! futures, and `futures::future::join_all` / `try_join_all` for a list.
//!
//! Every page here takes 1 s to fetch (unless a check says otherwise), so three
//! fetches should take 1 s together, not 3 s one after another.
//!
//! Run `grader check 04` to see how your code ran. The chapter is
//! `docs/src/04-gather.md`.

use workbook::sim::db::{self, Rows};
use workbook::sim::station::{self, Reading};
use workbook::sim::web::{self, FetchError, Page};

/// The three panels of the dashboard.
#[derive(Debug)]
pub struct Dashboard {
    pub headlines: Result<Page, FetchError>,
    pub temperature: Reading,
    pub orders: Rows,
}

/// Loads the three panels. They don't depend on each other.
pub async fn load_dashboard() -> Dashboard {
    // TODO: these waits add up (1 s + 1 s + 0.5 s). Run them together with `tokio::join!`.
    let headlines = web::fetch_page("/news").await;
    let temperature = station::read_sensor("thermometer").await;
    let orders = db::query("SELECT * FROM orders").await;
    Dashboard { headlines, temperature, orders }
}

/// Fetches every page in `urls` and returns every outcome, in the order of `urls`,
/// like `asyncio.gather(*fetches, return_exceptions=True)`: one failure does not stop
/// the other fetches.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // TODO: fetch all the pages at once (see `futures::future::join_all`).
    let mut outcomes = Vec::new();
    for url in urls {
        outcomes.push(web::fetch_page(url).await);
    }
    outcomes
}

/// Fetches every page in `urls`, or fails with the first error as soon as it happens,
/// cancelling the fetches still running.
pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // TODO: fetch all the pages at once, and stop at the first error
    //       (see `futures::future::try_join_all`).
    let mut pages = Vec::new();
    for url in urls {
        pages.push(web::fetch_page(url).await?);
    }
    Ok(pages)
}
