//! grader: expect fail mistake_1_independent_requests_run_together "Mistake 1: awaiting independent work in sequence"
//! Mistake 1 only: awaits each request before sending the next (3 s, not 1 s).
//! grader: replaces items

/// One request after another.
pub async fn load_review() -> Review {
    let description = web::fetch_page("/pulls/42").await;
    let diff = web::fetch_page("/pulls/42/diff").await;
    let status = web::fetch_page("/pulls/42/status").await;
    Review { description, diff, status }
}
