//! grader: expect fail failed_fetches_are_skipped "Something of your own ended the race at 10.000s"
//! "Nobody waits forever for a mirror": the race gets 10 s (`tokio::time::timeout`),
//! and `None` after that, though a page still on its way would have answered.
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let race = async {
        let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
        while let Some(outcome) = in_flight.next().await {
            if let Ok(page) = outcome {
                return Some(page);
            }
        }
        None
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), race).await.ok().flatten()
}
