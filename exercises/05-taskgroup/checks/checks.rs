//! The checks of exercise 05. Read them if you like; `grader check` notices edits.

use std::time::Duration;

use super::*;
use workbook::sim::deploy::{self, DeployError, Deployed};
use workbook::story::listed;
use workbook::trace::{Event, Kind, Trace};
use workbook::{Run, assert_trace, format_secs, millis, secs};

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

/// One server of a scenario: its name, how long its roll-out takes (ms), and the reason
/// it fails, if it does.
type Server = (&'static str, u64, Option<&'static str>);

/// Sets up the servers of a scenario, inside the run.
fn set_up(servers: &[Server]) {
    for &(server, ms, failure) in servers {
        match failure {
            Some(reason) => deploy::set_failure(server, millis(ms), reason),
            None => deploy::set_duration(server, millis(ms)),
        }
    }
}

fn names(servers: &[Server]) -> Vec<&'static str> {
    servers.iter().map(|s| s.0).collect()
}

/// The scenario in words: `web-1 takes 3.000s, web-2 fails (disk full) at 1.000s`.
fn describe(servers: &[Server]) -> String {
    let parts: Vec<String> = servers
        .iter()
        .map(|&(server, ms, failure)| match failure {
            Some(reason) => format!("{server} fails ({reason}) at {}", format_secs(millis(ms))),
            None => format!("{server} takes {}", format_secs(millis(ms))),
        })
        .collect();
    parts.join(", ")
}

/// Fails unless every deployed server that `deploy_all` returned went live in this
/// run's trace (the deploy service's record of its roll-outs), once each.
fn ensure_tied_to_roll_outs<T>(run: &Run<T>, deployed: &[Deployed]) {
    for d in deployed {
        let actor = format!("deploy {}", d.server);
        let started = run.trace.events().iter().filter(|e| e.actor == actor && e.kind == Kind::Begin).count();
        let ending = fate(&run.trace, &d.server);
        let live = ending.is_some_and(|e| e.kind == Kind::End && e.what == "live");
        if !live {
            let record = match ending {
                _ if started == 0 => format!("the deploy service never started a roll-out to {}", d.server),
                None => format!("the roll-out to {} never finished", d.server),
                Some(e) => format!("the roll-out to {} ended with `{}` at {}", d.server, e.what, format_secs(e.at)),
            };
            run.fail(format!(
                "deploy_all returned {} as deployed, but {record} (the trace is the deploy service's \
                 record of every roll-out).\nEvery server you return must be the `Deployed` that \
                 `deploy::roll_out` gave back in this run; one built by hand does not count.",
                d.server
            ));
        }
        if started > 1 {
            run.fail(format!(
                "{} was rolled out to {started} times; each server should be rolled out to once.",
                d.server
            ));
        }
    }
}

/// Fails with a lesson unless the roll-out to every server in `servers` started at 0.000s.
fn ensure_roll_outs_start_together<T>(run: &Run<T>, servers: &[&str]) {
    // Whether each late start fell at the instant another roll-out ended.
    let mut after_an_end = true;
    let late: Vec<String> = servers
        .iter()
        .filter_map(|server| {
            let began = run.trace.find(&format!("deploy {server}"), "rolling out").map(|e| e.at);
            match began {
                Some(Duration::ZERO) => None,
                Some(at) => {
                    let ended_then = servers.iter().find(|other| fate(&run.trace, other).is_some_and(|e| e.at == at));
                    match ended_then {
                        Some(other) => Some(format!(
                            "{server} started at {}, the instant {other}'s roll-out ended",
                            format_secs(at)
                        )),
                        None => {
                            after_an_end = false;
                            Some(format!("{server} started at {}", format_secs(at)))
                        }
                    }
                }
                None => Some(format!("{server} never started")),
            }
        })
        .collect();
    if late.is_empty() {
        return;
    }
    let untried = if late.iter().any(|line| line.ends_with("never started")) {
        " Some were never started at all. Possible causes: the function returned before it got \
         to them (for instance at a failure it was awaiting), or it never started them."
    } else {
        ""
    };
    let reading = if after_an_end {
        "Each late roll-out started only once another had ended, as after an `.await` on it: so \
         their times added up."
    } else {
        "Possible causes: a roll-out started only after an earlier `.await` had finished, or after \
         some other wait."
    };
    run.fail(format!(
        "Every roll-out should start at 0.000s, but {}.\n\
         {reading}{untried}\n\
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
             as soon as one task fails, and cancels the others. Possible causes: looking at the \
             results in some other order than the order they finished in (for instance awaiting \
             each JoinHandle in the order of `servers`, or sorting the results before checking \
             them), or keeping a later error over the first.\n\
             Take the results as they finish with `JoinSet::join_next()` and return at the first \
             `Err`; only the successes need to be put back in the order of `servers`.",
            error.server,
            format_secs(failed_at),
        )),
        Err(error) => {
            let recorded = fate(&run.trace, failed)
                .is_some_and(|e| e.kind == Kind::End && e.what == format!("failed: {}", error.reason));
            if !recorded {
                run.fail(format!(
                    "deploy_all returned the error `{error}`, but the deploy service recorded no \
                     roll-out to {failed} that failed with `{}` in this run (the trace is its record). \
                     Return the `DeployError` that `deploy::roll_out` gave back, as it is.",
                    error.reason
                ));
            }
        }
    }
    // A server rolled out to more than once: a retry, whose second roll-out takes its time.
    let all: Vec<&str> = siblings.iter().copied().chain([failed]).collect();
    for server in all {
        let actor = format!("deploy {server}");
        let starts: Vec<String> = run
            .trace
            .events()
            .iter()
            .filter(|e| e.actor == actor && e.kind == Kind::Begin)
            .map(|e| format_secs(e.at))
            .collect();
        if starts.len() > 1 {
            run.fail(format!(
                "{server} was rolled out to {} times, at {}; each server should be rolled out to once. \
                 deploy_all returned at {at}, and {failed}'s first roll-out had failed at {}.\n\
                 A possible cause: trying a failed roll-out again. A task group doesn't retry: the \
                 first failure is the answer, returned at once, and the other roll-outs are cancelled \
                 then.",
                starts.len(),
                listed(&starts),
                format_secs(failed_at),
            ));
        }
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
        let last = finished.last().map(|e| e.at);
        let reading = match finished.iter().find(|e| e.at == *returned_at) {
            Some(_) if last == Some(*returned_at) => format!(
                ", the instant the last of the other roll-outs ended, as if it waited for the other roll-outs first ({})",
                went_on.join(", ")
            ),
            Some(e) => format!(", the instant {} ended", e.actor.trim_start_matches("deploy ")),
            None => ", an instant when no other roll-out ended".to_string(),
        };
        run.fail(format!(
            "{failed} failed at {}, but deploy_all returned its error only at {at}{reading}.\n\
             Possible causes: waiting for everything, then reporting. \
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

/// Runs `deploy_all` on a scenario where every roll-out succeeds: `Ok` with every
/// server, in the order given, each one that really went live, after as long as the
/// slowest roll-out.
fn check_all_live(servers: &'static [Server]) -> Run<Result<Vec<Deployed>, DeployError>> {
    let run = workbook::run(async move {
        set_up(servers);
        deploy_all(&names(servers)).await
    });
    let given = names(servers);
    match &run.value {
        Ok(deployed) => {
            let order: Vec<&str> = deployed.iter().map(|d| d.server.as_str()).collect();
            if order != given {
                let mut finished: Vec<(Duration, &str)> = servers.iter().map(|s| (millis(s.1), s.0)).collect();
                finished.sort();
                let finished: Vec<&str> = finished.into_iter().map(|(_, s)| s).collect();
                let mut sorted = given.clone();
                sorted.sort();
                let reading = match (order == finished, order == sorted) {
                    (true, true) => "That is the order they went live in, and also the names sorted.",
                    (true, false) => {
                        "That is the order they went live in: the order the tasks finish, which is how a JoinSet hands results back."
                    }
                    (false, true) => "That is the names sorted, not the order they were given in.",
                    (false, false) => "That is neither the order given nor the order they went live in.",
                };
                run.fail(format!(
                    "Here {}.\ndeploy_all returned the servers as {order:?}, but they were given as {given:?}. {reading}\n\
                     A JoinSet hands results back in the order the tasks finish, not the order they were \
                     spawned in. Have each task return its index with its result \
                     (`spawn(async move {{ (index, ..) }})`) and put every success in its place, e.g. in a \
                     `Vec<Option<Deployed>>`.",
                    describe(servers)
                ));
            }
            ensure_tied_to_roll_outs(&run, deployed);
        }
        Err(e) => {
            // Roll-outs still on their way when it returned, at an instant when none
            // ended: the function's own doing, not the deploy service's.
            let at = run.virtual_elapsed;
            let on_their_way: Vec<&str> = given
                .iter()
                .copied()
                .filter(|s| fate(&run.trace, s).is_none_or(|f| f.kind == Kind::Dropped && f.at == at))
                .collect();
            let ended_then = run.trace.events().iter().any(|f| f.kind == Kind::End && f.at == at);
            if !on_their_way.is_empty() && !ended_then {
                run.fail(format!(
                    "Here {}.\nEvery roll-out succeeds in this check, but deploy_all returned the error `{e}` at \
                     {}, an instant when no roll-out ended, while these roll-outs were still on their way \
                     to going live: {}. The deploy service failed nothing: that error is not one \
                     `deploy::roll_out` gave back.\n\
                     Something of your own ended the deployment at {}. A possible cause: a deadline \
                     (`tokio::time::timeout`, or a `select!` against a `sleep`). A slow roll-out is not a \
                     failed one: wait for every roll-out until it goes live or fails, as long as it takes, \
                     and return only the errors the roll-outs gave back.",
                    describe(servers),
                    format_secs(at),
                    listed(&on_their_way),
                    format_secs(at)
                ));
            }
            run.fail(format!("Every roll-out succeeds in this check, but deploy_all returned the error `{e}`."))
        }
    }
    run.assert_not_blocked();
    ensure_roll_outs_start_together(&run, &given);
    run.assert_elapsed(servers.iter().map(|s| millis(s.1)).max().unwrap_or_default());
    run
}

/// Runs `deploy_all` on a scenario where some roll-out fails: the first failure in
/// time comes back at once, and every other roll-out is cancelled at that instant.
fn check_first_failure(servers: &'static [Server]) -> Run<(Result<Vec<Deployed>, DeployError>, Duration)> {
    let run = workbook::run(async move {
        set_up(servers);
        deploy_and_watch(&names(servers)).await
    });
    let &(failed, failed_ms, _) =
        servers.iter().filter(|s| s.2.is_some()).min_by_key(|s| s.1).expect("a scenario with a failure");
    let siblings: Vec<&str> = names(servers).into_iter().filter(|s| *s != failed).collect();
    run.assert_not_blocked();
    ensure_roll_outs_start_together(&run, &names(servers));
    ensure_failure_cancels_siblings(&run, failed, millis(failed_ms), &siblings);
    run
}

workbook::checks! {
    fn three_servers_take_one_second() {
        // Three 1 s roll-outs together: 1 s, not 3 s.
        check_all_live(&[("web-1", 1000, None), ("web-2", 1000, None), ("web-3", 1000, None)]);
    }

    fn results_keep_the_order_of_servers() {
        let run = check_all_live(&[("web-1", 3000, None), ("web-2", 1000, None), ("web-3", 2000, None)]);
        assert_trace!(run, "results_keep_the_order_of_servers");
        // Unsorted names: the order given, the order they go live in and the sorted
        // names all differ.
        check_all_live(&[("web-3", 1400, None), ("db-1", 600, None), ("web-1", 2100, None), ("api-2", 900, None)]);
        // A roll-out slower than any deadline of one's own (10 s, 30 s, 60 s): slow is not failed.
        check_all_live(&[("db-2", 90_000, None), ("web-4", 400, None)]);

        let none = workbook::run(deploy_all(&[]));
        none.ensure(
            none.value.as_ref().is_ok_and(|deployed| deployed.is_empty()),
            format!("deploy_all(&[]) should return Ok with no servers; it returned {:?}.", none.value),
        );
        none.assert_elapsed(Duration::ZERO);
    }

    fn first_failure_cancels_the_rest() {
        // The failure in the middle of the list, then first, then last.
        let run = check_first_failure(&[("web-1", 3000, None), ("web-2", 1000, Some("disk full")), ("web-3", 2000, None)]);
        assert_trace!(run, "first_failure_cancels_the_rest");
        check_first_failure(&[("web-1", 700, Some("disk full")), ("web-2", 1800, None), ("web-3", 1200, None)]);
        check_first_failure(&[("web-1", 2500, None), ("web-2", 1500, None), ("web-3", 400, Some("out of memory"))]);
    }

    fn earliest_failure_wins() {
        // web-3 fails first in time, though it comes last in `servers`.
        let run = check_first_failure(&[
            ("web-1", 2000, Some("health check failed")),
            ("web-2", 3000, None),
            ("web-3", 1000, Some("disk full")),
        ]);
        assert_trace!(run, "earliest_failure_wins");
        // Three failures; the one in the middle of the list comes first in time.
        check_first_failure(&[
            ("api-1", 1600, Some("timeout")),
            ("api-2", 900, Some("disk full")),
            ("api-3", 2400, None),
            ("api-4", 1200, Some("bad config")),
        ]);
        // The first in the list is also the first in time.
        check_first_failure(&[("db-1", 500, Some("disk full")), ("db-2", 2000, None), ("db-3", 1500, Some("timeout"))]);
    }
}
