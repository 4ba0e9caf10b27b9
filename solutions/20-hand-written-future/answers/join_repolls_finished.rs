//! grader: expect fail faster_second_parcel_keeps_its_place "A future that has returned Ready is finished"
//! grader: expect fail finished_first_parcel_is_left_alone "A future that has returned Ready is finished"
//! Join2 keeps each output, but polls both futures on every call, the finished one too.
//! grader: replaces items

/// Polls one side of a join and keeps its output when it comes, even after it has
/// returned Ready.
fn poll_side<F: Future>(future: Pin<&mut F>, output: &mut Option<F::Output>, cx: &mut Context<'_>) {
    if let Poll::Ready(value) = future.poll(cx) {
        *output = Some(value);
    }
}
