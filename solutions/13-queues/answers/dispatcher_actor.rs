//! grader: expect pass
//! Another correct answer: an actor. One dispatcher task owns the Receiver; an idle cook asks it for the next order over a request channel, with a oneshot for the reply, and stops when the reply is `None`.

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;
use workbook::sim::orders::{self, Dish, Order};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, mut rx) = mpsc::channel::<Order>(capacity);
    let (ask, mut asked) = mpsc::channel::<oneshot::Sender<Option<Order>>>(cooks.max(1));

    // The dispatcher: takes an order out of the queue only when a cook asks for one.
    tokio::spawn(async move {
        while let Some(reply) = asked.recv().await {
            let next = rx.recv().await;
            let _ = reply.send(next);
        }
    });

    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        let ask = ask.clone();
        kitchen.spawn(async move {
            let mut cooked = Vec::new();
            loop {
                let (reply, answer) = oneshot::channel();
                if ask.send(reply).await.is_err() {
                    break;
                }
                let Ok(Some(order)) = answer.await else { break };
                cooked.push(orders::cook(order).await);
            }
            cooked
        });
    }
    // The cooks hold the only askers left: when they are all done, the dispatcher stops.
    drop(ask);

    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("the dispatcher left the kitchen");
    }
    drop(tx);

    let mut dishes = Vec::new();
    while let Some(cooked) = kitchen.join_next().await {
        dishes.extend(cooked.expect("a cook panicked"));
    }
    dishes
}
