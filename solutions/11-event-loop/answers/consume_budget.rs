//! grader: expect fail crunching_shares_the_thread "crunch_numbers kept the thread"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! Awaits `tokio::task::consume_budget()` between chunks: it gives the thread back only
//! once the task has used up its budget (128 operations), never in six chunks.
//! grader: replaces `Back to the event loop for a moment: due timers fire, ready tasks run.` with `Back to the event loop, once the task has used up its budget.`
//! grader: replaces `tokio::task::yield_now().await;` with `tokio::task::consume_budget().await;`
