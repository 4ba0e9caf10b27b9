//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap with a `tokio::sync::Mutex<usize>`: the count compared under one `lock().await` and raised under a second one.
//! grader: based on tokio_mutex_one_guard

async fn try_take(running: &Mutex<usize>, limit: usize) -> bool {
    let count = *running.lock().await;
    if count < limit {
        *running.lock().await += 1;
        return true;
    }
    false
}
