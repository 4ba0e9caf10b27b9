//! # 13 · queues: a bounded channel between a waiter and a pool of cooks
//!
//! Python's `asyncio.Queue(maxsize=2)` sits between producers and a pool of worker
//! tasks: producers `await queue.put(item)`, which waits while the queue is full, and
//! each worker loops on `await queue.get()`. Tokio's counterpart is a bounded channel,
//! `tokio::sync::mpsc::channel(capacity)`. `tx.send(item).await` waits while it holds
//! `capacity` items; `rx.recv().await` gives the next item, or `None` once every
//! `Sender` has been dropped and the channel is empty. That `None` is how the workers
//! learn that the work is over.
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
    // TODO: make the queue: `let (tx, rx) = tokio::sync::mpsc::channel(capacity);`
    // TODO: spawn `cooks` cook tasks. They share the one receiver: wrap it in
    //       `Arc<tokio::sync::Mutex<..>>`. Each loops: take the next order, cook it.
    // TODO: the waiter takes each order and `tx.send(order).await`s it, instead of
    //       cooking it. Then drop `tx`, so the cooks' `recv()` returns `None` and they
    //       stop; collect their dishes.
    let _ = (cooks, capacity);
    let mut dishes = Vec::new();
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        dishes.push(orders::cook(order).await);
    }
    dishes
}
