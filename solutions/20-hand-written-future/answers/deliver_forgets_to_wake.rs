//! grader: expect fail customer_is_woken_by_the_delivery "nobody woke the customer's task"
//! grader: expect fail latest_waker_is_the_one_woken "nobody woke the customer's task"
//! grader: expect fail courier_on_another_thread "nobody woke the customer's task"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! poll() keeps the waker, but deliver() only stores the parcel and wakes nobody.
//! grader: replaces items

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        // Stores the parcel, but never uses the waker that poll() kept.
        let mut locker = self.locker.lock().unwrap();
        locker.parcel = Some(parcel);
    }
}
