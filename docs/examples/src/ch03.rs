//! Chapter 03 · Tasks: start it now, collect it later.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::time::Duration;

use tokio::task::JoinHandle;
use workbook::secs;
use workbook::sim::chat::{self, Receipt};
use workbook::sim::web::{self, FetchError, Page};
use workbook::trace::note;

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch03::one_by_one", || {
        Picture::of(async {
            let _john = chat::send_message("John Doe").await;
            let _anna = chat::send_message("Anna Herb").await;
        })
    }),
    ("ch03::close_conversation", || {
        Picture::of(async {
            close_conversation("Anna Herb").await;
            note("caller", "close_conversation returned");
            // The runtime keeps going: watch the detached task.
            tokio::time::sleep(secs(4)).await;
        })
    }),
];

// ANCHOR: two_ways
async fn send_two_ways() -> (Duration, Duration) {
    let clock = tokio::time::Instant::now();
    let _john = chat::send_message("John Doe").await;
    let _anna = chat::send_message("Anna Herb").await;
    let one_by_one = clock.elapsed();
    println!("one by one: {one_by_one:.1?}"); // 4.0s

    let clock = tokio::time::Instant::now();
    let to_john = tokio::spawn(chat::send_message("John Doe")); // starts now
    let to_anna = tokio::spawn(chat::send_message("Anna Herb")); // starts now too
    let _john = to_john.await.expect("sending to John panicked");
    let _anna = to_anna.await.expect("sending to Anna panicked");
    let as_tasks = clock.elapsed();
    println!("as tasks: {as_tasks:.1?}"); // 2.0s
    (one_by_one, as_tasks)
}

#[tokio::main]
pub async fn main() {
    send_two_ways().await;
}
// ANCHOR_END: two_ways

// ANCHOR: owned
pub async fn send_to(person: &str) -> Receipt {
    let person = person.to_string(); // an owned String...
    let task = tokio::spawn(async move {
        chat::send_message(&person).await // ...moved into the task, borrowed in here
    });
    task.await.expect("the send panicked")
}
// ANCHOR_END: owned

/// Every page fetched by a task of its own; the pages in the order of `urls`.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // ANCHOR: many
    let handles: Vec<JoinHandle<Result<Page, FetchError>>> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect(); // every task is running now
    let mut pages = Vec::new();
    for handle in handles {
        pages.push(handle.await.expect("a fetch panicked"));
    }
    // ANCHOR_END: many
    pages
}

// ANCHOR: detach
pub async fn close_conversation(with: &str) {
    let with = with.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await }); // the handle is dropped here
}
// ANCHOR_END: detach

/// What `handle.await` gives for a task that panicked, and for one that was aborted.
pub async fn join_errors() -> (bool, bool) {
    // ANCHOR: join_error
    let panicked = tokio::spawn(async { panic!("the chat server is on fire") });
    let aborted = tokio::spawn(chat::send_message("Anna Herb"));
    aborted.abort(); // like Python's task.cancel()
    let panicked = panicked.await.unwrap_err(); // a JoinError: the panic stops at the handle
    let aborted = aborted.await.unwrap_err();
    println!("{} {}", panicked.is_panic(), aborted.is_cancelled()); // true true
    // ANCHOR_END: join_error
    (panicked.is_panic(), aborted.is_cancelled())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Sleeper;
    use workbook::run;

    #[test]
    fn tasks_take_two_seconds_where_awaits_take_four() {
        let run = run(send_two_ways());
        assert_eq!(run.value, (secs(4), secs(2)));
        assert_eq!(run.virtual_elapsed, secs(6));
    }

    #[test]
    fn an_owned_copy_moved_into_the_task_works() {
        let run = run(send_to("Ada"));
        assert_eq!(run.value.to, "Ada");
        assert_eq!(run.virtual_elapsed, secs(2));
    }

    #[test]
    fn handles_in_a_vec_keep_the_order_of_the_input() {
        let run = run(async {
            crate::ch06::three_panels();
            fetch_all(&["/slow", "/fast", "/medium"]).await
        });
        let urls: Vec<_> = run.value.iter().map(|page| page.as_ref().unwrap().url.as_str()).collect();
        assert_eq!(urls, ["/slow", "/fast", "/medium"]);
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn spawning_and_awaiting_one_at_a_time_is_sequential_again() {
        let run = run(async {
            for url in ["/a", "/b", "/c"] {
                let url = url.to_string();
                tokio::spawn(async move { web::fetch_page(&url).await }).await.unwrap().unwrap();
            }
        });
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_join_set_hands_results_back_as_tasks_finish() {
        let run = run(async {
            let mut set = tokio::task::JoinSet::new();
            for (seconds, name) in [(3, "slow"), (1, "fast"), (2, "medium")] {
                set.spawn(async move {
                    tokio::time::sleep(secs(seconds)).await;
                    name
                });
            }
            let mut order = Vec::new();
            while let Some(joined) = set.join_next().await {
                order.push(joined.unwrap());
            }
            order
        });
        assert_eq!(run.value, ["fast", "medium", "slow"]);
    }

    #[test]
    fn a_dropped_join_set_aborts_its_tasks() {
        let run = run(async {
            let mut set = tokio::task::JoinSet::new();
            set.spawn(chat::archive_conversation("Anna Herb"));
            tokio::time::sleep(secs(1)).await;
            drop(set);
            tokio::time::sleep(secs(5)).await;
        });
        assert_eq!(run.trace.find("archive Anna Herb", "dropped").unwrap().at, secs(1));
    }

    #[test]
    fn a_detached_task_finishes_after_the_call_returned() {
        let run = run(async {
            let start = tokio::time::Instant::now();
            close_conversation("Anna Herb").await;
            let returned = start.elapsed();
            tokio::time::sleep(secs(5)).await;
            returned
        });
        assert_eq!(run.value, secs(0));
        let archived = run.trace.find("archive Anna Herb", "archived").expect("the archive finishes");
        assert_eq!(archived.at, secs(3));
    }

    /// What happens to the archive when the handle is treated in each of the table's ways.
    fn archive(what: fn(&'static str)) -> workbook::Run<()> {
        run(async move {
            what("Anna Herb");
            tokio::time::sleep(secs(5)).await;
        })
    }

    #[test]
    fn dropping_the_handle_detaches_aborting_cancels() {
        let dropped = archive(|to| drop(tokio::spawn(chat::archive_conversation(to))));
        assert!(dropped.trace.find("archive Anna Herb", "archived").is_some());
        let kept = archive(|to| {
            let _task = tokio::spawn(chat::archive_conversation(to));
        });
        assert!(kept.trace.find("archive Anna Herb", "archived").is_some());
        let aborted = archive(|to| tokio::spawn(chat::archive_conversation(to)).abort());
        assert!(aborted.trace.find("archive Anna Herb", "archived").is_none(), "{}", aborted.trace.table());
        #[allow(clippy::let_underscore_future, reason = "the chapter's table says what this does")]
        let silenced = archive(|to| {
            let _ = chat::archive_conversation(to);
        });
        assert!(silenced.trace.events().is_empty());
    }

    #[test]
    fn awaiting_the_background_task_makes_the_caller_wait_for_it() {
        let run = run(async {
            let archive = tokio::spawn(chat::archive_conversation("Anna Herb"));
            let receipt = chat::send_message("Anna Herb").await;
            archive.await.unwrap();
            receipt
        });
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_join_error_says_panicked_or_cancelled() {
        let run = run(join_errors());
        assert_eq!(run.value, (true, true));
        assert!(run.trace.find("message to Anna Herb", "delivered").is_none());
    }

    #[test]
    fn five_tasks_the_first_await_takes_the_two_seconds() {
        // Check yourself, question 1.
        let run = run(async {
            let people = ["A", "B", "C", "D", "E"];
            let handles: Vec<_> = people.iter().map(|p| tokio::spawn(chat::send_message(p))).collect();
            let start = tokio::time::Instant::now();
            let mut awaits = Vec::new();
            for handle in handles {
                handle.await.unwrap();
                awaits.push(start.elapsed());
            }
            awaits
        });
        assert_eq!(run.value, [secs(2); 5]); // all five are in at 2 s: the first await took the 2 s
        assert_eq!(run.virtual_elapsed, secs(2));
    }

    #[test]
    fn leftover_tasks_are_dropped_when_the_runtime_shuts_down() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap();
        let (sleeper, task) = Sleeper::new(secs(3));
        runtime.block_on(async move {
            tokio::spawn(task);
            tokio::task::yield_now().await; // the task starts, and waits
        });
        sleeper.assert_dropped_with(runtime);
    }
}
