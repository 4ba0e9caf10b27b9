//! grader: expect fail kitchen_closes_when_the_orders_run_out "returned only at"
//! grader: expect fail cooks_work_side_by_side "returned only at"
//! grader: expect fail waiter_waits_while_the_queue_is_full "returned only at"
//! grader: expect fail three_cooks_and_a_queue_of_one "returned only at"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "returned only at"
//! Keeps the Sender, and lets each cook stop after 2 s without an order: the kitchen closes 2 s late.

use std::sync::Arc;
use std::time::Duration;

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
            loop {
                // No order for 2 s: service must be over.
                let next = tokio::time::timeout(Duration::from_secs(2), async { rx.lock().await.recv().await }).await;
                let Ok(Some(order)) = next else { break };
                cooked.push(orders::cook(order).await);
            }
            cooked
        });
    }
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    drop(tx);
    dishes
}
