//! The trace: what happened, to whom, at which virtual instant.
//!
//! Simulated services record into the trace of the run they are part of (see
//! [`crate::run`]). Outside such a run, recording does nothing, so the services
//! also work in a plain `#[tokio::main]` program.

use std::cell::RefCell;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::time::format_secs;

/// What an [`Event`] says about its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The actor started a piece of work (a bar opens in the timeline).
    Begin,
    /// The actor finished the piece of work it began (the bar closes).
    End,
    /// The unfinished work was dropped: its future was cancelled (the bar closes with `✗`).
    Dropped,
    /// Something happened at one instant (a `•` in the timeline).
    Note,
}

impl Kind {
    /// The mark a trace table puts before the event's text: `▶` begin, `■` end,
    /// `✗` dropped, `•` note.
    ///
    /// ```
    /// assert_eq!(workbook::trace::Kind::Dropped.mark(), '✗');
    /// ```
    pub fn mark(self) -> char {
        match self {
            Kind::Begin => '▶',
            Kind::End => '■',
            Kind::Dropped => '✗',
            Kind::Note => '•',
        }
    }

    fn from_mark(mark: char) -> Option<Kind> {
        [Kind::Begin, Kind::End, Kind::Dropped, Kind::Note].into_iter().find(|k| k.mark() == mark)
    }
}

/// One line of a trace: at `at` (virtual time since the run started), `actor` did `what`.
///
/// ```
/// use std::time::Duration;
/// use workbook::trace::{Event, Kind};
///
/// let event = Event::new(Duration::from_millis(1500), "GET /news", Kind::End, "200 OK");
/// assert_eq!(event.to_string(), "  1.500s  GET /news  ■ 200 OK");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Virtual time since the start of the run.
    pub at: Duration,
    /// Who did it: a service call such as `GET /news`, or a named task.
    pub actor: String,
    /// Whether this opens, closes or cancels a span, or is a single instant.
    pub kind: Kind,
    /// What happened, in words.
    pub what: String,
}

impl Event {
    /// Makes an event. Services don't call this directly; they use [`Span`] and [`note`].
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use workbook::trace::{Event, Kind};
    /// let e = Event::new(Duration::ZERO, "bell", Kind::Note, "ring");
    /// assert_eq!(e.actor, "bell");
    /// ```
    pub fn new(at: Duration, actor: impl Into<String>, kind: Kind, what: impl Into<String>) -> Self {
        Event { at, actor: actor.into(), kind, what: what.into() }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>8}  {}  {} {}", format_secs(self.at), self.actor, self.kind.mark(), self.what)
    }
}

/// The events of one run, in the order they were recorded.
///
/// Recording order is deterministic on a current-thread runtime, so a trace can be
/// compared with a snapshot as it is: it is never sorted.
///
/// ```
/// use std::time::Duration;
/// use workbook::trace::{Event, Kind, Trace};
///
/// let trace = Trace::from(vec![
///     Event::new(Duration::ZERO, "GET /a", Kind::Begin, "request sent"),
///     Event::new(Duration::from_secs(1), "GET /a", Kind::End, "200 OK"),
/// ]);
/// assert!(trace.table().contains("1.000s  GET /a  ■ 200 OK"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    events: Vec<Event>,
}

impl From<Vec<Event>> for Trace {
    fn from(events: Vec<Event>) -> Self {
        Trace { events }
    }
}

impl Trace {
    /// All events, in recording order.
    ///
    /// ```
    /// # use workbook::trace::Trace;
    /// assert!(Trace::default().events().is_empty());
    /// ```
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The first event of `actor` whose text contains `what`, if any.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use workbook::trace::{Event, Kind, Trace};
    /// let trace = Trace::from(vec![Event::new(Duration::from_secs(2), "chat", Kind::End, "sent to Anna")]);
    /// assert_eq!(trace.find("chat", "Anna").unwrap().at, Duration::from_secs(2));
    /// assert!(trace.find("chat", "John").is_none());
    /// ```
    pub fn find(&self, actor: &str, what: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.actor == actor && e.what.contains(what))
    }

    /// The events of one actor.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use workbook::trace::{Event, Kind, Trace};
    /// let trace = Trace::from(vec![Event::new(Duration::ZERO, "a", Kind::Note, "x")]);
    /// assert_eq!(trace.of("a").count(), 1);
    /// ```
    pub fn of<'a>(&'a self, actor: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(move |e| e.actor == actor)
    }

    /// The same trace with scheduling noise removed: within a run of consecutive
    /// events that share an instant and a kind (say, three fetches dropped together),
    /// events are ordered by actor. Which of them tokio happened to handle first is not
    /// part of the story, and different correct programs handle them differently;
    /// everything else keeps its recording order, cause before effect.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use workbook::trace::{Event, Kind, Trace};
    /// let t = Duration::from_secs(1);
    /// let trace = Trace::from(vec![
    ///     Event::new(t, "GET /c", Kind::Dropped, "dropped (cancelled)"),
    ///     Event::new(t, "GET /a", Kind::Dropped, "dropped (cancelled)"),
    /// ]);
    /// assert_eq!(trace.canonical().events()[0].actor, "GET /a");
    /// ```
    pub fn canonical(&self) -> Trace {
        let mut events = self.events.clone();
        let mut start = 0;
        while start < events.len() {
            let (at, kind) = (events[start].at, events[start].kind);
            let end = start + events[start..].iter().take_while(|e| e.at == at && e.kind == kind).count();
            events[start..end].sort_by(|a, b| a.actor.cmp(&b.actor));
            start = end;
        }
        Trace { events }
    }

    /// The trace as a `time  actor  event` table, one line per event. This is the
    /// text that trace snapshots store.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use workbook::trace::{Event, Kind, Trace};
    /// let trace = Trace::from(vec![Event::new(Duration::from_millis(500), "task A", Kind::Note, "wakes up")]);
    /// assert_eq!(trace.table(), "  0.500s  task A  • wakes up\n");
    /// ```
    pub fn table(&self) -> String {
        let width = self.events.iter().map(|e| e.actor.chars().count()).max().unwrap_or(0);
        let mut out = String::new();
        for e in &self.events {
            let pad = width - e.actor.chars().count();
            out.push_str(&format!(
                "{:>8}  {}{}  {} {}\n",
                format_secs(e.at),
                e.actor,
                " ".repeat(pad),
                e.kind.mark(),
                e.what
            ));
        }
        out
    }

    /// Parses a [`Trace::table`] back into a trace, so a stored snapshot can be drawn
    /// as a timeline. Lines that are not table rows are skipped.
    ///
    /// ```
    /// # use workbook::trace::{Kind, Trace};
    /// let trace = Trace::parse_table("  0.000s  GET /a  ▶ request sent\n  1.000s  GET /a  ■ 200 OK\n");
    /// assert_eq!(trace.events()[0].kind, Kind::Begin);
    /// assert_eq!(trace.events()[1].what, "200 OK");
    /// ```
    pub fn parse_table(text: &str) -> Trace {
        let mut events = Vec::new();
        for line in text.lines() {
            let Some((time, rest)) = line.trim_start().split_once("s  ") else { continue };
            let Ok(secs) = time.parse::<f64>() else { continue };
            let found = rest.char_indices().find_map(|(i, c)| {
                let kind = Kind::from_mark(c)?;
                rest[..i].ends_with("  ").then_some((i, kind, c.len_utf8()))
            });
            let Some((i, kind, len)) = found else { continue };
            let actor = rest[..i].trim_end();
            let what = rest[i + len..].trim_start();
            events.push(Event::new(Duration::from_secs_f64(secs), actor, kind, what));
        }
        Trace { events }
    }
}

/// The trace being recorded by the current run, shared with its blocking threads.
#[derive(Clone, Debug)]
pub(crate) struct Recorder {
    inner: Arc<Mutex<RecorderState>>,
}

#[derive(Debug)]
struct RecorderState {
    events: Vec<Event>,
    /// Set once the run's future has finished: tasks dropped afterwards, when the
    /// runtime shuts down, are not part of the story.
    closed: bool,
    start: Option<tokio::time::Instant>,
    /// The virtual instants at which the runtime's thread woke from idle, each once.
    wakes: Vec<Duration>,
}

thread_local! {
    static CURRENT: RefCell<Option<Recorder>> = const { RefCell::new(None) };
}

impl Recorder {
    pub(crate) fn new() -> Self {
        Recorder {
            inner: Arc::new(Mutex::new(RecorderState {
                events: Vec::new(),
                closed: false,
                start: None,
                wakes: Vec::new(),
            })),
        }
    }

    /// Makes this recorder the current one on this thread until the guard drops.
    pub(crate) fn install(&self) -> InstallGuard {
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        InstallGuard { previous }
    }

    pub(crate) fn start_clock(&self) {
        self.lock().start = Some(tokio::time::Instant::now());
    }

    pub(crate) fn close(&self) -> Trace {
        let mut state = self.lock();
        state.closed = true;
        Trace { events: state.events.clone() }
    }

    pub(crate) fn snapshot(&self) -> Trace {
        Trace { events: self.lock().events.clone() }
    }

    /// How many events have been recorded so far.
    pub(crate) fn len(&self) -> usize {
        self.lock().events.len()
    }

    /// Notes that the runtime's thread woke from idle now (on the runtime's thread).
    pub(crate) fn woke(&self) {
        let mut state = self.lock();
        let Some(start) = state.start else { return };
        let at = tokio::time::Instant::now() - start;
        if state.wakes.last() != Some(&at) {
            state.wakes.push(at);
        }
    }

    /// The instants noted by [`Recorder::woke`].
    pub(crate) fn wakes(&self) -> Vec<Duration> {
        self.lock().wakes.clone()
    }

    /// `instant` as virtual time since the run started.
    pub(crate) fn elapsed_at(&self, instant: tokio::time::Instant) -> Duration {
        self.lock().start.map(|s| instant.saturating_duration_since(s)).unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, RecorderState> {
        // A panic while holding this lock can only come from our own code between two
        // pushes; the events recorded so far are still the truth, so poisoning is ignored.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) struct InstallGuard {
    previous: Option<Recorder>,
}

impl Drop for InstallGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Records one event in the current run's trace, at the current virtual instant.
/// Does nothing outside a [`crate::run`].
///
/// ```
/// use workbook::trace::{note, Kind};
///
/// let run = workbook::run(async { note("bell", "ring ring") });
/// assert_eq!(run.trace.events()[0].kind, Kind::Note);
/// ```
pub fn note(actor: &str, what: &str) {
    record(actor, Kind::Note, what);
}

/// The trace the current run has recorded so far; `None` outside a [`crate::run`].
pub(crate) fn current() -> Option<Trace> {
    CURRENT.with(|c| c.borrow().as_ref().map(Recorder::snapshot))
}

/// Virtual time since the current run started; `None` outside a [`crate::run`].
pub(crate) fn current_elapsed() -> Option<Duration> {
    CURRENT.with(|c| {
        let recorder = c.borrow();
        let state = recorder.as_ref()?.lock();
        state.start.map(|s| tokio::time::Instant::now() - s)
    })
}

pub(crate) fn record(actor: &str, kind: Kind, what: &str) {
    CURRENT.with(|c| {
        if let Some(recorder) = c.borrow().as_ref() {
            let mut state = recorder.lock();
            if state.closed {
                return;
            }
            let at = state.start.map(|s| tokio::time::Instant::now() - s).unwrap_or_default();
            state.events.push(Event::new(at, actor, kind, what));
        }
    });
}

/// A piece of work in the trace: [`Span::begin`] records its start, [`Span::end`] its
/// end. A span dropped before `end` records `dropped (cancelled)`: that is how the
/// trace shows a future that was cancelled by being dropped.
///
/// ```
/// use std::time::Duration;
/// use workbook::trace::{Kind, Span};
///
/// let run = workbook::run(async {
///     let span = Span::begin("oven", "start baking");
///     tokio::time::sleep(Duration::from_secs(3)).await;
///     span.end("bread is ready");
/// });
/// assert_eq!(run.trace.events()[1].at, Duration::from_secs(3));
/// assert_eq!(run.trace.events()[1].kind, Kind::End);
/// ```
#[derive(Debug)]
#[must_use = "a span records `dropped` as soon as it is dropped; keep it until the work ends"]
pub struct Span {
    actor: String,
    open: bool,
}

impl Span {
    /// Opens a span: records `what` as the start of a bar for `actor`.
    ///
    /// ```
    /// # use workbook::trace::Span;
    /// let span = Span::begin("db", "query users");
    /// span.end("3 rows");
    /// ```
    pub fn begin(actor: impl Into<String>, what: &str) -> Span {
        let actor = actor.into();
        record(&actor, Kind::Begin, what);
        Span { actor, open: true }
    }

    /// Closes the span with what came of it.
    ///
    /// ```
    /// # use workbook::trace::Span;
    /// Span::begin("db", "query users").end("3 rows");
    /// ```
    pub fn end(mut self, what: &str) {
        record(&self.actor, Kind::End, what);
        self.open = false;
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if self.open {
            record(&self.actor, Kind::Dropped, "dropped (cancelled)");
        }
    }
}
