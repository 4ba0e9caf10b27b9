//! grader: expect fail a_hand_made_cap_holds_on_many_threads "before the `notified()` future"
//! A hand-made cap (a `Mutex<usize>` and a `Notify`), checked and taken under one lock, but when it is full the task creates its `notified()` future only after it has looked, and doesn't look again before it sleeps: a place freed in between wakes nobody.
//! grader: based on look_then_notified_then_look_again

async fn take_a_place(running: &Mutex<usize>, place_freed: &Notify, limit: usize) {
    while !try_take(running, limit) {
        place_freed.notified().await;
    }
}
