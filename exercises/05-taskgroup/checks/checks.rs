//! The checks of exercise 05. Read them if you like; `grader check` notices edits.

use std::time::Duration;

use super::*;
use workbook::sim::deploy::{self, DeployError, Deployed};
use workbook::trace::{Event, Kind, Trace};
use workbook::{Run, assert_trace, format_secs, secs};

/// Calls `deploy_all(servers)`, then keeps the runtime going 5 s more, so the trace
/// also shows what the other roll-outs did after the call returned. Gives back the
/// outcome and when it came.
async fn deploy_and_watch(servers: &[&str]) -> (Result<Vec<Deployed>, DeployError>, Duration) {
    workbook::then_idle(deploy_all(servers), secs(5)).await
}

/// How the roll-out to `server` ended: its `End` (`live` or `failed: …`) or `Dropped`
/// event, if it has one.
fn fate<'a>(trace: &'a Trace, server: &str) -> Option<&'a Event> {
    let actor = format!("deploy {server}");
    trace.events().iter().find(|e| e.actor == actor && matches!(e.kind, Kind::End | Kind::Dropped))
}

/// `web-1, web-3` or `web-1`: names for a message.
fn listed(servers: &[&str]) -> String {
    servers.join(" and ")
}

/// Fails with a lesson unless the roll-out to every server in `servers` started at 0.000s.
fn ensure_roll_outs_start_together<T>(run: &Run<T>, servers: &[&str]) {
    let late: Vec<String> = servers
        .iter()
        .filter_map(|server| {
            let began = run.trace.find(&format!("deploy {server}"), "rolling out").map(|e| e.at);
            match began {
                Some(Duration::ZERO) => None,
                Some(at) => Some(format!("{server} started at {}", format_secs(at))),
                None => Some(format!("{server} never started")),
            }
        })
        .collect();
    if late.is_empty() {
        return;
    }
    let untried = if late.iter().any(|line| line.ends_with("never started")) {
        " After the failure, the servers after it were never even tried."
    } else {
        ""
    };
    run.fail(format!(
        "Every roll-out should start at 0.000s, but {}.\n\
         Each roll-out waited for the one before it, so their times added up.{untried}\n\
         Start them all first, the way `tg.create_task(..)` does in a Python TaskGroup: \
         `set.spawn(async move {{ .. }})` for each server into one `tokio::task::JoinSet`, \
         and only then wait, with `set.join_next().await` in a loop.",
        late.join(", ")
    ));
}

/// Fails with a lesson unless `deploy_all` returned `failed`'s error at exactly
/// `failed_at`, and every other server in `siblings` was cancelled (`dropped`) at that
/// instant instead of going live.
fn ensure_failure_cancels_siblings(
    run: &Run<(Result<Vec<Deployed>, DeployError>, Duration)>,
    failed: &str,
    failed_at: Duration,
    siblings: &[&str],
) {
    let (outcome, returned_at) = &run.value;
    let at = format_secs(*returned_at);
    match outcome {
        Ok(deployed) => run.fail(format!(
            "{failed} failed at {}, but deploy_all returned Ok with {} server(s) at {at}: the error \
             was lost.\nA task group reports its failure: look at each roll-out's `Result` as \
             `join_next()` hands it over, and return the first `Err` (the `?` operator does that).",
            format_secs(failed_at),
            deployed.len(),
        )),
        Err(error) if error.server != failed => run.fail(format!(
            "deploy_all returned {}'s error (`{error}`) at {at}, but {failed} had failed first, \
             at {}.\nA task group reports the first failure in time: Python's TaskGroup raises \
             as soon as one task fails, and cancels the others. Your code looked at the results \
             in the order of `servers` (awaiting each JoinHandle in turn, or sorting the results \
             before checking them), so {failed}'s error waited behind {}'s.\n\
             Take the results as they finish with `JoinSet::join_next()` and return at the first \
             `Err`; only the successes need to be put back in the order of `servers`.",
            error.server,
            format_secs(failed_at),
            error.server,
        )),
        Err(_) => {}
    }
    let mut finished: Vec<&Event> =
        siblings.iter().filter_map(|server| fate(&run.trace, server).filter(|e| e.kind == Kind::End)).collect();
    finished.sort_by_key(|e| e.at);
    let went_on: Vec<String> = finished
        .iter()
        .map(|end| {
            let server = end.actor.trim_start_matches("deploy ");
            match end.what.as_str() {
                "live" => format!("{server} went live at {}", format_secs(end.at)),
                what => format!("{server} ended with `{what}` at {}", format_secs(end.at)),
            }
        })
        .collect();
    if *returned_at > failed_at {
        let waited_for = if went_on.is_empty() { String::new() } else { format!(" ({})", went_on.join(", ")) };
        run.fail(format!(
            "{failed} failed at {}, but deploy_all returned its error only at {at}: it waited for \
             the other roll-outs first{waited_for}.\n\
             That is `asyncio.gather(.., return_exceptions=True)`, or `join_all` in exercise 04: \
             wait for everything, then report. A task group stops at the first failure. Take the \
             results with `set.join_next().await` in the order they finish, and return the `Err` \
             the moment you see it: returning drops the JoinSet, which cancels the roll-outs still running. \
             (Awaiting the tasks one by one in the order of `servers` also waits: for every \
             server listed before the one that failed.)",
            format_secs(failed_at),
        ));
    }
    if *returned_at < failed_at {
        run.fail(format!(
            "deploy_all returned at {at}, before {failed} could fail at {}: it must wait for the \
             roll-outs until they are all live or one fails.",
            format_secs(failed_at),
        ));
    }
    if !went_on.is_empty() {
        run.fail(format!(
            "deploy_all returned {failed}'s error at {at}, as it should, but the other roll-outs \
             kept running after it returned: {}. Now some servers run the new release and some \
             don't, which is what a task group is there to prevent.\n\
             Dropping a `JoinHandle` does not cancel its task, it detaches it (and so does \
             `JoinSet::detach_all()`): the task runs on to the end, and nobody is told. Keep the \
             tasks in a `tokio::task::JoinSet`: dropping the set (returning from the function does \
             that) aborts every task still in it, like TaskGroup cancelling its tasks. Or call \
             `abort()` on each handle before returning.",
            went_on.join(", "),
        ));
    }
    let not_cancelled: Vec<String> = siblings
        .iter()
        .filter_map(|server| match fate(&run.trace, server) {
            Some(e) if e.kind == Kind::Dropped && e.at == failed_at => None,
            Some(e) => Some(format!("{server}: {} at {}", e.what, format_secs(e.at))),
            None => Some(format!("{server}: still rolling out 5 s after deploy_all returned")),
        })
        .collect();
    if !not_cancelled.is_empty() {
        run.fail(format!(
            "When {failed} failed at {}, the roll-outs to {} should have been cancelled at that \
             instant (`✗ dropped (cancelled)` in the trace), but:\n  {}\n\
             Return the error as soon as `join_next()` hands it over; dropping the JoinSet (or \
             `abort_all()`) cancels the rest then and there.",
            format_secs(failed_at),
            listed(siblings),
            not_cancelled.join("\n  "),
        ));
    }
}

workbook::checks! {
    fn three_servers_take_one_second() {
        let servers = ["web-1", "web-2", "web-3"];
        let run = workbook::run(deploy_all(&servers));
        match &run.value {
            Ok(deployed) => run.ensure(
                deployed.len() == 3,
                format!("Expected 3 deployed servers, one per server; got {}.", deployed.len()),
            ),
            Err(e) => run.fail(format!(
                "Every roll-out succeeds in this check, but deploy_all returned the error `{e}`."
            )),
        }
        run.assert_not_blocked();
        ensure_roll_outs_start_together(&run, &servers);
        // Three 1 s roll-outs together: 1 s, not 3 s.
        run.assert_elapsed(secs(1));
    }

    fn results_keep_the_order_of_servers() {
        let servers = ["web-1", "web-2", "web-3"];
        let run = workbook::run(async {
            deploy::set_duration("web-1", secs(3));
            deploy::set_duration("web-2", secs(1));
            deploy::set_duration("web-3", secs(2));
            deploy_all(&servers).await
        });
        match &run.value {
            Ok(deployed) => {
                let order: Vec<&str> = deployed.iter().map(|d| d.server.as_str()).collect();
                run.ensure(
                    order == servers,
                    format!(
                        "deploy_all returned the servers as {order:?}, but they were given as {servers:?}.\n\
                         A JoinSet hands results back in the order the tasks finish (web-2 at 1 s, \
                         web-3 at 2 s, web-1 at 3 s), not the order they were spawned in. Have each \
                         task return its index with its result (`spawn(async move {{ (index, ..) }})`) \
                         and put every success in its place, e.g. in a `Vec<Option<Deployed>>`."
                    ),
                );
            }
            Err(e) => run.fail(format!(
                "Every roll-out succeeds in this check, but deploy_all returned the error `{e}`."
            )),
        }
        run.assert_not_blocked();
        ensure_roll_outs_start_together(&run, &servers);
        run.assert_elapsed(secs(3));
        assert_trace!(run, "results_keep_the_order_of_servers");

        let none = workbook::run(deploy_all(&[]));
        none.ensure(
            none.value.as_ref().is_ok_and(|deployed| deployed.is_empty()),
            format!("deploy_all(&[]) should return Ok with no servers; it returned {:?}.", none.value),
        );
        none.assert_elapsed(Duration::ZERO);
    }

    fn first_failure_cancels_the_rest() {
        let servers = ["web-1", "web-2", "web-3"];
        let run = workbook::run(async {
            deploy::set_duration("web-1", secs(3));
            deploy::set_failure("web-2", secs(1), "disk full");
            deploy::set_duration("web-3", secs(2));
            deploy_and_watch(&servers).await
        });
        run.assert_not_blocked();
        ensure_roll_outs_start_together(&run, &servers);
        ensure_failure_cancels_siblings(&run, "web-2", secs(1), &["web-1", "web-3"]);
        assert_trace!(run, "first_failure_cancels_the_rest");
    }

    fn earliest_failure_wins() {
        let servers = ["web-1", "web-2", "web-3"];
        let run = workbook::run(async {
            deploy::set_failure("web-1", secs(2), "health check failed");
            deploy::set_duration("web-2", secs(3));
            deploy::set_failure("web-3", secs(1), "disk full");
            deploy_and_watch(&servers).await
        });
        run.assert_not_blocked();
        ensure_roll_outs_start_together(&run, &servers);
        // web-3 fails first in time, though it comes last in `servers`.
        ensure_failure_cancels_siblings(&run, "web-3", secs(1), &["web-1", "web-2"]);
        assert_trace!(run, "earliest_failure_wins");
    }
}
