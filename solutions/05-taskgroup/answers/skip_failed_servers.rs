//! grader: expect fail first_failure_cancels_the_rest "the error was lost"
//! grader: expect fail earliest_failure_wins "the error was lost"
//! Keeps the servers that went live and skips the ones that failed, like gather with `return_exceptions=True`: the failure is never reported.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut set = spawn_roll_outs(servers);
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = set.join_next().await {
        if let (index, Ok(server)) = joined.expect("a roll-out task panicked") {
            deployed[index] = Some(server);
        }
    }
    Ok(deployed.into_iter().flatten().collect())
}
