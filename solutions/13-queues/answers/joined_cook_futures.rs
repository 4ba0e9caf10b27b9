//! grader: expect pass
//! Another correct answer without spawning: the cooks are futures joined with `join_all`
//! beside the waiter, so they can borrow one `Mutex<Receiver>` instead of sharing an `Arc`.

use futures::future::join_all;
use tokio::sync::{Mutex, mpsc};
use workbook::sim::orders::{self, Dish, Order};

async fn waiter(order_count: u32, tx: mpsc::Sender<Order>) {
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        tx.send(order).await.expect("every cook left the kitchen");
    }
}

async fn cook(rx: &Mutex<mpsc::Receiver<Order>>) -> Vec<Dish> {
    let mut cooked = Vec::new();
    loop {
        let next = rx.lock().await.recv().await;
        match next {
            Some(order) => cooked.push(orders::cook(order).await),
            None => return cooked,
        }
    }
}

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel(capacity);
    let rx = Mutex::new(rx);
    // `waiter` takes `tx` by value: it is dropped when the waiter returns.
    let ((), cooked) = tokio::join!(waiter(order_count, tx), join_all((0..cooks).map(|_| cook(&rx))));
    cooked.into_iter().flatten().collect()
}
