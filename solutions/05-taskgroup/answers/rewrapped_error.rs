//! grader: expect fail first_failure_cancels_the_rest "recorded no roll-out to web-2 that failed with `rolled back: disk full`"
//! grader: expect fail earliest_failure_wins "recorded no roll-out to web-3 that failed with `rolled back: disk full`"
//! Wraps the failure in a new `DeployError` with its own wording instead of returning the error the roll-out gave back.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut set = spawn_roll_outs(servers);
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = set.join_next().await {
        let (index, outcome) = joined.expect("a roll-out task panicked");
        let server = outcome
            .map_err(|e| DeployError { server: e.server.clone(), reason: format!("rolled back: {}", e.reason) })?;
        deployed[index] = Some(server);
    }
    Ok(deployed.into_iter().flatten().collect())
}
