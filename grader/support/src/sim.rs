//! Simulated services. Each waits in tokio time, never by blocking (except
//! [`legacy`], whose whole point is to block), and records what it does in the
//! current run's trace.
//!
//! Their latencies are fixed and documented, so checks can predict exact virtual
//! times. Some can be set per run, from inside the run (see [`web::set_latency`]).

/// Declares the simulated services, one module each (`sim/<name>.rs`), and derives the
/// list [`reset`] goes through, so nothing else is edited by hand: a service with per-run
/// settings (a latency, a failure, in a `thread_local!`) gives itself a
/// `pub(crate) fn reset()` that puts them back, and [`reset`] calls it before every run;
/// a service without any needs nothing. Adding a service is its file and its name here.
macro_rules! services {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        $($(#[$attr])* pub mod $name;)*

        /// Every service's `reset`, found by name: in each block, the glob import brings
        /// the service's own `reset` if it has one, which hides the empty one below.
        mod resets {
            /// What a service without per-run settings resets: nothing.
            fn reset() {}

            pub(super) fn all() {
                $(
                    $(#[$attr])*
                    {
                        #[allow(unused_imports)]
                        use super::$name::*;
                        reset();
                    }
                )*
            }
        }
    };
}

services! {
    cafe,
    chat,
    db,
    deploy,
    #[cfg(unix)] disk,
    flaky,
    jobs,
    legacy,
    linter,
    mailbox,
    orders,
    pager,
    race,
    station,
    tasks,
    tickets,
    web,
}

use std::time::Duration;

use crate::trace::Span;

/// The shape every simulated call shares: open a span, wait in tokio time, close it.
/// If the future is dropped while waiting, the span records `dropped (cancelled)`.
async fn wait(actor: String, begin: &str, latency: Duration, end: &str) {
    let span = Span::begin(actor, begin);
    tokio::time::sleep(latency).await;
    span.end(end);
}

/// Forgets every per-run setting, so each run starts from the documented defaults: calls
/// the `reset` of every service that has one (see [`services!`]).
pub(crate) fn reset() {
    resets::all();
}

#[cfg(test)]
mod tests {
    use crate::{run, secs, sim::web};

    /// [`super::reset`] reaches a service's own `reset` through `services!`: a latency
    /// set in one run is gone in the next.
    #[test]
    fn each_run_starts_from_the_documented_defaults() {
        let slow = run(async {
            web::set_latency("/slow", secs(3));
            web::fetch_page("/slow").await
        });
        slow.assert_elapsed(secs(3));
        let again = run(web::fetch_page("/slow"));
        again.assert_elapsed(web::DEFAULT_LATENCY);
    }
}
