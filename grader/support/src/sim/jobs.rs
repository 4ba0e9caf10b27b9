//! A simulated thumbnail service: [`resize`] turns a photo into a [`Thumbnail`]. A photo
//! takes [`RESIZE_TIME`] (1 s) of tokio time unless the run says otherwise with
//! [`set_resize_time`].
//!
//! The service counts the resizes in progress, the way a server counts its open
//! connections, so a check can ask how many ran at once: [`running`] now, [`peak`] the
//! most at any moment of the run. Each resize is traced as a span whose actor is the
//! photo's name, from `resizing` to `thumbnail ready`.
//!
//! The count, like every per-run setting here, lives on the current thread: in a
//! check's run (a current-thread runtime) that is every task of the run, spawned or
//! not.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use crate::trace::Span;

/// How long a photo takes when nothing else was set: 1 s.
///
/// ```
/// use workbook::sim::jobs::{self, RESIZE_TIME};
///
/// let run = workbook::run(jobs::resize("beach.jpg"));
/// assert_eq!(run.virtual_elapsed, RESIZE_TIME);
/// ```
pub const RESIZE_TIME: Duration = Duration::from_secs(1);

/// The service's per-run state: the resize times that were set, and the count.
#[derive(Default)]
struct Service {
    times: HashMap<String, Duration>,
    running: usize,
    peak: usize,
}

thread_local! {
    static SERVICE: RefCell<Service> = RefCell::new(Service::default());
}

/// Forgets this module's per-run settings and counts.
pub(crate) fn reset() {
    SERVICE.with(|s| *s.borrow_mut() = Service::default());
}

/// Makes `photo` take `time` to resize, for the rest of this run (a panorama takes
/// longer than a snapshot).
///
/// ```
/// use workbook::{run, secs, sim::jobs};
///
/// let run = run(async {
///     jobs::set_resize_time("panorama.jpg", secs(3));
///     jobs::resize("panorama.jpg").await
/// });
/// run.assert_elapsed(secs(3));
/// ```
pub fn set_resize_time(photo: &str, time: Duration) {
    SERVICE.with(|s| s.borrow_mut().times.insert(photo.to_string(), time));
}

/// How long resizing `photo` takes in this run: [`RESIZE_TIME`], or what
/// [`set_resize_time`] said.
///
/// ```
/// use workbook::{run, secs, sim::jobs};
///
/// let run = run(async {
///     jobs::set_resize_time("panorama.jpg", secs(3));
///     (jobs::resize_time("panorama.jpg"), jobs::resize_time("beach.jpg"))
/// });
/// assert_eq!(run.value, (secs(3), secs(1)));
/// ```
pub fn resize_time(photo: &str) -> Duration {
    SERVICE.with(|s| s.borrow().times.get(photo).copied()).unwrap_or(RESIZE_TIME)
}

/// How many resizes are in progress right now: started, and neither finished nor
/// dropped.
///
/// ```
/// use workbook::sim::jobs;
///
/// let run = workbook::run(async {
///     let before = jobs::running();
///     let (during, _) = tokio::join!(
///         async {
///             tokio::task::yield_now().await; // let the resize start first
///             jobs::running()
///         },
///         jobs::resize("beach.jpg"),
///     );
///     (before, during, jobs::running())
/// });
/// assert_eq!(run.value, (0, 1, 0));
/// ```
pub fn running() -> usize {
    SERVICE.with(|s| s.borrow().running)
}

/// The most resizes that were in progress at the same moment, so far in this run. It
/// can still be read after [`run`](crate::run) returns, until the next run starts.
///
/// ```
/// use futures::future::join_all;
/// use workbook::sim::jobs;
///
/// let run = workbook::run(async {
///     join_all(["a.jpg", "b.jpg", "c.jpg"].map(jobs::resize)).await;
///     jobs::resize("d.jpg").await;
///     jobs::peak()
/// });
/// assert_eq!(run.value, 3);
/// assert_eq!(jobs::peak(), 3);
/// ```
pub fn peak() -> usize {
    SERVICE.with(|s| s.borrow().peak)
}

/// One resize in the service's count, from its start until it is dropped.
struct InProgress;

impl InProgress {
    fn start() -> InProgress {
        SERVICE.with(|s| {
            let mut s = s.borrow_mut();
            s.running += 1;
            s.peak = s.peak.max(s.running);
        });
        InProgress
    }
}

impl Drop for InProgress {
    fn drop(&mut self) {
        SERVICE.with(|s| {
            let mut s = s.borrow_mut();
            s.running = s.running.saturating_sub(1);
        });
    }
}

/// A small copy of a photo, made by [`resize`].
///
/// ```
/// let run = workbook::run(workbook::sim::jobs::resize("beach.jpg"));
/// assert_eq!(run.value.photo, "beach.jpg");
/// assert_eq!(run.value.file, "thumbs/beach.jpg");
/// ```
///
/// Only [`resize`] makes thumbnails: the struct is `#[non_exhaustive]`, so code outside
/// the service can read a thumbnail's fields but can't write a `Thumbnail { .. }`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Thumbnail {
    /// The photo it was made from.
    pub photo: String,
    /// Where the thumbnail was written: `thumbs/<photo>`.
    pub file: String,
}

/// Resizes `photo`: waits its [`resize_time`] (1 s by default) in tokio time, then
/// returns the thumbnail. Counted in [`running`] and [`peak`] while it works, and
/// traced as a span of actor `<photo>`, from `resizing` to `thumbnail ready` (or
/// `dropped (cancelled)`).
///
/// ```
/// use workbook::{run, secs, sim::jobs};
///
/// let run = run(async {
///     let (a, b) = tokio::join!(jobs::resize("a.jpg"), jobs::resize("b.jpg"));
///     (a.file, b.file, jobs::peak())
/// });
/// assert_eq!(run.value, ("thumbs/a.jpg".to_string(), "thumbs/b.jpg".to_string(), 2));
/// run.assert_elapsed(secs(1));
/// assert!(run.trace.find("a.jpg", "thumbnail ready").is_some());
/// ```
pub async fn resize(photo: &str) -> Thumbnail {
    let time = resize_time(photo);
    // Declared first, dropped last: the count goes down after the span has ended.
    let _counted = InProgress::start();
    let span = Span::begin(photo, "resizing");
    tokio::time::sleep(time).await;
    span.end("thumbnail ready");
    Thumbnail { photo: photo.to_string(), file: format!("thumbs/{photo}") }
}
