//! grader: expect fail dashboard_panels_load_together "A possible cause: a deadline of your own"
//! "A dashboard must not hang on one slow panel": the news gets 10 s
//! (`tokio::time::timeout`), after which the panel shows a made-up 504 error.
//! grader: replaces items

pub async fn load_dashboard() -> Dashboard {
    let news = async {
        match tokio::time::timeout(std::time::Duration::from_secs(10), web::fetch_page("/news")).await {
            Ok(outcome) => outcome,
            Err(_) => Err(FetchError { url: "/news".to_string(), status: 504 }),
        }
    };
    let (headlines, temperature, orders) =
        tokio::join!(news, station::read_sensor("thermometer"), db::query("SELECT * FROM orders"));
    Dashboard { headlines, temperature, orders }
}
