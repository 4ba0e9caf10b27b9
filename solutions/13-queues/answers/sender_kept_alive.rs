//! grader: expect fail cooks_work_side_by_side "a Sender outlived the waiter"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "run_kitchen never returned"
//! grader: expect fail waiter_waits_while_the_queue_is_full "a Sender outlived the waiter"
//! grader: expect fail three_cooks_and_a_queue_of_one "a Sender outlived the waiter"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "a Sender outlived the waiter"
//! Forgets to drop the Sender after the last order: the cooks wait for more orders forever.
//! grader: replaces items

use workbook::sim::orders::Dish;

pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let kitchen = hire_cooks(cooks, &Arc::new(Mutex::new(rx)));
    take_orders(order_count, &tx).await;
    // `tx` lives until the end of the function, so `recv()` never returns `None`.
    every_dish(kitchen).await
}
