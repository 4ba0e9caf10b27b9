//! grader: expect fail both_parcels_arrive_in_one_second "Join2 has no wake-up of its own to arrange"
//! grader: expect fail faster_second_parcel_keeps_its_place "Join2 has no wake-up of its own to arrange"
//! grader: expect fail finished_first_parcel_is_left_alone "Join2 has no wake-up of its own to arrange"
//! Join2 wakes its own task before every Pending: the task is polled again at once,
//! forever, and the paused clock never moves on.
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Poll each future only while its output is still to come: a future that has
        // returned Ready is finished, and must not be polled again.
        if this.first_output.is_none()
            && let Poll::Ready(output) = this.first.as_mut().poll(cx)
        {
            this.first_output = Some(output);
        }
        if this.second_output.is_none()
            && let Poll::Ready(output) = this.second.as_mut().poll(cx)
        {
            this.second_output = Some(output);
        }
        if this.first_output.is_some() && this.second_output.is_some() {
            let first = this.first_output.take().expect("checked above");
            let second = this.second_output.take().expect("checked above");
            return Poll::Ready((first, second));
        }
        // "Just to be sure we are polled again."
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
