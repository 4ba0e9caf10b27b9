//! grader: expect pass
//! Another correct answer, closest to Python's TaskGroup: at the first error it calls
//! `JoinSet::shutdown().await`, which aborts the other tasks and waits until they are
//! gone (at the same instant: a dropped future has nothing left to run), then returns
//! the error. Successes are sorted back into the order of `servers` at the end.
//! grader: replaces items

/// Roll-outs as tasks; on the first failure, shut the group down, then report.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut group = spawn_roll_outs(servers);
    let mut done = Vec::with_capacity(servers.len());
    while let Some(joined) = group.join_next().await {
        match joined.expect("a roll-out task panicked") {
            (index, Ok(deployed)) => done.push((index, deployed)),
            (_, Err(error)) => {
                group.shutdown().await;
                return Err(error);
            }
        }
    }
    done.sort_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, deployed)| deployed).collect())
}
