//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! The "obvious" order: `wait()` returns if the flag is set, and otherwise awaits
//! `notified()`. A `set()` between the look and the `notified()` is lost.
//! grader: based on notify_waiters_without_state
//! grader: replaces `self.gun.notified().await;` with `if self.is_set() { return; } self.gun.notified().await;`
