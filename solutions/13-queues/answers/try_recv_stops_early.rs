//! grader: expect fail cooks_work_side_by_side "had already stopped"
//! grader: expect fail waiter_waits_while_the_queue_is_full "had already stopped"
//! grader: expect fail three_cooks_and_a_queue_of_one "had already stopped"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "had already stopped"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "had already stopped"
//! The cooks stop as soon as the queue is empty (`try_recv`), which it is before the first order: the waiter is left with a full queue.

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
            // Like `while not queue.empty(): queue.get_nowait()`.
            loop {
                let next = rx.lock().await.try_recv();
                let Ok(order) = next else { break };
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
