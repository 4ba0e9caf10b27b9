//! The checks of exercise 02. Read them if you like; `grader check` notices edits.

use super::*;
use workbook::sim::cafe::{self, Drink, Ticket};
use workbook::trace::note;
use workbook::{assert_trace, format_secs, secs};

/// Where the first event of `actor` whose text contains `what` sits in the trace.
fn position(run: &workbook::Run<Drink>, actor: &str, what: &str) -> Option<usize> {
    run.trace.events().iter().position(|e| e.actor == actor && e.what.contains(what))
}

workbook::checks! {
    fn order_is_taken_when_awaited() {
        let run = workbook::run(async {
            note("check", "calls take_order(\"Ada\", \"latte\")");
            let order = take_order("Ada", "latte");
            tokio::time::sleep(secs(2)).await;
            note("check", "awaits the order");
            order.await
        });
        let expected = Ticket { customer: "Ada".to_string(), drink: "latte".to_string() };
        run.ensure(
            run.value == expected,
            format!("Awaiting take_order(\"Ada\", \"latte\") should give the ticket {expected:?}; it gave {:?}.", run.value),
        );
        let tickets: Vec<_> = run.trace.of("till").collect();
        match tickets.as_slice() {
            [] => run.fail(
                "Awaiting the order gave back a ticket, but no ticket was written: the café only \
                 knows about an order once `cafe::write_ticket` has been called for it.",
            ),
            [ticket] if ticket.at != secs(2) => run.fail(format!(
                "The ticket was written at {}, as soon as take_order was called, but the check \
                 awaited the order only at 2.000s.\n\
                 In Python, calling an `async def` function runs none of its body: it hands back a \
                 coroutine object, and the body runs when you await it. In Rust only the code inside \
                 an `async` block (or an `async fn`) waits for `.await`. take_order is a plain `fn`: \
                 every line before its `async` block runs at once, when it is called, and the block \
                 just hands over a ticket that already exists.\n\
                 Do the work inside the block: `async move {{ cafe::write_ticket(customer, drink) }}`.",
                format_secs(ticket.at)
            )),
            [_] => {}
            more => run.fail(format!(
                "One order should write one ticket; {} were written. Call `cafe::write_ticket` once, \
                 inside the future.",
                more.len()
            )),
        }
        run.assert_elapsed(secs(2));
        assert_trace!(run, "order_is_taken_when_awaited");
    }

    fn order_never_awaited_writes_nothing() {
        let run = workbook::run(async {
            let order = take_order("Bob", "tea");
            drop(order);
        });
        if let Some(ticket) = run.trace.of("till").next() {
            run.fail(format!(
                "take_order(\"Bob\", \"tea\") was called and its future dropped without ever being \
                 awaited, yet a ticket was written at {}.\n\
                 A future that is never awaited must do nothing, like a Python coroutine object \
                 that is never awaited: nobody asked for this order to be taken. Work that runs \
                 before the `async` block in take_order runs whether or not anyone awaits: move it \
                 inside the block.",
                format_secs(ticket.at)
            ));
        }
    }

    fn latte_is_made_step_by_step() {
        let run = workbook::run(async {
            let ticket = cafe::write_ticket("Ada", "latte");
            make_latte(&ticket).await
        });
        let expected = Drink { customer: "Ada".to_string(), name: "latte".to_string() };
        run.ensure(
            run.value == expected,
            format!("make_latte should give back {expected:?}; it gave {:?}.", run.value),
        );
        // Grind 1 s, then the shot 2 s, then the milk 1 s: each step awaited before the next.
        run.assert_elapsed(secs(4));
        assert_trace!(run, "latte_is_made_step_by_step");
    }

    fn customer_is_called_after_pouring() {
        let run = workbook::run(serve("Ada", "latte"));
        let expected = Drink { customer: "Ada".to_string(), name: "latte".to_string() };
        run.ensure(
            run.value == expected,
            format!("serve(\"Ada\", \"latte\") should give back {expected:?}; it gave {:?}.", run.value),
        );
        let poured = position(&run, "barista", "poured");
        let called = position(&run, "counter", "called Ada");
        match (poured, called) {
            (None, _) => run.fail("serve never poured a latte: it should make one with make_latte."),
            (Some(_), None) => run.fail(
                "The latte was poured, but Ada was never called to the counter.\n\
                 `cafe::call_customer(customer)` does not call anyone: like calling an `async def` \
                 function in Python, it only builds a future, and a future does nothing until it is \
                 awaited. Python would let this slip with `RuntimeWarning: coroutine \
                 'call_customer' was never awaited`; rustc refuses it: \"unused implementer of \
                 `Future` that must be used\".\n\
                 `let _ = cafe::call_customer(..)` silences rustc but changes nothing: `let _ =` \
                 drops the future without running it, so the customer is still never called, only \
                 more quietly (`drop(..)` does the same). Await it: \
                 `cafe::call_customer(customer).await`.",
            ),
            (Some(poured), Some(called)) if called < poured => {
                let at = format_secs(run.trace.events()[called].at);
                run.fail(format!(
                    "Ada was called to the counter at {at}, before her latte was poured. Awaiting \
                     runs a future right there, at that line: call the customer after make_latte \
                     has finished."
                ))
            }
            _ => {}
        }
        run.assert_elapsed(secs(4));
        assert_trace!(run, "customer_is_called_after_pouring");
    }
}
