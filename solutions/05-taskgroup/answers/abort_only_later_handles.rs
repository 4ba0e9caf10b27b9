//! grader: expect fail first_failure_cancels_the_rest "kept running after it returned: web-1 went live"
//! grader: expect fail earliest_failure_wins "but the other roll-outs kept running after it returned"
//! Aborts only the handles listed after the one that failed, assuming the ones before it have already finished.
use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use tokio::task::JoinHandle;
use workbook::sim::deploy::{self, DeployError, Deployed};

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut handles: Vec<JoinHandle<Result<Deployed, DeployError>>> = Vec::new();
    for server in servers {
        let server = server.to_string();
        handles.push(tokio::spawn(async move { deploy::roll_out(&server).await }));
    }
    let aborts: Vec<_> = handles.iter().map(|h| h.abort_handle()).collect();
    let mut running: FuturesUnordered<_> =
        handles.into_iter().enumerate().map(|(index, handle)| async move { (index, handle.await) }).collect();
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some((index, joined)) = running.next().await {
        match joined.expect("a roll-out task panicked") {
            Ok(server) => deployed[index] = Some(server),
            Err(error) => {
                // The ones before it are done by now; stop the ones after it.
                for later in &aborts[index + 1..] {
                    later.abort();
                }
                return Err(error);
            }
        }
    }
    Ok(deployed.into_iter().flatten().collect())
}
