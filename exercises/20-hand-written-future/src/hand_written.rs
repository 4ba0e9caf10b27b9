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
//! Run `grader check 20` to see how your futures ran. The chapter is
//! `docs/src/20-hand-written-future.md`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

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
        // TODO: `second` is polled for the first time only once `first` is done, so
        //       the two waits add up. Both futures must make progress together, however
        //       the two finish, and the output comes the moment the later one is done.
        //       A future that has returned Ready must never be polled again.
        if this.first_output.is_none() {
            match this.first.as_mut().poll(cx) {
                Poll::Ready(output) => this.first_output = Some(output),
                Poll::Pending => return Poll::Pending,
            }
        }
        match this.second.as_mut().poll(cx) {
            Poll::Ready(second) => {
                let first = this.first_output.take().expect("`first` is done");
                Poll::Ready((first, second))
            }
            Poll::Pending => Poll::Pending,
        }
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
    // TODO: what `deliver` needs to reach a customer who is already waiting.
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
    let locker = Arc::new(Mutex::new(Locker { parcel: None }));
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        let mut locker = self.locker.lock().unwrap();
        locker.parcel = Some(parcel);
        // TODO: if the customer is waiting, nobody tells them: they must be woken now.
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        match locker.parcel.take() {
            Some(parcel) => Poll::Ready(parcel),
            // TODO: Pending, and then what? The runtime polls this future again only
            //       when something wakes its task, and nothing will. Mind that the
            //       `Pickup` may have moved to another task since its last poll: the task
            //       to wake is the one that polled it last.
            None => Poll::Pending,
        }
    }
}
