//! grader: expect fail first_failure_cancels_the_rest "wait for everything, then report"
//! grader: expect fail earliest_failure_wins "web-3 had failed first"
//! Waits for every task with `JoinSet::join_all`, then looks for an error: gather, not a
//! task group. The error comes late (3 s), nothing is cancelled, and with two failures
//! it is the first in the order of `servers`, not the first in time.
//! grader: replaces items

/// Every roll-out to its end, then the first error, if any.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs = spawn_roll_outs(servers);
    let mut outcomes = roll_outs.join_all().await;
    outcomes.sort_by_key(|(index, _)| *index);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}
