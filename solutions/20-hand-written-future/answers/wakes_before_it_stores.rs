//! grader: expect fail deliver_stores_before_it_wakes "deliver() woke the customer before the parcel was in the locker"
//! deliver() takes the waker and wakes the customer first, then puts the parcel in under
//! a second lock: a customer polled at once on another thread finds the locker empty.
//! grader: replaces items

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        // Tell the customer first, then put the parcel in.
        let waiting = self.locker.lock().unwrap().waiting.take();
        if let Some(waker) = waiting {
            waker.wake();
        }
        self.locker.lock().unwrap().parcel = Some(parcel);
    }
}
