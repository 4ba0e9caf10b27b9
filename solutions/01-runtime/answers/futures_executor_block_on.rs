//! grader: expect fail forecast_from_plain_code "there is no reactor running"
//! Drives the forecast with `futures::executor::block_on`, which polls a future but is
//! not a tokio runtime: the forecast's tokio timer finds no runtime and panics.

use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async.
pub fn forecast_blocking() -> String {
    futures::executor::block_on(station::fetch_forecast())
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

/// Reads the three sensors together: 3 s.
pub async fn read_together() -> (Reading, Reading, Reading) {
    tokio::join!(
        station::read_sensor("thermometer"),
        station::read_sensor("barometer"),
        station::read_sensor("anemometer"),
    )
}
