//! grader: expect fail runners_wait_for_the_gun "checks a flag on a very short timer"
//! grader: expect fail late_runners_start_at_once "was woken 1000 times"
//! grader: expect fail second_gun_is_harmless "checks a flag on a very short timer"
//! `wait()` looks at the flag every millisecond: the runners are woken a thousand times
//! a second for nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

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
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
}
