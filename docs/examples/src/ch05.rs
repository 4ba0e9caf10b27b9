//! Chapter 05 · taskgroup: the first failure cancels the rest.
//!
//! The code the chapter shows, and tests that prove what it says.

use futures::future::{join_all, try_join_all};
use tokio::task::JoinSet;
use workbook::secs;
use workbook::sim::deploy::{self, DeployError, Deployed};
use workbook::trace::note;

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch05::join_all_runs_on", || {
        Picture::of(async {
            release_with_a_full_disk();
            let outcomes = join_all(["web-1", "web-2", "web-3"].map(deploy::roll_out)).await;
            drop(outcomes);
        })
    }),
    ("ch05::handles_in_input_order", || {
        Picture::of(async {
            deploy::set_failure("web-1", secs(2), "disk full");
            deploy::set_duration("web-2", secs(3));
            deploy::set_failure("web-3", secs(1), "network down");
            let outcome = handles_in_input_order(&["web-1", "web-2", "web-3"]).await;
            let error = outcome.expect_err("web-1 fails");
            note("deploy_all", &format!("returned {}'s error", error.server));
            // Keep the runtime going: what is still running?
            tokio::time::sleep(secs(2)).await;
        })
    }),
];

/// The chapter's release: `web-1` takes 3 s, `web-2` fails after 1 s, `web-3` takes 2 s.
pub fn release_with_a_full_disk() {
    deploy::set_duration("web-1", secs(3));
    deploy::set_failure("web-2", secs(1), "disk full");
    deploy::set_duration("web-3", secs(2));
}

/// The three servers as one group: the first error returns, and the rest are cancelled.
pub async fn deploy_three() -> Result<(), DeployError> {
    // ANCHOR: join_set
    let mut group = JoinSet::new();
    for server in ["web-1", "web-2", "web-3"] {
        group.spawn(deploy::roll_out(server)); // starts running now, like create_task
    }
    while let Some(joined) = group.join_next().await {
        let deployed = joined.expect("a roll-out task panicked")?; // the first Err returns
        println!("{} is live", deployed.server);
    }
    // ANCHOR_END: join_set
    Ok(())
}

/// The same with futures: no tasks, and the futures may borrow.
pub async fn deploy_with_futures(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    // ANCHOR: try_join_all
    try_join_all(servers.iter().map(|server| deploy::roll_out(server))).await
    // ANCHOR_END: try_join_all
}

/// Chapter 03's pattern: spawn everything, then await the handles in input order.
pub async fn handles_in_input_order(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    // ANCHOR: input_order
    let handles: Vec<_> = servers
        .iter()
        .map(|server| {
            let server = server.to_string();
            tokio::spawn(async move { deploy::roll_out(&server).await })
        })
        .collect();
    let mut deployed = Vec::new();
    for handle in handles {
        deployed.push(handle.await.expect("a roll-out task panicked")?); // waits for web-1 first
    }
    Ok(deployed)
    // ANCHOR_END: input_order
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{Run, run};

    /// Runs `call` on the chapter's release and keeps the runtime going 5 s after it
    /// returns, to see what the other roll-outs did. Gives back what `call` returned and
    /// when.
    fn release<T>(call: impl Future<Output = T>) -> Run<(T, std::time::Duration)> {
        run(async {
            release_with_a_full_disk();
            workbook::then_idle(call, secs(5)).await
        })
    }

    fn dropped_at(run: &Run<impl Sized>, server: &str) -> Option<std::time::Duration> {
        run.trace.find(&format!("deploy {server}"), "dropped").map(|e| e.at)
    }

    fn went_live(run: &Run<impl Sized>, server: &str) -> bool {
        run.trace.find(&format!("deploy {server}"), "live").is_some()
    }

    /// A group of tasks, one a roll-out to each of `servers`.
    fn group_rolling_out(servers: &[&'static str]) -> JoinSet<Result<Deployed, DeployError>> {
        let mut group = JoinSet::new();
        for &server in servers {
            group.spawn(deploy::roll_out(server));
        }
        group
    }

    #[test]
    fn join_all_lets_every_roll_out_run_to_its_end() {
        let run = release(join_all(["web-1", "web-2", "web-3"].map(deploy::roll_out)));
        assert_eq!(run.value.1, secs(3));
        assert!(went_live(&run, "web-1") && went_live(&run, "web-3"));
    }

    #[test]
    fn a_join_set_returns_the_first_error_and_cancels_the_rest_at_once() {
        let run = release(deploy_three());
        let (outcome, when) = &run.value;
        assert_eq!(outcome.as_ref().unwrap_err().server, "web-2");
        assert_eq!(*when, secs(1));
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)), "{}", run.trace.table());
        assert_eq!(dropped_at(&run, "web-3"), Some(secs(1)));
        assert!(!went_live(&run, "web-1") && !went_live(&run, "web-3"));
    }

    #[test]
    fn try_join_all_over_futures_does_the_same_in_one_task() {
        let run = release(deploy_with_futures(&["web-1", "web-2", "web-3"]));
        assert_eq!(run.value.0.as_ref().unwrap_err().server, "web-2");
        assert_eq!(run.value.1, secs(1));
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)));
        assert_eq!(dropped_at(&run, "web-3"), Some(secs(1)));
    }

    #[test]
    fn try_join_all_keeps_the_order_and_handles_an_empty_list() {
        let run = run(async {
            deploy::set_duration("web-1", secs(3));
            deploy::set_duration("web-3", secs(2));
            deploy_with_futures(&["web-1", "web-2", "web-3"]).await
        });
        let servers: Vec<_> = run.value.unwrap().into_iter().map(|d| d.server).collect();
        assert_eq!(servers, ["web-1", "web-2", "web-3"]);
        assert_eq!(run.virtual_elapsed, secs(3));
        let empty = workbook::run(deploy_with_futures(&[]));
        assert_eq!(empty.value, Ok(vec![]));
        assert_eq!(empty.virtual_elapsed, secs(0));
    }

    #[test]
    fn the_earliest_failure_in_time_wins() {
        let run = run(async {
            deploy::set_failure("web-1", secs(2), "disk full");
            deploy::set_failure("web-3", secs(1), "network down");
            workbook::then_idle(deploy_three(), secs(5)).await
        });
        assert_eq!(run.value.0.as_ref().unwrap_err().server, "web-3");
        assert_eq!(run.value.1, secs(1));
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)));
    }

    #[test]
    fn awaiting_handles_in_input_order_reports_the_wrong_error_late_and_detaches_the_rest() {
        let run = run(async {
            deploy::set_failure("web-1", secs(2), "disk full");
            deploy::set_duration("web-2", secs(3));
            deploy::set_failure("web-3", secs(1), "network down");
            workbook::then_idle(handles_in_input_order(&["web-1", "web-2", "web-3"]), secs(5)).await
        });
        assert_eq!(run.value.0.as_ref().unwrap_err().server, "web-1");
        assert_eq!(run.value.1, secs(2));
        assert!(went_live(&run, "web-2"), "the detached roll-out finishes: {}", run.trace.table());
    }

    #[test]
    fn spawned_tasks_joined_with_try_join_all_are_not_cancelled() {
        let run = release(async {
            let handles = ["web-1", "web-2", "web-3"].map(|server| tokio::spawn(deploy::roll_out(server)));
            try_join_all(handles.map(|handle| async move { handle.await.unwrap() })).await
        });
        assert_eq!(run.value.1, secs(1));
        assert!(went_live(&run, "web-1") && went_live(&run, "web-3"), "{}", run.trace.table());
    }

    #[test]
    fn join_all_on_the_set_waits_for_everything_and_cancels_nothing() {
        let run = release(async {
            group_rolling_out(&["web-1", "web-2", "web-3"]).join_all().await.into_iter().find_map(Result::err)
        });
        assert_eq!(run.value.0.as_ref().unwrap().server, "web-2");
        assert_eq!(run.value.1, secs(3));
        assert!(went_live(&run, "web-1"));
    }

    #[test]
    fn abort_all_cancels_and_join_next_reports_each_as_cancelled() {
        let run = release(async {
            let mut group = group_rolling_out(&["web-1", "web-3"]);
            tokio::time::sleep(secs(1)).await;
            group.abort_all();
            let mut cancelled = 0;
            while let Some(joined) = group.join_next().await {
                cancelled += usize::from(joined.unwrap_err().is_cancelled());
            }
            cancelled
        });
        assert_eq!(run.value.0, 2);
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)));
    }

    #[test]
    fn shutdown_cancels_and_waits_in_no_time() {
        let run = release(async {
            let mut group = group_rolling_out(&["web-1"]);
            tokio::time::sleep(secs(1)).await;
            let before = tokio::time::Instant::now();
            group.shutdown().await;
            assert!(group.is_empty());
            before.elapsed()
        });
        assert_eq!(run.value.0, secs(0));
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)));
    }

    #[test]
    fn detach_all_lets_the_tasks_run_on() {
        let run = release(async {
            let mut group = group_rolling_out(&["web-1"]);
            group.detach_all();
            drop(group);
        });
        assert!(went_live(&run, "web-1"));
    }

    #[test]
    fn aborting_one_handle_cancels_that_task() {
        let run = release(async {
            let handle = tokio::spawn(deploy::roll_out("web-1"));
            tokio::time::sleep(secs(1)).await;
            handle.abort();
        });
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(1)));
    }

    #[test]
    fn check_yourself_four_two_one() {
        let run = run(async {
            deploy::set_duration("web-1", secs(4));
            deploy::set_failure("web-2", secs(2), "disk full");
            deploy::set_duration("web-3", secs(1));
            workbook::then_idle(deploy_three(), secs(5)).await
        });
        assert_eq!(run.value.1, secs(2));
        assert!(went_live(&run, "web-3"));
        assert_eq!(dropped_at(&run, "web-1"), Some(secs(2)));
    }
}
