//! grader: expect fail first_failure_cancels_the_rest "Dropping a `JoinHandle` does not cancel its task"
//! grader: expect fail earliest_failure_wins "kept running after it returned"
//! Each task of the `JoinSet` spawns the roll-out as a task of its own and awaits its
//! handle: dropping the set aborts the outer tasks, but the inner ones, detached, roll
//! out to the end.
//! grader: replaces items

fn spawn_roll_outs(servers: &[&str]) -> JoinSet<(usize, Result<Deployed, DeployError>)> {
    let mut roll_outs = JoinSet::new();
    for (index, server) in servers.iter().enumerate() {
        let server = server.to_string();
        roll_outs.spawn(async move {
            let outcome = tokio::spawn(async move { deploy::roll_out(&server).await }).await;
            (index, outcome.expect("the roll-out panicked"))
        });
    }
    roll_outs
}
