//! grader: expect fail kitchen_closes_when_the_orders_run_out "returned only at"
//! grader: expect fail cooks_work_side_by_side "returned only at"
//! grader: expect fail waiter_waits_while_the_queue_is_full "returned only at"
//! grader: expect fail three_cooks_and_a_queue_of_one "returned only at"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "returned only at"
//! Keeps the Sender, and lets each cook stop after 2 s without an order: the kitchen closes 2 s late.
//! grader: replaces items

use std::time::Duration;

use workbook::sim::orders::{self, Dish};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    take_orders(order_count, &tx).await;
    let dishes = every_dish(kitchen).await;
    drop(tx);
    dishes
}

async fn cook(queue: SharedQueue) -> Vec<Dish> {
    let mut cooked = Vec::new();
    loop {
        // No order for 2 s: service must be over.
        let next = tokio::time::timeout(Duration::from_secs(2), async { queue.lock().await.recv().await }).await;
        let Ok(Some(order)) = next else { break };
        cooked.push(orders::cook(order).await);
    }
    cooked
}
