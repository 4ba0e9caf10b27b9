//! grader: expect fail first_failure_cancels_the_rest "returned its error only at 3.000s"
//! grader: expect fail earliest_failure_wins "web-1's error"
//! Exercise 03's pattern: spawn every roll-out, then await the handles in the order of
//! `servers`, with `?`. A failure is seen only when its turn comes, and the tasks left
//! behind are detached, not cancelled.

use tokio::task::JoinHandle;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// All started at once, but awaited one by one, in input order.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let handles: Vec<JoinHandle<Result<Deployed, DeployError>>> = servers
        .iter()
        .map(|server| {
            let server = server.to_string();
            tokio::spawn(async move { deploy::roll_out(&server).await })
        })
        .collect();
    let mut deployed = Vec::new();
    for handle in handles {
        deployed.push(handle.await.expect("a roll-out task panicked")?);
    }
    Ok(deployed)
}
