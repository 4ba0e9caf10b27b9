//! grader: expect fail poll_looks_and_registers_under_one_lock "and the waker is registered after"
//! The waker in a `futures::task::AtomicWaker`, but poll() looks for the parcel first and
//! registers after: a delivery in between wakes nobody.
//! grader: based on unpin_bounds_atomic_waker

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(parcel) = self.locker.parcel.lock().unwrap().take() {
            return Poll::Ready(parcel);
        }
        // Not there yet: leave the waker for the courier.
        self.locker.customer.register(cx.waker());
        Poll::Pending
    }
}
