//! A simulated deployment: [`roll_out`] puts a new release on one server.
//!
//! Every roll-out takes 1 s and succeeds unless the run says otherwise with
//! [`set_duration`] or [`set_failure`]. Each is traced as a span of actor
//! `deploy <server>`, so a roll-out that was cancelled shows `dropped (cancelled)`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

/// How long a roll-out takes when nothing else was set: 1 s.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(1);

#[derive(Clone)]
struct Server {
    duration: Duration,
    failure: Option<String>,
}

impl Default for Server {
    fn default() -> Self {
        Server { duration: DEFAULT_DURATION, failure: None }
    }
}

thread_local! {
    static SERVERS: RefCell<HashMap<String, Server>> = RefCell::new(HashMap::new());
}

/// Forgets this module's per-run settings.
pub(crate) fn reset() {
    SERVERS.with(|s| s.borrow_mut().clear());
}

fn server(name: &str) -> Server {
    SERVERS.with(|s| s.borrow().get(name).cloned()).unwrap_or_default()
}

/// Makes the roll-out to `server` take `duration` for the rest of this run.
///
/// ```
/// use workbook::{run, secs, sim::deploy};
///
/// let run = run(async {
///     deploy::set_duration("web-1", secs(3));
///     deploy::roll_out("web-1").await
/// });
/// run.assert_elapsed(secs(3));
/// ```
pub fn set_duration(server: &str, duration: Duration) {
    SERVERS.with(|s| s.borrow_mut().entry(server.to_string()).or_default().duration = duration);
}

/// Makes the roll-out to `server` fail with `reason` after `duration`, for the rest of
/// this run.
///
/// ```
/// use workbook::{run, secs, sim::deploy};
///
/// let run = run(async {
///     deploy::set_failure("web-2", secs(1), "disk full");
///     deploy::roll_out("web-2").await
/// });
/// run.assert_elapsed(secs(1));
/// assert_eq!(run.value.unwrap_err().reason, "disk full");
/// ```
pub fn set_failure(server: &str, duration: Duration, reason: &str) {
    SERVERS.with(|s| s.borrow_mut().insert(server.to_string(), Server { duration, failure: Some(reason.to_string()) }));
}

/// A server that runs the new release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployed {
    /// The server's name.
    pub server: String,
}

/// A failed roll-out: the server could not take the new release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployError {
    /// The server that failed.
    pub server: String,
    /// Why, in words, such as `disk full`.
    pub reason: String,
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "deploying to {} failed: {}", self.server, self.reason)
    }
}

impl std::error::Error for DeployError {}

/// Rolls the new release out to `server`: waits its duration (1 s by default) in tokio
/// time, then returns the server or the error. Traced as actor `deploy <server>`:
/// `rolling out`, then `live` or `failed: <reason>`, or `dropped (cancelled)` if the
/// future is dropped first.
///
/// ```
/// use workbook::{run, secs, sim::deploy};
///
/// let run = run(deploy::roll_out("web-1"));
/// run.assert_elapsed(secs(1));
/// assert_eq!(run.value.unwrap().server, "web-1");
/// assert!(run.trace.find("deploy web-1", "live").is_some());
/// ```
///
/// The future borrows `server` until it finishes, so a spawned task needs its own copy
/// of the name (`to_string()`, moved in with `async move`):
///
/// ```
/// use workbook::{run, secs, sim::deploy};
///
/// let run = run(async {
///     let server = String::from("web-1");
///     tokio::spawn(async move { deploy::roll_out(&server).await }).await.unwrap()
/// });
/// assert!(run.value.is_ok());
/// ```
pub async fn roll_out(server: &str) -> Result<Deployed, DeployError> {
    let settings = self::server(server);
    let outcome = match &settings.failure {
        Some(reason) => format!("failed: {reason}"),
        None => "live".to_string(),
    };
    super::wait(format!("deploy {server}"), "rolling out", settings.duration, &outcome).await;
    match settings.failure {
        Some(reason) => Err(DeployError { server: server.to_string(), reason }),
        None => Ok(Deployed { server: server.to_string() }),
    }
}
