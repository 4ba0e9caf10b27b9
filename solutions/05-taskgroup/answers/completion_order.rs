//! grader: expect fail results_keep_the_order_of_servers "in the order the tasks finish"
//! A JoinSet without indices: it cancels correctly on failure, but the deployed
//! servers come back in the order they went live, not the order of `servers`.

use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Results pushed as `join_next` hands them over.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs = JoinSet::new();
    for server in servers {
        let server = server.to_string();
        roll_outs.spawn(async move { deploy::roll_out(&server).await });
    }
    let mut deployed = Vec::new();
    while let Some(joined) = roll_outs.join_next().await {
        deployed.push(joined.expect("a roll-out task panicked")?);
    }
    Ok(deployed)
}
