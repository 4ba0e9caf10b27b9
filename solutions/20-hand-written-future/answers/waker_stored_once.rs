//! grader: expect fail latest_waker_is_the_one_woken "keep the latest one, not the first"
//! The pickup keeps the waker of its first poll only: when it moves to another task,
//! deliver() wakes the old one, and the task that waits now is never woken.
//! grader: replaces items

/// Keeps the first waker only: later polls may come from another task.
fn keep_waker(slot: &mut Option<Waker>, waker: &Waker) {
    if slot.is_none() {
        *slot = Some(waker.clone());
    }
}
