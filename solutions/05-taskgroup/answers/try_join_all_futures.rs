//! grader: expect pass
//! Another correct answer, without tasks: `try_join_all` over the roll-out futures
//! themselves. It returns at the first `Err` and drops the futures still pending, which
//! cancels them; results come back in the order of `servers`.

use futures::future::try_join_all;
use workbook::sim::deploy::{self, DeployError, Deployed};

/// All roll-outs in one future; the first error drops (cancels) the rest.
pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    try_join_all(servers.iter().map(|server| deploy::roll_out(server))).await
}
