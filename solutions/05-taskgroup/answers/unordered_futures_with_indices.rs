//! grader: expect pass
//! Another correct answer, without tasks: the roll-out futures, each with its index, in
//! a `FuturesUnordered`; at the first `Err` the function returns, dropping the set,
//! which cancels the roll-outs still in it.
//! grader: replaces items

use futures::StreamExt as _;
use futures::stream::FuturesUnordered;

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs: FuturesUnordered<_> = servers
        .iter()
        .enumerate()
        .map(|(index, server)| async move { (index, deploy::roll_out(server).await) })
        .collect();
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some((index, outcome)) = roll_outs.next().await {
        deployed[index] = Some(outcome?);
    }
    Ok(deployed.into_iter().flatten().collect())
}
