// `next()` on a stream, without `use futures::StreamExt;`.
// ANCHOR: missing_import
use futures::stream::FuturesUnordered;
use workbook::sim::web;

async fn print_outcomes(urls: &[&str]) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        println!("{outcome:?}");
    }
}
// ANCHOR_END: missing_import

fn main() {
    drop(print_outcomes(&["/a", "/b"]));
}
