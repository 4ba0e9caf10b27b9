//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap on an `AtomicUsize`: `load` to compare with the limit, then `fetch_add` in a second step, which another thread can slip between.
//! grader: based on atomic_compare_exchange_cap

fn try_take(running: &AtomicUsize, limit: usize) -> bool {
    if running.load(Ordering::SeqCst) < limit {
        running.fetch_add(1, Ordering::SeqCst);
        return true;
    }
    false
}
