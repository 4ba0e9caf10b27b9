//! grader: expect fail waiter_waits_while_the_queue_is_full "made room later than a queue of 2 would"
//! Makes the queue with a fixed capacity of 1 instead of `capacity`: the waiter waits longer than it should.
//! grader: replaces `cooks: usize, capacity: usize)` with `cooks: usize, _capacity: usize)`
//! grader: replaces `mpsc::channel::<Order>(capacity)` with `mpsc::channel::<Order>(1)`
