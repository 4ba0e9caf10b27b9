//! The checks of exercise 13. Read them if you like; `grader check` notices edits.
//!
//! Each check serves some orders through `run_kitchen` and reads the trace: when the
//! waiter took each order, when it went on a stove, when it was ready. The kitchen
//! puts a dish on the lowest-numbered free stove, so `stove 3` in the trace means
//! that three dishes were cooking at the same time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use super::*;
use workbook::sim::orders::{self, Dish};
use workbook::story::listed;
use workbook::trace::{Kind, Trace};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// How long (in virtual time) a check waits for `run_kitchen` to return before it
/// calls the kitchen stuck.
const PATIENCE: Duration = secs(60);

/// What one service gave back: the dishes, when `run_kitchen` returned, and the
/// kitchen's ledger at that instant (every dish a stove had finished). `None` if it
/// had not returned after [`PATIENCE`].
type Service = Option<(Vec<Dish>, Duration, Vec<Dish>)>;

/// Serves `order_count` orders with `cooks` cooks and a queue of `capacity`.
async fn serve(order_count: u32, cooks: usize, capacity: usize) -> Service {
    let start = tokio::time::Instant::now();
    let dishes = workbook::story::within(PATIENCE, run_kitchen(order_count, cooks, capacity)).await.ok()?;
    Some((dishes, start.elapsed(), orders::cooked()))
}

/// The same, at a pace that is not a round number (take an order in 0.337 s; a soup
/// cooks in 0.411 s, a pasta in 0.777 s, a roast in 1.213 s), so cooks are faster than
/// the waiter and stand idle, and times that a polling loop would round off show.
async fn serve_at_odd_pace(order_count: u32, cooks: usize, capacity: usize) -> Service {
    orders::set_pace(millis(337), [millis(411), millis(777), millis(1213)]);
    serve(order_count, cooks, capacity).await
}

/// What happened to one order, as the trace tells it.
#[derive(Default)]
struct Life {
    /// The waiter started taking it.
    taking: Option<Duration>,
    /// The waiter had it in hand.
    taken: Option<Duration>,
    /// It went on a stove.
    cooking: Option<Duration>,
    /// The dish was ready.
    ready: Option<Duration>,
    /// Its cooking was cancelled.
    dropped: Option<Duration>,
}

/// The life of every order `1..=order_count`, by number (index 0 is order #1).
fn lives(trace: &Trace, order_count: u32) -> Vec<Life> {
    (1..=order_count)
        .map(|number| {
            let dish = orders::dish_of(number);
            let mut life = Life::default();
            let mut stove: Option<&str> = None;
            for e in trace.events() {
                if e.actor == "waiter" {
                    if e.kind == Kind::Begin && e.what == format!("taking order #{number}") {
                        life.taking.get_or_insert(e.at);
                    }
                    if e.kind == Kind::End && e.what == format!("order #{number}: {dish}") {
                        life.taken.get_or_insert(e.at);
                    }
                } else if e.kind == Kind::Begin && stove.is_none() && e.what == format!("cooking #{number} {dish}") {
                    life.cooking = Some(e.at);
                    stove = Some(&e.actor);
                } else if stove == Some(e.actor.as_str()) && life.ready.is_none() && life.dropped.is_none() {
                    match e.kind {
                        Kind::End => life.ready = Some(e.at),
                        Kind::Dropped => life.dropped = Some(e.at),
                        _ => {}
                    }
                }
            }
            life
        })
        .collect()
}

/// How many stoves were used: the most dishes that cooked at the same time.
fn stoves_used(trace: &Trace) -> usize {
    trace.events().iter().filter_map(|e| e.actor.strip_prefix("stove ")?.parse().ok()).max().unwrap_or(0)
}

/// `order #5`, `orders #1 and #2`, `orders #1, #2 and #5`.
fn orders_named(orders: &[u32]) -> String {
    match orders {
        [] => "no order".to_string(),
        [one] => format!("order #{one}"),
        _ => format!("orders {}", listed(orders.iter().map(|n| format!("#{n}")))),
    }
}

/// The same, at the start of a sentence.
fn orders_named_first(orders: &[u32]) -> String {
    let named = orders_named(orders);
    format!("O{}", &named[1..])
}

/// `was` for one order, `were` for more.
fn was(orders: &[u32]) -> &'static str {
    if orders.len() == 1 { "was" } else { "were" }
}

/// The timeline of `trace` up to `end`, indented, for a message.
fn picture(trace: &Trace, end: Duration) -> String {
    let mut out = String::new();
    for line in workbook::timeline(trace, end).lines() {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// Fails with a lesson unless `run_kitchen` returned; gives back the dishes and when.
fn ensure_returned(run: &Run<Service>, order_count: u32, capacity: usize) -> (&[Dish], Duration) {
    if let Some((dishes, returned_at, cooked)) = &run.value {
        ensure_dishes_came_from_stoves(run, dishes, cooked);
        return (dishes, *returned_at);
    }
    let last = run.trace.events().iter().map(|e| e.at).max().unwrap_or_default();
    let lives = lives(&run.trace, order_count);
    let ready = lives.iter().filter(|l| l.ready.is_some()).count();
    let taken: Vec<u32> = (1..=order_count).filter(|n| lives[*n as usize - 1].taken.is_some()).collect();
    let patience = format_secs(PATIENCE);
    let sender_alive = "A cook's `rx.recv().await` returns `None` only once the queue is empty *and* every \
         Sender is gone: while a Sender is alive, another order might still come, so `recv()` waits. \
         The trace can't show what each task waited for; the usual causes:\n\
         - a Sender outlived the waiter: `tx` still in scope while run_kitchen waits for the cooks \
         (the waiter's loop ran in run_kitchen itself, or got a `tx.clone()`), or a cook holds a \
         Sender. Call `drop(tx)` once the last order is sent, or move `tx` into the waiter's task so \
         it goes when the waiter is done;\n\
         - the end of service was told some other way (a `done` flag, `rx.close()` from the waiter) \
         that a cook already waiting in `recv()` never sees, or that waits for the receiver's lock \
         while an idle cook holds it in `recv()`. Dropping the last Sender wakes every waiting \
         `recv()`.";
    let lesson = if order_count == 0 {
        format!(
            "run_kitchen(0, ..) never returned: with no orders at all, it was still waiting after \
             {patience}.\nWith nothing to send, the waiter is done at once, and the cooks should \
             stop at once too. {sender_alive}"
        )
    } else if ready == order_count as usize {
        format!(
            "run_kitchen never returned. All {order_count} dishes were ready by {}, and then nothing \
             happened until the check gave up, {patience} after the start: something still waited.\n\
             {sender_alive}\n\
             - something else that never comes: a lock another task never releases, or the \
             `JoinHandle` of a task that never ends.",
            format_secs(last)
        )
    } else if ready == 0
        && taken.len() == capacity + 1
        && (taken.len() as u32) < order_count
        && stoves_used(&run.trace) == 0
    {
        let stuck = taken.last().copied().unwrap_or(1);
        format!(
            "run_kitchen never returned. The waiter took {} and then stood still with order \
             #{stuck} in hand: no cook ever took an order out of the queue (no dish went on a \
             stove), so the {capacity} orders before it filled the queue of {capacity}, and \
             `tx.send(..).await` waited for room that never came.\n\
             With a bounded channel, the cooks must be at work while the waiter sends. Either \
             they were not running yet: spawn the cook tasks before the waiter's loop (or spawn \
             the waiter as a task of its own), and wait for the cooks only after the waiter is \
             done. Or they had already stopped: a cook must stop only when `recv()` returns \
             `None`, not when the queue happens to be empty (`try_recv()` finds it empty before \
             the first order is even taken).",
            orders_named(&taken)
        )
    } else if ready == 0 && stoves_used(&run.trace) == 0 {
        format!(
            "run_kitchen never returned. The waiter took {} of {order_count} orders, no dish ever went \
             on a stove, and nothing happened after {}.\n\
             Possible causes: the cooks were not running while the waiter sent (spawn them before the \
             waiter's loop, and wait for them only after the waiter is done), or had already stopped \
             (a cook must stop only when `recv()` returns `None`); the waiter waits for something that \
             needs the cooks first; a lock or a `JoinHandle` that never comes back.",
            if taken.is_empty() { "none".to_string() } else { orders_named(&taken) },
            format_secs(last)
        )
    } else {
        format!(
            "run_kitchen never returned: after {patience}, {ready} of {order_count} dishes were ready, \
             and nothing had happened since {}. Something waits for an event that can no longer \
             happen: a cook waiting on `recv()` while a Sender is kept alive somewhere, a cook \
             waiting for a lock another task never releases, or a task that waits for the caller.",
            format_secs(last)
        )
    };
    workbook::fail(format!("{lesson}\n\nWhat happened before everything stopped:\n{}", picture(&run.trace, last)))
}

/// Fails with a lesson unless every dish in `dishes` is one that a stove finished
/// (the kitchen's ledger, `cooked`). A dish returned twice is left to
/// [`ensure_every_order_cooked_once`].
fn ensure_dishes_came_from_stoves(run: &Run<Service>, dishes: &[Dish], cooked: &[Dish]) {
    let mut made_up: Vec<u32> = dishes.iter().filter(|d| !cooked.contains(d)).map(|d| d.order).collect();
    if made_up.is_empty() {
        return;
    }
    made_up.sort_unstable();
    made_up.dedup();
    let ready: Vec<String> = cooked.iter().map(|d| format!("#{} {}", d.order, d.name)).collect();
    run.fail(format!(
        "run_kitchen returned a dish for {} that no stove had cooked by the time it returned: the \
         kitchen's ledger of dishes ready lists {}.\n\
         A dish must be what `orders::cook(order).await` gave back, collected from the cooks (each \
         cook task returns what it cooked, or sends it on a channel), not a `Dish {{ .. }}` written by \
         hand for each order number.",
        orders_named(&made_up),
        if ready.is_empty() { "none".to_string() } else { ready.join(", ") },
    ));
}

/// Fails with a lesson unless `dishes` holds exactly one dish for each order
/// `1..=order_count`.
fn ensure_every_order_cooked_once(run: &Run<Service>, dishes: &[Dish], order_count: u32) {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for dish in dishes {
        *counts.entry(dish.order).or_default() += 1;
    }
    let twice: Vec<u32> = counts.iter().filter(|(_, count)| **count > 1).map(|(n, _)| *n).collect();
    if !twice.is_empty() {
        run.fail(format!(
            "run_kitchen returned more than one dish for {}. A channel hands each order to exactly \
             one receiver, so no order is cooked twice unless it went into the queue twice, or its \
             dish was added to the result twice.",
            orders_named(&twice)
        ));
    }
    let strangers: Vec<u32> = counts.keys().copied().filter(|n| !(1..=order_count).contains(n)).collect();
    if !strangers.is_empty() {
        run.fail(format!(
            "run_kitchen returned dishes for {}, but only orders #1 to #{order_count} were placed: \
             take the orders `1..=order_count`.",
            orders_named(&strangers)
        ));
    }
    let missing: Vec<u32> = (1..=order_count).filter(|n| !counts.contains_key(n)).collect();
    if missing.is_empty() {
        return;
    }
    let lives = lives(&run.trace, order_count);
    let life = |n: &u32| &lives[*n as usize - 1];
    let never_taken: Vec<u32> = missing.iter().copied().filter(|n| life(n).taken.is_none()).collect();
    let never_cooked: Vec<u32> =
        missing.iter().copied().filter(|n| life(n).taken.is_some() && life(n).cooking.is_none()).collect();
    let cancelled: Vec<u32> = missing.iter().copied().filter(|n| life(n).dropped.is_some()).collect();
    let not_returned: Vec<u32> = missing.iter().copied().filter(|n| life(n).ready.is_some()).collect();
    let mut lesson = format!(
        "Every order must be cooked exactly once, but run_kitchen returned no dish for {} ({} dishes \
         for {order_count} orders).\n",
        orders_named(&missing),
        dishes.len()
    );
    if !never_taken.is_empty() {
        let _ = writeln!(
            lesson,
            "- The waiter never took {} (no `taking order` for {} in the trace). Take every order of \
             `1..=order_count` (an inclusive range), and keep the waiter going to the last one: if it \
             stopped when a `send` failed, every cook had stopped and dropped the receiver before it.",
            orders_named(&never_taken),
            if never_taken.len() == 1 { "it" } else { "them" },
        );
    }
    if !never_cooked.is_empty() {
        let _ = writeln!(
            lesson,
            "- {} {} taken, but no cook ever took {} out of the queue. The cooks stopped too early, \
             or nobody waited for them. A cook should stop when `recv()` returns `None` (the queue \
             is empty and closed for good), not when the queue happens to be empty for a moment \
             (`try_recv()`, `is_empty()`: at the start of service it is empty, and orders keep \
             coming). And run_kitchen must wait for the cook tasks to finish before it returns.",
            orders_named_first(&never_cooked),
            was(&never_cooked),
            if never_cooked.len() == 1 { "it" } else { "them" },
        );
    }
    if !cancelled.is_empty() {
        let at = cancelled.iter().filter_map(|n| life(n).dropped).min().unwrap_or_default();
        let _ = writeln!(
            lesson,
            "- {} {} on the stove when the cooking was cancelled (`✗ dropped (cancelled)` from {}): \
             the future cooking it was dropped in the middle of its work. Possible causes: a cook's \
             task aborted, or dropped with its JoinSet; a `timeout` or `select!` around \
             `orders::cook(..)` inside a task that went on. Don't stop the cooks when the waiter is done: drop the Sender and wait for them. They \
             cook whatever is still in the queue, then `recv()` returns `None` and they stop by \
             themselves. (Python's pattern of `await queue.join()` and then cancelling the workers \
             has no place here: the closed channel tells the workers when to stop.)",
            orders_named_first(&cancelled),
            was(&cancelled),
            format_secs(at)
        );
    }
    if !not_returned.is_empty() {
        let lost_with_task = if cancelled.is_empty() {
            ""
        } else {
            " If a task was aborted, it never returns, so the dishes it had already cooked are lost with it."
        };
        let _ = writeln!(
            lesson,
            "- {} {} cooked (the trace shows {} ready), but not in the Vec that run_kitchen returned. \
             Collect every cook's dishes: each cook task can return a Vec of what it cooked, or send \
             its dishes on a second channel.{lost_with_task}",
            orders_named_first(&not_returned),
            was(&not_returned),
            if not_returned.len() == 1 { "the dish" } else { "the dishes" },
        );
    }
    run.fail(lesson);
}

/// Fails with a lesson unless `run_kitchen` returned at the instant the last dish was
/// ready.
fn ensure_closes_on_time(run: &Run<Service>, returned_at: Duration, order_count: u32) {
    let last_ready = lives(&run.trace, order_count).iter().filter_map(|l| l.ready).max().unwrap_or_default();
    if returned_at > last_ready {
        run.fail(format!(
            "The last dish was ready at {}, but run_kitchen returned only at {}.\n\
             Once the waiter is done and the last Sender is dropped, a cook's `recv()` returns \
             `None` as soon as the queue is empty: stop the loop then, and the cook tasks end right \
             after the last dish. There is no need to guess that the work is over with a timeout \
             on `recv()` or a sleep: a guess makes everyone wait longer, or loses orders.",
            format_secs(last_ready),
            format_secs(returned_at),
        ));
    }
}

/// Fails with a lesson unless exactly `cooks` dishes cooked at the same time at most.
fn ensure_stoves(run: &Run<Service>, order_count: u32, cooks: usize) {
    ensure_stoves_up_to(run, order_count, cooks, cooks);
}

/// Fails with a lesson unless at most `cooks`, and at least `busiest` (what a correct
/// kitchen reaches), dishes cooked at the same time.
fn ensure_stoves_up_to(run: &Run<Service>, order_count: u32, cooks: usize, busiest: usize) {
    let used = stoves_used(&run.trace);
    if used > cooks {
        run.fail(format!(
            "{used} dishes were cooking at the same time (the trace shows stoves 1 to {used}), but the \
             kitchen has {cooks} cooks, and a cook cooks one dish at a time.\n\
             Spawn exactly `cooks` cook tasks, each running one loop: take the next order out of the \
             queue, cook it, come back for the next. Spawning a task per order (or `join_all` over \
             the orders) cooks them all at once, however many cooks there are."
        ));
    }
    if used >= busiest {
        return;
    }
    let lives = lives(&run.trace, order_count);
    let waiter_cooks = lives.windows(2).all(|pair| match (pair[0].ready, pair[1].taking) {
        (Some(ready), Some(taking)) => taking >= ready,
        _ => false,
    });
    if waiter_cooks && order_count >= 2 {
        run.fail(format!(
            "Each order was taken only once the dish of the order before it was ready: order #2 was \
             taken at {}, when the dish of order #1 was ready, and so on. Only one dish is ever \
             cooking, though the kitchen has {cooks} cooks.\n\
             Possible causes: the waiter cooks each order itself; or it hands the order over and then \
             waits for the dish (a reply channel, a `JoinHandle`) before taking the next.\n\
             Hand the orders to the cooks instead. The waiter puts each order in the queue \
             (`tx.send(order).await`) and goes straight back for the next one, while `cooks` cook \
             tasks, spawned before the waiter starts, take the orders out of the queue and cook them.",
            format_secs(lives[1].taking.unwrap_or_default()),
        ));
    }
    let what = if used == 1 {
        "one dish at a time (every dish went on stove 1)".to_string()
    } else {
        format!("at most {used} dishes at a time")
    };
    run.fail(format!(
        "The kitchen cooked {what}, though it has {cooks} cooks, and a correct kitchen cooks {busiest} \
         at a time here. Possible causes:\n\
         - Fewer than `cooks` cook tasks take orders out of the queue: spawn one per cook, all \
         sharing the one receiver through an `Arc<tokio::sync::Mutex<Receiver<Order>>>`.\n\
         - The cooks share the receiver, but each keeps the lock while it cooks. \
         `while let Some(order) = rx.lock().await.recv().await {{ .. }}` keeps the MutexGuard, a \
         temporary of the `while let` line, alive for the whole loop body, so the other cooks can't \
         take an order until this dish is ready. Take the order in a statement of its own, \
         `let next = rx.lock().await.recv().await;`: the guard is dropped at its `;`, then cook.\n\
         - The orders reach the queue too slowly: the waiter waits for something (a dish, a cook) \
         between two orders."
    ));
}

/// Fails with a lesson if an order waited in the queue at an instant when fewer than
/// `cooks` dishes were cooking: a cook was idle, or gone, while there was work.
fn ensure_no_order_waits_for_an_idle_cook(run: &Run<Service>, order_count: u32, cooks: usize) {
    let lives = lives(&run.trace, order_count);
    let cooking_at = |t: Duration| {
        lives
            .iter()
            .filter(|l| l.cooking.is_some_and(|c| c <= t) && l.ready.or(l.dropped).is_none_or(|r| r > t))
            .count()
    };
    let mut instants: Vec<Duration> = run.trace.events().iter().map(|e| e.at).collect();
    instants.dedup();
    for t in instants {
        let waiting: Vec<u32> = (1..=order_count)
            .filter(|n| {
                let l = &lives[*n as usize - 1];
                l.taken.is_some_and(|taken| taken <= t) && l.cooking.is_none_or(|c| c > t)
            })
            .collect();
        let busy = cooking_at(t);
        let Some(first) = waiting.first().copied() else { continue };
        if busy >= cooks {
            continue;
        }
        let life = &lives[first as usize - 1];
        let until = life.cooking.map_or_else(|| "the end (it was never cooked)".to_string(), format_secs);
        run.fail(format!(
            "At {}, order #{first} was waiting for a cook (taken at {}, on a stove only at {until}), \
             but only {busy} of the {cooks} cooks had a dish on the stove: a cook was idle, or had \
             already stopped, while an order waited.\n\
             The trace shows when dishes cook, not what each cook task was doing; the usual causes:\n\
             - a cook stopped when the queue was empty for a moment (`try_recv()`, `is_empty()`, a \
             timeout on `recv()`) while the waiter was still taking orders: here the cooks are \
             faster than the waiter, so the queue is often empty in the middle of service. Stop only \
             when `recv()` returns `None`;\n\
             - a cook keeps the receiver's lock while it cooks, so the others can't take an order;\n\
             - fewer than `cooks` cook tasks were spawned.\n\n{}",
            format_secs(t),
            format_secs(life.taken.unwrap_or_default()),
            picture(&run.trace, run.virtual_elapsed),
        ));
    }
}

/// Fails with a lesson if the waiter started on order `n + 1` (at `next`) before it
/// had order `n` in hand (at `taken`): the waiter is one person, who takes the orders
/// one after another.
fn ensure_one_order_at_a_time(run: &Run<Service>, n: u32, taken: Duration, next: Duration) {
    if next < taken {
        run.fail(format!(
            "At {}, the waiter started taking order #{} while it was still taking order #{n} (it had \
             order #{n} in hand only at {}): orders were taken side by side, but the waiter is one \
             person, who takes them one after another. Possible causes: the orders taken \
             all at once (`join_all` over `take_order`, like `asyncio.gather`), or a task per table. \
             Take them in one loop, `orders::take_order(number).await` then `tx.send(order).await`, \
             so the waiter also feels the queue's backpressure.",
            format_secs(next),
            n + 1,
            format_secs(taken),
        ));
    }
}

/// Fails with a lesson if some order's taking began before the one before it was in
/// the waiter's hand. Every check runs it: the other rules assume one waiter.
fn ensure_orders_taken_in_turn(run: &Run<Service>, order_count: u32) {
    let lives = lives(&run.trace, order_count);
    for n in 1..order_count {
        if let (Some(taken), Some(next)) = (lives[n as usize - 1].taken, lives[n as usize].taking) {
            ensure_one_order_at_a_time(run, n, taken, next);
        }
    }
}

/// Fails with a lesson unless the waiter waited exactly while the queue was full: it
/// may start on order `n + 1` once it has order `n` in hand and the queue has room for
/// it, which is when order `n - capacity` left the queue for a stove.
fn ensure_backpressure(run: &Run<Service>, order_count: u32, capacity: usize) {
    let lives = lives(&run.trace, order_count);
    let at = |n: u32| &lives[n as usize - 1];
    // The orders taken by `t` and not cooking yet: in the queue, or in the waiter's hand.
    let waiting_at = |t: Duration| -> Vec<u32> {
        (1..=order_count)
            .filter(|n| at(*n).taken.is_some_and(|taken| taken <= t) && at(*n).cooking.is_none_or(|c| c > t))
            .collect()
    };
    for n in 1..order_count {
        let (Some(taken), Some(next)) = (at(n).taken, at(n + 1).taking) else { continue };
        ensure_one_order_at_a_time(run, n, taken, next);
        let freed_by = (n as usize > capacity).then(|| n - capacity as u32);
        let room_at = match freed_by {
            Some(earlier) => match at(earlier).cooking {
                Some(cooking) => cooking.max(taken),
                None => continue,
            },
            None => taken,
        };
        if next < room_at {
            let earlier = freed_by.unwrap_or(1);
            let in_queue: Vec<u32> = waiting_at(next).into_iter().filter(|m| *m != n).collect();
            let most = run.trace.events().iter().map(|e| waiting_at(e.at).len()).max().unwrap_or(0);
            run.fail(format!(
                "At {}, the waiter went on to take order #{}, but the queue was full: {} {} in it, \
                 waiting for a cook (the queue holds {capacity}), and order #{n} was still in the \
                 waiter's hand. The waiter should have waited with order #{n} until a cook took order \
                 #{earlier} out of the queue, at {}. At one point, {most} orders were waiting for a cook.\n\
                 Nothing made the waiter wait. An unbounded queue (`mpsc::unbounded_channel()`, like \
                 Python's `asyncio.Queue()` without a maxsize) grows for as long as the cooks are slower \
                 than the waiter. With `mpsc::channel(capacity)`, `tx.send(order).await` waits while \
                 the queue is full: that wait, called backpressure, slows the waiter down to the \
                 kitchen's pace. (If your channel is bounded, something else holds orders too, such as \
                 a task that takes them out of the queue before a cook is free, or a task per order \
                 that waits to put it in the queue while the waiter itself goes on.)",
                format_secs(next),
                n + 1,
                orders_named(&in_queue),
                was(&in_queue),
                format_secs(room_at),
            ));
        }
        if next > room_at {
            let room = if room_at == taken {
                let in_queue: Vec<u32> = waiting_at(taken).into_iter().filter(|m| *m != n).collect();
                if in_queue.is_empty() {
                    "the queue was empty".to_string()
                } else {
                    format!(
                        "there was room for it in the queue ({} {} in it, and it holds {capacity})",
                        orders_named(&in_queue),
                        was(&in_queue)
                    )
                }
            } else {
                format!(
                    "there was room for it in the queue from {}, when a cook took order #{} out of it",
                    format_secs(room_at),
                    freed_by.unwrap_or(1)
                )
            };
            let why = if at(n).ready == Some(next) {
                format!(
                    "That is the instant order #{n}'s dish was ready. Possible causes: the waiter waited \
                     for the dish to be cooked, as if taking an order and cooking it were one job; or \
                     something it waits for ends when a dish is ready. Put the order in the queue with \
                     `tx.send(order).await` and go on: `send` waits only while the queue is full, and \
                     the cooking happens in the cook tasks, side by side with the waiter."
                )
            } else if lives.iter().any(|l| l.cooking == Some(next)) {
                format!(
                    "That is when a cook took an order out of the queue, so the queue made room later \
                     than a queue of {capacity} would, or the waiter waited for room with empty hands. \
                     Possible causes: a queue smaller than `capacity` (create it with \
                     `mpsc::channel(capacity)`); or a waiter that waits for a free place before it takes \
                     the next order (`tx.reserve().await`, a look at `tx.capacity()`), then takes it. \
                     Take the order first, then `tx.send(order).await`: it waits, order in hand, only \
                     while the queue is full."
                )
            } else {
                "Something besides a full queue made the waiter wait.".to_string()
            };
            run.fail(format!(
                "The waiter had order #{n} in hand at {}, and {room}, but it started on order #{} only \
                 at {}.\n{why}",
                format_secs(taken),
                n + 1,
                format_secs(next),
            ));
        }
    }
}

workbook::checks! {
    fn cooks_work_side_by_side() {
        let run = workbook::run(serve(8, 2, 2));
        let (dishes, returned_at) = ensure_returned(&run, 8, 2);
        ensure_every_order_cooked_once(&run, dishes, 8);
        ensure_orders_taken_in_turn(&run, 8);
        run.assert_not_blocked();
        ensure_stoves(&run, 8, 2);
        ensure_closes_on_time(&run, returned_at, 8);
        // 15 s of cooking shared by two cooks, who start at 0.3 s and 0.6 s.
        run.assert_elapsed(millis(8600));
    }

    fn waiter_waits_while_the_queue_is_full() {
        let run = workbook::run(serve(8, 2, 2));
        let (dishes, returned_at) = ensure_returned(&run, 8, 2);
        ensure_every_order_cooked_once(&run, dishes, 8);
        ensure_orders_taken_in_turn(&run, 8);
        run.assert_not_blocked();
        ensure_backpressure(&run, 8, 2);
        ensure_stoves(&run, 8, 2);
        ensure_closes_on_time(&run, returned_at, 8);
        run.assert_elapsed(millis(8600));
        assert_trace!(run, "waiter_waits_while_the_queue_is_full");
    }

    fn three_cooks_and_a_queue_of_one() {
        let run = workbook::run(serve(10, 3, 1));
        let (dishes, returned_at) = ensure_returned(&run, 10, 1);
        ensure_every_order_cooked_once(&run, dishes, 10);
        ensure_orders_taken_in_turn(&run, 10);
        run.assert_not_blocked();
        ensure_backpressure(&run, 10, 1);
        ensure_stoves(&run, 10, 3);
        ensure_closes_on_time(&run, returned_at, 10);
        run.assert_elapsed(millis(7900));
    }

    fn idle_cooks_stop_when_the_orders_run_out() {
        // Cooks faster than the waiter, at an odd pace: when the last order goes into the
        // queue at 2.022 s, only 3 dishes cook and the fourth cook waits in `recv()`.
        let run = workbook::run(serve_at_odd_pace(6, 4, 2));
        let (dishes, returned_at) = ensure_returned(&run, 6, 2);
        ensure_every_order_cooked_once(&run, dishes, 6);
        ensure_orders_taken_in_turn(&run, 6);
        run.assert_not_blocked();
        ensure_backpressure(&run, 6, 2);
        ensure_stoves_up_to(&run, 6, 4, 3);
        ensure_no_order_waits_for_an_idle_cook(&run, 6, 4);
        ensure_closes_on_time(&run, returned_at, 6);
        // The last order, a roast taken at 2.022 s, is ready 1.213 s later.
        run.assert_elapsed(millis(3235));
        assert_trace!(run, "idle_cooks_stop_when_the_orders_run_out");

        // More cooks than orders: three of them never get one.
        let run = workbook::run(serve_at_odd_pace(2, 5, 3));
        let (dishes, returned_at) = ensure_returned(&run, 2, 3);
        ensure_every_order_cooked_once(&run, dishes, 2);
        ensure_orders_taken_in_turn(&run, 2);
        run.assert_not_blocked();
        ensure_stoves_up_to(&run, 2, 5, 2);
        ensure_closes_on_time(&run, returned_at, 2);
        // The pasta, taken at 0.674 s, is ready 0.777 s later.
        run.assert_elapsed(millis(1451));
    }

    fn kitchen_closes_when_the_orders_run_out() {
        let run = workbook::run(serve(3, 2, 2));
        let (dishes, returned_at) = ensure_returned(&run, 3, 2);
        ensure_every_order_cooked_once(&run, dishes, 3);
        ensure_orders_taken_in_turn(&run, 3);
        run.assert_not_blocked();
        ensure_closes_on_time(&run, returned_at, 3);
        ensure_stoves(&run, 3, 2);
        // Soup on stove 1 (0.3 s to 1.3 s), pasta on stove 2 (0.6 s to 2.6 s), and the
        // roast, taken at 0.9 s, on stove 1 once it is free again (1.3 s to 4.3 s).
        run.assert_elapsed(millis(4300));
        assert_trace!(run, "kitchen_closes_when_the_orders_run_out");

        let empty = workbook::run(serve(0, 2, 2));
        let (dishes, _) = ensure_returned(&empty, 0, 2);
        empty.ensure(
            dishes.is_empty(),
            format!("With no orders, run_kitchen should return no dishes; it returned {dishes:?}."),
        );
        empty.assert_elapsed(Duration::ZERO);
    }
}
