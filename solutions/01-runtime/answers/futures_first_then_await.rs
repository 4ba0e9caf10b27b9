//! grader: expect fail together_takes_the_longest "a Rust future does nothing until it is polled"
//! grader: expect fail together_starts_all_three_at_once "The order of events is not what a correct solution produces"
//! Makes the three read futures first, then awaits them one by one, expecting them to
//! have started when they were made (as a JavaScript promise would). A future does
//! nothing until it is polled, so each read starts at its own `.await`: 6 s.
//! grader: replaces items

/// Reads the three sensors: the futures are made together, but run one at a time.
pub async fn read_together() -> (Reading, Reading, Reading) {
    let thermometer = station::read_sensor("thermometer");
    let barometer = station::read_sensor("barometer");
    let anemometer = station::read_sensor("anemometer");
    (thermometer.await, barometer.await, anemometer.await)
}
