//! grader: expect pass
//! Another correct answer: `join_all` over the three reads (results in input order), taken apart again; the forecast through an `async` block on `Runtime::new()`.
//! grader: replaces items

pub fn forecast_blocking() -> String {
    let runtime = Runtime::new().expect("a runtime");
    runtime.block_on(async { station::fetch_forecast().await })
}

pub async fn read_together() -> (Reading, Reading, Reading) {
    let readings = futures::future::join_all(["thermometer", "barometer", "anemometer"].map(station::read_sensor)).await;
    let [thermometer, barometer, anemometer]: [Reading; 3] = readings.try_into().expect("three readings");
    (thermometer, barometer, anemometer)
}
