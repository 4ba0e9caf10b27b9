//! grader: expect fail visits_are_counted_side_by_side "the tasks said they were done before their fetches were"
//! The visit fires and forgets, like `asyncio.create_task` inside a task: the task it
//! returns spawns another one that fetches and counts, and ends at once. Awaiting the
//! returned handle no longer means the visit is counted.
//! grader: replaces items

/// Fetches the page and counts the visit, in a task of its own.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::spawn(async move {
            let _page = web::fetch_page(&url).await;
            *stats.visits.lock().unwrap().entry(url).or_default() += 1;
        });
    })
}
