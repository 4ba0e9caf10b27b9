//! grader: expect fail mistake_1_independent_requests_run_together "Making the three futures first"
//! Creates the three futures first, then awaits them one by one, as if creating one
//! started it: a future starts at its first poll, so this is still 3 s.
//! grader: replaces items

/// Makes the three futures, then awaits them in turn.
pub async fn load_review() -> Review {
    let description = web::fetch_page("/pulls/42");
    let diff = web::fetch_page("/pulls/42/diff");
    let status = web::fetch_page("/pulls/42/status");
    Review { description: description.await, diff: diff.await, status: status.await }
}
