//! grader: expect fail results_keep_the_order_of_servers "the names sorted, not the order they were given in"
//! A JoinSet without indices that sorts the deployed servers by name to "restore" their order: that is input order only when the names come sorted.
use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut set = JoinSet::new();
    for server in servers {
        let server = server.to_string();
        set.spawn(async move { deploy::roll_out(&server).await });
    }
    let mut deployed = Vec::new();
    while let Some(joined) = set.join_next().await {
        deployed.push(joined.expect("a roll-out task panicked")?);
    }
    deployed.sort_by(|a, b| a.server.cmp(&b.server));
    Ok(deployed)
}
