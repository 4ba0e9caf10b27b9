//! grader: expect fail forecast_from_plain_code "Nor does `Handle::current()` help"
//! Asks `Handle::current()` for the runtime to `block_on` with, on a thread where no runtime runs.
//! grader: replaces items

pub fn forecast_blocking() -> String {
    tokio::runtime::Handle::current().block_on(station::fetch_forecast())
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
