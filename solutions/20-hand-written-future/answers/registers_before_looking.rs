//! grader: expect fail parcel_already_in_the_locker "nobody will wake you for a parcel that has already arrived"
//! The pickup's first poll only stores the waker and returns Pending, without looking
//! in the locker: a parcel delivered before the customer came is never picked up.
//! grader: replaces items

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        let mut locker = self.locker.lock().unwrap();
        locker.parcel = Some(parcel);
        if let Some(waker) = &locker.waiting {
            waker.wake_by_ref();
        }
    }
}

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        if locker.waiting.is_none() {
            // "To be safe": the first poll only registers, and waits for the courier.
            locker.waiting = Some(cx.waker().clone());
            return Poll::Pending;
        }
        match locker.parcel.take() {
            Some(parcel) => Poll::Ready(parcel),
            None => {
                locker.waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
