//! grader: expect fail faster_second_parcel_keeps_its_place "Join2 polled it again at 2.000s"
//! grader: expect fail finished_first_parcel_is_left_alone "Join2 polled it again at 1.500s"
//! Join2 polls both futures every time and keeps nothing: when one is ready before the
//! other, its output is thrown away, and it is polled again after it has finished.
//! grader: replaces items

impl<A: Future, B: Future> Future for Join2<A, B> {
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Both at once, every time; Ready only when both happen to be ready together.
        match (this.first.as_mut().poll(cx), this.second.as_mut().poll(cx)) {
            (Poll::Ready(first), Poll::Ready(second)) => Poll::Ready((first, second)),
            _ => Poll::Pending,
        }
    }
}
