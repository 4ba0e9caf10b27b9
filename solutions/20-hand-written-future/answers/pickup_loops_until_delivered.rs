//! grader: expect fail customer_is_woken_by_the_delivery "kept running code inside one poll"
//! grader: expect fail latest_waker_is_the_one_woken "kept running code inside one poll"
//! grader: expect fail courier_on_another_thread "kept running code inside one poll"
//! grader: expect fail deliver_stores_before_it_wakes "`poll` must return at once"
//! `Pickup::poll` loops until the parcel is there instead of returning `Pending`: the
//! courier, a task on the same thread, never gets a turn.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Wait here until the courier has been.
        loop {
            let mut locker = self.locker.lock().unwrap();
            if let Some(parcel) = locker.parcel.take() {
                return Poll::Ready(parcel);
            }
            locker.waiting = Some(cx.waker().clone());
        }
    }
}
