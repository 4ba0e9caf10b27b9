//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "a `done` flag"
//! Tells the cooks the service is over with a `done` flag, checked under one `lock()` and acted on under another, and keeps the Sender: a cook that checked the flag before it was set, then waits in `recv()`, never sees it.
//! grader: replaces items

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let done = Arc::new(AtomicBool::new(false));
    let kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)), &done);
    take_orders(order_count, &tx).await;
    done.store(true, Ordering::SeqCst);
    every_dish(kitchen).await
}

fn hire_cooks(cooks: usize, queue: &SharedQueue, done: &Arc<AtomicBool>) -> JoinSet<Vec<Dish>> {
    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        kitchen.spawn(cook(Arc::clone(queue), Arc::clone(done)));
    }
    kitchen
}

async fn cook(queue: SharedQueue, done: Arc<AtomicBool>) -> Vec<Dish> {
    let mut cooked = Vec::new();
    loop {
        if done.load(Ordering::SeqCst) && queue.lock().await.is_empty() {
            break;
        }
        let next = queue.lock().await.recv().await;
        let Some(order) = next else { break };
        cooked.push(orders::cook(order).await);
    }
    cooked
}
