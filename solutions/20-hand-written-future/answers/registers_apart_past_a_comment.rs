//! grader: expect fail poll_looks_and_registers_under_one_lock "the parcel is looked at under one lock"
//! `looks_then_registers_apart` with a block comment between the second `lock()` and
//! the waker kept: a text scanner (which stripped only `//` comments) took the comment's
//! "parcel" for a second look and let the race through; the parser reads no comment.
//! grader: replaces items

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(parcel) = self.locker.lock().unwrap().parcel.take() {
            return Poll::Ready(parcel);
        }
        // Not there yet: leave the waker for the courier.
        let mut locker = self.locker.lock().unwrap();
        /* The courier puts the parcel in, then wakes whoever waits here. */
        locker.waiting = Some(cx.waker().clone());
        Poll::Pending
    }
}
