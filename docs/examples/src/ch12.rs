//! Chapter 12 · timeouts: give up in time, retry with backoff, clean up when cancelled.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::time::Duration;

use tokio::time::{sleep, timeout};
use workbook::sim::flaky::{self, Outcome, Reply, ServiceError};
use workbook::trace::note;
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch12::timeout_around_a_task", || {
        Picture::of(async {
            flaky::set_script("rates", [Outcome::Answer(secs(5))]);
            let outcome = time_out_a_task("rates", secs(2)).await;
            workbook::trace::note("caller", "gives up: Err(Elapsed)");
            // The caller has its answer at 2 s; keep watching what the task does.
            sleep(secs(4)).await;
            outcome
        })
    }),
    ("ch12::timeout_around_the_loop", || {
        Picture::of(async {
            flaky::set_script("rates", [Outcome::Hang, Outcome::Answer(millis(200))]);
            timeout(secs(3), retries_without_a_limit("rates")).await
        })
    }),
    ("ch12::cleanup_after_await", || {
        Picture::of(async {
            flaky::set_script("rates", [Outcome::Hang]);
            let _ = timeout(secs(1), cleanup_after_await("rates")).await;
        })
    }),
    ("ch12::let_underscore_guard", || {
        // In the order things happened: at 0.000s, the room is freed before the call
        // starts.
        let run = workbook::run(async {
            flaky::set_script("agenda", [Outcome::Hang]);
            let _ = timeout(secs(1), let_underscore_guard("room 4")).await;
        });
        Picture { trace: run.trace.canonical(), took: run.virtual_elapsed }
    }),
];

/// Asks the rates service, waits at most 2 s, and says what came of it.
pub async fn rates_within_two_seconds() -> String {
    // ANCHOR: timeout
    match timeout(Duration::from_secs(2), flaky::call("rates")).await {
        Ok(Ok(reply)) => format!("answered in time, on attempt {}", reply.attempt),
        Ok(Err(error)) => format!("answered in time, with an error: {error}"),
        Err(_elapsed) => "2 s passed; the call has been dropped".to_string(),
    }
    // ANCHOR_END: timeout
}

// ANCHOR: call_error
/// Why a call brought no reply.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    /// The service said nothing in time, and the call was cancelled.
    TimedOut,
    /// The service answered with an error.
    Failed(ServiceError),
}
// ANCHOR_END: call_error

/// The same race as `timeout`, written by hand.
pub async fn race_by_hand(service: &str, limit: Duration) -> Result<Reply, CallError> {
    // ANCHOR: select
    tokio::select! {
        outcome = flaky::call(service) => outcome.map_err(CallError::Failed),
        () = sleep(limit) => Err(CallError::TimedOut),
    }
    // ANCHOR_END: select
}

/// Answers before a deadline, an instant rather than a duration.
pub async fn before(service: &str, deadline: tokio::time::Instant) -> Option<Reply> {
    // ANCHOR: timeout_at
    let outcome = tokio::time::timeout_at(deadline, flaky::call(service)).await;
    // ANCHOR_END: timeout_at
    outcome.ok()?.ok()
}

/// A timeout around a spawned task: it stops the waiting, not the task.
pub async fn time_out_a_task(service: &str, limit: Duration) -> Option<Reply> {
    // ANCHOR: task_timeout
    let service = service.to_string();
    let handle = tokio::spawn(async move { flaky::call(&service).await });
    let outcome = timeout(limit, handle).await; // Err(Elapsed) at 2 s...
    // ANCHOR_END: task_timeout
    outcome.ok()?.ok()?.ok()
}

/// How many times the retry loop calls at most.
pub const MAX_ATTEMPTS: u32 = 4;
/// How long one attempt may take.
pub const ATTEMPT_LIMIT: Duration = Duration::from_secs(1);
/// The pause before the second attempt; it doubles each time.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// Up to three attempts at the weather service, each cut off after 2 s, with 500 ms
/// and then 1 s between them.
pub async fn weather_with_retries() -> Result<Reply, CallError> {
    // ANCHOR: retries
    let mut pause = Duration::from_millis(500);
    let mut attempt = 1;
    loop {
        let error = match timeout(Duration::from_secs(2), flaky::call("weather")).await {
            Ok(Ok(reply)) => return Ok(reply),
            Ok(Err(error)) => CallError::Failed(error),
            Err(_elapsed) => CallError::TimedOut,
        };
        if attempt == 3 {
            return Err(error); // no pause after the last attempt
        }
        sleep(pause).await; // 500 ms, then 1 s
        pause *= 2;
        attempt += 1;
    }
    // ANCHOR_END: retries
}

/// The same loop with no limit on each attempt, for a timeout around the whole loop.
pub async fn retries_without_a_limit(service: &str) -> Result<Reply, ServiceError> {
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match flaky::call(service).await {
            Err(error) if attempt == MAX_ATTEMPTS => return Err(error),
            Err(_) => {}
            answered => return answered,
        }
        sleep(backoff).await;
        backoff *= 2;
        attempt += 1;
    }
}

/// Three seconds for everything, one timeout around the whole loop: a hanging first
/// attempt uses them all up.
pub async fn whole_loop_in_three_seconds(service: &str) -> Option<Reply> {
    // ANCHOR: whole_loop
    let outcome = timeout(Duration::from_secs(3), retries_without_a_limit(service)).await;
    // ANCHOR_END: whole_loop
    outcome.ok()?.ok()
}

/// Cleanup on the line after the `.await`: skipped when the future is dropped.
pub async fn cleanup_after_await(service: &str) -> Result<Reply, ServiceError> {
    // ANCHOR: cleanup_after_await
    flaky::take_connection(service);
    let reply = flaky::call(service).await;
    flaky::return_connection(service); // not if the future is dropped above
    reply
    // ANCHOR_END: cleanup_after_await
}

/// The office's meeting rooms: booking one is a note `rooms • books <room>`.
fn book_room(room: &str) {
    note("rooms", &format!("books {room}"));
}

/// Freeing a room: a note `rooms • frees <room>`.
fn free_room(room: &str) {
    note("rooms", &format!("frees {room}"));
}

// ANCHOR: lease
struct Booking {
    room: String,
}

impl Drop for Booking {
    fn drop(&mut self) {
        free_room(&self.room);
    }
}
// ANCHOR_END: lease

/// Books `room`, to be freed when the booking is dropped.
fn book(room: &str) -> Booking {
    book_room(room);
    Booking { room: room.to_string() }
}

/// A meeting in `room`: the agenda, then the notes, from two services. The room is
/// freed however the meeting ends.
pub async fn meeting(room: &str) -> Result<(Reply, Reply), ServiceError> {
    // ANCHOR: lease_in_use
    let _booking = book(room); // lives to the end of the function
    let agenda = flaky::call("agenda").await?; // an early return frees the room
    let notes = flaky::call("notes").await?; // and so does being dropped here
    Ok((agenda, notes))
    // ANCHOR_END: lease_in_use
}

// ANCHOR: on_drop
struct OnDrop<F: FnOnce()>(Option<F>);

impl<F: FnOnce()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        if let Some(cleanup) = self.0.take() {
            cleanup();
        }
    }
}
// ANCHOR_END: on_drop

/// The general form: any closure, run on drop.
pub async fn with_a_closure_guard(room: &str) -> Result<Reply, ServiceError> {
    book_room(room);
    // ANCHOR: on_drop_in_use
    let _free = OnDrop(Some(|| free_room(room)));
    // ANCHOR_END: on_drop_in_use
    flaky::call("agenda").await
}

/// A guard bound to `_`: dropped on the spot, before the call it should guard.
pub async fn let_underscore_guard(room: &str) -> Result<Reply, ServiceError> {
    // ANCHOR: let_underscore
    let _ = book(room); // `_` keeps nothing: the booking is dropped here
    flaky::call("agenda").await
    // ANCHOR_END: let_underscore
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_panics, assert_times, at};
    use workbook::run;
    use workbook::trace::Trace;

    fn starts(trace: &Trace) -> Vec<Duration> {
        starts_of(trace, "call rates")
    }

    fn starts_of(trace: &Trace, actor: &str) -> Vec<Duration> {
        trace.of(actor).filter(|e| e.what.starts_with("attempt")).map(|e| e.at).collect()
    }

    /// Runs [`weather_with_retries`] against a weather service that plays `script`, and
    /// checks when each attempt started and how long it all took.
    fn retry_weather<const N: usize>(
        script: [Outcome; N],
        attempts_at: &[Duration],
        took: Duration,
    ) -> Result<Reply, CallError> {
        let run = run(async {
            flaky::set_script("weather", script);
            weather_with_retries().await
        });
        assert_eq!(starts_of(&run.trace, "call weather"), attempts_at, "{}", run.trace.table());
        assert_eq!(run.virtual_elapsed, took);
        run.value
    }

    #[test]
    fn a_slow_call_is_cut_off_at_the_limit() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Answer(secs(5))]);
            rates_within_two_seconds().await
        });
        assert_eq!(run.value, "2 s passed; the call has been dropped");
        assert_times(&run, secs(2), &[("call rates", "dropped (cancelled)", secs(2))]);
    }

    #[test]
    fn a_quick_answer_or_error_comes_straight_back() {
        let run = run(rates_within_two_seconds());
        assert_eq!(run.value, "answered in time, on attempt 1");
        assert_eq!(run.virtual_elapsed, millis(200));
        let failed = workbook::run(async {
            flaky::set_script("rates", [Outcome::Fail(millis(200))]);
            rates_within_two_seconds().await
        });
        assert!(failed.value.starts_with("answered in time, with an error"), "{}", failed.value);
    }

    #[test]
    fn select_races_the_call_against_a_timer() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            race_by_hand("rates", secs(2)).await
        });
        assert_eq!(run.value, Err(CallError::TimedOut));
        assert_eq!(at(&run.trace, "call rates", "dropped"), secs(2));
        let failed = workbook::run(async {
            flaky::set_script("rates", [Outcome::Fail(millis(200))]);
            race_by_hand("rates", secs(2)).await
        });
        assert!(matches!(failed.value, Err(CallError::Failed(_))));
    }

    #[test]
    fn timeout_at_takes_an_instant() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Answer(secs(5))]);
            before("rates", tokio::time::Instant::now() + secs(3)).await
        });
        assert_eq!(run.value, None);
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_timeout_needs_a_runtime_with_a_timer() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        // No timer: timeout panics.
        assert_panics(
            || runtime.block_on(async { timeout(secs(1), std::future::ready(())).await }),
            "timers are disabled",
        );
    }

    #[test]
    fn a_timed_out_task_keeps_running() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Answer(secs(5))]);
            let outcome = time_out_a_task("rates", secs(2)).await;
            let gave_up_at = tokio::time::Instant::now();
            sleep(secs(4)).await;
            (outcome, gave_up_at)
        });
        assert_eq!(run.value.0, None);
        assert_eq!(at(&run.trace, "call rates", "answered"), secs(5));
        assert!(run.trace.find("call rates", "dropped").is_none());
    }

    #[test]
    fn retries_pause_500_ms_then_1_s() {
        let script = [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Answer(millis(200))];
        let reply = retry_weather(script, &[millis(0), millis(700), millis(1900)], millis(2100));
        assert_eq!(reply.unwrap().attempt, 3);
    }

    #[test]
    fn three_failures_and_no_pause_after_the_last() {
        let reply = retry_weather([Outcome::Fail(millis(200))], &[millis(0), millis(700), millis(1900)], millis(2100));
        assert!(matches!(reply, Err(CallError::Failed(ServiceError { attempt: 3, .. }))));
    }

    #[test]
    fn a_stuck_attempt_is_cut_off_and_retried() {
        let run = run(async {
            flaky::set_script("weather", [Outcome::Hang, Outcome::Answer(millis(200))]);
            weather_with_retries().await
        });
        assert_eq!(run.value.unwrap().attempt, 2);
        assert_eq!(at(&run.trace, "call weather", "dropped"), secs(2));
        assert_eq!(starts_of(&run.trace, "call weather"), [millis(0), millis(2500)]);
        assert_eq!(run.virtual_elapsed, millis(2700));
    }

    #[test]
    fn a_service_that_never_answers_gets_three_attempts() {
        let reply = retry_weather([Outcome::Hang], &[millis(0), millis(2500), millis(5500)], millis(7500));
        assert_eq!(reply, Err(CallError::TimedOut));
    }

    #[test]
    fn one_timeout_around_the_loop_retries_nothing() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Hang, Outcome::Answer(millis(200))]);
            whole_loop_in_three_seconds("rates").await
        });
        assert_eq!(run.value, None);
        assert_eq!(starts(&run.trace), [Duration::ZERO]);
        assert_eq!(at(&run.trace, "call rates", "dropped"), secs(3));
    }

    /// Runs `call` on a hanging service under a 1 s timeout.
    fn dropped_after_one_second<F: Future>(call: impl FnOnce() -> F) -> workbook::Run<()> {
        run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            flaky::set_script("agenda", [Outcome::Hang]);
            let _ = timeout(secs(1), call()).await;
        })
    }

    #[test]
    fn cleanup_after_the_await_is_skipped_when_dropped() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            let _ = timeout(secs(1), cleanup_after_await("rates")).await;
            flaky::connections_out("rates")
        });
        assert_eq!(run.value, 1, "the connection is lost");
        assert!(run.trace.find("pool", "gets the connection back").is_none());
    }

    #[test]
    fn a_booking_is_freed_when_dropped_or_on_an_early_return() {
        let run = dropped_after_one_second(|| meeting("room 4"));
        assert_eq!(at(&run.trace, "rooms", "books room 4"), Duration::ZERO);
        assert_eq!(at(&run.trace, "rooms", "frees room 4"), secs(1));
        let failed = workbook::run(async {
            flaky::set_script("agenda", [Outcome::Fail(millis(200))]);
            meeting("room 4").await.is_err()
        });
        assert!(failed.value);
        assert_eq!(at(&failed.trace, "rooms", "frees room 4"), millis(200));
        let held = workbook::run(meeting("room 4"));
        assert!(held.value.is_ok());
        assert_eq!(at(&held.trace, "rooms", "frees room 4"), millis(400), "freed after both calls");
    }

    #[test]
    fn a_closure_guard_runs_on_drop() {
        let run = dropped_after_one_second(|| with_a_closure_guard("room 4"));
        assert_eq!(at(&run.trace, "rooms", "frees room 4"), secs(1));
    }

    #[test]
    fn let_underscore_drops_the_guard_at_once() {
        let run = dropped_after_one_second(|| let_underscore_guard("room 4"));
        assert_eq!(at(&run.trace, "rooms", "frees room 4"), Duration::ZERO);
        assert_eq!(at(&run.trace, "call agenda", "attempt 1"), Duration::ZERO);
        let events = run.trace.events();
        let freed = events.iter().position(|e| e.what.contains("frees room 4")).unwrap();
        let call = events.iter().position(|e| e.what == "attempt 1").unwrap();
        assert!(freed < call, "freed before the call starts:\n{}", run.trace.table());
    }
}
