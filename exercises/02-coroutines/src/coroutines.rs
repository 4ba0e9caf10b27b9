//! # 02 · coroutines: a future does nothing until it is awaited
//!
//! In Python, calling an `async def` function runs none of its body: you get a
//! coroutine object, and the work happens when you `await` it. A Rust future is the
//! same: calling an `async fn` only builds the future; `.await` runs it.
//!
//! You run a small café (`workbook::sim::cafe`). Grinding takes 1 s, pulling a shot
//! 2 s, steaming milk 1 s; writing a ticket, pouring and calling the customer are
//! instant. Write:
//!
//! 1. `take_order`: a plain `fn` that returns a future. The ticket must be written
//!    when that future is awaited, not when `take_order` is called.
//! 2. `make_latte`: grind, pull the shot, steam the milk, pour, in that order: 4 s.
//! 3. `serve`: take the order, make the latte, then call the customer.
//!
//! **This file does not compile yet, on purpose.** It has two mistakes that Python
//! notices only at run time, if at all; rustc refuses them (the second once the
//! first is fixed). Read its errors first. After that the checks judge when each
//! step happened, to the millisecond of virtual time, and in which order.
//!
//! Run `grader check 02` to see how your code ran, `grader hint 02` for a hint. The
//! chapter is `docs/src/02-coroutines.md`.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// Takes an order, as a future: awaiting it writes the ticket (`cafe::write_ticket`)
/// and gives it back. Calling `take_order` without awaiting its future must write
/// nothing.
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    // TODO: the ticket is written here and now, while the caller has only asked
    //       for a future. Only the code inside an `async` block waits for `.await`.
    let ticket = cafe::write_ticket(customer, drink);
    async move { ticket }
}

/// Makes the drink on `ticket`: grind the beans, pull a shot from the grounds, steam
/// the milk, then pour. One step after another: 4 s.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    // TODO: one of these steps is never carried out. rustc says which.
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk();
    cafe::pour_latte(ticket, shot, milk)
}

/// Serves a customer: takes the order, makes the latte, then calls the customer to
/// the counter (`cafe::call_customer`) and hands the drink over.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    // TODO: rustc rejects the next line. What does it say is missing?
    cafe::call_customer(customer);
    latte
}
