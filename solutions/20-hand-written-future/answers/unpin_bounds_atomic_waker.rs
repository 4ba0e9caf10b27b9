//! grader: expect pass
//! Another correct answer: Join2 asks for `Unpin` futures and keeps them unboxed
//! (`Pin::new(&mut future).poll(cx)`), and the pickup keeps its waker in a
//! `futures::task::AtomicWaker`, next to the parcel behind a `Mutex`.
//! grader: replaces items

use futures::task::AtomicWaker;

/// Two futures run together, like `tokio::join!(first, second)`.
pub struct Join2<A: Future, B: Future> {
    first: A,
    second: B,
    first_output: Option<A::Output>,
    second_output: Option<B::Output>,
}

// The futures are `Unpin`, and the outputs are never pinned.
impl<A: Future + Unpin, B: Future + Unpin> Unpin for Join2<A, B> {}

/// Joins two futures that may move while pending (`Unpin`): awaiting runs both at once.
pub fn join2<A: Future + Unpin, B: Future + Unpin>(first: A, second: B) -> Join2<A, B> {
    Join2 { first, second, first_output: None, second_output: None }
}

impl<A: Future + Unpin, B: Future + Unpin> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.first_output.is_none()
            && let Poll::Ready(output) = Pin::new(&mut this.first).poll(cx)
        {
            this.first_output = Some(output);
        }
        if this.second_output.is_none()
            && let Poll::Ready(output) = Pin::new(&mut this.second).poll(cx)
        {
            this.second_output = Some(output);
        }
        match (this.first_output.take(), this.second_output.take()) {
            (Some(first), Some(second)) => Poll::Ready((first, second)),
            (first, second) => {
                // Put back whatever came, for a later poll.
                this.first_output = first;
                this.second_output = second;
                Poll::Pending
            }
        }
    }
}

/// What the courier and the customer share.
#[derive(Debug)]
struct Locker<T> {
    parcel: Mutex<Option<T>>,
    /// Keeps the latest waker registered; `wake()` takes it out and wakes it.
    customer: AtomicWaker,
}

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    locker: Arc<Locker<T>>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    locker: Arc<Locker<T>>,
}

/// A new, empty locker compartment.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Locker { parcel: Mutex::new(None), customer: AtomicWaker::new() });
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, then wakes the customer if one is registered.
    pub fn deliver(self, parcel: T) {
        *self.locker.parcel.lock().unwrap() = Some(parcel);
        self.locker.customer.wake();
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Register first, then look: a delivery between the two still finds a waker.
        self.locker.customer.register(cx.waker());
        match self.locker.parcel.lock().unwrap().take() {
            Some(parcel) => Poll::Ready(parcel),
            None => Poll::Pending,
        }
    }
}
