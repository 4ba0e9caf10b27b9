//! grader: expect fail together_takes_the_longest "a Rust future does nothing until it is polled"
//! grader: expect fail together_starts_all_three_at_once "The order of events is not what a correct solution produces"
//! Makes the three read futures first, then awaits them one by one, expecting them to
//! have started when they were made (as a JavaScript promise would). A future does
//! nothing until it is polled, so each read starts at its own `.await`: 6 s.

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
    /// The station's runtime.
    runtime: Runtime,
    /// The open radio link, connected on `runtime`.
    link: RadioLink,
}

impl Station {
    /// Starts the runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_current_thread()
            .enable_all()
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

/// Reads the three sensors: the futures are made together, but run one at a time.
pub async fn read_together() -> (Reading, Reading, Reading) {
    let thermometer = station::read_sensor("thermometer");
    let barometer = station::read_sensor("barometer");
    let anemometer = station::read_sensor("anemometer");
    (thermometer.await, barometer.await, anemometer.await)
}
