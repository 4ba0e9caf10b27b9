//! grader: expect fail both_parcels_arrive_in_one_second "Both parcels were delivered"
//! grader: expect fail finished_first_parcel_is_left_alone "nothing will ever wake the task again"
//! grader: expect fail faster_second_parcel_keeps_its_place "Both parcels were delivered"
//! Join2 checks for both outputs before polling, so the poll that brings the last one
//! returns Pending, with nothing left to wake it.
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Looks for both outputs first, then polls: the poll that brings the last output
        // returns Pending, and nothing is left to wake the task again.
        if this.first_output.is_some() && this.second_output.is_some() {
            let first = this.first_output.take().expect("checked above");
            let second = this.second_output.take().expect("checked above");
            return Poll::Ready((first, second));
        }
        poll_side(this.first.as_mut(), &mut this.first_output, cx);
        poll_side(this.second.as_mut(), &mut this.second_output, cx);
        Poll::Pending
    }
}
