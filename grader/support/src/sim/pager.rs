//! A simulated paginated API: a bookshop's catalogue, served one page at a time.
//!
//! [`fetch_page`] takes a [`Cursor`] (or `None` for the first page) and returns a
//! [`Page`]: a few books, and the cursor of the next page, `None` on the last one.
//! Every page takes [`PAGE_TIME`] (500 ms). The catalogue has [`DEFAULT_PAGES`]
//! (3 books, 3 books, 1 book) unless the run says otherwise with [`set_pages`]; a page
//! can be made slower with [`set_page_time`].
//!
//! Each request is a span of actor `catalog page <n>`, so the trace shows which pages
//! were fetched, when, and whether a fetch was dropped half way.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use crate::trace::Span;

/// How long a page takes when nothing else was set: 500 ms.
///
/// ```
/// use workbook::sim::pager::{self, PAGE_TIME};
///
/// let run = workbook::run(pager::fetch_page(None));
/// run.assert_elapsed(PAGE_TIME);
/// ```
pub const PAGE_TIME: Duration = Duration::from_millis(500);

/// How many books each page holds when nothing else was set: 3, 3 and 1, seven books
/// in all.
///
/// ```
/// assert_eq!(workbook::sim::pager::DEFAULT_PAGES.iter().sum::<usize>(), 7);
/// ```
pub const DEFAULT_PAGES: &[usize] = &[3, 3, 1];

/// The titles books get, in turn: book 1 is the first, book 11 the first again.
const TITLES: &[&str] = &[
    "Dune",
    "Emma",
    "Solaris",
    "Beloved",
    "Walden",
    "Kindred",
    "Ulysses",
    "Persuasion",
    "Middlemarch",
    "Frankenstein",
];

#[derive(Default)]
struct Catalogue {
    /// Books on each page, first page first; `None` means [`DEFAULT_PAGES`].
    pages: Option<Vec<usize>>,
    /// Pages that take longer than [`PAGE_TIME`], by page number.
    slow: HashMap<u32, Duration>,
}

thread_local! {
    static CATALOGUE: RefCell<Catalogue> = RefCell::new(Catalogue::default());
}

/// Forgets this module's per-run settings: the default catalogue, every page 500 ms.
pub(crate) fn reset() {
    CATALOGUE.with(|c| *c.borrow_mut() = Catalogue::default());
}

/// Sets how many books each page holds for the rest of this run, first page first.
/// A page may be empty and still have a next page, as with many real APIs. An empty
/// list means a catalogue of one empty page.
///
/// ```
/// use workbook::sim::pager;
///
/// let run = workbook::run(async {
///     pager::set_pages(&[2, 0, 1]);
///     let first = pager::fetch_page(None).await;
///     let second = pager::fetch_page(first.next).await;
///     (first.books.len(), second.books.len(), second.next.map(|c| c.page()))
/// });
/// assert_eq!(run.value, (2, 0, Some(3)));
/// ```
pub fn set_pages(books_per_page: &[usize]) {
    let pages = if books_per_page.is_empty() { vec![0] } else { books_per_page.to_vec() };
    CATALOGUE.with(|c| c.borrow_mut().pages = Some(pages));
}

/// Makes page `page` (1 is the first) take `time` instead of [`PAGE_TIME`], for the rest
/// of this run.
///
/// ```
/// use workbook::{run, secs, sim::pager};
///
/// let run = run(async {
///     pager::set_page_time(1, secs(3));
///     pager::fetch_page(None).await
/// });
/// run.assert_elapsed(secs(3));
/// ```
pub fn set_page_time(page: u32, time: Duration) {
    CATALOGUE.with(|c| c.borrow_mut().slow.insert(page, time));
}

/// Where the next page starts: what a page hands you to fetch the one after it. You
/// can't make one yourself; the first page needs none (`fetch_page(None)`).
///
/// ```
/// use workbook::sim::pager;
///
/// let run = workbook::run(pager::fetch_page(None));
/// let next = run.value.next.expect("the default catalogue has a second page");
/// assert_eq!(next.page(), 2);
/// assert_eq!(next.to_string(), "page 2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cursor {
    page: u32,
}

impl Cursor {
    /// The number of the page this cursor points to (the first page is 1).
    ///
    /// ```
    /// let run = workbook::run(workbook::sim::pager::fetch_page(None));
    /// assert_eq!(run.value.next.map(|cursor| cursor.page()), Some(2));
    /// ```
    pub fn page(self) -> u32 {
        self.page
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "page {}", self.page)
    }
}

/// A book of the catalogue. Books are numbered from 1, in catalogue order, across
/// pages.
///
/// ```
/// let book = workbook::sim::pager::Book::numbered(2);
/// assert_eq!((book.id, book.title.as_str()), (2, "Emma"));
/// assert_eq!(book.to_string(), "book 2 (Emma)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Book {
    /// Its place in the catalogue: 1 for the first book.
    pub id: u32,
    /// Its title.
    pub title: String,
}

impl Book {
    /// Book number `id`, as the catalogue lists it.
    ///
    /// ```
    /// assert_eq!(workbook::sim::pager::Book::numbered(1).title, "Dune");
    /// ```
    pub fn numbered(id: u32) -> Book {
        let title = TITLES[(id.max(1) as usize - 1) % TITLES.len()];
        Book { id, title: title.to_string() }
    }
}

impl fmt::Display for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "book {} ({})", self.id, self.title)
    }
}

/// One page of the catalogue: its books, and where the next page starts.
///
/// ```
/// let run = workbook::run(workbook::sim::pager::fetch_page(None));
/// let ids: Vec<u32> = run.value.books.iter().map(|book| book.id).collect();
/// assert_eq!(ids, [1, 2, 3]);
/// assert!(run.value.next.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The books on this page, in catalogue order. May be empty, even when a next
    /// page follows.
    pub books: Vec<Book>,
    /// The cursor of the next page; `None` on the last page.
    pub next: Option<Cursor>,
}

/// Fetches one page of the catalogue: the first one for `None`, otherwise the one the
/// cursor points to. Waits [`PAGE_TIME`] (or what [`set_page_time`] said) in tokio
/// time. Traced as a span of actor `catalog page <n>`, from `request sent` to, say,
/// `3 books, next: page 2` or `1 book, last page`; dropped before it answers, it records
/// `dropped (cancelled)`.
///
/// ```
/// use workbook::{millis, run, sim::pager};
///
/// // Following the cursors, one page after another: 3 × 500 ms.
/// let run = run(async {
///     let mut ids = Vec::new();
///     let mut cursor = None;
///     loop {
///         let page = pager::fetch_page(cursor).await;
///         ids.extend(page.books.iter().map(|book| book.id));
///         match page.next {
///             Some(next) => cursor = Some(next),
///             None => break ids,
///         }
///     }
/// });
/// assert_eq!(run.value, [1, 2, 3, 4, 5, 6, 7]);
/// run.assert_elapsed(millis(1500));
/// assert!(run.trace.find("catalog page 3", "1 book, last page").is_some());
/// ```
pub async fn fetch_page(cursor: Option<Cursor>) -> Page {
    let number = cursor.map_or(1, Cursor::page);
    let (sizes, time) = CATALOGUE.with(|c| {
        let c = c.borrow();
        let sizes = c.pages.clone().unwrap_or_else(|| DEFAULT_PAGES.to_vec());
        (sizes, c.slow.get(&number).copied().unwrap_or(PAGE_TIME))
    });
    let index = number as usize - 1;
    let first_id = sizes.iter().take(index).sum::<usize>() as u32 + 1;
    let count = sizes.get(index).copied().unwrap_or(0);
    let books: Vec<Book> = (first_id..first_id + count as u32).map(Book::numbered).collect();
    let next = (number as usize) < sizes.len();
    let next = next.then_some(Cursor { page: number + 1 });

    let span = Span::begin(format!("catalog page {number}"), "request sent");
    tokio::time::sleep(time).await;
    let held = match books.len() {
        0 => "no books".to_string(),
        1 => "1 book".to_string(),
        n => format!("{n} books"),
    };
    span.end(&match next {
        Some(next) => format!("{held}, next: {next}"),
        None => format!("{held}, last page"),
    });
    Page { books, next }
}
