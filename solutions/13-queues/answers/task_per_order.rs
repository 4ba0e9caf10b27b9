//! grader: expect fail cooks_work_side_by_side "dishes were cooking at the same time"
//! grader: expect fail three_cooks_and_a_queue_of_one "dishes were cooking at the same time"
//! grader: expect fail waiter_waits_while_the_queue_is_full "dishes were cooking at the same time"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "dishes were cooking at the same time"
//! Spawns a task for every order it takes out of the queue: all the dishes cook at once, whatever the number of cooks.

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let _ = cooks;
    let (tx, mut rx) = mpsc::channel::<Order>(capacity);
    let kitchen = tokio::spawn(async move {
        let mut cooking = JoinSet::new();
        while let Some(order) = rx.recv().await {
            cooking.spawn(orders::cook(order));
        }
        cooking.join_all().await
    });
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("the kitchen closed");
    }
    drop(tx);
    kitchen.await.expect("the kitchen panicked")
}
