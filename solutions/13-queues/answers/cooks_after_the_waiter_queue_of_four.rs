//! grader: expect fail cooks_work_side_by_side "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "it took 4.900s"
//! grader: expect fail waiter_waits_while_the_queue_is_full "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail three_cooks_and_a_queue_of_one "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "no dish ever went on a stove, and nothing happened after"
//! Spawns the cooks after the waiter's loop, with a hard-coded queue of 4: only the kitchen with 3 orders runs, late.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, _capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(4);
    // Take every order first...
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
    drop(tx);
    // ...then start cooking: never reached once the queue is full.
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
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
