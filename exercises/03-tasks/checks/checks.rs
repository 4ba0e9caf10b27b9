//! The checks of exercise 03. Read them if you like; `grader check` notices edits.

use std::time::Duration;

use super::*;
use workbook::sim::chat::{self, Receipt};
use workbook::trace::{Kind, Trace, note};
use workbook::{Run, assert_trace, format_secs, millis, secs};

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
    // Whether every send started only once the one started before it was delivered.
    let delivered = |person: &str| run.trace.find(&format!("message to {person}"), "delivered").map(|e| e.at);
    let mut by_start: Vec<(&str, Duration)> =
        starts.iter().filter_map(|(person, start)| start.map(|at| (person.as_str(), at))).collect();
    by_start.sort_by_key(|s| s.1);
    let chained = by_start.len() == people.len()
        && by_start.windows(2).all(|w| delivered(w[0].0).is_some_and(|end| w[1].1 >= end));
    let reading = if chained {
        "Each send started only when the one before it had been delivered, so the waits added up."
    } else {
        "Possible causes: a send that waited for something else first, or one that was never started."
    };
    run.fail(format!(
        "Every message should start sending at 0.000s, but:\n{}\n{reading}\n\
         `.await` waits for a future to finish before the next line runs. Code that starts the \
         sends one after another awaits each send (or each task's `JoinHandle`) before it starts the next one: for \
         instance `chat::send_message(..).await` in a loop, awaiting each handle right after \
         spawning it, or a lazy `people.iter().map(|p| tokio::spawn(..))` that is never \
         collected, so each task is spawned only when the loop that awaits it asks for the next \
         handle. To run the sends at the same time, do what `asyncio.create_task` does in Python: \
         start every send as a task with `tokio::spawn` first, keep the `JoinHandle`s (collect \
         them into a `Vec`), and only then await them. Awaiting each handle right after spawning \
         it is sequential again.",
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

/// Fails unless every receipt was handed out by the chat service in this run: a
/// `message to <person>` send that was delivered, once per person.
fn ensure_receipts_from_sends<'a, T>(run: &Run<T>, receipts: impl IntoIterator<Item = &'a Receipt>) {
    for receipt in receipts {
        let actor = format!("message to {}", receipt.to);
        let sends = run.trace.of(&actor).filter(|e| e.kind == Kind::Begin).count();
        let delivered = run.trace.of(&actor).any(|e| e.kind == Kind::End && e.what == "delivered");
        if !delivered {
            run.fail(format!(
                "A receipt for {} came back, but the chat service {} in this run (the trace is \
                 its record of every message).\nEvery receipt you return must be the one \
                 `chat::send_message` gave back for a message it delivered; a `Receipt` built by \
                 hand proves nothing was sent.",
                receipt.to,
                if sends == 0 { "never sent a message to them" } else { "never delivered the message to them" }
            ));
        }
        if sends > 1 {
            run.fail(format!(
                "{} got {sends} messages; each person should get one. Each call of \
                 `chat::send_message` sends one.",
                receipt.to
            ));
        }
    }
}

/// Awaits `call`, and one second in counts how many tasks are alive on the runtime
/// beyond those alive when it started: the tasks the call spawned and that are still
/// running then (the sends take longer than a second).
async fn counting_tasks<F: std::future::Future>(call: F) -> (F::Output, usize) {
    let metrics = tokio::runtime::Handle::current().metrics();
    let before = metrics.num_alive_tasks();
    let probe = async {
        tokio::time::sleep(secs(1)).await;
        metrics.num_alive_tasks().saturating_sub(before)
    };
    tokio::join!(call, probe)
}

/// Fails unless at least `expected` tasks of the call were alive one second in.
fn ensure_sent_as_tasks<T>(run: &Run<T>, tasks: usize, expected: usize, function: &str) {
    if tasks < expected {
        run.fail(format!(
            "At 1.000s, while the messages were being sent, {tasks} task(s) spawned by {function} were \
             alive on the runtime; one task per message means {expected}. The sends all started at \
             0.000s, so some of them ran together without a task of their own. Possible causes: \
             `tokio::join!` or `join_all` on the send futures inside {function}'s own future, or one \
             task spawned for several sends.\nThis exercise is about tasks: hand each send to `tokio::spawn`, \
             like `asyncio.create_task`, and await the `JoinHandle`s."
        ));
    }
}

/// Sets how long the message to each person takes (ms), inside the run.
fn set_send_times(times: &[(&str, u64)]) {
    for &(person, ms) in times {
        chat::set_send_time(person, millis(ms));
    }
}

/// Runs `send_to_all(people)` with the given send times, and checks the receipts come
/// back in the order of `people`, each from a delivered message, after as long as the
/// slowest send.
fn check_receipt_order(people: &'static [&'static str], times: &'static [(&'static str, u64)]) {
    let run = workbook::run(async move {
        set_send_times(times);
        send_to_all(people).await
    });
    let order: Vec<&str> = run.value.iter().map(|receipt| receipt.to.as_str()).collect();
    let time_of = |person: &str| times.iter().find(|t| t.0 == person).map_or(chat::SEND_TIME, |t| millis(t.1));
    if order != people {
        let mut finished: Vec<&str> = people.to_vec();
        finished.sort_by_key(|p| time_of(p));
        let mut sorted: Vec<&str> = people.to_vec();
        sorted.sort();
        let distinct = people.iter().any(|p| time_of(p) != time_of(people[0]));
        let reading = if distinct && order == finished {
            "That is the order the messages were delivered in: the order the tasks finished."
        } else if order == sorted {
            "That is the names sorted, not the order of `people`."
        } else {
            "That is neither the order of `people` nor the order the messages were delivered in."
        };
        let setting = if distinct {
            let parts: Vec<String> = people.iter().map(|p| format!("{p} {}", format_secs(time_of(p)))).collect();
            format!("Here the messages take {}.\n", parts.join(", "))
        } else {
            String::new()
        };
        run.fail(format!(
            "{setting}The receipts came back as {order:?}, but the people were {people:?}. {reading}\n\
             send_to_all must return the receipts in the order of `people`. Keep the \
             `JoinHandle`s in a Vec in that order and await them one by one: awaiting in \
             order costs no time, since every task is already running. (A `JoinSet` hands \
             results back in the order the tasks finished, not the order they were spawned.)"
        ));
    }
    ensure_receipts_from_sends(&run, &run.value);
    run.assert_elapsed(people.iter().map(|p| time_of(p)).max().unwrap_or_default());
}

workbook::checks! {
    fn both_messages_take_two_seconds() {
        // Both 2 s sends at once: 2 s in all, not 4 s. Then John's message is slower
        // than Anna's (2.5 s and 1.5 s): his receipt still comes first.
        for (i, times) in [&[][..], &[("John Doe", 2500), ("Anna Herb", 1500)][..]].into_iter().enumerate() {
            let run = workbook::run(async {
                set_send_times(times);
                counting_tasks(send_to_both("John Doe", "Anna Herb")).await
            });
            let ((first, second), tasks) = &run.value;
            run.ensure(
                first.to == "John Doe" && second.to == "Anna Herb",
                format!(
                    "send_to_both(\"John Doe\", \"Anna Herb\") returned receipts for ({:?}, {:?}): \
                     expected John Doe's receipt first, then Anna Herb's{}.",
                    first.to,
                    second.to,
                    if times.is_empty() { "" } else { ", even when Anna's message is delivered first" }
                ),
            );
            ensure_receipts_from_sends(&run, [first, second]);
            ensure_sends_start_together(&run, &["John Doe", "Anna Herb"]);
            ensure_sent_as_tasks(&run, *tasks, 2, "send_to_both");
            run.assert_elapsed(if times.is_empty() { secs(2) } else { millis(2500) });
            if i == 0 {
                assert_trace!(run, "both_messages_start_together");
            }
        }
    }

    fn five_messages_take_two_seconds() {
        let run = workbook::run(counting_tasks(send_to_all(&FIVE_PEOPLE)));
        let (receipts, tasks) = &run.value;
        run.ensure(
            receipts.len() == FIVE_PEOPLE.len(),
            format!("Expected 5 receipts, one per person; got {}.", receipts.len()),
        );
        ensure_receipts_from_sends(&run, receipts);
        ensure_sends_start_together(&run, &FIVE_PEOPLE);
        ensure_sent_as_tasks(&run, *tasks, FIVE_PEOPLE.len(), "send_to_all");
        run.assert_elapsed(secs(2));
        assert_trace!(run, "five_messages_start_together");
    }

    fn receipts_follow_the_order_of_people() {
        const PEOPLE: [&str; 5] = ["Emil Stone", "Anna Herb", "John Doe", "Dana Pike", "Chris Jackson"];
        check_receipt_order(&PEOPLE, &[]);
        // The messages now take different times, so the order they are delivered in,
        // the order of `people` and the sorted names all differ.
        check_receipt_order(
            &PEOPLE,
            &[("Emil Stone", 2400), ("Anna Herb", 1100), ("John Doe", 3000), ("Dana Pike", 700), ("Chris Jackson", 1900)],
        );
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
        ensure_receipts_from_sends(&run, [receipt]);
        if *returned_at > secs(2) {
            let archived_at = match archive_events(&run.trace, "Anna Herb").1 {
                Some((Kind::End, at)) => Some(at),
                _ => None,
            };
            let reading = if archived_at == Some(*returned_at) {
                "it returned the moment the archive finished (see `archive Anna Herb` below). The usual \
                 cause: the caller also waited for the archive (its future or its task's `JoinHandle`)."
                    .to_string()
            } else {
                "the caller waited for something after the delivery (see the timeline below).".to_string()
            };
            run.fail(format!(
                "send_and_archive returned at {}, but the message was delivered at 2.000s: {reading}\n\
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
                 Possible causes: the future was made and never polled, or its task was aborted before \
                 it first ran. Calling `chat::archive_conversation(to)` only makes a future, and a Rust \
                 future does nothing until something polls it: `let _ = chat::archive_conversation(to);` \
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
                 Something dropped its future before it was done. Possible causes: `handle.abort()` cancels a task (like Python's \
                 `task.cancel()`), and so does dropping a `JoinSet`; a plain future is cancelled when it is dropped. Dropping \
                 a `JoinHandle` does not: the task is detached and keeps running. To leave the \
                 archive running, just let its handle go.",
                format_secs(at)
            )),
            Some((_, at)) if at != secs(3) && began > Duration::ZERO => run.fail(format!(
                "The archive started at {} and finished at {}; it should finish at 3.000s.\n\
                 {} Start the \
                 archiving first, at 0.000s, as a task (`tokio::spawn`), so it runs while the \
                 message is being sent.",
                format_secs(began),
                format_secs(at),
                match (
                    run.trace.find("message to Anna Herb", "sending").map(|e| e.at),
                    run.trace.find("message to Anna Herb", "delivered").map(|e| e.at),
                ) {
                    (_, Some(d)) if d <= began =>
                        format!("It started only once the message had been delivered (at {}).", format_secs(d)),
                    (Some(s), _) if s <= began =>
                        format!("It started only once the message was on its way (sent at {}).", format_secs(s)),
                    _ => "It started late, and not after the message was sent.".to_string(),
                }
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
