//! grader: expect fail both_parcels_arrive_in_one_second "a `Context` of its own"
//! grader: expect fail faster_second_parcel_keeps_its_place "a `Context` of its own"
//! grader: expect fail finished_first_parcel_is_left_alone "a `Context` of its own"
//! Join2 polls its two futures with a `Context` of its own, made from
//! `futures::task::noop_waker()`, instead of passing on the `cx` it was given: the
//! futures keep a waker that does nothing, and nobody wakes the join's task.
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        let waker = futures::task::noop_waker();
        let mut own = Context::from_waker(&waker);
        let this = &mut *self;
        poll_side(this.first.as_mut(), &mut this.first_output, &mut own);
        poll_side(this.second.as_mut(), &mut this.second_output, &mut own);
        if this.first_output.is_some() && this.second_output.is_some() {
            let first = this.first_output.take().expect("checked above");
            let second = this.second_output.take().expect("checked above");
            return Poll::Ready((first, second));
        }
        Poll::Pending
    }
}
