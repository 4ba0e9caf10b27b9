//! grader: expect pass
//! Another correct answer: a JoinSet without indices, each deployed server put back in its place by looking its name up in `servers`.
use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut set = JoinSet::new();
    for server in servers {
        let server = server.to_string();
        set.spawn(async move { deploy::roll_out(&server).await });
    }
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = set.join_next().await {
        let server = joined.expect("a roll-out task panicked")?;
        let place = servers.iter().position(|name| *name == server.server).expect("a server we asked for");
        deployed[place] = Some(server);
    }
    Ok(deployed.into_iter().flatten().collect())
}
