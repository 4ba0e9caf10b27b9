//! # 20 · a future by hand: `poll`, `Pin` and the `Waker`
//!
//! Python's `asyncio.Future` is the low-level awaitable: a box that some other code
//! fills with `fut.set_result(value)` while a coroutine waits in `await fut`. In Rust,
//! anything you can `.await` implements the `Future` trait, and you can implement it
//! yourself. It has one method, `poll`, which answers `Poll::Ready(value)` or
//! `Poll::Pending`. A future that answers `Pending` must also arrange to be woken
//! when it can make progress. Nothing else will poll it again.
//!
//! Two futures to write:
//! 1. `Join2`, a hand-written `tokio::join!` of two futures: both run at once, and you
//!    get both outputs, in order.
//! 2. `Pickup`, a parcel locker that works like `asyncio.Future`. The courier calls
//!    `deliver(parcel)`; the customer awaits the `Pickup` and gets the parcel.
//!
//! Reference solution.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// Two futures run together, like `tokio::join!(first, second)`. Its output is both
/// outputs, `first`'s first, however the two finish.
pub struct Join2<A: Future, B: Future> {
    first: Pin<Box<A>>,
    second: Pin<Box<B>>,
    first_output: Option<A::Output>,
    second_output: Option<B::Output>,
}

// Each future is pinned in a box of its own, and the outputs are plain values that are
// never pinned, so a `Join2` may move freely. This line says so, and it lets `poll`
// below reach the fields with `&mut *self`.
impl<A: Future, B: Future> Unpin for Join2<A, B> {}

/// Joins `first` and `second`: awaiting the result runs both at once.
pub fn join2<A: Future, B: Future>(first: A, second: B) -> Join2<A, B> {
    Join2 { first: Box::pin(first), second: Box::pin(second), first_output: None, second_output: None }
}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        poll_side(this.first.as_mut(), &mut this.first_output, cx);
        poll_side(this.second.as_mut(), &mut this.second_output, cx);
        if this.first_output.is_some() && this.second_output.is_some() {
            let first = this.first_output.take().expect("checked above");
            let second = this.second_output.take().expect("checked above");
            return Poll::Ready((first, second));
        }
        // Whichever future is still pending has arranged its own wake-up through cx.
        Poll::Pending
    }
}

/// Polls one side of a join and keeps its output when it comes, but only while that
/// output is still to come: a future that has returned Ready is finished, and must not
/// be polled again.
fn poll_side<F: Future>(future: Pin<&mut F>, output: &mut Option<F::Output>, cx: &mut Context<'_>) {
    if output.is_none()
        && let Poll::Ready(value) = future.poll(cx)
    {
        *output = Some(value);
    }
}

impl<A: Future, B: Future> fmt::Debug for Join2<A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join2")
            .field("first_done", &self.first_output.is_some())
            .field("second_done", &self.second_output.is_some())
            .finish()
    }
}

/// What the courier and the customer share: one compartment of the locker.
#[derive(Debug)]
struct Locker<T> {
    parcel: Option<T>,
    /// The waker of the customer's latest poll, if they are waiting.
    waiting: Option<Waker>,
}

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    locker: Arc<Mutex<Locker<T>>>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    locker: Arc<Mutex<Locker<T>>>,
}

/// A new, empty locker compartment, like `loop.create_future()`: a `Courier` to
/// deliver the parcel, and a `Pickup` to await it.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Mutex::new(Locker { parcel: None, waiting: None }));
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        let waiting = {
            let mut locker = self.locker.lock().unwrap();
            locker.parcel = Some(parcel);
            locker.waiting.take()
        };
        // Wake the customer, if they are waiting (outside the lock: their task may run
        // on another thread and poll at once).
        if let Some(waker) = waiting {
            waker.wake();
        }
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        if let Some(parcel) = locker.parcel.take() {
            return Poll::Ready(parcel);
        }
        // Not there yet: leave the waker for the courier, under the same lock.
        keep_waker(&mut locker.waiting, cx.waker());
        Poll::Pending
    }
}

/// Keeps the waker of the latest poll in `slot`, for `deliver` to wake: the future may
/// have moved to another task since the last poll. `will_wake` saves the clone when it
/// is the same task's.
fn keep_waker(slot: &mut Option<Waker>, waker: &Waker) {
    match slot {
        Some(kept) if kept.will_wake(waker) => {}
        _ => *slot = Some(waker.clone()),
    }
}
