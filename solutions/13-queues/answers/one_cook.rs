//! grader: expect fail cooks_work_side_by_side "one dish at a time"
//! grader: expect fail three_cooks_and_a_queue_of_one "one dish at a time"
//! grader: expect fail waiter_waits_while_the_queue_is_full "one dish at a time"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "one dish at a time"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "one dish at a time"
//! A single consumer task: the queue works, but only one cook ever cooks.

use tokio::sync::mpsc;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let _ = cooks;
    let (tx, mut rx) = mpsc::channel::<Order>(capacity);
    let cook = tokio::spawn(async move {
        let mut cooked = Vec::new();
        while let Some(order) = rx.recv().await {
            cooked.push(orders::cook(order).await);
        }
        cooked
    });
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("the cook left the kitchen");
    }
    drop(tx);
    cook.await.expect("the cook panicked")
}
