//! grader: expect fail waiter_waits_while_the_queue_is_full "Nothing made the waiter wait"
//! grader: expect fail three_cooks_and_a_queue_of_one "Nothing made the waiter wait"
//! A dispatcher hands the orders out in turn to one small queue per cook: more orders wait than the queue allows, and a cook may idle while another has a backlog.

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, mut rx) = mpsc::channel::<Order>(capacity);
    let mut kitchen = JoinSet::new();
    let mut to_cooks = Vec::new();
    for _ in 0..cooks {
        let (to_cook, mut from_dispatcher) = mpsc::channel::<Order>(1);
        to_cooks.push(to_cook);
        kitchen.spawn(async move {
            let mut cooked = Vec::new();
            while let Some(order) = from_dispatcher.recv().await {
                cooked.push(orders::cook(order).await);
            }
            cooked
        });
    }
    let dispatcher = tokio::spawn(async move {
        let mut turn = 0;
        while let Some(order) = rx.recv().await {
            to_cooks[turn % to_cooks.len()].send(order).await.expect("a cook left the kitchen");
            turn += 1;
        }
    });
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("the dispatcher left");
    }
    drop(tx);
    dispatcher.await.expect("the dispatcher panicked");
    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
