//! Telling what a run did, the way every exercise's lessons tell it: names as a
//! sentence lists them, each actor's bars read back from the trace, what was expected
//! beside what happened, and a check's patience with code that never returns.
//!
//! ```
//! use workbook::story::listed;
//!
//! assert_eq!(listed(["Ada", "Ben", "Cleo"]), "Ada, Ben and Cleo");
//! ```

use std::fmt::{Display, Write as _};
use std::time::Duration;

use crate::time::format_secs;
use crate::trace::{Kind, Trace};

/// Items as a sentence lists them: `Ada`, `Ada and Ben`, `Ada, Ben and Cleo`; an empty
/// list is an empty string.
///
/// ```
/// use workbook::story::listed;
///
/// assert_eq!(listed(["Ada"]), "Ada");
/// assert_eq!(listed(["Ada", "Ben"]), "Ada and Ben");
/// assert_eq!(listed([1, 2, 3].iter().map(|n| format!("#{n}"))), "#1, #2 and #3");
/// assert_eq!(listed(Vec::<&str>::new()), "");
/// ```
pub fn listed<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: Display,
{
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Like [`listed`], but a list longer than `most` is cut short, so the sentence stays
/// readable: its first `most - 2` items, then `… and N more`.
///
/// ```
/// use workbook::story::listed_at_most;
///
/// assert_eq!(listed_at_most(["a", "b", "c"], 5), "a, b and c");
/// assert_eq!(listed_at_most(["a", "b", "c", "d", "e", "f"], 5), "a, b, c, … and 3 more");
/// ```
pub fn listed_at_most<I>(items: I, most: usize) -> String
where
    I: IntoIterator,
    I::Item: Display,
{
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    if items.len() <= most {
        return listed(items);
    }
    let shown = most.saturating_sub(2).max(1);
    format!("{}, … and {} more", items[..shown].join(", "), items.len() - shown)
}

/// One bar of the timeline: a piece of work an actor began, and when it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar<'a> {
    /// Who did it.
    pub actor: &'a str,
    /// What the begin event said.
    pub what: &'a str,
    /// When it began.
    pub from: Duration,
    /// When it ended or was dropped; `None` if it never did.
    pub to: Option<Duration>,
    /// How it ended: [`Kind::End`] or [`Kind::Dropped`]; `None` if it never did.
    pub ended: Option<Kind>,
}

impl Bar<'_> {
    /// Whether the work was going on at `at`: begun, and not yet ended.
    ///
    /// ```
    /// use workbook::{secs, story::Bar};
    ///
    /// let bar = Bar { actor: "oven", what: "bake", from: secs(1), to: Some(secs(3)), ended: None };
    /// assert!(bar.in_progress_at(secs(1)) && !bar.in_progress_at(secs(3)));
    /// ```
    pub fn in_progress_at(&self, at: Duration) -> bool {
        self.from <= at && self.to.is_none_or(|to| to > at)
    }

    /// Whether it ended by being dropped (its future was cancelled).
    ///
    /// ```
    /// use workbook::{secs, story::Bar, trace::Kind};
    ///
    /// let bar = Bar { actor: "oven", what: "bake", from: secs(1), to: Some(secs(2)), ended: Some(Kind::Dropped) };
    /// assert!(bar.dropped());
    /// ```
    pub fn dropped(&self) -> bool {
        self.ended == Some(Kind::Dropped)
    }
}

/// Each actor's bars, read back from the trace: every begin, with the end (or drop) of
/// that actor that closes it, in the order the work began. An actor that begins again
/// before it ends has two bars open; an end closes the latest.
///
/// ```
/// use std::time::Duration;
/// use workbook::story::bars;
///
/// let run = workbook::run(async {
///     let one = workbook::trace::Span::begin("resize a.jpg", "resizing");
///     let two = workbook::trace::Span::begin("resize b.jpg", "resizing");
///     tokio::time::sleep(Duration::from_secs(1)).await;
///     one.end("done");
///     drop(two);
/// });
/// let bars = bars(&run.trace);
/// assert_eq!(bars[0].actor, "resize a.jpg");
/// assert_eq!(bars[0].to, Some(Duration::from_secs(1)));
/// assert!(bars[1].dropped());
/// ```
pub fn bars(trace: &Trace) -> Vec<Bar<'_>> {
    let mut out: Vec<Bar<'_>> = Vec::new();
    for e in trace.events() {
        match e.kind {
            Kind::Begin => out.push(Bar { actor: &e.actor, what: &e.what, from: e.at, to: None, ended: None }),
            Kind::End | Kind::Dropped => {
                if let Some(open) = out.iter_mut().rev().find(|b| b.actor == e.actor && b.to.is_none()) {
                    open.to = Some(e.at);
                    open.ended = Some(e.kind);
                }
            }
            Kind::Note => {}
        }
    }
    out
}

/// The actors whose work was in progress at `at`, in the order it began.
///
/// ```
/// use std::time::Duration;
/// use workbook::story::in_progress_at;
///
/// let run = workbook::run(async {
///     let _slow = workbook::trace::Span::begin("GET /slow", "request sent");
///     tokio::time::sleep(Duration::from_secs(2)).await;
/// });
/// assert_eq!(in_progress_at(&run.trace, Duration::from_secs(1)), ["GET /slow"]);
/// ```
pub fn in_progress_at(trace: &Trace, at: Duration) -> Vec<&str> {
    let mut actors: Vec<&str> = Vec::new();
    for bar in bars(trace).into_iter().filter(|b| b.in_progress_at(at)) {
        if !actors.contains(&bar.actor) {
            actors.push(bar.actor);
        }
    }
    actors
}

/// What was expected beside what came, one row each, a `✗` on every row that differs:
/// an order or a sequence told as a table.
///
/// ```
/// use workbook::story::side_by_side;
///
/// let table = side_by_side(&["Ada", "Ben"], &["Ben", "Ada", "Cleo"]);
/// assert_eq!(table, "    expected  yours\n  ✗ Ada       Ben\n  ✗ Ben       Ada\n  ✗ -         Cleo\n");
/// ```
pub fn side_by_side<E: Display, Y: Display>(expected: &[E], yours: &[Y]) -> String {
    let cell = |d: Option<String>| d.unwrap_or_else(|| "-".to_string());
    let expected: Vec<String> = expected.iter().map(ToString::to_string).collect();
    let yours: Vec<String> = yours.iter().map(ToString::to_string).collect();
    let width = expected.iter().map(|e| e.chars().count()).max().unwrap_or(0).max("expected".len());
    let mut out = format!("    {:width$}  yours\n", "expected");
    for i in 0..expected.len().max(yours.len()) {
        let mark = if expected.get(i) == yours.get(i) { ' ' } else { '✗' };
        let _ = writeln!(out, "  {mark} {:width$}  {}", cell(expected.get(i).cloned()), cell(yours.get(i).cloned()));
    }
    out
}

/// A check's patience ran out: the code under test was still waiting after `after` of
/// virtual time. `waiting` are the actors whose work was in progress then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GaveUp {
    /// How long the check waited.
    pub after: Duration,
    /// The actors whose work was still in progress when it gave up, in the order it began.
    pub waiting: Vec<String>,
}

impl GaveUp {
    /// `still waiting after 60.000s (in progress then: GET /a and GET /b)`, for a message.
    ///
    /// ```
    /// use workbook::{secs, story::GaveUp};
    ///
    /// let gave_up = GaveUp { after: secs(60), waiting: vec!["GET /a".into()] };
    /// assert_eq!(gave_up.to_string(), "still waiting after 60.000s (in progress then: GET /a)");
    /// ```
    pub fn describe(&self) -> String {
        self.to_string()
    }
}

impl Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "still waiting after {}", format_secs(self.after))?;
        if self.waiting.is_empty() {
            write!(f, " (nothing in progress then)")
        } else {
            write!(f, " (in progress then: {})", listed(&self.waiting))
        }
    }
}

/// Awaits `future` for at most `patience` of virtual time. When it is still waiting
/// then, the check gives up on it (the future is dropped) and says who was still at
/// work, from the trace recorded so far.
///
/// ```
/// use std::time::Duration;
/// use workbook::{secs, story::within};
///
/// let run = workbook::run(async {
///     within(secs(60), async {
///         let _call = workbook::trace::Span::begin("call rates", "calling");
///         std::future::pending::<()>().await
///     })
///     .await
/// });
/// let gave_up = run.value.unwrap_err();
/// assert_eq!((gave_up.after, gave_up.waiting), (secs(60), vec!["call rates".to_string()]));
/// assert!(workbook::run(within(secs(1), async { 7 })).value.is_ok());
/// ```
pub async fn within<F: Future>(patience: Duration, future: F) -> Result<F::Output, GaveUp> {
    let since = crate::trace::current_elapsed();
    let mut future = std::pin::pin!(future);
    let mut deadline = std::pin::pin!(tokio::time::sleep(patience));
    let value = std::future::poll_fn(|cx| {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(cx) {
            return std::task::Poll::Ready(Some(value));
        }
        deadline.as_mut().poll(cx).map(|()| None)
    })
    .await;
    if let Some(value) = value {
        return Ok(value);
    }
    // Read the trace before the future is dropped: its work is still open.
    let trace = crate::trace::current().unwrap_or_default();
    let mut waiting: Vec<String> = Vec::new();
    for bar in bars(&trace).into_iter().filter(|b| b.to.is_none() && since.is_none_or(|s| b.from >= s)) {
        if !waiting.iter().any(|w| w == bar.actor) {
            waiting.push(bar.actor.to_string());
        }
    }
    Err(GaveUp { after: patience, waiting })
}
