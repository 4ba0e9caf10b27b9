//! grader: expect fail poll_looks_and_registers_under_one_lock "the waker is kept only after another lock is taken"
//! The parcel and the waker each behind a `Mutex` of their own; poll() looks for the
//! parcel first and keeps the waker after, under the other lock.
//! grader: based on unpin_bounds_atomic_waker

/// What the courier and the customer share: one compartment of the locker.
#[derive(Debug)]
struct Locker<T> {
    parcel: Mutex<Option<T>>,
    /// The waker of the customer's latest poll, if they are waiting.
    waiting: Mutex<Option<Waker>>,
}

/// A new, empty locker compartment, like `loop.create_future()`: a `Courier` to
/// deliver the parcel, and a `Pickup` to await it.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Locker { parcel: Mutex::new(None), waiting: Mutex::new(None) });
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        *self.locker.parcel.lock().unwrap() = Some(parcel);
        let waiting = self.locker.waiting.lock().unwrap().take();
        if let Some(waker) = waiting {
            waker.wake();
        }
    }
}

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(parcel) = self.locker.parcel.lock().unwrap().take() {
            return Poll::Ready(parcel);
        }
        *self.locker.waiting.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}
