//! The checks of exercise 03. Read them if you like; `grader check` notices edits.

use std::time::Duration;

use super::*;
use workbook::sim::chat::Receipt;
use workbook::trace::{Kind, Trace, note};
use workbook::{Run, assert_trace, format_secs, secs};

/// Five people, for `send_to_all`.
const FIVE_PEOPLE: [&str; 5] = ["John Doe", "Anna Herb", "Chris Jackson", "Dana Pike", "Emil Stone"];

/// Calls `send_and_archive(to)`, writes `returned the receipt` in the trace when it
/// returns, then keeps the runtime going 5 s more, so the trace also shows what the
/// archive did after the call returned. Gives back the receipt and when it came.
async fn send_and_watch(to: &str) -> (Receipt, Duration) {
    let call = async {
        let receipt = send_and_archive(to).await;
        note("send_and_archive", "returned the receipt");
        receipt
    };
    workbook::then_idle(call, secs(5)).await
}

/// When each message of `people` started sending, in the order of `people`
/// (`None`: it never started).
fn send_starts(trace: &Trace, people: &[&str]) -> Vec<(String, Option<Duration>)> {
    people
        .iter()
        .map(|person| {
            let actor = format!("message to {person}");
            let start = trace.find(&actor, "sending").map(|e| e.at);
            (person.to_string(), start)
        })
        .collect()
}

/// Fails with a lesson unless every message of `people` started sending at 0.000s.
fn ensure_sends_start_together<T>(run: &Run<T>, people: &[&str]) {
    let starts = send_starts(&run.trace, people);
    let late: Vec<String> = starts
        .iter()
        .filter(|(_, start)| *start != Some(Duration::ZERO))
        .map(|(person, start)| match start {
            Some(at) => format!("  to {person}: started sending at {}", format_secs(*at)),
            None => format!("  to {person}: never sent"),
        })
        .collect();
    if late.is_empty() {
        return;
    }
    run.fail(format!(
        "Every message should start sending at 0.000s, but:\n{}\n\
         Each send waited for the one before it to be delivered, so the 2 s waits added up.\n\
         `.await` waits for a future to finish before the next line runs. To run the sends \
         at the same time, do what `asyncio.create_task` does in Python: start every send as \
         a task with `tokio::spawn` first, keep the `JoinHandle`s, and only then await them. \
         Awaiting each handle right after spawning it is sequential again.",
        late.join("\n")
    ));
}

/// The events of the archive of the conversation with `with`: when it began, how it
/// ended (`End` or `Dropped`) and when.
fn archive_events(trace: &Trace, with: &str) -> (Option<Duration>, Option<(Kind, Duration)>) {
    let actor = format!("archive {with}");
    let mut events = trace.of(&actor);
    let began = events.next().filter(|e| e.kind == Kind::Begin).map(|e| e.at);
    let ended = events.find(|e| matches!(e.kind, Kind::End | Kind::Dropped)).map(|e| (e.kind, e.at));
    (began, ended)
}

workbook::checks! {
    fn both_messages_take_two_seconds() {
        let run = workbook::run(send_to_both("John Doe", "Anna Herb"));
        let (first, second) = &run.value;
        run.ensure(
            first.to == "John Doe" && second.to == "Anna Herb",
            format!(
                "send_to_both(\"John Doe\", \"Anna Herb\") returned receipts for ({:?}, {:?}): \
                 expected John Doe's receipt first, then Anna Herb's.",
                first.to, second.to
            ),
        );
        ensure_sends_start_together(&run, &["John Doe", "Anna Herb"]);
        // Both 2 s sends at once: 2 s in all, not 4 s.
        run.assert_elapsed(secs(2));
        assert_trace!(run, "both_messages_start_together");
    }

    fn five_messages_take_two_seconds() {
        let run = workbook::run(send_to_all(&FIVE_PEOPLE));
        run.ensure(
            run.value.len() == FIVE_PEOPLE.len(),
            format!("Expected 5 receipts, one per person; got {}.", run.value.len()),
        );
        ensure_sends_start_together(&run, &FIVE_PEOPLE);
        run.assert_elapsed(secs(2));
        assert_trace!(run, "five_messages_start_together");
    }

    fn receipts_follow_the_order_of_people() {
        let people = ["Emil Stone", "Anna Herb", "John Doe", "Dana Pike", "Chris Jackson"];
        let run = workbook::run(send_to_all(&people));
        let order: Vec<&str> = run.value.iter().map(|receipt| receipt.to.as_str()).collect();
        run.ensure(
            order == people,
            format!(
                "The receipts came back as {order:?}, but the people were {people:?}.\n\
                 send_to_all must return the receipts in the order of `people`. Keep the \
                 `JoinHandle`s in a Vec in that order and await them one by one: awaiting in \
                 order costs no time, since every task is already running. (A `JoinSet` hands \
                 results back in the order the tasks finished, not the order they were spawned.)"
            ),
        );
        run.assert_elapsed(secs(2));
        let none = workbook::run(send_to_all(&[]));
        none.ensure(
            none.value.is_empty(),
            format!("send_to_all(&[]) should return no receipts; it returned {}.", none.value.len()),
        );
        none.assert_elapsed(Duration::ZERO);
    }

    fn returns_without_waiting_for_the_archive() {
        let run = workbook::run(send_and_watch("Anna Herb"));
        run.assert_not_blocked();
        let (receipt, returned_at) = &run.value;
        run.ensure(
            receipt.to == "Anna Herb",
            format!("send_and_archive(\"Anna Herb\") returned a receipt for {:?}.", receipt.to),
        );
        if *returned_at > secs(2) {
            run.fail(format!(
                "send_and_archive returned at {}, but the message was delivered at 2.000s: the \
                 caller also waited for the archive (see `archive Anna Herb` below).\n\
                 Nobody needs the archive's result, so don't wait for it: start it with \
                 `tokio::spawn` and don't await its `JoinHandle`. The task keeps running after \
                 send_and_archive returns, like an `asyncio.create_task` task you never await.",
                format_secs(*returned_at)
            ));
        }
        if *returned_at < secs(2) {
            run.fail(format!(
                "send_and_archive returned at {}, before the message could be delivered (that \
                 takes 2 s): the receipt must come from a send that has finished. Await the send \
                 (or its task's `JoinHandle`) before returning.",
                format_secs(*returned_at)
            ));
        }
    }

    fn archive_finishes_in_the_background() {
        let run = workbook::run(send_and_watch("Anna Herb"));
        run.assert_not_blocked();
        let (began, ended) = archive_events(&run.trace, "Anna Herb");
        let Some(began) = began else {
            run.fail(
                "The conversation was never archived: `archive Anna Herb` never started.\n\
                 Calling `chat::archive_conversation(to)` only makes a future, and a Rust future \
                 does nothing until something polls it: `let _ = chat::archive_conversation(to);` \
                 builds it and drops it on the spot, so it never runs. (Python is similar: a \
                 coroutine object nobody awaits never runs.) Hand the future to `tokio::spawn`: \
                 the runtime then polls it as a task of its own, whether or not you await the \
                 handle. (And if you did spawn it: calling `abort()` on its handle right away \
                 cancels the task before it ever runs. Let the handle go instead.)",
            )
        };
        match ended {
            Some((Kind::Dropped, at)) => run.fail(format!(
                "The archive was cancelled at {} (✗ dropped), before it could finish at 3.000s.\n\
                 Something cancelled its task: `handle.abort()` cancels a task (like Python's \
                 `task.cancel()`), and so does dropping a `JoinSet` or a plain future. Dropping \
                 a `JoinHandle` does not: the task is detached and keeps running. To leave the \
                 archive running, just let its handle go.",
                format_secs(at)
            )),
            Some((_, at)) if at != secs(3) && began > Duration::ZERO => run.fail(format!(
                "The archive started at {} and finished at {}; it should finish at 3.000s.\n\
                 It started only once the message was on its way or delivered. Start the \
                 archiving first, at 0.000s, as a task (`tokio::spawn`), so it runs while the \
                 message is being sent.",
                format_secs(began),
                format_secs(at)
            )),
            Some((_, at)) if at != secs(3) => run.fail(format!(
                "The archive started at 0.000s but finished at {}; archiving takes 3 s, so it \
                 should finish at 3.000s. Let its task run on its own: spawn it and leave it alone.",
                format_secs(at)
            )),
            Some(_) => {}
            None => run.fail(format!(
                "The archive started at {} but had not finished 5 s after send_and_archive \
                 returned. It should start at 0.000s and finish at 3.000s.",
                format_secs(began)
            )),
        }
        assert_trace!(run, "archive_outlives_the_call");
    }
}
