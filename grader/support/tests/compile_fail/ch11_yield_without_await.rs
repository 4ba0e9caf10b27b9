// `yield_now()` without `.await` makes a future and drops it: nothing yields. Every
// crate of the workbook denies `unused_must_use` (see the root Cargo.toml).
#![deny(unused_must_use)]

use workbook::sim::tasks;

async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::task::yield_now();
    }
    total
}

fn main() {
    drop(crunch_numbers(6));
}
