//! grader: expect fail a_hand_made_cap_holds_on_many_threads "not `enable()`d before the look"
//! A hand-made cap: count checked and raised under one guard, the `notified()` future created before the look, but never enabled, and places handed on with `notify_one()`: two places freed at once can leave a single permit.
//! grader: based on look_then_notified_then_look_again
//! grader: replaces `place_freed.notify_waiters();` with `place_freed.notify_one();`

async fn take_a_place(running: &Mutex<usize>, place_freed: &Notify, limit: usize) {
    loop {
        let freed = place_freed.notified();
        if try_take(running, limit) {
            break;
        }
        freed.await;
    }
}
