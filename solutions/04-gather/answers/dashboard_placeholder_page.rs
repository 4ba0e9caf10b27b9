//! grader: expect fail dashboard_panels_load_together "The headlines panel is Ok(page of /news), but the web service answered /news with `503 error`"
//! Replaces a failed /news fetch with a placeholder page, so the panel no longer holds what the service answered.
//! grader: replaces items

pub async fn load_dashboard() -> Dashboard {
    let (headlines, temperature, orders) =
        tokio::join!(web::fetch_page("/news"), station::read_sensor("thermometer"), db::query("SELECT * FROM orders"));
    // Never show an error on the dashboard: fall back to an empty page.
    let headlines = headlines.or_else(|e| Ok(Page { url: e.url, body: "<h1>/news</h1>".to_string() }));
    Dashboard { headlines, temperature, orders }
}
