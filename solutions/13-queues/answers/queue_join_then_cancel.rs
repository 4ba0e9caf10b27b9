//! grader: expect fail cooks_work_side_by_side "when the cooking was cancelled"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "when the cooking was cancelled"
//! grader: expect fail waiter_waits_while_the_queue_is_full "when the cooking was cancelled"
//! grader: expect fail three_cooks_and_a_queue_of_one "when the cooking was cancelled"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "when the cooking was cancelled"
//! Ports Python's `await queue.join()` then `worker.cancel()`: waits until the queue is empty, then aborts the cooks mid-dish.

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
                let next = rx.lock().await.recv().await;
                let Some(order) = next else { break };
                cooked.push(orders::cook(order).await);
            }
            cooked
        });
    }
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
    // "queue.join()": wait until the queue is empty...
    while tx.capacity() < tx.max_capacity() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // ...then cancel the workers, like `for worker in workers: worker.cancel()`.
    kitchen.abort_all();
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        if let Ok(cooked) = cooked {
            dishes.extend(cooked);
        }
    }
    dishes
}
