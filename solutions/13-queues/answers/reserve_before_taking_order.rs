//! grader: expect fail waiter_waits_while_the_queue_is_full "the waiter waited for room with empty hands"
//! grader: expect fail three_cooks_and_a_queue_of_one "`tx.reserve().await`"
//! The waiter reserves a place in the queue (`tx.reserve()`) before it takes the order, so it waits for room with empty hands, and takes the order only once there is room: each order is taken later than it could be.
//! grader: replaces items

/// The waiter: takes each order and puts it in the queue, waiting while it is full.
async fn take_orders(order_count: u32, tx: &mpsc::Sender<Order>) {
    for number in 1..=order_count {
        let place = tx.reserve().await.expect("every cook left the kitchen");
        place.send(orders::take_order(number).await);
    }
}
