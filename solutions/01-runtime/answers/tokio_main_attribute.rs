//! grader: expect pass
//! `#[tokio::main(flavor = "current_thread")]` on `forecast_blocking` writes the runtime
//! code for it; `Station` keeps a multi-threaded `Runtime::new()`.
//! grader: replaces items

/// Today's forecast, for code that is not async. The attribute turns this `async fn`
/// into a plain `fn` that starts a runtime and blocks on the body.
#[tokio::main(flavor = "current_thread")]
pub async fn forecast_blocking() -> String {
    station::fetch_forecast().await
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
