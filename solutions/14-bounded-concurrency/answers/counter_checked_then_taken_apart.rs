//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap (a `Mutex<usize>` of resizes running, and a `Notify`): the count is compared with the limit under one `lock()` and raised under a second one, so two tasks can both pass the check on a multi-thread runtime.
//! grader: based on look_then_notified_then_look_again

fn try_take(running: &Mutex<usize>, limit: usize) -> bool {
    let has_room = *running.lock().unwrap() < limit;
    if has_room {
        *running.lock().unwrap() += 1;
    }
    has_room
}
