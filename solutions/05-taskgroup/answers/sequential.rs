//! grader: expect fail three_servers_take_one_second "Every roll-out should start at 0.000s"
//! grader: expect fail first_failure_cancels_the_rest "web-3 never started"
//! grader: expect fail results_keep_the_order_of_servers "Every roll-out should start at 0.000s"
//! grader: expect fail earliest_failure_wins "Every roll-out should start at 0.000s"
//! Rolls out to one server after another (the shipped stub): the times add up, and the
//! servers after a failure are never tried.

use workbook::sim::deploy::{self, DeployError, Deployed};

/// One roll-out at a time.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let mut deployed = Vec::new();
    for server in servers {
        deployed.push(deploy::roll_out(server).await?);
    }
    Ok(deployed)
}
