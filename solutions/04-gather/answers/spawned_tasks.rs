//! grader: expect pass
//! Another correct answer: `tokio::join!` on the dashboard, and for `fetch_all`
//! one spawned task per page, awaited in input order (spawned tasks need owned data).

use futures::future::try_join_all;
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

pub async fn load_dashboard() -> Dashboard {
    let (headlines, temperature, orders) =
        tokio::join!(web::fetch_page("/news"), station::read_sensor("thermometer"), db::query("SELECT * FROM orders"));
    Dashboard { headlines, temperature, orders }
}

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(handles.len());
    for handle in handles {
        outcomes.push(handle.await.expect("a fetch task panicked"));
    }
    outcomes
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    try_join_all(urls.iter().map(|url| web::fetch_page(url))).await
}
