//! A simulated restaurant kitchen: a waiter takes orders ([`take_order`], 0.3 s each)
//! and the dishes are cooked on the kitchen's stoves ([`cook`], 1 s to 3 s, see
//! [`MENU`]).
//!
//! Traced as actor `waiter` for taking orders, and `stove 1`, `stove 2`, … for
//! cooking. A dish goes on the lowest-numbered stove that is free when cooking starts,
//! so the number of stoves in the trace is the number of dishes that cooked at the
//! same time, and which stove cooked which order doesn't depend on how the work was
//! handed out, only on when.

use std::cell::RefCell;
use std::time::Duration;

use crate::trace::Span;

/// How long the waiter takes to take one order: 0.3 s.
///
/// ```
/// assert_eq!(workbook::sim::orders::TAKE_TIME, workbook::millis(300));
/// ```
pub const TAKE_TIME: Duration = Duration::from_millis(300);

/// What the kitchen cooks, and how long each dish takes. Order `n` is for dish
/// `MENU[(n - 1) % 3]`: orders 1, 4, 7, … are soup (1 s), orders 2, 5, 8, … pasta
/// (2 s), orders 3, 6, 9, … roast (3 s).
///
/// ```
/// use workbook::sim::orders::MENU;
/// assert_eq!(MENU[2], ("roast", workbook::secs(3)));
/// ```
pub const MENU: [(&str, Duration); 3] =
    [("soup", Duration::from_secs(1)), ("pasta", Duration::from_secs(2)), ("roast", Duration::from_secs(3))];

/// The kitchen's pace in this run: how long taking an order and cooking each dish of
/// the [`MENU`] take. `None` for the defaults ([`TAKE_TIME`], [`MENU`]).
#[derive(Clone, Copy, Debug)]
struct Pace {
    take: Duration,
    cook: [Duration; 3],
}

thread_local! {
    static PACE: RefCell<Option<Pace>> = const { RefCell::new(None) };
    /// Every dish the kitchen finished cooking in this run, in the order they were ready.
    static COOKED: RefCell<Vec<Dish>> = const { RefCell::new(Vec::new()) };
    /// The stoves of this run's kitchen: `true` while a dish cooks on it.
    static STOVES: RefCell<Vec<bool>> = const { RefCell::new(Vec::new()) };
}

/// Forgets this module's per-run state: every stove is free again.
pub(crate) fn reset() {
    STOVES.with(|stoves| stoves.borrow_mut().clear());
    PACE.with(|pace| *pace.borrow_mut() = None);
    COOKED.with(|cooked| cooked.borrow_mut().clear());
}

/// Sets the kitchen's pace for the rest of this run: taking an order takes `take`,
/// and cooking a soup, a pasta and a roast takes `cook[0]`, `cook[1]` and `cook[2]`.
/// The default is [`TAKE_TIME`] and the times of the [`MENU`].
///
/// ```
/// use workbook::{millis, run, sim::orders::{self, Order}};
///
/// let run = run(async {
///     orders::set_pace(millis(337), [millis(411), millis(777), millis(1213)]);
///     let order = orders::take_order(2).await;
///     orders::cook(order).await
/// });
/// run.assert_elapsed(millis(337 + 777));
/// ```
pub fn set_pace(take: Duration, cook: [Duration; 3]) {
    PACE.with(|pace| *pace.borrow_mut() = Some(Pace { take, cook }));
}

/// How long taking an order takes in this run: [`TAKE_TIME`] unless [`set_pace`] said
/// otherwise.
pub fn take_time() -> Duration {
    PACE.with(|pace| pace.borrow().map_or(TAKE_TIME, |p| p.take))
}

/// Every dish that [`cook`] finished in this run, in the order they were ready: the
/// kitchen's ledger, to tell real dishes from dishes written by hand.
///
/// ```
/// use workbook::{run, sim::orders::{self, Order}};
///
/// let run = run(async {
///     orders::cook(Order { number: 1, dish: "soup" }).await;
///     orders::cooked()
/// });
/// assert_eq!(run.value.len(), 1);
/// ```
pub fn cooked() -> Vec<Dish> {
    COOKED.with(|cooked| cooked.borrow().clone())
}

/// One order, as the waiter wrote it down. There is one ticket per order, so an
/// `Order` can't be cloned: it is moved from the waiter to whoever cooks it.
///
/// ```
/// use workbook::sim::orders::Order;
///
/// let run = workbook::run(workbook::sim::orders::take_order(5));
/// assert_eq!(run.value, Order { number: 5, dish: "pasta" });
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Order {
    /// The order's number: 1 for the first order of the day, 2 for the next, …
    pub number: u32,
    /// What was ordered, from the [`MENU`].
    pub dish: &'static str,
}

impl Order {
    /// How long this order takes to cook (see [`MENU`]).
    ///
    /// ```
    /// use workbook::sim::orders::Order;
    /// let order = Order { number: 2, dish: "pasta" };
    /// assert_eq!(order.cook_time(), workbook::secs(2));
    /// ```
    pub fn cook_time(&self) -> Duration {
        let index = MENU.iter().position(|(dish, _)| *dish == self.dish).unwrap_or(0);
        PACE.with(|pace| pace.borrow().map_or(MENU[index].1, |p| p.cook[index]))
    }
}

/// A cooked dish, ready to be served.
///
/// ```
/// use workbook::sim::orders::{self, Order};
///
/// let run = workbook::run(orders::cook(Order { number: 1, dish: "soup" }));
/// assert_eq!((run.value.order, run.value.name), (1, "soup"));
/// ```
///
/// Only [`cook`] makes dishes: the struct is `#[non_exhaustive]`, so code outside the
/// kitchen can read a dish's fields but can't write a `Dish { .. }` of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dish {
    /// The number of the order it was cooked for.
    pub order: u32,
    /// What it is: `soup`, `pasta` or `roast`.
    pub name: &'static str,
}

/// The dish ordered in order number `number` (counting from 1).
///
/// ```
/// assert_eq!(workbook::sim::orders::dish_of(4), "soup");
/// ```
pub fn dish_of(number: u32) -> &'static str {
    MENU[number.saturating_sub(1) as usize % MENU.len()].0
}

/// The waiter takes order number `number` at a table: 0.3 s ([`TAKE_TIME`]). Traced as
/// actor `waiter`: `taking order #3`, then `order #3: roast`.
///
/// ```
/// use workbook::{run, millis, sim::orders};
///
/// let run = run(orders::take_order(3));
/// assert_eq!(run.value.dish, "roast");
/// run.assert_elapsed(millis(300));
/// assert!(run.trace.find("waiter", "order #3: roast").is_some());
/// ```
pub async fn take_order(number: u32) -> Order {
    let dish = dish_of(number);
    super::wait(
        "waiter".to_string(),
        &format!("taking order #{number}"),
        take_time(),
        &format!("order #{number}: {dish}"),
    )
    .await;
    Order { number, dish }
}

/// Cooks `order`: soup takes 1 s, pasta 2 s, roast 3 s ([`MENU`]). The dish goes on
/// the lowest-numbered free stove, and is traced as actor `stove N`: `cooking #3 roast`,
/// then `#3 roast ready`, or `dropped (cancelled)` if the future is dropped first.
///
/// Two dishes cooked together take two stoves:
///
/// ```
/// use workbook::{run, secs, sim::orders::{self, Order}};
///
/// let run = run(async {
///     let soup = Order { number: 1, dish: "soup" };
///     let pasta = Order { number: 2, dish: "pasta" };
///     tokio::join!(orders::cook(soup), orders::cook(pasta))
/// });
/// run.assert_elapsed(secs(2));
/// assert_eq!(run.value.0.name, "soup");
/// assert!(run.trace.find("stove 1", "#1 soup ready").is_some());
/// assert!(run.trace.find("stove 2", "#2 pasta ready").is_some());
/// ```
///
/// One after the other, they share one stove:
///
/// ```
/// use workbook::{run, secs, sim::orders};
///
/// let run = run(async {
///     let first = orders::take_order(1).await; // 0.3 s
///     let soup = orders::cook(first).await; // 1 s
///     let second = orders::take_order(2).await; // 0.3 s
///     (soup, orders::cook(second).await) // 2 s
/// });
/// run.assert_elapsed(workbook::millis(3600));
/// assert_eq!(run.trace.of("stove 1").count(), 4);
/// ```
pub async fn cook(order: Order) -> Dish {
    let stove = Stove::take();
    let time = order.cook_time();
    let Order { number, dish } = order;
    let span = Span::begin(format!("stove {}", stove.number()), &format!("cooking #{number} {dish}"));
    tokio::time::sleep(time).await;
    span.end(&format!("#{number} {dish} ready"));
    drop(stove);
    let ready = Dish { order: number, name: dish };
    COOKED.with(|cooked| cooked.borrow_mut().push(ready.clone()));
    ready
}

/// A stove in use; dropping it frees the stove, also when the cooking is cancelled.
struct Stove {
    index: usize,
}

impl Stove {
    /// Takes the lowest-numbered free stove, or a new one if every stove is in use.
    fn take() -> Stove {
        STOVES.with(|stoves| {
            let mut stoves = stoves.borrow_mut();
            let index = match stoves.iter().position(|in_use| !in_use) {
                Some(index) => index,
                None => {
                    stoves.push(false);
                    stoves.len() - 1
                }
            };
            stoves[index] = true;
            Stove { index }
        })
    }

    /// The stove's number, counting from 1.
    fn number(&self) -> usize {
        self.index + 1
    }
}

impl Drop for Stove {
    fn drop(&mut self) {
        // `try_with`: a stove dropped while the thread shuts down has nothing to free.
        let _ = STOVES.try_with(|stoves| {
            if let Some(in_use) = stoves.borrow_mut().get_mut(self.index) {
                *in_use = false;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{millis, run, secs};

    #[test]
    fn a_cancelled_dish_frees_its_stove() {
        let run = run(async {
            let roast = Order { number: 3, dish: "roast" };
            let _ = tokio::time::timeout(secs(1), cook(roast)).await;
            cook(Order { number: 1, dish: "soup" }).await
        });
        run.assert_elapsed(secs(2));
        let stove_1: Vec<&str> = run.trace.of("stove 1").map(|e| e.what.as_str()).collect();
        assert_eq!(stove_1, ["cooking #3 roast", "dropped (cancelled)", "cooking #1 soup", "#1 soup ready"]);
    }

    #[test]
    fn a_free_stove_is_reused_before_a_new_one() {
        let run = run(async {
            let long = tokio::spawn(cook(Order { number: 3, dish: "roast" }));
            let short = tokio::spawn(cook(Order { number: 1, dish: "soup" }));
            short.await.unwrap();
            tokio::time::sleep(millis(500)).await;
            let later = tokio::spawn(cook(Order { number: 4, dish: "soup" }));
            (long.await.unwrap(), later.await.unwrap())
        });
        assert!(run.trace.find("stove 2", "cooking #4 soup").is_some());
        assert!(run.trace.find("stove 3", "cooking").is_none());
    }

    #[test]
    fn every_run_starts_with_free_stoves() {
        // A run that ends with a dish still cooking must not leave its stove taken.
        let _ = run(async {
            tokio::spawn(cook(Order { number: 3, dish: "roast" }));
            tokio::task::yield_now().await;
        });
        let run = run(cook(Order { number: 1, dish: "soup" }));
        assert!(run.trace.find("stove 1", "cooking #1 soup").is_some());
    }
}
