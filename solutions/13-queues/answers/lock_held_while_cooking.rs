//! grader: expect fail cooks_work_side_by_side "keeps the MutexGuard"
//! grader: expect fail three_cooks_and_a_queue_of_one "keeps the MutexGuard"
//! grader: expect fail waiter_waits_while_the_queue_is_full "keeps the MutexGuard"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "keeps the MutexGuard"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "keeps the MutexGuard"
//! The cooks share the receiver, but `while let` keeps the lock for the whole loop body: they cook one at a time.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let rx = Arc::new(Mutex::new(rx));
    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        let rx = Arc::clone(&rx);
        kitchen.spawn(async move {
            let mut cooked = Vec::new();
            // The guard is a temporary of the `while let` line: it lives until the
            // end of the body, so the lock is held while cooking.
            while let Some(order) = rx.lock().await.recv().await {
                cooked.push(orders::cook(order).await);
            }
            cooked
        });
    }
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
    drop(tx);
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
