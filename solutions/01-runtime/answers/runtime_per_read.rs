//! grader: expect fail station_connects_once "connected 3 times"
//! Gets rid of the `LinkError` by starting a runtime and connecting the radio again in
//! every `read`: each read works, but each pays for a new connection.
//! grader: replaces items

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
