//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "was waiting for a cook"
//! Waits for a cook's first order, then stops the cook as soon as the queue is empty (`try_recv`): right only while the cooks are slower than the waiter.

use std::sync::Arc;
use tokio::sync::mpsc::error::TryRecvError;

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
            // The first order may take a while: the waiter is still at the tables.
            let first = rx.lock().await.recv().await;
            let Some(first) = first else { return cooked };
            cooked.push(orders::cook(first).await);
            loop {
                let next = rx.lock().await.try_recv();
                match next {
                    Ok(order) => cooked.push(orders::cook(order).await),
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
            cooked
        });
    }

    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        if tx.send(order).await.is_err() {
            break;
        }
    }
    drop(tx);

    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
