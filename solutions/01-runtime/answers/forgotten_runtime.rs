//! grader: expect fail station_connects_once "of the reads ran on a runtime other than the one that connected the link"
//! Keeps the connecting runtime alive with `std::mem::forget` instead of storing it, and still starts a new runtime in every `read`.
use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};

pub fn forecast_blocking() -> String {
    Runtime::new().expect("a runtime").block_on(station::fetch_forecast())
}


#[derive(Debug)]
pub struct Station {
    link: RadioLink,
}

impl Station {
    pub fn open(radio: &Radio) -> Station {
        let runtime = Runtime::new().expect("a runtime");
        let link = runtime.block_on(radio.connect());
        // Dropping the runtime killed the link: so never drop it.
        std::mem::forget(runtime);
        Station { link }
    }

    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        let runtime = Builder::new_current_thread().enable_all().build().expect("a runtime");
        runtime.block_on(self.link.read(sensor))
    }
}

pub async fn read_in_sequence() -> (Reading, Reading, Reading) {
    let thermometer = station::read_sensor("thermometer").await;
    let barometer = station::read_sensor("barometer").await;
    let anemometer = station::read_sensor("anemometer").await;
    (thermometer, barometer, anemometer)
}

pub async fn read_together() -> (Reading, Reading, Reading) {
    tokio::join!(
        station::read_sensor("thermometer"),
        station::read_sensor("barometer"),
        station::read_sensor("anemometer"),
    )
}

