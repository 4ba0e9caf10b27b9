//! grader: expect fail failures_are_shown_too "the failures too"
//! Shows only the pages that came back, and silently drops the errors.
//! grader: replaces items

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            show(Ok(page));
        }
    }
}
