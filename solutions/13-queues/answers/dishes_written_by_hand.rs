//! grader: expect compile-error "cannot create non-exhaustive struct"
//! The cooks return nothing, and run_kitchen writes a `Dish` for each order number by hand instead of collecting what `orders::cook` gave back.

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
            loop {
                let next = rx.lock().await.recv().await;
                let Some(order) = next else { break };
                orders::cook(order).await;
            }
        });
    }

    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
    drop(tx);
    while kitchen.join_next().await.is_some() {}

    (1..=order_count).map(|number| Dish { order: number, name: orders::dish_of(number) }).collect()
}
