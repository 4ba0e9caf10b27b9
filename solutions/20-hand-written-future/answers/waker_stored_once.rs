//! grader: expect fail latest_waker_is_the_one_woken "keep the latest one, not the first"
//! The pickup keeps the waker of its first poll only: when it moves to another task,
//! deliver() wakes the old one, and the task that waits now is never woken.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        if let Some(parcel) = locker.parcel.take() {
            return Poll::Ready(parcel);
        }
        // Keeps the first waker only: later polls may come from another task.
        if locker.waiting.is_none() {
            locker.waiting = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
