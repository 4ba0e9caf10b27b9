//! grader: expect pass
//! Another correct answer: the `JoinSet` collected from an iterator of futures
//! (`JoinSet` is `FromIterator`), each with its index; errors are matched instead of
//! `?`, and the set is dropped with the function, aborting the tasks still in it.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs: JoinSet<_> = servers
        .iter()
        .map(|server| server.to_string())
        .enumerate()
        .map(|(index, server)| async move { (index, deploy::roll_out(&server).await) })
        .collect();
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = roll_outs.join_next().await {
        match joined {
            Ok((index, Ok(server))) => deployed[index] = Some(server),
            Ok((_, Err(error))) => return Err(error),
            Err(join_error) => panic!("a roll-out task failed: {join_error}"),
        }
    }
    Ok(deployed.into_iter().flatten().collect())
}
