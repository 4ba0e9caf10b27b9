//! grader: expect pass
//! Another correct answer with plain `tokio::spawn`: the `JoinHandle`s go into a
//! `FuturesUnordered` (results as they finish), and before returning an error it calls
//! `abort()` on every task, through `AbortHandle`s kept aside. Without those aborts the
//! other tasks would keep running: dropping a JoinHandle only detaches its task.

use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use tokio::task::{AbortHandle, JoinHandle};
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Spawned roll-outs, aborted by hand at the first failure.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let handles: Vec<JoinHandle<(usize, Result<Deployed, DeployError>)>> = servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let server = server.to_string();
            tokio::spawn(async move { (index, deploy::roll_out(&server).await) })
        })
        .collect();
    let aborts: Vec<AbortHandle> = handles.iter().map(JoinHandle::abort_handle).collect();
    let mut running: FuturesUnordered<_> = handles.into_iter().collect();
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = running.next().await {
        let (index, outcome) = joined.expect("a roll-out task panicked");
        match outcome {
            Ok(server) => deployed[index] = Some(server),
            Err(error) => {
                for task in &aborts {
                    task.abort(); // a task that already finished ignores this
                }
                return Err(error);
            }
        }
    }
    Ok(deployed.into_iter().map(|server| server.expect("every roll-out finished")).collect())
}
