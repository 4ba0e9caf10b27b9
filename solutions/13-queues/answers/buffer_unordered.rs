//! grader: expect pass
//! Another correct answer: the receiver as a stream (`futures::stream::unfold`), cooked with
//! `buffer_unordered(cooks)`, which takes a new order only when one of `cooks` slots is free;
//! the waiter runs beside it in the same task (`tokio::join!`) and owns the only Sender.

use futures::StreamExt as _;
use tokio::sync::mpsc;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let waiter = async move {
        for number in 1..=order_count {
            let order = orders::take_order(number).await;
            tx.send(order).await.expect("the kitchen closed");
        }
        // `tx` is dropped here, when the waiter is done.
    };
    let incoming = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|order| (order, rx)) });
    let kitchen = incoming.map(orders::cook).buffer_unordered(cooks).collect::<Vec<Dish>>();
    let ((), dishes) = tokio::join!(waiter, kitchen);
    dishes
}
