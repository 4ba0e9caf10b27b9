//! grader: expect fail station_connects_once "connected 3 times"
//! Gets rid of the `LinkError` by starting a runtime and connecting the radio again in
//! every `read`: each read works, but each pays for a new connection.

use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, Reading};

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
    /// The radio, to connect for each read.
    radio: Radio,
}

impl Station {
    /// Remembers `radio`.
    pub fn open(radio: &Radio) -> Station {
        Station {
            radio: radio.clone(),
        }
    }

    /// Starts a runtime, connects, reads `sensor`, and drops it all again.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        runtime.block_on(async {
            let link = self.radio.connect().await;
            link.read(sensor).await
        })
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
