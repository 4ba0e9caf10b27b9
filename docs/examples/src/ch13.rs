//! Chapter 13 · queues: a bounded channel between producers and a pool of workers.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc::error::SendError;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use workbook::sim::jobs::{self, Thumbnail};
use workbook::sim::orders::{self, Dish, Order};
use workbook::trace::{Span, Trace};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch13::middle_of_the_service", middle_of_the_service),
    ("ch13::lock_held_while_cooking", || Picture::of(kitchen_holding_the_lock(8, 2, 2))),
    ("ch13::unbounded", || Picture::of(unbounded_kitchen(8, 2))),
];

/// The reference solution's trace of the check `waiter_waits_while_the_queue_is_full`,
/// from 0.9 s to 2.6 s: the stretch where the waiter first waits for room.
fn middle_of_the_service() -> Picture {
    let recorded =
        crate::sync::root().join("exercises/13-queues/checks/expected/waiter_waits_while_the_queue_is_full.0.trace");
    let picture = Picture::load(&recorded).unwrap_or_else(|e| panic!("{e}"));
    let (from, to) = (Duration::from_millis(900), Duration::from_millis(2600));
    let events: Vec<_> = picture.trace.events().iter().filter(|e| e.at >= from && e.at <= to).cloned().collect();
    Picture { trace: Trace::from(events), took: to }
}

/// One producer, one consumer: the two halves of a channel.
pub async fn one_waiter_one_cook() -> Result<Vec<Dish>, SendError<Order>> {
    let mut dishes = Vec::new();
    // ANCHOR: channel
    let (tx, mut rx) = mpsc::channel::<Order>(2); // room for 2 orders

    // The sending half, for producers:
    tx.send(orders::take_order(1).await).await?; // waits while 2 orders are in it
    drop(tx); // the only Sender: the channel is closed once it is empty

    // The receiving half, for the consumer:
    while let Some(order) = rx.recv().await {
        dishes.push(orders::cook(order).await);
    }
    // `None`: the channel is empty, and every Sender is gone. Nothing more can come.
    // ANCHOR_END: channel
    Ok(dishes)
}

/// The scanner of a photo lab: scans photo `number` in 0.3 s, traced as a span of
/// actor `scanner`, and gives the file's name.
pub async fn scan(number: u32) -> String {
    let span = Span::begin("scanner", &format!("scanning photo {number}"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    span.end("scanned");
    format!("photo-{number}.jpg")
}

/// A photo lab: the scanner puts `photos` scans on a tray that holds `capacity`, and
/// `workers` workers take them off and resize them. The thumbnails come back through
/// a second channel, in the order they are made.
pub async fn photo_lab(photos: u32, workers: usize, capacity: usize) -> Vec<Thumbnail> {
    // ANCHOR: pool
    let (tray, scans) = mpsc::channel::<String>(capacity);
    let scans = Arc::new(Mutex::new(scans));
    let (made, mut thumbnails) = mpsc::unbounded_channel::<Thumbnail>();
    for _ in 0..workers {
        let scans = Arc::clone(&scans);
        let made = made.clone();
        tokio::spawn(async move {
            loop {
                let next = scans.lock().await.recv().await; // the lock is released at this `;`
                let Some(photo) = next else { break }; // `None`: the tray is closed and empty
                let _ = made.send(jobs::resize(&photo).await); // resizing, without the lock
            }
        }); // the task ends, and drops its `made`
    }
    drop(made); // from here on, only the workers hold a `made`
    // ANCHOR_END: pool
    // ANCHOR: waiter
    for number in 1..=photos {
        tray.send(scan(number).await).await.expect("every worker has stopped");
    }
    drop(tray); // the last Sender: the tray closes once the workers have emptied it

    let mut done = Vec::new();
    while let Some(thumbnail) = thumbnails.recv().await {
        done.push(thumbnail); // `None` once every worker has stopped and dropped its `made`
    }
    // ANCHOR_END: waiter
    done
}

/// How a cook takes the next order off the shared receiver, in each of the forms
/// the chapter's table compares.
#[derive(Clone, Copy, Debug)]
pub enum Receive {
    /// `let next = ...;` then cook: the lock is held only while waiting.
    LetStatement,
    /// `let Some(order) = ... else { break };`: the same.
    LetElse,
    /// `while let Some(order) = ... { cook }`: held while cooking.
    WhileLet,
    /// `match ... { Some(order) => cook, None => break }`: held while cooking.
    Match,
}

/// A kitchen's rail of orders, bounded or not: what the cooks take the next order from.
trait Rail: Send + 'static {
    /// The next order, or `None` once the rail is closed and empty.
    fn recv(&mut self) -> impl Future<Output = Option<Order>> + Send;
}

impl Rail for mpsc::Receiver<Order> {
    fn recv(&mut self) -> impl Future<Output = Option<Order>> + Send {
        mpsc::Receiver::recv(self)
    }
}

impl Rail for mpsc::UnboundedReceiver<Order> {
    fn recv(&mut self) -> impl Future<Output = Option<Order>> + Send {
        mpsc::UnboundedReceiver::recv(self)
    }
}

/// One cook's loop, receiving in the form `how`. (The `match` form is the mistake
/// that clippy's `while_let_loop` would rewrite into the `while let` one: both hold the
/// lock while cooking.)
#[allow(clippy::while_let_loop)]
async fn cook_loop(rx: Arc<Mutex<impl Rail>>, how: Receive) -> Vec<Dish> {
    let mut cooked = Vec::new();
    match how {
        Receive::LetStatement => loop {
            let next = rx.lock().await.recv().await;
            let Some(order) = next else { break };
            cooked.push(orders::cook(order).await);
        },
        Receive::LetElse => loop {
            let Some(order) = rx.lock().await.recv().await else { break };
            cooked.push(orders::cook(order).await);
        },
        Receive::WhileLet => {
            // ANCHOR: while_let
            while let Some(order) = rx.lock().await.recv().await {
                cooked.push(orders::cook(order).await); // the lock is still held here
            }
            // ANCHOR_END: while_let
        }
        Receive::Match => loop {
            match rx.lock().await.recv().await {
                Some(order) => cooked.push(orders::cook(order).await),
                None => break,
            }
        },
    }
    cooked
}

/// Spawns `cooks` cooks, each taking orders off the shared `rail` in the form `how`.
fn hire_cooks<R: Rail>(rail: R, cooks: usize, how: Receive) -> JoinSet<Vec<Dish>> {
    let rail = Arc::new(Mutex::new(rail));
    let mut kitchen = JoinSet::new();
    for _ in 0..cooks {
        kitchen.spawn(cook_loop(Arc::clone(&rail), how));
    }
    kitchen
}

/// The waiter takes orders 1 to `order_count` and puts each on the rail, waiting for room.
async fn take_orders(tx: &mpsc::Sender<Order>, order_count: u32) {
    for number in 1..=order_count {
        tx.send(orders::take_order(number).await).await.expect("every cook left the kitchen");
    }
}

/// Every dish, once every cook has gone home (in the order the cooks left).
async fn every_dish(kitchen: JoinSet<Vec<Dish>>) -> Vec<Dish> {
    kitchen.join_all().await.concat()
}

/// The kitchen, its cooks receiving in the form `how`.
pub async fn kitchen_receiving(order_count: u32, cooks: usize, capacity: usize, how: Receive) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let kitchen = hire_cooks(rx, cooks, how);
    take_orders(&tx, order_count).await;
    drop(tx);
    every_dish(kitchen).await
}

/// The cooks hold the lock while cooking: they take turns.
pub async fn kitchen_holding_the_lock(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    kitchen_receiving(order_count, cooks, capacity, Receive::WhileLet).await
}

/// An unbounded channel: the waiter never waits.
pub async fn unbounded_kitchen(order_count: u32, cooks: usize) -> Vec<Dish> {
    // ANCHOR: unbounded
    let (tx, rx) = mpsc::unbounded_channel::<Order>();
    // ANCHOR_END: unbounded
    let kitchen = hire_cooks(rx, cooks, Receive::LetStatement);
    for number in 1..=order_count {
        let order = orders::take_order(number).await;
        // ANCHOR: unbounded_send
        tx.send(order).expect("every cook left the kitchen"); // no `.await`: it never waits
        // ANCHOR_END: unbounded_send
    }
    drop(tx);
    every_dish(kitchen).await
}

/// The waiter's Sender is never dropped: the cooks wait for more orders forever.
pub async fn kitchen_keeping_the_sender(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let kitchen = hire_cooks(rx, cooks, Receive::LetStatement);
    take_orders(&tx, order_count).await;
    // No `drop(tx)`: `tx` lives to the end of the function, after the line below.
    every_dish(kitchen).await
}

/// The cooks spawned only after the waiter is done: the third `send` waits forever.
pub async fn cooks_after_the_waiter(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    take_orders(&tx, order_count).await;
    drop(tx);
    let kitchen = hire_cooks(rx, cooks, Receive::LetStatement);
    every_dish(kitchen).await
}

/// A task per order: the queue empties as fast as it fills, and everything cooks at once.
pub async fn task_per_order(order_count: u32, capacity: usize) -> Vec<Dish> {
    let (tx, mut rx) = mpsc::channel::<Order>(capacity);
    let dispatcher = tokio::spawn(async move {
        let mut cooking = JoinSet::new();
        // ANCHOR: task_per_order
        while let Some(order) = rx.recv().await {
            cooking.spawn(orders::cook(order)); // no limit: every order cooks at once
        }
        // ANCHOR_END: task_per_order
        cooking.join_all().await
    });
    for number in 1..=order_count {
        tx.send(orders::take_order(number).await).await.expect("the kitchen closed");
    }
    drop(tx);
    dispatcher.await.expect("the dispatcher panicked")
}

/// One task, no spawning: a stream of orders, `cooks` cookings at a time.
pub async fn kitchen_as_a_stream(order_count: u32, cooks: usize, capacity: usize) -> Vec<Dish> {
    // ANCHOR: buffer_unordered
    let (tx, rx) = mpsc::channel::<Order>(capacity);
    let waiter = async move {
        for number in 1..=order_count {
            tx.send(orders::take_order(number).await).await.expect("the kitchen closed");
        }
    }; // `tx` is dropped when this future finishes
    let incoming = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|o| (o, rx)) });
    let kitchen = incoming.map(orders::cook).buffer_unordered(cooks).collect::<Vec<_>>();
    let ((), dishes) = tokio::join!(waiter, kitchen);
    // ANCHOR_END: buffer_unordered
    dishes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_times, at};
    use std::collections::BTreeSet;
    use workbook::trace::Kind;
    use workbook::{Run, millis, run, secs};

    fn stoves(trace: &Trace) -> BTreeSet<String> {
        trace.events().iter().filter(|e| e.actor.starts_with("stove")).map(|e| e.actor.clone()).collect()
    }

    /// Each order cooked once, none lost.
    fn every_order_once(dishes: &[Dish], order_count: u32) {
        let mut numbers: Vec<u32> = dishes.iter().map(|d| d.order).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=order_count).collect::<Vec<_>>());
    }

    /// Runs the kitchen, and checks that it cooked each of its orders once and took `took`.
    fn serve(order_count: u32, cooks: usize, capacity: usize, how: Receive, took: Duration) -> Run<Vec<Dish>> {
        let run = run(kitchen_receiving(order_count, cooks, capacity, how));
        every_order_once(&run.value, order_count);
        assert_eq!(run.virtual_elapsed, took, "{order_count} orders, {cooks} cooks, room for {capacity}, {how:?}");
        run
    }

    /// The most orders that were taken and not yet on a stove, at any instant.
    fn longest_queue(trace: &Trace) -> usize {
        let mut waiting: usize = 0;
        let mut longest = 0;
        for e in trace.events() {
            if e.actor == "waiter" && e.kind == Kind::End {
                waiting += 1;
            } else if e.actor.starts_with("stove") && e.kind == Kind::Begin {
                waiting -= 1;
            }
            longest = longest.max(waiting);
        }
        longest
    }

    #[test]
    fn a_channel_closes_when_its_sender_is_dropped() {
        let run = run(one_waiter_one_cook());
        assert_eq!(run.value.unwrap().len(), 1);
        assert_eq!(run.virtual_elapsed, millis(1300));
    }

    #[test]
    fn two_cooks_and_a_queue_of_two_take_8_6_seconds() {
        let run = serve(8, 2, 2, Receive::LetStatement, millis(8600));
        assert_eq!(stoves(&run.trace).len(), 2);
        // The waiter stands at the pass with order #6 from 1.8 s to 2.6 s.
        assert_eq!(at(&run.trace, "waiter", "order #6: roast"), millis(1800));
        assert_eq!(at(&run.trace, "waiter", "taking order #7"), millis(2600));
        assert_eq!(at(&run.trace, "stove 2", "cooking #4"), millis(2600));
        assert!(longest_queue(&run.trace) <= 3, "two on the rail, one in the waiter's hand");
    }

    #[test]
    fn three_cooks_and_a_queue_of_one_take_7_9_seconds() {
        serve(10, 3, 1, Receive::LetStatement, millis(7900));
    }

    #[test]
    fn the_kitchen_closes_when_the_orders_run_out() {
        serve(3, 2, 2, Receive::LetStatement, millis(4300));
        let run = serve(0, 2, 2, Receive::LetStatement, Duration::ZERO);
        assert!(run.value.is_empty());
    }

    #[test]
    fn where_the_lock_is_released_decides_everything() {
        for (how, took) in [
            (Receive::LetStatement, millis(8600)),
            (Receive::LetElse, millis(8600)),
            (Receive::WhileLet, millis(15300)),
            (Receive::Match, millis(15300)),
        ] {
            serve(8, 2, 2, how, took);
        }
        let run = run(kitchen_holding_the_lock(8, 2, 2));
        assert_eq!(stoves(&run.trace).into_iter().collect::<Vec<_>>(), ["stove 1"]);
    }

    #[test]
    fn unbounded_the_waiter_never_waits() {
        let run = run(unbounded_kitchen(8, 2));
        every_order_once(&run.value, 8);
        assert_times(&run, millis(8600), &[("waiter", "order #8: pasta", millis(2400))]);
        assert_eq!(longest_queue(&run.trace), 5);
    }

    #[test]
    fn a_sender_that_stays_keeps_the_cooks_waiting_forever() {
        let run = run(async {
            let outcome = tokio::time::timeout(secs(60), kitchen_keeping_the_sender(8, 2, 2)).await;
            outcome.is_err()
        });
        assert!(run.value, "run_kitchen never returns");
        assert_eq!(at(&run.trace, "stove 2", "#8 pasta ready"), millis(8600));
    }

    #[test]
    fn cooks_spawned_after_the_waiter_never_come() {
        let run = run(async { tokio::time::timeout(secs(60), cooks_after_the_waiter(8, 2, 2)).await.is_err() });
        assert!(run.value);
        assert!(run.trace.find("waiter", "taking order #4").is_none(), "{}", run.trace.table());
        assert!(stoves(&run.trace).is_empty());
    }

    #[test]
    fn a_task_per_order_cooks_everything_at_once() {
        let run = run(task_per_order(8, 2));
        every_order_once(&run.value, 8);
        assert!(stoves(&run.trace).len() > 2, "{}", run.trace.table());
        assert_eq!(at(&run.trace, "waiter", "order #8: pasta"), millis(2400), "the waiter never waits");
    }

    #[test]
    fn a_stream_with_buffer_unordered_keeps_the_rules() {
        let run = run(kitchen_as_a_stream(8, 2, 2));
        every_order_once(&run.value, 8);
        assert_eq!(run.virtual_elapsed, millis(8600));
        assert_eq!(stoves(&run.trace).len(), 2);
        assert_eq!(at(&run.trace, "waiter", "taking order #7"), millis(2600));
    }

    #[test]
    fn a_bounded_channel_needs_room_for_one() {
        let outcome = std::panic::catch_unwind(|| mpsc::channel::<Order>(0));
        assert!(outcome.is_err(), "mpsc::channel(0) panics");
    }

    /// Runs the photo lab, and checks that every photo came back, that all its workers
    /// resized side by side, and that it took `took`.
    fn develop(photos: u32, workers: usize, capacity: usize, took: Duration) {
        let run = run(photo_lab(photos, workers, capacity));
        assert_eq!(run.value.len(), photos as usize);
        assert_eq!(jobs::peak(), workers);
        assert_eq!(run.virtual_elapsed, took);
    }

    #[test]
    fn the_photo_lab_resizes_side_by_side_and_ends_with_its_workers() {
        // Six scans of 0.3 s, two workers of 1 s a photo: the last photo waits on the tray.
        develop(6, 2, 2, millis(3600));
        let empty = workbook::run(photo_lab(0, 2, 2));
        assert!(empty.value.is_empty());
        assert_eq!(empty.virtual_elapsed, Duration::ZERO);
    }

    #[test]
    fn a_full_tray_makes_the_scanner_wait() {
        // One worker, a tray of one: the scanner is ahead, then waits for room.
        develop(4, 1, 1, millis(4300));
    }

    #[test]
    fn the_middle_of_the_service_is_cut_from_the_recorded_trace() {
        let picture = middle_of_the_service();
        let first = &picture.trace.events()[0];
        assert_eq!((first.at, first.what.as_str()), (millis(900), "order #3: roast"));
        assert!(picture.trace.events().iter().all(|e| e.at <= millis(2600)));
    }
}
