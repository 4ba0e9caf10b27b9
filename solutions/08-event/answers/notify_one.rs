//! grader: expect fail runners_wait_for_the_gun "A possible cause: `Notify::notify_one()`"
//! grader: expect fail late_runners_start_at_once "looks at the flag before it creates its `notified()` future"
//! Keeps a flag, but `set()` calls `Notify::notify_one()`: the gun releases one runner,
//! and the others stay on the line.

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

    /// Fires the start.
    pub fn set(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.gun.notify_one();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Waits until the signal is set; returns at once if it is set already.
    pub async fn wait(&self) {
        if !self.is_set() {
            self.gun.notified().await;
        }
    }
}
