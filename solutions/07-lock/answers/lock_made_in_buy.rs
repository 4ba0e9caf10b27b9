//! grader: expect fail every_sale_is_counted "makes a lock of its own on every call"
//! grader: expect fail critical_sections_never_interleave "makes a lock of its own on every call"
//! grader: expect fail never_sells_more_seats_than_exist "makes a lock of its own on every call"
//! grader: expect fail buyers_served_by_their_own_tasks "makes a lock of its own on every call"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the sales overlapped, so nothing kept them apart"
//! "Wrap the whole sale in a lock": but the lock is made inside `buy`, a new one per
//! call, so every buyer holds a lock nobody else ever waits on.
//! grader: based on tokio_lock_released_across_await
//! grader: replaces `let sold = ` with `let gate = Mutex::new(()); let _held = gate.lock().await; let sold = `
