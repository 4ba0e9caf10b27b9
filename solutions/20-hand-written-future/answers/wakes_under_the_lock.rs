//! grader: expect pass
//! Another correct answer: deliver() stores the parcel and wakes the customer while it
//! still holds the lock (the woken task can only look once the lock is let go), and
//! poll() replaces the stored waker on every Pending, without `will_wake`.
//! grader: replaces items

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        let mut locker = self.locker.lock().unwrap();
        locker.parcel = Some(parcel);
        if let Some(waker) = locker.waiting.take() {
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
        // Keep the waker of this poll: the future may have moved to another task since
        // the last one. `will_wake` saves the clone when it is the same task's.
        locker.waiting = Some(cx.waker().clone());
        Poll::Pending
    }
}
