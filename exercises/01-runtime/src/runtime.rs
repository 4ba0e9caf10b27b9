//! # 01 · runtime: where async code starts
//!
//! An `async fn` only describes work. Something has to run it: in Python that is the
//! event loop behind `asyncio.run(main())` or an `asyncio.Runner`; in Rust it is a
//! tokio *runtime*, which you start with `#[tokio::main]` or build yourself and hand a
//! future with `Runtime::block_on`.
//!
//! Three things to write, for a weather station (`workbook::sim::station`):
//!
//! 1. [`forecast_blocking`]: plain, synchronous code that needs the result of the async
//!    `station::fetch_forecast()`. Judged by calling it from a thread with no runtime:
//!    it must return the forecast.
//! 2. [`Station`]: like `asyncio.Runner`, one runtime kept for many calls. `open`
//!    connects the radio once; every `read` reuses that runtime and that link. Judged
//!    on three reads in a row, and on how many times the radio was connected.
//! 3. [`read_together`]: read the three sensors (1 s, 2 s and 3 s) at the same time.
//!    [`read_in_sequence`] is given, for comparison. Judged in virtual time: in
//!    sequence the waits add up to 6 s; together it takes as long as the longest, 3 s.
//!
//! Run `grader check 01` to see how your code ran, and `grader hint 01` if you are
//! stuck. The chapter is `docs/src/01-runtime.md`.

use tokio::runtime::Runtime;
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async: a plain `fn` can't `.await`.
pub fn forecast_blocking() -> String {
    // TODO: nothing runs this future: a future does nothing until something polls it.
    //       Build a tokio runtime and give the future to its `block_on` (Python:
    //       `asyncio.run(fetch_forecast())`), or let `#[tokio::main]` do it for you.
    let _forecast = station::fetch_forecast();
    String::from("no forecast yet (TODO)")
}

/// The weather station, opened once and read many times, like an `asyncio.Runner`.
#[derive(Debug)]
pub struct Station {
    /// The open radio link. Its background task lives on the runtime that connected it.
    link: RadioLink,
}

impl Station {
    /// Connects `radio`, once.
    pub fn open(radio: &Radio) -> Station {
        // TODO: this runtime is dropped when `open` returns, and the link's background
        //       task goes with it. Keep one runtime in the struct instead.
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        let link = runtime.block_on(radio.connect());
        Station { link }
    }

    /// Reads `sensor` over the station's link.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        // TODO: a new runtime for every call is `asyncio.run` in a loop. Reuse the
        //       runtime that `open` connected the link on.
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        runtime.block_on(self.link.read(sensor))
    }
}

/// Reads the thermometer (1 s), the barometer (2 s) and the anemometer (3 s), one
/// after another: 6 s in all. Given, for comparison.
pub async fn read_in_sequence() -> (Reading, Reading, Reading) {
    let thermometer = station::read_sensor("thermometer").await;
    let barometer = station::read_sensor("barometer").await;
    let anemometer = station::read_sensor("anemometer").await;
    (thermometer, barometer, anemometer)
}

/// Reads the same three sensors at the same time: as long as the slowest, 3 s.
/// Returns (thermometer, barometer, anemometer).
pub async fn read_together() -> (Reading, Reading, Reading) {
    // TODO: these waits add up, just like in `read_in_sequence`. Run the three reads
    //       together with `tokio::join!`.
    let thermometer = station::read_sensor("thermometer").await;
    let barometer = station::read_sensor("barometer").await;
    let anemometer = station::read_sensor("anemometer").await;
    (thermometer, barometer, anemometer)
}
