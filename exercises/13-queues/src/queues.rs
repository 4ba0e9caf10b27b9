//! # 13 · queues: a bounded channel between a waiter and a pool of cooks
//!
//! Python's `asyncio.Queue(maxsize=2)` sits between producers and a pool of worker
//! tasks: producers `await queue.put(item)`, which waits while the queue is full, and
//! each worker loops on `await queue.get()`. Tokio's counterpart is a bounded channel
//! (the chapter shows it). One difference matters here: nobody calls `queue.join()` or
//! puts a sentinel in the queue; the workers learn that the work is over from the
//! channel itself, once the producer is gone and the queue is empty.
//!
//! The kitchen here: the waiter takes an order in 0.3 s (`orders::take_order`), and
//! cooking it takes 1 s to 3 s (`orders::cook`: soup 1 s, pasta 2 s, roast 3 s). Below,
//! the waiter cooks every order alone before taking the next one, so the cooks and the
//! queue are never used.
//!
//! Run `grader check 13` to see how your code ran, and `grader hint 13` when stuck.
//! The chapter is `docs/src/13-queues.md`.

use workbook::sim::orders::{self, Dish};

/// Runs the kitchen for one service: the waiter takes orders `1..=order_count` and
/// puts each in a queue that holds `capacity` orders; `cooks` cooks take them out
/// and cook them. Returns every dish, in any order, as soon as the last one is ready.
pub async fn run_kitchen(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    // TODO: the waiter cooks every order itself, so orders wait for the stove, and
    //       nothing runs side by side. Instead:
    //       - the waiter only takes orders (0.3 s each) and puts them in a queue that
    //         holds at most `capacity`; when it is full, the waiter waits for room;
    //       - `cooks` cooks run at the same time, each taking the next order out of
    //         that one queue as soon as they are free, and cooking it;
    //       - when the waiter is done and the queue is empty, every cook stops, and
    //         you return every dish as soon as the last one is ready.
    let _ = (cooks, capacity);
    let mut dishes = Vec::new();
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        dishes.push(orders::cook(order).await);
    }
    dishes
}
