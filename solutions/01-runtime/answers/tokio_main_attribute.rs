//! grader: expect pass
//! `#[tokio::main(flavor = "current_thread")]` on `forecast_blocking` writes the runtime
//! code for it; `Station` keeps a multi-threaded `Runtime::new()`.

use tokio::runtime::Runtime;
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

/// Today's forecast, for code that is not async. The attribute turns this `async fn`
/// into a plain `fn` that starts a runtime and blocks on the body.
#[tokio::main(flavor = "current_thread")]
pub async fn forecast_blocking() -> String {
    station::fetch_forecast().await
}

/// The weather station, opened once and read many times.
#[derive(Debug)]
pub struct Station {
    /// The station's runtime: the link's background task runs on its worker threads.
    runtime: Runtime,
    /// The open radio link.
    link: RadioLink,
}

impl Station {
    /// Starts the runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
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
