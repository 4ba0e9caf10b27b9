//! grader: expect fail runners_wait_for_the_gun "`Notify::notify_one()`, which wakes a single task"
//! grader: expect fail late_runners_start_at_once "looks at the flag before it creates its `notified()` future"
//! Keeps a flag, but `set()` calls `Notify::notify_one()`: the gun releases one runner,
//! and the others stay on the line.
//! grader: based on check_then_notified
//! grader: replaces `self.gun.notify_waiters();` with `self.gun.notify_one();`
