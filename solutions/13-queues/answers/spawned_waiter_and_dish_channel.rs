//! grader: expect pass
//! Another correct answer: the waiter is a task that owns the Sender; the cooks send their
//! dishes back on a second channel, whose receiver sees `None` once every cook is done.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (order_tx, order_rx) = mpsc::channel::<Order>(capacity);
    let (dish_tx, mut dish_rx) = mpsc::unbounded_channel::<Dish>();
    let order_rx = Arc::new(Mutex::new(order_rx));

    for _ in 0..cooks {
        let order_rx = Arc::clone(&order_rx);
        let dish_tx = dish_tx.clone();
        tokio::spawn(async move {
            loop {
                let Some(order) = order_rx.lock().await.recv().await else { break };
                let dish = orders::cook(order).await;
                dish_tx.send(dish).expect("nobody is collecting the dishes");
            }
        });
    }
    // Only the cooks' clones are left: the dish channel closes when the last cook stops.
    drop(dish_tx);

    tokio::spawn(async move {
        for number in 1..=order_count {
            let order = orders::take_order(number).await;
            order_tx.send(order).await.expect("every cook left the kitchen");
        }
    });

    let mut dishes = Vec::new();
    while let Some(dish) = dish_rx.recv().await {
        dishes.push(dish);
    }
    dishes
}
