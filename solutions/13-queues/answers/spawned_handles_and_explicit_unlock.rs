//! grader: expect pass
//! Another correct answer: the cooks are spawned with `tokio::spawn` and awaited through a Vec of JoinHandles, each cook unlocking the queue by hand (`drop(guard)`) before it cooks.
//! grader: replaces items

use workbook::sim::orders::{self, Dish};

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let queue = Arc::new(Mutex::new(rx));
    let handles: Vec<_> = (0..cooks)
        .map(|_| {
            let queue = Arc::clone(&queue);
            tokio::spawn(async move {
                let mut cooked = Vec::new();
                loop {
                    let mut guard = queue.lock().await;
                    let Some(order) = guard.recv().await else { break };
                    drop(guard);
                    cooked.push(orders::cook(order).await);
                }
                cooked
            })
        })
        .collect();
    for number in 1..=order_count {
        tx.send(orders::take_order(number).await).await.expect("every cook left the kitchen");
    }
    drop(tx);
    let mut dishes = Vec::new();
    for handle in handles {
        dishes.extend(handle.await.expect("a cook panicked"));
    }
    dishes
}
