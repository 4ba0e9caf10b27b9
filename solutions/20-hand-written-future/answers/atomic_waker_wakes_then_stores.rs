//! grader: expect fail deliver_stores_before_it_wakes "deliver() woke the customer before the parcel was in the locker"
//! The pickup keeps its waker in a `futures::task::AtomicWaker`, but deliver() wakes it
//! first and puts the parcel in after: a customer polled at once finds nothing.
//! grader: based on unpin_bounds_atomic_waker

impl<T> Courier<T> {
    /// Wakes the customer if one is registered, and puts the parcel in the locker.
    pub fn deliver(self, parcel: T) {
        self.locker.customer.wake();
        *self.locker.parcel.lock().unwrap() = Some(parcel);
    }
}
