//! # 05 · taskgroup: the first failure cancels the rest
//!
//! Reference solution.

use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Every roll-out as a task in one `JoinSet`; the first error returns at once, and
/// dropping the set on the way out cancels the roll-outs still running.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs = spawn_roll_outs(servers);
    // The set hands results back as the tasks finish; the index puts them back in
    // the order of `servers`.
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = roll_outs.join_next().await {
        let (index, outcome) = joined.expect("a roll-out task panicked");
        deployed[index] = Some(outcome?);
    }
    Ok(deployed.into_iter().map(|server| server.expect("every roll-out finished")).collect())
}

/// Starts a roll-out task for every server at once; each task hands back its
/// server's index in `servers` with its outcome.
fn spawn_roll_outs(servers: &[&str]) -> JoinSet<(usize, Result<Deployed, DeployError>)> {
    let mut roll_outs = JoinSet::new();
    for (index, server) in servers.iter().enumerate() {
        let server = server.to_string(); // a task owns its data
        roll_outs.spawn(async move { (index, deploy::roll_out(&server).await) });
    }
    roll_outs
}
