//! # 13 · queues: a bounded channel between a waiter and a pool of cooks
//!
//! Reference solution.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

/// The queue's receiving end, shared by the cooks: each takes the lock only to take an order.
type SharedQueue = Arc<Mutex<mpsc::Receiver<Order>>>;

/// Runs the kitchen for one service: the waiter takes orders `1..=order_count` and
/// puts each in a queue that holds `capacity` orders; `cooks` cooks take them out
/// and cook them. Returns every dish, in any order, as soon as the last one is ready.
pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    // `send` waits while `capacity` orders are in the queue: backpressure.
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let queue = Arc::new(Mutex::new(rx));
    let kitchen = hire_cooks(cooks, &queue);
    take_orders(order_count, &tx).await;
    // The last Sender goes: once the queue is empty, every `recv()` returns `None`.
    drop(tx);
    every_dish(kitchen).await
}

/// Spawns `cooks` cooks, all taking orders out of the one `queue`.
fn hire_cooks(cooks: usize, queue: &SharedQueue) -> JoinSet<Vec<Dish>> {
    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        kitchen.spawn(cook(Arc::clone(queue)));
    }
    kitchen
}

/// One cook: takes the next order out of the queue and cooks it, until service is over.
async fn cook(queue: SharedQueue) -> Vec<Dish> {
    let mut cooked = Vec::new();
    loop {
        // The guard is a temporary of this statement: the lock is released at the
        // `;`, before the cooking starts, so the other cooks can take orders.
        let next = queue.lock().await.recv().await;
        // `None`: every Sender is gone and the queue is empty. Service is over.
        let Some(order) = next else { break };
        cooked.push(orders::cook(order).await);
    }
    cooked
}

/// The waiter: takes each order and puts it in the queue, waiting while it is full.
async fn take_orders(order_count: u32, tx: &mpsc::Sender<Order>) {
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
}

/// Every cook's dishes, once the last cook has stopped.
async fn every_dish(mut kitchen: JoinSet<Vec<Dish>>) -> Vec<Dish> {
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
