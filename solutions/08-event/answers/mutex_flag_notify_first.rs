//! grader: expect fail late_runners_start_at_once "set() wakes the waiters before it stores the flag"
//! A `Mutex<bool>` and a `Notify`: `set()` calls `notify_waiters()` and only then sets
//! the bool, so there is a moment when the runners are woken but the flag says "not set".
//! grader: based on look_and_register_under_one_lock
//! grader: replaces `*self.fired.lock().unwrap() = true;` with ``
//! grader: replaces `self.gun.notify_waiters();` with `self.gun.notify_waiters(); *self.fired.lock().unwrap() = true;`
