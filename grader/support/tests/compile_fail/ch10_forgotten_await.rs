// A timer made and dropped without `.await`: it never waits. Every crate of the
// workbook denies `unused_must_use` (see the root Cargo.toml), so this doesn't compile.
#![deny(unused_must_use)]

use std::time::Duration;

const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

async fn pause_for_rate_limit() {
    tokio::time::sleep(RATE_LIMIT_PAUSE);
}

fn main() {
    drop(pause_for_rate_limit());
}
