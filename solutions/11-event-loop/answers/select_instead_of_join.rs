//! grader: expect fail three_tasks_run_together "Task 1 and Task 2 had started and never said `Done`"
//! grader: expect fail event_table_matches_the_notes "The order of events is not what a correct solution produces"
//! grader: traces vary "tokio::select! polls its branches in a random order, so the three starts at 0.000s come in any order"
//! Runs the three tasks in `tokio::select!`, as if it were `asyncio.wait`: they do start together, but `select!` returns when the first one is done and drops the other two halfway.
//! grader: replaces items

/// Runs the three tasks side by side until the first is done.
pub async fn run_all() {
    tokio::select! {
        () = task_one() => {}
        () = task_two() => {}
        () = task_three() => {}
    }
}
