//! grader: expect fail station_reads_three_sensors "during that call the radio sent back 0 reading(s)"
//! grader: expect fail station_connects_once "during that call the radio sent back 0 reading(s)"
//! Reads every sensor once in `open` and answers `read` from that cache: the readings handed out later were never read from the station.
//! grader: replaces items

use std::collections::HashMap;

#[derive(Debug)]
pub struct Station {
    runtime: Runtime,
    link: RadioLink,
    cache: HashMap<String, Reading>,
}

impl Station {
    pub fn open(radio: &Radio) -> Station {
        let runtime = start_runtime();
        let link = runtime.block_on(radio.connect());
        let mut cache = HashMap::new();
        for sensor in ["thermometer", "barometer", "anemometer"] {
            if let Ok(reading) = runtime.block_on(link.read(sensor)) {
                cache.insert(sensor.to_string(), reading);
            }
        }
        Station { runtime, link, cache }
    }

    pub fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        match self.cache.get(sensor) {
            Some(reading) => Ok(reading.clone()),
            None => self.runtime.block_on(self.link.read(sensor)),
        }
    }
}
