//! grader: expect fail faster_second_parcel_keeps_its_place "A future that has returned Ready is finished"
//! grader: expect fail finished_first_parcel_is_left_alone "A future that has returned Ready is finished"
//! Join2 keeps each output, but polls both futures on every call, the finished one too.
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Keeps each output, but polls a future even after it has returned Ready.
        if let Poll::Ready(output) = this.first.as_mut().poll(cx) {
            this.first_output = Some(output);
        }
        if let Poll::Ready(output) = this.second.as_mut().poll(cx) {
            this.second_output = Some(output);
        }
        if this.first_output.is_some() && this.second_output.is_some() {
            let first = this.first_output.take().expect("checked above");
            let second = this.second_output.take().expect("checked above");
            return Poll::Ready((first, second));
        }
        Poll::Pending
    }
}
