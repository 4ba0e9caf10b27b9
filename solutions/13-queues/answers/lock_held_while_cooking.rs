//! grader: expect fail cooks_work_side_by_side "keeps the MutexGuard"
//! grader: expect fail three_cooks_and_a_queue_of_one "keeps the MutexGuard"
//! grader: expect fail waiter_waits_while_the_queue_is_full "keeps the MutexGuard"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "keeps the MutexGuard"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "keeps the MutexGuard"
//! The cooks share the receiver, but `while let` keeps the lock for the whole loop body: they cook one at a time.
//! grader: replaces items

use workbook::sim::orders::{self, Dish};

async fn cook(queue: SharedQueue) -> Vec<Dish> {
    let mut cooked = Vec::new();
    // The guard is a temporary of the `while let` line: it lives until the
    // end of the body, so the lock is held while cooking.
    while let Some(order) = queue.lock().await.recv().await {
        cooked.push(orders::cook(order).await);
    }
    cooked
}
