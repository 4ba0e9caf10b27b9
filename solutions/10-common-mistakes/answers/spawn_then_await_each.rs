//! grader: expect fail mistake_1_independent_requests_run_together "Mistake 1: awaiting independent work in sequence"
//! Spawns each request as a task but awaits its handle straight away: sequential again.
//! grader: replaces items

/// Each task is awaited before the next one is spawned.
pub async fn load_review() -> Review {
    let description = tokio::spawn(web::fetch_page("/pulls/42")).await.expect("the request panicked");
    let diff = tokio::spawn(web::fetch_page("/pulls/42/diff")).await.expect("the request panicked");
    let status = tokio::spawn(web::fetch_page("/pulls/42/status")).await.expect("the request panicked");
    Review { description, diff, status }
}
