//! Chapter 01 · The runtime: where async code starts.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::error::Error;
use std::fmt;
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};
use tokio::sync::{mpsc, oneshot};

use crate::Scene;

/// The runs this chapter draws. Its timelines are the exercise's recorded traces.
pub const SCENES: &[Scene] = &[];

// ANCHOR: main
async fn read_sensor(name: &str, seconds: u64) -> String {
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    format!("{name}: ok")
}

async fn read_all() -> (String, String, String) {
    tokio::join!(read_sensor("thermometer", 1), read_sensor("barometer", 2), read_sensor("anemometer", 3))
}

#[tokio::main]
pub async fn main() {
    let readings = read_all().await;
    println!("{readings:?}"); // after 3 s
}
// ANCHOR_END: main

/// Roughly what `#[tokio::main]` turns `async fn main` into.
pub fn main_expanded() {
    // ANCHOR: expanded
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("failed to build the runtime").block_on(
        async {
            // the body of your async fn main
        },
    )
    // ANCHOR_END: expanded
}

/// A client with a background task, like an HTTP client's connection pool or a
/// database session. The chapter's stand-in: it answers at once, from a task spawned
/// on the runtime that opened it.
#[derive(Debug)]
pub struct Session {
    requests: mpsc::UnboundedSender<(String, oneshot::Sender<String>)>,
}

/// The session's background task is gone: the runtime it lived on has shut down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClosed;

impl fmt::Display for SessionClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the session's background task is gone: its runtime has shut down")
    }
}

impl Error for SessionClosed {}

/// Opens a session: its background task is spawned on the current runtime.
pub async fn open_session() -> Session {
    let (requests, mut incoming) = mpsc::unbounded_channel::<(String, oneshot::Sender<String>)>();
    tokio::spawn(async move {
        while let Some((city, reply)) = incoming.recv().await {
            let _ = reply.send(format!("{city}: sunny"));
        }
    });
    Session { requests }
}

impl Session {
    /// Asks the session's background task for the weather in `city`.
    pub async fn weather(&self, city: &str) -> Result<String, SessionClosed> {
        let (reply, answer) = oneshot::channel();
        self.requests.send((city.to_string(), reply)).map_err(|_| SessionClosed)?;
        answer.await.map_err(|_| SessionClosed)
    }
}

/// Opens a session and asks it one question.
pub async fn ask_weather(city: &str) -> Result<String, SessionClosed> {
    open_session().await.weather(city).await
}

// ANCHOR: plain_fn
fn weather_in(city: &str) -> Result<String, SessionClosed> {
    let runtime = tokio::runtime::Runtime::new().expect("failed to start a tokio runtime");
    runtime.block_on(ask_weather(city)) // runs the future to its end, then returns its output
}
// ANCHOR_END: plain_fn

/// Plain code that needs an async result: [`weather_in`], called from outside any runtime.
pub fn weather_from_plain_code(city: &str) -> Result<String, SessionClosed> {
    weather_in(city)
}

/// One runtime kept for several calls, like `asyncio.Runner`.
pub fn weather_report() -> Result<Vec<String>, Box<dyn Error>> {
    // ANCHOR: runner
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let session = runtime.block_on(open_session()); // its background task lives on `runtime`
    let mut report = Vec::new();
    for city in ["Oslo", "Lima"] {
        report.push(runtime.block_on(session.weather(city))?);
    }
    // ANCHOR_END: runner
    Ok(report)
}

/// A runtime per call, like `asyncio.run` in a loop: the session dies with the first.
pub fn runtime_per_call() -> Result<String, Box<dyn Error>> {
    // ANCHOR: runtime_per_call
    let session = Runtime::new()?.block_on(open_session()); // that runtime is dropped at the `;`
    let oslo = Runtime::new()?.block_on(session.weather("Oslo")); // Err(SessionClosed)
    // ANCHOR_END: runtime_per_call
    Ok(oslo?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_panics;
    use workbook::{millis, run, secs};

    #[test]
    fn read_all_takes_the_longest_wait() {
        let run = run(read_all());
        assert_eq!(run.virtual_elapsed, secs(3));
        assert_eq!(run.value, ("thermometer: ok".into(), "barometer: ok".into(), "anemometer: ok".into()));
    }

    #[test]
    fn awaited_one_after_another_the_waits_add_up() {
        let run = run(async {
            read_sensor("thermometer", 1).await;
            read_sensor("barometer", 2).await;
            read_sensor("anemometer", 3).await;
        });
        assert_eq!(run.virtual_elapsed, secs(6));
    }

    #[test]
    fn futures_made_first_and_awaited_one_by_one_still_run_in_sequence() {
        let run = run(async {
            let a = read_sensor("thermometer", 1);
            let b = read_sensor("barometer", 2);
            a.await;
            b.await;
        });
        assert_eq!(run.virtual_elapsed, secs(3)); // 1 s + 2 s, not max(1 s, 2 s)
    }

    #[test]
    fn check_yourself_four_requests() {
        let waits = [millis(1000), millis(2000), millis(3000), millis(500)];
        let in_sequence = run(async {
            for wait in waits {
                tokio::time::sleep(wait).await;
            }
        });
        assert_eq!(in_sequence.virtual_elapsed, millis(6500));
        let together = run(async {
            let [a, b, c, d] = waits.map(tokio::time::sleep);
            tokio::join!(a, b, c, d);
        });
        assert_eq!(together.virtual_elapsed, secs(3));
    }

    #[test]
    fn the_expanded_main_builds_a_runtime_and_blocks_on_the_body() {
        main_expanded();
    }

    #[test]
    fn block_on_gives_plain_code_the_output() {
        assert_eq!(weather_from_plain_code("Oslo"), Ok("Oslo: sunny".to_string()));
    }

    #[test]
    fn one_kept_runtime_serves_every_call() {
        assert_eq!(weather_report().unwrap(), ["Oslo: sunny", "Lima: sunny"]);
    }

    #[test]
    fn a_runtime_per_call_loses_what_lived_on_the_first() {
        let error = runtime_per_call().unwrap_err();
        assert_eq!(error.downcast_ref::<SessionClosed>(), Some(&SessionClosed));
    }

    #[test]
    fn a_current_thread_runtime_runs_its_tasks_only_inside_its_block_on() {
        let home = Builder::new_current_thread().enable_all().build().unwrap();
        let session = home.block_on(open_session());
        // Another runtime drives the request: nobody runs `home`'s task, so no answer.
        // (Paused, so the 1 s timeout passes in no real time.)
        let other = Builder::new_current_thread().enable_all().start_paused(true).build().unwrap();
        let outcome = other.block_on(async { tokio::time::timeout(secs(1), session.weather("Oslo")).await });
        assert!(outcome.is_err(), "the answer came without `home` running: {outcome:?}");
        // Inside `home`'s own block_on, the task runs again and answers.
        assert_eq!(home.block_on(session.weather("Lima")), Ok("Lima: sunny".to_string()));
    }

    #[test]
    fn a_multi_thread_runtime_runs_its_tasks_between_block_on_calls() {
        let home = Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let session = home.block_on(open_session());
        // Its worker thread runs the session's task, whoever drives the request.
        let other = Builder::new_current_thread().enable_all().build().unwrap();
        assert_eq!(other.block_on(session.weather("Oslo")), Ok("Oslo: sunny".to_string()));
    }

    #[test]
    fn futures_block_on_runs_plain_futures_but_has_no_tokio_timer() {
        assert_eq!(futures::executor::block_on(async { 6 * 7 }), 42);
        assert_panics(|| futures::executor::block_on(tokio::time::sleep(millis(1))), "there is no reactor running");
    }

    #[test]
    fn a_builder_starts_with_its_timer_off() {
        let runtime = Builder::new_current_thread().build().unwrap();
        assert_panics(|| runtime.block_on(async { tokio::time::sleep(millis(1)).await }), "timers are disabled");
        // `Runtime::new()` switches the drivers on.
        let runtime = Runtime::new().unwrap();
        runtime.block_on(async { tokio::time::sleep(millis(1)).await });
    }

    #[test]
    fn block_on_inside_a_runtime_panics() {
        let outer = Builder::new_current_thread().build().unwrap();
        let inner = Builder::new_current_thread().build().unwrap();
        assert_panics(
            || outer.block_on(async { inner.block_on(async {}) }),
            "Cannot start a runtime from within a runtime",
        );
    }
}
