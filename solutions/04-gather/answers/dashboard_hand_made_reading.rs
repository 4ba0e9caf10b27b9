//! grader: expect fail dashboard_panels_load_together "recorded no finished read of the thermometer"
//! Fills the temperature panel with a hand-made `Reading` (the value it always shows) instead of reading the sensor.
//! grader: replaces items

pub async fn load_dashboard() -> Dashboard {
    let (headlines, orders) = tokio::join!(web::fetch_page("/news"), db::query("SELECT * FROM orders"));
    // The thermometer always says 21.5 anyway.
    let temperature = Reading { sensor: "thermometer".to_string(), value: 21.5 };
    Dashboard { headlines, temperature, orders }
}
