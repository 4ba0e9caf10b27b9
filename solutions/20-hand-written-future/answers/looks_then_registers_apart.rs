//! grader: expect fail poll_looks_and_registers_under_one_lock "the parcel is looked at under one lock"
//! poll() looks for the parcel under one `lock()`, lets it go, and keeps the waker
//! under a second one: a delivery between the two wakes nobody.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(parcel) = self.locker.lock().unwrap().parcel.take() {
            return Poll::Ready(parcel);
        }
        // Not there yet: leave the waker for the courier.
        self.locker.lock().unwrap().waiting = Some(cx.waker().clone());
        Poll::Pending
    }
}
