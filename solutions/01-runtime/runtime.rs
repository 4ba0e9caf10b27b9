//! # 01 · runtime: where async code starts
//!
//! Reference solution.

use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async: a runtime of its own, built, used
/// for one future and dropped, like `asyncio.run(fetch_forecast())`.
pub fn forecast_blocking() -> String {
    let runtime = start_runtime();
    runtime.block_on(station::fetch_forecast())
}

/// A runtime on this thread (`new_current_thread`) with its timer and I/O driver
/// (`enable_all`): the runtime `asyncio.run` would start.
fn start_runtime() -> Runtime {
    Builder::new_current_thread().enable_all().build().expect("failed to start a tokio runtime")
}

/// The weather station, opened once and read many times, like an `asyncio.Runner`.
#[derive(Debug)]
pub struct Station {
    /// The one runtime of the station: the link's background task lives on it.
    runtime: Runtime,
    /// The open radio link.
    link: RadioLink,
}

impl Station {
    /// Starts the station's runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = start_runtime();
        let link = runtime.block_on(radio.connect());
        Station { runtime, link }
    }

    /// Reads `sensor` over the link, on the runtime the link was connected on.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        self.runtime.block_on(self.link.read(sensor))
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
    tokio::join!(
        station::read_sensor("thermometer"),
        station::read_sensor("barometer"),
        station::read_sensor("anemometer"),
    )
}
