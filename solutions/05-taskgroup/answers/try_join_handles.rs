//! grader: expect fail first_failure_cancels_the_rest "kept running after it returned"
//! grader: expect fail earliest_failure_wins "Dropping a `JoinHandle` does not cancel its task"
//! Spawns each roll-out with `tokio::spawn` and `try_join_all`s the handles: it returns
//! the error in time, but dropping the handles detaches the tasks, so the other
//! roll-outs run on to the end.

use futures::future::try_join_all;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// Spawned roll-outs; the first error drops the handles, which cancels nothing.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let tasks = servers.iter().map(|server| {
        let server = server.to_string();
        let handle = tokio::spawn(async move { deploy::roll_out(&server).await });
        async move { handle.await.expect("a roll-out task panicked") }
    });
    try_join_all(tasks).await
}
