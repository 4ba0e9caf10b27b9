//! grader: expect fail cooks_work_side_by_side "while it was still taking order #1"
//! grader: expect fail waiter_waits_while_the_queue_is_full "orders were taken side by side"
//! grader: expect fail three_cooks_and_a_queue_of_one "orders were taken side by side"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "orders were taken side by side"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "orders were taken side by side"
//! The waiter takes every order at once with `join_all` (like `asyncio.gather` over the tables), then puts them in the queue: the waiter is one person, and the queue's backpressure can no longer hold them back.
//! grader: replaces items

/// The waiter: takes each order and puts it in the queue, waiting while it is full.
async fn take_orders(order_count: u32, tx: &mpsc::Sender<Order>) {
    let taken = futures::future::join_all((1..=order_count).map(orders::take_order)).await;
    for order in taken {
        tx.send(order).await.expect("every cook left the kitchen");
    }
}
