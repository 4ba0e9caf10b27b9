//! A simulated web server: [`fetch_page`] waits like an HTTP request would.
//!
//! Every page takes 1 s and answers `200 OK` unless the run says otherwise with
//! [`set_latency`] or [`set_failure`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

/// How long a page takes when nothing else was set: 1 s.
pub const DEFAULT_LATENCY: Duration = Duration::from_secs(1);

#[derive(Clone, Copy)]
struct Site {
    latency: Duration,
    failure: Option<u16>,
}

thread_local! {
    static SITES: RefCell<HashMap<String, Site>> = RefCell::new(HashMap::new());
    /// Bodies set with [`set_body`]; every other page's body is `<h1>{url}</h1>`.
    static BODIES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

pub(crate) fn reset() {
    SITES.with(|s| s.borrow_mut().clear());
    BODIES.with(|b| b.borrow_mut().clear());
}

fn site(url: &str) -> Site {
    SITES.with(|s| s.borrow().get(url).copied()).unwrap_or(Site { latency: DEFAULT_LATENCY, failure: None })
}

/// Makes `url` take `latency` for the rest of this run.
///
/// ```
/// use workbook::{run, secs, sim::web};
///
/// let run = run(async {
///     web::set_latency("/slow", secs(3));
///     web::fetch_page("/slow").await
/// });
/// run.assert_elapsed(secs(3));
/// ```
pub fn set_latency(url: &str, latency: Duration) {
    SITES.with(|s| s.borrow_mut().entry(url.to_string()).or_insert(Site { latency, failure: None }).latency = latency);
}

/// Makes `url` answer with the error `status` after `latency`, for the rest of this run.
///
/// ```
/// use workbook::{run, secs, sim::web};
///
/// let run = run(async {
///     web::set_failure("/down", secs(1), 503);
///     web::fetch_page("/down").await
/// });
/// assert_eq!(run.value.unwrap_err().status, 503);
/// ```
pub fn set_failure(url: &str, latency: Duration, status: u16) {
    SITES.with(|s| s.borrow_mut().insert(url.to_string(), Site { latency, failure: Some(status) }));
}

/// Makes `url` answer with `body` instead of `<h1>{url}</h1>`, for the rest of this run:
/// a body nobody can write down from the address alone, so a value made from it shows
/// that the page was really fetched.
///
/// ```
/// use workbook::{run, sim::web};
///
/// let run = run(async {
///     web::set_body("/about", "<p>We sell books.</p>");
///     web::fetch_page("/about").await
/// });
/// assert_eq!(run.value.unwrap().body, "<p>We sell books.</p>");
/// ```
pub fn set_body(url: &str, body: &str) {
    BODIES.with(|b| b.borrow_mut().insert(url.to_string(), body.to_string()));
}

/// A fetched page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The address it was fetched from.
    pub url: String,
    /// The page's text.
    pub body: String,
}

/// A failed fetch: the server answered with an error status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError {
    /// The address that failed.
    pub url: String,
    /// The HTTP status, such as 503.
    pub status: u16,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GET {} failed with status {}", self.url, self.status)
    }
}

impl std::error::Error for FetchError {}

/// Fetches `url`: waits its latency (1 s by default) in tokio time, then returns the
/// page or the error. Traced as actor `GET <url>`.
///
/// ```
/// use workbook::{run, secs, sim::web};
///
/// let run = run(web::fetch_page("/news"));
/// run.assert_elapsed(secs(1));
/// assert_eq!(run.value.unwrap().body, "<h1>/news</h1>");
/// ```
pub async fn fetch_page(url: &str) -> Result<Page, FetchError> {
    let site = site(url);
    let outcome = match site.failure {
        Some(status) => format!("{status} error"),
        None => "200 OK".to_string(),
    };
    super::wait(format!("GET {url}"), "request sent", site.latency, &outcome).await;
    match site.failure {
        Some(status) => Err(FetchError { url: url.to_string(), status }),
        None => {
            let body = BODIES.with(|b| b.borrow().get(url).cloned()).unwrap_or_else(|| format!("<h1>{url}</h1>"));
            Ok(Page { url: url.to_string(), body })
        }
    }
}
