//! The checks of exercise 20. Read them if you like; `grader check` notices edits.
//!
//! `Join2` is judged on two parcel deliveries, [`Delivery`] futures written by hand
//! here: each records in the trace when it set off and when it was delivered, and
//! notices being polled again after it was done.
//!
//! `Pickup` is judged through a [`Probe`], a future that wraps it and writes down every
//! poll and every wake-up: which task polled it, and which waker was woken. A check
//! waits at most 10 s (virtual) for a future, and stops one that is polled 1000 times
//! without finishing, so a future that is never woken, or one that spins, fails with a
//! lesson instead of hanging.

use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker, ready};
use std::time::Duration;

use tokio::time::{Instant, Sleep};

use super::*;
use workbook::source::{Site, Source};
use workbook::trace::{Span, note};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// How long a check waits for a future before it calls it stuck: 10 s.
const PATIENCE: Duration = secs(10);

/// How many polls a future gets without finishing before a check calls it a busy
/// loop. A future that waits properly is polled a handful of times.
const POLL_LIMIT: u32 = 1000;

/// How many polls (and wake-ups) of a pickup the trace writes down; a busy loop would
/// fill it with a thousand lines.
const NOTED: usize = 5;

// ---------------------------------------------------------------------------------
// Join2: two deliveries.

/// A parcel on its way: ready with the parcel's name after `takes`. Traced as
/// `▶ on its way` at its first poll and `■ delivered` when ready. Polled again after
/// that, it notes `polled again after it was delivered` and stays pending for good,
/// with nothing to wake it: a finished future has nothing more to give.
#[derive(Debug)]
struct Delivery {
    parcel: &'static str,
    takes: Duration,
    on_the_way: Option<(Pin<Box<Sleep>>, Span)>,
    delivered: bool,
    polled_after_delivery: bool,
}

fn delivery(parcel: &'static str, takes: Duration) -> Delivery {
    Delivery { parcel, takes, on_the_way: None, delivered: false, polled_after_delivery: false }
}

impl Future for Delivery {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let this = &mut *self;
        if this.delivered {
            if !this.polled_after_delivery {
                this.polled_after_delivery = true;
                note(this.parcel, "polled again after it was delivered");
            }
            return Poll::Pending;
        }
        let (parcel, takes) = (this.parcel, this.takes);
        let (timer, _) = this
            .on_the_way
            .get_or_insert_with(|| (Box::pin(tokio::time::sleep(takes)), Span::begin(parcel, "on its way")));
        ready!(timer.as_mut().poll(cx));
        if let Some((_, span)) = this.on_the_way.take() {
            span.end("delivered");
        }
        this.delivered = true;
        Poll::Ready(parcel)
    }
}

/// How waiting for a future ended.
#[derive(Debug)]
enum Ending<T> {
    /// It returned this.
    Ready(T),
    /// It was polled [`POLL_LIMIT`] times without finishing.
    Spinning,
    /// It was still pending after [`PATIENCE`].
    Stuck,
}

/// What came of waiting for a future: how it ended, when (since the check began), and
/// how many times it was polled.
#[derive(Debug)]
struct Watched<T> {
    ending: Ending<T>,
    at: Duration,
    polls: u32,
}

/// Awaits `future` for at most [`PATIENCE`], and for at most [`POLL_LIMIT`] polls.
///
/// Not `tokio::time::timeout`: when its time is up, it polls the future once more before
/// it gives up, and that poll would find a parcel that nobody had woken the customer for.
async fn watch<F: Future>(future: F) -> Watched<F::Output> {
    let start = Instant::now();
    let mut future = pin!(future);
    let mut deadline = pin!(tokio::time::sleep(PATIENCE));
    let mut polls = 0;
    // Polls at the current virtual instant: a busy loop is many polls with the clock still.
    let (mut instant, mut polls_here) = (start, 0);
    let ending = poll_fn(|cx| {
        if deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Ending::Stuck);
        }
        polls += 1;
        let now = Instant::now();
        if now != instant {
            (instant, polls_here) = (now, 0);
        }
        polls_here += 1;
        if let Poll::Ready(value) = future.as_mut().poll(cx) {
            return Poll::Ready(Ending::Ready(value));
        }
        if polls_here >= POLL_LIMIT {
            return Poll::Ready(Ending::Spinning);
        }
        Poll::Pending
    })
    .await;
    Watched { ending, at: start.elapsed(), polls }
}

/// One delivery's life, as the trace tells it.
#[derive(Debug)]
struct Trip {
    parcel: &'static str,
    takes: Duration,
    set_off: Option<Duration>,
    delivered: Option<Duration>,
    polled_again: Option<Duration>,
}

fn trip<T>(run: &Run<T>, parcel: &'static str, takes: Duration) -> Trip {
    let at = |what: &str| run.trace.find(parcel, what).map(|e| e.at);
    Trip {
        parcel,
        takes,
        set_off: at("on its way"),
        delivered: at("delivered"),
        polled_again: at("polled again after it was delivered"),
    }
}

/// Judges `join2(delivery(first), delivery(second))`, run with [`watch`].
fn judge_join(run: &Run<Watched<(&'static str, &'static str)>>, first: Trip, second: Trip) {
    run.assert_not_blocked();
    let call = format!("join2({}, {})", first.parcel, second.parcel);
    let watched = &run.value;

    for (trip, other) in [(&first, &second), (&second, &first)] {
        let (Some(delivered), Some(again)) = (trip.delivered, trip.polled_again) else { continue };
        let lost = if other.delivered.is_none_or(|at| at > delivered) {
            format!(
                ", while {} was still on its way. If Join2 doesn't keep an output the moment it comes, \
                 all it can do later is poll the finished future again, hoping for another one",
                other.parcel
            )
        } else {
            String::new()
        };
        run.fail(format!(
            "{} was delivered at {} and returned `Poll::Ready(\"{}\")`, but Join2 polled it again at {}{lost}.\n\
             A future that has returned Ready is finished, and polling it again is a bug. The future of \
             an `async fn` panics (\"`async fn` resumed after completion\"); this one stays Pending for \
             good{never}. (A Python coroutine is the same: it runs once, and awaiting \
             it a second time raises `RuntimeError: cannot reuse already awaited coroutine`.)\n\
             Keep each output in its `Option` the moment it comes, and poll a future only while its \
             output is still `None`: `if this.first_output.is_none() {{ ... }}`.",
            trip.parcel,
            format_secs(delivered),
            trip.parcel,
            format_secs(again),
            never = if matches!(watched.ending, Ending::Ready(_)) {
                String::new()
            } else {
                format!(", and {call} never returned")
            },
        ));
    }

    if let Ending::Spinning = watched.ending {
        run.fail(format!(
            "{} was polled {} times, the last {POLL_LIMIT} of them with virtual time standing still at {}: \
             a busy loop, so the check stopped it: each poll ended with the task woken again at once.\n\
             A usual cause: calling `cx.waker().wake_by_ref()` before returning `Poll::Pending`, which tells the runtime \
             \"poll me again at once\": the task never sleeps, the runtime's only thread never rests, and \
             the clock can't move on to the deliveries. Join2 has no wake-up of its own to arrange: it \
             passes `cx` to the futures it polls, and each of them arranges to wake the task when it can \
             make progress. Return `Poll::Pending` and nothing more.",
            call,
            watched.polls,
            format_secs(watched.at),
        ));
    }

    for (trip, other) in [(&first, &second), (&second, &first)] {
        let (Some(started), Some(other_done)) = (trip.set_off, other.delivered) else { continue };
        if started >= other_done {
            run.fail(format!(
                "Join2 polled {} for the first time only at {}, once {} had been delivered: the two \
                 deliveries ran one after another.\n  {:<6} {} → {}\n  {:<6} {} → {}\n\
                 A future does nothing until it is polled, and Join2 returned `Poll::Pending` as soon as \
                 {} said Pending, without polling {}. Poll both futures in every call of `poll` (each with \
                 the same `cx`), and return Pending only after that: both are on their way from the first \
                 poll, and the waits overlap.",
                trip.parcel,
                format_secs(started),
                other.parcel,
                other.parcel,
                format_secs(other.set_off.unwrap_or_default()),
                format_secs(other_done),
                trip.parcel,
                format_secs(started),
                trip.delivered.map_or_else(|| "(never delivered)".to_string(), format_secs),
                other.parcel,
                trip.parcel,
            ));
        }
    }

    let (got_first, got_second) = match &watched.ending {
        Ending::Ready(outputs) => *outputs,
        Ending::Spinning => unreachable!("judged above"),
        Ending::Stuck => {
            let never: Vec<&str> = [&first, &second].iter().filter(|t| t.set_off.is_none()).map(|t| t.parcel).collect();
            if !never.is_empty() {
                run.fail(format!(
                    "{call} was still waiting after {}, and {} never set off: Join2 never polled it. A \
                     future does nothing until it is polled: poll both futures, the first time Join2 is \
                     polled and every time after, until each has returned its output.",
                    format_secs(PATIENCE),
                    never.join(" and "),
                ));
            }
            match (first.delivered, second.delivered) {
                (Some(a), Some(b)) => run.fail(format!(
                    "Both parcels were delivered ({} at {}, {} at {}), but {call} was still pending when \
                     the check gave up at {}.\n\
                     Once both outputs are in, return `Poll::Ready((first, second))` from that same poll. \
                     Returning `Pending` then is a promise nobody keeps: both futures are finished, so \
                     nothing will ever wake the task again.",
                    first.parcel,
                    format_secs(a),
                    second.parcel,
                    format_secs(b),
                    format_secs(watched.at),
                )),
                _ => {
                    let trips: Vec<String> = [&first, &second]
                        .iter()
                        .map(|t| {
                            let set_off = t.set_off.unwrap_or_default();
                            let came = t.delivered.map_or_else(
                                || "never polled again to hand it over".to_string(),
                                |at| format!("delivered at {}", format_secs(at)),
                            );
                            format!(
                                "{} set off at {}, due at {}, {came}",
                                t.parcel,
                                format_secs(set_off),
                                format_secs(set_off + t.takes)
                            )
                        })
                        .collect();
                    run.fail(format!(
                        "{call} was still waiting after {}: {}. {call} was polled {} in all: when a \
                         delivery was due, nothing woke the join's task.\n\
                         Each delivery wakes the waker of the `Context` it was polled with. Possible causes: \
                         Join2 polls its futures with a `Context` of its own (made from \
                         `futures::task::noop_waker()`, say) instead of the `cx` it was given, so their \
                         wake-ups go nowhere; or Join2 returns `Pending` without polling a future that is \
                         still on its way. Pass the `cx` you were given: `this.first.as_mut().poll(cx)`.",
                        format_secs(PATIENCE),
                        trips.join("; "),
                        if watched.polls == 1 { "once".to_string() } else { format!("{} times", watched.polls) },
                    ))
                }
            }
        }
    };

    if (got_first, got_second) != (first.parcel, second.parcel) {
        let swapped = (got_second, got_first) == (first.parcel, second.parcel);
        run.fail(format!(
            "{call} returned ({got_first:?}, {got_second:?}); it should return ({:?}, {:?}).{}\n\
             Like `tokio::join!` (and asyncio.gather), Join2 gives the output of `first` first and the \
             output of `second` second, whichever finished first.",
            first.parcel,
            second.parcel,
            if swapped { " The two outputs are swapped." } else { "" },
        ));
    }
    let slowest = first.takes.max(second.takes);
    run.ensure(
        watched.at == slowest,
        format!(
            "{call} returned at {}, but the slower delivery was in at {}: a join is ready the moment its \
             last future is, not later.",
            format_secs(watched.at),
            format_secs(slowest),
        ),
    );
    run.assert_elapsed(slowest);
}

// ---------------------------------------------------------------------------------
// Pickup: a probe that writes down every poll and every wake-up.

/// One poll of the pickup.
#[derive(Clone, Debug)]
struct Polled {
    at: Duration,
    /// Who polled it: `the customer`, `the front desk`.
    by: &'static str,
    ready: bool,
}

/// One wake-up, through the waker that came with poll number `poll` (1-based).
#[derive(Clone, Debug)]
struct Woken {
    at: Duration,
    poll: usize,
    /// How many polls there had been by then.
    polls_so_far: usize,
}

/// The delivery: when, and after how many polls.
#[derive(Clone, Copy, Debug)]
struct Delivered {
    at: Duration,
    polls_before: usize,
    wakes_before: usize,
}

/// Everything the probe saw.
#[derive(Clone, Debug, Default)]
struct Seen {
    polls: Vec<Polled>,
    wakes: Vec<Woken>,
    delivered: Option<Delivered>,
}

fn lock(seen: &Mutex<Seen>) -> MutexGuard<'_, Seen> {
    seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The waker a probe hands to the pickup: it writes the wake-up down, then wakes the
/// task that polled.
#[derive(Debug)]
struct NotingWaker {
    poll: usize,
    by: &'static str,
    start: Instant,
    seen: Arc<Mutex<Seen>>,
    task: Waker,
}

impl Wake for NotingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut seen = lock(&self.seen);
        let polls_so_far = seen.polls.len();
        seen.wakes.push(Woken { at: self.start.elapsed(), poll: self.poll, polls_so_far });
        let count = seen.wakes.len();
        drop(seen);
        if count <= NOTED {
            // A waker from before the latest poll: it may wake a task that no longer waits.
            let stale = if self.poll < polls_so_far { " (an older waker)" } else { "" };
            note("pickup", &format!("woken: {}{stale}", self.by));
        }
        self.task.wake_by_ref();
    }
}

/// For the thread check: the probe tells the courier's thread when the pickup has said
/// Pending, and waits until the parcel is delivered before it passes the Pending on.
#[derive(Debug)]
struct Handoff {
    go: mpsc::Sender<()>,
    delivered: mpsc::Receiver<()>,
}

/// Wraps a pickup: each poll hands it a [`NotingWaker`] and is written down (the first
/// [`NOTED`] in the trace too). After [`POLL_LIMIT`] polls without the parcel, it stops
/// with `None`.
#[derive(Debug)]
struct Probe<F> {
    pickup: Pin<Box<F>>,
    /// Who is polling it now.
    by: &'static str,
    start: Instant,
    seen: Arc<Mutex<Seen>>,
    handoff: Option<Handoff>,
    /// The wait in the trace, from the first Pending to Ready.
    waiting: Option<Span>,
}

impl<F: Future<Output = &'static str>> Probe<F> {
    fn new(pickup: F, by: &'static str) -> Self {
        Probe {
            pickup: Box::pin(pickup),
            by,
            start: Instant::now(),
            seen: Arc::default(),
            handoff: None,
            waiting: None,
        }
    }

    /// What the courier delivers through, so the probe knows when the parcel came.
    fn deliverer(&self) -> Deliverer {
        Deliverer { start: self.start, seen: Arc::clone(&self.seen) }
    }
}

/// Delivers a parcel for a check, and writes down when.
#[derive(Debug)]
struct Deliverer {
    start: Instant,
    seen: Arc<Mutex<Seen>>,
}

impl Deliverer {
    /// Notes the delivery (`what`) in the trace, writes down when it came, and calls
    /// `deliver`. Returns `deliver`'s panic message, if it panicked.
    fn deliver(&self, courier: Courier<&'static str>, parcel: &'static str, what: &str) -> Option<String> {
        note("courier", what);
        {
            let mut seen = lock(&self.seen);
            let (polls_before, wakes_before) = (seen.polls.len(), seen.wakes.len());
            seen.delivered = Some(Delivered { at: self.start.elapsed(), polls_before, wakes_before });
        }
        catch_unwind(AssertUnwindSafe(|| courier.deliver(parcel))).err().map(|p| panic_text(p.as_ref()))
    }
}

impl<F: Future<Output = &'static str>> Future for Probe<F> {
    type Output = Option<&'static str>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<&'static str>> {
        let this = &mut *self;
        let poll = lock(&this.seen).polls.len() + 1;
        let waker = Waker::from(Arc::new(NotingWaker {
            poll,
            by: this.by,
            start: this.start,
            seen: Arc::clone(&this.seen),
            task: cx.waker().clone(),
        }));
        let outcome = this.pickup.as_mut().poll(&mut Context::from_waker(&waker));
        lock(&this.seen).polls.push(Polled { at: this.start.elapsed(), by: this.by, ready: outcome.is_ready() });
        let what = match outcome {
            Poll::Ready(parcel) => format!("polled by {}: ready, {parcel}", this.by),
            Poll::Pending => format!("polled by {}: pending", this.by),
        };
        match (&outcome, this.waiting.take()) {
            (Poll::Pending, None) => this.waiting = Some(Span::begin("pickup", &what)),
            (Poll::Ready(_), Some(span)) => span.end(&what),
            (_, span) => {
                if poll <= NOTED {
                    note("pickup", &what);
                }
                this.waiting = span;
            }
        }
        match outcome {
            Poll::Ready(parcel) => Poll::Ready(Some(parcel)),
            Poll::Pending if poll >= POLL_LIMIT as usize => {
                if let Some(span) = this.waiting.take() {
                    span.end(&format!("stopped by the check: polled {POLL_LIMIT} times, still pending"));
                }
                Poll::Ready(None)
            }
            Poll::Pending => {
                if let Some(handoff) = this.handoff.take()
                    && handoff.go.send(()).is_ok()
                {
                    // Real time, and brief: the courier's thread only delivers.
                    let _ = handoff.delivered.recv_timeout(Duration::from_secs(2));
                }
                Poll::Pending
            }
        }
    }
}

/// A courier that delivers `parcel` after `after`, as a task of its own. Returns
/// `deliver`'s panic message, if it panicked.
async fn courier_after(
    after: Duration,
    deliverer: Deliverer,
    courier: Courier<&'static str>,
    parcel: &'static str,
) -> Option<String> {
    tokio::time::sleep(after).await;
    deliverer.deliver(courier, parcel, &format!("delivers {parcel}"))
}

/// What a pickup check saw: how the wait ended, and every poll and wake-up.
#[derive(Debug)]
struct PickupRun {
    watched: Watched<Option<&'static str>>,
    seen: Seen,
    /// `deliver()`'s panic message, if it panicked.
    deliver_panicked: Option<String>,
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    workbook::panic_message(payload).unwrap_or_else(|| "(a panic without a message)".to_string())
}

/// `0.000s by the customer: pending`, one line per poll (the first few), for messages.
fn poll_list(seen: &Seen) -> String {
    let mut out = String::new();
    for (i, p) in seen.polls.iter().enumerate().take(NOTED) {
        let how = if p.ready { "ready" } else { "pending" };
        out.push_str(&format!("  poll {}  {}  by {}: {how}\n", i + 1, format_secs(p.at), p.by));
    }
    if seen.polls.len() > NOTED {
        out.push_str(&format!("  … {} polls in all\n", seen.polls.len()));
    }
    out
}

/// How to arrange a wake-up, the fix most pickup lessons end with.
const KEEP_THE_WAKER: &str = "In `poll`, before returning `Poll::Pending`, keep `cx.waker().clone()` in the \
     locker (a `waiting: Option<Waker>` field next to the parcel). In `deliver()`, after putting the parcel \
     in, `take()` that waker and call `.wake()` on it. Then the runtime polls the pickup again, and this time \
     the parcel is there.";

/// Judges a pickup that should have been ready at `due`.
fn judge_pickup(run: &Run<PickupRun>, due: Duration) {
    run.assert_not_blocked();
    let story = &run.value;
    let seen = &story.seen;
    let polls = poll_list(seen);
    if let Some(message) = &story.deliver_panicked {
        let at = seen.delivered.map_or_else(String::new, |d| format!(" at {}", format_secs(d.at)));
        run.fail(format!(
            "deliver() panicked{at}:\n  {message}\n\
             The parcel can arrive before the customer comes (like `fut.set_result(..)` before anyone \
             awaits the future): then nobody is waiting, and there is no waker to wake yet. Wake only if \
             there is one: `if let Some(waker) = locker.waiting.take() {{ waker.wake() }}`."
        ));
    }
    if let Ending::Ready(None) | Ending::Spinning = story.watched.ending {
        let spun = seen.polls.len();
        let first_at = seen.polls.first().map_or(Duration::ZERO, |p| p.at);
        let last_at = seen.polls.last().map_or(Duration::ZERO, |p| p.at);
        let when = if first_at == last_at {
            format!("virtual time stood still at {}: a busy loop,", format_secs(story.watched.at))
        } else {
            format!("the polls came from {} to {} of virtual time,", format_secs(first_at), format_secs(last_at))
        };
        run.fail(format!(
            "The pickup was polled {spun} times by {}, while the courier was due at {}; {when} so the check stopped it.\n{polls}\
             Something woke the task again at each `Poll::Pending`. A usual cause: the pickup wakes its \
             own task at once (`cx.waker().wake_by_ref()` inside `poll`), which tells the runtime \"poll \
             me again right away\". The task never sleeps, the runtime's only thread never rests, and with a paused \
             clock time can't even move on to the delivery. (Python's version of it is `while not \
             fut.done(): await asyncio.sleep(0)`.) A waker is for the one who will make progress \
             possible: here, the courier.\n{KEEP_THE_WAKER}",
            seen.polls.last().map_or("nobody", |p| p.by),
            format_secs(due),
        ));
    }
    let Some(delivery) = seen.delivered else {
        if seen.polls.iter().any(|p| !p.ready) {
            run.fail(format!("The courier never delivered, though the pickup returned `Poll::Pending`.\n{polls}"))
        }
        run.fail(format!(
            "The courier never delivered: the pickup never returned `Poll::Pending` though the locker was \
             empty.\n{polls}"
        ))
    };
    let delivered = format_secs(delivery.at);
    match story.watched.ending {
        Ending::Ready(_) | Ending::Spinning => {}
        Ending::Stuck => {
            let gave_up = format_secs(story.watched.at);
            let Some(first) = seen.polls.first() else {
                run.fail(format!("The pickup was never polled, and the check gave up at {gave_up}."))
            };
            if delivery.polls_before == 0 {
                run.fail(format!(
                    "The courier delivered the parcel at {delivered}, before anyone waited for it. The \
                     customer came at {} and polled the pickup, and it returned `Poll::Pending`: the parcel \
                     sat in the locker until the check gave up at {gave_up}.\n{polls}\
                     `poll` must look in the locker first, and return `Poll::Ready(parcel)` at once if the \
                     parcel is there: nobody will wake you for a parcel that has already arrived. (In Python, \
                     `await fut` on a future that is already done returns its result straight away.)",
                    format_secs(first.at),
                ));
            }
            let after = &seen.wakes[delivery.wakes_before.min(seen.wakes.len())..];
            if after.is_empty() {
                run.fail(format!(
                    "The pickup returned `Poll::Pending` at {}, the courier delivered at {delivered}, and \
                     then nothing happened: nobody woke the customer's task, so nobody polled the pickup \
                     again, and the parcel sat in the locker until the check gave up at {gave_up}.\n{polls}\
                     `Poll::Pending` is a promise: \"I have arranged to be woken when I can go on\". The \
                     runtime never polls a pending future again on its own; it waits for a wake-up, and \
                     none came. In Python, `await fut` hands the future to the event loop, which adds a \
                     done-callback to it, and `fut.set_result()` runs that callback: the waking is done for \
                     you. In Rust it is the future's own job, and `cx` carries what it needs.\n{KEEP_THE_WAKER}",
                    format_secs(first.at),
                ));
            }
            if after.iter().all(|w| w.poll < w.polls_so_far) {
                let woken = &after[0];
                let stale_by = seen.polls.get(woken.poll - 1).map_or("nobody", |p| p.by);
                let last_by = seen.polls.last().map_or("nobody", |p| p.by);
                run.fail(format!(
                    "At {} deliver() woke the waker that came with poll {} (by {stale_by}). But the \
                     pickup had been polled {} times by then, and the last poll came from {last_by}, in \
                     another task, with another waker. So {stale_by} was woken for nothing, {last_by} was \
                     never woken, and the parcel sat in the locker until the check gave up at {gave_up}.\n{polls}\
                     A future can move between polls: into a spawned task, into a `join!` or a `select!`. \
                     Each poll brings the waker of whoever polls it now, so keep the latest one, not the \
                     first: in `poll`, replace the stored waker every time you return Pending \
                     (`locker.waiting = Some(cx.waker().clone())`). To save the clone when nothing changed, \
                     keep the old one if `waker.will_wake(cx.waker())` says it wakes the same task.",
                    format_secs(woken.at),
                    woken.poll,
                    woken.polls_so_far,
                ));
            }
            let polled_again = if seen.polls.len() > delivery.polls_before {
                "polled again, and still returned `Poll::Pending`"
            } else {
                "but not polled again"
            };
            run.fail(format!(
                "The pickup was woken after the delivery at {delivered}, {polled_again}; the check gave up \
                 at {gave_up}.\n{polls}\
                 Possible causes: `poll` does not find the parcel deliver() put in (it looks somewhere \
                 else, or deliver() puts it where `poll` does not look), or it returns Pending even when \
                 the parcel is there. deliver() must put the parcel in the locker first and wake the \
                 customer after, so that the poll that follows the wake-up finds it."
            ));
        }
    }
    let ready_at = story.watched.at;
    run.ensure(
        ready_at == due,
        format!(
            "The parcel was delivered at {delivered}, but the customer got it only at {}: the pickup should \
             be ready as soon as the parcel is in the locker.\n{polls}",
            format_secs(ready_at)
        ),
    );
    run.assert_elapsed(due);
}

// ---------------------------------------------------------------------------------
// Pickup across threads: the wake-up at the worst moment.

/// How long (real time) a waker that polls at its wake-up waits for that poll. Only a
/// poll held up by the locker's lock, which `deliver()` holds while it wakes, takes
/// that long; any other poll is over in microseconds.
const WAIT_FOR_THE_POLL: Duration = Duration::from_millis(500);

/// How long (real time) the first poll of an empty pickup may take: it should return
/// `Pending` in microseconds.
const FIRST_POLL_LIMIT: Duration = Duration::from_secs(2);

/// A waker that counts its wake-ups, and at its first one may run a step of the check
/// (poll the pickup from another thread, right then).
struct StepWaker {
    woken: std::sync::atomic::AtomicUsize,
    step: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl StepWaker {
    fn new() -> Arc<Self> {
        Arc::new(StepWaker { woken: Default::default(), step: Mutex::new(None) })
    }

    fn woken(&self) -> usize {
        self.woken.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Wake for StepWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let step = self.step.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(step) = step {
            step();
        }
    }
}

/// What happened when the customer's task, on a thread of its own, polled the pickup
/// the moment `deliver()` woke it.
#[derive(Debug)]
enum WokenPoll {
    /// `deliver()` never woke the customer.
    NotWoken,
    /// The pickup was ready before anything was delivered.
    ReadyTooSoon,
    /// The first poll, with the locker empty, did not return within [`FIRST_POLL_LIMIT`].
    FirstPollStuck,
    /// `deliver()` panicked, with this message.
    DeliverPanicked(String),
    /// The poll at the wake-up gave the parcel.
    Ready,
    /// The poll at the wake-up found the locker empty; then `deliver()` finished.
    /// `woken_again`: whether the waker of that poll was woken afterwards, and
    /// `then`: what a poll after `deliver()` returned gave.
    Pending { woken_again: bool, then_ready: bool },
}

/// The customer polls at 0 s and waits; the courier delivers; the waker the customer
/// gave, when woken, has the customer's thread poll the pickup at that very moment, as
/// a task on another worker thread of a multi-thread runtime may.
fn poll_at_the_wake_up() -> WokenPoll {
    let (courier, pickup) = locker::<&'static str>();
    let pickup = Arc::new(Mutex::new(Box::pin(pickup)));
    let poll_with = |pickup: &Mutex<Pin<Box<Pickup<&'static str>>>>, waker: &Arc<StepWaker>| {
        let waker = Waker::from(Arc::clone(waker));
        let mut pickup = pickup.lock().unwrap_or_else(|p| p.into_inner());
        pickup.as_mut().poll(&mut Context::from_waker(&waker))
    };
    let first = StepWaker::new();
    // The first poll, on a thread of its own: a poll that waits inside itself for the
    // parcel would never return here.
    let (polled_once, first_outcome) = mpsc::channel();
    std::thread::spawn({
        let (pickup, first) = (Arc::clone(&pickup), Arc::clone(&first));
        move || {
            let _ = polled_once.send(poll_with(&pickup, &first).is_ready());
        }
    });
    match first_outcome.recv_timeout(FIRST_POLL_LIMIT) {
        Ok(true) => return WokenPoll::ReadyTooSoon,
        Ok(false) => {}
        Err(_) => {
            // Deliver from another thread, so that a poll waiting for the parcel can end.
            std::thread::spawn(move || courier.deliver("books"));
            return WokenPoll::FirstPollStuck;
        }
    }
    // The customer's thread: polls once when told, and says when it is done.
    let second = StepWaker::new();
    let (go, go_signal) = mpsc::channel::<()>();
    let (done, polled) = mpsc::channel::<()>();
    let customer = std::thread::spawn({
        let (pickup, second) = (Arc::clone(&pickup), Arc::clone(&second));
        move || {
            go_signal.recv().ok()?;
            let outcome = poll_with(&pickup, &second);
            let _ = done.send(());
            Some(outcome.is_ready())
        }
    });
    *first.step.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(move || {
        if go.send(()).is_ok() {
            let _ = polled.recv_timeout(WAIT_FOR_THE_POLL);
        }
    }));
    let panicked = catch_unwind(AssertUnwindSafe(|| courier.deliver("books"))).err();
    // Not woken: the step never ran, and the customer's thread ends without polling.
    drop(first.step.lock().unwrap_or_else(|p| p.into_inner()).take());
    let at_wake_up = customer.join().unwrap_or(None);
    if let Some(payload) = panicked {
        return WokenPoll::DeliverPanicked(panic_text(payload.as_ref()));
    }
    match at_wake_up {
        None => WokenPoll::NotWoken,
        Some(true) => WokenPoll::Ready,
        Some(false) => {
            let woken_again = second.woken() > 0;
            let then_ready = poll_with(&pickup, &StepWaker::new()).is_ready();
            WokenPoll::Pending { woken_again, then_ready }
        }
    }
}

/// Judges [`poll_at_the_wake_up`].
fn judge_poll_at_the_wake_up(run: &Run<WokenPoll>) {
    match &run.value {
        WokenPoll::Ready => {}
        WokenPoll::NotWoken => run.fail(
            "The customer polled the pickup and got `Poll::Pending`; then the courier called deliver(), \
             and deliver() returned without waking the waker that came with that poll.\n\
             (The checks `customer_is_woken_by_the_delivery` and `courier_on_another_thread` show the \
             same thing with a timeline.)",
        ),
        WokenPoll::FirstPollStuck => run.fail(format!(
            "The check polled the pickup once, with the locker empty, on a thread of its own, and the poll \
             had not returned {} later (real time). `poll` must return at once: `Poll::Ready` if the parcel \
             is there, otherwise `Poll::Pending` after keeping the waker. A loop or a blocking wait inside \
             `poll` holds the thread that polls, and on the checks' single-threaded runtime that thread is \
             also the courier's.",
            format_secs(FIRST_POLL_LIMIT)
        )),
        WokenPoll::ReadyTooSoon => run.fail(
            "The pickup returned `Poll::Ready` at its first poll, before anything was delivered: it must \
             return `Poll::Pending` while the locker is empty.",
        ),
        WokenPoll::DeliverPanicked(message) => {
            run.fail(format!("deliver() panicked while a customer was waiting:\n  {message}"))
        }
        WokenPoll::Pending { woken_again, then_ready } => {
            let after = if *woken_again {
                "Its waker was woken again later, but that poll had already answered Pending.".to_string()
            } else if *then_ready {
                "That poll kept its waker and said Pending, and deliver() then put the parcel in without \
                 waking anyone: the customer's task would sleep for good beside a full locker (a poll made \
                 by the check afterwards found the parcel there)."
                    .to_string()
            } else {
                "That poll kept its waker and said Pending, and nothing woke it again.".to_string()
            };
            if !*then_ready {
                run.fail(format!(
                    "deliver() woke the customer. The check's waker, when woken, has the customer poll the \
                     pickup at that moment from another thread: that poll returned `Poll::Pending`. {after} \
                     A poll made by the check after deliver() returned also gave `Poll::Pending`: the pickup \
                     did not give the parcel at all. Possible causes: `poll` does not find the parcel \
                     deliver() put in, or deliver() woke the customer before it stored the parcel and the \
                     parcel went somewhere `poll` does not look."
                ));
            }
            run.fail(format!(
                "deliver() woke the customer before the parcel was in the locker. The check's waker, \
                 when woken, has the customer poll the pickup at that moment from another thread, as a \
                 task on another worker of a multi-thread runtime can: that poll returned \
                 `Poll::Pending`, and a poll after deliver() had returned found the parcel. {after}\n\
                 On one thread this never shows: the woken task waits for its turn, and by then deliver() \
                 has finished. On several threads, the customer can run the instant it is woken. So put \
                 the parcel in first, and wake after: in deliver(), store the parcel and take the waker \
                 under one lock, drop the lock, then call `waker.wake()`."
            ));
        }
    }
}

/// The body of `fn poll` in the learner's `impl Future for Pickup`, if the source has one.
fn pickup_poll(src: &Source) -> Option<std::ops::Range<usize>> {
    src.functions().iter().find(|f| f.name == "poll" && f.impl_for.as_deref() == Some("Pickup")).map(|f| f.body.clone())
}

/// Where the parcel is named in `poll` (an identifier with `parcel` in it), or looked at
/// under another name (see [`parcel_looks`]), in source order.
fn parcel_uses(src: &Source, poll: &std::ops::Range<usize>) -> Vec<usize> {
    let named = src.idents(poll.clone()).filter(|(_, word)| word.contains("parcel")).map(|(at, _)| at);
    let mut uses: Vec<usize> = named.chain(parcel_looks(src, poll)).collect();
    uses.sort_unstable();
    uses.dedup();
    uses
}

/// Where `poll` looks into a compartment whatever its name: `.take()`, `.is_some()`,
/// `.is_none()`, on a line that is not about the waker (`slot.lock().unwrap().take()`).
fn parcel_looks(src: &Source, poll: &std::ops::Range<usize>) -> Vec<usize> {
    src.sites_in(poll.clone())
        .filter(|s| ["take", "is_some", "is_none"].iter().any(|m| s.is_method(m, Some(0))))
        .filter(|s| {
            let line = src.line(s.at).1;
            !line.contains("wake") && !line.contains("wait")
        })
        .map(|s| s.at)
        .collect()
}

/// In a `poll` body: the parcel looked at under one `.lock()`, and the waker kept after
/// a later `.lock()` with no second look at the parcel in between. Returns the two
/// lines, trimmed.
fn look_then_register_apart(src: &Source, poll: &std::ops::Range<usize>) -> Option<(String, String)> {
    let sites: Vec<&Site> = src.sites_in(poll.clone()).collect();
    let locks: Vec<usize> = sites.iter().filter(|s| s.is_method("lock", Some(0))).map(|s| s.at).collect();
    let waker = sites.iter().find(|s| s.is_method("waker", Some(0)))?.at;
    let parcel_uses = parcel_uses(src, poll);
    // The last lock taken before the waker is kept, and the first look at the parcel.
    let second = *locks.iter().rev().find(|&&l| l < waker)?;
    let look = *parcel_uses.first()?;
    // A look again under the lock that keeps the waker, before it or after it, closes the gap.
    let again =
        parcel_uses.iter().any(|&at| second < at && at < waker) || parcel_looks(src, poll).iter().any(|&at| at > waker);
    let apart = locks.len() >= 2 && look < second && !again;
    let line = |at: usize| src.line(at).1.to_string();
    apart.then(|| (line(look), line(second)))
}

/// In a `poll` body: the parcel looked at, then the waker handed to a `register(..)`
/// (an `AtomicWaker`), and no look at the parcel after that. Returns the two lines.
fn look_then_register_atomic(src: &Source, poll: &std::ops::Range<usize>) -> Option<(String, String)> {
    let register = src.sites_in(poll.clone()).find(|s| s.method() == Some("register"))?.at;
    let parcel_uses = parcel_uses(src, poll);
    let look = *parcel_uses.first()?;
    let apart = look < register && !parcel_uses.iter().any(|&at| at > register);
    let line = |at: usize| src.line(at).1.to_string();
    apart.then(|| (line(look), line(register)))
}

workbook::checks! {
    fn both_parcels_arrive_in_one_second() {
        // Books and shoes both take 1 s: joined, 1 s, not 2 s.
        let run = workbook::run(watch(join2(delivery("books", secs(1)), delivery("shoes", secs(1)))));
        judge_join(&run, trip(&run, "books", secs(1)), trip(&run, "shoes", secs(1)));
        assert_trace!(run, "both_parcels_arrive_in_one_second");
    }

    fn faster_second_parcel_keeps_its_place() {
        // Books take 2 s, shoes 1 s: shoes come first, but Join2 gives ("books", "shoes"),
        // and doesn't poll shoes again once they are in.
        let run = workbook::run(watch(join2(delivery("books", secs(2)), delivery("shoes", secs(1)))));
        judge_join(&run, trip(&run, "books", secs(2)), trip(&run, "shoes", secs(1)));
        assert_trace!(run, "faster_second_parcel_keeps_its_place");
    }

    fn finished_first_parcel_is_left_alone() {
        // Books take 1 s, shoes 1.5 s: books must not be polled again after 1 s.
        let run = workbook::run(watch(join2(delivery("books", secs(1)), delivery("shoes", millis(1500)))));
        judge_join(&run, trip(&run, "books", secs(1)), trip(&run, "shoes", millis(1500)));
        assert_trace!(run, "finished_first_parcel_is_left_alone");
    }

    fn customer_is_woken_by_the_delivery() {
        // The customer waits from 0 s; the courier delivers books at 1 s.
        let run = workbook::run(async {
            let (courier, pickup) = locker();
            let probe = Probe::new(pickup, "the customer");
            let seen = Arc::clone(&probe.seen);
            let courier = tokio::spawn(courier_after(secs(1), probe.deliverer(), courier, "books"));
            let watched = watch(probe).await;
            let deliver_panicked = if courier.is_finished() { courier.await.ok().flatten() } else { None };
            PickupRun { watched, seen: lock(&seen).clone(), deliver_panicked }
        });
        judge_pickup(&run, secs(1));
        assert_trace!(run, "customer_is_woken_by_the_delivery");
    }

    fn parcel_already_in_the_locker() {
        // The courier delivers at 0 s, before anyone waits; the customer comes at 1 s.
        let run = workbook::run(async {
            let (courier, pickup) = locker();
            let probe = Probe::new(pickup, "the customer");
            let seen = Arc::clone(&probe.seen);
            let deliver_panicked = probe.deliverer().deliver(courier, "books", "delivers books");
            tokio::time::sleep(secs(1)).await;
            let mut watched = watch(probe).await;
            watched.at += secs(1);
            PickupRun { watched, seen: lock(&seen).clone(), deliver_panicked }
        });
        judge_pickup(&run, secs(1));
        assert_trace!(run, "parcel_already_in_the_locker");
    }

    fn latest_waker_is_the_one_woken() {
        // The front desk polls the pickup once, then hands it to the customer, who waits
        // in a task of their own. The courier delivers at 1 s.
        let run = workbook::run(async {
            let (courier, pickup) = locker();
            let mut probe = Probe::new(pickup, "the front desk");
            let seen = Arc::clone(&probe.seen);
            let courier = tokio::spawn(courier_after(secs(1), probe.deliverer(), courier, "books"));
            let at_the_desk = poll_fn(|cx| Poll::Ready(Pin::new(&mut probe).poll(cx))).await;
            let watched = match at_the_desk {
                Poll::Ready(parcel) => Watched { ending: Ending::Ready(parcel), at: Duration::ZERO, polls: 1 },
                Poll::Pending => {
                    probe.by = "the customer";
                    let mut customer = tokio::spawn(probe);
                    let watched = watch(&mut customer).await;
                    if !matches!(watched.ending, Ending::Ready(_)) {
                        // A customer still waiting is sent home: cancelled, and the trace says so.
                        customer.abort();
                        let _ = customer.await;
                    }
                    let ending = match watched.ending {
                        Ending::Ready(Ok(parcel)) => Ending::Ready(parcel),
                        Ending::Ready(Err(error)) => std::panic::resume_unwind(error.into_panic()),
                        Ending::Spinning => Ending::Spinning,
                        Ending::Stuck => Ending::Stuck,
                    };
                    Watched { ending, at: watched.at, polls: watched.polls }
                }
            };
            let deliver_panicked = if courier.is_finished() { courier.await.ok().flatten() } else { None };
            PickupRun { watched, seen: lock(&seen).clone(), deliver_panicked }
        });
        judge_pickup(&run, secs(1));
        assert_trace!(run, "latest_waker_is_the_one_woken");
    }

    fn courier_on_another_thread() {
        // The courier is a plain thread (tokio's blocking pool), like the callback-based
        // code an `asyncio.Future` is made for. It delivers as soon as the pickup has
        // said Pending, so the waker must wake the customer's task from that thread.
        let run = workbook::run(async {
            let (courier, pickup) = locker();
            let (go, go_signal) = mpsc::channel();
            let (done, delivered) = mpsc::channel();
            let mut probe = Probe::new(pickup, "the customer");
            probe.handoff = Some(Handoff { go, delivered });
            let seen = Arc::clone(&probe.seen);
            let deliverer = probe.deliverer();
            let thread = tokio::task::spawn_blocking(move || {
                if go_signal.recv_timeout(Duration::from_secs(2)).is_err() {
                    return None;
                }
                let panicked = deliverer.deliver(courier, "books", "delivers books from its own thread");
                let _ = done.send(());
                panicked
            });
            let watched = watch(probe).await;
            let deliver_panicked = thread.await.ok().flatten();
            PickupRun { watched, seen: lock(&seen).clone(), deliver_panicked }
        });
        judge_pickup(&run, Duration::ZERO);
    }

    fn deliver_stores_before_it_wakes() {
        // The customer's task runs on another thread, and polls the instant it is woken.
        let run = workbook::run(async { tokio::task::spawn_blocking(poll_at_the_wake_up).await.expect("no panic") });
        judge_poll_at_the_wake_up(&run);
    }

    fn poll_looks_and_registers_under_one_lock() {
        // Read from the source: a race between two `lock()`s can't be made to strike on
        // one thread. The pickup must work first (the other checks), then this.
        let Some(source) = Source::parse(include_str!("../src/hand_written.rs")) else { return };
        let Some(poll) = pickup_poll(&source) else { return };
        if let Some((look, keep)) = look_then_register_apart(&source, &poll) {
            workbook::fail(format!(
                "In `Pickup::poll` (src/hand_written.rs), the parcel is looked at under one lock:\n    {look}\n\
                 and the waker is kept only after another lock is taken:\n    {keep}\n\
                 with no second look at the parcel in between. Between the two, the lock is free: a courier \
                 on another thread can put the parcel in and wake the waker stored so far (none, or an old \
                 one), and only then does this poll keep its waker and return `Poll::Pending`. Nobody wakes \
                 it again: a lost wake-up. On the checks' single thread the courier never runs in that gap, \
                 so the other checks can't show it.\n\
                 Look and keep the waker under one lock (one `let mut locker = self.locker.lock().unwrap();` \
                 for both), or keep the waker first and look after, or look again once the waker is kept."
            ));
        }
        if let Some((look, keep)) = look_then_register_atomic(&source, &poll) {
            workbook::fail(format!(
                "In `Pickup::poll` (src/hand_written.rs), the parcel is looked at first:\n    {look}\n\
                 and the waker is registered after:\n    {keep}\n\
                 with no look at the parcel after it is registered. Between the two, a courier on another \
                 thread can put the parcel in and wake whoever is registered (nobody yet, or an old waker), \
                 and only then does this poll register its waker and return `Poll::Pending`. Nobody wakes \
                 it again: a lost wake-up. On the checks' single thread the courier never runs in that gap, \
                 so the other checks can't show it.\n\
                 Register first, then look (what `AtomicWaker`'s documentation does): a delivery after the \
                 registration finds the new waker, and one before it is seen by the look."
            ));
        }
    }
}
