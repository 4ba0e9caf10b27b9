//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "was waiting for a cook"
//! Waits for a cook's first order, then stops the cook as soon as the queue is empty (`try_recv`): right only while the cooks are slower than the waiter.
//! grader: replaces items

use tokio::sync::mpsc::error::TryRecvError;

use workbook::sim::orders::{self, Dish};

async fn cook(queue: SharedQueue) -> Vec<Dish> {
    let mut cooked = Vec::new();
    // The first order may take a while: the waiter is still at the tables.
    let first = queue.lock().await.recv().await;
    let Some(first) = first else { return cooked };
    cooked.push(orders::cook(first).await);
    loop {
        let next = queue.lock().await.try_recv();
        match next {
            Ok(order) => cooked.push(orders::cook(order).await),
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
        }
    }
    cooked
}
