//! grader: expect fail stuck_attempt_is_cut_off_and_retried "never answered, and nothing else cut it"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "never answered, and nothing else cut it"
//! Retries with backoff, but calls the service directly: an attempt that hangs is never cut off.
//! grader: replaces `match with_deadline(service, ATTEMPT_LIMIT).await {` with `match flaky::call(service).await.map_err(CallError::Failed) {`
