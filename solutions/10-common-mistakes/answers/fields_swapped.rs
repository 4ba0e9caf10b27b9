//! grader: expect fail mistake_1_independent_requests_run_together "`Review::description` should hold the page /pulls/42; it holds /pulls/42/diff"
//! The three requests go out together, but the tuple is unpacked in another order than the requests were written, as with `diff, description, status = await asyncio.gather(...)`: the description holds the diff, and the diff the description.
//! grader: replaces items

/// The three requests go out together: 1 s, the time of the slowest.
pub async fn load_review() -> Review {
    let (diff, description, status) = tokio::join!(
        web::fetch_page("/pulls/42"),
        web::fetch_page("/pulls/42/diff"),
        web::fetch_page("/pulls/42/status"),
    );
    Review { description, diff, status }
}
