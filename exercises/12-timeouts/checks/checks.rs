//! The checks of exercise 12. Read them if you like; `grader check` notices edits.
//!
//! The service is always `rates`; each check scripts it differently (slow, failing,
//! stuck). The checks wait at most 60 s (virtual) for your function, so code that
//! would wait forever fails with a lesson instead of hanging.

use std::future::Future;
use std::time::Duration;

use super::*;
use workbook::sim::flaky::{self, Outcome, Reply, ServiceError};
use workbook::trace::{Event, Kind, Trace};
use workbook::{Run, assert_trace, format_secs, millis, secs};

/// The service every check calls.
const SERVICE: &str = "rates";

/// The trace's name for a call of [`SERVICE`].
const CALL: &str = "call rates";

/// How long a check waits for your function before it calls it stuck: 60 s.
const PATIENCE: Duration = secs(60);

/// What came of calling your function: its value, unless it was still waiting after
/// [`PATIENCE`], and when it returned.
#[derive(Debug)]
struct Watched<T> {
    value: Option<T>,
    returned_at: Duration,
}

/// Awaits `call` for at most [`PATIENCE`], then keeps the runtime going `idle_after`
/// longer, so the trace also shows what went on after the call returned.
async fn watch<T>(call: impl Future<Output = T>, idle_after: Duration) -> Watched<T> {
    let (value, returned_at) = workbook::then_idle(workbook::story::within(PATIENCE, call), idle_after).await;
    Watched { value: value.ok(), returned_at }
}

/// [`watch`]es `call`, then lets the runtime take a few more turns at the instant it
/// returned, without moving the clock: a task aborted at that instant (a call run as a
/// task and aborted) is dropped then, and the trace shows it.
async fn watch_settled<T>(call: impl Future<Output = T>) -> Watched<T> {
    let watched = watch(call, Duration::ZERO).await;
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
    watched
}

/// One call of the service, as the trace tells it.
#[derive(Debug)]
struct Attempt<'a> {
    start: Duration,
    /// How it ended: `answered`, `failed: …` or `dropped (cancelled)`; `None` if it
    /// never did.
    end: Option<&'a Event>,
}

impl Attempt<'_> {
    fn cut_off(&self) -> bool {
        self.end.is_some_and(|e| e.kind == Kind::Dropped)
    }

    /// `0.300s → 0.500s, failed: 503 Service Unavailable`, for messages.
    fn describe(&self) -> String {
        match self.end {
            Some(e) if e.kind == Kind::Dropped => {
                format!("{} → {}, cut off (dropped)", format_secs(self.start), format_secs(e.at))
            }
            Some(e) => format!("{} → {}, {}", format_secs(self.start), format_secs(e.at), e.what),
            None => format!("{} → never answered", format_secs(self.start)),
        }
    }
}

/// Every call of the service, in the order they went out.
fn attempts(trace: &Trace) -> Vec<Attempt<'_>> {
    let mut attempts: Vec<Attempt<'_>> = Vec::new();
    for event in trace.of(CALL) {
        match event.kind {
            Kind::Begin => attempts.push(Attempt { start: event.at, end: None }),
            Kind::End | Kind::Dropped => {
                if let Some(open) = attempts.iter_mut().rev().find(|a| a.end.is_none()) {
                    open.end = Some(event);
                }
            }
            Kind::Note => {}
        }
    }
    attempts
}

/// How the first call of the service ended, as the trace tells it: its end event (an
/// answer, a failure or a drop), if there was a call and it ended.
fn first_call_end(trace: &Trace) -> Option<&Event> {
    attempts(trace).first().and_then(|a| a.end)
}

/// `the call went out at 0.000s and was cut off (dropped) at 0.100s`, for messages.
fn first_call_story(trace: &Trace) -> String {
    match attempts(trace).first() {
        None => "the trace shows no call of the service at all".to_string(),
        Some(a) => format!("the trace shows the call as {}", a.describe()),
    }
}

/// `1 attempt`, `3 attempts`.
fn attempts_word(n: usize) -> String {
    if n == 1 { "1 attempt".to_string() } else { format!("{n} attempts") }
}

/// `100 ms`, `1.100 s`: a pause, for messages.
fn pause(d: Duration) -> String {
    if d < secs(1) {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} s", format_secs(d).trim_end_matches('s'))
    }
}

/// The table of expected and actual attempt starts, for messages.
fn schedule_table(attempts: &[Attempt<'_>], expected_starts: &[Duration]) -> String {
    let mut table = String::from("  attempt  should start  started   how it went\n");
    for i in 0..attempts.len().max(expected_starts.len()) {
        let should = expected_starts.get(i).map_or_else(|| "(none)".to_string(), |d| format_secs(*d));
        let (started, went) = match attempts.get(i) {
            Some(a) => (format_secs(a.start), a.describe()),
            None => ("-".to_string(), "never made".to_string()),
        };
        let mark = match (attempts.get(i), expected_starts.get(i)) {
            (Some(a), Some(d)) if a.start == *d => " ",
            _ => "✗",
        };
        table.push_str(&format!("  {mark} {:<6} {should:<13} {started:<9} {went}\n", i + 1));
    }
    table
}

/// What the checks expect of one call of `with_retries`.
struct Expected<'a> {
    /// How the service behaves, in words: `fails twice, then answers`.
    behaviour: &'a str,
    /// When each attempt should go out.
    starts: &'a [Duration],
    /// Which attempt answers, if one does.
    answered_by: Option<usize>,
    /// When `with_retries` should return.
    done_at: Duration,
}

/// Judges a run of `with_retries(SERVICE)` made with [`watch`].
fn judge_retries(run: &Run<Watched<Result<Reply, GaveUp>>>, expected: &Expected<'_>) {
    run.assert_not_blocked();
    let attempts = attempts(&run.trace);
    let returned_at = run.value.returned_at;
    let table = schedule_table(&attempts, expected.starts);
    let want = expected.starts.len();
    let made = attempts.len();

    let Some(result) = &run.value.value else {
        // The check's own limit dropped whatever was still in flight.
        let in_flight = |a: &Attempt<'_>| a.end.is_none_or(|e| e.kind == Kind::Dropped && e.at == returned_at);
        match attempts.iter().position(in_flight) {
            Some(i) => run.fail(format!(
                "with_retries(\"rates\") was still waiting after {}, when the check gave up on it (and \
                 dropped it): attempt {} went out at {} and never answered, and nothing else cut it \
                 off.\n{table}\
                 A service that hangs hangs your retry loop too, unless each attempt has a limit of its \
                 own. Wrap every call in `tokio::time::timeout(ATTEMPT_LIMIT, flaky::call(service))` \
                 (`with_deadline(service, ATTEMPT_LIMIT)` does just that, once it works): after 1 s it gives \
                 `Err(Elapsed)` and drops the call, and the loop can try again.",
                format_secs(PATIENCE),
                i + 1,
                format_secs(attempts[i].start),
            )),
            None => run.fail(format!(
                "with_retries(\"rates\") was still waiting after {}, though no call was in flight: \
                 something waited for a very long time, or for good.\n{table}",
                format_secs(PATIENCE)
            )),
        }
    };

    // A cut-off attempt that ends everything: either the loop gives up on a timeout,
    // or a timeout around the whole loop cancelled it.
    if let Some(last) = attempts.last()
        && made < want
        && last.cut_off()
        && last.end.is_some_and(|e| e.at == returned_at)
    {
        let ran = last.end.map_or(Duration::ZERO, |e| e.at - last.start);
        let whole_loop = "wrapped the whole retry loop: when it fired, it cancelled the loop itself, \
             with the attempts still to come. Put the timeout inside the loop, around each attempt: \
             `tokio::time::timeout(ATTEMPT_LIMIT, flaky::call(service))`, so a stuck attempt is cut off \
             after 1 s and the next one still comes.";
        let why = if ran == ATTEMPT_LIMIT {
            format!(
                "An attempt that was cut off has failed like any other: it calls for a pause and another \
                 try, until MAX_ATTEMPTS (4) attempts have been made. If your loop already does that, \
                 then the timeout that fired was not the attempt's own: it {whole_loop}"
            )
        } else {
            format!(
                "The attempt was cut off after {}, not ATTEMPT_LIMIT (1 s), and nothing came after it. \
                 The trace fits more than one cause. Possible causes:\n\
                 - a timeout around the whole retry loop: when it fired, it cancelled the loop itself, \
                 with the attempts still to come;\n\
                 - a timeout around each attempt, but with a limit other than ATTEMPT_LIMIT, in a loop \
                 that stops at the first timeout.\n\
                 Put the timeout inside the loop, around each attempt: \
                 `tokio::time::timeout(ATTEMPT_LIMIT, flaky::call(service))`, and treat a timeout as a \
                 failed attempt, so a stuck attempt is cut off after 1 s and the next one still comes.",
                pause(ran)
            )
        };
        run.fail(format!(
            "The service {}. Attempt {made} was cut off at {}, {} after it went out, and with_retries \
             returned at that same instant, without trying again.\n{table}{why}",
            expected.behaviour,
            format_secs(returned_at),
            pause(ran),
        ));
    }
    for (i, attempt) in attempts.iter().enumerate() {
        if let Some(end) = attempt.end.filter(|e| e.kind == Kind::Dropped)
            && end.at - attempt.start != ATTEMPT_LIMIT
        {
            run.fail(format!(
                "Attempt {} was cut off after {}: each attempt may take ATTEMPT_LIMIT (1 s), no more, no \
                 less.\n{table}\
                 Give every attempt the same limit: `tokio::time::timeout(ATTEMPT_LIMIT, \
                 flaky::call(service))`, created anew for each attempt, inside the loop.",
                i + 1,
                pause(end.at - attempt.start),
            ));
        }
    }

    if let Some(i) = attempts.iter().position(|a| a.end.is_none()) {
        run.fail(format!(
            "Attempt {} went out at {} and never ended: with_retries returned at {}, and that call was \
             still running, waiting for an answer that never comes: something still held the call's \
             future, and never dropped it.\n{table}\
             The usual holder is a spawned task: a timeout around its JoinHandle stops the waiting, not \
             the task, and dropping a JoinHandle detaches its task. Time out the call future itself, \
             `tokio::time::timeout(ATTEMPT_LIMIT, flaky::call(service))`: when the limit passes, the \
             call is dropped, and dropping a future cancels it.",
            i + 1,
            format_secs(attempts[i].start),
            format_secs(returned_at),
        ));
    }

    if made > want {
        match expected.answered_by {
            Some(n) => run.fail(format!(
                "Attempt {n} answered at {}, but with_retries went on and made attempt {} at {}.\n{table}\
                 Once an attempt succeeds, the job is done: `return Ok(reply)` right there.",
                attempts[n - 1].end.map_or_else(String::new, |e| format_secs(e.at)),
                n + 1,
                format_secs(attempts[n].start),
            )),
            None => run.fail(format!(
                "The service {}, and with_retries made {made} attempts; the policy is at most \
                 MAX_ATTEMPTS = 4.\n{table}\
                 Count the attempts, not the retries: `for attempt in 1..=MAX_ATTEMPTS` (or \
                 `0..MAX_ATTEMPTS`) runs 4 times, `0..=MAX_ATTEMPTS` runs 5.",
                expected.behaviour
            )),
        }
    }
    if made < want {
        let how = match attempts.last() {
            None => "without calling the service at all".to_string(),
            Some(last) => format!("after attempt {made} ({})", last.describe()),
        };
        let advice = if made == 1 {
            "It never retried. Call the service in a loop, up to MAX_ATTEMPTS (4) times in all, and \
             keep going while the attempts fail (an `Err` from `with_deadline`, a failure or a \
             timeout): only an answer, or the last attempt, ends the loop."
                .to_string()
        } else if made + 1 == want && expected.answered_by.is_none() {
            "That is one attempt short of MAX_ATTEMPTS (4). Possible causes: an off-by-one in the \
             count (count the attempts, not the retries: `for attempt in 1..=MAX_ATTEMPTS` runs 4 \
             times, `1..MAX_ATTEMPTS` only 3); a loop that stops on some other condition, such as a \
             budget of total time. Keep trying while attempts fail, until one answers or the fourth \
             has failed."
                .to_string()
        } else {
            format!(
                "With up to MAX_ATTEMPTS (4) attempts, it should have made {}: keep trying while attempts \
                 fail, until one answers or the fourth has failed.",
                attempts_word(want)
            )
        };
        run.fail(format!(
            "The service {}, but with_retries gave up {how}, and returned at {}.\n{table}{advice}",
            expected.behaviour,
            format_secs(returned_at),
        ));
    }

    let off_schedule = attempts.iter().zip(expected.starts).any(|(a, want)| a.start != *want);
    if off_schedule {
        let waits: Vec<Duration> = attempts
            .windows(2)
            .map(|pair| pair[1].start.saturating_sub(pair[0].end.map_or(pair[0].start, |e| e.at)))
            .collect();
        let waits_said: Vec<String> = waits.iter().map(|w| pause(*w)).collect();
        let why = if attempts[0].start > Duration::ZERO {
            format!(
                "The first attempt went out at {}, not at once: pause only between two attempts, \
                 never before the first one.",
                format_secs(attempts[0].start)
            )
        } else if waits.iter().all(|w| w.is_zero()) {
            let real_pause = if run.real_elapsed >= millis(50) {
                format!(
                    "\nYet the run took {} of real time: if you paused with `std::thread::sleep`, that \
                     held the runtime's thread instead of waiting, and tokio's clock, which times every \
                     timeout and sleep here, never saw a pause.",
                    workbook::format_real(run.real_elapsed)
                )
            } else {
                String::new()
            };
            format!(
                "There was no pause between attempts: each one went out the instant the one before it \
                 ended.{real_pause}\n\
                 Possible causes: no pause at all; a `sleep` future made but never `.await`ed (a \
                 future does nothing until it is awaited); or a pause that was already over when the \
                 attempt ended, such as a `sleep_until` an instant counted from the attempt's start. \
                 The pause comes after the failed attempt has ended.\n\
                 Retrying at once hammers a service that is already struggling, and one that is down \
                 for a moment is likely still down a microsecond later. Wait between attempts with \
                 `tokio::time::sleep(backoff).await`: FIRST_BACKOFF (100 ms) before the second \
                 attempt, then twice as long each time (200 ms, 400 ms). That is exponential backoff."
            )
        } else if waits.len() > 1 && waits.iter().all(|w| *w == waits[0]) {
            format!(
                "The pauses between attempts were {}: always the same. With exponential backoff each \
                 pause is twice the one before it: 100 ms, 200 ms, 400 ms. Double it after every \
                 pause (`backoff *= 2`).",
                waits_said.join(", ")
            )
        } else {
            format!(
                "The pauses between attempts were {}; they should be 100 ms, 200 ms, 400 ms: \
                 FIRST_BACKOFF, doubled after each pause, counted from the moment the failed attempt \
                 ended.",
                waits_said.join(", ")
            )
        };
        run.fail(format!(
            "The service {}; the attempts did not go out when they should.\n{table}{why}",
            expected.behaviour
        ));
    }

    let last_end = attempts.last().and_then(|a| a.end).map_or(Duration::ZERO, |e| e.at);
    if returned_at > expected.done_at {
        let what = if expected.answered_by.is_some() { "the reply" } else { "GaveUp" };
        let why = if expected.answered_by.is_some() {
            "Return the reply as soon as you have it."
        } else {
            "No attempt follows the last one, so nothing needs a pause after it: pause only when \
             another attempt is coming."
        };
        run.fail(format!(
            "The last attempt ended at {}, but with_retries returned {what} only at {}: it waited {} \
             more, for nothing.\n{table}{why}",
            format_secs(last_end),
            format_secs(returned_at),
            pause(returned_at - last_end),
        ));
    }

    match (result, expected.answered_by) {
        (Ok(reply), Some(n)) => run.ensure(
            reply.attempt as usize == n,
            format!("Attempt {n} answered, so the reply to return is its own; with_retries returned {reply:?}."),
        ),
        (Err(gave_up), Some(n)) => run.fail(format!(
            "Attempt {n} answered at {}, but with_retries returned {gave_up:?}: when an attempt \
             answers, return `Ok(reply)`.",
            format_secs(last_end)
        )),
        (Ok(reply), None) => run.fail(format!(
            "Every attempt failed, but with_retries returned Ok({reply:?}): it should return \
             `Err(GaveUp {{ .. }})`."
        )),
        (Err(gave_up), None) => {
            run.ensure(
                gave_up.attempts as usize == made,
                format!(
                    "with_retries made {made} attempts, but its GaveUp says `attempts: {}`: report how many \
                     attempts were really made.",
                    gave_up.attempts
                ),
            );
            // The last attempt either failed (its own error) or was cut off (a timeout).
            let last_timed_out = attempts.last().is_some_and(Attempt::cut_off);
            let last_error = if last_timed_out {
                CallError::TimedOut
            } else {
                CallError::Failed(ServiceError { service: SERVICE.to_string(), attempt: made as u32 })
            };
            let how = if last_timed_out { "was cut off at its limit" } else { "failed" };
            run.ensure(
                gave_up.last == last_error,
                format!(
                    "GaveUp's `last` should tell why the last attempt failed: attempt {made} {how}, so \
                     `last` is {last_error:?}. It is {:?}.\n{table}",
                    gave_up.last
                ),
            );
        }
    }
    run.assert_elapsed(expected.done_at);
}

/// Judges the pool's side of a run of `with_connection(SERVICE)`: one connection
/// taken before the call went out, given back once, right when the call ended.
/// `never_returned` is the lesson for a connection that never came back.
fn judge_connection<T>(run: &Run<T>, never_returned: &str) {
    run.assert_not_blocked();
    let events = run.trace.events();
    let position = |event: &Event| events.iter().position(|e| std::ptr::eq(e, event)).unwrap_or(usize::MAX);
    let lends: Vec<&Event> = run.trace.of("pool").filter(|e| e.what.contains("lends a connection")).collect();
    let returns: Vec<&Event> = run.trace.of("pool").filter(|e| e.what.contains("back")).collect();
    let call_begin = run.trace.of(CALL).find(|e| e.kind == Kind::Begin);
    let call_end = run.trace.of(CALL).find(|e| matches!(e.kind, Kind::End | Kind::Dropped));

    let Some(lend) = lends.first() else {
        run.fail(
            "with_connection never took a connection from the pool. Take one with \
             `flaky::take_connection(service)` before the call, and give it back once the call is \
             over, however it ends.",
        )
    };
    let Some(call_begin) = call_begin else {
        run.fail("with_connection took a connection but never called the service (`flaky::call(service)`).")
    };
    run.ensure(
        lends.len() == 1,
        format!("with_connection took {} connections from the pool for one call; it needs one.", lends.len()),
    );
    run.ensure(
        position(lend) < position(call_begin),
        "with_connection took its connection only after the call had gone out: take it first, then call.",
    );
    let Some(first_return) = returns.first() else { run.fail(never_returned) };
    if position(first_return) < position(call_begin) {
        run.fail(format!(
            "The connection went back to the pool at {}, before the call had even gone out: the call \
             ran without it.\n\
             If you wrote `let _ = Lease::take(..)` (or `let _ = guard`): `_` is not a name, it means \
             \"don't keep this\", so the guard is dropped on the spot, and its Drop runs right away. \
             Bind it to a name that starts with an underscore, `let _lease = ...;`: a named value \
             lives to the end of its block, however the block is left.",
            format_secs(first_return.at)
        ));
    }
    if let Some(end) = call_end
        && position(first_return) < position(end)
    {
        run.fail(format!(
            "The connection went back to the pool at {}, while the call was still using it (the call \
             ended at {}). Give it back once the call is over: a guard value dropped at the end of the \
             function does that.",
            format_secs(first_return.at),
            format_secs(end.at)
        ));
    }
    if call_end.is_none() {
        run.fail(format!(
            "The connection went back to the pool at {}, but the call it was lent for never ended: it \
             went out at {} and was still running, neither answered nor dropped (cancelled), when the \
             run stopped. So the connection went back while the call still used it.\n\
             Dropping with_connection's future dropped the guard, but not the call: something else \
             held the call's future. The usual holder is a spawned task: awaiting its JoinHandle is \
             not owning the call, and dropping a JoinHandle detaches its task, it does not cancel it. \
             Await `flaky::call(service)` itself in with_connection, with the guard beside it: then \
             dropping with_connection's future drops both at the same instant.",
            format_secs(first_return.at),
            format_secs(call_begin.at)
        ));
    }
    if returns.len() > 1 {
        let times: Vec<String> = returns.iter().map(|e| format_secs(e.at)).collect();
        run.fail(format!(
            "The connection was given back {} times (at {}); the pool lent it once.\n\
             If a guard gives it back in its `Drop`, that is the only place to do it: don't also call \
             `flaky::return_connection` by hand.",
            returns.len(),
            times.join(", ")
        ));
    }
    if let Some(end) = call_end {
        run.ensure(
            first_return.at == end.at,
            format!(
                "The call ended at {}, but the connection went back to the pool only at {}: give it back \
                 as soon as the call is over.",
                format_secs(end.at),
                format_secs(first_return.at)
            ),
        );
    }
}

workbook::checks! {
    fn slow_call_is_cut_off_at_the_limit() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Answer(secs(5))]);
            watch(with_deadline(SERVICE, secs(2)), secs(5)).await
        });
        run.assert_not_blocked();
        let returned_at = run.value.returned_at;
        let at = format_secs(returned_at);
        match &run.value.value {
            None => run.fail(format!(
                "with_deadline(\"rates\", 2 s) was still waiting after {}: a limit of 2 s must end the \
                 wait after 2 s, answer or not. Use `tokio::time::timeout(limit, flaky::call(service))`.",
                format_secs(PATIENCE)
            )),
            Some(Ok(reply)) => run.fail(format!(
                "The service takes 5 s to answer and the limit was 2 s, but with_deadline(\"rates\", 2 s) \
                 waited, and returned the reply (attempt {}) at {at}: nothing stopped the call when its \
                 time was up.\n\
                 Python's `await asyncio.wait_for(call, 2)` is \
                 `tokio::time::timeout(limit, flaky::call(service)).await` in Rust. It gives `Ok(..)` \
                 with the call's own result if the call finishes in time, and `Err(Elapsed)` once the \
                 limit has passed; then it drops the call, which cancels it. Turn that `Err` into \
                 `CallError::TimedOut`.",
                reply.attempt
            )),
            Some(Err(CallError::Failed(error))) => run.fail(format!(
                "with_deadline(\"rates\", 2 s) returned `Failed({error})` at {at}, but the service never \
                 failed: it was slow, and the answer for a call cut off at the limit is \
                 `CallError::TimedOut`."
            )),
            Some(Err(CallError::TimedOut)) => {}
        }
        run.ensure(
            returned_at == secs(2),
            format!(
                "with_deadline(\"rates\", 2 s) returned TimedOut at {at}; with a limit of 2 s it should \
                 give up at exactly 2.000s: start the timeout with the call, and give it `limit`."
            ),
        );
        if let Some(answer) = run.trace.find(CALL, "answered") {
            run.fail(format!(
                "with_deadline returned TimedOut at 2.000s, but the call kept running after that and \
                 answered at {}, for nobody.\n\
                 A timeout around a spawned task's JoinHandle stops the waiting, not the task: dropping \
                 a JoinHandle detaches its task. Time out the call future itself, \
                 `tokio::time::timeout(limit, flaky::call(service))`: when the limit passes, the call is \
                 dropped, and dropping a future cancels it. (If you really need a task, `abort()` it.)",
                format_secs(answer.at)
            ));
        }
        run.ensure(
            run.trace.find(CALL, "dropped").is_some_and(|e| e.at == secs(2)),
            "When the limit passes, the call must be cancelled at that instant: the trace should show \
             `call rates ✗ dropped (cancelled)` at 2.000s. Time out the call future itself with \
             `tokio::time::timeout(limit, flaky::call(service))`.",
        );
        // Cut off at 2 s; the check then watches 5 s more.
        run.assert_elapsed(secs(7));
        assert_trace!(run, "slow_call_is_cut_off_at_the_limit");
    }

    fn quick_answer_comes_straight_back() {
        let run = workbook::run(watch(with_deadline(SERVICE, secs(2)), Duration::ZERO));
        run.assert_not_blocked();
        let at = format_secs(run.value.returned_at);
        match &run.value.value {
            None => run.fail(format!(
                "with_deadline(\"rates\", 2 s) was still waiting after {}, though the service answers in \
                 200 ms.",
                format_secs(PATIENCE)
            )),
            Some(Ok(reply)) => run.ensure(
                reply.service == SERVICE,
                format!("with_deadline(\"rates\", ..) should return the reply of rates; it returned {reply:?}."),
            ),
            Some(Err(error)) => match first_call_end(&run.trace).filter(|e| e.what.contains("answered")) {
                Some(answer) => run.fail(format!(
                    "The service answered at {}, well within the limit of 2 s, but with_deadline returned \
                     `{error:?}` at {at}. Return the reply: `Ok(Ok(reply))` from `timeout(..)` means the \
                     call finished in time and succeeded.",
                    format_secs(answer.at)
                )),
                None => run.fail(format!(
                    "with_deadline(\"rates\", 2 s) returned `{error:?}` at {at}, though the service \
                     answers after 200 ms, well within the limit of 2 s; {}.\n\
                     Possible causes: a limit other than the `limit` given (a shorter one cuts the call \
                     off before its answer); no call made, or one made but not awaited. Time out the \
                     call with the `limit` given, `tokio::time::timeout(limit, flaky::call(service))`, \
                     and return its reply: `Ok(Ok(reply))` means the call finished in time and succeeded.",
                    first_call_story(&run.trace)
                )),
            },
        }
        run.ensure(
            run.value.returned_at == millis(200),
            format!(
                "with_deadline(\"rates\", 2 s) returned only at {at}, and {}. \
                 A timeout is a limit, not a wait: `tokio::time::timeout` returns the moment the call \
                 finishes, and the limit only matters if it doesn't.",
                first_call_story(&run.trace)
            ),
        );
        run.assert_elapsed(millis(200));
    }

    fn service_error_is_not_a_timeout() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Fail(millis(200))]);
            watch(with_deadline(SERVICE, secs(2)), Duration::ZERO).await
        });
        run.assert_not_blocked();
        let at = format_secs(run.value.returned_at);
        let failure = ServiceError { service: SERVICE.to_string(), attempt: 1 };
        match &run.value.value {
            None => run.fail(format!(
                "with_deadline(\"rates\", 2 s) was still waiting after {}, though the service fails in \
                 200 ms.",
                format_secs(PATIENCE)
            )),
            Some(Err(CallError::Failed(error))) => run.ensure(
                *error == failure,
                format!("with_deadline should hand over the service's own error, {failure:?}; it gave {error:?}."),
            ),
            Some(Err(CallError::TimedOut)) if first_call_end(&run.trace).is_none_or(|e| !e.what.contains("failed")) => {
                run.fail(format!(
                    "with_deadline(\"rates\", 2 s) returned TimedOut at {at}, though the service fails \
                     after 200 ms with `503 Service Unavailable`, long before the limit of 2 s; {}.\n\
                     Possible causes: a limit other than the `limit` given (a shorter one cuts the call \
                     off before it fails); no call made, or one made but not awaited. Time out the call \
                     with the `limit` given, and keep a failure and a timeout apart: `Err(Elapsed)` from \
                     `timeout(..)` is the timeout, `Ok(Err(error))` is the service's error.",
                    first_call_story(&run.trace)
                ))
            }
            Some(Err(CallError::TimedOut)) => run.fail(format!(
                "The service failed at {} with `503 Service Unavailable`, long before the limit of \
                 2 s, but with_deadline returned TimedOut at {at}.\n\
                 A failure and a timeout are different news for the caller, so keep them apart. \
                 `tokio::time::timeout(limit, call)` wraps the call's own `Result` in another one: \
                 `Err(Elapsed)` is the timeout, `Ok(Err(error))` is the service's error, to return as \
                 `CallError::Failed(error)`, and `Ok(Ok(reply))` is the reply. A `match` with those \
                 three arms says it all.",
                first_call_end(&run.trace).map_or_else(String::new, |e| format_secs(e.at))
            )),
            Some(Ok(reply)) => run.fail(format!(
                "The service failed with `503 Service Unavailable`, but with_deadline returned Ok({reply:?})."
            )),
        }
        run.assert_elapsed(millis(200));
    }

    fn retries_after_failures_with_backoff() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Answer(millis(200))]);
            watch(with_retries(SERVICE), Duration::ZERO).await
        });
        // 0.0–0.2 fails, pause 100 ms, 0.3–0.5 fails, pause 200 ms, 0.7–0.9 answers.
        judge_retries(&run, &Expected {
            behaviour: "fails twice (in 200 ms each time), then answers",
            starts: &[Duration::ZERO, millis(300), millis(700)],
            answered_by: Some(3),
            done_at: millis(900),
        });
        assert_trace!(run, "retries_after_failures_with_backoff");
    }

    fn stuck_attempt_is_cut_off_and_retried() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Hang, Outcome::Answer(millis(200))]);
            watch(with_retries(SERVICE), Duration::ZERO).await
        });
        // 0.0–1.0 hangs and is cut off, pause 100 ms, 1.1–1.3 answers.
        judge_retries(&run, &Expected {
            behaviour: "never answers the first call, then answers the second in 200 ms",
            starts: &[Duration::ZERO, millis(1100)],
            answered_by: Some(2),
            done_at: millis(1300),
        });
        assert_trace!(run, "stuck_attempt_is_cut_off_and_retried");
    }

    fn gives_up_after_four_attempts() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Fail(millis(200))]);
            watch(with_retries(SERVICE), Duration::ZERO).await
        });
        // Four failures of 200 ms, with pauses of 100, 200 and 400 ms between them.
        judge_retries(&run, &Expected {
            behaviour: "fails every call (in 200 ms)",
            starts: &[Duration::ZERO, millis(300), millis(700), millis(1300)],
            answered_by: None,
            done_at: millis(1500),
        });
        assert_trace!(run, "gives_up_after_four_attempts");
    }

    fn stuck_attempts_are_cut_off_wherever_they_come() {
        // A hang at each later position, and a service that never answers at all:
        // every attempt needs its own limit, not only the first.
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Fail(millis(200)), Outcome::Hang, Outcome::Answer(millis(200))]);
            watch_settled(with_retries(SERVICE)).await
        });
        // 0.0–0.2 fails, pause 100 ms, 0.3–1.3 cut off, pause 200 ms, 1.5–1.7 answers.
        judge_retries(&run, &Expected {
            behaviour: "fails the first call, never answers the second, then answers the third in 200 ms",
            starts: &[Duration::ZERO, millis(300), millis(1500)],
            answered_by: Some(3),
            done_at: millis(1700),
        });
        assert_trace!(run, "stuck_second_attempt");

        let run = workbook::run(async {
            let script = [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Hang, Outcome::Answer(millis(200))];
            flaky::set_script(SERVICE, script);
            watch_settled(with_retries(SERVICE)).await
        });
        // 0.0–0.2, 0.3–0.5 fail, 0.7–1.7 cut off, pause 400 ms, 2.1–2.3 answers.
        judge_retries(&run, &Expected {
            behaviour: "fails twice, never answers the third call, then answers the fourth in 200 ms",
            starts: &[Duration::ZERO, millis(300), millis(700), millis(2100)],
            answered_by: Some(4),
            done_at: millis(2300),
        });
        assert_trace!(run, "stuck_third_attempt");

        let run = workbook::run(async {
            let script = [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Hang];
            flaky::set_script(SERVICE, script);
            watch_settled(with_retries(SERVICE)).await
        });
        // Three failures, then the fourth attempt (1.3 s) is cut off at 2.3 s: GaveUp, TimedOut.
        judge_retries(&run, &Expected {
            behaviour: "fails three times, then never answers the fourth call",
            starts: &[Duration::ZERO, millis(300), millis(700), millis(1300)],
            answered_by: None,
            done_at: millis(2300),
        });
        assert_trace!(run, "stuck_last_attempt");

        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Hang]);
            watch_settled(with_retries(SERVICE)).await
        });
        // Every attempt is cut off after 1 s: 0.0, 1.1, 2.3 and 3.7 s, GaveUp at 4.7 s.
        judge_retries(&run, &Expected {
            behaviour: "never answers any call",
            starts: &[Duration::ZERO, millis(1100), millis(2300), millis(3700)],
            answered_by: None,
            done_at: millis(4700),
        });
        assert_trace!(run, "every_attempt_stuck");
    }

    fn deadline_is_the_limit_given() {
        // A limit that is not a round number: the timeout must be the `limit` argument.
        let limit = millis(1337);
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Answer(secs(5))]);
            watch_settled(with_deadline(SERVICE, limit)).await
        });
        run.assert_not_blocked();
        let at = format_secs(run.value.returned_at);
        match &run.value.value {
            Some(Err(CallError::TimedOut)) => run.ensure(
                run.value.returned_at == limit,
                format!(
                    "with_deadline(\"rates\", 1.337 s) returned TimedOut at {at}; the service takes 5 s, so \
                     it should give up at exactly 1.337s, when the `limit` it was given has passed. Start \
                     the timeout with the call and give it `limit` itself: \
                     `tokio::time::timeout(limit, flaky::call(service))`."
                ),
            ),
            other => run.fail(format!(
                "with_deadline(\"rates\", 1.337 s), with a service that takes 5 s, should return TimedOut \
                 at 1.337s; it returned {other:?} at {at}."
            )),
        }
        run.ensure(
            run.trace.find(CALL, "dropped").is_some_and(|e| e.at == limit),
            format!(
                "with_deadline(\"rates\", 1.337 s) returned at {at}, but the call was not dropped \
                 (cancelled) at 1.337s: the trace shows no `call rates ✗ dropped (cancelled)` then."
            ),
        );

        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Answer(millis(1300))]);
            watch_settled(with_deadline(SERVICE, limit)).await
        });
        run.assert_not_blocked();
        let at = format_secs(run.value.returned_at);
        match &run.value.value {
            Some(Ok(_)) => run.ensure(
                run.value.returned_at == millis(1300),
                format!(
                    "The service answered at 1.300s, within the limit of 1.337 s, but with_deadline \
                     returned the reply only at {at}: return it the moment the call finishes."
                ),
            ),
            other => run.fail(format!(
                "The service answered at 1.300s, within the limit of 1.337 s, but with_deadline(\"rates\", \
                 1.337 s) returned {other:?} at {at}: a call that finishes before `limit` has passed \
                 gives its reply."
            )),
        }
    }

    fn connection_returned_after_reply() {
        let run = workbook::run(watch(with_connection(SERVICE), Duration::ZERO));
        judge_connection(
            &run,
            "with_connection got its reply at 0.200s, but the connection never went back to the pool. \
             Give it back when the call is over, however it ends: `flaky::return_connection(service)`, \
             best called from the `Drop` impl of a guard value.",
        );
        match &run.value.value {
            Some(Ok(_)) => {}
            other => run.fail(format!("The service answered, so with_connection should return Ok(reply); it returned {other:?}.")),
        }
        run.assert_elapsed(millis(200));
        assert_trace!(run, "connection_returned_after_reply");
    }

    fn connection_returned_after_error() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Fail(millis(200))]);
            watch(with_connection(SERVICE), Duration::ZERO).await
        });
        judge_connection(
            &run,
            "The call failed at 0.200s and with_connection returned the error, but the connection never \
             went back to the pool. Possible causes: the line that gives it back is there but was \
             skipped on this path, or there is no such line at all.\n\
             `?` returns from the function on the spot, like a `raise` in Python, and skips every line \
             after it, the cleanup included. Python would put that cleanup in a `finally:` block. In \
             Rust it goes in a `Drop` impl: make the connection a value (a guard) that gives itself back \
             when it is dropped, and its `drop` runs however the function is left.",
        );
        match &run.value.value {
            Some(Err(_)) => {}
            other => run.fail(format!(
                "The service failed, so with_connection should return its error; it returned {other:?}."
            )),
        }
        run.assert_elapsed(millis(200));
        assert_trace!(run, "connection_returned_after_error");
    }

    fn connection_returned_when_cancelled() {
        let run = workbook::run(async {
            flaky::set_script(SERVICE, [Outcome::Hang]);
            tokio::time::timeout(secs(1), with_connection(SERVICE)).await
        });
        judge_connection(
            &run,
            "The caller's timeout fired at 1.000s and dropped with_connection's future: the call was \
             cancelled (the ✗ below), but the connection never went back to the pool.\n\
             A dropped future is never polled again, so none of its code after the `.await` it was \
             parked at ever runs: a line that gives the connection back after \
             `flaky::call(service).await` is skipped when the call is cancelled. In Python, \
             cancellation raises `CancelledError` at the `await`, and `finally:` still runs (it may \
             even await). Rust has no such thing: what runs when a future is dropped is `Drop`, the \
             destructors of the values it holds. So make the connection a value whose `Drop` gives \
             it back:\n    \
             struct Lease { service: String }\n    \
             impl Drop for Lease { fn drop(&mut self) { flaky::return_connection(&self.service) } }\n\
             and hold one across the call (`let _lease = ...;`). A server whose requests time out \
             leaks its whole pool this way, one connection at a time.",
        );
        run.ensure(
            run.value.is_err(),
            format!("The service never answers, so the caller's 1 s timeout should fire; with_connection returned {:?}.", run.value),
        );
        run.assert_elapsed(secs(1));
        assert_trace!(run, "connection_returned_when_cancelled");
    }
}
