//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "a `done` flag"
//! Tells the cooks the service is over with a `done` flag, checked under one `lock()` and acted on under another, and keeps the Sender: a cook that checked the flag before it was set, then waits in `recv()`, never sees it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let rx = Arc::new(Mutex::new(rx));
    let done = Arc::new(AtomicBool::new(false));

    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        let rx = Arc::clone(&rx);
        let done = Arc::clone(&done);
        kitchen.spawn(async move {
            let mut cooked = Vec::new();
            loop {
                if done.load(Ordering::SeqCst) && rx.lock().await.is_empty() {
                    break;
                }
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
    done.store(true, Ordering::SeqCst);

    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
