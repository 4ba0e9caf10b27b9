//! A simulated database: [`query`] waits like a round trip to a database server.
//!
//! Every query takes 500 ms unless the run says otherwise with [`set_latency`].

use std::cell::Cell;
use std::time::Duration;

/// How long a query takes when nothing else was set: 500 ms.
pub const DEFAULT_LATENCY: Duration = Duration::from_millis(500);

thread_local! {
    static LATENCY: Cell<Duration> = const { Cell::new(DEFAULT_LATENCY) };
}

pub(crate) fn reset() {
    LATENCY.with(|l| l.set(DEFAULT_LATENCY));
}

/// Makes every query take `latency` for the rest of this run.
///
/// ```
/// use workbook::{run, secs, sim::db};
///
/// let run = run(async {
///     db::set_latency(secs(2));
///     db::query("SELECT 1").await
/// });
/// run.assert_elapsed(secs(2));
/// ```
pub fn set_latency(latency: Duration) {
    LATENCY.with(|l| l.set(latency));
}

/// Rows returned by a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows {
    /// The query that produced them.
    pub sql: String,
    /// How many rows came back.
    pub count: usize,
}

/// Runs `sql` against the simulated database. Traced as actor `db`.
///
/// ```
/// use workbook::{run, millis, sim::db};
///
/// let run = run(db::query("SELECT * FROM orders"));
/// assert_eq!(run.value.count, 3);
/// run.assert_elapsed(millis(500));
/// ```
pub async fn query(sql: &str) -> Rows {
    let latency = LATENCY.with(Cell::get);
    super::wait("db".to_string(), &format!("query: {sql}"), latency, "3 rows").await;
    Rows { sql: sql.to_string(), count: 3 }
}
