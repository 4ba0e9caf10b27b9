//! grader: expect compile-error "futures do nothing unless you `.await` or poll them"
//! Replaces the blocking call with `tokio::time::sleep(..)` but forgets the `.await`.
//! grader: replaces `tokio::time::sleep(Duration::from_secs(5)).await;` with `tokio::time::sleep(Duration::from_secs(5));`
