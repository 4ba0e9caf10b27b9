// A start flag in a `Cell`, shared with a spawned runner.
use std::cell::Cell;
use std::sync::Arc;

fn main() {
    // ANCHOR: cell_flag
    let fired = Arc::new(Cell::new(false));
    let seen_by_runner = Arc::clone(&fired);
    tokio::spawn(async move {
        while !seen_by_runner.get() {
            tokio::task::yield_now().await;
        }
    });
    fired.set(true);
    // ANCHOR_END: cell_flag
}
