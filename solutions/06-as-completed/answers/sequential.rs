//! grader: expect fail fastest_page_is_shown_first "Every request should be sent at 0.000s"
//! grader: expect fail failures_are_shown_too "GET /fast: sent at 5.000s"
//! Shows each page as soon as it has it, but fetches them one after another: the fastest
//! page is requested only when the ones before it are done.
//! grader: replaces items

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    for url in urls {
        show(web::fetch_page(url).await);
    }
}
