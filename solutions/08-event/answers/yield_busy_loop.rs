//! grader: expect fail runners_wait_for_the_gun "That is a busy loop"
//! grader: expect fail late_runners_start_at_once "That is a busy loop"
//! grader: expect fail second_gun_is_harmless "That is a busy loop"
//! `wait()` checks the flag and yields, again and again: the task is always ready, so
//! virtual time can't move on and the gun can't fire.

use std::sync::atomic::{AtomicBool, Ordering};

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Fires the start.
    pub fn set(&self) {
        self.fired.store(true, Ordering::SeqCst);
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        while !self.is_set() {
            tokio::task::yield_now().await;
        }
    }
}
