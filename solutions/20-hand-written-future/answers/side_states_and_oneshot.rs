//! grader: expect pass
//! Another correct answer: Join2 keeps each side in a state machine of its own
//! (running, done with its output, taken), and the pickup is a
//! `tokio::sync::oneshot` receiver that it polls with the same `cx`: a future that
//! hands `cx` to another future lets that one arrange the wake-up.
//! grader: replaces items

use tokio::sync::oneshot;

/// One side of a join: still running, done (with its output), or emptied.
enum Side<F: Future> {
    Running(Pin<Box<F>>),
    Done(F::Output),
    Taken,
}

impl<F: Future> Side<F> {
    /// Polls the future if it is still running; true once the output is in.
    fn poll_done(&mut self, cx: &mut Context<'_>) -> bool {
        if let Side::Running(future) = self
            && let Poll::Ready(output) = future.as_mut().poll(cx)
        {
            *self = Side::Done(output);
        }
        matches!(self, Side::Done(_))
    }

    fn take(&mut self) -> F::Output {
        match std::mem::replace(self, Side::Taken) {
            Side::Done(output) => output,
            _ => unreachable!("taken only when done"),
        }
    }
}

/// Two futures run together, like `tokio::join!(first, second)`.
pub struct Join2<A: Future, B: Future> {
    first: Side<A>,
    second: Side<B>,
}

/// Joins `first` and `second`: awaiting the result runs both at once.
pub fn join2<A: Future, B: Future>(first: A, second: B) -> Join2<A, B> {
    Join2 { first: Side::Running(Box::pin(first)), second: Side::Running(Box::pin(second)) }
}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Both sides are polled (no `&&` short-circuit), each only while running.
        let first_done = this.first.poll_done(cx);
        let second_done = this.second.poll_done(cx);
        if first_done && second_done { Poll::Ready((this.first.take(), this.second.take())) } else { Poll::Pending }
    }
}

impl<A: Future, B: Future> fmt::Debug for Join2<A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join2")
            .field("first_done", &!matches!(self.first, Side::Running(_)))
            .field("second_done", &!matches!(self.second, Side::Running(_)))
            .finish()
    }
}

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    sender: oneshot::Sender<T>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    receiver: oneshot::Receiver<T>,
}

/// A new, empty locker compartment.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let (sender, receiver) = oneshot::channel();
    (Courier { sender }, Pickup { receiver })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker; the channel wakes the customer.
    pub fn deliver(self, parcel: T) {
        // An error means the customer has gone home (the Pickup was dropped).
        let _ = self.sender.send(parcel);
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // The receiver keeps `cx`'s waker itself, and the send wakes it.
        match Pin::new(&mut self.receiver).poll(cx) {
            Poll::Ready(Ok(parcel)) => Poll::Ready(parcel),
            Poll::Ready(Err(_)) => panic!("the courier left without delivering"),
            Poll::Pending => Poll::Pending,
        }
    }
}
