//! Chapter 12 · timeouts: give up in time, retry with backoff, clean up when cancelled.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::time::Duration;

use tokio::time::{sleep, timeout};
use workbook::sim::flaky::{self, Outcome, Reply, ServiceError};
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
        // In the order things happened: at 0.000s, the connection goes back before the
        // call starts.
        let run = workbook::run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            let _ = timeout(secs(1), let_underscore_guard("rates")).await;
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

/// Up to four attempts, each cut off after 1 s, with 100, 200 and 400 ms between them.
pub async fn call_with_retries(service: &str) -> Result<Reply, CallError> {
    // ANCHOR: retries
    let mut backoff = FIRST_BACKOFF;
    let mut last_error = CallError::TimedOut;
    for attempt in 1..=MAX_ATTEMPTS {
        match timeout(ATTEMPT_LIMIT, flaky::call(service)).await {
            Ok(Ok(reply)) => return Ok(reply),
            Ok(Err(error)) => last_error = CallError::Failed(error),
            Err(_elapsed) => last_error = CallError::TimedOut,
        }
        if attempt < MAX_ATTEMPTS {
            sleep(backoff).await; // never after the last attempt
            backoff *= 2;
        }
    }
    Err(last_error)
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

// ANCHOR: lease
struct Lease {
    service: String,
}

impl Drop for Lease {
    fn drop(&mut self) {
        flaky::return_connection(&self.service);
    }
}
// ANCHOR_END: lease

/// Lends a connection for `service`, to be given back when the lease is dropped.
fn lease(service: &str) -> Lease {
    flaky::take_connection(service);
    Lease { service: service.to_string() }
}

/// Two calls on one connection: the lease goes back however the function is left.
pub async fn twice_on_one_connection(service: &str) -> Result<(Reply, Reply), ServiceError> {
    // ANCHOR: lease_in_use
    let _lease = lease(service); // lives to the end of the function
    let first = flaky::call(service).await?; // an early return gives it back
    let second = flaky::call(service).await?; // and so does being dropped here
    Ok((first, second))
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
pub async fn with_a_closure_guard(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    // ANCHOR: on_drop_in_use
    let _give_back = OnDrop(Some(|| flaky::return_connection(service)));
    // ANCHOR_END: on_drop_in_use
    flaky::call(service).await
}

/// A guard bound to `_`: dropped on the spot, before the call it should guard.
pub async fn let_underscore_guard(service: &str) -> Result<Reply, ServiceError> {
    // ANCHOR: let_underscore
    let _ = lease(service); // `_` keeps nothing: the lease is dropped here
    flaky::call(service).await
    // ANCHOR_END: let_underscore
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::run;
    use workbook::trace::Trace;

    fn at(trace: &Trace, actor: &str, what: &str) -> Duration {
        trace.find(actor, what).unwrap_or_else(|| panic!("no `{what}` from {actor}:\n{}", trace.table())).at
    }

    fn starts(trace: &Trace) -> Vec<Duration> {
        trace.of("call rates").filter(|e| e.what.starts_with("attempt")).map(|e| e.at).collect()
    }

    #[test]
    fn a_slow_call_is_cut_off_at_the_limit() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Answer(secs(5))]);
            rates_within_two_seconds().await
        });
        assert_eq!(run.value, "2 s passed; the call has been dropped");
        assert_eq!(run.virtual_elapsed, secs(2));
        assert_eq!(at(&run.trace, "call rates", "dropped (cancelled)"), secs(2));
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
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runtime.block_on(async { timeout(secs(1), std::future::ready(())).await })
        }));
        let payload = outcome.expect_err("no timer: timeout panics");
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        assert!(message.contains("timers are disabled"), "{message}");
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
    fn retries_back_off_100_then_200_ms() {
        let run = run(async {
            flaky::set_script(
                "rates",
                [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Answer(millis(200))],
            );
            call_with_retries("rates").await
        });
        assert_eq!(run.value.unwrap().attempt, 3);
        assert_eq!(starts(&run.trace), [millis(0), millis(300), millis(700)]);
        assert_eq!(run.virtual_elapsed, millis(900));
    }

    #[test]
    fn four_failures_and_no_pause_after_the_last() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Fail(millis(200))]);
            call_with_retries("rates").await
        });
        assert!(matches!(run.value, Err(CallError::Failed(ServiceError { attempt: 4, .. }))));
        assert_eq!(starts(&run.trace), [millis(0), millis(300), millis(700), millis(1300)]);
        assert_eq!(run.virtual_elapsed, millis(1500));
    }

    #[test]
    fn a_stuck_attempt_is_cut_off_and_retried() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Hang, Outcome::Answer(millis(200))]);
            call_with_retries("rates").await
        });
        assert_eq!(run.value.unwrap().attempt, 2);
        assert_eq!(at(&run.trace, "call rates", "dropped"), secs(1));
        assert_eq!(starts(&run.trace), [millis(0), millis(1100)]);
        assert_eq!(run.virtual_elapsed, millis(1300));
    }

    #[test]
    fn a_service_that_never_answers_gets_four_attempts() {
        let run = run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            call_with_retries("rates").await
        });
        assert_eq!(run.value, Err(CallError::TimedOut));
        assert_eq!(starts(&run.trace), [millis(0), millis(1100), millis(2300), millis(3700)]);
        assert_eq!(run.virtual_elapsed, millis(4700));
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
    fn dropped_after_one_second<F: Future>(call: impl FnOnce() -> F) -> workbook::Run<u32> {
        run(async {
            flaky::set_script("rates", [Outcome::Hang]);
            let _ = timeout(secs(1), call()).await;
            flaky::connections_out("rates")
        })
    }

    #[test]
    fn cleanup_after_the_await_is_skipped_when_dropped() {
        let run = dropped_after_one_second(|| cleanup_after_await("rates"));
        assert_eq!(run.value, 1, "the connection is lost");
        assert!(run.trace.find("pool", "gets the connection back").is_none());
    }

    #[test]
    fn a_lease_goes_back_when_dropped_or_on_an_early_return() {
        let run = dropped_after_one_second(|| twice_on_one_connection("rates"));
        assert_eq!(run.value, 0);
        assert_eq!(at(&run.trace, "pool", "gets the connection back"), secs(1));
        let failed = workbook::run(async {
            flaky::set_script("rates", [Outcome::Fail(millis(200))]);
            let outcome = twice_on_one_connection("rates").await;
            (outcome.is_err(), flaky::connections_out("rates"))
        });
        assert_eq!(failed.value, (true, 0));
        assert_eq!(at(&failed.trace, "pool", "gets the connection back"), millis(200));
    }

    #[test]
    fn a_closure_guard_runs_on_drop() {
        let run = dropped_after_one_second(|| with_a_closure_guard("rates"));
        assert_eq!(run.value, 0);
        assert_eq!(at(&run.trace, "pool", "gets the connection back"), secs(1));
    }

    #[test]
    fn let_underscore_drops_the_guard_at_once() {
        let run = dropped_after_one_second(|| let_underscore_guard("rates"));
        assert_eq!(at(&run.trace, "pool", "gets the connection back"), Duration::ZERO);
        assert_eq!(at(&run.trace, "call rates", "attempt 1"), Duration::ZERO);
        let events = run.trace.events();
        let back = events.iter().position(|e| e.what.contains("gets the connection back")).unwrap();
        let call = events.iter().position(|e| e.what == "attempt 1").unwrap();
        assert!(back < call, "given back before the call starts:\n{}", run.trace.table());
    }
}
