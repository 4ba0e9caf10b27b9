//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "`rx.close()` from the waiter"
//! Ends the service with `rx.close()` under the shared lock instead of dropping the Sender: when a cook is idle, it holds that lock inside `recv()`, and the waiter waits for it forever.

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
    // Like Python 3.13's queue.shutdown(): no more orders; the cooks finish the queue.
    rx.lock().await.close();

    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
