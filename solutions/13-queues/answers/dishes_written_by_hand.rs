//! grader: expect compile-error "cannot create non-exhaustive struct"
//! The cooks return nothing, and run_kitchen writes a `Dish` for each order number by hand instead of collecting what `orders::cook` gave back.
//! grader: replaces items

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let mut kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    take_orders(order_count, &tx).await;
    drop(tx);
    while kitchen.join_next().await.is_some() {}

    (1..=order_count).map(|number| Dish { order: number, name: orders::dish_of(number) }).collect()
}

fn hire_cooks(cooks: usize, queue: &SharedQueue) -> JoinSet<()> {
    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        kitchen.spawn(cook(Arc::clone(queue)));
    }
    kitchen
}

async fn cook(queue: SharedQueue) {
    loop {
        let next = queue.lock().await.recv().await;
        let Some(order) = next else { break };
        orders::cook(order).await;
    }
}
