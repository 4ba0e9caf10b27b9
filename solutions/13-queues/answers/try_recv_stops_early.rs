//! grader: expect fail cooks_work_side_by_side "had already stopped"
//! grader: expect fail waiter_waits_while_the_queue_is_full "had already stopped"
//! grader: expect fail three_cooks_and_a_queue_of_one "had already stopped"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "had already stopped"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "had already stopped"
//! The cooks stop as soon as the queue is empty (`try_recv`), which it is before the first order: the waiter is left with a full queue.
//! grader: replaces items

use workbook::sim::orders::{self, Dish};

async fn cook(queue: SharedQueue) -> Vec<Dish> {
    let mut cooked = Vec::new();
    // Like `while not queue.empty(): queue.get_nowait()`.
    loop {
        let next = queue.lock().await.try_recv();
        let Ok(order) = next else { break };
        cooked.push(orders::cook(order).await);
    }
    cooked
}
