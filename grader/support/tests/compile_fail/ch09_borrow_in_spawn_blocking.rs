// A `spawn_blocking` closure that borrows the caller's `&str`.
use workbook::sim::legacy;

// ANCHOR: borrowed
async fn render(name: &str) -> String {
    tokio::task::spawn_blocking(|| legacy::render_report(name)).await.expect("render_report panicked")
}
// ANCHOR_END: borrowed

fn main() {
    drop(render("sales"));
}
