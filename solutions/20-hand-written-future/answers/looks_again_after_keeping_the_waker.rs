//! grader: expect pass
//! Another correct answer: poll() has a quick look under one lock, then takes the lock
//! again to keep the waker and looks once more before it says Pending.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Quick look: most polls after a wake-up find the parcel here.
        if let Some(parcel) = self.locker.lock().unwrap().parcel.take() {
            return Poll::Ready(parcel);
        }
        let mut locker = self.locker.lock().unwrap();
        // The lock was free for a moment: look again now that it is held, then wait.
        if let Some(parcel) = locker.parcel.take() {
            return Poll::Ready(parcel);
        }
        locker.waiting = Some(cx.waker().clone());
        Poll::Pending
    }
}
