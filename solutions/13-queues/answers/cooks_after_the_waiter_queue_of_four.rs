//! grader: expect fail cooks_work_side_by_side "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail kitchen_closes_when_the_orders_run_out "it took 4.900s"
//! grader: expect fail waiter_waits_while_the_queue_is_full "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail three_cooks_and_a_queue_of_one "no dish ever went on a stove, and nothing happened after"
//! grader: expect fail idle_cooks_stop_when_the_orders_run_out "no dish ever went on a stove, and nothing happened after"
//! Spawns the cooks after the waiter's loop, with a hard-coded queue of 4: only the kitchen with 3 orders runs, late.
//! grader: based on cooks_started_after_the_waiter
//! grader: replaces `cooks: usize, capacity: usize)` with `cooks: usize, _capacity: usize)`
//! grader: replaces `mpsc::channel::<Order>(capacity)` with `mpsc::channel::<Order>(4)`
