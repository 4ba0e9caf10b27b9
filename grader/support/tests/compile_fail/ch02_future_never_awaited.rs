// A future built as a statement and never awaited: the workbook's Cargo.toml denies
// `unused_must_use`, so this is an error, not a warning.
#![deny(unused_must_use)]

use workbook::sim::cafe;

// ANCHOR: never_awaited
async fn barista() {
    let milk = cafe::steam_milk().await;
    println!("{milk:?}");
    cafe::steam_milk(); // a second future, never awaited
}
// ANCHOR_END: never_awaited

fn main() {
    drop(barista());
}
