//! grader: expect fail cooks_work_side_by_side "no cook ever took an order out of the queue"
//! grader: expect fail waiter_waits_while_the_queue_is_full "no cook ever took an order out of the queue"
//! grader: expect fail three_cooks_and_a_queue_of_one "no cook ever took an order out of the queue"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "no cook ever took an order out of the queue"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "no dish ever went on a stove"
//! Runs the waiter's loop before spawning the cooks: the queue fills up and the waiter waits for room forever.
//! grader: replaces items

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use workbook::sim::orders::{Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    // Take every order first...
    take_orders(order_count, &tx).await;
    drop(tx);
    // ...then start cooking: never reached once the queue is full.
    let kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    every_dish(kitchen).await
}
