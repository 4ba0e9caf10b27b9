//! grader: expect fail three_servers_take_one_second "Every roll-out should start at 0.000s, but web-2 started at 1.000s"
//! grader: expect fail results_keep_the_order_of_servers "web-2 started at 3.000s, the instant web-1's roll-out ended"
//! grader: expect fail first_failure_cancels_the_rest "web-2 started at 3.000s, the instant web-1's roll-out ended"
//! grader: expect fail earliest_failure_wins "Every roll-out should start at 0.000s, but web-2 never started"
//! Rolls out to the first server alone as a canary, then to the rest together: the roll-outs do not all start at once.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let Some((first, rest)) = servers.split_first() else {
        return Ok(Vec::new());
    };
    let mut deployed = vec![deploy::roll_out(first).await?];
    let mut set = spawn_roll_outs(rest);
    let mut others: Vec<Option<Deployed>> = vec![None; rest.len()];
    while let Some(joined) = set.join_next().await {
        let (index, outcome) = joined.expect("a roll-out task panicked");
        others[index] = Some(outcome?);
    }
    deployed.extend(others.into_iter().flatten());
    Ok(deployed)
}
