//! Chapter 17 · Send bounds: what a spawned task may hold across an `.await`.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;
use workbook::sim::web::{self, FetchError, Page};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[("ch17::tokio_lock_covers_the_wait", || {
    Picture::of(async {
        let history = Arc::new(tokio::sync::Mutex::new(Vec::new()));
        let handles: Vec<_> =
            ["/a", "/b", "/c"].map(|url| spawn_fetch_under_a_tokio_lock(Arc::clone(&history), url.to_string())).into();
        for handle in handles {
            let _ = handle.await;
        }
    })
})];

/// `tokio::spawn`, with the bounds tokio puts on it.
// ANCHOR: spawn_signature
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    // ANCHOR_END: spawn_signature
{
    tokio::spawn(future)
}

/// Three visits on a `LocalSet`: one thread, so the tasks may hold an `Rc` across an
/// `.await`, the way an asyncio task holds anything.
pub async fn visits_on_one_thread() -> Vec<&'static str> {
    // ANCHOR: local_set
    let visits = Rc::new(RefCell::new(Vec::new())); // not thread-safe, like the cursor
    let local = tokio::task::LocalSet::new();
    for url in ["/a", "/a", "/b"] {
        let visits = Rc::clone(&visits);
        local.spawn_local(async move {
            let page = web::fetch_page(url).await; // `visits` is held across this .await
            visits.borrow_mut().push(url);
            page
        });
    }
    local.await; // runs the three tasks, all on this thread: 1 s
    // ANCHOR_END: local_set
    visits.take()
}

/// Fetch first, with nothing locked; then record under a lock that no `.await` follows.
pub fn spawn_fetch_then_record(history: Arc<Mutex<Vec<String>>>, url: String) -> JoinHandle<Result<Page, FetchError>> {
    // ANCHOR: fetch_then_lock
    tokio::spawn(async move {
        let page = web::fetch_page(&url).await;
        let mut seen = history.lock().unwrap(); // taken after the .await...
        seen.push(url);
        page
    }) // ...and dropped at the end of the task, with no .await after it
    // ANCHOR_END: fetch_then_lock
}

/// Record first, in a block that ends the guard, then fetch.
pub fn spawn_record_then_fetch(history: Arc<Mutex<Vec<String>>>, url: String) -> JoinHandle<Result<Page, FetchError>> {
    // ANCHOR: block
    tokio::spawn(async move {
        {
            let mut seen = history.lock().unwrap();
            seen.push(url.clone()); // recorded before the fetch...
        } // ...and the guard ends here, before the .await
        web::fetch_page(&url).await
    })
    // ANCHOR_END: block
}

/// The bodies of pages fetched one after the other, kept by the task that fetched them.
pub fn spawn_collect_bodies(urls: Vec<String>) -> JoinHandle<Vec<String>> {
    // ANCHOR: owned
    tokio::spawn(async move {
        let mut bodies = Vec::new(); // owned by the task: no Rc, no RefCell, no lock
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                bodies.push(page.body);
            }
        }
        bodies
    })
    // ANCHOR_END: owned
}

/// `tokio::sync::Mutex`, held across the fetch: it compiles, and the fetches queue.
pub fn spawn_fetch_under_a_tokio_lock(
    history: Arc<tokio::sync::Mutex<Vec<String>>>,
    url: String,
) -> JoinHandle<Result<Page, FetchError>> {
    // ANCHOR: tokio_mutex
    tokio::spawn(async move {
        let mut seen = history.lock().await; // tokio's guard is `Send`...
        let page = web::fetch_page(&url).await; // ...so this compiles, but the lock covers the wait
        seen.push(url);
        page
    })
    // ANCHOR_END: tokio_mutex
}

/// Two fetches joined in one future that is never spawned: it may hold an `Rc`.
pub async fn joined_with_an_rc() -> usize {
    // ANCHOR: joined
    let fetched = Rc::new(Cell::new(0)); // not `Send`: fine, this future is never spawned
    let fetch_and_count = |url: &'static str| {
        let fetched = Rc::clone(&fetched);
        async move {
            let page = web::fetch_page(url).await; // `fetched` is held across this .await
            fetched.set(fetched.get() + 1);
            page
        }
    };
    let (_a, _b) = tokio::join!(fetch_and_count("/a"), fetch_and_count("/b"));
    // ANCHOR_END: joined
    fetched.get()
}

/// A std lock inside `spawn_blocking`: no `.await` there, so the guard is fine.
pub async fn tidy_up(history: Arc<Mutex<Vec<String>>>) -> Vec<String> {
    let kept = Arc::clone(&history);
    // ANCHOR: blocking
    tokio::task::spawn_blocking(move || {
        let mut seen = history.lock().unwrap(); // a std guard: fine, nothing is awaited here
        seen.sort();
        seen.dedup();
    })
    .await
    .expect("the job panicked");
    // ANCHOR_END: blocking
    kept.lock().unwrap().clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{run, secs};

    /// Spawns `visit` for each of `urls`, all sharing `history`, and waits for every task.
    async fn visit_all<H, T>(
        history: &Arc<H>,
        urls: &[&str],
        visit: impl Fn(Arc<H>, String) -> JoinHandle<Result<T, FetchError>>,
    ) {
        let handles: Vec<_> = urls.iter().map(|url| visit(Arc::clone(history), url.to_string())).collect();
        for handle in handles {
            handle.await.expect("a visit panicked").expect("every page is there");
        }
    }

    #[test]
    fn our_spawn_is_tokio_spawn() {
        let run = run(async { spawn(web::fetch_page("/a")).await.unwrap() });
        assert!(run.value.is_ok());
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn a_local_set_lets_tasks_hold_an_rc_across_an_await() {
        let run = run(visits_on_one_thread());
        assert_eq!(run.value.len(), 3);
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn fetching_before_locking_keeps_the_visits_side_by_side() {
        let run = run(async {
            let history = Arc::new(Mutex::new(Vec::new()));
            visit_all(&history, &["/a", "/a", "/b"], spawn_fetch_then_record).await;
            history.lock().unwrap().len()
        });
        assert_eq!(run.value, 3);
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn a_guard_in_its_own_block_ends_before_the_fetch() {
        let run = run(async {
            let history = Arc::new(Mutex::new(Vec::new()));
            visit_all(&history, &["/a", "/b"], spawn_record_then_fetch).await;
            history.lock().unwrap().clone()
        });
        assert_eq!(run.value, ["/a", "/b"]);
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn a_task_that_owns_its_data_needs_no_sharing() {
        let run = run(async { spawn_collect_bodies(vec!["/a".into(), "/bb".into()]).await.unwrap() });
        assert_eq!(run.value, ["<h1>/a</h1>", "<h1>/bb</h1>"]);
        assert_eq!(run.virtual_elapsed, secs(2)); // one page after the other
    }

    #[test]
    fn a_tokio_lock_held_across_the_fetch_serializes_the_visits() {
        let run = run(async {
            let history = Arc::new(tokio::sync::Mutex::new(Vec::new()));
            visit_all(&history, &["/a", "/b", "/c"], spawn_fetch_under_a_tokio_lock).await;
        });
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_future_that_is_never_spawned_may_hold_an_rc() {
        let run = run(joined_with_an_rc());
        assert_eq!(run.value, 2);
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn a_std_guard_is_fine_in_spawn_blocking() {
        let run = run(async {
            let history = Arc::new(Mutex::new(vec!["/b".to_string(), "/a".into(), "/b".into()]));
            tidy_up(history).await
        });
        assert_eq!(run.value, ["/a", "/b"]);
    }
}
