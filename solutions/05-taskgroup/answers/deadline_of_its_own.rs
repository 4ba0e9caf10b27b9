//! grader: expect fail results_keep_the_order_of_servers "Something of your own ended the deployment at 10.000s"
//! "A roll-out that hangs must not hang the pipeline": the whole deployment gets 10 s
//! (`tokio::time::timeout`), and after that an error of its own is returned, though
//! every roll-out was still on its way to going live.
//! grader: replaces items

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let deploy = async {
        let mut roll_outs = spawn_roll_outs(servers);
        let mut deployed: Vec<Option<Deployed>> = vec![None; servers.len()];
        while let Some(joined) = roll_outs.join_next().await {
            let (index, outcome) = joined.expect("a roll-out task panicked");
            deployed[index] = Some(outcome?);
        }
        Ok(deployed.into_iter().map(|server| server.expect("every roll-out finished")).collect())
    };
    match tokio::time::timeout(std::time::Duration::from_secs(10), deploy).await {
        Ok(outcome) => outcome,
        Err(_) => Err(DeployError { server: "all".to_string(), reason: "deployment timed out".to_string() }),
    }
}
