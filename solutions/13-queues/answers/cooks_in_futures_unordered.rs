//! grader: expect pass
//! Another correct answer without spawning: the cooks are a `FuturesUnordered` collected beside the waiter in `tokio::join!`, and the waiter's Sender is moved into its own future, so it is dropped the moment the last order is in.
//! grader: replaces items

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use workbook::sim::orders::{self, Dish};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let queue = Mutex::new(rx);
    let queue = &queue;
    let waiter = async move {
        for number in 1..=order_count {
            let order = orders::take_order(number).await;
            tx.send(order).await.expect("every cook left the kitchen");
        }
    };
    let kitchen: FuturesUnordered<_> = (0..cooks)
        .map(|_| async move {
            let mut cooked = Vec::new();
            loop {
                let mut rx = queue.lock().await;
                let next = rx.recv().await;
                drop(rx);
                match next {
                    Some(order) => cooked.push(orders::cook(order).await),
                    None => return cooked,
                }
            }
        })
        .collect();
    let ((), every_cook) = tokio::join!(waiter, kitchen.collect::<Vec<Vec<Dish>>>());
    every_cook.into_iter().flatten().collect()
}
