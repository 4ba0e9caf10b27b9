//! grader: expect fail first_failure_cancels_the_rest "JoinError::Cancelled"
//! grader: expect fail earliest_failure_wins "or was aborted"
//! Calls `abort_all()` at the first error and drains the set like a TaskGroup, but
//! unwraps every `join_next()` result on the way: an aborted task comes back as a
//! `JoinError` (cancelled), and the `expect` panics on it.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut set = spawn_roll_outs(servers);
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    let mut failure = None;
    while let Some(joined) = set.join_next().await {
        match joined.expect("a roll-out task panicked") {
            (index, Ok(server)) => deployed[index] = Some(server),
            (_, Err(error)) => {
                set.abort_all();
                failure.get_or_insert(error);
            }
        }
    }
    match failure {
        Some(error) => Err(error),
        None => Ok(deployed.into_iter().flatten().collect()),
    }
}
