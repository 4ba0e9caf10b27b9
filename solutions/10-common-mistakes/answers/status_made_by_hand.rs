//! grader: expect fail mistake_1_independent_requests_run_together "the server sent no such page"
//! Fetches the description and the diff together, and fills in the status page by
//! hand ("the CI is always green anyway"), without asking the server.
//! grader: replaces items

/// Two requests together; the status is assumed.
pub async fn load_review() -> Review {
    let (description, diff) = tokio::join!(web::fetch_page("/pulls/42"), web::fetch_page("/pulls/42/diff"));
    let status = Ok(Page { url: "/pulls/42/status".to_string(), body: "<h1>passing</h1>".to_string() });
    Review { description, diff, status }
}
