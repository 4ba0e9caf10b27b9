//! # 13 · queues: a bounded channel between a waiter and a pool of cooks
//!
//! Reference solution.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

/// Runs the kitchen for one service: the waiter takes orders `1..=order_count` and
/// puts each in a queue that holds `capacity` orders; `cooks` cooks take them out
/// and cook them. Returns every dish, in any order, as soon as the last one is ready.
pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    // `send` waits while `capacity` orders are in the queue: backpressure.
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    // One receiver, shared by the cooks: each takes the lock only to take an order.
    let rx = Arc::new(Mutex::new(rx));

    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        let rx = Arc::clone(&rx);
        kitchen.spawn(async move {
            let mut cooked = Vec::new();
            loop {
                // The guard is a temporary of this statement: the lock is released at
                // the `;`, before the cooking starts, so the other cooks can take orders.
                let next = rx.lock().await.recv().await;
                // `None`: every Sender is gone and the queue is empty. Service is over.
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
    // The last Sender goes: once the queue is empty, every `recv()` returns `None`.
    drop(tx);

    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
