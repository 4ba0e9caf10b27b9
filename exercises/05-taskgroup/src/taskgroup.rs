//! # 05 · taskgroup: the first failure cancels the rest
//!
//! Python's `async with asyncio.TaskGroup() as tg:` runs tasks together, and if one of
//! them fails, it cancels the others and raises the error at once. Tokio's counterpart is
//! `tokio::task::JoinSet`: spawn tasks into it, take their results with
//! `join_next().await` as they finish, and when the set is dropped (or you call
//! `abort_all()`), every task still in it is cancelled.
//!
//! A roll-out of the new release to one server takes 1 s (unless a check says
//! otherwise), and it may fail. `deploy_all` below rolls out to one server after
//! another, so the waits add up, and a failure is noticed only when its turn comes.
//!
//! Run `grader check 05` to see how your code ran, and `grader hint 05` when stuck.
//! The chapter is `docs/src/05-taskgroup.md`.

use workbook::sim::deploy::{self, DeployError, Deployed};

/// Rolls the new release out to every server in `servers` at once. Returns the
/// deployed servers in the order of `servers`, or, as soon as one roll-out fails, its
/// error, after cancelling the roll-outs still running.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    // TODO: one server at a time: three servers take 3 s, not 1 s. Spawn every
    //       roll-out into a `tokio::task::JoinSet` (a task needs its own `String`),
    //       then take the results with `join_next().await` as they finish.
    // TODO: at the first `Err`, return it at once. Returning drops the JoinSet, and
    //       that cancels the roll-outs still running.
    let mut deployed = Vec::new();
    for server in servers {
        deployed.push(deploy::roll_out(server).await?);
    }
    Ok(deployed)
}
