//! grader: expect fail waiter_waits_while_the_queue_is_full "Nothing made the waiter wait"
//! grader: expect fail three_cooks_and_a_queue_of_one "Nothing made the waiter wait"
//! An unbounded channel, like Python's `asyncio.Queue()` without a maxsize: the waiter never waits, and orders pile up.
//! grader: replaces items

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use workbook::sim::orders::{self, Dish, Order};

type SharedQueue = Arc<Mutex<mpsc::UnboundedReceiver<Order>>>;

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let _ = capacity;
    // No limit: `send` never waits.
    let (tx, rx) = mpsc::unbounded_channel::<Order>();
    let kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    take_orders(order_count, &tx).await;
    drop(tx);
    every_dish(kitchen).await
}

async fn take_orders(order_count: u32, tx: &mpsc::UnboundedSender<Order>) {
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).expect("every cook left the kitchen");
    }
}
