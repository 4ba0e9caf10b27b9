//! grader: expect fail waiter_waits_while_the_queue_is_full "a task per order"
//! grader: expect fail three_cooks_and_a_queue_of_one "the waiter went on to take order #7, but the queue was full"
//! The waiter hands each order to a task of its own that waits to put it in the queue (like `asyncio.create_task(queue.put(order))`), and goes straight on to the next table: the waiter never waits, and the orders pile up in tasks outside the queue's limit.
//! grader: replaces items

/// The waiter: takes each order and puts it in the queue, waiting while it is full.
async fn take_orders(order_count: u32, tx: &mpsc::Sender<Order>) {
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        let tx = tx.clone();
        tokio::spawn(async move { tx.send(order).await.expect("every cook left the kitchen") });
    }
}
