//! The checks of exercise 01. Read them if you like; `grader check` notices edits.
//!
//! `forecast_blocking` and `Station` are synchronous: they start runtimes of their
//! own, so these checks call them straight from the test thread, which has no
//! runtime (calling them inside `workbook::run` would nest one runtime in another,
//! which tokio refuses). They run on the real clock. The async functions run under
//! `workbook::run`, on a paused clock, so their times are exact.

use super::*;
use workbook::sim::station::{self as sim_station, LinkError, Radio, Reading};
use workbook::trace::Kind;
use workbook::{Run, assert_trace, format_secs, secs};

const SENSORS: [&str; 3] = ["thermometer", "barometer", "anemometer"];

/// Calls the learner's synchronous `call`. If it panics with one of tokio's messages
/// about runtimes, fails with a lesson that quotes it; any other panic goes on as is.
fn call_sync<T>(what: &str, call: impl FnOnce() -> T) -> T {
    workbook::call_explaining_panics(what, call, |message| {
        if message.contains("no reactor running") {
            Some(
                "No tokio runtime was running on this thread when tokio code needed one (a timer, \
                 `tokio::spawn` and `Handle::current()` all panic this way). Tokio's timers, sockets and \
                 `tokio::spawn` only work inside a tokio runtime, which drives them.\n\
                 Possible causes: the future was driven by something that is not a tokio runtime \
                 (`futures::executor::block_on` polls a future to the end, but has no timer and no I/O \
                 driver), or tokio was reached for on a thread where no runtime runs. (Nor does \
                 `Handle::current()` help on such a thread: it panics the same way.)\n\
                 Build a tokio runtime and use its own `block_on`: \
                 `tokio::runtime::Runtime::new().unwrap().block_on(future)`, or put `#[tokio::main]` on the function.",
            )
        } else if message.contains("timers are disabled") {
            Some(
                "The runtime was built without its timer. `Builder::new_current_thread()` and \
                 `Builder::new_multi_thread()` start with every driver switched off, and \
                 `tokio::time::sleep` (the simulated station waits and times out with it) needs the timer.\n\
                 Add `.enable_all()` (timer and I/O) or at least `.enable_time()` before `.build()`. \
                 `Runtime::new()` and `#[tokio::main]` enable everything for you.",
            )
        } else if message.contains("Cannot start a runtime from within a runtime") {
            Some(
                "A runtime's `block_on` was called on a thread where a runtime was already running. \
                 These functions are for synchronous code: call them from plain code, never from \
                 inside an `async fn` (Python's `asyncio.run` refuses the same way when a loop is \
                 already running).",
            )
        } else {
            None
        }
    })
}

/// What a failed read over the radio link teaches.
/// `elsewhere`: whether the radio saw this read driven by a runtime other than the
/// one that connected the link (it compares tokio's runtime ids).
fn link_lesson(sensor: &str, error: &LinkError, elsewhere: bool) -> String {
    let call = format!("station.read({sensor:?})");
    let elsewhere = if elsewhere {
        "The read ran on a runtime other than the one that connected the link (the radio compares \
         tokio's runtime ids), so nothing drove the runtime the task lives on. "
    } else {
        "The read ran on the runtime that connected the link (the radio compares tokio's runtime \
         ids), yet that runtime did not run the task. "
    };
    match error {
        LinkError::RuntimeGone => format!(
            "{call} returned Err: {error}.\n\
             The link's background task, spawned on the runtime that connected it, was gone at the \
             read: the radio found its request channel closed, or its reply dropped. When a runtime shuts down, every task spawned \
             on it is dropped, and nothing else drops that task.\n\
             Possible causes: `Station::open` built a runtime, connected on it and dropped it when it \
             returned (it was not kept in the struct); or each call builds a runtime of its own and \
             drops it at its end, which is `asyncio.run` in a loop: whatever lived on the old loop (a \
             connection pool, a background task, a client session) dies with it.\n\
             Do what `asyncio.Runner` does: build ONE runtime in `Station::open`, connect on it, keep \
             the runtime and the link in the struct, and call `self.runtime.block_on(..)` in every \
             `read`."
        ),
        LinkError::NoAnswer => format!(
            "{call} returned Err after waiting a second: {error}.\n\
             The link's background task still existed (its channel was open) but never answered. \
             {elsewhere}A task runs only while its runtime runs, and a current-thread runtime only \
             runs while some thread is inside its `block_on`.\n\
             Call `block_on` on the runtime the link was connected on, the one kept in the struct: \
             `self.runtime.block_on(self.link.read(sensor))`."
        ),
    }
}

/// Opens a station on `radio` and reads the three sensors, failing with a lesson at
/// the first read that doesn't give the right reading.
fn open_and_read_all(radio: &Radio) {
    let station = call_sync("Station::open(&radio)", || Station::open(radio));
    for sensor in SENSORS {
        let sent_before = radio.readings_sent();
        let elsewhere_before = radio.reads_from_other_runtimes();
        let outcome = call_sync(&format!("station.read({sensor:?})"), || station.read(sensor));
        match outcome {
            Ok(reading) => {
                workbook::ensure(
                    reading.sensor == sensor,
                    format!("station.read({sensor:?}) returned a reading of the {}.", reading.sensor),
                );
                let sent = radio.readings_sent() - sent_before;
                workbook::ensure(
                    sent == 1 && reading.value == value_of(sensor),
                    format!(
                        "station.read({sensor:?}) returned {reading:?}, but during that call the radio \
                         sent back {sent} reading(s){}. The reading must be the one the radio link \
                         answered with (`link.read(sensor)`), once per call.{}",
                        if sent == 1 { format!(" and the {sensor} reads {}", value_of(sensor)) } else { String::new() },
                        match sent {
                            0 => " Possible causes: a `Reading` built by hand, or one kept from an earlier read.",
                            1 => "",
                            _ => " The link was asked more than once during this one call.",
                        }
                    ),
                );
            }
            Err(error) => {
                let elsewhere = radio.reads_from_other_runtimes() > elsewhere_before;
                workbook::fail(link_lesson(sensor, &error, elsewhere))
            }
        }
    }
}

/// What each sensor reads, as the weather station reports it.
fn value_of(sensor: &str) -> f64 {
    match sensor {
        "thermometer" => 21.5,
        "barometer" => 1013.2,
        "anemometer" => 4.2,
        _ => 0.0,
    }
}

/// Fails unless `run` returned the three readings in the order (thermometer,
/// barometer, anemometer).
fn ensure_three_readings(run: &Run<(Reading, Reading, Reading)>, function: &str) {
    let (a, b, c) = &run.value;
    let got = [a.sensor.as_str(), b.sensor.as_str(), c.sensor.as_str()];
    run.ensure(
        got == SENSORS,
        format!(
            "{function} should return the readings as (thermometer, barometer, anemometer); it \
             returned them as {got:?}. `tokio::join!(a, b, c)` gives its results in the order of \
             its arguments, whatever order they finish in."
        ),
    );
    for reading in [a, b, c] {
        let actor = format!("read {}", reading.sensor);
        let reads = run.trace.of(&actor).filter(|e| e.kind == Kind::Begin).count();
        let ready = run.trace.of(&actor).any(|e| e.kind == Kind::End);
        run.ensure(
            ready && reading.value == value_of(&reading.sensor),
            format!(
                "{function} returned {reading:?}, but {} in this run (the trace is the station's record \
                 of every read). Each reading must be the one `station::read_sensor` gave back{}.",
                if reads == 0 {
                    format!("the station never started reading the {}", reading.sensor)
                } else if !ready {
                    format!("the read of the {} never finished", reading.sensor)
                } else {
                    format!("the {} reads {}", reading.sensor, value_of(&reading.sensor))
                },
                if ready { "" } else { "; possible cause: a `Reading` built by hand" }
            ),
        );
        run.ensure(
            reads == 1,
            format!("The {} was read {reads} times; {function} should read each sensor once.", reading.sensor),
        );
    }
}

workbook::checks! {
    fn forecast_from_plain_code() {
        // This thread has no runtime, like `main` before anything async has started.
        let served_before = sim_station::forecasts_served();
        let forecast = call_sync("forecast_blocking()", forecast_blocking);
        let served = sim_station::forecasts_served() - served_before;
        workbook::ensure(
            forecast != "sunny, 24 °C" || served >= 1,
            "forecast_blocking() returned \"sunny, 24 °C\", but the forecast service handed out no \
             forecast during the call: `station::fetch_forecast()` never ran to its end, so the \
             text did not come from it. Return what the future gives when a runtime runs it: \
             `Runtime::new().unwrap().block_on(station::fetch_forecast())`.",
        );
        workbook::ensure(
            forecast == "sunny, 24 °C",
            format!(
                "forecast_blocking() returned {forecast:?}, not the forecast \"sunny, 24 °C\".\n\
                 Calling `station::fetch_forecast()` only makes a future, and a future does nothing \
                 until something polls it; a plain `fn` can't `.await` to do that.\n\
                 In Python, synchronous code gets a coroutine's result with \
                 `asyncio.run(fetch_forecast())`: it starts an event loop, runs the coroutine to the \
                 end and closes the loop. Rust's event loop is a tokio runtime, and \
                 `tokio::runtime::Runtime::new().unwrap().block_on(station::fetch_forecast())` does the same \
                 thing. `#[tokio::main]` on an `async fn` writes that code for you."
            ),
        );
    }

    fn station_reads_three_sensors() {
        open_and_read_all(&Radio::new());
    }

    fn station_connects_once() {
        let radio = Radio::new();
        open_and_read_all(&radio);
        let elsewhere = radio.reads_from_other_runtimes();
        workbook::ensure(
            elsewhere == 0,
            format!(
                "The three reads worked and the radio was connected {} time(s), but {elsewhere} of the \
                 reads ran on a runtime other than the one that connected the link (the link compares \
                 tokio's runtime ids). The link still answered, so the runtime that connected it was \
                 still running somewhere; each read that ran elsewhere started or used a runtime of its own.\n\
                 Like `asyncio.Runner`, the station should keep one runtime for its whole life: store it \
                 in the struct next to the link, and call `self.runtime.block_on(..)` in every `read` \
                 (a new runtime per call is `asyncio.run` in a loop).",
                radio.connections()
            ),
        );
        let connections = radio.connections();
        workbook::ensure(
            connections == 1,
            format!(
                "The three reads worked, but the radio was connected {connections} times for one \
                 `Station::open` and three reads; connect it once, in `open`.\n\
                 Possible causes: `read` connects anew on each call, for instance because it builds a \
                 runtime of its own (a connection dies with the runtime it was made on). Real programs pay for that: a new TCP and TLS handshake, \
                 a new database session, an empty cache every time.\n\
                 Like `asyncio.Runner`, keep one runtime and the link made on it for the station's \
                 whole life, and reuse both in every `read`."
            ),
        );
    }

    fn in_sequence_the_waits_add_up() {
        // Given code: the waits add up, 1 s + 2 s + 3 s.
        let run = workbook::run(read_in_sequence());
        ensure_three_readings(&run, "read_in_sequence");
        run.assert_elapsed(secs(6));
        assert_trace!(run, "read_in_sequence");
    }

    fn together_takes_the_longest() {
        let run = workbook::run(read_together());
        ensure_three_readings(&run, "read_together");
        run.assert_not_blocked();
        let reads: Vec<(std::time::Duration, std::time::Duration)> = SENSORS
            .iter()
            .filter_map(|sensor| {
                let actor = format!("read {sensor}");
                let begin = run.trace.of(&actor).find(|e| e.kind == Kind::Begin)?.at;
                let end = run.trace.of(&actor).find(|e| e.kind == Kind::End)?.at;
                Some((begin, end))
            })
            .collect();
        let one_after_another = reads.len() == 3
            && reads.iter().enumerate().all(|(i, a)| reads[i + 1..].iter().all(|b| a.1 <= b.0 || b.1 <= a.0));
        if run.virtual_elapsed == secs(6) && one_after_another {
            run.fail(format!(
                "read_together took {}: 1 s + 2 s + 3 s, the sum of the three waits, just like \
                 read_in_sequence. Each read started only when the previous one had finished.\n\
                 Awaiting a future is what runs it, so `a.await` then `b.await` runs a, then b. \
                 Making all three futures first and awaiting them one by one changes nothing: a \
                 Rust future does nothing until it is polled (a Python coroutine object doesn't \
                 either).\n\
                 Hand all three to `tokio::join!(a, b, c)`: it polls them together and gives back \
                 their results as a tuple when the slowest is done, after 3 s, the longest wait.",
                format_secs(run.virtual_elapsed)
            ));
        }
        run.assert_elapsed(secs(3));
    }

    fn together_starts_all_three_at_once() {
        let run = workbook::run(read_together());
        assert_trace!(run, "read_together");
    }
}
