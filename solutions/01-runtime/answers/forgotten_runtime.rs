//! grader: expect fail station_connects_once "of the reads ran on a runtime other than the one that connected the link"
//! Keeps the connecting runtime alive with `std::mem::forget` instead of storing it, and still starts a new runtime in every `read`.
//! grader: replaces items

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
        let runtime = start_runtime();
        runtime.block_on(self.link.read(sensor))
    }
}
