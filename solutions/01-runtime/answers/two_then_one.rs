//! grader: expect fail together_takes_the_longest "it took 5.000s"
//! grader: expect fail together_starts_all_three_at_once "`read anemometer ▶ start reading`; yours has it at 2.000s instead"
//! Joins the thermometer and the barometer, then reads the anemometer on its own: two of the waits still add up.
//! grader: replaces items

pub async fn read_together() -> (Reading, Reading, Reading) {
    let (thermometer, barometer) =
        tokio::join!(station::read_sensor("thermometer"), station::read_sensor("barometer"));
    let anemometer = station::read_sensor("anemometer").await;
    (thermometer, barometer, anemometer)
}
