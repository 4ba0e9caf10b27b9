//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "`rx.close()` from the waiter"
//! Ends the service with `rx.close()` under the shared lock instead of dropping the Sender: when a cook is idle, it holds that lock inside `recv()`, and the waiter waits for it forever.
//! grader: replaces items

use workbook::sim::orders::Dish;

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let queue = Arc::new(Mutex::new(rx));
    let kitchen = hire_cooks(cooks, &queue);
    take_orders(order_count, &tx).await;
    // Like Python 3.13's queue.shutdown(): no more orders; the cooks finish the queue.
    queue.lock().await.close();
    every_dish(kitchen).await
}
