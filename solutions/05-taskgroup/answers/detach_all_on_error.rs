//! grader: expect fail first_failure_cancels_the_rest "JoinSet::detach_all()"
//! grader: expect fail earliest_failure_wins "JoinSet::detach_all()"
//! A JoinSet that calls `detach_all()` before returning the error, thinking that lets
//! the tasks go quietly: detaching is the opposite of cancelling, and the other
//! roll-outs run on to the end.

use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Returns at the first error, but leaves the other roll-outs running.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs = JoinSet::new();
    for (index, server) in servers.iter().enumerate() {
        let server = server.to_string();
        roll_outs.spawn(async move { (index, deploy::roll_out(&server).await) });
    }
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = roll_outs.join_next().await {
        match joined.expect("a roll-out task panicked") {
            (index, Ok(server)) => deployed[index] = Some(server),
            (_, Err(error)) => {
                roll_outs.detach_all();
                return Err(error);
            }
        }
    }
    Ok(deployed.into_iter().flatten().collect())
}
