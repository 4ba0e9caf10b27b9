//! grader: expect fail failed_fetches_are_skipped "A failed fetch is not an answer"
//! grader: expect fail none_when_no_page_answers "while /busy was still on its way"
//! `first_to_answer` skips a failed first outcome, but takes the second one whatever it
//! is: right when only one fetch fails before the first page.
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    match in_flight.next().await? {
        Ok(page) => Some(page),
        // The first one failed: the next one it is.
        Err(_) => in_flight.next().await?.ok(),
    }
}
