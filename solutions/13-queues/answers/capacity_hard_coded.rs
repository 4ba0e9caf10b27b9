//! grader: expect fail waiter_waits_while_the_queue_is_full "made room later than a queue of 2 would"
//! Makes the queue with a fixed capacity of 1 instead of `capacity`: the waiter waits longer than it should.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let _ = capacity;
    let (tx, rx) = mpsc::channel::<Order>(1);
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
    drop(tx);
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
