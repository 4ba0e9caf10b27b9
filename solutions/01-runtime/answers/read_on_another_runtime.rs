//! grader: expect fail station_reads_three_sensors "only runs while some thread is inside its `block_on`"
//! grader: expect fail station_connects_once "only runs while some thread is inside its `block_on`"
//! Keeps the current-thread runtime that connected the link in the struct, but still
//! drives each read with a new runtime: the link's task lives on a runtime that nobody
//! is running, so it never answers.
//! grader: replaces items

/// The weather station, opened once and read many times.
#[derive(Debug)]
pub struct Station {
    /// The runtime the link was connected on, kept alive.
    _runtime: Runtime,
    /// The open radio link.
    link: RadioLink,
}

impl Station {
    /// Starts a runtime and connects `radio` on it, once.
    pub fn open(radio: &Radio) -> Station {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("failed to start a tokio runtime");
        let link = runtime.block_on(radio.connect());
        Station {
            _runtime: runtime,
            link,
        }
    }

    /// Reads `sensor` over the link, on a runtime of its own.
    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        runtime.block_on(self.link.read(sensor))
    }
}
