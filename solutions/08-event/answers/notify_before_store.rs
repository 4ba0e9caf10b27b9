//! grader: expect fail late_runners_start_at_once "set() wakes the waiters before it stores the flag"
//! `wait()` is right (it creates `notified()` before looking), but `set()` wakes the
//! waiters first and stores the flag after: a runner who looks in between misses it.
//! grader: based on notify_and_flag
//! grader: replaces `self.fired.store(true, Ordering::SeqCst);` with ``
//! grader: replaces `self.gun.notify_waiters();` with `self.gun.notify_waiters(); self.fired.store(true, Ordering::SeqCst);`
