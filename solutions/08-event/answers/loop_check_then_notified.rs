//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! A loop that looks at the flag, then awaits a fresh `notified()`: still look-then-register,
//! so a `set()` between the look and the `notified()` wakes nobody.
//! grader: based on notify_waiters_without_state
//! grader: replaces `self.gun.notified().await;` with `while !self.fired.load(Ordering::Acquire) { self.gun.notified().await; }`
