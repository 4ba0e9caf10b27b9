//! grader: expect fail a_hand_made_cap_holds_on_many_threads "before the count they look at is changed"
//! A hand-made cap, taken correctly (future enabled, count checked and raised under one guard), but a finished resize notifies the waiters before it gives its place back.
//! grader: based on look_then_notified_then_look_again

fn give_back(running: &Mutex<usize>, place_freed: &Notify) {
    place_freed.notify_waiters();
    *running.lock().unwrap() -= 1;
}
