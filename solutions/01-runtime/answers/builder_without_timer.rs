//! grader: expect fail forecast_from_plain_code "timers are disabled"
//! grader: expect fail station_reads_three_sensors "timers are disabled"
//! grader: expect fail station_connects_once "timers are disabled"
//! Builds current-thread runtimes without `.enable_all()` / `.enable_time()`: the
//! runtime has no timer, and the first tokio timer (the forecast's wait, the link's
//! timeout) panics.

use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async.
pub fn forecast_blocking() -> String {
    let runtime = Builder::new_current_thread()
        .build()
        .expect("failed to start a tokio runtime");
    runtime.block_on(station::fetch_forecast())
}

/// The weather station, opened once and read many times.
#[derive(Debug)]
pub struct Station {
    /// The station's runtime.
    runtime: Runtime,
    /// The open radio link, connected on `runtime`.
    link: RadioLink,
}

impl Station {
    /// Starts the runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_current_thread()
            .build()
            .expect("failed to start a tokio runtime");
        let link = runtime.block_on(radio.connect());
        Station { runtime, link }
    }

    /// Reads `sensor` over the link, on the station's runtime.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        self.runtime.block_on(self.link.read(sensor))
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
