//! The checks of exercise 02. Read them if you like; `grader check` notices edits.

use super::*;
use workbook::sim::cafe::{self, Drink, Ticket};
use workbook::trace::{Kind, note};
use workbook::{assert_trace, format_secs, secs};

/// Where the first event of `actor` whose text contains `what` sits in the trace.
fn position(run: &workbook::Run<Drink>, actor: &str, what: &str) -> Option<usize> {
    run.trace.events().iter().position(|e| e.actor == actor && e.what.contains(what))
}

/// The café's steps, in the order of the recipe: actor and what it makes.
const STEPS: [(&str, &str); 3] =
    [("grinder", "grinding"), ("espresso machine", "pulling the shot"), ("steam wand", "steaming the milk")];

/// Fails with what the café recorded unless make_latte ran its three steps one after
/// another in the recipe's order, each once, and then poured the latte for `customer`.
fn ensure_recipe_followed<T>(run: &workbook::Run<T>, customer: &str) {
    let mut spans = Vec::new();
    for (actor, doing) in STEPS {
        let begins: Vec<_> = run.trace.of(actor).filter(|e| e.kind == Kind::Begin).collect();
        let end = run.trace.of(actor).find(|e| e.kind == Kind::End);
        let dropped = run.trace.of(actor).find(|e| e.kind == Kind::Dropped).map(|e| e.at);
        match (begins.as_slice(), end) {
            ([], _) => run.fail(format!(
                "The café recorded no {doing} in this run (`{actor}` never started): every step of the \
                 recipe must be carried out, by awaiting its `cafe::` call."
            )),
            ([_], Some(end)) => spans.push((actor, begins[0].at, end.at)),
            ([_], None) => run.fail(match dropped {
                Some(at) => format!(
                    "The {actor} started {doing} but never finished: its future was dropped (cancelled) at {}, \
                     before it was done.",
                    format_secs(at)
                ),
                None => format!(
                    "The {actor} started {doing} but had not finished when make_latte returned (the trace \
                     has no end for it). Possible causes: the step was handed to a task that nobody \
                     awaited, or its future was kept somewhere and not awaited to its end."
                ),
            }),
            (more, _) => run.fail(format!("The {actor} was started {} times; the recipe needs it once.", more.len())),
        }
    }
    let shown: Vec<String> = spans
        .iter()
        .map(|(actor, from, to)| format!("{actor} {} → {}", format_secs(*from), format_secs(*to)))
        .collect();
    let overlap = spans
        .iter()
        .enumerate()
        .find_map(|(i, a)| spans[i + 1..].iter().find(|b| a.1 < b.2 && b.1 < a.2).map(|b| (a.0, b.0)));
    if let Some((a, b)) = overlap {
        run.fail(format!(
            "The café recorded: {}.\nThe {a} and the {b} worked at the same time: the steps overlapped. \
             The recipe is one step after another (the shot needs the grounds, and the milk is \
             steamed once the shot is pulled), so await each step before starting the next; \
             `tokio::join!` or `tokio::spawn` run them together instead.",
            shown.join(", ")
        ));
    }
    let mut by_start = spans.clone();
    by_start.sort_by_key(|s| s.1);
    if by_start.iter().map(|s| s.0).ne(STEPS.iter().map(|s| s.0)) {
        let ran: Vec<&str> = by_start.iter().map(|s| s.0).collect();
        run.fail(format!(
            "The café recorded: {}.\nThe steps ran in the order {}, but the recipe is grinder, \
             espresso machine, steam wand: grind, pull the shot, then steam the milk. A step runs \
             where its `.await` is, so await them in that order.",
            shown.join(", "),
            ran.join(", ")
        ));
    }
    let last_step = spans.iter().map(|s| s.2).max().unwrap_or_default();
    let pour = run.trace.of("barista").find(|e| e.what.contains("poured"));
    match pour {
        None => run.fail(
            "The steps were carried out, but the barista never poured a latte: `cafe::pour_latte` \
             was not called in this run. The drink make_latte returns must be the one pour_latte \
             gives back; a `Drink` built by hand is not made by the café.",
        ),
        Some(e) if e.at < last_step => run.fail(format!(
            "The latte was poured at {}, before the last step finished at {}.",
            format_secs(e.at),
            format_secs(last_step)
        )),
        Some(e) if !e.what.ends_with(&format!("for {customer}")) => {
            run.fail(format!("The barista {}, but the ticket was for {customer}.", e.what))
        }
        Some(_) => {}
    }
}

workbook::checks! {
    fn order_is_taken_when_awaited() {
        let run = workbook::run(async {
            note("check", "calls take_order(\"Ada\", \"latte\")");
            let before = cafe::tickets_written();
            let order = take_order("Ada", "latte");
            // Tickets written inside the call itself, before it returned its future.
            let during_call = cafe::tickets_written() - before;
            tokio::time::sleep(secs(2)).await;
            note("check", "awaits the order");
            (order.await, during_call)
        });
        let (ticket, during_call) = &run.value;
        let expected = Ticket { customer: "Ada".to_string(), drink: "latte".to_string() };
        run.ensure(
            *ticket == expected,
            format!("Awaiting take_order(\"Ada\", \"latte\") should give the ticket {expected:?}; it gave {ticket:?}."),
        );
        let tickets: Vec<_> = run.trace.of("till").collect();
        match tickets.as_slice() {
            [] => run.fail(
                "Awaiting the order gave back a ticket, but no ticket was written: the café only \
                 knows about an order once `cafe::write_ticket` has been called for it.",
            ),
            [ticket] if ticket.at < secs(2) && *during_call > 0 => run.fail(format!(
                "The ticket was written at {}, as soon as take_order was called: during the call \
                 itself, before take_order had returned its future. The check awaited the order only \
                 at 2.000s.\n\
                 In Python, calling an `async def` function runs none of its body: it hands back a \
                 coroutine object, and the body runs when you await it. In Rust only the code inside \
                 an `async` block (or an `async fn`) waits for `.await`; take_order is a plain `fn`, \
                 and every line of it outside its `async` block runs when it is called (the block then \
                 just hands over a ticket that already exists). Possible causes: the \
                 `cafe::write_ticket` line stands before the block, or a future was run to its end \
                 inside the call (`futures::executor::block_on`).\n\
                 Do the work inside the block: `async move {{ cafe::write_ticket(customer, drink) }}`.",
                format_secs(ticket.at),
            )),
            [ticket] if ticket.at < secs(2) => run.fail(format!(
                "take_order returned its future without writing a ticket, but then, while the check \
                 waited and before it awaited the order (at 2.000s), the ticket was written at {}: \
                 something that take_order started ran on its own, without being awaited.\n\
                 That is what a task does: `tokio::spawn` inside take_order starts the work as a task, \
                 like `asyncio.create_task`, and the task runs as soon as the runtime gets to it, \
                 whoever awaits what (a thread started there would do the same). A future never starts \
                 by itself; a task does.\n\
                 Don't spawn the order: do the work inside the future take_order returns, \
                 `async move {{ cafe::write_ticket(&customer, &drink) }}`, so it runs where that future \
                 is awaited.",
                format_secs(ticket.at),
            )),
            [ticket] if ticket.at > secs(2) => run.fail(format!(
                "The ticket was written at {}, though the check awaited the order at 2.000s and writing \
                 a ticket takes no time: something waited before writing it.",
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
            let before = cafe::tickets_written();
            let order = take_order("Bob", "tea");
            let during_call = cafe::tickets_written() - before;
            drop(order);
            // Watch a while: work that outlives the dropped future shows itself now.
            tokio::time::sleep(secs(1)).await;
            during_call
        });
        let ticket = run.trace.of("till").next();
        if let Some(ticket) = ticket.filter(|_| run.value == 0) {
            run.fail(format!(
                "take_order(\"Bob\", \"tea\") wrote no ticket during the call, and the check dropped \
                 its future without ever awaiting it; yet while the check then only waited, a ticket \
                 was written at {}.\n\
                 A dropped future runs no more code, so this ticket came from work that take_order had \
                 started outside its future and that kept running after its future was dropped, on its \
                 own. The usual way to get that is `tokio::spawn` inside take_order (like \
                 `asyncio.create_task`): a spawned task starts without being awaited and is detached, so \
                 dropping the future (or the task's `JoinHandle`) does not stop it. A thread started in \
                 take_order would do the same.\n\
                 A future never starts by itself; a task does. Don't spawn the order: do the work inside \
                 the future take_order returns, `async move {{ cafe::write_ticket(&customer, &drink) }}`: \
                 it then runs where that future is awaited, and not at all if nobody awaits it.",
                format_secs(ticket.at)
            ));
        }
        if let Some(ticket) = ticket {
            run.fail(format!(
                "take_order(\"Bob\", \"tea\") was called and its future dropped without ever being \
                 awaited, yet a ticket was written at {}.\n\
                 It was written during the call to take_order itself, before the call returned its \
                 future. A future that is never awaited must do nothing, like a Python coroutine object \
                 that is never awaited: nobody asked for this order to be taken. Possible causes: the \
                 `cafe::write_ticket` line stands before the `async` block in take_order (it runs \
                 whether or not anyone awaits: move it inside the block), or a future was run to its \
                 end inside the call (`futures::executor::block_on`).",
                format_secs(ticket.at)
            ));
        }
    }

    fn latte_is_made_step_by_step() {
        for (customer, drink) in [("Ada", "latte"), ("Grace", "oat latte")] {
            let run = workbook::run(async {
                let ticket = cafe::write_ticket(customer, drink);
                make_latte(&ticket).await
            });
            let expected = Drink { customer: customer.to_string(), name: drink.to_string() };
            run.ensure(
                run.value == expected,
                format!("make_latte on the ticket for {customer} ({drink}) should give back {expected:?}; it gave {:?}.", run.value),
            );
            ensure_recipe_followed(&run, customer);
            // Grind 1 s, then the shot 2 s, then the milk 1 s: each step awaited before the next.
            run.assert_elapsed(secs(4));
            if customer == "Ada" {
                assert_trace!(run, "latte_is_made_step_by_step");
            }
        }
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
                "The latte was poured, but by the time serve returned, Ada had not been called to \
                 the counter (the trace has no `counter` event).\n\
                 The usual cause: `cafe::call_customer(customer)` does not call anyone by itself. \
                 Like calling an `async def` function in Python, it only builds a future, and a \
                 future does nothing until it is awaited (handing it to `tokio::spawn` instead \
                 runs it later, after serve has already returned). Python would let this slip with `RuntimeWarning: coroutine \
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
