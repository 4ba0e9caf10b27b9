//! grader: expect pass
//! Another correct answer: the tasks return only their `Result`; `join_next_with_id`
//! says which task finished, and a map from task id to position restores the order of
//! `servers`. At the first error it calls `abort_all()` and returns; the aborted tasks
//! are dropped before the runtime moves on, at the same virtual instant.

use std::collections::HashMap;

use tokio::task::JoinSet;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Task ids instead of indices; an explicit `abort_all()` on failure.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut roll_outs = JoinSet::new();
    let mut position = HashMap::new();
    for (index, server) in servers.iter().enumerate() {
        let server = server.to_string();
        let task = roll_outs.spawn(async move { deploy::roll_out(&server).await });
        position.insert(task.id(), index);
    }
    let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
    while let Some(joined) = roll_outs.join_next_with_id().await {
        let (id, outcome) = joined.expect("a roll-out task panicked");
        match outcome {
            Ok(server) => deployed[position[&id]] = Some(server),
            Err(error) => {
                roll_outs.abort_all();
                return Err(error);
            }
        }
    }
    Ok(deployed.into_iter().flatten().collect())
}
