//! grader: expect fail render_leaves_the_runtime_free "multi-threaded runtime"
//! Uses `tokio::task::block_in_place`, which only works on the multi-threaded runtime: it
//! hands the worker's other tasks to another worker, and a current-thread runtime has none.
//! grader: replaces items

/// Renders the report `name` on the blocking pool: the runtime's thread stays free.
pub async fn render(name: &str) -> String {
    // The closure runs on another thread, maybe after this function returned, so it
    // can't borrow `name`: give it its own copy.
    tokio::task::block_in_place(|| legacy::render_report(name))
}
