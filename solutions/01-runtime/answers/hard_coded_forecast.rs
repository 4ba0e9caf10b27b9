//! grader: expect fail forecast_from_plain_code "the forecast service handed out no forecast during the call"
//! Returns the forecast text the README shows, typed in, instead of running `fetch_forecast` on a runtime.
use tokio::runtime::{Builder, Runtime};
use workbook::sim::station::{self, LinkError, Radio, RadioLink, Reading};


pub fn forecast_blocking() -> String {
    // The station always says this anyway.
    String::from("sunny, 24 °C")
}

#[derive(Debug)]
pub struct Station {
    runtime: Runtime,
    link: RadioLink,
}

impl Station {
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_current_thread().enable_all().build().expect("a runtime");
        let link = runtime.block_on(radio.connect());
        Station { runtime, link }
    }

    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        self.runtime.block_on(self.link.read(sensor))
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

