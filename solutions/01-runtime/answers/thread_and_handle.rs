//! grader: expect pass
//! Another correct answer: the forecast on a runtime built inside a thread of its own, the station on a multi-threaded runtime used through its `Handle`, and `futures::join!`.
//! grader: replaces items

pub fn forecast_blocking() -> String {
    std::thread::spawn(|| Runtime::new().expect("a runtime").block_on(station::fetch_forecast()))
        .join()
        .expect("the forecast thread panicked")
}

impl Station {
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
        let link = runtime.handle().block_on(radio.connect());
        Station { runtime, link }
    }

    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        self.runtime.handle().block_on(self.link.read(sensor))
    }
}

pub async fn read_together() -> (Reading, Reading, Reading) {
    futures::join!(
        station::read_sensor("thermometer"),
        station::read_sensor("barometer"),
        station::read_sensor("anemometer"),
    )
}
