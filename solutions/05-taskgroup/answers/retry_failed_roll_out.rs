//! grader: expect fail first_failure_cancels_the_rest "was rolled out to 2 times"
//! grader: expect fail earliest_failure_wins "trying a failed roll-out again"
//! "Try once more before giving up": a failed roll-out is started again, and only a
//! second failure counts; the error comes a whole roll-out late.
//! grader: replaces items

fn spawn_roll_outs(servers: &[&str]) -> JoinSet<(usize, Result<Deployed, DeployError>)> {
    let mut roll_outs = JoinSet::new();
    for (index, server) in servers.iter().enumerate() {
        let server = server.to_string();
        roll_outs.spawn(async move {
            let outcome = match deploy::roll_out(&server).await {
                Ok(deployed) => Ok(deployed),
                Err(_) => deploy::roll_out(&server).await,
            };
            (index, outcome)
        });
    }
    roll_outs
}
