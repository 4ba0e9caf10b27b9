//! grader: expect fail cooks_work_side_by_side "when the cooking was cancelled"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "when the cooking was cancelled"
//! grader: expect fail waiter_waits_while_the_queue_is_full "when the cooking was cancelled"
//! grader: expect fail three_cooks_and_a_queue_of_one "when the cooking was cancelled"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "when the cooking was cancelled"
//! Ports Python's `await queue.join()` then `worker.cancel()`: waits until the queue is empty, then aborts the cooks mid-dish.
//! grader: replaces items

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use workbook::sim::orders::{Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let mut kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    take_orders(order_count, &tx).await;
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
