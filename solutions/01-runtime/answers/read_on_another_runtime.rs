//! grader: expect fail station_reads_three_sensors "only runs while some thread is inside its `block_on`"
//! grader: expect fail station_connects_once "only runs while some thread is inside its `block_on`"
//! Keeps the current-thread runtime that connected the link in the struct, but still
//! drives each read with a new runtime: the link's task lives on a runtime that nobody
//! is running, so it never answers.

use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async.
pub fn forecast_blocking() -> String {
    let runtime = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to start a tokio runtime");
    runtime.block_on(station::fetch_forecast())
}

/// The weather station, opened once and read many times.
#[derive(Debug)]
pub struct Station {
    /// The runtime the link was connected on, kept alive.
    _runtime: Runtime,
    /// The open radio link.
    link: RadioLink,
}

impl Station {
    /// Starts a runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("failed to start a tokio runtime");
        let link = runtime.block_on(radio.connect());
        Station {
            _runtime: runtime,
            link,
        }
    }

    /// Reads `sensor` over the link, on a runtime of its own.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        runtime.block_on(self.link.read(sensor))
    }
}

/// Reads the three sensors one after another: 6 s.
pub async fn read_in_sequence() -> (Reading, Reading, Reading) {
    let thermometer = station::read_sensor("thermometer").await;
    let barometer = station::read_sensor("barometer").await;
    let anemometer = station::read_sensor("anemometer").await;
    (thermometer, barometer, anemometer)
}

/// Reads the three sensors together: 3 s.
pub async fn read_together() -> (Reading, Reading, Reading) {
    tokio::join!(
        station::read_sensor("thermometer"),
        station::read_sensor("barometer"),
        station::read_sensor("anemometer"),
    )
}
