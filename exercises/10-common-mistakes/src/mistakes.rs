//! # 10 · common mistakes: async code that isn't
//!
//! Three mistakes that Python developers make with asyncio, and make again with tokio.
//! A review bot for pull request 42 makes all three, one per function below. Each
//! has its own check, and a failing check names its mistake.
//!
//! 1. `load_review` awaits three independent requests one after another: 3 s instead
//!    of 1 s. Python's fix is `asyncio.gather`.
//! 2. `pause_for_rate_limit` waits with `std::thread::sleep`, Python's `time.sleep`
//!    inside an `async def`: it holds the runtime's only thread.
//! 3. `lint_file` wraps a synchronous library call (`linter::check_file`, like
//!    `isort.check_file`) in an `async fn`, and that doesn't stop it blocking. Python
//!    would use `asyncio.to_thread`.
//!
//! You have met tokio's answer to each in an earlier exercise (04, 01 and 09); the
//! chapter has them side by side, and `grader hint 10` names them.
//!
//! Run `grader check 10` to see how your code ran. The chapter is
//! `docs/src/10-common-mistakes.md`.

use std::time::Duration;

use futures::future::join_all;
use workbook::sim::linter::{self, LintReport};
use workbook::sim::web::{self, FetchError, Page};

/// What a reviewer looks at: the three pages of pull request 42.
#[derive(Debug)]
pub struct Review {
    /// `/pulls/42`: the title and the description.
    pub description: Result<Page, FetchError>,
    /// `/pulls/42/diff`: the changes.
    pub diff: Result<Page, FetchError>,
    /// `/pulls/42/status`: what the CI said.
    pub status: Result<Page, FetchError>,
}

/// Mistake 1. Fetches the three pages of pull request 42. Each request takes 1 s, and
/// none of them needs another's answer.
pub async fn load_review() -> Review {
    // TODO: each `.await` waits for its answer before the next request is sent, so the
    //       waits add up: 1 s + 1 s + 1 s. All three requests must go out at 0 s, and the
    //       review is ready at 1 s, with each page in its own field.
    let description = web::fetch_page("/pulls/42").await;
    let diff = web::fetch_page("/pulls/42/diff").await;
    let status = web::fetch_page("/pulls/42/status").await;
    Review { description, diff, status }
}

/// How long the code host makes a bot wait between two calls: 1 s.
pub const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

/// Mistake 2. Waits out the code host's rate limit, [`RATE_LIMIT_PAUSE`]. Other bots
/// (other tasks on the same runtime) should carry on meanwhile.
pub async fn pause_for_rate_limit() {
    // TODO: this is Python's `time.sleep(1)` in an `async def`: it puts the whole thread
    //       to sleep, and here that is the runtime's only thread. The pause must last
    //       exactly RATE_LIMIT_PAUSE for this bot only; the other tasks keep running.
    std::thread::sleep(RATE_LIMIT_PAUSE);
}

/// Mistake 3. Lints the file at `path` with the linter library. Its `check_file` is
/// synchronous: it holds its thread for 300 ms.
pub async fn lint_file(path: &str) -> LintReport {
    // TODO: `async fn` doesn't make the call inside it asynchronous: `check_file` still
    //       holds whichever thread runs it, and here that is the runtime's. It must run
    //       on another thread while this task waits for its report, holding nothing.
    linter::check_file(path)
}

/// Lints every file in `paths` at the same time, and returns the reports in the order
/// of `paths`.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    // This joins the lints, so they look concurrent. Are they? (See `lint_file`.)
    join_all(paths.iter().map(|path| lint_file(path))).await
}
