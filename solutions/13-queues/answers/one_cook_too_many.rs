//! grader: expect fail cooks_work_side_by_side "3 dishes were cooking at the same time"
//! grader: expect fail waiter_waits_while_the_queue_is_full "but the kitchen has 2 cooks"
//! grader: expect fail three_cooks_and_a_queue_of_one "4 dishes were cooking at the same time"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "but the kitchen has 2 cooks"
//! Hires the cooks with `0..=cooks`, as Python's `range(cooks + 1)` would: one cook more than asked, so one more dish cooks at a time.
//! grader: replaces items

/// Spawns `cooks` cooks, all taking orders out of the one `queue`.
fn hire_cooks(cooks: usize, queue: &SharedQueue) -> JoinSet<Vec<Dish>> {
    let mut kitchen = JoinSet::new();
    for _ in 0..=cooks {
        kitchen.spawn(cook(Arc::clone(queue)));
    }
    kitchen
}
