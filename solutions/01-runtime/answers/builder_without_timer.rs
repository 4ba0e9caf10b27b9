//! grader: expect fail forecast_from_plain_code "timers are disabled"
//! grader: expect fail station_reads_three_sensors "timers are disabled"
//! grader: expect fail station_connects_once "timers are disabled"
//! Builds current-thread runtimes without `.enable_all()` / `.enable_time()`: the
//! runtime has no timer, and the first tokio timer (the forecast's wait, the link's
//! timeout) panics.
//! grader: replaces items

/// Today's forecast, for code that is not async.
pub fn forecast_blocking() -> String {
    let runtime = Builder::new_current_thread()
        .build()
        .expect("failed to start a tokio runtime");
    runtime.block_on(station::fetch_forecast())
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
