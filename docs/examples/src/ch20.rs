//! Chapter 20 · A future by hand: `poll`, `Pin` and the `Waker`.
//!
//! The code the chapter shows, and tests that prove what it says.
//!
//! The chapter writes two futures of its own that are not the exercise's: a race of two
//! futures (a hand-written `select!`), and a doorbell, the `asyncio.Event` of one guest.
//! The exercise's join and parcel locker are drawn from the reference solution's traces.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use workbook::secs;
use workbook::trace::{Span, note};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch20::one_after_the_other", || Picture::of(one_after_the_other())),
    ("ch20::race", || Picture::of(race_books_and_shoes())),
    ("ch20::doorbell", || Picture::of(guest_at_the_door(false))),
    ("ch20::never_woken", || Picture::of(guest_at_the_door(true))),
];

/// How `std` defines the trait and its answer (here under a module of their own, so
/// that they compile beside the real ones).
pub mod as_in_std {
    use std::pin::Pin;
    use std::task::Context;

    // ANCHOR: future_trait
    pub trait Future {
        type Output;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>;
    }

    pub enum Poll<T> {
        Ready(T),
        Pending,
    }
    // ANCHOR_END: future_trait

    impl<T> std::fmt::Debug for Poll<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(if matches!(self, Poll::Ready(_)) { "Ready(..)" } else { "Pending" })
        }
    }
}

/// A parcel on its way: traced as `▶ on its way` at its first poll and `■ delivered`
/// after `takes`; `✗ dropped` if it is dropped before.
pub async fn delivery(parcel: &'static str, takes: Duration) -> &'static str {
    let trip = Span::begin(parcel, "on its way");
    tokio::time::sleep(takes).await;
    trip.end("delivered");
    parcel
}

/// Awaiting one future after the other: the second sets off when the first is in.
pub async fn one_after_the_other() -> (&'static str, &'static str) {
    // ANCHOR: one_after_the_other
    let books = delivery("books", secs(1)).await;
    let shoes = delivery("shoes", secs(1)).await; // polled for the first time at 1 s
    // ANCHOR_END: one_after_the_other
    (books, shoes)
}

// ANCHOR: race
/// Whichever of two futures finishes first, like `tokio::select!`; the other is dropped.
pub struct Race<A, B> {
    first: Pin<Box<A>>,
    second: Pin<Box<B>>,
}

/// Which future won the race, with its output.
#[derive(Debug, PartialEq, Eq)]
pub enum Winner<A, B> {
    First(A),
    Second(B),
}

pub fn race<A: Future, B: Future>(first: A, second: B) -> Race<A, B> {
    Race { first: Box::pin(first), second: Box::pin(second) }
}

impl<A: Future, B: Future> Future for Race<A, B> {
    type Output = Winner<A::Output, B::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Poll both, every time, with the same `cx`: a pending one keeps its waker.
        if let Poll::Ready(output) = self.first.as_mut().poll(cx) {
            return Poll::Ready(Winner::First(output));
        }
        if let Poll::Ready(output) = self.second.as_mut().poll(cx) {
            return Poll::Ready(Winner::Second(output));
        }
        Poll::Pending // both will wake this task when they can go on
    }
}
// ANCHOR_END: race

impl<A, B> std::fmt::Debug for Race<A, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Race")
    }
}

/// books take 2 s, shoes 1 s: shoes win at 1 s, and books, dropped, never arrive.
pub async fn race_books_and_shoes() -> Winner<&'static str, &'static str> {
    // ANCHOR: race_use
    let winner = race(delivery("books", secs(2)), delivery("shoes", secs(1))).await;
    // `winner` is Winner::Second("shoes"), at 1 s; the books were dropped with the race.
    // ANCHOR_END: race_use
    winner
}

// ANCHOR: doorbell
/// What the button and the guest share.
struct Bell {
    rung: bool,
    waiting: Option<Waker>, // the waker of the guest's latest poll
}

/// Rings the bell, from any task or thread.
#[derive(Clone)]
pub struct Button {
    bell: Arc<Mutex<Bell>>,
}

/// Waits until the bell has rung: a future.
pub struct Ring {
    bell: Arc<Mutex<Bell>>,
}

pub fn doorbell() -> (Button, Ring) {
    let bell = Arc::new(Mutex::new(Bell { rung: false, waiting: None }));
    (Button { bell: Arc::clone(&bell) }, Ring { bell })
}

impl Future for Ring {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut bell = self.bell.lock().unwrap();
        if bell.rung {
            return Poll::Ready(()); // rung before the guest came: no waiting at all
        }
        bell.waiting = Some(cx.waker().clone()); // the promise: this is who to wake
        Poll::Pending
    }
}

impl Button {
    pub fn press(&self) {
        let waiting = {
            let mut bell = self.bell.lock().unwrap();
            bell.rung = true; // first what the guest waits for...
            bell.waiting.take()
        }; // ...the lock released...
        if let Some(waker) = waiting {
            waker.wake(); // ...then the wake-up, if a guest waits
        }
    }
}
// ANCHOR_END: doorbell

impl std::fmt::Debug for Button {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Button")
    }
}

impl std::fmt::Debug for Ring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ring")
    }
}

/// A ring that forgets its promise: `Pending`, and nothing arranged to wake the guest.
pub struct DeafRing {
    bell: Arc<Mutex<Bell>>,
}

impl std::fmt::Debug for DeafRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeafRing")
    }
}

impl Future for DeafRing {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        // ANCHOR: deaf
        if self.bell.lock().unwrap().rung { Poll::Ready(()) } else { Poll::Pending } // and nobody will wake us
        // ANCHOR_END: deaf
    }
}

/// The guest's waker, wrapped so that the trace shows when it is woken.
struct Noted {
    inner: Waker,
}

impl Wake for Noted {
    fn wake(self: Arc<Self>) {
        note("guest", "woken");
        self.inner.wake_by_ref();
    }
}

/// Polls `future` like `.await` does, and notes each poll and each wake-up of the task.
async fn watched<F: Future>(future: F) -> F::Output {
    let mut future = Box::pin(future);
    std::future::poll_fn(|cx| {
        let waker = Waker::from(Arc::new(Noted { inner: cx.waker().clone() }));
        let answer = future.as_mut().poll(&mut Context::from_waker(&waker));
        note("guest", if answer.is_ready() { "polled: ready" } else { "polled: pending" });
        answer
    })
    .await
}

/// Someone presses `button` at `at`, in a task of their own: a note `button • pressed`.
fn press_at(button: Button, at: Duration) {
    tokio::spawn(async move {
        tokio::time::sleep(at).await;
        note("button", "pressed");
        button.press();
    });
}

/// A guest waits at the door, for at most 10 s; someone presses the button at 1 s.
/// With `deaf`, the ring forgets to keep the waker. Gives back whether the guest got in.
pub async fn guest_at_the_door(deaf: bool) -> bool {
    let (button, ring) = doorbell();
    press_at(button, secs(1));
    let waiting = Span::begin("guest", "waits at the door");
    let door = async {
        if deaf {
            watched(DeafRing { bell: ring.bell }).await;
        } else {
            watched(ring).await;
        }
    };
    tokio::select! {
        biased;
        () = tokio::time::sleep(secs(10)) => false, // `waiting` is dropped: ✗
        () = door => {
            waiting.end("comes in");
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_panics, assert_times};
    use workbook::{millis, run};

    #[test]
    fn awaiting_one_after_the_other_adds_the_waits_up() {
        assert_times(&run(one_after_the_other()), secs(2), &[("shoes", "on its way", secs(1))]);
    }

    #[test]
    fn the_race_polls_both_and_drops_the_loser() {
        let run = run(race_books_and_shoes());
        assert_eq!(run.value, Winner::Second("shoes"));
        assert_eq!(run.virtual_elapsed, secs(1));
        assert_eq!(run.trace.find("books", "on its way").unwrap().at, secs(0), "both set off at the first poll");
        assert_eq!(run.trace.find("books", "dropped").unwrap().at, secs(1));
        assert!(run.trace.find("books", "delivered").is_none());
    }

    #[test]
    fn the_doorbell_wakes_the_guest_who_waits() {
        let run = run(guest_at_the_door(false));
        assert!(run.value);
        let events: Vec<(Duration, &str)> =
            run.trace.of("guest").map(|e| (e.at, e.what.as_str())).filter(|(_, w)| *w != "waits at the door").collect();
        assert_eq!(
            events,
            [(secs(0), "polled: pending"), (secs(1), "woken"), (secs(1), "polled: ready"), (secs(1), "comes in")]
        );
    }

    #[test]
    fn a_ring_rung_before_the_guest_comes_is_ready_at_the_first_poll() {
        let run = run(async {
            let (button, ring) = doorbell();
            button.press();
            watched(ring).await;
        });
        let polls: Vec<&str> = run.trace.of("guest").map(|e| e.what.as_str()).collect();
        assert_eq!(polls, ["polled: ready"]);
    }

    #[test]
    fn a_pending_without_a_wake_up_hangs_even_after_the_bell_rang() {
        let run = run(guest_at_the_door(true));
        assert!(!run.value, "the guest never got in");
        assert_eq!(run.trace.find("guest", "dropped").unwrap().at, secs(10));
        // Polled once, at 0 s: the press at 1 s woke nobody.
        assert_eq!(run.trace.of("guest").filter(|e| e.what.starts_with("polled")).count(), 1);
    }

    #[test]
    fn a_forgotten_wake_up_can_hide_behind_another_one() {
        // `timeout` polls its future once more when its own timer wakes the task: the deaf
        // ring then finds the bell rung, and the bug looks like a slow doorbell.
        let run = run(async {
            let (button, ring) = doorbell();
            press_at(button, secs(1));
            tokio::time::timeout(secs(10), DeafRing { bell: ring.bell }).await.is_ok()
        });
        assert!(run.value);
        assert_eq!(run.virtual_elapsed, secs(10));
    }

    #[test]
    fn the_latest_waker_is_the_one_woken() {
        let run = run(async {
            let (button, mut ring) = doorbell();
            // The front desk polls the ring once, in this task...
            let first = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut ring).poll(cx))).await;
            assert!(first.is_pending());
            // ...then hands it to a guest who waits in a task of their own.
            let guest = tokio::spawn(watched(ring));
            tokio::time::sleep(secs(1)).await;
            note("button", "pressed");
            button.press();
            guest.await.unwrap();
        });
        assert_eq!(run.trace.find("guest", "woken").unwrap().at, secs(1));
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn a_future_that_wakes_itself_spins_and_the_paused_clock_never_moves() {
        let run = run(async {
            let (button, ring) = doorbell();
            press_at(button, millis(500));
            let mut polls = 0;
            std::future::poll_fn(|cx| {
                polls += 1;
                if ring.bell.lock().unwrap().rung || polls == 1000 {
                    return Poll::Ready(());
                }
                cx.waker().wake_by_ref(); // "poll me again": a busy loop
                Poll::Pending
            })
            .await;
            (polls, ring.bell.lock().unwrap().rung)
        });
        assert_eq!(run.value, (1000, false), "1000 polls, and the press at 0.5 s never came");
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn an_async_block_panics_when_polled_after_it_finished() {
        let mut parcel = Box::pin(async { "books" });
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(parcel.as_mut().poll(&mut cx), Poll::Ready("books"));
        assert_panics(|| parcel.as_mut().poll(&mut cx), "resumed after completion");
    }

    #[test]
    fn a_boxed_async_block_can_be_polled_by_hand() {
        // ANCHOR: box_pin
        let mut parcel = Box::pin(async { "books" }); // or std::pin::pin!(..), on the stack
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(parcel.as_mut().poll(&mut cx), Poll::Ready("books"));
        // ANCHOR_END: box_pin
    }

    #[test]
    fn wake_works_from_another_thread() {
        let run = run(async {
            let (button, mut ring) = doorbell();
            let (go, wait) = std::sync::mpsc::channel();
            // A thread of tokio's blocking pool presses the button once the guest waits.
            let presser = tokio::task::spawn_blocking(move || {
                wait.recv().unwrap();
                button.press();
                std::thread::current().id()
            });
            let mut go = Some(go);
            std::future::poll_fn(|cx| {
                let answer = Pin::new(&mut ring).poll(cx);
                if answer.is_pending()
                    && let Some(go) = go.take()
                {
                    go.send(()).unwrap();
                }
                answer
            })
            .await;
            presser.await.unwrap() != std::thread::current().id()
        });
        assert!(run.value, "pressed on another thread");
    }
}
