//! grader: expect fail results_keep_the_order_of_servers "the names sorted, not the order they were given in"
//! A JoinSet without indices that sorts the deployed servers by name to "restore" their order: that is input order only when the names come sorted.
//! grader: based on completion_order
//! grader: replaces `Ok(deployed)` with `Ok(sorted_by_name(deployed))`

fn sorted_by_name(mut deployed: Vec<Deployed>) -> Vec<Deployed> {
    deployed.sort_by(|a, b| a.server.cmp(&b.server));
    deployed
}
