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

/// Keeps the waker of this poll, a clone every time, without `will_wake`.
fn keep_waker(slot: &mut Option<Waker>, waker: &Waker) {
    *slot = Some(waker.clone());
}
