//! grader: expect fail second_gun_is_harmless "set() a second time at 2.000s"
//! `set()` adds `Semaphore::MAX_PERMITS` permits, which releases every waiter, but a
//! second `set()` would pass the maximum, and panics.
//! grader: replaces items

use tokio::sync::Semaphore;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug)]
pub struct StartSignal {
    gate: Semaphore,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { gate: Semaphore::new(0) }
    }

    /// Fires the start: opens the gate for everyone.
    pub fn set(&self) {
        self.gate.add_permits(Semaphore::MAX_PERMITS);
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.gate.available_permits() > 0
    }

    /// Waits until the signal is set: takes a permit and gives it back at once.
    pub async fn wait(&self) {
        let _ = self.gate.acquire().await;
    }
}
