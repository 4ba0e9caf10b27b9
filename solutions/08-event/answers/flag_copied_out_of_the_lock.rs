//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! Looks like `look_and_register_under_one_lock`, but `let fired = *self.fired.lock()..`
//! copies the flag out: the guard is gone at the end of that statement, so a `set()`
//! can come between the look and the `notified()`. A text scanner took the `let` for a
//! guard kept; the parser sees the copy.
//! grader: based on look_and_register_under_one_lock
//! grader: replaces `let fired = self.fired.lock().unwrap();` with `let fired = *self.fired.lock().unwrap();`
//! grader: replaces `if *fired {` with `if fired {`
