//! grader: expect pass
//! Another correct answer: a quick look under one lock; then, under a second lock, the
//! waker is kept first and the parcel looked at once more: a delivery between the two
//! locks is seen by that second look.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(parcel) = self.locker.lock().unwrap().parcel.take() {
            return Poll::Ready(parcel);
        }
        let mut locker = self.locker.lock().unwrap();
        locker.waiting = Some(cx.waker().clone());
        match locker.parcel.take() {
            Some(parcel) => Poll::Ready(parcel),
            None => Poll::Pending,
        }
    }
}
