//! grader: expect fail mistake_1_independent_requests_run_together "load_review took 2.000s instead of 1.000s"
//! Joins the description and the diff, then asks for the status once both are in: the
//! status waits for nothing it needs, and the review takes 2 s.
//! grader: replaces items

/// The pull request and its diff together, then the CI status.
pub async fn load_review() -> Review {
    let (description, diff) = tokio::join!(web::fetch_page("/pulls/42"), web::fetch_page("/pulls/42/diff"));
    let status = web::fetch_page("/pulls/42/status").await;
    Review { description, diff, status }
}
