//! grader: expect fail both_parcels_arrive_in_one_second "ran one after another"
//! grader: expect fail faster_second_parcel_keeps_its_place "ran one after another"
//! grader: expect fail finished_first_parcel_is_left_alone "ran one after another"
//! Join2 returns Pending while `first` is pending, without polling `second`: the second
//! future starts only when the first is done, so the waits add up (the stub's join).
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Waits for `first` before it even polls `second`: the waits add up.
        if this.first_output.is_none() {
            match this.first.as_mut().poll(cx) {
                Poll::Ready(output) => this.first_output = Some(output),
                Poll::Pending => return Poll::Pending,
            }
        }
        match this.second.as_mut().poll(cx) {
            Poll::Ready(second) => {
                let first = this.first_output.take().expect("`first` is done");
                Poll::Ready((first, second))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
