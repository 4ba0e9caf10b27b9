//! grader: expect fail customer_is_woken_by_the_delivery "a busy loop, so the check stopped it"
//! grader: expect fail latest_waker_is_the_one_woken "a busy loop, so the check stopped it"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! The pickup wakes its own task before returning Pending: it is polled again and
//! again, and the paused clock can't move on to the delivery.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        if let Some(parcel) = locker.parcel.take() {
            return Poll::Ready(parcel);
        }
        // "Poll me again": the task is woken at once, again and again.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
