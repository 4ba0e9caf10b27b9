//! grader: expect fail late_runners_start_at_once "This is a lost wakeup"
//! grader: expect fail gun_before_anyone_lines_up "This is a lost wakeup"
//! grader: expect fail second_gun_is_harmless "ran off only at 2.000s"
//! `set()` calls `Notify::notify_waiters()`, and `wait()` sleeps on `notified()` without
//! looking at the flag: a runner who lines up after the gun waits forever.

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
    gun: Notify,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Fires the start: wakes every task waiting in `wait()`.
    pub fn set(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.gun.notify_waiters();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        self.gun.notified().await;
    }
}
